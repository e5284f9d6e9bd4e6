"""Co-occurrence rules: a sentence that holds a cue from every list of a rule is flagged.

A rule file writes::

    ["blame.others.cooccur"]
    category = "blame_others"
    severity = "warning"
    message = "..."
    cooccur = [["supplier~", "courier~"], ["fault", "caused by", "lied"]]
    unless = ["we did not", "our mistake"]
    unless_next = ["we did not check"]  # ... or in the sentence right after it
    requires_first_person = false   # the sentence must say I, we, my, our, me or us
    forbid_data = false             # a number, a date or a full name in it clears it

Cues are matched on the normalised text (lower case, contractions written out, so "didn't"
is matched by "did not"), as whole words: "lie" does not match "client". A space in a cue
matches a space, a line break or a hyphen; a trailing ``~`` allows up to four more letters
("lie~" matches lies and lied). ``$``, ``€`` and ``£`` match
right before an amount.

All cues of all enabled co-occurrence rules are compiled into one expression (a trie), so a
letter is scanned once in C; only the sentences where a cue was found are looked at again.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, cast

from reinstate.core.review.classifier import normalised_spans
from reinstate.core.review.context import Context
from reinstate.core.review.matcher import built, compile_once, regex
from reinstate.core.review.model import Rule

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_INFLECTION = 4
_FIRST_PERSON = regex(r"(?<![a-z])(?:i|we|my|our|ours|me|us|myself|ourselves)(?![a-z])")
_FULL_NAME = regex(r"(?<=[a-z,;:] )[A-Z][a-z]+ [A-Z][a-z]+")
_UNLESS = -1
_UNLESS_NEXT = -2
_START = re.Match.start
_GROUP = re.Match.group
# a cue ends where the word ends; "stress" does not match "stress-tested"
_END = "(?![a-z0-9]|-[a-z])"


@dataclass
class CueIndex:
    """The enabled co-occurrence rules and one expression finding any of their cues.

    Every (rule, list) pair and every rule's ``unless`` list is a bit; each cue knows the
    bits it stands for, so a sentence's cues are OR-ed into one integer and a rule fires
    where all its list bits and not its ``unless`` bit are set.
    """

    rules: list[Rule]
    scan: re.Pattern[str] | None
    # cue (spaces single, "~" kept) -> (rule index, list index or _UNLESS)
    roles: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # matched text -> the bits of its roles, filled as letters are reviewed
    _memo: dict[str, int] = field(default_factory=dict)
    # per rule: the bit of each list, all of them, and the bit of its ``unless`` list
    _list_bits: list[list[int]] = field(default_factory=list)
    _need: list[int] = field(default_factory=list)
    _unless: list[int] = field(default_factory=list)
    _unless_next: list[int] = field(default_factory=list)
    _firsts: int = 0  # the bits of every rule's first list

    @classmethod
    def build(cls, rules: list[Rule]) -> CueIndex:
        roles: dict[str, list[tuple[int, int]]] = {}
        for n, rule in enumerate(rules):
            slots = [(i, cues) for i, cues in enumerate(rule.cooccur)]
            slots.append((_UNLESS, rule.unless))
            slots.append((_UNLESS_NEXT, rule.unless_next))
            for slot, cues in slots:
                for cue in cues:
                    items = roles.setdefault(cue, [])
                    if (n, slot) not in items:
                        items.append((n, slot))
        scan = (
            compile_once(built("cues", roles, lambda: _trie_pattern(list(roles))))
            if roles
            else None
        )
        index = cls(rules, scan, roles)
        for n, rule in enumerate(rules):
            bits = [_bit(n, i) for i in range(len(rule.cooccur))]
            index._list_bits.append(bits)
            index._need.append(sum(bits))
            index._unless.append(_bit(n, _UNLESS))
            index._unless_next.append(_bit(n, _UNLESS_NEXT))
            index._firsts |= bits[0] if bits else 0
        return index

    def _resolve(self, found: str) -> list[tuple[int, int]]:
        """The roles of every cue the matched text holds from its start: the engine reports
        the longest cue at a place ("without asking us"), and the shorter ones there count
        too ("without asking", "without")."""
        words = found.replace("-", " ").split()
        out: list[tuple[int, int]] = []
        for n in range(len(words), 0, -1):
            key = " ".join(words[:n])
            out.extend(self.roles.get(key, ()))
            out.extend(self.roles.get(key + "~", ()))
            for cut in range(1, min(_INFLECTION, len(key) - 1) + 1):
                if not key[-cut:].isalpha():
                    break
                out.extend(self.roles.get(key[:-cut] + "~", ()))
        return out

    def _bits(self, found: str) -> int:
        bits = 0
        for rule_index, slot in self._resolve(found):
            bits |= _bit(rule_index, slot)
        self._memo[found] = bits
        return bits

    def find(self, ctx: Context) -> list[tuple[Rule, int, int]]:
        """(rule, start, end) in the original text: one per sentence a rule flags."""
        scan = self.scan
        if scan is None:
            return []
        norm = ctx.norm
        # every cue and where it starts in the normalised text, found in one pass in C (the
        # separator before a cue is at m.start() in the padded text: the cue starts there)
        found = list(scan.finditer(" " + ctx.scan_text))
        if not found:
            return []
        cues = list(map(_GROUP, found, repeat(1)))
        known = list(map(self._memo.get, cues))
        bits: list[int] = (
            [b if b is not None else self._bits(c) for b, c in zip(known, cues, strict=True)]
            if None in known
            else cast("list[int]", known)
        )
        positions = list(map(_START, found))
        sentences = ctx.sentences
        spans = normalised_spans(
            norm.norm_starts, norm.orig_starts, norm.copied, len(norm.text), sentences
        )
        starts = [s for s, _ in spans]
        # sentence index -> the bits of the cues in it
        per_sentence: dict[int, int] = {}
        for after, pos, cue_bits in zip(
            map(bisect_right, repeat(starts), positions), positions, bits, strict=True
        ):
            if cue_bits and after and pos < spans[after - 1][1]:
                per_sentence[after - 1] = per_sentence.get(after - 1, 0) | cue_bits
        out: list[tuple[Rule, int, int]] = []
        rules, need, unless, firsts = self.rules, self._need, self._unless, self._firsts
        unless_next = self._unless_next
        for sentence in sorted(per_sentence):
            have = per_sentence[sentence]
            s, e = sentences[sentence]
            # only rules whose first list has a cue here can fire: visit their bits
            candidates = []
            pending = have & firsts
            while pending:
                low = pending & -pending
                pending ^= low
                rule_index = (low.bit_length() - 1) // _BITS
                wanted = need[rule_index]
                # an ownership cue may also come in the next sentence ("The factory changed the
                # gasket without telling us. We did not test the batch ourselves.")
                if (
                    have & wanted == wanted
                    and not have & unless[rule_index]
                    and not per_sentence.get(sentence + 1, 0) & unless_next[rule_index]
                ):
                    candidates.append(rule_index)
            if len(candidates) > 1:
                # the rule whose cues come first in the sentence is reported first
                candidates.sort(
                    key=lambda r: (self._first_cue(r, spans[sentence], positions, bits), r)
                )
            for rule_index in candidates:
                rule = rules[rule_index]
                if len(rule.cooccur) > 1 and not self._distinct_cues(
                    rule_index, spans[sentence], positions, bits
                ):
                    continue
                if rule.requires_first_person and not _FIRST_PERSON.search(ctx.lower, s, e):
                    continue
                if rule.forbid_data and (ctx.has_data(s, e) or _FULL_NAME.search(ctx.text, s, e)):
                    continue
                out.append((rule, s, e))
        return out

    def _first_cue(
        self, rule_index: int, span: tuple[int, int], positions: list[int], bits: list[int]
    ) -> int:
        """Where the first cue of any list of the rule (``unless`` included) is."""
        mask = self._need[rule_index] | self._unless[rule_index]
        lo = bisect_left(positions, span[0])
        hi = bisect_left(positions, span[1])
        for pos, cue_bits in zip(positions[lo:hi], bits[lo:hi], strict=True):
            if cue_bits & mask:
                return pos
        return span[1]

    def _distinct_cues(
        self, rule_index: int, span: tuple[int, int], positions: list[int], bits: list[int]
    ) -> bool:
        """True when the rule's lists are met by different cues of the sentence."""
        list_bits = self._list_bits[rule_index]
        slots: dict[int, list[int]] = {i: [] for i in range(len(list_bits))}
        lo = bisect_left(positions, span[0])
        hi = bisect_left(positions, span[1])
        for pos, cue_bits in zip(positions[lo:hi], bits[lo:hi], strict=True):
            for i, bit in enumerate(list_bits):
                if cue_bits & bit:
                    slots[i].append(pos)
        return _distinct(slots, len(list_bits))


_BITS = 18  # bits per rule: up to 16 cue lists, then ``unless_next`` and ``unless``
_SLOT_OFFSET = {_UNLESS_NEXT: _BITS - 2, _UNLESS: _BITS - 1}


def _bit(rule_index: int, slot: int) -> int:
    """The bit of one list of one rule."""
    return 1 << (rule_index * _BITS + _SLOT_OFFSET.get(slot, slot))


def _distinct(slots: dict[int, list[int]], lists: int) -> bool:
    """True when every list is met by a different cue ("please" alone does not meet both
    lists of a rule that wants "please" twice)."""
    if lists == 1:
        return True

    def place(i: int, used: frozenset[int]) -> bool:
        if i == lists:
            return True
        return any(place(i + 1, used | {at}) for at in slots[i] if at not in used)

    return place(0, frozenset())


def _trie_pattern(cues: list[str]) -> str:
    """One expression for every cue, factored as a trie, matching whole words only."""
    tree: dict[str, Any] = {}
    for cue in cues:
        node = tree
        stem, inflected = (cue[:-1], True) if cue.endswith("~") else (cue, False)
        for ch in stem:
            node = node.setdefault(ch, {})
        node["~" if inflected else ""] = {}
    # The space (or opening quote or bracket) before a cue is consumed, so the engine looks
    # for cues only at word starts; the cue itself is in a lookahead, so cues may overlap
    # ("take responsibility" and "responsibility" are both found).
    return f"[ \n\t(\"'/](?=({_emit(tree, '')}))"


def _emit(node: dict[str, Any], last: str) -> str:
    # longer cues first, so "your team" wins over "your"; ends are tried last
    branches = []
    for ch, child in sorted(node.items()):
        if ch in ("", "~"):
            continue
        piece = r"(?:[ \n]+|-[ \n]*)" if ch == " " else re.escape(ch)
        branches.append(piece + _emit(child, ch))
    boundary = _END if last in _ALNUM else ""
    if "~" in node:
        branches.append(f"[a-z]{{0,{_INFLECTION}}}{_END}")
    if "" in node:
        branches.append(boundary)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
