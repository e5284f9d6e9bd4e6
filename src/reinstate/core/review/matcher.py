"""Run many patterns over one text fast: dispatch on the first two letters of a word.

Scanning a text with one big alternation makes the regular expression engine try every
branch at every character. Instead, each pattern's possible literal prefixes are worked out
from its parsed form (``re._parser``); a pattern whose matches always start with a word
beginning "we" is only tried where a word starts with "we". Patterns sharing a two-letter key
are compiled into one expression, so each word start costs at most two ``match`` calls in C.
Patterns without a usable prefix (they may start with a digit, a symbol or anything) are
compiled into one expression scanned over the whole text.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# The standard library's own regular expression parser (no public name in 3.11).
_p: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

GAP_SENTINEL = "\x01"
KEY_LEN = 6
GAPS = (" ", "\n", "-", "- ", "")
_MAX_PREFIXES = 4000
_MAX_WINDOWS = 200_000
_HEAD_LEN = 4
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


class _Unknown(Exception):
    """The pattern can start with too many different strings to dispatch on."""


def _stop(acc: str) -> frozenset[str]:
    if not acc:
        raise _Unknown
    return frozenset((acc,))


def _freeze(seq: Any) -> tuple[tuple[Any, Any], ...]:
    """The parsed expression as nested tuples (the parser's lists are slow to index)."""
    out = []
    for op, av in seq:
        if op is _c.SUBPATTERN:
            av = (av[0], av[1], av[2], _freeze(av[3]))
        elif op is _c.ATOMIC_GROUP:
            av = _freeze(av)
        elif op is _c.BRANCH:
            av = (av[0], tuple(_freeze(alt) for alt in av[1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            av = (av[0], av[1], _freeze(av[2]))
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            av = None
        elif op is _c.IN:
            av = tuple(av)
        out.append((op, av))
    return tuple(out)


_END: tuple[tuple[Any, Any], ...] = ((None, None),)


def _prefixes(seq: tuple[tuple[Any, Any], ...], acc: str, klen: int = KEY_LEN) -> frozenset[str]:
    if len(acc) >= klen:
        return frozenset((acc[:klen],))
    if not seq:
        return _stop(acc)
    op, av = seq[0]
    rest = seq[1:]
    if op is _c.LITERAL:
        ch = chr(av)
        if ch == GAP_SENTINEL:
            # A word gap is one space or line break in the normalised text, a hyphen (maybe
            # with a space), or nothing (run-together words); follow each into the next word.
            if not acc:
                raise _Unknown
            return _union(_prefixes(rest, acc + gap, klen) for gap in GAPS)
        return _prefixes(rest, acc + ch, klen)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _prefixes(rest, acc, klen)
    if op is _c.SUBPATTERN:
        return _prefixes(av[3] + rest, acc, klen)
    if op is _c.ATOMIC_GROUP:
        return _prefixes(av + rest, acc, klen)
    if op is _c.BRANCH:
        return _union(_prefixes(alt + rest, acc, klen) for alt in av[1])
    if op is _c.IN:
        chars = _class_chars(av)
        if chars is None:
            return _stop(acc)
        return _union(_prefixes(((_c.LITERAL, ch), *rest), acc, klen) for ch in chars)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, sub = av
        if high == 1:
            once = _prefixes(sub + rest, acc, klen)
        else:
            once = _prefixes(sub * max(1, min(low, klen)) + _END, acc, klen)
        return once | _prefixes(rest, acc, klen) if low == 0 else once
    return _stop(acc)


def _class_chars(items: Any) -> list[int] | None:
    """The characters a small character class matches, or None (negated, large, a category)."""
    chars: list[int] = []
    for item_op, value in items:
        if item_op is _c.LITERAL:
            chars.append(value)
        elif item_op is _c.RANGE and value[1] - value[0] < 40:
            chars.extend(range(value[0], value[1] + 1))
        elif item_op is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
            chars.extend(range(48, 58))
        else:
            return None
    return chars


def _union(parts: Iterator[frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for part in parts:
        out |= part
        if len(out) > _MAX_PREFIXES:
            raise _Unknown
    return frozenset(out)


def prefixes(regex: str) -> set[str] | None:
    """The strings (up to ``KEY_LEN`` characters) every match of ``regex`` starts with."""
    parsed = _freeze(_p.parse(regex))
    for klen in (KEY_LEN, 4, 2, 1):
        try:
            found = _prefixes(parsed, "", klen)
            break
        except (_Unknown, RecursionError):
            continue
    else:
        return None
    if any(not p for p in found):
        return None
    return set(found)


def is_word_key(key: str) -> bool:
    """True for a key that starts with a letter or digit (tried at word starts only)."""
    return key[0] in _ALNUM


@dataclass
class Bucket:
    """Patterns compiled together, each alternative a named group ``gN`` -> ``owners[N]``.

    An alternation reports only the first alternative that matches at a position, so after
    a hit the later alternatives are tried one by one (``singles``); hits are rare.
    """

    owners: list[int]
    sources: list[str]
    _regex: re.Pattern[str] | None = None
    _singles: list[re.Pattern[str]] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        """Compiled on first use: most keys never occur in a given batch of letters."""
        if self._regex is None:
            joined = "|".join(f"(?P<g{i}>{rx})" for i, rx in enumerate(self.sources))
            self._regex = _compiled(joined)
        return self._regex

    def matches_at(
        self, text: str, pos: int, hit: re.Match[str] | None = None
    ) -> list[tuple[int, int, int]]:
        if hit is None:
            hit = self.regex.match(text, pos)
        if hit is None or hit.lastgroup is None:
            return []
        first = int(hit.lastgroup[1:])
        found = [(self.owners[first], hit.start(), hit.end())]
        if first + 1 < len(self.owners):
            if self._singles is None:
                self._singles = [_compiled(s) for s in self.sources]
            for j in range(first + 1, len(self.owners)):
                if self.owners[j] == self.owners[first]:
                    continue
                more = self._singles[j].match(text, pos)
                if more is not None:
                    found.append((self.owners[j], more.start(), more.end()))
        return found


_COMPILED: dict[str, re.Pattern[str]] = {}


def _compiled(source: str) -> re.Pattern[str]:
    """One compiled expression per distinct source (many keys share the same patterns)."""
    found = _COMPILED.get(source)
    if found is None:
        found = _COMPILED[source] = re.compile(source)
    return found


def build_bucket(items: list[tuple[int, str]]) -> Bucket:
    return Bucket([owner for owner, _ in items], [rx for _, rx in items])


@dataclass
class Dispatch:
    """Buckets by key (by key length), by symbol, and the patterns scanned everywhere."""

    keyed: dict[int, dict[str, Bucket]]
    symbols: dict[str, Bucket]
    everywhere: list[Bucket]

    def __post_init__(self) -> None:
        chars = "".join(sorted(self.symbols))
        self._symbol_scan = re.compile(f"[{re.escape(chars)}]") if chars else None
        self._tables = sorted(self.keyed.items(), reverse=True)
        self._windows: dict[str, tuple[Bucket, ...]] = {}
        heads = {key[:_HEAD_LEN] for table in self.keyed.values() for key in table}
        # Only word starts that begin like some key are visited; the engine finds them in C.
        self._word_scan = re.compile(f"[^a-z0-9](?={_trie(heads)})") if heads else None

    def _buckets(self, window: str) -> tuple[Bucket, ...]:
        """The buckets whose key starts ``window`` (memoised: words repeat)."""
        found = tuple(
            bucket
            for length, table in self._tables
            if (bucket := table.get(window[:length])) is not None
        )
        if len(self._windows) < _MAX_WINDOWS:
            self._windows[window] = found
        return found

    def run(self, text: str) -> list[tuple[int, int, int]]:
        """Every match as (owner, start, end); one match per bucket per position."""
        windows = self._windows
        padded = " " + text + " " * KEY_LEN
        found: list[tuple[int, int, int]] = []
        starts = map(_start, self._word_scan.finditer(padded)) if self._word_scan else ()
        for pos in starts:
            window = padded[pos + 1 : pos + 1 + KEY_LEN]
            buckets = windows.get(window)
            if buckets is None:
                buckets = self._buckets(window)
            for bucket in buckets:
                hit = bucket.regex.match(text, pos)
                if hit is not None:
                    found.extend(bucket.matches_at(text, pos, hit))
        if self._symbol_scan is not None:
            symbols = self.symbols
            last = -1
            for m in self._symbol_scan.finditer(text):
                pos = m.start()
                if pos < last:
                    continue
                hits = symbols[text[pos]].matches_at(text, pos)
                if hits:
                    last = max(end for _, _, end in hits)
                    found.extend(hits)
        for bucket in self.everywhere:
            for hit in bucket.regex.finditer(text):
                if hit.lastgroup is not None:
                    found.append((bucket.owners[int(hit.lastgroup[1:])], hit.start(), hit.end()))
        return found


def _start(m: re.Match[str]) -> int:
    return m.start()


def _trie(words: set[str]) -> str:
    """A regular expression matching any of ``words`` as a prefix, factored as a trie."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            if "" in node:
                break
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[""] = {}
    return _trie_regex(tree)


def _trie_regex(node: dict[str, Any]) -> str:
    if "" in node:
        return ""
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items())]
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
