"""What a check sees: the letter, its normalised form, its sentences and its parts."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, repeat
from operator import add, ge, itemgetter
from typing import TYPE_CHECKING, Any

from reinstate.core.review.identifiers import Identifiers, find_identifiers, identifiers_present
from reinstate.core.review.matcher import regex
from reinstate.core.review.model import LetterKind, Part
from reinstate.core.review.normalize import Normalised
from reinstate.core.review.sections import Sections

if TYPE_CHECKING:
    from reinstate.core.case import CaseFacts

# A sentence ends at end punctuation followed by space, at a blank line, or at a line break
# that starts a list item, a table row, a heading or a capitalised line.
# The first character is consumed by a class, so the engine skips to candidates in C.
_SENTENCE_BREAK = regex(
    r"[.!?\n](?:(?<=[.!?])[\"')\]]*(\s+)|(?<=\n)[ \t]*(?:\n\s*)+"
    r"|(?<=\n)(?=[ \t]*(?:[-*•+#>|]|\d{1,2}(?:[.):]|(?:\.\d{1,2})+[.)]?)\s"
    r"|\(?[a-z]{1,4}\)\s|[A-Z]"
    # a timeline's line that opens with its date ("06 Oct 2026  Late dispatch rate ...")
    r"|\d{1,2}(?:[–-]\d{1,2})?[ \t]+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\d{4}-\d{2}-\d{2}\b|\d{1,2}[./]\d{1,2}[./]\d{2,4}\b)))"
)
# a list number or letter alone before a stop ("1.", "2.1.", "a.", "iv."): not a sentence of its
# own, nor part of the sentence it numbers
_MARKER_ONLY = regex(r"\s*(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,5})\.", re.I)
# an abbreviation before a full stop (followed by a bracket, it does not end the sentence)
_ABBREVIATION = regex(
    r"(?<![a-z])(?:ltd|inc|co|corp|llc|gmbh|plc|no|nr|st|dr|mr|mrs|ms|e\.g|i\.e|etc|vs|approx"
    r"|ref)\.\Z",
    re.I,
)
# a title or initials before a full stop, which do not end the sentence when a word follows on
# the same line ("the U.S. Consumer Product Safety Commission", "Dr. Weber", "e.g. Amazon")
_TITLE_OR_INITIALS = regex(
    r"(?<![a-z.])(?:u\.s|u\.k|u\.s\.a|e\.g|i\.e|mr|mrs|ms|dr|vs|approx)\.\Z", re.I
)
# One byte per character: "U" for a capital letter, "." for anything else.
_CASE_CLASSES = bytes(ord("U") if 65 <= i <= 90 else ord(".") for i in range(256))
# a list number at the start of a line ("1.", "2)", "- 3.") in "\n" + text: the digits start
# group 1 (the line break is a literal, so the engine skips from line to line in C)
_LIST_NUMBER = regex(r"\n[ \t#*-]*([0-9]+)[.)]")
# the further levels of a numbered heading or point ("2.2 ", "1.3.1 "): one match per level
_SUB_NUMBER = regex(
    r"(?<=\n)[ \t#*-]*[0-9]{1,2}((?:\.[0-9]{1,2})+)\.?[ \t]+"
    # "2.5 hours", "1.5 kg": a quantity, not a point ("2.6 in addition" is a point)
    r"(?!(?:hours?|hrs?|days?|weeks?|months?|years?|minutes?|mins?|seconds?|kg|g|lbs?|oz|cm|mm"
    r"|m|km|in(?![ \t]+[a-z])|inch(?:es)?|ft|%|percent|per ?cent|x|times|units?|pieces?|pcs|ml|l"
    r"|litres?|liters?|gallons?|stars?|million|billion|k)\b)"
)
_DIGIT_CLASSES = bytes(ord("d") if 48 <= i <= 57 else ord(".") for i in range(256))
_START = re.Match.start
# a blank line between two paragraphs (a line of spaces, or a Windows line end, counts)
PARAGRAPH_BREAK = regex(r"\n[ \t]*\r?\n")
_BULLETS = ("- ", "• ", "* ")
# Latin-1 characters as str.split() sees them: " " for whitespace, "x" for anything else; and
# the whitespace characters beyond Latin-1 (U+1680, U+2000-U+200A, U+2028, ...).
_SPACE_CLASSES = bytes(ord(" ") if chr(i).isspace() else ord("x") for i in range(256))
_WIDE_SPACES = tuple(chr(c) for c in range(256, 0x3001) if chr(c).isspace())
_QUOTED_LINE = regex(r"^[ \t]*>[^\n]*", re.M)
_TABLE_SEPARATOR = regex(
    r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*(?=\n|$)"
)


def _table_frame(text: str, start: int, end: int) -> bool:
    """True when ``start:end`` is a table's separator row, or the header row above one."""
    if text[start] not in "|-:":
        return False
    if _TABLE_SEPARATOR.match(text, start) is not None:
        return True
    line_end = text.find("\n", end)
    return line_end >= 0 and _TABLE_SEPARATOR.match(text, line_end + 1) is not None


_QUOTE_END = regex(
    r"^[ \t]*-{2,}\s*end (?:of )?(?:the )?(?:original|forwarded) message\s*-{2,}"
    # or a line of dashes alone, closing a message pasted above the seller's text
    r"|^[ \t]*[-_=]{3,}[ \t]*$",
    re.I | re.M,
)
_ANSWER_LINE = regex(
    # "ANSWER:", "Our reply 2 -", "A:" ("A-to-z" in Amazon's own text is no answer)
    r"^[ \t]*(?:(?:our |my )?(?:answer|reply|response)[ \t]*(?:\d{1,2}[ \t]*)?[:\-–]"
    r"|a[ \t]*:)[ \t]*",
    re.I | re.M,
)
# Amazon's notice pasted between marker lines, in any kind of letter ("----- Notification from
# Amazon -----" ... "----- End of notification -----", or "==== Notice received 3 May ===="), or
# under a line that names it ("Notice received on 22 September (copied from Account Health):")
# followed by a line of dashes
_PASTE_OPEN = regex(
    r"^[ \t]*[-=]{3,}[ \t]*(?:(?:the |amazon'?s? )?(?:notification|notice|message|e-?mail|warning)"
    r"(?:[ \t](?![^\n]*\b(?:our|my|we|i|us)\b)"
    r"(?![^\n]*\bto (?!amazon|seller performance|account health))[^\n]{0,60}?)?"
    r"|(?:amazon|seller performance)(?:'s)? (?:notification|notice|message|e-?mail)[^\n]{0,40}?)"
    r"[ \t]*[-=]{3,}[ \t]*$"
    r"|^(?![^\n]*\b(?:our|my|we|i|us)\b)(?![^\n]*\bto (?!amazon|seller performance|account health))"
    r"[^\n]{0,100}\b(?:notice|notification|message|e-?mail|warning)\b[^\n]{0,80}:[ \t]*\n"
    r"[ \t]*[-=]{3,}[ \t]*$",
    re.I | re.M,
)
_PASTE_CLOSE = regex(
    r"^[ \t]*[-=]{3,}[ \t]*end(?: of)?(?: the)?(?: amazon'?s?)? (?:notification|notice|message"
    r"|e-?mail|warning)(?: (?:from|by) [^\n]{0,40}?)?[ \t]*[-=]{3,}[ \t]*$"
    # or a line of dashes alone under a notice that was opened with its name
    r"|^[ \t]*[-=]{3,}[ \t]*$",
    re.I | re.M,
)
_DASH_LINE = regex(r"^[ \t]*[-=]{3,}", re.M)
_PLAN_HEADING = regex(
    r"^[ \t#*_>]*(?:\d+[.)]?[ \t]*)?[*_]*(?:root cause|corrective action"
    r"|preventive (?:measure|action)"
    r"|plan of action)",
    re.I | re.M,
)
_MAX_PASTED = 6000  # characters: a pasted notice is a page, not the letter
# the seller's sign-off under a notice pasted at the end ("Thank you,", "Kind regards,")
_SIGN_OFF = regex(
    r"^[ \t]*(?:thank you|thanks|many thanks|(?:kind |best |warm )?regards|sincerely"
    r"|yours (?:sincerely|faithfully|truly)|respectfully)"
    r"(?: for your (?:time|consideration|attention|help|review))?[ \t]*[,.!]?[ \t]*$",
    re.I | re.M,
)


def _pasted_notices(text: str, parts: list[int] | None = None) -> list[tuple[int, int]]:
    """The spans of notices pasted between marker lines. The closing line is needed, except
    for a notice pasted at the end of the letter ("for reference"); a bare marker line does
    not close a notice when the seller's own parts come before it."""
    if "---" not in text and "===" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for opening in _PASTE_OPEN.finditer(text):
        if spans and opening.start() < spans[-1][1]:
            continue
        # the next marker line must close it (another dash line ends the search), within a page
        dash = _DASH_LINE.search(text, opening.end())
        if dash is None:
            # pasted at the very end: the rest of the letter is the notice
            rest = len(text) - opening.end()
            starts = parts or []
            after = any(p > opening.start() for p in starts) or _PLAN_HEADING.search(
                text, opening.end()
            )
            before = any(p < opening.start() for p in starts) or opening.start() >= rest
            if 0 < rest <= _MAX_PASTED and before and not after:
                sign = _SIGN_OFF.search(text, opening.end())
                spans.append((opening.start(), sign.start() if sign else len(text)))
            continue
        if dash.start() - opening.end() > _MAX_PASTED:
            continue
        closing = _PASTE_CLOSE.match(text, dash.start())
        if closing is None:
            continue
        if not text[closing.start() : closing.end()].strip(" \t-=") and _PLAN_HEADING.search(
            text, opening.end(), dash.start()
        ):
            continue
        # answers the seller typed inside it ("ANSWER: ...", up to a blank line) are theirs
        start = opening.start()
        for answer in _ANSWER_LINE.finditer(text, opening.end(), closing.start()):
            if answer.start() < start:
                continue
            spans.append((start, answer.start()))
            blank = text.find("\n\n", answer.end(), closing.start())
            start = blank if blank >= 0 else closing.start()
        spans.append((start, closing.end()))
    return spans


_QUOTE_HEADER = regex(
    r"^[ \t]*(?:-{2,}\s*(?:original message|forwarded message)\s*-{2,}"
    r"|on [^\n]{4,80} wrote:[ \t]*$|from:[^\n]*\n(?:[ \t]*(?:sent|date):))",
    re.I | re.M,
)


# A passage in double quotes (three words or more) after a word that says whose words they are:
# 'Your notice says: "... unfair, excessive ..."' quotes Amazon, not the seller's tone. Quotes
# are paired in order along a line, so the closing mark of one quote never opens the next.
_CUE = regex(
    r"(?:notice|notification|policy|policies|message|e-?mail|letter|amazon|wrote|writes|says|said"
    r"|states|stated|reads|quotes?|quoted|told us|words|phrase|wording|section|guidelines?|reply"
    r"|replied|answer|feedback|reviews?|comments?|such as"
    r"|(?:buyer|customer)s? (?:wrote|said|says|complained|asked|told us|reported|commented)"
    # an order number and then the buyer's words ("- Order 112-9031447-7716520: "...")
    r"|\d{3}-\d{7}-\d{7})\b"
)
# Words quoted from the seller's own side (staff, advisers, family, a forum) are put in the
# letter as its argument: "In his words: "your FC just throws the returns back ..."" (his:
# the warehouse manager's), "Our accountant ... said, "..."", "His words, not mine: "...""
_OWN_SPEAKER = regex(
    r"\b(?:his|her|their|my|our) (?:own )?words\b"
    r"|\b(?:he|she) (?:said|says|told (?:me|us)|wrote|put it|pointed out|warned)\b"
    r"|\b(?:our|my) (?:\w+ )?(?:manager|accountant|attorney|lawyer|solicitor|counsel|supplier"
    r"|agent|agency|partner|staff|employee|va|assistant|wife|husband|brother|sister|friend"
    r"|consultant|advis[eo]r|forwarder|developer|bookkeeper|director|founder)s?\b[^\n\"]{0,80}"
    r"\b(?:said|says|told|wrote|put it|pointed out|warned|words)\b"
    r"|\bmoderator\b|\b(?:seller )?forums?\b"
    r"|\b(?:their|the) (?:\w+ )?(?:support|team|agent|rep|representative|manager|helpdesk|contact"
    r"|staff)s? (?:\w+ ){0,2}"
    r"(?:said|wrote|told|replied)",
    re.I,
)
# Speakers whose quoted words stay masked even after "told us" or "our manager said": Amazon
# and its teams, buyers, rights owners, and documents
_AMAZON_OR_BUYER = regex(
    r"\b(?:amazon|seller (?:performance|support)|selling partner|account health|brand registry"
    r"|buyers?|customers?|reviewers?|reviews?|notice|your (?:team|colleague|agent)s?|you"
    r"|rights? (?:owner|holder)s?|complainants?|investigators?|brand owners?"
    # a document quoted, not a person ("Our supplier's invoice says ...")
    r"|invoices?|certificates?|letters?|reports?|labels?|packaging|listings?|website)\b",
    re.I,
)
_SENTENCE_END = regex(r"[.!?][\"')\]]*\s")
_QUOTE_PAIR = regex(r"\"([^\"\n]{3,400})\"")
# a second quote of the same passage: 'says that we "..." and that "..."'
_FOLLOW_ON = regex(r"[ \t,;]*(?:and|or|also|but|while)?[ \t]*(?:that|it says|says|adds)?[ \t]*")
# a notice pasted as a block: a line naming it and ending in a colon, then a quote that runs
# over several lines up to a line that ends with the closing mark
_BLOCK_OPEN = regex(
    r"(?:notice|notification|message|e-?mail|policy|letter|wrote|says|reads|reference)"
    r"[^\n\"]{0,80}:[ \t]*\n(?:[ \t]*\n)?[ \t]*\""
)
_BLOCK_CLOSE = regex(r"\"[ \t]*(?=\n|$)")


# ("[...]" in a quoted passage marks words left out, not a slot)
_SLOT = regex(r"\[(?!\.\.\.\]|…\])[^\]\n]{1,40}\]|\{[^}\n]{1,40}\}|<[^>\n]{1,40}>")


def _next_line(text: str, pos: int) -> int:
    """Where the first non-blank line at or after ``pos`` starts."""
    m = _NEXT_TEXT.search(text, pos)
    if m is None:
        return len(text)
    return text.rfind("\n", 0, m.start()) + 1


_NEXT_TEXT = regex(r"\S")


def _own_speaker(text: str, start: int, end: int) -> bool:
    """True when the sentence before a quote (``start:end``, cut at the last sentence end) gives
    it to the seller's own side, right before the quote, and names no buyer, no one at Amazon
    and no document."""
    for stop in _SENTENCE_END.finditer(text, start, end):
        start = stop.end()
    if _AMAZON_OR_BUYER.search(text, start, end):
        return False
    lead = text[start:end]
    if lead.rstrip(" ,:-").endswith("told us"):
        return True
    ends = [m.end() for m in _OWN_SPEAKER.finditer(lead)]
    return bool(ends) and len(lead) - ends[-1] <= 40


def mask_citations(text: str) -> str:
    """``text`` with the inside of quoted citations turned into spaces: a quote a few words after
    a word that says whose words they are (see ``_CUE``), a quote that follows such a quote in
    the same sentence, and a notice pasted as a quoted block (see ``_BLOCK_OPEN``)."""
    if '"' not in text:
        return text
    spans: list[tuple[int, int]] = []
    for block in _BLOCK_OPEN.finditer(text):
        close = _BLOCK_CLOSE.search(text, block.end())
        if close is not None and (not spans or block.start() >= spans[-1][1]):
            spans.append((block.end(), close.start()))
    masked_to = 0
    previous_cited = False
    previous_end = 0
    for m in _QUOTE_PAIR.finditer(text):
        start, end = m.span(1)
        if any(a <= start < b for a, b in spans):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        lead = text[max(line_start, previous_end, m.start() - 60) : m.start()]
        follows = previous_cited and m.start() - previous_end <= 30
        cited = (follows and _FOLLOW_ON.fullmatch(lead) is not None) or _CUE.search(
            lead
        ) is not None
        if (
            cited
            and not follows
            and _own_speaker(text, max(line_start, m.start() - 160), m.start())
        ):
            cited = False  # the seller's own people: their words are the letter's argument
        previous_end = m.end()
        previous_cited = cited and m.group(1).count(" ") >= 2 and end - start >= 12
        if previous_cited and start >= masked_to:
            spans.append((start, end))
            masked_to = end
    if not spans:
        return text
    pieces: list[str] = []
    last = 0
    for start, end in sorted(spans):
        pieces.append(text[last:start])
        # template text inside the quote is the seller's own ('the account "[Related account
        # name]"'): it stays to be found
        kept = start
        for slot in _SLOT.finditer(text, start, end):
            pieces.append(" " * (slot.start() - kept))
            pieces.append(slot.group())
            kept = slot.end()
        pieces.append(" " * (end - kept))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding a check reports: original offsets, and an optional message or severity."""

    start: int
    end: int
    message: str | None = None
    severity: str | None = None


# expression from ``word_scan`` -> how far past a word's start it looks (its longest word + 2)
_REACH: dict[re.Pattern[str], int] = {}


def word_scan(words: list[str]) -> re.Pattern[str]:
    """An expression finding, in " " + lowered text, the word starts of any of ``words``.

    The words are factored into a trie, so the engine skips from separator to separator in C
    and rejects most word starts on their first letter.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    scan = regex(f"[^a-z](?={_exact_trie(tree)}(?![a-z]))")
    _REACH[scan] = max(map(len, words), default=0) + 2
    return scan


def _exact_trie(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _exact_trie(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


# name -> expression from ``word_scan``; checks register the word lists they look up often
MARK_SCANS: dict[str, re.Pattern[str]] = {}


class Context:
    """Everything about one letter that more than one check needs, computed once."""

    def __init__(
        self,
        text: str,
        norm: Normalised,
        kind: LetterKind,
        case: CaseFacts | None,
        sections: Sections,
    ) -> None:
        self.text = text
        self.lower = norm.lowered
        self.norm = norm
        # the normalised text that phrase rules, cues and the sentence model read: Amazon's
        # own words quoted from the notice or a policy are blanked out (same offsets)
        self.scan_text = mask_citations(norm.text)
        self.memo: dict[str, list[Hit]] = {}
        self._part_sentences: dict[Part, list[tuple[int, int]]] = {}
        self._sentences_in: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._marks: dict[str, list[int]] = {}
        self.kind = kind
        self.case = case
        self.sections = sections

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in the original text, whitespace trimmed, empty ones dropped."""
        spans: list[tuple[int, int]] = []
        append = spans.append
        pos = 0
        text = self.text
        for m in _SENTENCE_BREAK.finditer(text):
            end = m.start(1)
            if end < 0:
                end = m.start()
            chunk = text[pos:end]
            if chunk.endswith(".") and len(chunk.lstrip()) <= 12 and _MARKER_ONLY.fullmatch(chunk):
                pos = m.end()  # the number is dropped: the sentence starts after it
                continue
            if (
                chunk.endswith(".")
                and text.startswith("(", m.end())
                and _ABBREVIATION.search(chunk, max(0, len(chunk) - 8))
            ):
                continue  # "Co., Ltd. (Unified Social Credit Code ...)": one sentence
            if (
                chunk.endswith(".")
                and text[m.end() : m.end() + 1].isalnum()
                and "\n" not in text[end : m.end()]
                and _TITLE_OR_INITIALS.search(chunk, max(0, len(chunk) - 7))
            ):
                continue
            if chunk and not chunk[0].isspace():  # the usual case: no leading space to trim
                append((pos, pos + len(chunk.rstrip())))
            else:
                _add_span(text, pos, end, spans)
            pos = m.end()
        _add_span(text, pos, len(text), spans)
        if "|" in text:
            # a table's separator row ("|---|---|") and its header row (the row above it) hold
            # no sentence
            spans = [s for s in spans if not _table_frame(text, s[0], s[1])]
        return spans

    @cached_property
    def case_classes(self) -> bytes:
        """One byte per character of ``text``: "U" for a capital A-Z, "." for anything else."""
        return self.text.encode("latin-1", "replace").translate(_CASE_CLASSES)

    @cached_property
    def quoted(self) -> list[tuple[int, int]]:
        """Text that is not the seller's: the notice pasted in; in a Plan of Action, lines quoted
        with "> "; in an e-mail (a reply or an escalation), the quoted earlier mail, which is
        Amazon's text. After "On ... wrote:" followed by "> " lines only those lines
        are quoted (the seller may answer between them or below them), and after "On ... wrote:"
        followed by a passage in quotation marks only that passage; after "-----Original
        Message-----" or a forwarded header without "> " lines, everything that follows is, up
        to an end mark, except answers the seller typed in it ("ANSWER: ...")."""
        text = self.text
        pasted = _pasted_notices(text, [p.start for p in self.sections.parts.values()])
        if self.kind not in ("reply", "escalation"):
            # a Plan of Action may quote the policy or the notice in "> " lines
            if ">" not in text:
                return pasted
            return sorted({*pasted, *(m.span() for m in _QUOTED_LINE.finditer(text))})
        return sorted({*pasted, *self._quoted_mail()})

    def _quoted_mail(self) -> list[tuple[int, int]]:
        text = self.text
        header = _QUOTE_HEADER.search(text)
        chevrons = header is not None and _QUOTED_LINE.match(text, _next_line(text, header.end()))
        if header is None or chevrons:
            spans = [m.span() for m in _QUOTED_LINE.finditer(text)]
            if header is not None:
                spans.append((header.start(), header.end()))
            return sorted(spans)
        first = _next_line(text, header.end())
        if text.startswith(('"', "\u201c"), first):
            # 'On 5 December you wrote:' and Amazon's words as one passage in quotation marks:
            # that passage is quoted, and the seller's own text goes on below it
            spans = [m.span() for m in _QUOTED_LINE.finditer(text)]
            gap = PARAGRAPH_BREAK.search(text, first)
            spans.append((header.start(), gap.start() if gap is not None else len(text)))
            return sorted(spans)
        spans = [m.span() for m in _QUOTED_LINE.finditer(text, 0, header.start())]
        # the quoted mail ends at its end mark ("-----End Original Message-----"), if any; an
        # answer the seller typed inside it ("ANSWER: ...", up to a blank line or the next
        # quoted line) is the seller's
        closing = _QUOTE_END.search(text, header.end())
        stop = closing.end() if closing is not None else len(text)
        start = header.start()
        for answer in _ANSWER_LINE.finditer(text, header.end(), stop):
            if answer.start() < start:
                continue
            spans.append((start, answer.start()))
            blank = text.find("\n\n", answer.end(), stop)
            quoted = _QUOTED_LINE.search(text, answer.end(), stop)
            ends = [e for e in (blank, quoted.start() if quoted else -1) if e >= 0]
            start = min(ends) if ends else stop
        if start < stop:
            spans.append((start, stop))
        return spans

    @cached_property
    def identifiers(self) -> Identifiers:
        return find_identifiers(self.text, self.lower)

    @cached_property
    def identifiers_present(self) -> dict[str, bool]:
        """``identifiers.present()``; found faster when the identifiers themselves are not needed
        (a review without case facts)."""
        if "identifiers" in self.__dict__:
            return self.identifiers.present()
        return identifiers_present(self.text, self.lower)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int, int]]:
        """Start, end and number of words of each paragraph (blocks between blank lines)."""
        text = self.text
        bounds = [0, *(p for m in PARAGRAPH_BREAK.finditer(text) for p in m.span()), len(text)]
        pairs = zip(bounds[::2], bounds[1::2], strict=False)
        if any(space in text for space in _WIDE_SPACES):
            return [(start, end, len(text[start:end].split())) for start, end in pairs]
        # Without a space outside Latin-1, a map of " " (what str.split() splits on) and "x"
        # (anything else) counts the words in C: one per " x", and one if the span opens on "x".
        spaces = text.encode("latin-1", "replace").translate(_SPACE_CLASSES)
        return [
            (start, end, spaces.count(b" x", start, end) + (spaces[start : start + 1] == b"x"))
            for start, end in pairs
        ]

    @cached_property
    def words(self) -> int:
        text = self.text
        # " - " and the bullets "- ", "• ", "* " after a line break (read from the lines: three
        # three-character searches cost more)
        lines = text.split("\n")
        dashes = text.count(" - ") + sum(map(str.startswith, lines[1:], repeat(_BULLETS)))
        # a word never spans a paragraph break, so the paragraphs' words are all the words
        total = sum(count for _, _, count in self.paragraphs)
        return max(0, total - dashes - text.startswith(_BULLETS))

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each of ``sentences`` starts, for bisecting."""
        return [s for s, _ in self.sentences]

    @cached_property
    def digit_classes(self) -> bytes:
        """One byte per character of " " + ``lower``: "d" for 0-9, "." for anything else, so a
        number starting at offset ``i`` of the letter shows as ".d" at ``i``."""
        return (" " + self.lower).encode("latin-1", "replace").translate(_DIGIT_CLASSES)

    @cached_property
    def numbering(self) -> frozenset[int]:
        """Where a list number starts ("1." or "2)" at the start of a line, maybe after "-"),
        and each further level of one ("2.2 ", "1.3.1 ")."""
        text = "\n" + self.lower
        found = {m.start(1) - 1 for m in _LIST_NUMBER.finditer(text)}
        for m in _SUB_NUMBER.finditer(text):
            # the digit after each "." (text has one extra character in front)
            found.update(i for i in range(m.start(1), m.end(1)) if text[i] == ".")
        return frozenset(found)

    @cached_property
    def _data_marks(self) -> list[int]:
        """Where a number starts (list numbering "1." does not count)."""
        pieces = self.digit_classes.split(b".d")
        # The k-th ".d" starts after the first k+1 pieces and k earlier separators.
        marks = list(map(add, accumulate(map(len, pieces[:-1])), range(0, 2 * len(pieces), 2)))
        numbering = self.numbering
        if numbering:
            marks = [m for m in marks if m not in numbering]
        # Every written date ("August 14", "14 Aug 2026") holds a number, so digits suffice.
        return marks

    @cached_property
    def _spaced_lower(self) -> str:
        return " " + self.lower

    def marks(self, name: str, start: int, end: int) -> bool:
        """True when a word of the ``MARK_SCANS[name]`` list starts inside ``start:end``."""
        scan = MARK_SCANS[name]
        reach = _REACH.get(scan)
        if reach is not None:
            # Only this span is scanned (checks ask about a few parts, not the whole letter);
            # the scan ends past the longest word, so the word's own end is seen.
            if end <= start:
                return False
            found = scan.search(self._spaced_lower, max(start, 0), end + reach)
            return found is not None and found.start() < end
        index = self._marks.get(name)
        if index is None:
            index = list(map(_START, MARK_SCANS[name].finditer(" " + self.lower)))
            self._marks[name] = index
        i = bisect_left(index, start)
        return i < len(index) and index[i] < end

    def has_data(self, start: int, end: int) -> bool:
        """True when a number (a date holds one) starts inside ``start:end``."""
        if end <= start:
            return False
        classes = self.digit_classes
        start = max(start, 0)
        found = classes.find(b".d", start, end + 1)
        if found < 0:
            return False
        numbering = self.numbering
        while found in numbering:
            found = classes.find(b".d", found + 1, end + 1)
            if found < 0:
                return False
        return True

    def data_in(self, spans: list[tuple[int, int]]) -> list[bool]:
        """``has_data`` for each of ``spans``: sentences, in order, not empty, not overlapping.

        The first number of every span is found in C in one pass; a span whose first number is
        list numbering is looked at again (no two spans share a first number).
        """
        if not spans:
            return []
        classes = self.digit_classes
        found = list(
            map(
                classes.find,
                repeat(b".d"),
                map(itemgetter(0), spans),
                map(add, map(itemgetter(1), spans), repeat(1)),
            )
        )
        flags = list(map(ge, found, repeat(0)))
        for first in self.numbering.intersection(found):
            i = found.index(first)
            flags[i] = self.has_data(*spans[i])
        return flags

    def sentences_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """Sentences overlapping ``start:end``, clipped to it (a label line's tail counts)."""
        key = (start, end)
        kept = self._sentences_in.get(key)
        if kept is None:
            starts = self.sentence_starts
            first = max(0, bisect_right(starts, start) - 1)
            last = bisect_left(starts, end)
            kept = self.sentences[first:last]
            # Sentences are in order and do not overlap: only the first and the last can
            # reach outside the span; those in between are kept as they are.
            if len(kept) > 1:
                kept[-1:] = self._clip(*kept[-1], start, end)
            if kept:
                kept[:1] = self._clip(*kept[0], start, end)
            self._sentences_in[key] = kept
        return list(kept)

    def _clip(self, s: int, e: int, start: int, end: int) -> list[tuple[int, int]]:
        """The sentence ``s:e`` clipped to ``start:end`` and trimmed, if anything is left."""
        if e <= start:
            return []
        if s < start or e > end:
            s, e = max(s, start), min(e, end)
            chunk = self.text[s:e]
            lead = len(chunk) - len(chunk.lstrip())
            s, e = s + lead, s + len(chunk.rstrip())
        return [(s, e)] if s < e else []

    def part_sentences(self, part: Part) -> list[tuple[int, int]]:
        """The sentences of every stretch of ``part`` (``sentences_in`` each), kept."""
        found = self._part_sentences.get(part)
        if found is None:
            found = []
            for start, end in self.sections.ranges(part):
                found.extend(self.sentences_in(start, end))
            self._part_sentences[part] = found
        return found

    def first_line(self) -> tuple[int, int]:
        """The span of the first non-empty line (where whole-letter findings point)."""
        stripped = self.text.lstrip()
        start = len(self.text) - len(stripped)
        end = self.text.find("\n", start)
        end = len(self.text) if end < 0 else end
        return start, len(self.text[:end].rstrip())


def _add_span(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    out.append((start + lead, start + lead + len(stripped)))
