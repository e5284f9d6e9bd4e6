"""``review()``: normalise once, run the compiled patterns and the checks, build the report."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate, chain
from pathlib import Path
from typing import TYPE_CHECKING

from reinstate.core.codes import Severity
from reinstate.core.errors import InputError
from reinstate.core.paths import data_home
from reinstate.core.review import checks, classifier
from reinstate.core.review.context import Context, Hit
from reinstate.core.review.matcher import compile_once, regex
from reinstate.core.review.model import (
    LETTER_KINDS,
    PARTS,
    SEVERITY_ORDER,
    Finding,
    LetterKind,
    Part,
    Report,
    Rule,
    SectionReport,
)
from reinstate.core.review.normalize import Normalised, normalise
from reinstate.core.review.rules import ReviewConfig, expand_pattern, load_rules
from reinstate.core.review.sections import find_sections
from reinstate.core.review.stats import compute_stats

if TYPE_CHECKING:
    from reinstate.core.case import CaseFacts

_SEVERITIES: dict[str | None, Severity] = {"error": "error", "warning": "warning", "info": "info"}


@lru_cache(maxsize=8)
def _default_config(home: Path) -> ReviewConfig:
    return ReviewConfig.from_home(home)


# a label and a short value ("Store name: ...", "Marketplaces: Amazon.de, Amazon.fr")
_LABEL_LINE = regex(r"[A-Z][A-Za-z /&()'-]{0,40}:(?:[ \t]+[^ \t\n]+){1,8}[ \t]*$")
# a heading line in capitals ("VIOLATION 1 - Pesticide claims on B0B8KRT4WZ"): not prose
_CAPS_HEADING = regex(r"[ \t#*>]*[A-Z]{4,}\b[^.!?\n]*$")
# not prose either: a table row ("| HHD-56177 | Apr 2, 2026 | 400 |"), two ASINs on one line,
# rows of order IDs (one on each of two lines) or a list of three or more
_TABLE_OR_CODES = regex(
    r"\|[^|\n]*\||B(?<!\w.)0[A-Z0-9]{8}\b[^\n]*\bB0[A-Z0-9]{8}\b"
    r"|\b\d{3}-\d{7}-\d{7}\b[^\n]*\n[^\n]*\b\d{3}-\d{7}-\d{7}\b"
    r"|(?:\b\d{3}-\d{7}-\d{7}\b[^\n]*?){3}"
)
# a title or "e.g." before a full stop does not end the sentence ("Dr. Albers", "No. 4"); the
# stop comes first and the look-backs after it, so the engine skips ahead from stop to stop
_PAIR_STOP = regex(
    r"[.](?<!\b(?:dr|mr|ms|st|vs)\.)(?<!\b(?:mrs|e\.g|i\.e)\.)(?= )(?!(?<=\bno\.) \d)|[!?](?= )"
)
_BREAK = regex(r"\n")
_QUESTION_END = regex(r"\?[\"')\]]*\s*\Z")
# a list number or letter opening a line ("1.3 ", "2) ", "(a) "): not part of the sentence
_ENUMERATOR = regex(
    r"[ \t*\-]*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-z]\))[ \t]+"
)
_START = re.Match.start
_PLUS_ONE = (1).__add__
# a short title line in the seller's own words ("3.4 Ongoing checks", "Regular audits"): it
# names what follows, it promises nothing
_TITLE_LINE = regex(
    r"[ \t#]*(?:\d{1,2}(?:\.\d{1,2})*\.?[ \t]+)?[A-Z][a-z]*(?:[ \t][A-Za-z]+){0,3}[ \t]*"
)
_NOT_A_TITLE = regex(r"\b(?:we|i|our|us|will|shall|must|never)\b")
# Categories whose exceptions excuse only their own clause. A number or a schedule in one
# clause does not make a promise in the next one checkable ("Dana checks every title on the
# 5th; the company will remain vigilant"), nor does a retraction asked for excuse a threat. A
# document backs the claim it follows, not a new one ("... (screenshot attached), and we have
# since reviewed every other listing"), but it may stand in a clause of its own ("taken by our
# photographer; the RAW files are attached").
_SEMICOLON = regex(r"; ")
_AND_WE = regex(r",? and (?:we|i) (?=have|had|also|then|since|now|[a-z]{2,}ed\b)")
# a dated step and a new promise joined by "and": the date does not excuse the promise
_AND_WE_WILL = regex(r"; |, and (?:we|i) (?=will |shall )")
_CLAUSE_CUTS = {
    "vague_promise": _AND_WE_WILL,
    "threat_legal": _SEMICOLON,
    "unsupported_claim": _AND_WE,
}
# The seller owning the cause in one of the two sentences after another party's act ("Our
# factory changed the buckle supplier and did not tell us. But the main failure is ours."): the
# blame finding is then a reminder, not a warning.
_OWNED = regex(
    r"\b(?:the )?(?:main |real |root |actual )?(?:failure|fault|mistake|error|gap"
    r"|responsibility|blame)(?: for (?:this|that|it))? (?:is|was|lies|lay|sits|sat|rests|rested)"
    r" (?:entirely |fully |still |really )?(?:ours|mine|with us|on us|with me|on me)\b"
    r"|\b(?:we|i) (?:did not|didn't|never|failed to) (?:check|inspect|test|retest|re-test|verify"
    r"|compare|notice|catch|review|confirm|read)\b"
    r"|\b(?:we|i) (?:had )?(?:approved|signed off|okayed) (?:the|it|this|that|their|its|every)\b"
    r"|(?<!\bno )(?<!\bany )(?<!\bnone of the )(?<!\bnone of our )(?<!\bthink the )"
    r"(?<!\bbelieve the )(?<!\bthink our )\b(?:gaps?|failures?|faults?|mistakes?|errors?"
    r"|weaknesses) (?:were|was|are|is) (?:on our side|on my side)\b"
    r"|\b(?:we|i) approved (?:it|the|this|that|them)\b[^.\n]{0,60}\bwithout"
    r" (?:checking|comparing|reading|testing|looking)"
    r"|\b(?:it|this|that) (?:is|was) (?:our|my) (?:own )?(?:mistake|fault|failure|gap|error)\b"
    r"|\bwe should have\b|\b(?:we|i) take (?:full )?responsibility\b"
    r"|\b(?:we|i) had no (?:alert|alarm|check|monitor|monitoring|process|rule)s?\b"
    r"|\b(?:we|i) had no (?:quality |stock |internal )?controls?\b(?! over)"
    r"|\bour own (?:setting|settings|setup|set-up|process|processes|procedure|operation|operations"
    r"|system|template|spreadsheet|checklist|staff|team|packers?|mistake|error|oversight)"
    r"(?: \w+)? (?:turned|made|caused|let|allowed|led)\b"
    r"|\b(?:we|i) (?:then )?made (?:it|things|this|the problem) worse\b"
    r"|\bour (?:incoming |own )?(?:inspection|checks?|qc|process|procedure|checklist)s?"
    r" (?:\w+ ){0,8}(?:but )?(?:not|never|did not|missed|failed to)\b"
    r"|\bour (?:purchase |supply )?(?:agreement|contract)s? (?:\w+ ){0,4}(?:did not|never)"
    r" (?:require|include|cover|specify|say|ask)"
)
# categories whose phrases say nothing when they only title a block
_TITLE_SAFE = frozenset({"vague_promise"})
# an earlier appeal's promise reported, not made ("Our first two appeals only said we would
# inspect returns more carefully"): the letter is owning the weak answer
_REPORTED = regex(
    r"\b(?:our|the|my|that|this|both|all) (?:[a-z0-9]+ ){0,3}(?:appeals?|plans?|letters?"
    r"|submissions?|repl(?:y|ies)|answers?|poas?|versions?|drafts?)"
    r" (?:[a-z]+ ){0,2}(?:said|promised|stated|offered|claimed|told you)\b"
    r"|\b(?:we|i) (?:had )?(?:only |just |simply |merely )?(?:said|wrote|promised|told you)"
    r" (?:that )?(?:we|i) would\b"
)
# after the report, the letter makes a promise of its own ("..., but this time we will ...")
_NEW_PROMISE = regex(
    r"\b(?:we|i) (?:will|shall)\b|\b(?:we|i)['\u2019]ll\b"
    r"|\b(?:going forward|from now on|in (?:the )?future)\b"
)


def _reports_promise(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` reports an earlier letter's promise and makes none of its
    own after the report."""
    ends = [m.end() for m in _REPORTED.finditer(text, start, end)]
    return bool(ends) and _NEW_PROMISE.search(text, ends[-1], end) is None


def _title_line(text: str, start: int, end: int) -> bool:
    """True when ``start:end`` lies on a line of the letter of at most four words, starting
    with a capital, with no full stop or list mark, that names no one ("3.4 Ongoing
    checks"): a title, not a sentence."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    return (
        _TITLE_LINE.fullmatch(text, left, right) is not None
        and _NOT_A_TITLE.search(text[left:right].lower()) is None
    )


def _in_heading(ctx: Context, start: int, end: int) -> bool:
    """True when ``start:end`` lies in the heading of one of the three parts ("Why it will not
    happen again" names the part; it promises nothing). A sentence read as the start of a part
    ("We will be more careful from now on.") is still a sentence."""
    spans = [*ctx.sections.parts.values(), *chain.from_iterable(ctx.sections.extra.values())]
    return any(
        p.start <= start
        and end <= p.content_start
        and not ctx.text[p.start : p.content_start].rstrip().endswith((".", "!"))
        for p in spans
    )


class _Stops:
    """Where sentences stop in the normalised text (". ", "! ", "? " or a line break), found
    once per letter and only if a rule with exceptions matched."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.length = len(text)
        # the index of the mark before the space; the line breaks
        self.pairs: list[int] = list(map(_START, _PAIR_STOP.finditer(text)))
        self.breaks: list[int] = list(map(_START, _BREAK.finditer(text)))

    def window(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``start:end``: after the last stop before it, up to the next."""
        pairs, breaks = self.pairs, self.breaks
        i = bisect_right(pairs, start - 2) - 1
        j = bisect_left(breaks, start) - 1
        left = max(pairs[i] + 2 if i >= 0 else 0, breaks[j] + 1 if j >= 0 else 0)
        if left == 0 or self.text[left - 1] == "\n":
            lead = _ENUMERATOR.match(self.text, left, start)
            if lead is not None:
                left = lead.end()
        k = bisect_left(pairs, end)
        n = bisect_left(breaks, end)
        right = min(
            pairs[k] if k < len(pairs) else self.length,
            breaks[n] if n < len(breaks) else self.length,
        )
        return left, right

    def clause(self, start: int, end: int, cuts: re.Pattern[str]) -> tuple[int, int]:
        """The clause around ``start:end``: its sentence, cut where ``cuts`` matches before or
        after it ("Dana checks every title on the 5th; the company will remain vigilant"):
        what excuses one clause does not excuse the other."""
        left, right = self.window(start, end)
        cut_left = left
        for m in cuts.finditer(self.text, left, right):
            if m.end() <= start:
                cut_left = m.end()
            elif m.start() >= end:
                return cut_left, m.start()
        return cut_left, right

    def next_two(self, end: int) -> tuple[int, int]:
        """The two sentences after the one around ``end`` (empty at the end of the text)."""
        first = right = self.window(end, end)[1]
        for _ in range(2):
            if right >= self.length:
                break
            right = self.window(right + 2, right + 2)[1]
        return min(first + 1, self.length), right

    def reported(self, start: int) -> bool:
        """True when the sentence up to ``start`` reports what an earlier letter said."""
        left = self.window(start, start)[0]
        return _reports_promise(self.text, left, start)

    def is_question(self, start: int, end: int) -> bool:
        """True when the sentence around ``start:end`` ends with a question mark (before a
        closing quote or bracket, if any)."""
        right = self.window(start, end)[1]
        if right < self.length and self.text[right] == "?":
            return True
        return self.text[end:right].rstrip(" \t\"')]").endswith("?")


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        # where each line starts: 0, then one past every line break (summed in C)
        lines = text.split("\n")
        self.line_starts = list(accumulate(map(_PLUS_ONE, map(len, lines[:-1])), initial=0))
        self.findings: list[Finding] = []
        self.seen: set[tuple[str, int, int]] = set()

    def add(
        self, rule: Rule, start: int, end: int, message: str | None, severity: str | None
    ) -> None:
        text = self.text
        start = max(0, min(start, len(text)))
        end = max(start, min(end, len(text)))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        key = (rule.id, start, end)
        if key in self.seen:
            return
        self.seen.add(key)
        line = bisect_right(self.line_starts, start)
        column = start - self.line_starts[line - 1] + 1
        self.findings.append(
            Finding(
                rule=rule.id,
                category=rule.category,
                severity=_SEVERITIES.get(severity, rule.severity),
                start=start,
                end=end,
                line=line,
                column=column,
                excerpt=text[start:end],
                message=message or rule.message,
                suggestion=rule.suggestion,
            )
        )


def _match_patterns(ctx: Context, norm: Normalised, config: ReviewConfig, out: _Builder) -> None:
    matcher = load_rules(config.home, builtin_only=config.builtin_only).matcher(config)
    ntext = ctx.scan_text
    kind = ctx.kind
    taken: dict[int, list[tuple[int, int]]] = {}
    stops: _Stops | None = None
    for owner, n_start, n_end in matcher.dispatch.run(ntext):
        entry = matcher.rules[owner]
        rule = entry.rule
        if kind not in rule.kinds:
            continue
        spans = taken.setdefault(owner, [])
        if any(n_start < e and s < n_end for s, e in spans):
            continue
        if entry.exceptions is not None:
            if stops is None:
                stops = _Stops(ntext)
            cuts = _CLAUSE_CUTS.get(rule.category)
            if cuts is not None:
                w_start, w_end = stops.clause(n_start, n_end, cuts)
            else:
                w_start, w_end = stops.window(n_start, n_end)
            if entry.exceptions.search(ntext, w_start, w_end):
                continue
        if rule.category in _TITLE_SAFE:
            # a question ("What steps will you take to ensure ...?") is Amazon's, not a promise
            if stops is None:
                stops = _Stops(ntext)
            if stops.is_question(n_start, n_end) or stops.reported(n_start):
                continue
        start, end = norm.to_original(n_start, n_end)
        if rule.category in _TITLE_SAFE and (
            _title_line(ctx.text, start, end) or _in_heading(ctx, start, end)
        ):
            continue
        if rule.category == "unsupported_claim" and _in_heading(ctx, start, end):
            continue  # "3. Actions taken and steps to prevent this" names a part
        if rule.parts is not None and ctx.sections.part_at(start) not in rule.parts:
            continue
        if ctx.quoted and any(a <= start < b for a, b in ctx.quoted):
            continue
        spans.append((n_start, n_end))
        severity = None
        if rule.category == "blame_others" and rule.severity != "info":
            if stops is None:
                stops = _Stops(ntext)
            if _OWNED.search(ntext, *stops.next_two(n_end)):
                severity = "info"  # the letter owns it right after: a reminder is enough
        out.add(rule, start, end, None, severity)


def _match_cooccur(ctx: Context, config: ReviewConfig, out: _Builder) -> None:
    """Sentences a co-occurrence rule flags, unless a finding of the same category and at
    least the same severity already covers part of the sentence (one per problem is enough)."""
    matcher = load_rules(config.home, builtin_only=config.builtin_only).matcher(config)
    found = matcher.cues.find(ctx)
    if not found:
        return
    kind = ctx.kind
    # a part's own heading ("How we will keep this from happening again") is not a sentence
    headings = [(p.start, p.content_start) for p in ctx.sections.parts.values()]
    for rule, start, end in found:
        if kind not in rule.kinds:
            continue
        if any(a <= start and end <= b for a, b in headings):
            continue
        if rule.parts is not None and ctx.sections.part_at(start) not in rule.parts:
            continue
        if ctx.quoted and any(a <= start < b for a, b in ctx.quoted):
            continue
        category = rule.category
        if category in _TITLE_SAFE and (
            _QUESTION_END.search(ctx.text, start, end) or _reports_promise(ctx.lower, start, end)
        ):
            continue  # Amazon's question ("What will you do to ensure ...?"), or an earlier
            # letter's promise reported, not made
        level = SEVERITY_ORDER[rule.severity]
        if _covered(out, category, start, end, level):
            continue
        severity = None
        if category == "blame_others" and rule.severity != "info" and _owned_after(ctx, end):
            severity = "info"  # the letter owns it right after: a reminder is enough
        out.add(rule, start, end, None, severity)


def _owned_after(ctx: Context, end: int) -> bool:
    """True when one of the two sentences after the one ending at ``end`` owns the cause."""
    sentences = ctx.sentences
    first = bisect_left(sentences, (end, -1))
    after = sentences[first : first + 2]
    return bool(after) and _OWNED.search(ctx.lower, after[0][0], after[-1][1]) is not None


def _covered(out: _Builder, category: str, start: int, end: int, level: int) -> bool:
    """True when a finding of ``category`` at ``level`` or above overlaps the sentence
    ``start:end``; in a long sentence it must cover at least 40% of it (a finding on a short
    part of a long sentence may be about another of its clauses, which gets its own)."""
    share = 2 * (end - start) if end - start > _LONG_SENTENCE else 0
    return any(
        f.category == category
        and f.start < end
        and start < f.end
        and SEVERITY_ORDER[f.severity] <= level
        and 5 * (min(end, f.end) - max(start, f.start)) >= share
        for f in out.findings
    )


_LONG_SENTENCE = 120  # characters


def _match_classifier(ctx: Context, config: ReviewConfig, out: _Builder) -> None:
    """Sentences the sentence model scores high for a category, where no other finding of
    that category covers them (the model catches wordings no list has)."""
    matcher = load_rules(config.home, builtin_only=config.builtin_only).matcher(config)
    rules: dict[str, Rule] = {
        rule.classifier: rule
        for rule in matcher.classifiers
        if ctx.kind in rule.kinds and rule.classifier
    }
    if not rules:
        return
    model = classifier.load_model()
    # label lines and the parts' own headings are not prose
    headings = [(p.start, p.content_start) for p in ctx.sections.parts.values()]
    sentences = [
        s
        for s in ctx.sentences
        if not _LABEL_LINE.match(ctx.text, s[0], s[1])
        and not _CAPS_HEADING.match(ctx.text, s[0], s[1])
        and not _TABLE_OR_CODES.search(ctx.text, s[0], s[1])
        and not any(a <= s[0] and s[1] <= b for a, b in headings)
    ]
    if ctx.quoted:
        sentences = [s for s in sentences if not any(a <= s[0] < b for a, b in ctx.quoted)]
    norm = ctx.norm
    norm_spans = classifier.normalised_spans(
        norm.norm_starts, norm.orig_starts, norm.copied, len(norm.text), sentences
    )
    for category, start, end, strong in classifier.classify(
        model, ctx.scan_text, sentences, norm_spans, set(rules)
    ):
        rule = rules[category]
        if rule.parts is not None and ctx.sections.part_at(start) not in rule.parts:
            continue
        # a reminder (info) on one clause does not hide the model's warning on the sentence
        level = SEVERITY_ORDER[rule.severity] if strong else len(SEVERITY_ORDER)
        if _covered(out, category, start, end, level):
            continue
        if category in _TITLE_SAFE and _reports_promise(ctx.lower, start, end):
            continue
        if rule.exceptions and _exceptions(tuple(rule.exceptions)).search(
            normalise(ctx.lower[start:end]).text
        ):
            continue
        severity = None if strong else "info"
        if category == "blame_others" and strong and _owned_after(ctx, end):
            severity = "info"  # the letter owns it right after: a reminder is enough
        out.add(rule, start, end, None, severity)


@lru_cache(maxsize=64)
def _exceptions(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """A classifier rule's exceptions: a sentence holding one is not flagged."""
    return compile_once("|".join(expand_pattern(p) for p in patterns))


def _run_checks(ctx: Context, config: ReviewConfig, out: _Builder) -> None:
    matcher = load_rules(config.home, builtin_only=config.builtin_only).matcher(config)
    for rule in matcher.checks:
        if ctx.kind not in rule.kinds or rule.check is None:
            continue
        hits: list[Hit] = checks.CHECKS[rule.check](ctx)
        for hit in hits:
            # Amazon's quoted mail is not the seller's text (a check about the whole letter
            # points at its first line, whatever that line is)
            if (
                ctx.quoted
                and any(a <= hit.start < b for a, b in ctx.quoted)
                and (hit.start, hit.end) != ctx.first_line()
            ):
                continue
            out.add(rule, hit.start, hit.end, hit.message, hit.severity)


def _section_reports(ctx: Context) -> dict[Part, SectionReport]:
    reports: dict[Part, SectionReport] = {}
    for part in PARTS:
        span = ctx.sections.parts.get(part)
        if span is None:
            reports[part] = SectionReport(found=False, notes=("not found",))
            continue
        notes: list[str] = []
        body = "".join(ctx.text[s:e] for s, e in ctx.sections.ranges(part)).strip()
        if not body:
            notes.append("the part is empty")
        if part == "root_cause":
            if checks.misplaced_promise(ctx):
                notes.append("promises about the future belong under preventive measures")
            if checks.root_cause_restates(ctx):
                notes.append("it restates the notice instead of explaining the cause")
        elif part == "corrective_actions":
            if any(hit.severity is None for hit in checks.corrective_future(ctx)):
                notes.append("it promises future steps instead of listing actions taken")
            if checks.no_dates(ctx):
                notes.append("no dates or numbers back the actions")
        extra = ctx.sections.extra.get(part, [])
        end = extra[-1].end if extra else span.end
        fits = bool(body) and not any(
            n for n in notes if n != "no dates or numbers back the actions"
        )
        reports[part] = SectionReport(
            found=True,
            start=span.start,
            end=end,
            heading=span.heading,
            fits=fits,
            notes=tuple(notes),
        )
    return reports


def review(
    text: str,
    kind: LetterKind = "poa",
    case: CaseFacts | None = None,
    config: ReviewConfig | None = None,
) -> Report:
    """Review one letter; see the package docstring."""
    if kind not in LETTER_KINDS:
        raise InputError(f"unknown kind '{kind}' (one of: {', '.join(LETTER_KINDS)})")
    if not isinstance(text, str):
        raise InputError("the letter must be text")
    if config is None:
        config = _default_config(data_home())
    plain = _plain(text)
    if plain is not text:
        return _review_plain(text, plain, kind, case, config)
    norm = normalise(text)
    ctx = Context(text, norm, kind, case, find_sections(text))
    out = _Builder(text)
    _match_patterns(ctx, norm, config, out)
    _match_cooccur(ctx, config, out)
    _run_checks(ctx, config, out)
    _match_classifier(ctx, config, out)
    findings = sorted(
        out.findings, key=lambda f: (f.start, SEVERITY_ORDER[f.severity], f.rule, f.end)
    )
    return Report(
        kind=kind,
        findings=findings,
        sections=_section_reports(ctx),
        stats=compute_stats(ctx),
    )


# Characters read as their plain form: full-width punctuation and letters as typed with a
# Chinese or Japanese input method ("Store name：", "，"), the ideographic space, comma and full
# stop, and bullet glyphs (read as "•"). One character for one, so offsets do not move.
_PLAIN_CHARS = {
    **{0xFF01 + i: 0x21 + i for i in range(94)},
    0x3000: " ",
    0x3001: ",",
    0x3002: ".",
    **dict.fromkeys(map(ord, "▪■●◆◇►▶➤➢◦‣⁃∙"), "•"),
}
_NOT_PLAIN = re.compile("\r\n|[\uff01-\uff5e\u3000-\u3002▪■●◆◇►▶➤➢◦‣⁃∙]")


def _plain(text: str) -> str:
    """The letter with Windows line ends as plain line breaks and the characters of
    ``_PLAIN_CHARS`` in their plain form (``text`` itself when it has none)."""
    if _NOT_PLAIN.search(text) is None:
        return text
    return text.replace("\r\n", "\n").translate(_PLAIN_CHARS)


def _review_plain(
    text: str, plain: str, kind: LetterKind, case: CaseFacts | None, config: ReviewConfig
) -> Report:
    """A letter with Windows line ends ("\\r\\n", as a browser sends a form's text and as files
    saved on Windows hold them), full-width punctuation or other bullet glyphs reads as the
    same letter in plain form: it is reviewed that way, and the spans are mapped back to the
    letter (excerpts are the letter's own characters)."""
    report = review(plain, kind, case, config)
    # where each dropped "\r" stood, as an offset in ``plain``
    dropped = [m.start() - i for i, m in enumerate(_CRLF.finditer(text))]

    def at(pos: int) -> int:
        return pos + bisect_left(dropped, pos)

    findings = [
        replace(f, start=at(f.start), end=at(f.end), excerpt=text[at(f.start) : at(f.end)])
        for f in report.findings
    ]
    sections = {
        part: section
        if section.start is None or section.end is None
        else replace(section, start=at(section.start), end=at(section.end))
        for part, section in report.sections.items()
    }
    return Report(kind=report.kind, findings=findings, sections=sections, stats=report.stats)


_CRLF = re.compile("\r\n")
