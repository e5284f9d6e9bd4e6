"""The matching form of a letter, and the map back to the letter's own offsets.

Rules match on one normalised string: lower case, straight quotes and hyphens, contractions
written out ("can't", "cant" and "cannot" all become "can not"), words split by a hyphen at a line
break joined again, runs of spaces collapsed. A line break that only wraps a sentence becomes
a space; a break before a bullet, a heading or after a full stop stays a line break, so that
sentence splitting still sees lists. Every edit is recorded as a segment, so a span found in
the normalised string maps back to exact offsets in the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, not_, sub

from reinstate.core.review.matcher import regex

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\t": " ",
        "\r": " ",
        "\f": " ",
        "\v": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u0085": "\n",
        "\u00ad": "\x00",
        "\u200b": "\x00",
        "\u200c": "\x00",
        "\u200d": "\x00",
        "\ufeff": "\x00",
    }
)

_REPLACEMENTS: tuple[tuple[str, str], ...] = tuple(
    (chr(code), str(repl)) for code, repl in _TRANSLATE.items()
)

_NOT = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_SUFFIX = {"m": "am", "re": "are", "ve": "have", "ll": "will", "d": "would", "s": "is"}
_PRONOUNS = frozenset(
    ["i", "we", "you", "they", "he", "she", "it", "that", "there", "who", "what", "here"]
)
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# negations typed without the apostrophe, as on a phone ("dont", "wont"): written out like
# the ones with it
_BARE = {
    f"{stem}nt": f"{_NOT.get(stem, stem)} not"
    for stem in (
        *("do", "did", "does", "wo", "ca", "is", "are", "was", "were", "have", "has", "had"),
        *("could", "would", "should", "need", "must"),
    )
}
# "nt" ending a word: the engine finds the two letters in C, the word is then looked up
_BARE_END = regex(r"nt(?![a-z0-9'])")

# Every alternative starts with one of "-", " ", "\n", "\x00" or "'", so the engine skips
# ahead in C to the few places where an edit can start.
# Each kind of edit, and the literal strings one can start with. Candidates are found with
# str.find (fast, in C) and confirmed with the expression; scanning every space with a
# regular expression costs more than the rest of the normaliser.
_EDIT_KINDS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    ("ws", regex(r"[ \n]{2,}"), ("  ", "\n\n", " \n", "\n ")),
    ("join", regex(r"- *\n *"), ("-",)),
    ("zero", regex(r"\x00+"), ("\x00",)),
    ("apos", regex(r"'(?:m|re|ve|ll|d|s|t)(?![a-z])"), ("'",)),
)


_WS = _EDIT_KINDS[0][1]


def _edits(base: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every edit candidate that matches, sorted.

    For each kind and literal, the literal is found from where the last match ended. The
    literals next to a line break ("\n\n", " \n", "\n ", "-" before a break) are read from
    the lines around each break, in C (a two-character search is slow; the lines are cheap).
    """
    found: list[tuple[int, int, str]] = []
    lines = base.split("\n")
    # where each line break is: after its line, and after the breaks and lines before it
    breaks = list(accumulate(map(add, map(len, lines[:-1]), repeat(1)), initial=-1))[1:]
    ws = _WS.match
    for kind, edit, literals in _EDIT_KINDS:
        for literal in literals:
            if kind == "ws" and literal != "  ":
                # where the literal occurs, in order: each holds a line break
                if literal == "\n\n":  # the next line is empty and is not the last
                    where: Iterable[int] = compress(breaks[:-1], map(not_, lines[1:-1]))
                elif literal == " \n":  # the line ends with a space
                    ends = map(str.endswith, lines[:-1], repeat(" "))
                    where = map(sub, compress(breaks, ends), repeat(1))
                else:  # the next line starts with a space
                    where = compress(breaks, map(str.startswith, lines[1:], repeat(" ")))
                end = 0
                for pos in where:
                    if pos >= end:
                        m = ws(base, pos)  # two of [ \n] at least: it always matches
                        if m is not None:
                            end = m.end()
                            found.append((pos, end, kind))
                continue
            if kind == "join":
                # "-", maybe spaces, a line break: every such hyphen, found from its line
                trimmed = list(map(str.rstrip, lines[:-1], repeat(" ")))
                hyphened = compress(
                    zip(breaks, lines, trimmed, strict=False),
                    map(str.endswith, trimmed, repeat("-")),
                )
                for q, line, kept in hyphened:
                    start = q - (len(line) - len(kept)) - 1
                    m = edit.match(base, start)
                    if m is not None:
                        found.append((start, m.end(), kind))
                continue
            pos = base.find(literal)
            while pos >= 0:
                m = edit.match(base, pos)
                if m is not None:
                    found.append((pos, m.end(), kind))
                    pos = base.find(literal, m.end())
                else:
                    pos = base.find(literal, pos + 1)
    for m in _BARE_END.finditer(base):
        end = m.end()
        start = _word_before(base, end - 2)
        if base[start:end] in _BARE and (start == 0 or base[start - 1] not in "'0123456789"):
            found.append((start, end, "bare"))
    found.sort()
    return found


@dataclass(frozen=True, slots=True)
class Normalised:
    """The normalised text and the segments that map it back to the original."""

    original: str
    text: str
    lowered: str  # the original, lower-cased with straight quotes: same length and offsets
    # parallel lists, one entry per segment, sorted by norm_start
    norm_starts: list[int]
    orig_starts: list[int]
    orig_ends: list[int]
    copied: list[bool]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the original text."""
        if not self.norm_starts:
            return start, end
        i = bisect_right(self.norm_starts, start) - 1
        o_start = (
            self.orig_starts[i] + (start - self.norm_starts[i])
            if self.copied[i]
            else self.orig_starts[i]
        )
        last = max(start, end - 1)
        j = bisect_right(self.norm_starts, last) - 1
        o_end = (
            self.orig_starts[j] + (last - self.norm_starts[j]) + 1
            if self.copied[j]
            else self.orig_ends[j]
        )
        if end <= start:
            o_end = o_start
        return o_start, max(o_start, o_end)


def _translate(text: str) -> str:
    """``text.translate(_TRANSLATE)``, faster: replace only the characters present."""
    for ch, repl in _REPLACEMENTS:
        if ch in text:
            text = text.replace(ch, repl)
    return text


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _word_before(base: str, pos: int) -> int:
    start = pos
    while start > 0 and base[start - 1] in _LETTERS:
        start -= 1
    return start


def _contraction(base: str, start: int, end: int) -> tuple[int, str] | None:
    """The start and expansion of a contraction whose apostrophe is at ``start``."""
    word_start = _word_before(base, start)
    word = base[word_start:start]
    tail = base[start + 1 : end]
    if tail == "t":
        if not word.endswith("n") or len(word) < 2:
            return None
        stem = word[:-1]
        return word_start, _NOT.get(stem, stem) + " not"
    if word in _PRONOUNS:
        return word_start, f"{word} {_SUFFIX[tail]}"
    return None


def normalise(original: str) -> Normalised:
    """Normalise ``original`` once; see the module docstring."""
    base = _lower(_translate(original))
    pieces: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    orig_ends: list[int] = []
    copied: list[bool] = []
    pos = 0
    out = 0
    for start, end, kind in _edits(base):
        if start < pos:
            continue
        chunk = base[start:end]
        if kind == "ws":
            repl = "\n" if "\n" in chunk else " "
        elif kind == "join":
            if not (start > 0 and base[start - 1] in _LETTERS and base[end : end + 1] in _LETTERS):
                continue
            repl = ""
        elif kind == "zero":
            repl = ""
        elif kind == "bare":
            repl = _BARE[chunk]
        else:
            found = _contraction(base, start, end)
            if found is None or found[0] < pos:
                continue
            start, repl = found
        if start > pos:
            pieces.append(base[pos:start])
            norm_starts.append(out)
            orig_starts.append(pos)
            orig_ends.append(start)
            copied.append(True)
            out += start - pos
        if repl:
            pieces.append(repl)
            norm_starts.append(out)
            orig_starts.append(start)
            orig_ends.append(end)
            copied.append(False)
            out += len(repl)
        pos = end
    if pos < len(base) or not pieces:
        pieces.append(base[pos:])
        norm_starts.append(out)
        orig_starts.append(pos)
        orig_ends.append(len(base))
        copied.append(True)
    return Normalised(original, "".join(pieces), base, norm_starts, orig_starts, orig_ends, copied)
