"""Run many patterns over one text fast: dispatch on the first letters at a word start.

Scanning a text with one big alternation makes the regular expression engine try every
branch at every character. Instead, each pattern's possible literal prefixes (up to
``KEY_LEN`` characters, word gaps included) are worked out from its parsed form; a pattern
whose matches always start with "we are" is only tried where the text has "we are" at a word
start. Each pattern is compiled once, on first need, and tried on its own, so start-up costs
only the patterns a text can match. Patterns without a usable prefix are scanned over the
whole text. Without the standard library's parser (``re._parser``, not a public name) every
pattern is scanned over the whole text: slower, with the same rules firing (where one rule
matches twice in overlapping places, the other of the two spans may be kept).
"""

from __future__ import annotations

import array
import hashlib
import importlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import compress, repeat
from operator import attrgetter, call
from typing import Any, cast

# The standard library's own regular expression parser (no public name in 3.11); without it
# no prefixes are derived and every pattern is scanned everywhere.
try:
    _p: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - depends on the Python version
    _p = _c = None
# The engine's compiler and its C part: a pattern's compiled form can be kept between runs.
try:
    _cc: Any = importlib.import_module("re._compiler")
    _sre: Any = importlib.import_module("_sre")
except ImportError:  # pragma: no cover - depends on the Python version
    _cc = _sre = None

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
    """The strings (up to ``KEY_LEN`` characters) every match of ``regex`` starts with.

    None when they cannot be worked out (or the parser is not available).
    """
    if _p is None:
        return None
    try:
        parsed = _freeze(_p.parse(regex))
    except Exception:  # a private module: any surprise means "no prefixes"
        return None
    for klen in (KEY_LEN, 4, 2, 1):
        try:
            found = _prefixes(parsed, "", klen)
            break
        except (_Unknown, RecursionError):
            continue
        except Exception:  # the private parser's shapes changed: no prefixes
            return None
    else:
        return None
    if any(not p for p in found):
        return None
    return set(found)


def is_word_key(key: str) -> bool:
    """True for a key that starts with a letter or digit (tried at word starts only)."""
    return key[0] in _ALNUM


# (owner, index of the pattern source) in the order the rules and their patterns were loaded
Entry = tuple[int, int]
Hits = list[tuple[int, int, int]]


class _Plan:
    """What to try after a word start that reads one window of text: the patterns of every
    key the window starts with, in order, and for each its (owner, group) (a group is the
    patterns of one key). ``match`` tries them all in one call: the patterns are joined into
    one expression whose last group tells which one matched; ``rest(k)`` is the same for the
    patterns after the k-th (to find the next one that also matches there). Without the
    engine's private parts, or for patterns with groups of their own, ``match`` is None and
    ``fns`` are tried one by one."""

    __slots__ = ("_dispatch", "_rest", "fns", "indices", "match", "metas")

    def __init__(
        self,
        dispatch: Dispatch,
        indices: tuple[int, ...],
        metas: tuple[tuple[int, int], ...],
    ) -> None:
        self._dispatch = dispatch
        self.indices = indices
        self.metas = metas
        self._rest: dict[int, Callable[..., Any] | None] = {}
        self.match = self.rest(0) if indices else None
        self.fns: tuple[Any, ...] = ()
        if indices and self.match is None:
            self.fns = tuple(dispatch.compiled(i).match for i in indices)

    def rest(self, first: int) -> Callable[..., Any] | None:
        """``match`` of the joined patterns from the ``first``-th on (None: cannot join)."""
        if first in self._rest:
            return self._rest[first]
        joined = self._dispatch.joined(self.indices[first:])
        found = None if joined is None else joined.match
        self._rest[first] = found
        return found


class Dispatch:
    """Patterns by key (by key length), by symbol, and the patterns scanned everywhere.

    ``sources`` holds each distinct pattern once; ``keyed`` maps a key length to the keys of
    that length and their entries; ``symbols`` maps a leading symbol to its entries;
    ``everywhere`` lists the entries without a usable prefix. Patterns are compiled on first
    need, once per process.
    """

    def __init__(
        self,
        sources: list[str],
        keyed: dict[int, dict[str, list[Entry]]],
        symbols: dict[str, list[Entry]],
        everywhere: list[Entry],
    ) -> None:
        self.sources = sources
        self.keyed = keyed
        self.symbols = symbols
        self.everywhere = everywhere
        self._patterns: list[re.Pattern[str] | None] = [None] * len(sources)
        self._tables = sorted(keyed.items(), reverse=True)
        self._plans: dict[str, _Plan] = {}
        self._by_content: dict[tuple[tuple[int, ...], tuple[tuple[int, int], ...]], _Plan] = {}
        self._joined: dict[tuple[int, ...], re.Pattern[str] | None] = {}
        self._group_ids: dict[tuple[int, str], int] = {}
        remember(sources)
        chars = "".join(sorted(symbols))
        self._symbol_scan = compile_once(f"[{re.escape(chars)}]") if chars else None
        heads = {key[:_HEAD_LEN] for table in keyed.values() for key in table}
        # Only word starts that begin like some key are visited; the engine finds them in C
        # and captures the window of text that selects the keys.
        self._word_scan = (
            compile_once(
                built(
                    "word-scan",
                    heads,
                    lambda: f"[^a-z0-9](?={_trie(heads)})(?=([\\s\\S]{{{KEY_LEN}}}))",
                )
            )
            if heads
            else None
        )

    def compiled(self, index: int) -> re.Pattern[str]:
        found = self._patterns[index]
        if found is None:
            found = self._patterns[index] = compile_once(self.sources[index])
        return found

    def joined(self, indices: tuple[int, ...]) -> re.Pattern[str] | None:
        """One expression trying the patterns ``indices`` in order (see ``join_codes``)."""
        found = self._joined.get(indices)
        if found is None and indices not in self._joined:
            found = join_codes([self.sources[i] for i in indices])
            self._joined[indices] = found
        return found

    def _plan(self, window: str) -> _Plan:
        """What to try after a word start that reads ``window`` (memoised: words repeat)."""
        indices: list[int] = []
        metas: list[tuple[int, int]] = []
        for length, table in self._tables:
            key = window[:length]
            entries = table.get(key)
            if entries is None:
                continue
            group = self._group_ids.setdefault((length, key), len(self._group_ids))
            for owner, index in entries:
                indices.append(index)
                metas.append((owner, group))
        content = (tuple(indices), tuple(metas))
        plan = self._by_content.get(content)
        if plan is None:
            plan = self._by_content[content] = _Plan(self, *content)
        if len(self._plans) < _MAX_WINDOWS:
            self._plans[window] = plan
        return plan

    def run(self, text: str) -> Hits:
        """Every match as (owner, start, end): word-start keys, then symbols, then the rest.

        At one word start the patterns of one key are tried in order; once one matches, the
        later patterns of the same owner there are dropped (one span per rule and position).
        The patterns to try at every word start are gathered first and then all called from
        C (``map``), so a letter costs few Python steps beyond its matches.
        """
        found: Hits = []
        if self._word_scan is not None:
            self._run_words(self._word_scan, text, found)
        if self._symbol_scan is not None:
            last = -1
            for m in self._symbol_scan.finditer(text):
                pos = m.start()
                if pos < last:
                    continue
                before = len(found)
                first = -1
                for owner, index in self.symbols[text[pos]]:
                    if owner == first:
                        continue
                    hit = self.compiled(index).match(text, pos)
                    if hit is not None:
                        found.append((owner, pos, hit.end()))
                        if first < 0:
                            first = owner
                if len(found) > before:
                    last = max(end for _, _, end in found[before:])
        for owner, index in self.everywhere:
            for hit in self.compiled(index).finditer(text):
                found.append((owner, hit.start(), hit.end()))
        return found

    def _run_words(self, scan: re.Pattern[str], text: str, found: Hits) -> None:
        padded = " " + text + " " * KEY_LEN
        scans = list(scan.finditer(padded))
        starts = list(map(_START, scans))
        windows = list(map(_GROUP, scans, repeat(1)))
        known: list[_Plan | None] = list(map(self._plans.get, windows))
        plans: list[_Plan]
        if None in known:
            plans = [
                p if p is not None else self._plan(w) for p, w in zip(known, windows, strict=True)
            ]
        else:
            plans = cast("list[_Plan]", known)
        # one call per word start: the joined patterns of its window, called from C
        fns = list(map(_MATCH, plans))
        keep = list(map(bool, fns))
        chosen = list(compress(plans, keep))
        positions = list(compress(starts, keep))
        results = list(map(call, compress(fns, keep), repeat(text), positions))
        for i in compress(range(len(results)), results):
            self._record(chosen[i], text, positions[i], results[i], found)
        if len(chosen) < len(plans):  # plans whose patterns could not be joined
            for plan, pos in zip(plans, starts, strict=True):
                if plan.match is None and plan.fns:
                    self._record_one_by_one(plan, text, pos, found)

    @staticmethod
    def _record(plan: _Plan, text: str, pos: int, hit: re.Match[str], found: Hits) -> None:
        """Every pattern of ``plan`` that matches at ``pos``, the first given as ``hit``: at
        one place, the later patterns of the rule that matched first in a group are dropped
        (one span per rule and position)."""
        metas = plan.metas
        group = first = -1
        k = 0
        match: re.Match[str] | None = hit
        while match is not None:
            k += cast(int, match.lastindex) - 1
            owner, this_group = metas[k]
            if this_group != group:
                group, first = this_group, owner
                found.append((owner, pos, match.end()))
            elif owner != first:
                found.append((owner, pos, match.end()))
            k += 1
            rest = plan.rest(k) if k < len(metas) else None
            match = rest(text, pos) if rest is not None else None

    @staticmethod
    def _record_one_by_one(plan: _Plan, text: str, pos: int, found: Hits) -> None:
        group = first = -1
        for fn, (owner, this_group) in zip(plan.fns, plan.metas, strict=True):
            match = fn(text, pos)
            if match is None:
                continue
            if this_group != group:
                group, first = this_group, owner
            elif owner == first:
                continue
            found.append((owner, pos, match.end()))


_START = re.Match.start
_GROUP = re.Match.group
_MATCH: Callable[[_Plan], Any] = attrgetter("match")


_COMPILED: dict[str, re.Pattern[str]] = {}
# source -> the engine's compiled form, kept between runs by a caller (see ``export_codes``)
_CODES: dict[str, tuple[Any, ...]] = {}
# every source a rule set may need, for ``export_codes``
_KNOWN: dict[str, None] = {}


def compile_once(source: str) -> re.Pattern[str]:
    """One compiled expression per distinct source (rule sets built for other settings
    share them). A compiled form taken in by ``import_codes`` spares the parse."""
    found = _COMPILED.get(source)
    if found is None:
        _KNOWN[source] = None
        code = _kept_code(source)
        if code is not None:
            try:
                found = _sre.compile(source, *code)
            except Exception:  # a damaged kept form: compile from the source
                del _CODES[source]
        if found is None:
            found = re.compile(source)
        _COMPILED[source] = found
    return found


def _kept_code(source: str) -> tuple[Any, ...] | None:
    """The kept compiled form of ``source`` with its code words as a list (a form taken in
    by ``import_codes`` holds them packed, and is unpacked on first need)."""
    code = _CODES.get(source)
    if code is not None and isinstance(code[1], bytes):
        words = array.array(_WORD)
        try:
            words.frombytes(code[1])
        except ValueError:  # a damaged kept form: compile from the source
            del _CODES[source]
            return None
        code = _CODES[source] = (code[0], words.tolist(), *code[2:])
    return code


def _code_of(source: str) -> tuple[Any, ...] | None:
    """The engine's compiled form of ``source`` (kept in ``_CODES``), or None."""
    code = _kept_code(source)
    if code is None:
        if _p is None or _cc is None:
            return None
        try:
            parsed = _p.parse(source, 0)
            ints = list(map(int, _cc._code(parsed, 0)))  # named opcodes -> plain ints
            state = parsed.state
            groupindex = dict(state.groupdict)
            indexgroup: list[str | None] = [None] * state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            code = (int(state.flags), ints, state.groups - 1, groupindex, tuple(indexgroup))
        except Exception:  # a private module: any surprise means "no compiled form"
            return None
        _CODES[source] = code
    return code


def join_codes(sources: list[str]) -> re.Pattern[str] | None:
    """One expression that tries ``sources`` in order at one place, like
    ``(?:s0)()|(?:s1)()|...``: a match's ``lastindex`` minus one is the index of the first
    source that matches there, with the span that source alone would give.

    Written from the sources' compiled forms (kept between runs, see ``export_codes``), so
    nothing is parsed again. None when a source has groups of its own or other flags, or
    the engine's private parts are missing or refuse the result.
    """
    if _sre is None or _c is None or not sources:
        return None
    codes = [_code_of(source) for source in sources]
    if any(c is None or c[2] != 0 for c in codes):
        return None
    flags = {c[0] for c in codes if c is not None}
    if len(flags) != 1:
        return None
    branch, jump, mark = int(_c.BRANCH), int(_c.JUMP), int(_c.MARK)
    info, failure, success = int(_c.INFO), int(_c.FAILURE), int(_c.SUCCESS)
    out = [branch]
    tails = []
    for k, item in enumerate(codes):
        assert item is not None
        code = item[1]
        body = code[code[1] + 1 : -1] if code[0] == info else code[:-1]
        skip = len(out)
        out.append(0)
        out.extend(body)
        out.extend((mark, 2 * k, mark, 2 * k + 1, jump))
        tails.append(len(out))
        out.append(0)
        out[skip] = len(out) - skip
    out.append(failure)
    for tail in tails:
        out[tail] = len(out) - tail
    out.append(success)
    try:
        joined: re.Pattern[str] = _sre.compile(
            "|".join(f"(?:{s})()" for s in sources),
            flags.pop(),
            out,
            len(codes),
            {},
            (None,) * (len(codes) + 1),
        )
    except Exception:  # the engine refused the code: try the patterns one by one
        return None
    return joined


_INLINE_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))


# Expressions built from many parts (the word-scan trie of every key's first letters, the cue
# trie), by a digest of the parts: building them is a good share of start-up, and a caller
# keeps them between runs (see ``export_built``).
_BUILT: dict[str, str] = {}
_BUILT_USED: set[str] = set()
_BUILT_NEW: list[bool] = [False]


def built(kind: str, parts: Iterable[str], build: Callable[[], str]) -> str:
    """The expression ``build()`` returns for ``parts``, built once per set of parts."""
    digest = hashlib.sha256("\x00".join([kind, *sorted(parts)]).encode()).hexdigest()
    _BUILT_USED.add(digest)
    found = _BUILT.get(digest)
    if found is None:
        found = _BUILT[digest] = build()
        _BUILT_NEW[0] = True
    return found


def export_built() -> dict[str, str] | None:
    """The built expressions this process used, when one was new or a kept one went unused."""
    if not _BUILT_NEW[0] and set(_BUILT) <= _BUILT_USED:
        return None
    return {d: _BUILT[d] for d in _BUILT_USED if d in _BUILT}


def import_built(data: object) -> int:
    """Take built expressions kept by ``export_built``; returns how many."""
    if not isinstance(data, dict):
        return 0
    taken = 0
    for digest, source in data.items():
        if isinstance(digest, str) and isinstance(source, str):
            _BUILT.setdefault(digest, source)
            taken += 1
    return taken


def regex(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` for the review's own expressions: through ``compile_once``, so their
    compiled forms are kept between runs with the rules' (flags as inline flags)."""
    inline = "".join(letter for flag, letter in _INLINE_FLAGS if flags & flag)
    if flags & ~(re.IGNORECASE | re.MULTILINE | re.DOTALL):
        return re.compile(source, flags)
    return compile_once(f"(?{inline}:{source})" if inline else source)


def remember(sources: list[str]) -> None:
    """Note sources compiled later (on first need), so that ``export_codes`` keeps them."""
    _KNOWN.update(dict.fromkeys(sources))


def code_scheme() -> str:
    """Compiled forms are valid for this Python and this regular expression engine only."""
    return f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{sys.implementation.name}|packed"


def export_codes() -> dict[str, tuple[Any, ...]] | None:
    """The compiled form of every known source, for a caller that keeps them between runs
    (parsing and compiling the patterns is most of the start-up time; the core writes no
    files). None when nothing is new or the engine's compiler is not available."""
    if _p is None or _cc is None or _sre is None:
        return None
    missing = [s for s in _KNOWN if s not in _CODES]
    stale = len(_CODES) > len(_KNOWN) or any(s not in _KNOWN for s in _CODES)
    if not missing and not stale:
        return None
    for source in missing:
        _code_of(source)  # skipped when the private modules cannot do it
    # only what this process needs: forms of patterns since edited or removed are dropped
    for source in [s for s in _CODES if s not in _KNOWN]:
        del _CODES[source]
    # the code words packed as bytes: a caller reads them back without making an integer
    # object for each word of every pattern (most of a start's patterns are never used)
    return {
        source: code if isinstance(code[1], bytes) else (code[0], _packed(code[1]), *code[2:])
        for source, code in _CODES.items()
    }


# code words as unsigned integers of the engine's code size (4 bytes on common builds)
_WORD = "I" if array.array("I").itemsize == getattr(_sre, "CODESIZE", 4) else "L"


def _packed(words: list[int]) -> bytes:
    return array.array(_WORD, words).tobytes()


def import_codes(data: object) -> int:
    """Take compiled forms kept by ``export_codes`` (same ``code_scheme``); returns how many.
    The engine checks each form when it is used; a bad one is compiled from its source."""
    if _sre is None or not isinstance(data, dict):
        return 0
    taken = 0
    for source, code in data.items():
        if (
            isinstance(source, str)
            and isinstance(code, tuple)
            and len(code) == 5
            and isinstance(code[1], bytes | list)
        ):
            _CODES.setdefault(source, code)
            taken += 1
    return taken


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
