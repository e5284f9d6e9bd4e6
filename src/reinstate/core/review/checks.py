"""The rules that need logic, not only patterns: structure, length, evidence, identifiers.

Each check is a plain function ``(Context) -> list[Hit]`` registered under the name a rule
file gives in ``check = "..."``; the rule file still carries the id, category, severity,
message, suggestion and examples.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import pairwise

from reinstate.core.review.context import MARK_SCANS, PARAGRAPH_BREAK, Context, Hit, word_scan
from reinstate.core.review.identifiers import ANY_DATE, DATE, TOKEN, labelled_tokens, parse_date
from reinstate.core.review.matcher import regex
from reinstate.core.review.model import PARTS, Part
from reinstate.core.review.sections import PartSpan, names_its_part
from reinstate.core.review.sections import heading_part as _known_heading

CheckFn = Callable[[Context], list[Hit]]
CHECKS: dict[str, CheckFn] = {}

_PART_NAMES: dict[Part, str] = {
    "root_cause": "root cause",
    "corrective_actions": "corrective actions",
    "preventive_measures": "preventive measures",
}
# A promise about the future: "we will", "our team shall", "I'll", "going forward", "from now
# on", "in the future", each at a word start. Every branch starts with a letter, so the engine
# skips in C to the few letters a branch can start with; "(?<!\w.)" after that first letter
# is the word boundary before it.
_WILL = r"\s+(?:will|shall|are going to|plan to|intend to|promise)\b"
_FUTURE = regex(
    rf"w(?<!\w.)e{_WILL}|i(?<!\w.){_WILL}|o(?<!\w.)ur (?:team|staff|company){_WILL}"
    rf"|t(?<!\w.)he (?:client|seller|company|business|owner|merchant){_WILL}"
    r"|w(?<!\w.)e'll\b|i(?<!\w.)'ll\b|g(?<!\w.)oing forward\b|m(?<!\w.)oving forward\b"
    r"|f(?<!\w.)rom now on\b|i(?<!\w.)n (?:the )?future\b"
    # a plan given in the present tense with a date still to come ("We are hiring a second
    # packer by December 15")
    r"|w(?<!\w.)e are (?:now )?(?:hiring|recruiting|adding|introducing|switching|moving"
    r"|setting up|buying)\b[^.\n]{0,80}\bby (?:the end of )?(?:january|february|march|april"
    r"|may|june|july|august|september|october|november|december|\d)",
)
# Each match of _FUTURE holds one of these: a span without any of them has no promise.
_FUTURE_KEYS: tuple[str, ...] = (
    *("will", "shall", "going to", "plan to", "intend to", "promise", "'ll", "forward"),
    *("now on", "future", "we are"),
)
_PAST_ACTION_WORDS = [
    "added",
    "addressed",
    "adopted",
    "apologised",
    "apologized",
    "appointed",
    "attached",
    "audited",
    "began",
    "blocked",
    "bought",
    "canceled",
    "cancelled",
    "changed",
    "checked",
    "closed",
    "completed",
    "contacted",
    "corrected",
    "created",
    "deactivated",
    "deleted",
    "deployed",
    "destroyed",
    "disabled",
    "discontinued",
    "dismissed",
    "disposed",
    "drop-tested",
    "edited",
    "enabled",
    "ended",
    "enhanced",
    "established",
    "fired",
    "fixed",
    "hired",
    "identified",
    "implemented",
    "improved",
    "inspected",
    "installed",
    "introduced",
    "issued",
    "launched",
    "liquidated",
    "moved",
    "obtained",
    "optimised",
    "optimized",
    "overhauled",
    "pulled",
    "purchased",
    "recalled",
    "refunded",
    "registered",
    "removed",
    "reorganised",
    "reorganized",
    "replaced",
    "reported",
    "requested",
    "resolved",
    "restructured",
    "retrained",
    "revamped",
    "reviewed",
    "revoked",
    "rewritten",
    "rewrote",
    "rolled",
    "sent",
    "set up",
    "signed",
    "started",
    "stopped",
    "streamlined",
    "strengthened",
    "submitted",
    "switched",
    "terminated",
    "tested",
    "tightened",
    "trained",
    "updated",
    "upgraded",
    "uploaded",
    "verified",
]
# Found once per letter (see Context.marks), then looked up per sentence.
_PAST_ACTION = "past_action"
MARK_SCANS[_PAST_ACTION] = word_scan(_PAST_ACTION_WORDS)
_NUMBER = regex(r"\d")
_EVIDENCE = regex(
    r"attach|enclos|screenshot|copy of|copies|invoice|receipt|log\b|confirmation|report\b|record",
)
_LIST_NUMBER = regex(r"^\s*(?:\d{1,2}[.)]|[-*•+])\s*")
_CAUSAL = regex(
    r"because|due to|caused|result(?:ed)? (?:of|from)|as a result|\bafter\b|\bwhen\b|\bsince\b"
    r"|\bwe (?:found|identified|discovered|determined|learned|learnt|realised|realized|noticed"
    r"|traced|reviewed|investigated|checked|confirmed)|did not|didn't|failed|had not|hadn't"
    r"|was not|wasn't|were not|weren't|lack of|without|mistake|error|overlooked"
    r"|misunderstood|instead of|\bso\b|unaware|not aware|no (?:check|process|system|control)",
)
_ROOT_SIGNAL = regex(
    r"\b(?:because|due to|caused by|root cause|resulted from|result of|happened when"
    r"|(?:we|i) (?:found|identified|discovered|determined|realised|realized)"
    r"|the (?:main |real |root )?(?:cause|reason) (?:was|is|of)"
    r"|the (?:main |real )?(?:problem|issue|mistake|error|gap|weakness|failure)"
    r"(?: in (?:our|my) (?:\w+ ){0,2}?\w+)? (?:was|is) (?:how|that|in|our|my|with|the way)"
    r"|nothing (?:stopped|prevented) (?:us|me)"
    r"|(?:was|were) caused|this happened|(?:that|this|which|it) is why|that's why"
    r"|(?:we|i) (?:did not|didn't|failed to|never) (?:check|verify|confirm|test|inspect)"
    r"|our (?:own )?mistake was|we made (?:a|the|this|that) mistake"
    r"|(?:was|is) our (?:fault|mistake|error)"
    # how the business let it happen: "our returns process allowed ...", "nobody was required"
    r"|(?:process|procedure|system|policy|rules?|set-?up|workflow) (?:\w+ )?"
    r"(?:allowed|let|permitted)"
    r"|(?:nobody|no one|no-one) (?:was|were) (?:required|responsible|assigned|checking|asked)"
    r"|we had no (?:\w+ )?(?:check|process|step|rule|procedure|control)s?"
    r"|nothing in our (?:\w+ )?(?:process|system|procedure|set-?up|workflow|checks?)"
    r" (?:stopped|prevented|caught|flagged|checked)"
    r"|we should have (?:checked|verified|read|confirmed|tested|asked|known)"
    r"|(?:how|why) (?:it|this) happened|(?:led|leading) to the (?:notice|complaints?|deactivation)"
    r"|we traced)\b",
)
_POA_ELSEWHERE = regex(
    r"\b(?:plan of action|poa)\b[^.\n]{0,80}\b(?:unchanged|attached|as submitted|already submitted"
    r"|(?:our|the) (?:previous|earlier|original))\b"
    r"|\b(?:unchanged|as (?:in|stated in)) (?:from )?(?:our|the) (?:previous |earlier |original )?"
    r"(?:plan of action|poa|appeal)\b"
    r"|\b(?:our|the|an) (?:updated|revised|new|corrected) (?:plan of action|poa)\b"
    r"(?! (?:is )?(?:below|as follows))",
)
_PREVENT_SIGNAL = regex(
    r"\b(?:we will|we'll|going forward|from now on|in (?:the )?future|every (?:day|week|month"
    r"|monday|tuesday|wednesday|thursday|friday|quarter|year|new|january|july|order|shipment"
    r"|listing|batch|supplier|return)|daily|weekly|monthly|quarterly|no longer|we now"
    r"|before (?:any|every|each|a|an|we) |each (?:new|week|month|day|quarter|order|shipment"
    r"|listing|batch|supplier|return|monday|tuesday|wednesday|thursday|friday|morning|evening)"
    r"|every \d+ (?:minutes|hours|days|weeks)|ongoing|twice a (?:year|month|week)"
    r"|once a (?:year|month|week|quarter))\b",
)
_CHANGED = regex(
    r"chang|rewrit|rewrote|\bnew (?:plan|poa)\b"
    r"|(?:earlier|previous|first|last) (?:ones|appeals?|plans?) did not|since (?:our|my|the|that) "
    r"(?:(?:last|previous|first|second|third|original|earlier|latest) )?"
    r"(?:appeal|submission|plan|reply|decision|denial)|(?:have|has) (?:now |since )?added"
    r"|updated|revised"
    r"|new (?:evidence|documents?|information|invoices?)|additional|no longer|retract|withdr[ae]wn?"
    r"|confirmation (?:letter|e-?mail|from)|since (?:then|our (?:last )?appeal)"
    r"|correct(?:ed|ion)|replaced|since the \w+ (?:decline|denial|rejection|decision)"
    r"|re-?submitted|found the cause|(?:colou?r|full) scan|original pdf"
    r"|what(?: is|'s) (?:different|new)"
    r"|differen(?:t|ce) (?:from|in|since) (?:the|our|my|this|today)"
    r"|(?:is|are) now (?:uploaded|attached|included|shown|split)"
    r"|(?:have|has) been added|added to (?:the|our|this) (?:case|appeal)"
    r"|\bnew on (?:p\.|page)|(?:p\.|page) ?\d+ (?:is|are) new"
    r"|(?:we|i) (?:have )?(?:now |since )?(?:received|obtained|got) (?:the |a |an )?(?:[a-z]+ )?"
    r"(?:confirmation|letter|certificate|retraction|report|registration|licen[cs]e)"
    r"|with (?:one|an|two|three|this) additions?|(?:one|the) addition (?:is|of)",
)
# the plan sent before, sent again as it was
_SAME_PLAN = regex(
    r"\b(?:the )?same (?:plan of action|plan(?! of action)|poa|appeal|letter)\b"
    r"(?! (?:as before,? )?(?:with|but|plus|and)\b)"
    r"|\b(?:plan of action|plan|poa|appeal) (?:is |remains |was )?unchanged\b"
)
_SINCE = regex(r"since (?:then|our (?:last )?appeal)")
# a list in the letter (points, or a line that ends with a colon before them)
_LISTED = regex(r"(?m:^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+\S|:[ \t]*$)")
_BARE_UPDATE = regex(
    r"\b(?:updated|revised|changed) (?:our |the |my )?(?:plan of action|poa|plan|appeal)\b"
    # ... unless it goes on to say what the update adds ("the revised plan adds: ...")
    r"(?! (?:to|so|with|by|now|adds?|added|includes?|contains?|covers?|has|gives|shows|answers"
    r"|explains|names|sets out|lists|which|that)\b)(?![ \t]*[:(])"
)
_NEW_EVIDENCE = (
    r"(?:retraction|licen[cs]e|certificate|invoices?|test reports?|registration|letter|procedure"
    r"|screenshots?|records?|documents?|evidence|log|declarations?(?: of conformity)?|refusal"
    r"|translation|confirmation|agreement|contract|receipts?|proof)"
)
_ATTACHED_POA = regex(
    r"(?:attach|enclos)\w*[^.\n]{0,80}(?:plan of action|\bpoa\b|\bplan\b|appeal)"
    r"|(?:plan of action|\bpoa\b|\bplan\b|\bappeal\b)[^.\n]{0,120}(?:attach|enclos)"
    # the new evidence itself attached (a retraction, a licence, a certificate) will do too
    rf"|{_NEW_EVIDENCE}[^.\n]{{0,80}}(?:attach|uploaded|included|submitted)"
    rf"|(?:attach|upload|submitt?)\w*[^.\n]{{0,40}}{_NEW_EVIDENCE}"
    # a list of what is attached, under a line that says so ("Attached to this message:")
    rf"|(?:attached|enclosed)(?: (?:to|with|in) this (?:message|e-?mail|reply|letter))?[ \t]*:"
    rf"[ \t]*\n[ \t]*(?:\d{{1,2}}[.)]|[-*•])?[^\n]{{0,40}}{_NEW_EVIDENCE}"
    r"|copy of (?:that|the|this|their|his|her|its|our) (?:e-?mail|letter|retraction|message)"
    r"[^.\n]{0,40}attach"
    r"|\b(?:her|his|their|its) (?:e-?mail|letter|message|confirmation)[^.\n]{0,40}attach"
    # the updated appeal already resubmitted ("we resubmitted through Account Health with: ...")
    r"|resubmi\w*[^.\n]{0,60}(?:account health|appeal|plan of action|\bpoa\b|\bplan\b)"
    r"|(?:appeal|plan of action|\bpoa\b)[^.\n]{0,40}resubmi"
    # the updated plan already sent, named as such ("we submitted a second appeal, which
    # contains ... our updated plan of action")
    r"|(?:updated|revised|new|improved) (?:plan of action|\bpoa\b)"
    # the one missing document added to the plan already on the case
    rf"|\badded (?:that|the|this|these|those|our|new) (?:[a-z]+ )?{_NEW_EVIDENCE}[^.\n]{{0,30}}"
    r"to (?:the|this|our) (?:case|appeal)",
)
_SUPPLIER = regex(r"supplier|distributor|wholesaler|manufacturer|vendor|brand owner")
_INVOICE = regex(r"invoice")
_RELATION = regex(
    r"relat|link|connect|associat|shared|same (?:device|address|network|ip|bank|credit card|person"
    r"|computer|phone|household)|family|former|employee|contractor|partner|access|owner",
)
# what a letter about that reason names when it answers the notice's own question (a letter
# reused from another case answers a different one)
_REASON_NEEDS: dict[str, tuple[re.Pattern[str], str]] = {
    "intellectual_property": (
        regex(
            r"trademark|trade mark|copyright|patent|rights? (?:owner|holder)|brand name|logo"
            r"|\bimages?\b|\bphotos?\b|infring|counterfeit|design right"
        ),
        "say what in your listings used the rights owner's trademark, copyright or design, and"
        " how it was removed",
    ),
    "review_manipulation": (
        regex(r"review|rating|feedback|insert|incentiv|vine"),
        "say how reviews were asked for or rewarded, and how that was stopped",
    ),
    "product_safety": (
        regex(
            r"certificat|\bcpc\b|test report|\blab\b|laborator|complian|standard|safety|recall"
            r"|warning label|\bcpsc\b|\bgpsr\b|\bce\b|\bukca\b"
        ),
        "name the safety documents (certificate, test report, lab) and what they cover",
    ),
}
_METRIC = regex(
    r"order defect rate|\bodr\b|late shipment|cancell?ation rate|pre-fulfil|valid tracking"
    r"|on-time delivery|a-to-z|negative feedback|chargeback|response time|return dissatisfaction",
)
_MAX_WORDS = {"poa": 1300, "reply": 1400, "escalation": 500, "call_notes": 100000}
_LONG_PARAGRAPH = 180


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` under ``name``; its result is kept per letter (section reports reuse it)."""

    def register(fn: CheckFn) -> CheckFn:
        def memoised(ctx: Context) -> list[Hit]:
            found = ctx.memo.get(name)
            if found is None:
                found = fn(ctx)
                ctx.memo[name] = found
            return found

        memoised.__name__ = fn.__name__
        memoised.__doc__ = fn.__doc__
        CHECKS[name] = memoised
        return memoised

    return register


def _unlabelled(ctx: Context) -> list[tuple[int, int]]:
    """Sentences outside every part that was found (content the reader must place)."""
    taken = [r for part in PARTS for r in ctx.sections.ranges(part)]
    return [(s, e) for s, e in ctx.sentences if not any(a <= s < b or a < e <= b for a, b in taken)]


_ENUMERATION = regex(r"^(?:\d{1,2}|[a-h]|[ivx]{1,4})[.)]\s*")


def _own_heading_blocks(ctx: Context) -> list[tuple[int, int]]:
    """The text under each heading of the seller's own words inside a part that was found
    ("Our safeguards" under "What we fixed"): a short line on its own, after a blank line,
    that names no part, up to the next such line or the next part."""
    text = ctx.text
    # where a part's own heading starts: a block under a heading of the seller's ends there
    bounds = {p.start for p in ctx.sections.parts.values()} | {
        s.start for spans in ctx.sections.extra.values() for s in spans
    }
    blocks: list[tuple[int, int]] = []
    open_at = -1
    pos = 0
    blank_before = True
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = _ENUMERATION.sub("", line.strip(" \t*#_=+~-")).strip(" \t*_")
        if not stripped:
            blank_before = blank_before or not line.strip()
            continue
        heading = (
            blank_before
            and len(stripped) <= 70
            and len(stripped.split()) <= 8
            and not stripped.endswith((".", ",", ";", "!"))
            and ":" not in stripped.rstrip(":")
            and stripped[0].isalpha()
            and ctx.sections.part_at(start) is not None
            and _known_heading(line) is None
        )
        blank_before = False
        if heading or start in bounds:
            if open_at >= 0:
                blocks.append((open_at, start))
            open_at = pos if heading else -1
    if open_at >= 0:
        blocks.append((open_at, len(text)))
    return blocks


def _signals(ctx: Context) -> dict[Part, bool]:
    """Which parts the unlabelled text, or text under a heading of the seller's own words,
    holds anyway."""
    root = corrective = prevent = False
    low = ctx.lower
    spans = _unlabelled(ctx)
    for a, b in _own_heading_blocks(ctx):
        spans.extend(ctx.sentences_in(a, b))
    for s, e in spans:
        root = root or bool(_ROOT_SIGNAL.search(low, s, e))
        prevent = prevent or bool(_PREVENT_SIGNAL.search(low, s, e))
        corrective = corrective or bool(ctx.marks(_PAST_ACTION, s, e) and ctx.has_data(s, e))
    return {"root_cause": root, "corrective_actions": corrective, "preventive_measures": prevent}


# words a seller's own heading for each part is likely to hold ("What stops it happening again")
_HEADING_WORDS: dict[Part, re.Pattern[str]] = {
    "root_cause": regex(r"\b(?:cause|why|happened|went wrong|mistake|reason)", re.I),
    "corrective_actions": regex(
        r"\b(?:done|did|taken|fixed|corrected|changed|actions?|resolved|so far)\b", re.I
    ),
    "preventive_measures": regex(
        r"\b(?:prevent\w*|again|future|forward|stop\w*|avoid\w*|recur\w*|from now|lessons? learn"
        r"|keep\w* (?:it|this|things) right|safeguards?|long[ -]term|checks now|controls now)",
        re.I,
    ),
}


def _heading_like(text: str, part: Part) -> bool:
    """A short line on its own that reads like a heading of ``part`` the heading list does not
    know: the part is then likely there, under words of the seller's own."""
    words = _HEADING_WORDS[part]
    for line in text.split("\n"):
        line = line.strip(" \t*#_=+~-")
        if not line or len(line) > 70 or line.endswith((".", ",", ";")):
            continue
        if len(line.split()) <= 8 and words.search(line):
            return True
    return False


@check("missing_part")
def missing_part(ctx: Context) -> list[Hit]:
    found = ctx.sections.parts
    # a part that holds only template text ("Lorem ipsum ...", "[describe the steps]") is not
    # there at all
    empty = [
        Hit(span.start, span.end, f"The {_PART_NAMES[part]} part holds only template text.")
        for part, span in found.items()
        if _ONLY_TEMPLATE.fullmatch(ctx.text, span.content_start, _first_block_end(ctx, span))
    ]
    if len(found) == 3:
        if not any(span.heading or names_its_part(ctx.text, span.start) for span in found.values()):
            # three parts told in plain paragraphs: found, but a reviewer skims for headings
            start, end = ctx.first_line()
            return [*empty, Hit(start, end, _NO_HEADINGS, "info")]
        return empty
    return empty + _missing_parts(ctx, found)


_NO_HEADINGS = (
    "The three parts are not headed by name: give root cause, corrective actions and"
    " preventive measures each a heading."
)


# the whole content of a part: filler, a bracketed or braced slot, or a token such as TBD
_ONLY_TEMPLATE = regex(
    r"\s*(?:(?:lorem ipsum[^\n]*|[\[{<] ?(?:describe|insert|enter|explain|list|add|fill|write|your"
    r"|type|state|paste)\b[^\]}>\n]*[\]}>]|x{3,}|tbd|tba|n/?a|\.{3}|…)"
    r"[.\s]*)+",
    re.I,
)


def _first_block_end(ctx: Context, span: PartSpan) -> int:
    """Where the first paragraph under a part's heading ends."""
    text = ctx.text
    start = span.content_start
    while start < span.end and text[start] in " \t\n":
        start += 1
    cut = text.find("\n\n", start, span.end)
    return span.end if cut < 0 else cut


def _missing_parts(ctx: Context, found: dict[Part, PartSpan]) -> list[Hit]:
    start, end = ctx.first_line()
    if _answers_questions(ctx):
        return [Hit(start, end, _ANSWER_NOTE, "info")]
    signals = _signals(ctx)
    if not found:
        if all(signals.values()):
            return [Hit(start, end, _NO_HEADINGS, "info")]
        if ctx.kind == "reply" and _POA_ELSEWHERE.search(ctx.lower):
            note = "This reply points to a Plan of Action sent or attached separately."
            return [Hit(start, end, note, "info")]
        if _is_verification(ctx):
            return _verification_resent(ctx, start, end)
        if _is_document_answer(ctx):
            return _documents_resent(ctx, start, end)
        if _SENDS_RETRACTION.search(ctx.lower):
            return [Hit(start, end, _RETRACTION_NOTE, "info")]
        return [Hit(start, end)]
    # an appeal (not a reply) with two of the three parts chose the Plan of Action's form: the
    # third is missing even when it sends documents
    chose_poa = ctx.kind == "poa" and len(found) >= 2
    if not chose_poa and _is_verification(ctx):
        return _verification_resent(ctx, start, end)
    if not chose_poa and _is_document_answer(ctx):
        return _documents_resent(ctx, start, end)
    if not chose_poa and _SENDS_RETRACTION.search(ctx.lower):
        return [Hit(start, end, _RETRACTION_NOTE, "info")]
    hits = []
    for part in PARTS:
        if part in found:
            continue
        name = _PART_NAMES[part]
        if signals[part] or _heading_like(ctx.text, part):
            hits.append(
                Hit(start, end, f"No '{name}' heading: give that part its own heading.", "info")
            )
        else:
            hits.append(Hit(start, end, f"The {name} part is missing."))
    return hits


def _answers_questions(ctx: Context) -> bool:
    """A reply of up to a page that answers what Amazon asked ("You asked why the address on
    the bill differs ...", "Your message of October 12 asked for the supplier's contact
    details"): a full Plan of Action is not what was asked for."""
    if ctx.kind != "reply" or ctx.words > _ANSWER_WORDS:
        return False
    low = ctx.lower
    asked = _ASKED_ONE.search(low)
    if asked is not None and not _ASKED_FOR_POA.search(low, asked.start(), asked.end() + 200):
        return True
    # Amazon's question quoted on a "> " line ("> Please tell us which orders ..."), on that
    # line only
    quoted = _QUOTED_QUESTION.search(low)
    return quoted is not None and not _ASKED_FOR_POA.search(low, quoted.start(), quoted.end())


_ANSWER_WORDS = 600
_ASKED_ONE = regex(
    r"\b(?:you (?:have )?asked|you requested|as (?:you )?requested|in (?:answer|reply|response) to"
    r" your (?:question|request)|your (?:last |latest |previous |recent )?(?:message|e-?mail"
    r"|request|notice|letter)(?: of [^.\n]{0,30}?| dated [^.\n]{0,30}?)? (?:asked|asks|requested"
    r"|requests|asking (?:for|us))"
    r"|(?:asked|requested) (?:us )?(?:one question|for (?:the|a|an|our|copies|a copy)))\b"
    r"|\byour (?:last |latest |previous |recent )?(?:message|e-?mail|notice|letter)\b[^.\n]{0,200}?"
    r"\b(?:asks|asked|requests|requested) (?:for|us|whether|which|who|why|how)\b"
    r"|\byour question (?:about|on|regarding|of)\b"
)
_QUOTED_QUESTION = regex(
    r"(?:^|\n)[ \t]*>[ \t]*(?:please |kindly )?(?:tell us|let us know|explain|list|identify"
    r"|confirm|describe)\b[^\n]*"
)
# ... unless what was asked for is the Plan of Action itself
# (not the plan already sent: "proof of the changes described in our plan of action")
_ASKED_FOR_POA = regex(
    r"(?<!\bin our )(?<!\bin my )(?<!\bof our )(?<!\bfrom our )(?<!\bin the )"
    r"\b(?:plan of action|poa|root cause|corrective|preventive|prevent)\b"
)
_ANSWER_NOTE = (
    "This reply answers what Amazon asked; if the request asked for a Plan of Action, give it"
    " the three parts."
)


# A letter that sends the rights owner's retraction takes the retraction route of an IP
# complaint: it needs no Plan of Action ("Attached is the retraction from Tarnow Gear GmbH")
_SENDS_RETRACTION = regex(
    r"\b(?:has|have) (?:now )?retracted (?:its|their|his|her|the) (?:complaint|claim|notice|report)"
    r"[^\n]{0,300}?\b(?:attached|enclosed)\b|"
    r"(?:attached|enclosed|forwarded|here) (?:is|are) (?:the |their |a |his |her )?"
    r"(?:signed |written )?retraction\b"
    r"|\bretraction (?:from|by|sent by|signed by|e-?mail from|letter from) "
    r"|\bsent (?:a|the|their|its|his|her) (?:signed |written )?retraction\b"
    r"|(?:attach|enclos|forward)\w* (?:the |their |a |his |her |its )?(?:signed |written )?"
    r"retraction\b"
)
_RETRACTION_NOTE = (
    "This sends the rights owner's retraction, which needs no Plan of Action; make sure it"
    " came from the address that filed the complaint and names the ASIN."
)


_VERIFICATION = regex(
    r"\b(?:verif(?:y|ied|ication)|identity|utility bills?|bank statements?|passports?"
    r"|(?:national )?id cards?|identity cards?|driv(?:er'?s|ing) licen[cs]es?"
    r"|business (?:licen[cs]e|registration)|proof of address|registration certificate"
    r"|chamber of commerce|company register|(?:electricity|gas|water|phone|internet) bill"
    r"|legal name|card ending|card on file|(?:tax|vat) (?:id|number|registration))\b"
)


_RESENT = regex(
    r"\b(?:same (?:documents?|files?|bills?|statements?|passport|invoices?|certificates?|reports?"
    r"|thing|papers|scans?|pdf|declarations?)(?! (?:numbers?|no\b|ids?\b|codes?|batch|dates?))"
    r"|(?<!not )(?<!never )(?<!will )(?<!would )(?<!simply )(?<!can )"
    r"(?:send|sent|attach\w*|upload\w*|submit\w*) (?:\w+ ){0,3}(?:once )?again"
    r"|again (?:i|we) (?:send|sent|attach|upload)|once more"
    r"|(?:upload\w*|sen[dt]|submit\w*|attach\w*) (?:\w+ )?one more time"
    r"|another time|re-?sen[dt])\b"
)
_DIFFERENT = regex(
    r"\b(?:chang\w*|new|different|corrected|correction|instead|original"
    # an update made, not a promise to keep things updated
    r"|(?:an?|the|our|my) updated|(?:is|was|were|are|been) updated|update[sd]? (?:the|our|my|it)"
    r"|now (?:shows?|matches|reads)|downloaded|full page|uncropped|issued (?:on|in))\b"
)


def _resent(ctx: Context, start: int, end: int, explained: re.Pattern[str], note: str) -> list[Hit]:
    """An answer that sends the refused or requested documents again without saying what is
    different about them (``explained`` finds that): the same documents get the same answer."""
    low = ctx.lower
    if _RESENT.search(low) and not explained.search(low):
        return [Hit(start, end, note, "warning")]
    return []


def _verification_resent(ctx: Context, start: int, end: int) -> list[Hit]:
    note = (
        "Sending the same documents again gets the same answer: say what is different "
        "(a newer bill, the original PDF, the full page, the corrected address)."
    )
    return _resent(ctx, start, end, _DIFFERENT, note)


_ASKED = regex(
    r"you asked (?:for|us)|as (?:you )?(?:requested|asked)\b"
    r"|(?:additional|more) information (?:required|needed|requested)"
    r"|(?:in )?(?:answer|reply|response) to your (?:request|message|e-?mail)"
    r"|\byour [\w ]{0,20}?(?:reply|message|e-?mail|notice|request)(?: of [\w ,]{1,25}?)?"
    r" (?:asked|requested)"
    r"|\b(?:documents?|information|invoices?) (?:you|amazon) (?:requested|asked for)"
    # Amazon's reply turned down the documents sent ("could not be verified")
    r"|\b(?:could|can) not be (?:verified|validated|accepted|confirmed)"
    r"|\b(?:were|was|are) (?:unable|not able) to (?:verify|validate|accept|confirm)\b"
    r"|\badditional (?:\w+ )?information\b"
    # Amazon's request quoted under "you wrote:" or "Your message of ... said:"
    r"|\b(?:you wrote|said|says|stated|writes)(?: (?:on|in) [^:\n]{1,30})?[ \t]*:[\s>\"“]*"
    r"(?:please |kindly )?"
    r"(?:provide|submit|send|upload|share|supply)\b"
    r"|\b(?:documents?|information|invoices?|certificates?) (?:requested|required)\b"
)
_DOCUMENT = regex(
    r"\b(?:certificates?|test reports?|lab(?:oratory)? reports?|invoices?|cpc"
    r"|declaration of conformity|safety data sheets?|(?:label|packaging|product) photos?"
    r"|letter of authori[sz]ation|test results?|licen[cs]es?"
    r"|photos? of|message templates?|bank statements?|children's product certificate)\b"
)


_EXPLAINED = regex(
    r"\b(?:correct(?:ed|ion)|did not (?:meet|include|show|name|list|match)|(?:was|were) missing"
    r"|instead of|replaced|new (?:test|report|certificate|invoice|scan|document)\w*|original pdf)\b"
)


def _documents_resent(ctx: Context, start: int, end: int) -> list[Hit]:
    if any(len(ctx.lower[a:b].split()) >= 8 for a, b in ctx.sections.ranges("root_cause")):
        return []  # it answers with its own account of the cause, not the same papers alone
    note = (
        "This sends the same documents again: say what was missing from the first "
        "submission and what is new, or the answer will be the same."
    )
    return _resent(ctx, start, end, _EXPLAINED, note)


def _is_document_answer(ctx: Context) -> bool:
    """A reply that sends the documents Amazon asked for (a test report, a certificate,
    invoices): it answers a request, it is not a new Plan of Action."""
    if ctx.kind != "reply" or not _ASKED.search(ctx.lower):
        return False
    if _ANSWERS.search(ctx.lower):
        return True  # "Our answers:" to the questions Amazon asked
    # "photos of" and "a photo of" are one kind of document
    kinds = {m.group().replace("photos of", "photo of") for m in _DOCUMENT.finditer(ctx.lower)}
    return len(kinds) >= 2


_ANSWERS = regex(r"\b(?:our|my) answers?(?: are)?(?: below| as follows)?:")


def _is_verification(ctx: Context) -> bool:
    """An answer to an identity or business verification request (documents, not a Plan of
    Action: the three parts are not needed): the case says so, or the letter names at least
    three different documents or verification words."""
    if ctx.case is not None and ctx.case.reason == "identity_verification":
        return True
    low = ctx.lower
    found = set()
    for m in _VERIFICATION.finditer(low):
        # documents only offered ("If it helps I can send my driver's license, a utility bill
        # or my bank statements") are not an answer to a verification request
        left = max(low.rfind(".", 0, m.start()), low.rfind("\n", 0, m.start()))
        if not _OFFER.search(low, left + 1, m.start()):
            found.add(m.group())
    return len(found) >= 3


_OFFER = regex(
    r"\b(?:can|could|will|would be (?:happy|glad|willing) to"
    r"|(?:am|are|is) (?:happy|glad|ready|willing) to)"
    r" (?:also )?(?:send|provide|share|submit|forward|supply)\b"
)


def _part_sentences(ctx: Context, part: Part) -> list[tuple[int, int]]:
    return ctx.part_sentences(part)


@check("misplaced_promise")
def misplaced_promise(ctx: Context) -> list[Hit]:
    sentences = _part_sentences(ctx, "root_cause")
    if not sentences:
        return []
    low = ctx.lower
    # Every promise holds one of the key words, found with str.find over the whole part; only
    # a sentence that holds one is searched (most root causes hold none). The sentences are
    # in order and do not overlap, so a word can only lie in the last one starting before it.
    starts = [s for s, _ in sentences]
    lo, hi = starts[0], max(e for _, e in sentences)
    holding: set[int] = set()
    for key in _FUTURE_KEYS:
        pos = low.find(key, lo, hi)
        while pos >= 0:
            i = bisect_right(starts, pos) - 1
            if i >= 0 and pos + len(key) <= sentences[i][1]:
                holding.add(i)
            pos = low.find(key, pos + 1, hi)
    return [
        Hit(*sentences[i])
        for i in sorted(holding)
        if _promise_outside_quotes(low, *sentences[i]) and not _only_a_decision(low, *sentences[i])
    ]


# a decision to stop, stated with the cause ("We will not list this product again."): what
# was done about it, not a promise misplaced under the root cause
_STOP_DECISION = regex(
    r"\b(?:we|i) (?:will|shall) (?:not|never) (?:list|sell|relist|re-list|offer|stock|buy|source"
    r"|order|carry|work with)\b"
)


def _only_a_decision(low: str, start: int, end: int) -> bool:
    """True when the sentence's only promise is a decision to stop."""
    promises = [m.start() for m in _FUTURE.finditer(low, start, end)]
    if len(promises) != 1 or _STOP_DECISION.match(low, promises[0]) is None:
        return False
    # "We will never sell a unit without a seal check again" is a rule for the future
    return _CONDITION.search(low, promises[0], end) is None


_CONDITION = regex(r"\b(?:without|unless|until|before|if|after|when|once)\b")


def _promise_outside_quotes(low: str, start: int, end: int) -> bool:
    """A promise in the sentence that is not inside quotation marks (the words of a card or a
    message quoted as evidence are not the seller's promise)."""
    line = low.rfind("\n", 0, start) + 1  # a quotation may open in an earlier sentence
    return any(low.count('"', line, m.start()) % 2 == 0 for m in _FUTURE.finditer(low, start, end))


@check("root_cause_restates")
def root_cause_restates(ctx: Context) -> list[Hit]:
    hits = []
    for start, end in ctx.sections.ranges("root_cause"):
        body = ctx.lower[start:end]
        # the cheap tests first (70 words or more: the split stops at the 70th)
        words = len(body.split(None, 69))
        if words >= 70 or not _NOTICE_WORDS.search(body):
            continue
        causes = [_NOTICE_CAUSE.match(body, m.end()) for m in _CAUSAL.finditer(body)]
        # past 40 words, a part that only restates the notice says why, in the notice's terms
        if not body.strip() or _FUTURE.search(body) or None in causes:
            continue
        if words >= 40 and not causes:
            continue
        sentences = ctx.sentences_in(start, end)
        if sentences:
            hits.append(Hit(sentences[0][0], sentences[-1][1]))
    return hits or _complaint_then_others(ctx)


# a root cause opening with the complaint itself ("Customers said they received used items.")
_COMPLAINT_AGAIN = regex(
    r"\W*(?:we (?:have |had )?(?:received|got) (?:\S+ ){0,3}?(?:complaints?|reports?|claims?)"
    r"|(?:some |several |many |a few |two |three |\d+ )?(?:customers?|buyers?) (?:have |had )?"
    r"(?:said|complained|reported|claimed|told us|wrote)"
    # ... or the notice's finding ("The listing violated the restricted products policy.")
    r"|(?:our|the) (?:selling )?(?:account|listings?|products?|asins?) (?:was |were |has been "
    r"|have been )?(?:deactivated|suspended|removed|violated|breached|infringed|did not comply))\b"
)
# ... then a cause that is someone else's doing
_OTHERS_DID = regex(
    r"\b(?:your|amazon(?:'s)?|the) (?:\w+ )?(?:fulfil?ment cent(?:er|re)s?|warehouses?|fba|system"
    r"|algorithm)|\bamazon fba\b|\b(?:the|our) (?:carrier|courier|supplier|manufacturer|factory)\b"
    r"|\b(?:the|our|a) (?:\w+ )?(?:va|virtual assistant|agency|freelancer|contractor|copywriter)\b"
)
# ... with no gap of the seller's own
_OWN_GAP = regex(
    r"\b(?:we|i) (?:did not|didn't|had no|have no|failed|forgot|missed|overlooked|should have"
    r"|never (?:checked|inspected|tested|verified|asked|graded))\b"
    r"|\bour (?:own )?(?:mistake|fault|error|process)|\bno (?:check|process|step|rule|inspection)\b"
    r"|\b(?:did not|never) (?:check|inspect|verify|test|compare|read|ask|review|look|confirm)\b"
    r"|\bourselves\b|\b(?:we|i) (?:misunderstood|misread|approved|accepted|chose|let)\b"
)


def _complaint_then_others(ctx: Context) -> list[Hit]:
    """A short root cause that repeats the complaint, then puts the cause on Amazon's
    warehouse or a supplier, with no gap of the seller's own: the complaint sentence."""
    for start, end in ctx.sections.ranges("root_cause"):
        sentences = ctx.sentences_in(start, end)
        if not 2 <= len(sentences) <= 4:
            continue
        first, rest = sentences[0], ctx.lower[sentences[1][0] : end]
        if (
            _COMPLAINT_AGAIN.match(ctx.lower, first[0], first[1])
            and _OTHERS_DID.search(rest)
            and not _OWN_GAP.search(rest)
        ):
            return [Hit(first[0], first[1])]
    return []


# after "because" or "due to": the notice's own reason ("because Amazon believes it may harm
# customers", "due to a policy violation"), which explains nothing
_NOTICE_CAUSE = regex(
    r" (?:of )?(?:(?:amazon|you|the (?:team|reviewer|notice|notification))"
    r" (?:believes?|thinks?|considers?|says?|said|found|determined|decided|feels?|suspects?"
    r"|has (?:found|determined|decided))"
    r"|(?:an? |the )?(?:possible |potential |suspected |alleged )?(?:policy )?"
    r"(?:violations?|complaints?|policy)\b"
    r"|(?:this|that|the) (?:relation(?:ship)?|link|connection|violation|complaint)\b"
    # "because we received customer complaints that ...": the complaint again
    r"|we (?:had |have )?(?:received|got) (?:\S+ ){0,3}?(?:complaints?|reports?|claims?|notices?"
    r"|warnings?)\b"
    # "because some orders could not be fulfilled": the cancellation rate's own definition
    r"|(?:some |several |a few |many |\d+ )?orders (?:could not be|were not|had to be) "
    r"(?:fulfill?ed|filled|shipped|cancell?ed)\b"
    r"|(?:the )?(?:items?|products?|units?|goods) (?:were|was|went|ran) out of stock\b"
    # "as a result, our selling privileges were removed": the deactivation again
    r"|,? ?(?:our|the) (?:selling )?(?:privileges|account) (?:was|were|has been|have been)"
    r" (?:removed|deactivated|suspended)\b"
    # "did not meet the Anti-Counterfeiting Policy": the policy again
    r"|(?:meet|comply with|follow|satisfy|conform to|adhere to) (?:\S+ ){0,3}?(?:polic(?:y|ies)"
    r"|requirements|guidelines|rules|standards)\b"
    # "did not give a specific reason", "in error by Amazon's automated systems", "since we
    # have had no policy warnings": no cause of the seller's own
    r"|give (?:us )?(?:a |any )?(?:specific |clear |detailed |precise )?reason\b"
    r"|by (?:amazon|your)(?:'s)? (?:own )?(?:automated |automatic )?(?:systems?|algorithms?|bots?"
    r"|tools?|process(?:es)?)\b"
    r"|we (?:have |had )(?:had |received |got )?no (?:\S+ ){0,2}?(?:warnings?|complaints?"
    r"|violations?|issues|notices?|problems)\b)"
)


_NOTICE_WORDS = regex(
    r"deactivat|suspen|violat|polic|notice|notification|complain|flagged|removed|account health"
    r"|\brate (?:went|was|rose|climbed|exceeded|is)\b|\bhad to cancel\b"
    r"|\babove (?:the |amazon's )?(?:target|threshold)"
)


@check("root_cause_is_actions")
def root_cause_is_actions(ctx: Context) -> list[Hit]:
    """A root cause that lists what was done to fix things ("We have lowered the prices ...")
    and names no cause: the actions belong under corrective actions."""
    hits: list[Hit] = []
    if "corrective_actions" not in ctx.sections.parts:
        return hits
    for start, end in ctx.sections.ranges("root_cause"):
        if _CAUSAL.search(ctx.lower, start, end) or _ROOT_SIGNAL.search(ctx.lower, start, end):
            continue
        sentences = ctx.sentences_in(start, end)
        if not sentences or len(sentences) > 6:
            continue
        fixes = [s for s in sentences if _FIX_DONE.search(ctx.lower, *s)]
        if len(fixes) == len(sentences):
            hits.append(Hit(sentences[0][0], sentences[-1][1]))
    return hits


# a fix already made, in the words of corrective actions ("we have lowered the prices back")
_FIX_DONE = regex(
    r"\b(?:we|i) (?:have |had |also |then |now |immediately |already )*(?:lowered|reduced|removed"
    r"|deleted|refunded|retrained|corrected|fixed|replaced|destroyed|disposed of|reversed|restored"
    r"|cancell?ed|turned off|switched off|disabled|rewrote|rewritten|edited|contacted|recalled"
    r"|withdrawn|withdrew)\b"
)


@check("root_cause_vague")
def root_cause_vague(ctx: Context) -> list[Hit]:
    """A very short root cause with no number, date or name: too broad to act on."""
    hits = []
    for start, end in ctx.sections.ranges("root_cause"):
        body = ctx.text[start:end].strip()
        if not body or len(body.split(None, 19)) >= 20 or ctx.has_data(start, end):
            continue
        names = [
            m.group()
            for m in re.finditer(r"(?<=[a-z,;] )[A-Z][A-Za-z]+", body)
            if m.group() not in ("I", "Amazon", "ASIN", "FBA")
        ]
        # the exact words at fault, quoted ('our title said "Kong compatible"'), are specific
        if names or _CAUSAL_SPECIFIC.search(ctx.lower, start, end) or _QUOTED.search(body):
            continue
        sentences = ctx.sentences_in(start, end)
        if sentences:
            hits.append(Hit(sentences[0][0], sentences[-1][1]))
    return hits


_CAUSAL_SPECIFIC = regex(r"because|due to|caused by|after (?:we|our|the)|when (?:we|our|the)")
_QUOTED = regex(r"[\"“][^\"”\n]{2,80}[\"”]")


@check("preventive_vague")
def preventive_vague(ctx: Context) -> list[Hit]:
    """A preventive part with no concrete measure: no number, no "every"/"before"/"each", no
    role, record or tool; only a commitment ("we will make sure this never happens again")."""
    hits = []
    for start, part_end in ctx.sections.ranges("preventive_measures"):
        # the closing ("Thank you for your time ...", the signature) is not part of the plan
        closing = _CLOSING_PARAGRAPH.search(ctx.lower, start, part_end)
        end = closing.start() if closing is not None else part_end
        body = ctx.text[start:end].strip()
        if not body or len(body.split(None, 149)) >= 150:
            continue
        # "Preventive: N/A - the issue was at the prep center": no measure at all
        if _NOT_APPLICABLE.match(body) is not None:
            sentences = ctx.sentences_in(start, end)
            hits.append(Hit(sentences[0][0], sentences[-1][1]) if sentences else Hit(start, end))
            continue
        if _only_commitments(ctx, start, end):
            sentences = ctx.sentences_in(start, end)
            hits.append(Hit(sentences[0][0], sentences[-1][1]))
            continue
        # the part's first paragraph is all commitment and what follows is money or a plea
        # the part runs into, with no measure, no list and no new action
        part = ctx.text[start:end]
        gap = PARAGRAPH_BREAK.search(ctx.text, start + len(part) - len(part.lstrip()), end)
        if gap is None or not _only_commitments(ctx, start, gap.start()):
            continue
        rest = ctx.lower[gap.start() : end]
        if (
            _PRESSURE.search(rest) is not None
            and _MEASURE.search(rest) is None
            and _GOES_ON.search(rest) is None
            and _LIST_ITEM.search(rest) is None
        ):
            sentences = ctx.sentences_in(start, gap.start())
            hits.append(Hit(sentences[0][0], sentences[-1][1]))
    return hits


_NOT_APPLICABLE = regex(r"(?:n/?a|none|not applicable|nothing(?: (?:needed|to add|more))?)\b", re.I)
# a paragraph that opens the letter's closing
_CLOSING_PARAGRAPH = regex(
    r"\n[ \t]*\n[ \t]*(?:thank|many thanks|(?:we|i) (?:sincerely |really |truly )?hope"
    r"|(?:kind |best |warm )?regards|sincerely|yours|looking forward|best wishes)\b"
)


def _only_commitments(ctx: Context, start: int, end: int) -> bool:
    """True when ``start:end`` holds no number and no measure, and every sentence in it is a
    commitment or an attitude."""
    if ctx.has_data(start, end):
        return False
    # "before" alone ("we will be more careful to read the policies before listing") is no
    # measure when the part is only a commitment
    measures = {m.group() for m in _MEASURE.finditer(ctx.lower, start, end)}
    if measures - _WEAK_MEASURES:
        return False
    # a list's number read as a sentence of its own ("\t1." before a tab-indented item) says
    # nothing
    sentences = [(s, e) for s, e in ctx.sentences_in(start, end) if _LETTER.search(ctx.lower, s, e)]
    # only when every sentence is a commitment; a sentence about anything else may be a
    # measure these words do not know
    return bool(sentences) and all(_COMMITMENT.search(ctx.lower, s, e) for s, e in sentences)


_LETTER = regex(r"[a-z]")


# what a paragraph that goes on with the measures says: what we will do or do now
_GOES_ON = regex(
    r"\b(?:we|i) (?:will|shall|also|have (?:set|added|started|introduced|created|changed))\b"
    r"|\bnow (?!\d)[a-z]+s\b|\bfrom now|going forward|\bstarting\b|\bin future\b"
    r"|\bsince (?:then|that|\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d)"
    r"|\bfrom (?:today|this)\b"
)
# money or a plea: what a letter says after its measures when it runs on past them
_PRESSURE = regex(
    r"[$€£]|\b(?:euros?|dollars|pounds|worth|value of|stock|inventory|funds|please|beg|mercy"
    r"|chance|opportunity|heart|family|season|business|reinstat\w*|kindly|rights|damages"
    r"|families|sleep|pls|plz|reactivat\w*|livelihood|bread and butter)\b"
)
_LIST_ITEM = regex(r"(?:^|\n)[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]")


# what makes a preventive measure concrete: how often, when, who, or the record or tool
_MEASURE = regex(
    r"\b(?:every|each|daily|weekly|monthly|quarterly|annually|yearly|per|whenever|before"
    r"|prior to|within|until|checklists?|logs?|logged|records?|spreadsheets?|software|tools?"
    r"|alerts?|dashboards?|reports?|audits?|samples?|sampling|tests?|tested|inspect\w*"
    r"|second (?:person|check)|four[- ]eyes|sign[- ]off|sign(?:s|ed)? off|approv\w*"
    r"|managers?|lead|leads|owner|officer|supervisor|specialist|coordinator|inspector"
    r"|assistant|sop|procedure)\b"
)
_WEAK_MEASURES = frozenset({"before", "prior to", "within", "until"})
# a commitment or an attitude rather than a measure
_COMMITMENT = regex(
    r"commit\w*|make sure|ensur\w*|careful\w*|compl(?:y|ies|iance|iant)|(?:follow|respect|adhere"
    r"|abide)\w*|never happen|not happen again|not (?:be )?repeated|learn(?:ed|t)|lesson"
    r"|seriously|(?:our|my) best|best efforts|strict\w*|closely|attention|vigilan\w*"
    r"|diligen\w*|aware|priority|thank|apologi[sz]\w*|sorry|regards|sincerely|reinstat\w*"
    r"|take care|properly|regularly|more often|better|improv\w*|trusted|reliable|train\w*"
    r"|in (?:the )?future|going forward|from now on"
)


@check("corrective_future")
def corrective_future(ctx: Context) -> list[Hit]:
    sentences = _part_sentences(ctx, "corrective_actions")
    low = ctx.lower
    promises = [_FUTURE.search(low, s, e) for s, e in sentences]
    future = [p is not None for p in promises]
    # a number in a plan ("we will dispose of the 2,300 units") is not an action done, nor is
    # an action word after the promise ("we will also set up a stock sync")
    done = any(
        ctx.marks(_PAST_ACTION, s, e if p is None else p.start())
        or (ctx.has_data(s, e) and p is None)
        for (s, e), p in zip(sentences, promises, strict=True)
    )
    # nothing done, or a step or two done among many promises: the part is still a plan
    promised = sum(future)
    if not done or (promised >= 3 and promised >= 2 * (len(sentences) - promised)):
        return [Hit(s, e) for (s, e), later in zip(sentences, future, strict=True) if later][:6]
    # beside the actions done, one still to do with no date ("We will inspect every unit")
    # (an action word after the promise is part of it: "we will contact the buyers who bought")
    return [
        Hit(s, e, _PENDING, "info")
        for (s, e), p in zip(sentences, promises, strict=True)
        if p is not None
        and not ANY_DATE.search(low, s, e)  # a count is not a date ("the 1,900 cards")
        and not ctx.marks(_PAST_ACTION, _clause_start(low, s, p.start()), p.start())
        and not _DEADLINE_OR_DECISION.search(low, s, e)
    ][:3]


def _clause_start(low: str, start: int, at: int) -> int:
    """Where the clause holding ``at`` begins: after the last "and", ";" or "," before it
    ("we removed the listings and we will check our stock": the promise is a step of its own)."""
    return max(start, *(low.rfind(sep, start, at) for sep in (" and ", ";", ", ")))


_PENDING = (
    "This corrective action is still to be done and has no date; say when it will be "
    "finished, or do it before you send the plan."
)
# a step with a time ("by Friday", "within 48 hours"), a decision ("will not be sold")
_DEADLINE_OR_DECISION = regex(
    r"\b(?:by|within|before|until|no later than) (?:the )?(?:end|close|next|this|tomorrow"
    r"|today|[a-z]+day|[0-9])|\b(?:tomorrow|today|this week|next week|this month)\b"
    r"|\bwill (?:not|never|no longer|stay|remain|continue|keep)\b|\bwon't\b"
    # ... or no step at all ("I will be grateful", "please reinstate")
    r"|\bwill be (?:\w+ )?(?:grateful|thankful|happy|glad|pleased|available|obliged)\b"
    r"|\b(?:please|kindly|thank)"
)


@check("corrective_only_amends")
def corrective_only_amends(ctx: Context) -> list[Hit]:
    """Corrective actions that only make amends (refunds, apologies, goodwill): nothing was done
    to the stock, the listings or the process that caused the problem."""
    sentences = _part_sentences(ctx, "corrective_actions")
    low = ctx.lower
    amends = [bool(_AMENDS.search(low, s, e)) for s, e in sentences]
    if not any(amends):
        return []
    for (s, e), amend in zip(sentences, amends, strict=True):
        if _OTHER_FIX.search(low, s, e) or (not amend and ctx.marks(_PAST_ACTION, s, e)):
            return []  # something besides amends was done
    return [Hit(sentences[0][0], sentences[-1][1])]


_AMENDS = regex(r"\b(?:refund|apolog|reimburs|compensat|goodwill|gift card|credit note)")
_OTHER_FIX = regex(
    r"\b(?:removed|deleted|destroyed|disposed|removal order|changed|replaced|updated|edited"
    r"|rewrote|rewritten|stopped|closed|suspended|retrained|trained|hired|switched|installed"
    r"|set up|created|added|inspected|tested|checked|quarantined|recalled|pulled|blocked"
    r"|cancell?ed|terminated|ended|corrected|fixed|relabell?ed|re-?labell?ed|moved|sent back"
    r"|paused|set|put|turned|disabled|lowered|reduced|raised|restored|reverted|reset|adjusted"
    r"|repriced|deactivated|introduced|implemented|started|began|registered|signed|ordered"
    r"|bought|purchased|arranged|booked|separated|re-?graded|graded|sorted|audited|reviewed|read"
    r"|studied|completed|obtained|requested|asked|wrote|written (?!apolog)|documented|appointed"
    r"|assigned|named|enrolled|reported|filed|submitted|uploaded|sent (?:the|all|our|a) (?:\w+ )?"
    r"(?:invoices?|documents?|reports?|certificates?)"
    r"|returned (?:the |all )?(?:\w+ )?(?:stock|units|inventory))\b"
)


@check("no_dates")
def no_dates(ctx: Context) -> list[Hit]:
    hits = []
    for start, end in ctx.sections.ranges("corrective_actions"):
        sentences = ctx.sentences_in(start, end)
        if not sentences:
            continue
        if any(ctx.has_data(s, e) for s, e in sentences):
            continue
        hits.append(Hit(sentences[0][0], sentences[-1][1]))
    return hits


@check("undated_claim")
def undated_claim(ctx: Context) -> list[Hit]:
    if "corrective_actions" in ctx.sections.parts:
        sentences = _part_sentences(ctx, "corrective_actions")
    else:
        sentences = ctx.sentences
    hits = []
    low = ctx.lower
    for (s, e), data in zip(sentences, ctx.data_in(sentences), strict=True):
        if (
            not data
            and ctx.marks(_PAST_ACTION, s, e)
            and not _EVIDENCE.search(low, s, e)
            and not _FUTURE.search(low, s, e)
        ):
            hits.append(Hit(s, e))
    return hits[:6]


@check("too_long")
def too_long(ctx: Context) -> list[Hit]:
    limit = _MAX_WORDS[ctx.kind]
    words = ctx.words
    if words <= limit:
        return []
    # tables and lines of order IDs, ASINs and dates are looked up, not read: they do not count
    prose = sum(map(_prose_words, ctx.text.split("\n")))
    if prose <= limit:
        return []
    start, end = ctx.first_line()
    return [
        Hit(
            start,
            end,
            f"The letter has {prose} words of text besides its tables and lists; a reviewer has"
            f" a few minutes for it. Aim for under {limit}.",
        )
    ]


def _prose_words(line: str) -> int:
    """The words of ``line``, or 0 for a table row or a line where three words in ten or more
    hold a digit (a timeline's entry, a list of orders or ASINs)."""
    words = len(line.split())
    if not words or line.count("|") >= 2:
        return 0
    if _NUMBER.search(line) is None:
        return words
    return 0 if 10 * len(_NUMBER_WORD.findall(line)) >= 3 * words else words


_NUMBER_WORD = regex(r"\S*\d\S*")


@check("long_paragraph")
def long_paragraph(ctx: Context) -> list[Hit]:
    hits = []
    text = ctx.text
    quoted = ctx.quoted
    for start, end, count in ctx.paragraphs:
        if quoted and any(a <= start < b for a, b in quoted):
            continue  # Amazon's quoted mail is not the seller's paragraph
        # a paragraph of fewer characters than that is not counted (too short to be long)
        if count > _LONG_PARAGRAPH and end - start >= _LONG_PARAGRAPH * 3:
            # a heading followed by a list is short points already: each item counts alone
            for item_start, item_end in _blocks(text, start, end):
                words = len(text[item_start:item_end].split())
                if words > _LONG_PARAGRAPH:
                    hits.append(
                        Hit(
                            item_start,
                            item_end,
                            f"This paragraph has {words} words; split it into short points.",
                        )
                    )
    return hits


# a line that starts a list item ("- ", "• ", "1.", "2)", "a)") or is a short heading
# (sub-numbered items too: "2.1 October 10: ...")
_ITEM_START = regex(r"[ \t]*(?:[-*•–+]\s|\(?\d{1,2}(?:[.)]|(?:\.\d{1,2})+[.)]?)\s|\(?[a-z][.)]\s)")
_HEADING_LINE = regex(r"[ \t]*[#*]*[A-Z][^.!?\n]{0,60}[:*]*[ \t]*$")


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The list items and the runs of other lines of a paragraph (trimmed spans)."""
    blocks: list[tuple[int, int]] = []
    block_start = -1
    pos = start
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        line = text[pos:line_end]
        # a table row is a point of its own ("111-5687216-3190 | May 3 | late | ...")
        new_block = (
            bool(_ITEM_START.match(line))
            or bool(_HEADING_LINE.fullmatch(line))
            or line.count("|") >= 2
            or " | " in line
        )
        if block_start < 0 or new_block:
            if block_start >= 0:
                blocks.append((block_start, pos))
            block_start = pos
        pos = line_end + 1
    if block_start >= 0:
        blocks.append((block_start, end))
    out = []
    for s, e in _split_sentence_lines(text, blocks):
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            out.append((s + lead, s + len(chunk.rstrip())))
    return out


def _split_sentence_lines(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Blocks whose every line (after a heading) ends a sentence, one block per line: a writer
    who starts each point on a new line has split the paragraph already (a wrapped
    paragraph's lines mostly end inside a sentence)."""
    out: list[tuple[int, int]] = []
    for s, e in blocks:
        lines = text[s:e].rstrip().split("\n")
        body = lines[1:] if _HEADING_LINE.fullmatch(lines[0]) else lines
        if len(body) < 2 or not all(line.rstrip().endswith((".", "!", "?", ":")) for line in body):
            out.append((s, e))
            continue
        pos = s
        for line in lines:
            out.append((pos, pos + len(line)))
            pos += len(line) + 1
    return out


_MISSING_TEXT = {
    "store_name": "the Seller Central store name",
    "merchant_token": "the merchant token (merchant ID)",
    "case_ids": "the case ID",
    "suspension_date": "the date of the deactivation",
    "section_3": "whether the notice cites Section 3 of the Business Solutions Agreement",
}
# Without case facts, a missing store name or merchant token is a warning (the seller always
# has them); the others are notes, because not every notice carries them.
_ESSENTIAL = ("store_name", "merchant_token")


@check("missing_identifier")
def missing_identifier(ctx: Context) -> list[Hit]:
    if ctx.kind == "call_notes":
        wanted: tuple[str, ...] = ("case_ids",)
    else:
        wanted = tuple(_MISSING_TEXT)
    present = dict(ctx.identifiers_present)
    case = ctx.case
    known = {
        "store_name": bool(case and case.store_name),
        "merchant_token": bool(case and case.merchant_token),
        "case_ids": bool(case and case.case_ids),
        "suspension_date": bool(case and case.suspension_date),
        "section_3": bool(case and case.mentions_section_3),
    }
    if case and case.store_name and not present["store_name"]:
        present["store_name"] = _contains(ctx.text, case.store_name)
    if case and case.suspension_date and not present["suspension_date"]:
        present["suspension_date"] = any(
            parse_date(m.group()) == case.suspension_date for m in DATE.finditer(ctx.lower)
        )
    start, end = ctx.first_line()
    hits = []
    form = _form_answers(ctx)
    for name in wanted:
        if present[name]:
            continue
        if case is not None and not known[name] and name != "store_name":
            continue
        if form:
            severity = "info"  # typed into the appeal form of the account itself
        elif known[name] or name in _ESSENTIAL or (ctx.kind == "escalation" and name == "case_ids"):
            severity = "warning"
        else:
            severity = "info"
        hits.append(Hit(start, end, f"Include {_MISSING_TEXT[name]}.", severity))
    return hits


def _form_answers(ctx: Context) -> bool:
    """Answers typed into the boxes of Account Health's appeal form: the text starts with the
    form's first question ("What caused the issue?", "Please explain the root cause ..."),
    with no greeting or header above it.
    The form belongs to the account, so the account's identifiers are not needed in it."""
    if ctx.kind != "poa" or not ctx.sections.parts:
        return False
    first_line = ctx.text.lstrip().split("\n", 1)[0].strip().lower()
    return (
        first_line.endswith("?")
        or _FORM_PROMPT.match(first_line) is not None
        or "appeal form" in first_line
        or _FORM_FIELD.fullmatch(first_line) is not None
    )


# the form's own label of its first box, alone on the first line ("Root cause of the issue:")
_FORM_FIELD = regex(r"(?:the )?root cause of the (?:issue|violation|problem)s?[ \t]*:?")
# the form's own wording of a question ("Please explain the root cause of the violation.")
_FORM_PROMPT = regex(
    r"(?:please )?(?:explain|describe|tell us|provide|list|identify) (?:\w+ ){0,4}"
    r"(?:root cause|cause|actions?|steps|measures)\b"
)


def _contains(text: str, value: str) -> bool:
    squash = " ".join(value.lower().split())
    return squash in " ".join(text.lower().split())


@check("wrong_identifier")
def wrong_identifier(ctx: Context) -> list[Hit]:
    case = ctx.case
    if case is None:
        return []
    hits = []
    ids = ctx.identifiers
    if case.merchant_token:
        real = case.merchant_token.upper()
        for loc in ids.tokens:
            if loc.value.upper() != real and (
                TOKEN.fullmatch(loc.value) is None or len(loc.value) >= 12
            ):
                hits.append(
                    Hit(
                        loc.start,
                        loc.end,
                        f"This merchant token is {loc.value}; the case's token is {real}.",
                    )
                )
    if case.case_ids:
        real_ids = {c.strip() for c in case.case_ids}
        for loc in ids.case_ids:
            if loc.value not in real_ids:
                hits.append(
                    Hit(
                        loc.start,
                        loc.end,
                        f"Case ID {loc.value} is not a case ID of this case "
                        f"({', '.join(sorted(real_ids))}).",
                    )
                )
    if case.store_name:
        for loc in ids.store_names:
            if not _contains(loc.value, case.store_name) and not _contains(
                case.store_name, loc.value
            ):
                hits.append(
                    Hit(
                        loc.start,
                        loc.end,
                        f"The store is named '{loc.value}' here; the case's store is "
                        f"'{case.store_name}'.",
                        "warning",
                    )
                )
    if case.suspension_date:
        for loc in ids.suspension_dates:
            named = parse_date(loc.value)
            if named is not None and named != case.suspension_date:
                hits.append(
                    Hit(
                        loc.start,
                        loc.end,
                        f"The date here is {named.isoformat()}; the case's deactivation date is "
                        f"{case.suspension_date.isoformat()}.",
                        "warning",
                    )
                )
    if case.mentions_section_3 is False and ids.section_3 is not None:
        window = ctx.text[max(0, ids.section_3.start - 40) : ids.section_3.start]
        if not re.search(r"\bnot\b|n't\b|\bno\b", window.lower()):
            hits.append(
                Hit(
                    ids.section_3.start,
                    ids.section_3.end,
                    "The notice does not cite Section 3; say so rather than quoting it.",
                    "warning",
                )
            )
    return hits


# a merchant token written where the case ID goes ("Case ID: A1PX7QL3ZV9KD4")
_TOKEN_AS_CASE_ID = regex(
    r"(?i:case\s*(?:id|number|no\.?|#))\s*[:#]?\s*(?P<v>A(?=[A-Z0-9]*[A-Z][A-Z0-9]*[0-9])[A-Z0-9]{11,14})\b"
)
_ORDER_AS_CASE_ID = regex(
    r"(?i:case\s*(?:id|number|no\.?|#))\s*[:#]?\s*(?P<v>\d{3}-\d{7}-\d{7})(?!\d)"
)
# a case ID given on its label line that is far too short or split by a dash ("Case ID: 1569-22")
_SHORT_CASE_ID = regex(
    # at a line's start, or after a comma or dash in a subject line ("Re: ..., Case ID: 1482-77310")
    r"(?im:(?:^|[,;|–—][ \t]*|\b(?:regarding|concerning|about|under|for|on|in|with)[ \t]+)"
    r"[ \t>*#_-]*(?:re:[ \t]*)?"
    r"(?:(?:amazon|seller support|seller central|account health"
    r"|support|appeal|your|our|my)[ \t]+)?case(?:\s*(?:id|number|no\.?|#)[ \t]*[:#]?|[ \t]*[:#]"
    r"|(?=[ \t]+#?\d+[ \t]*(?:[.,;)]|$))))[ \t]*#?(?P<v>\d{1,9}(?:-\d{1,7}){0,3})(?![\d-]|[/.:]\d)"
)
_SHORT_TOKEN = regex(
    r"(?:merchant\s*(?:token|id)|seller\s*id)(?:\s*(?:is\s*)?[:#=]\s*|\s+(?:is\s+)?(?=[a-z]*\d))"
    r"(?P<v>[a-z0-9]{1,5})(?![a-z0-9@/]|-[a-z0-9])"
)


# a merchant token label on its own line followed by words, not a token ("see account")
_TOKEN_IN_WORDS = regex(
    r"[ \t*#_>-]*(?:your |our |my )?(?:merchant (?:token|id)|seller id)[ \t*_]*[:\-–—][ \t*_]*"
    r"(?P<v>[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}|[a-z][a-z ,.'/@_-]{1,60}?)[ \t*_.]*(?=\n|$)"
)


def _token_lines(low: str) -> list[re.Match[str]]:
    """``_TOKEN_IN_WORDS`` at the start of each line that names the merchant token (the
    lines are found with str.find: most of a letter has none)."""
    found: list[re.Match[str]] = []
    for word in ("merchant", "seller id"):
        pos = low.find(word)
        while pos >= 0:
            line_start = low.rfind("\n", 0, pos) + 1
            m = _TOKEN_IN_WORDS.match(low, line_start)
            # a "Seller ID" line counts when it holds an e-mail address or one word (a store
            # name in words is read with the store labels)
            if (
                m is not None
                and (word == "merchant" or "@" in m.group("v") or " " not in m.group("v").strip())
                and all(f.start() != m.start() for f in found)
            ):
                found.append(m)
            line_end = low.find("\n", pos)
            pos = low.find(word, line_end + 1) if line_end >= 0 else -1
    return found


@check("malformed_token")
def malformed_token(ctx: Context) -> list[Hit]:
    """A value given as the merchant token that cannot be one (too short, or an ASIN)."""
    low = ctx.lower
    hits = []
    for word in ("merchant", "seller"):  # found with str.find; the expression only there
        pos = low.find(word)
        while pos >= 0:
            m = _SHORT_TOKEN.match(low, pos)
            if m is not None:
                value = ctx.text[m.start("v") : m.end("v")]
                hits.append(Hit(m.start("v"), m.end("v"), f"{value} is not a merchant token."))
            pos = low.find(word, pos + 1)
    for m in _TOKEN_AS_CASE_ID.finditer(ctx.text):
        value = m.group("v")
        hits.append(Hit(m.start("v"), m.end("v"), f"{value} is a merchant token, not a case ID."))
    for m in _ORDER_AS_CASE_ID.finditer(ctx.text):
        value = m.group("v")
        hits.append(Hit(m.start("v"), m.end("v"), f"{value} is an order number, not a case ID."))
    for m in _SHORT_CASE_ID.finditer(ctx.text):
        value = m.group("v")
        note = (
            f"{value} does not look like a case ID (Seller Central case IDs have 10 or 11 digits)."
        )
        hits.append(Hit(m.start("v"), m.end("v"), note, "warning"))
    for m in _token_lines(low):
        value = ctx.text[m.start("v") : m.end("v")]
        if not any(c in value for c in "[]{}<>_") and value.lower() not in ("n/a", "tbd"):
            what = "an e-mail address" if "@" in value else "not a merchant token"
            note = f"'{value}' is {what}" + (", not a merchant token." if "@" in value else ".")
            hits.append(Hit(m.start("v"), m.end("v"), note))
    for loc in labelled_tokens(ctx.text, ctx.lower):
        value = loc.value.upper()
        severity = None
        if value.startswith("B0") and len(value) == 10:
            note = f"{loc.value} is an ASIN, not the merchant token."
        elif TOKEN.fullmatch(value) is None or len(value) < 12:
            note = f"{loc.value} does not look like a merchant token."
        elif loc.value != value and loc.value != loc.value.lower():
            note = (
                f"{loc.value} has small letters among its capitals; a merchant token is capitals"
                " and digits only: copy it again from Seller Central."
            )
        elif len(value) > 14:
            note = (
                f"{loc.value} is longer than a merchant token (13 or 14 characters);"
                " copy it again from Seller Central."
            )
        elif _example_token(value):
            note = f"{loc.value} looks like an example value, not your merchant token."
        elif len(value) < 13:
            # merchant tokens are mostly 13 or 14 characters: a shorter one may be cut short
            note = (
                f"{loc.value} is shorter than merchant tokens usually are (13 or 14 characters);"
                " copy it again from Seller Central."
            )
            severity = "info"
        else:
            continue
        hits.append(Hit(loc.start, loc.end, note, severity))
    for m in _ODD_ASIN.finditer(ctx.text):
        value = m.group()
        if any(c.isdigit() for c in value[2:]):
            note = f"{value} does not look like an ASIN (an ASIN has 10 letters and digits)."
            hits.append(Hit(m.start(), m.end(), note))
    for m in _ODD_ORDER_ID.finditer(ctx.text):
        if m.start() and ctx.text[m.start() - 1] in "0123456789-":
            continue
        blocks = [len(b) for b in m.group().split("-")]
        if blocks == [3, 7, 7]:
            continue
        if len(blocks) < 3 and "order" not in low[max(0, m.start() - 100) : m.start()]:
            continue  # two blocks of digits are an order ID only where orders are named
        note = (
            f"{m.group()} does not look like an order ID (3, 7 and 7 digits, as in {_ORDER_SHAPE})."
        )
        hits.append(Hit(m.start(), m.end(), note))
    return hits


_ORDER_SHAPE = "112-1234567-1234567"
# an ASIN written too short or too long ("B09K7T2M", "B09LQ4RW8XZ")
_ODD_ASIN = regex(r"B0(?<![A-Za-z0-9-]B0)(?:[A-Z0-9]{5,7}|[A-Z0-9]{9,10})(?![A-Za-z0-9-])")
# an order ID with its blocks of digits cut wrong ("112-45678-9012345", "1139876543-2109876")
# (a digit or a dash just before it is checked where it is used: the scan then starts on digits;
# each expression here starts with a digit or a letter class, so the engine skips to one in C)
_ODD_ORDER_ID = regex(r"\d(?:\d{2}-\d{5,9}-\d{5,9}|\d{8,10}-\d{6,8}|\d{2}-\d{13,15})(?![\d-])")


@check("near_duplicate_identifier")
def near_duplicate_identifier(ctx: Context) -> list[Hit]:
    """Two values of one identifier that differ by one character (one changed, or two side by
    side swapped): one of them is a typing slip. The value written less often (or, as often,
    the later one) is reported. ASINs made together (a parent and its children) and order IDs
    may differ in one character in their own right, so for them only a swap counts."""
    text = ctx.text
    if not _near_pair({m.group() for m in _ID_LIKE.finditer(text)}):
        return []  # the cheap test first: no two identifier-like values one character apart
    ids = ctx.identifiers
    groups: list[tuple[str, list[tuple[str, int, int]], bool]] = [
        ("Merchant token", [(x.value.upper(), x.start, x.end) for x in ids.tokens], True),
        ("Case ID", [(x.value, x.start, x.end) for x in ids.case_ids], True),
        ("ASIN", [(m.group(), m.start(), m.end()) for m in _ASIN.finditer(text)], False),
        ("Order ID", [(m.group(), m.start(), m.end()) for m in _ORDER_ID.finditer(text)], False),
    ]
    hits = []
    for label, found, any_change in groups:
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for value, start, _ in found:
            counts[value] = counts.get(value, 0) + 1
            first.setdefault(value, start)
        if len(counts) < 2:
            continue
        slips: dict[str, str] = {}
        values = sorted(counts, key=lambda v: (-counts[v], first[v]))
        for i, kept in enumerate(values):
            for other in values[i + 1 :]:
                if other in slips or kept in slips:
                    continue
                swapped = _one_swap(kept, other)
                if swapped or (any_change and _one_change(kept, other)):
                    slips[other] = kept
        for value, start, end in found:
            if value in slips:
                note = (
                    f"{label} {value} differs by one character from {slips[value]} elsewhere in"
                    " the letter: check which one is right."
                )
                hits.append(Hit(start, end, note))
    return hits


def _near_pair(values: set[str]) -> bool:
    by_length: dict[int, list[str]] = {}
    for value in values:
        by_length.setdefault(len(value), []).append(value)
    return any(
        _one_change(a, b) or _one_swap(a, b)
        for same in by_length.values()
        for i, a in enumerate(same)
        for b in same[i + 1 :]
    )


# anything shaped like a merchant token, an ASIN, a case ID or an order ID
_ID_LIKE = regex(
    r"[AB\d](?<![A-Za-z0-9-][AB\d])(?:(?<=A)[A-Z0-9]{9,15}|(?<=B)0[A-Z0-9]{8}"
    r"|(?<=\d)\d{2}-\d{7}-\d{7}|(?<=\d)\d{7,11})(?![A-Za-z0-9-])"
)


def _one_change(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _one_swap(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with two neighbouring, different characters swapped."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    return a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


_ASIN = regex(r"B0(?<![A-Za-z0-9-]B0)[A-Z0-9]{8}(?![A-Za-z0-9-])")
_ORDER_ID = regex(r"\d(?<![\d-]\d)\d{2}-\d{7}-\d{7}(?![\d-])")


@check("other_store_name")
def other_store_name(ctx: Context) -> list[Hit]:
    """A second store name that is not the one the letter gives: two "Store name:" labels
    that differ, or a letter written "on behalf of" another store (a template reused from
    another client)."""
    names = ctx.identifiers.store_names
    if not names:
        return []
    known = [_plain_name(n.value) for n in names[:1]]
    hits = []
    text = ctx.text
    # a second "Store name:" in the letter's head (the body may name a related account's store)
    header_end = _after_lines(text, 12)
    for loc in names[1:]:
        if loc.start >= header_end or _LEGAL_ENTITY.search(loc.value):
            continue  # "Company: Ningbo Kidoria Toys Co., Ltd.": the owner, not another store
        if "brand" in text[text.rfind("\n", 0, loc.start) + 1 : loc.start].lower():
            continue  # "Brand: Verdemoro": the product's brand, not another store
        if not _same_name(_plain_name(loc.value), known):
            hits.append(Hit(loc.start, loc.end, f"{loc.value} is not the store named above."))
    # "on behalf of" in the letter's head or sign-off (in the body it may name a rights owner)
    head = _after_lines(text, 6)
    tail = _before_last_lines(text, 8)
    for m in _ON_BEHALF.finditer(text):
        if head <= m.start() < tail:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.start())
        if (line_end if line_end >= 0 else len(text)) - line_start > 120:
            continue
        if _LEGAL_ENTITY.search(m.group("v")):
            continue  # the company that owns the store ("Shenzhen Brightfield Trading Co., Ltd.")
        if _is_person(text, m.group("v")):
            continue  # the owner a helper writes for ("Joanna Ruiz, on behalf of Daniel Okafor")
        if not _same_name(_plain_name(m.group("v")), known):
            value = m.group("v")
            hits.append(Hit(m.start("v"), m.end("v"), f"{value} is not the store named above."))
    # "At Brightwell Outdoor Co. we take compliance seriously": a company named once, in the
    # voice of the store, and nowhere else in the letter (a sentence from another client's)
    for m in _AT_COMPANY.finditer(text):
        value = m.group("v")
        plain = _plain_name(value)
        # a company's legal form says it is a business ("At Christmas we", "At LEJ1 we" are not)
        if _LEGAL_ENTITY.search(value) is None or _same_name(plain, known):
            continue
        words = [w for w in plain.split() if len(w) >= 4]
        elsewhere = text[: m.start("v")] + text[m.end("v") :]
        if words and not any(re.search(rf"(?i)\b{re.escape(w)}\b", elsewhere) for w in words):
            hits.append(
                Hit(
                    m.start("v"),
                    m.start("v") + len(value),
                    f"{value} is not the store named above.",
                )
            )
    return hits


_AT_COMPANY = regex(
    # the literal first, then what comes before it: the engine skips ahead to each "At"
    r"At(?:(?<=^At)|(?<=[.!?] At)|(?<=[.!?]  At)|(?<=\nAt)|(?<=\n- At)|(?<=\n\* At))"
    r" (?P<v>[A-Z][\w&'-]*(?:[ ][A-Z&][\w&'.-]*){0,4}),? we\b"
)


_ROLE = (
    r"(?:owner|co-owner|director|managing director|founder|co-founder|ceo|president|proprietor"
    r"|account holder|sole trader|sole owner|primary contact|father|mother|husband|wife|son"
    r"|daughter|brother|sister)"
)


def _is_person(text: str, value: str) -> bool:
    """True when the letter gives ``value`` a person's role ("Daniel Okafor, owner")."""
    name = re.escape(value)
    role = re.compile(rf"{name},?\s+(?:\(|the\s+)?{_ROLE}\b|\b{_ROLE}[,:]?\s+{name}", re.I)
    return role.search(text) is not None


def _after_lines(text: str, n: int) -> int:
    """Where the text after its first ``n`` lines starts."""
    pos = 0
    for _ in range(n):
        found = text.find("\n", pos)
        if found < 0:
            return len(text) + 1
        pos = found + 1
    return pos


def _before_last_lines(text: str, n: int) -> int:
    """Where the last ``n`` lines of the text start."""
    pos = len(text)
    for _ in range(n):
        found = text.rfind("\n", 0, pos)
        if found < 0:
            return -1
        pos = found
    return pos


# (the "O" before the word-start test: the engine skips ahead to each "o")
_ON_BEHALF = regex(r"[Oo](?<!\w.)n behalf of (?P<v>[A-Z][\w&'.-]*(?:[ ][A-Z&][\w&'.-]*){0,5})")
_LEGAL_ENTITY = regex(
    r"\b(?:Co|Ltd|LLC|Inc|GmbH|Corp|Limited|S\.?L|S\.?A|S\.?r\.?l|B\.?V|Pty|PLC|LLP|Trading"
    # other legal forms: Czech/Slovak, Polish, French, German, Nordic, Dutch, Italian, Baltic
    r"|s\.?r\.?o|a\.?s|sp\. ?z ?o\.? ?o|SARL|SAS|SASU|EURL|UG|AG|KG|OHG|e\.K|N\.?V|AB|Oy|ApS"
    r"|A/S|AS|ASA|S\.?p\.?A|Lda|Ltda|Kft|d\.?o\.?o|O[UÜ]|Pvt|K\.?K)(?![A-Za-z])"
)
_NAME_NOISE = regex(r"\b(?:the|llc|ltd|inc|gmbh|co|corp|limited|store|shop)\b|[^a-z0-9 ]")


def _plain_name(name: str) -> str:
    return " ".join(_NAME_NOISE.sub(" ", name.lower()).split())


def _same_name(name: str, known: list[str]) -> bool:
    return not name or any(name in k or k in name for k in known)


def _example_token(value: str) -> bool:
    """A made-up token: its letters and digits run in order (A1B2C3D4E5F6G7, ABC1234567890),
    or it repeats two or three characters (AXXXXXXXXXXXXX)."""
    if len(set(value)) <= 3:
        return True
    letters = [ord(c) for c in value if c.isalpha()]
    digits = [int(c) for c in value if c.isdigit()]

    def in_order(seq: list[int], step: Callable[[int, int], bool]) -> bool:
        return all(step(a, b) for a, b in pairwise(seq))

    letters_run = len(letters) >= 4 and in_order(letters, lambda a, b: b - a == 1)
    digits_run = len(digits) >= 4 and in_order(digits, lambda a, b: (b - a) % 10 == 1)
    return (letters_run or len(letters) <= 1) and (digits_run or len(digits) <= 1)


@check("reason_details")
def reason_details(ctx: Context) -> list[Hit]:
    case = ctx.case
    if case is None or ctx.kind not in ("poa", "reply"):
        return []
    start, end = ctx.first_line()
    text = ctx.lower
    missing: list[str] = []
    if case.reason == "inauthentic":
        if not _SUPPLIER.search(text):
            missing.append("name the supplier the units came from")
        if not _INVOICE.search(text):
            missing.append("refer to the supplier invoices that cover the units sold")
    elif case.reason == "related_account":
        if not _RELATION.search(text):
            missing.append("explain how the other account is related to yours")
    elif case.reason in _REASON_NEEDS:
        words, need = _REASON_NEEDS[case.reason]
        if not words.search(text):
            missing.append(need)
    elif case.reason == "performance":
        if not _METRIC.search(text):
            missing.append("name the metric that fell short")
        if not re.search(r"\d+(?:\.\d+)?\s?%", text):
            missing.append("give the metric's numbers (rate and period)")
    if case.asins:
        upper = text.upper()
        cited = list(dict.fromkeys(x.upper() for x in case.asins))
        absent = [a for a in cited if a not in upper]
        if len(absent) == len(cited):
            missing.append("name the ASINs the notice cites")
        elif absent:
            # a notice that cites several ASINs wants an answer for each of them
            listed = ", ".join(absent)
            missing.append(f"answer for every ASIN the notice cites; not mentioned: {listed}")
    return [Hit(start, end, f"For this case, {m}.") for m in missing]


def _ip_issue(right: str) -> re.Pattern[str]:
    """A complaint about a right ("a trademark complaint", "infringed the copyright of"), not
    the seller's own right ("our trademark registration")."""
    return regex(
        rf"\b{right} (?:complaints?|infringements?|notices?|violations?|issues?|claims?"
        rf"|polic(?:y|ies)|reports?)\b|\binfring\w* (?:on |of )?(?:\w+ ){{0,3}}{right}\b"
        rf"|\b(?:complaints?|notices?) (?:\S+ ){{0,2}}?\(?{right}\b"
    )


# The issues a notice can raise that a root cause must each explain: how the letter names the
# issue, and the words a root cause that explains it cannot do without. A notice about several
# metrics or several policies gets one cause for each; a letter that lists them and then
# explains only some leaves the rest open.
_ISSUES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "the order defect rate",
        regex(r"\border defect rate\b|\bodr\b"),
        regex(r"defect|\bodr\b|feedback|a-?to-?z|chargeback|claims?\b|complain|return"),
    ),
    (
        "the late shipment rate",
        regex(r"\blate (?:shipment|dispatch) rate\b|\bl[sd]r\b"),
        regex(r"\blate|dispatch|handling time|ship|collect|pick-?up|courier|carrier|deliver"),
    ),
    (
        "the cancellation rate",
        regex(r"\bcancell?ation rate\b|\bcancel rate\b|\bpre-?fulfil?ll?ment cancel"),
        regex(r"cancel|stock|inventory|overs[eo]l|could not (?:fill|fulfil)|unfillable"),
    ),
    (
        "the valid tracking rate",
        regex(r"\bvalid tracking rate\b|\bvtr\b"),
        regex(r"track"),
    ),
    (
        "the reviews",
        regex(
            r"\breview manipulation\b|\b(?:customer )?(?:product )?reviews? policy"
            r"|\bincentivi[sz]ed reviews?\b|\b(?:manipulat\w*|incentiv\w*) (?:\w+ ){0,2}reviews?\b"
            r"|\b(?:for|asking for|ask for|asked for) (?:a |an )?(?:5|five)[- ]star reviews?\b"
            r"|\breviews? in (?:exchange|return)\b|\binserts? (?:\w+ ){0,5}reviews?\b"
            r"|\b(?:free|gift|discount|offer\w*|refund\w*|reward\w*)\b[^.\n]{0,80}"
            r"(?:5|five)[- ]star reviews?\b"
        ),
        regex(r"review|rating|insert|card|feedback|incentiv"),
    ),
    (
        "the variation family",
        regex(r"\bvariation (?:family|families|abuse|policy|relationships?)\b"),
        regex(r"variation|parent|child asins?|family|families"),
    ),
    (
        "the trademark",
        _ip_issue(r"trade ?marks?"),
        regex(r"trade ?mark|brand|logo|\bnames?\b|®|™"),
    ),
    (
        "the copyright",
        _ip_issue(r"copyrights?"),
        regex(r"copyright|image|photo|picture|text|description|content|artwork|design"),
    ),
    (
        "the patent",
        _ip_issue(r"(?:design )?patents?"),
        regex(r"patent|design|invent"),
    ),
    (
        "the prices",
        regex(
            r"\bfair pricing\b|\bprice gouging\b|\bpricing (?:polic(?:y|ies)|errors?|violations?)\b"
            r"|\b(?:typical|reference|recent) price\b"
        ),
        regex(r"pric|repric"),
    ),
    (
        "the restricted product",
        regex(
            r"\brestricted products?\b"
            r"|\bprohibited (?:products?|ingredients?|substances?|claims?)\b"
        ),
        regex(
            r"restrict|prohibit|ingredient|banned|not allowed|forbidden|illegal|licen[cs]|approv"
            r"|claims?\b|pesticide|\bepa\b|\bfda\b|drug|hazmat|dangerous|laser|class"
        ),
    ),
    (
        "the safety documents",
        regex(
            r"\bchildren'?s product certificate\b|\bcpc\b|\bproduct safety\b"
            r"|\bsafety (?:complaints?|concerns?|documents?|requirements?|issues?)\b"
        ),
        regex(
            r"certificat|\bcpc\b|test|\blab|safety|standard|astm|complian|en ?71|recall|warning"
            r"|\bce\b|ukca|choking|small parts|battery|batteries"
        ),
    ),
    (
        "the shipping charges",
        regex(r"\bshipping (?:charges?|fees?|costs?|prices?)\b"),
        regex(r"shipping"),
    ),
)


def _named_issues(ctx: Context) -> list[tuple[str, int, int, re.Pattern[str]]]:
    """The notice's issues the letter names before its first part, or in a quoted notice (then
    placed on the root cause heading): (name, start, end, the words that explain it)."""
    first = min(span.start for span in ctx.sections.parts.values())
    low = ctx.lower
    named: list[tuple[str, int, int, re.Pattern[str]]] = []
    quoted = [(a, b) for a, b in ctx.quoted if a >= first]
    # a mention in a quoted notice is not the seller's text: the finding goes on the heading
    part = ctx.sections.parts["root_cause"]
    heading = (part.start, part.content_start)
    if part.content_start <= part.start:  # a part found without a heading: its first sentence
        sentences = ctx.sentences_in(*ctx.sections.ranges("root_cause")[0])
        heading = (part.start, sentences[0][1] if sentences else part.end)
    for name, names, explains in _ISSUES:
        # a metric listed as fine ("Valid tracking rate: 97.4%, within target") is no issue
        m = next((m for m in names.finditer(low, 0, first) if not _fine(low, m.end())), None)
        if m is not None:
            named.append((name, m.start(), m.end(), explains))
            continue
        for a, b in quoted:
            if names.search(low, a, b):
                named.append((name, *heading, explains))
                break
    return named


_FINE = regex(
    r"within (?:the |amazon's )?(?:target|threshold|limit)"
    r"|(?:is|was|are|were|stayed|remains?|remained) (?:fine|healthy|ok|okay|good|normal|green"
    r"|unaffected|below (?:the )?(?:target|threshold|limit))"
    r"|not (?:part of|affected|an issue|a problem|in question)"
)


def _fine(low: str, at: int) -> bool:
    """The rest of the clause after a metric's name says it is within target, or a table row
    gives a value on the right side of its target ("| 0.4 % | under 2.5 % |")."""
    end = min(len(low), at + 60)
    for stop in (". ", "\n", ";"):
        found = low.find(stop, at, end)
        if found >= 0:
            end = found
    if _FINE.search(low, at, end) is not None:
        return True
    line_end = low.find("\n", at)
    row = _ROW_TARGET.search(low, at, line_end if line_end >= 0 else len(low))
    if row is None or "|" not in low[at : row.start()]:
        return False
    value, target = (float(row.group(g).replace(",", ".")) for g in ("value", "target"))
    return (
        value < target
        if row.group("side") in ("under", "below", "less than", "<")
        else (value > target)
    )


# a table row's value and its target ("| 0.4 % | under 2.5 % |", "| 98.7 % | over 95 % |")
_ROW_TARGET = regex(
    r"(?P<value>\d+(?:[.,]\d+)?) ?%[^%\n]*?\b(?P<side>under|below|less than|over|above"
    r"|at least)(?: [a-z]+)? (?P<target>\d+(?:[.,]\d+)?) ?%"
)


@check("issue_unexplained")
def issue_unexplained(ctx: Context) -> list[Hit]:
    """A letter that names two or more of the notice's issues before its root cause (or quotes
    a notice that names them), then explains only some of them under root cause."""
    ranges = ctx.sections.ranges("root_cause")
    if not ranges:
        return []
    named = _named_issues(ctx)
    hits = []
    if len(named) >= 2:
        for name, start, end, explains in named:
            if not any(explains.search(ctx.lower, a, b) for a, b in ranges):
                hits.append(Hit(start, end, f"The root cause does not explain {name}."))
    return hits


# the four metrics: a routine that watches Account Health watches them all
_METRICS = frozenset(
    (
        "the order defect rate",
        "the late shipment rate",
        "the cancellation rate",
        "the valid tracking rate",
    )
)
_WATCHES_METRICS = regex(r"\baccount health\b|\bmetrics\b|\bperformance (?:dashboard|page)\b")


@check("issue_unprevented")
def issue_unprevented(ctx: Context) -> list[Hit]:
    """An issue of several with no preventive measure of its own: a letter laid out issue by
    issue whose later issue has a root cause but no prevention, or one whose prevention speaks
    to some of the issues it named at the top and not to the others."""
    prevention = ctx.sections.ranges("preventive_measures")
    if not prevention or "root_cause" not in ctx.sections.parts:
        return []
    hits = _blocks_unprevented(ctx)
    if hits:
        return hits
    named = _named_issues(ctx)
    if len(named) < 2:
        return []
    low = ctx.lower
    covered = [any(ex.search(low, a, b) for a, b in prevention) for _, _, _, ex in named]
    # prevention that names none of the issues is written for all of them
    if not any(covered):
        return []
    watches = any(_WATCHES_METRICS.search(low, a, b) for a, b in prevention)
    for (name, start, end, _), done in zip(named, covered, strict=True):
        if not done and not (watches and name in _METRICS):
            hits.append(Hit(start, end, f"The preventive measures do not cover {name}."))
    return hits


def _blocks_unprevented(ctx: Context) -> list[Hit]:
    """Issue-by-issue layout (root cause, actions, prevention, then the next root cause ...):
    a block with no prevention, when an earlier block has its own. Prevention only in the
    last block may be written for all of them."""
    sections = ctx.sections
    spans = sorted(
        (span.start, part, span)
        for part in ("root_cause", "preventive_measures")
        if part in sections.parts
        for span in (sections.parts[part], *sections.extra.get(part, []))
    )
    blocks: list[list[tuple[Part, PartSpan]]] = []
    for _, part, span in spans:
        if part == "root_cause":
            blocks.append([])
        if blocks:
            blocks[-1].append((part, span))
    has = [any(part == "preventive_measures" for part, _ in block) for block in blocks]
    if len(blocks) < 2 or not any(has[:-1]):
        return []
    hits = []
    for block, prevented in zip(blocks, has, strict=True):
        if not prevented:
            start, end = _issue_title(ctx, block[0][1])
            hits.append(Hit(start, end, "This issue has no preventive measures of its own."))
    return hits


def _issue_title(ctx: Context, cause: PartSpan) -> tuple[int, int]:
    """Where a block's issue is named: the short line just before its root cause heading
    ("2. Order cancellation rate 3.8%"), else the heading itself."""
    text = ctx.text
    head_end = cause.content_start if cause.content_start > cause.start else cause.end
    line_end = text.rfind("\n", 0, cause.start)
    if line_end > 0:
        prev_end = len(text[:line_end].rstrip())
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].strip()
        if 0 < len(line) <= 100 and not line.endswith((".", ":")) and line[0] not in "-*•–":
            lead = len(text[prev_start:prev_end]) - len(text[prev_start:prev_end].lstrip())
            return prev_start + lead, prev_end
    return cause.start, head_end


_STALLED = regex(
    r"\b(?:still|remains?|stays?) (?:[\"“]?under review|[\"“]?in review|pending|open|unanswered)"
    # the same "we need more information" reply again and again, never saying what is missing
    r"|\bsame (?:reply|response|message|answer|template)(?: \w+){0,3} (?:times|again|twice)\b"
    r"|\bwithout (?:saying|telling us|explaining|naming|specifying) (?:which|what)"
    r" (?:part|information|document|step|detail)"
    r"|\bno (?:decision|request for anything|further request|reply|response|answer)"
    r" (?:since|yet|after|for|has)"
    r"|\bstatus (?:is |was |still )*[\"“]?under review"
    r"|\b(?:had|has|have) not (?:yet )?been (?:reviewed|looked at|answered|read|opened)"
    r"|\b(?:have|has|had) not (?:had|received|got|gotten) (?:a |any )?"
    r"(?:reply|response|answer|decision)"
    r"|\bawaiting (?:a |your )?(?:review|decision|reply|response|answer)"
)
_ALREADY_FILED = regex(
    r"\b(?:already|both|were|was|had been|have been) (?:been )?(?:uploaded|filed|submitted|sent)"
    r"|\b(?:documents?|files?) already (?:filed|uploaded|submitted|sent|on the case)"
    r"|\b(?:we|i) (?:have |had )?(?:submitted|filed|sent|uploaded) (?:our|my|the|an?) (?:[a-z]+ )?"
    r"(?:plan|appeal|documents?|invoices?|poa)"
    r"|\bappeal submitted\b|\b(?:we|i) (?:have |had )?submitted it\b|\bour appeal included\b"
)


@check("escalation_content")
def escalation_content(ctx: Context) -> list[Hit]:
    if ctx.kind != "escalation":
        return []
    start, end = ctx.first_line()
    hits = []
    low = ctx.lower
    # an escalation of a review that stalls on documents already filed asks for a decision:
    # nothing needs to have changed
    stalled = _STALLED.search(low) is not None and _ALREADY_FILED.search(low) is not None
    changes = [m.span() for m in _CHANGED.finditer(low)]
    # "We have updated our POA" alone, with no list of what is new in it, says nothing new
    bare = [m.span() for m in _BARE_UPDATE.finditer(low)]
    said = [c for c in changes if not any(a <= c[0] < b for a, b in bare)]
    same = _SAME_PLAN.search(low)
    if same is not None and not stalled and all(_SINCE.fullmatch(low, *c) for c in said):
        # "attached is the same plan I sent on 2 April": nothing new for the reviewer to read
        note = (
            "Say what changed since the last appeal: the same plan sent again gets the same answer."
        )
        hits.append(Hit(same.start(), same.end(), note))
    elif not stalled and not said and not changes:
        hits.append(Hit(start, end, "Say what changed since the last appeal."))
    elif not stalled and not said and not _LISTED.search(low):
        note = "Say what changed since the last appeal: an updated plan alone does not say it."
        hits.append(Hit(bare[-1][0], bare[-1][1], note))
    # an identity or business verification case sends documents, not a Plan of Action
    # nor does one that sends the rights owner's retraction
    if (
        not stalled
        and not _ATTACHED_POA.search(low)
        and not _is_verification(ctx)
        and not _SENDS_RETRACTION.search(low)
    ):
        hits.append(Hit(start, end, "Say that the updated Plan of Action is attached."))
    return hits


_CAPS_TEMPLATE = regex(
    r"(?<![A-Za-z])(?<![A-Z][ &-])"
    r"(?:INSERT(?: [A-Z]{2,}){1,4}|DATE|NAME"
    r"|(?:SUPPLIER|COMPANY|STORE|SELLER|YOUR|PRODUCT|BRAND) NAME|SUPPLIER"
    r"|COMPANY|AMOUNT|NUMBER|ADDRESS|TITLE|PHONE|EMAIL|CITY|QUANTITY"
    r"|NAME OF (?:COMPANY|STORE|SUPPLIER|PERSON|OWNER|SELLER))(?![A-Za-z])"
    r"(?![ &-][A-Z]{2})(?!\s*:)"
)
_CAPS_BRACKET = regex(r"\[[A-ZÀ-ÖØ-Þ]{2,}(?:[ '’-][A-ZÀ-ÖØ-Þ]+){1,5}\]")
_FIELD_LINE = regex(r"[A-Z][A-Z0-9 /&'()-]{1,40}:\s")
_CAPS_RUN = regex(r"[A-Z]{3,}(?:[ \t,!]+[A-Z]{2,}){3,}(?![A-Za-z])!*")  # within one line


@check("shouting")
def shouting(ctx: Context) -> list[Hit]:
    hits: list[Hit] = []
    text = ctx.text
    classes = ctx.case_classes
    pos = classes.find(b"UUU")
    while pos >= 0:
        if pos and text[pos - 1].isalpha():
            pos = classes.find(b"UUU", pos + 3)
            continue
        m = _CAPS_RUN.match(text, pos)
        if m is None:
            pos = classes.find(b"UUU", pos + 3)
            continue
        pos = classes.find(b"UUU", m.end())
        line_start = ctx.text.rfind("\n", 0, m.start()) + 1
        line_end = ctx.text.find("\n", m.end())
        line = ctx.text[line_start : len(ctx.text) if line_end < 0 else line_end]
        if len(line.split()) <= 8 or "[" in m.group() or "X" * 4 in m.group():
            continue
        before = ctx.text[line_start : m.start()]
        if (before.count('"') + before.count("\u201c") + before.count("\u201d")) % 2:
            continue  # quoted words (a sign, a label, a sticker) are not shouting
        if _FIELD_LINE.match(line) and "." not in line.rstrip(". "):
            continue  # a header field typed in capitals ("DATE OF DEACTIVATION: ..."), not shouting
        if (
            _standalone(text, line_start, line_end)
            and len(line.split()) <= 14
            and line.rstrip()[-1:] not in ".!"
            and not line.lstrip().startswith(("- ", "* "))
        ):
            continue  # a heading on its own line ("PART C - HOW WE WILL KEEP OUR DETAILS")
        hits.append(Hit(m.start(), m.end()))
    return hits


def _standalone(text: str, line_start: int, line_end: int) -> bool:
    """True when the line has a blank line (or the start or end of the text) on each side."""
    before = text[: max(line_start - 1, 0)]
    above = before[before.rfind("\n") + 1 :] if line_start else ""
    if line_end < 0:
        return not above.strip()
    after = text[line_end + 1 :]
    below = after[: after.find("\n")] if "\n" in after else after
    return not above.strip() and not below.strip()


@check("caps_placeholder")
def caps_placeholder(ctx: Context) -> list[Hit]:
    """A template word left in capitals inside a normal sentence ("on DATE", "our packer, NAME")."""
    hits: list[Hit] = []
    text = ctx.text
    # Every template word is a run of at least four capitals that starts the word, so only
    # such runs are tried (found with bytes.find in C instead of trying every position).
    classes = ctx.case_classes
    pos = classes.find(b"UUUU")
    while pos >= 0:
        m = _CAPS_TEMPLATE.match(text, pos)
        if m is None:
            pos = classes.find(b"UUUU", classes.find(b".", pos) % (len(classes) + 1))
            continue
        pos = classes.find(b"UUUU", m.end())
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        # an all-capitals line is a heading, unless it is an instruction left in ("INSERT ...")
        if any(c.islower() for c in line) or m.group().startswith("INSERT "):
            hits.append(Hit(m.start(), m.end()))
    # a field in brackets, in capitals, in any language ("[NOM DE LA BOUTIQUE]")
    for m in _CAPS_BRACKET.finditer(text):
        if not any(h.start <= m.start() < h.end for h in hits):
            hits.append(Hit(m.start(), m.end()))
    return hits
