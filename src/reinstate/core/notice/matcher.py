"""Many patterns over one text, fast: each pattern runs only when a word it needs is present.

Python's ``re`` tries every branch of a big alternation at every position, and a pattern
compiled without regard to case gets no fast literal scan. So each pattern is kept apart with
the pieces of plain text a match cannot do without (found by reading the parsed pattern); a
substring test on the lower-cased text decides whether the pattern needs to run at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MIN_NEED = 3


Need = tuple[str, ...]  # at least one of these texts occurs in every match


def _usable(option: Need) -> bool:
    return bool(option) and min(len(x.strip()) for x in option) >= MIN_NEED


def _strength(option: Need) -> tuple[int, int]:
    return min(len(x) for x in option), -len(option)


def _needs(items: Any) -> list[Need]:
    """Everything a match of a parsed sequence needs: each entry is one required choice."""
    options: list[Need] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append(("".join(run),))
            run.clear()

    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        flush()
        if name == "SUBPATTERN":
            options.extend(_needs(av[3]))
        elif name == "BRANCH":
            alternatives = [_best(_needs(alt)) for alt in av[1]]
            if all(alternatives):
                options.append(tuple(x for alt in alternatives if alt for x in alt))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            options.extend(_needs(av[2]))
    flush()
    return [o for o in options if _usable(o)]


def _best(options: list[Need]) -> Need | None:
    return max(options, key=_strength) if options else None


def required_texts(pattern: str, flags: int = re.I) -> tuple[Need, ...]:
    """What every match of ``pattern`` contains, in lower case: all of the entries, each one
    satisfied by any of its texts. Empty when nothing is known (the pattern always runs)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
    except Exception:  # an unknown parser: no filter, the pattern always runs
        return ()
    found = sorted(_needs(list(parsed)), key=_strength, reverse=True)[:3]
    return tuple(tuple(sorted({x.lower() for x in option})) for option in found)


_CASED = re.compile(r"\(\?[a-zA-Z]*-[a-zA-Z]*i|(?<!\\)(?<!\(\?)[A-Z]")


@dataclass(frozen=True)
class Rule:
    """One pattern, the tag it reports (a code) and the texts it cannot match without.

    A pattern written in lower case also runs, without IGNORECASE, over the lower-cased text:
    the regex engine then scans for its first characters fast.
    """

    tag: str
    regex: re.Pattern[str]
    lowered: re.Pattern[str] | None
    needs: tuple[Need, ...]


class Hit:
    """A match read back from the original text (the same span as in the lower-cased one)."""

    __slots__ = ("_m", "_text")

    def __init__(self, text: str, m: re.Match[str]) -> None:
        self._text = text
        self._m = m

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()

    def span(self) -> tuple[int, int]:
        return self._m.span()

    def group(self, key: int | str = 0) -> str | None:
        a, b = self._m.span(key)
        return None if a < 0 else self._text[a:b]

    def groupdict(self) -> dict[str, str | None]:
        return {name: self.group(name) for name in self._m.re.groupindex}


def _rule(tag: str, pattern: str, flags: int) -> Rule:
    lowered = None
    if flags & re.I and not _CASED.search(pattern):
        lowered = re.compile(pattern, flags & ~re.I)
    return Rule(tag, re.compile(pattern, flags), lowered, required_texts(pattern, flags))


class Matcher:
    """A list of tagged patterns run over one text."""

    def __init__(self, rules: list[tuple[str, str]], flags: int = re.I | re.M) -> None:
        self.rules = [_rule(tag, p, flags) for tag, p in rules]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def active(self, low: str) -> Iterator[Rule]:
        for rule in self.rules:
            for option in rule.needs:
                for text in option:
                    if text in low:
                        break
                else:
                    break
            else:
                yield rule

    def finditer(self, text: str, low: str) -> Iterator[tuple[str, Hit | re.Match[str]]]:
        """Every match of every pattern (pattern by pattern, each in text order)."""
        same = len(low) == len(text)
        for rule in self.active(low):
            if rule.lowered is not None and same:
                for m in rule.lowered.finditer(low):
                    yield rule.tag, Hit(text, m)
            else:
                for m in rule.regex.finditer(text):
                    yield rule.tag, m

    def search(self, text: str, low: str) -> tuple[str, Hit | re.Match[str]] | None:
        """The first pattern (in list order) that matches, and its match."""
        same = len(low) == len(text)
        for rule in self.active(low):
            if rule.lowered is not None and same:
                found = rule.lowered.search(low)
                if found:
                    return rule.tag, Hit(text, found)
            else:
                m = rule.regex.search(text)
                if m:
                    return rule.tag, m
        return None
