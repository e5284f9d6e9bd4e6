"""What a check sees: the letter, its normalised form, its sentences and its parts."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from operator import methodcaller
from typing import Any

from reinstate.core.case import CaseFacts
from reinstate.core.review.identifiers import Identifiers, find_identifiers
from reinstate.core.review.model import LetterKind
from reinstate.core.review.normalize import Normalised
from reinstate.core.review.sections import Sections

# A sentence ends at end punctuation followed by space, at a blank line, or at a line break
# that starts a list item, a heading or a capitalised line.
# The first character is consumed by a class, so the engine skips to candidates in C.
_SENTENCE_BREAK = re.compile(
    r"[.!?\n](?:(?<=[.!?])[\"')\]]*(\s+)|(?<=\n)[ \t]*(?:\n\s*)+"
    r"|(?<=\n)(?=[ \t]*(?:[-*•+#>]|\d{1,2}[.):]\s|[A-Z])))"
)
_DIGITS = re.compile(r"[0-9]+")
# a list number at the start of a line ("1.", "2)", "- 3."): the digits start group 1
_LIST_NUMBER = re.compile(r"^[ \t#*-]*([0-9]+)[.)]", re.M)
_START = re.Match.start
_START_1 = methodcaller("start", 1)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*", re.M)
_QUOTE_HEADER = re.compile(
    r"^[ \t]*(?:-{2,}\s*(?:original message|forwarded message)\s*-{2,}"
    r"|on [^\n]{4,80} wrote:[ \t]*$|from:[^\n]*\n(?:[ \t]*(?:sent|date):))",
    re.I | re.M,
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding a check reports: original offsets, and an optional message or severity."""

    start: int
    end: int
    message: str | None = None
    severity: str | None = None


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
    return re.compile(f"[^a-z](?={_exact_trie(tree)}(?![a-z]))")


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
        self.memo: dict[str, list[Hit]] = {}
        self._marks: dict[str, list[int]] = {}
        self.kind = kind
        self.case = case
        self.sections = sections

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in the original text, whitespace trimmed, empty ones dropped."""
        spans: list[tuple[int, int]] = []
        pos = 0
        text = self.text
        for m in _SENTENCE_BREAK.finditer(text):
            end = m.start(1) if m.start(1) >= 0 else m.start()
            _add_span(text, pos, end, spans)
            pos = m.end()
        _add_span(text, pos, len(text), spans)
        return spans

    @cached_property
    def quoted(self) -> list[tuple[int, int]]:
        """In a reply: the quoted earlier mail ("> " lines, or everything after "-----Original
        Message-----" or "On ... wrote:"), which is Amazon's text, not the seller's."""
        if self.kind != "reply":
            return []
        spans: list[tuple[int, int]] = []
        tail = _QUOTE_HEADER.search(self.text)
        end = tail.start() if tail else len(self.text)
        for m in _QUOTED_LINE.finditer(self.text, 0, end):
            spans.append(m.span())
        if tail:
            spans.append((tail.start(), len(self.text)))
        return spans

    @cached_property
    def identifiers(self) -> Identifiers:
        return find_identifiers(self.text, self.lower)

    @cached_property
    def words(self) -> int:
        text = self.text
        dashes = text.count(" - ") + text.count("\n- ") + text.count("\n• ") + text.count("\n* ")
        return max(0, len(text.split()) - dashes - text.startswith(("- ", "• ", "* ")))

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each of ``sentences`` starts, for bisecting."""
        return [s for s, _ in self.sentences]

    @cached_property
    def _data_marks(self) -> list[int]:
        """Where a number starts (list numbering "1." does not count)."""
        low = self.lower
        marks = list(map(_START, _DIGITS.finditer(low)))
        if marks:
            numbering = set(map(_START_1, _LIST_NUMBER.finditer(low)))
            if numbering:
                marks = [m for m in marks if m not in numbering]
        # Every written date ("August 14", "14 Aug 2026") holds a number, so digits suffice.
        return marks

    def marks(self, name: str, start: int, end: int) -> bool:
        """True when a word of the ``MARK_SCANS[name]`` list starts inside ``start:end``."""
        index = self._marks.get(name)
        if index is None:
            index = list(map(_START, MARK_SCANS[name].finditer(" " + self.lower)))
            self._marks[name] = index
        i = bisect_left(index, start)
        return i < len(index) and index[i] < end

    def has_data(self, start: int, end: int) -> bool:
        """True when ``start:end`` holds a number or a date."""
        marks = self._data_marks
        i = bisect_left(marks, start)
        return i < len(marks) and marks[i] < end

    def sentences_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """Sentences overlapping ``start:end``, clipped to it (a label line's tail counts)."""
        out = []
        starts = self.sentence_starts
        first = max(0, bisect_right(starts, start) - 1)
        last = bisect_left(starts, end)
        for s, e in self.sentences[first:last]:
            if e <= start:
                continue
            if s < start or e > end:
                s, e = max(s, start), min(e, end)
                chunk = self.text[s:e]
                lead = len(chunk) - len(chunk.lstrip())
                s, e = s + lead, s + len(chunk.rstrip())
            if s < e:
                out.append((s, e))
        return out

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
