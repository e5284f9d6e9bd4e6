"""Field extraction from the text of one Amazon message, driven by the wording files."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from email.utils import parseaddr

from reinstate.core.codes import Doc, NoticeKind, Reason
from reinstate.core.notice.dates import first_date
from reinstate.core.notice.model import CitedItem, Clock
from reinstate.core.notice.patterns import DOC_ORDER, Lang, Patterns

DOC_RANK: dict[str, int] = {code: rank for rank, code in enumerate(DOC_ORDER)}
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")
_SCRIPTS = (
    (re.compile(r"[\u3040-\u30ff]"), "ja", 0.9),
    (re.compile(r"[\u4e00-\u9fff]"), "zh", 0.8),
    (re.compile(r"[\u0600-\u06ff]"), "ar", 0.8),
    (re.compile(r"[\u0400-\u04ff]"), "ru", 0.6),
)

_EMAIL = re.compile(
    r"(?<![\w.+-])(?P<user>[\w.+-]{1,64})\s?(?:@|\[at\]|\(at\)|\sat\s(?=[\w-]+\s?(?:\.|\[dot\]|\(dot\))))\s?"
    r"(?P<host>[\w-]{1,63}(?:\s?(?:\.|\[dot\]|\(dot\))\s?[a-z]{2,12}\b)+)",
    re.I,
)
_DOT = re.compile(r"\s?(?:\[dot\]|\(dot\))\s?|\s?\.\s?", re.I)
_URL = re.compile(r"(?:[hH](?:[tT]{2}|[xX]{2})[pP][sS]?://|[wW]{3}\.)[^\s<>\"')\]]+")
_NAME_TRIM = re.compile(r"^[\s\"'“”«»„(*]+|[\s\"'“”«»„)*.,;:]+$")
_SPACES = re.compile(r"\s+")
_ABBREVIATION = re.compile(r"(?:\b(?:Co|Inc|Ltd|Corp|Bros|Ltda|Cia)|\b[A-Za-z]\.[A-Za-z])$")


def langs_for(patterns: Patterns, code: str) -> list[Lang]:
    """The detected language's patterns, then English (notices often mix in English)."""
    chosen = [patterns.langs[code]] if code in patterns.langs else []
    if code != "en":
        chosen.append(patterns.langs["en"])
    return chosen


def detect_language(patterns: Patterns, text: str) -> tuple[str, float]:
    """The language code of a text and how sure that is (stop words counted)."""
    sample = text[:1500].lower()
    if not sample.isascii():
        for script, code, sure in _SCRIPTS:
            if script.search(sample):
                return code, sure
    index = patterns.stopword_index
    scores: dict[str, int] = {}
    for word in _WORD.findall(sample):
        codes = index.get(word)
        if codes:
            for code in codes:
                scores[code] = scores.get(code, 0) + 1
    if not scores:
        return "en", 0.2
    best = max(scores, key=lambda c: (scores[c], c == "en"))
    total = sum(scores.values())
    return best, round(min(0.99, 0.4 + 0.6 * scores[best] / total), 2)


def _inside_quotes(text: str, start: int) -> bool:
    """True when ``start`` lies inside quotation marks opened earlier on its line: someone
    (a forum post, a seller's mail) quoting Amazon's words, not Amazon saying them."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if not line or len(line) > 400:
        return False
    if line.count('"') % 2 == 1:
        return True
    opened = line.rfind("\u201c")  # “ opens in English but closes a German „…“
    if opened > line.rfind("\u201d") and "\u201e" not in line:
        return True
    return line.rfind("\u00ab") > line.rfind("\u00bb")


def quotes_a_notice(langs: list[Lang], body: str) -> bool:
    """True when Amazon's wording appears only inside quotation marks (a forum post)."""
    low = body.lower()
    for lang in langs:
        for _, matcher in lang.kinds:
            if any(_inside_quotes(body, m.start()) for _, m in matcher.finditer(body, low)):
                return True
    return False


def detect_kind(langs: list[Lang], subject: str, body: str) -> tuple[NoticeKind, float]:
    """What the message is. Amazon's answers are read from the body only; wording that is
    quoted in quotation marks does not count."""
    both = f"{subject}\n{body}"
    low_body, low_both = body.lower(), both.lower()
    for lang in langs:
        for kind, matcher in lang.kinds:
            answer = kind in ("appeal_denied", "more_information_needed", "reinstated")
            text, low = (body, low_body) if answer else (both, low_both)
            for _, m in matcher.finditer(text, low):
                if not _inside_quotes(text, m.start()):
                    return kind, 0.9 if kind != "warning" else 0.75
    return "other", 0.6


def _cause_sentences(langs: list[Lang], text: str, starts: list[int]) -> set[int]:
    """The sentences (by index in ``starts``) that state a cause: "because", "we found" ..."""
    found: set[int] = set()
    for lang in langs:
        if lang.cause_cues is None:
            continue
        for m in lang.cause_cues.finditer(text):
            found.add(bisect_right(starts, m.start()) - 1)
    return found


def detect_reason(
    langs: list[Lang], text: str, weak: frozenset[str] = frozenset()
) -> tuple[Reason, float]:
    """The reason the notice gives as the cause ("because ...", "we found that ..."), else the
    one with the most hits anywhere; ties go to the one named first, weak reasons come last.

    Links and policy names around the cause ("Learn more: Order Defect Rate ...") only
    decide when no sentence states a cause."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    positions: list[tuple[int, str]] = []
    low = text.lower()
    for lang in langs:
        for code, m in lang.reasons.finditer(text, low):
            counts[code] = counts.get(code, 0) + 1
            first[code] = min(first.get(code, m.start()), m.start())
            positions.append((m.start(), code))
    if not counts:
        return "other", 0.5
    cause: dict[str, int] = {}
    if len(counts) > 1:
        starts = _sentence_starts(text)
        stated = _cause_sentences(langs, text, starts)
        for start, code in positions:
            if bisect_right(starts, start) - 1 in stated:
                cause[code] = cause.get(code, 0) + 1
    pool = cause or counts
    best = max(pool, key=lambda c: (c not in weak, pool[c], counts[c], -first[c]))
    confidence = 0.5 + 0.45 * pool[best] / sum(pool.values())
    return best, round(min(0.95, confidence), 2)  # type: ignore[return-value]


def _sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def _mentioned_only(lang: Lang, sentence: str, start: int, end: int) -> bool:
    """A document named as something already sent or checked, not asked for."""
    before, after = lang.doc_not_before, lang.doc_not_after
    if before is not None and before.search(sentence[max(0, start - 50) : start]):
        return True
    return after is not None and bool(after.match(sentence[end : end + 50]))


def requested_documents(langs: list[Lang], text: str, kind: NoticeKind) -> tuple[list[Doc], float]:
    """The documents the message asks for, in the order it names them ("other" last)."""
    need_cue = kind in ("appeal_denied", "reinstated", "other")
    low = text.lower()
    starts: list[int] | None = None
    found: dict[str, int] = {}
    for lang in langs:
        hits = sorted(
            (m.start(), DOC_RANK[code], m.end(), code)
            for code, m in lang.documents.finditer(text, low)
        )
        taken_end = -1
        for start, _, end, code in hits:
            if start < taken_end:
                continue
            taken_end = end
            if starts is None:
                starts = _sentence_starts(text)
            i = bisect_right(starts, start) - 1
            s0 = starts[i]
            s1 = starts[i + 1] if i + 1 < len(starts) else len(text)
            sentence = text[s0:s1]
            if need_cue or code == "other":
                cue = lang.request_cues is not None and bool(lang.request_cues.search(sentence))
                if not cue:
                    continue
            if _mentioned_only(lang, sentence, start - s0, end - s0):
                continue
            found.setdefault(code, start)
    if kind == "reinstated":
        found.pop("plan_of_action", None)
    ordered = sorted(found, key=lambda c: (c == "other", found[c]))
    return ordered, 0.8 if ordered else 0.6  # type: ignore[return-value]


def mentions_section_3(langs: list[Lang], text: str) -> bool:
    low = text.lower()
    return any(lang.section_3.search(text, low) for lang in langs)


def merchant_token(patterns: Patterns, text: str) -> tuple[str | None, float]:
    """A merchant token: one with its label first, else one with the shape of a token."""
    bare: str | None = None
    for m in patterns.merchant_bare.finditer(text):
        token = m.group(0)
        if patterns.merchant_label_before.search(text, max(0, m.start() - 60), m.start()):
            return token, 0.95
        digits = sum(ch.isdigit() for ch in token)
        if bare is None and 2 <= digits <= len(token) - 4:
            bare = token
    return bare, 0.6 if bare else 0.7


def case_ids(patterns: Patterns, texts: list[str]) -> list[str]:
    """Numbers printed after a case, reference or complaint label."""
    found: list[str] = []
    for text in texts:
        for m in patterns.case_id.finditer(text):
            value = m.group(0).strip("-")
            if value in found or sum(ch.isdigit() for ch in value) < 5:
                continue
            if patterns.case_label_before.search(text, max(0, m.start() - 60), m.start()):
                found.append(value)
    return found


def asins(patterns: Patterns, text: str) -> list[str]:
    """ASINs with the B0 shape anywhere; other shapes and masked ones only beside an ASIN label."""
    found: list[tuple[int, str]] = []
    seen: set[str] = set()

    def add(pos: int, value: str) -> None:
        if value not in seen:
            seen.add(value)
            found.append((pos, value))

    if "B0" in text:
        for m in patterns.asin.finditer(text):
            add(m.start(), m.group(0))
        for m in patterns.asin_masked.finditer(text):
            add(m.start(), m.group(0))
    if "asin" not in text.lower():
        return [value for _, value in sorted(found)]
    lines = text.split("\n")
    offset = 0
    in_list = False
    for line in lines:
        label = patterns.asin_label.search(line)
        if label:
            rest = line[label.end() :]
            for m in patterns.asin_in_context.finditer(rest):
                add(offset + label.end() + m.start(), m.group(0))
            in_list = rest.rstrip().endswith(":") or not rest.strip()
        elif in_list:
            tokens = list(patterns.asin_in_context.finditer(line))
            if tokens and len(line.strip()) <= 40 * len(tokens):
                for m in tokens:
                    add(offset + m.start(), m.group(0))
            elif line.strip():
                in_list = False
        offset += len(line) + 1
    return [value for _, value in sorted(found)]


def _clean_name(patterns: Patterns, value: str) -> str | None:
    value = _SPACES.sub(" ", value)
    name = _NAME_TRIM.sub("", value).strip()
    if value.rstrip().endswith(".") and _ABBREVIATION.search(name):
        name += "."  # "Fernwood Skin Co.", "Acme Inc.": the dot belongs to the name
    if (
        not 2 <= len(name) <= 80
        or patterns.not_a_store_name.search(name)
        or not any(c.isalpha() for c in name)
    ):
        return None
    if name[0].islower():  # "including your listings", "the account": not a name
        return None
    return name


def store_name(patterns: Patterns, langs: list[Lang], text: str) -> tuple[str | None, float]:
    labelled = patterns.store_label.search(text)
    if labelled:
        name = _clean_name(patterns, labelled.group("v"))
        if name:
            return name, 0.9
    low = text.lower()
    for lang in langs:
        for _, m in lang.store_name.finditer(text, low):
            name = _clean_name(patterns, m.group("name") or "")
            if name:
                return name, 0.85
    return None, 0.6


def forwarder_store(patterns: Patterns, langs: list[Lang], text: str) -> str | None:
    low = text.lower()
    for lang in langs:
        for _, m in lang.forwarder_store.finditer(text, low):
            name = _clean_name(patterns, m.group("name") or "")
            if name:
                return name
    return None


def marketplace(regex: re.Pattern[str], texts: Iterable[str]) -> str | None:
    for text in texts:
        m = regex.search(text)
        if m:
            return m.group("domain").lower()
    return None


def _number(patterns: Patterns, value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    return patterns.numbers.get(value.lower())


def clocks(patterns: Patterns, langs: list[Lang], text: str, day_first: bool) -> list[Clock]:
    found: list[tuple[int, Clock]] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    for lang in langs:
        for about, m in lang.clocks.finditer(text, low):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            groups = m.groupdict()
            days = _number(patterns, groups.get("days"))
            hours = _number(patterns, groups.get("hours"))
            appeals = _number(patterns, groups.get("appeals"))
            when = None
            printed = groups.get("date")
            if printed:
                hit = first_date(patterns, printed, day_first=day_first)
                when = hit.day if hit else None
            if days is None and hours is None and appeals is None and when is None:
                continue
            taken.append((m.start(), m.end()))
            clock = Clock(
                text=_SPACES.sub(" ", m.group(0) or "").strip(),
                about=about,
                days=days,
                hours=hours,
                appeals=appeals,
                date=when,
            )
            found.append((m.start(), clock))
    return [clock for _, clock in sorted(found, key=lambda item: item[0])]


def sender(value: str | None) -> str | None:
    """A From value in one form: ``Name <address>`` (as printed when no address is found)."""
    if not value:
        return None
    name, address = parseaddr(value)
    if "@" not in address or " " in address:
        return value
    name = name.strip().strip('"').strip()
    return f"{name} <{address}>" if name else address


def addresses(text: str) -> list[str]:
    found: list[str] = []
    low = text.lower()
    if "@" not in text and "(at)" not in low and "[at]" not in low and " at " not in low:
        return found
    for m in _EMAIL.finditer(text):
        host = _DOT.sub(".", m.group("host")).lower()
        address = f"{m.group('user')}@{host}"
        if address not in found:
            found.append(address)
    return found


def links(patterns: Patterns, text: str, extra: list[str]) -> list[str]:
    """Help links: those of the HTML, web addresses (also hxxp://), bare Seller Central links."""
    found: list[str] = []
    low = text.lower()
    spans: list[tuple[int, str]] = []
    if "http" in low or "hxxp" in low or "www." in low:
        spans += [(m.start(), m.group(0)) for m in _URL.finditer(text)]
    spans += [
        (m.start(), m.group(0))
        for m in patterns.bare_link.finditer(text)
        if not any(start <= m.start() < start + len(url) for start, url in spans)
    ]
    for value in [*extra, *(url for _, url in sorted(spans))]:
        value = value.rstrip(".,;:")
        if value.lower().startswith("hxxp"):
            value = "http" + value[4:]
        if value not in found:
            found.append(value)
    return found


def cited_items(patterns: Patterns, text: str) -> list[CitedItem]:
    """One item per ASIN line, with the complaint ID, type, title and brand near it."""
    items: list[CitedItem] = []
    if "asin" not in text.lower() and "B0" not in text:
        return items
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "B0" not in line and "asin" not in line.lower():
            continue
        codes = [m.group(0) for m in patterns.asin.finditer(line)]
        codes += [m.group(0) for m in patterns.asin_masked.finditer(line)]
        if not codes and patterns.asin_label.search(line):
            label = patterns.asin_label.search(line)
            assert label is not None
            codes = [m.group(0) for m in patterns.asin_in_context.finditer(line[label.end() :])]
        if not codes:
            continue
        complaint = patterns.case_label.search(line)
        kind = patterns.complaint_type_word.search(line)
        ctype = None
        inline_title = patterns.title_inline.search(line)
        inline_brand = patterns.brand_inline.search(line)
        title = inline_title.group("v") if inline_title else None
        brand = inline_brand.group("v") if inline_brand else None
        for near in lines[max(0, index - 2) : index + 4]:
            if near is line:
                continue
            t = patterns.title_line.match(near)
            b = patterns.brand_line.match(near)
            c = patterns.complaint_type_line.match(near)
            title = title or (t.group("v").strip() if t else None)
            brand = brand or (b.group("v").strip() if b else None)
            ctype = ctype or (c.group("v").strip() if c else None)
        for code in codes:
            items.append(
                CitedItem(
                    asin=code,
                    title=title,
                    brand=brand,
                    complaint_id=complaint.group("v") if complaint else None,
                    complaint_type=(kind.group(0) if kind else None) or ctype,
                )
            )
    return items


def notice_date_line(patterns: Patterns, text: str, day_first: bool) -> tuple[int, int, int] | None:
    """A date printed on its own labelled line ("Date: 12 October 2026")."""
    for m in patterns.notice_date_line.finditer(text):
        hit = first_date(patterns, m.group("v"), day_first=day_first)
        if hit:
            return hit.day.year, hit.day.month, hit.day.day
    return None
