"""Many patterns over one text, fast: each pattern runs only when a word it needs is present.

Python's ``re`` tries every branch of a big alternation at every position, and a pattern
compiled without regard to case gets no fast literal scan. So each pattern is kept apart with
the longest piece of plain text any match must contain (found by reading the pattern); a
substring test on the lower-cased text decides whether the pattern needs to run at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_QUANT = "?*+{"


def _skip_class(pattern: str, i: int) -> int:
    """The index after the character class that starts at ``pattern[i] == '['``."""
    i += 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _skip_quantifier(pattern: str, i: int) -> int:
    if i < len(pattern) and pattern[i] == "{":
        end = pattern.find("}", i)
        i = end + 1 if end >= 0 else len(pattern)
    elif i < len(pattern) and pattern[i] in "?*+":
        i += 1
    if i < len(pattern) and pattern[i] in "?+":
        i += 1
    return i


def required_literal(pattern: str) -> str | None:
    """The longest run of plain text every match of ``pattern`` contains (lower case), if any."""
    runs: list[str] = []
    current: list[str] = []
    depth = 0
    i, n = 0, len(pattern)

    def flush() -> None:
        if current:
            runs.append("".join(current))
            current.clear()

    while i < n:
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1 : i + 2]
            i += 2
            if nxt == "x":
                i += 2
                flush()
                continue
            if nxt and not nxt.isalnum() and depth == 0:
                if i < n and pattern[i] in _QUANT:
                    flush()
                    i = _skip_quantifier(pattern, i)
                else:
                    current.append(nxt)
                continue
            flush()
            i = _skip_quantifier(pattern, i)
            continue
        if c == "[":
            flush()
            i = _skip_quantifier(pattern, _skip_class(pattern, i))
            continue
        if c == "(":
            depth += 1
            flush()
            i += 1
            continue
        if c == ")":
            depth -= 1
            flush()
            i = _skip_quantifier(pattern, i + 1)
            continue
        if c == "|":
            if depth == 0:
                return None
            i += 1
            continue
        if c in ".^$":
            flush()
            i = _skip_quantifier(pattern, i + 1)
            continue
        if c in _QUANT:
            if c != "+" and current:
                current.pop()
            flush()
            i = _skip_quantifier(pattern, i)
            continue
        if depth == 0:
            current.append(c)
        i += 1
    flush()
    best = max(runs, key=len, default="")
    best = best.lower()
    return best if len(best.strip()) >= 3 else None


@dataclass(frozen=True)
class Rule:
    """One pattern, the tag it reports (a code) and the text it cannot match without."""

    tag: str
    regex: re.Pattern[str]
    needs: str | None


class Matcher:
    """A list of tagged patterns run over one text."""

    def __init__(self, rules: list[tuple[str, str]], flags: int = re.I | re.M) -> None:
        self.rules = [Rule(tag, re.compile(p, flags), required_literal(p)) for tag, p in rules]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def active(self, low: str) -> Iterator[Rule]:
        for rule in self.rules:
            if rule.needs is None or rule.needs in low:
                yield rule

    def finditer(self, text: str, low: str) -> Iterator[tuple[str, re.Match[str]]]:
        """Every match of every pattern (pattern by pattern, each in text order)."""
        for rule in self.active(low):
            for m in rule.regex.finditer(text):
                yield rule.tag, m

    def search(self, text: str, low: str) -> tuple[str, re.Match[str]] | None:
        """The first pattern (in list order) that matches, and its match."""
        for rule in self.active(low):
            m = rule.regex.search(text)
            if m:
                return rule.tag, m
        return None
