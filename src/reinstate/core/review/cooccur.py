"""Co-occurrence rules: a sentence that holds a cue from every list of a rule is flagged.

A rule file writes::

    ["blame.others.cooccur"]
    category = "blame_others"
    severity = "warning"
    message = "..."
    cooccur = [["supplier~", "courier~"], ["fault", "caused by", "lied"]]
    unless = ["we did not", "our mistake"]
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
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from reinstate.core.review.context import Context
from reinstate.core.review.matcher import compile_once
from reinstate.core.review.model import Rule

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_INFLECTION = 4
_FIRST_PERSON = re.compile(r"(?<![a-z])(?:i|we|my|our|ours|me|us|myself|ourselves)(?![a-z])")
_FULL_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]+ [A-Z][a-z]+")
_UNLESS = -1
# a cue ends where the word ends; "stress" does not match "stress-tested"
_END = "(?![a-z0-9]|-[a-z])"


@dataclass
class CueIndex:
    """The enabled co-occurrence rules and one expression finding any of their cues."""

    rules: list[Rule]
    scan: re.Pattern[str] | None
    # cue (spaces single, "~" kept) -> (rule index, list index or _UNLESS)
    roles: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # matched text -> its roles, filled as letters are reviewed
    _memo: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def build(cls, rules: list[Rule]) -> CueIndex:
        roles: dict[str, list[tuple[int, int]]] = {}
        for n, rule in enumerate(rules):
            slots = [(i, cues) for i, cues in enumerate(rule.cooccur)]
            slots.append((_UNLESS, rule.unless))
            for slot, cues in slots:
                for cue in cues:
                    items = roles.setdefault(cue, [])
                    if (n, slot) not in items:
                        items.append((n, slot))
        scan = compile_once(_trie_pattern(list(roles))) if roles else None
        return cls(rules, scan, roles)

    def _resolve(self, found: str) -> list[tuple[int, int]]:
        key = " ".join(found.replace("-", " ").split())
        out = list(self.roles.get(key, ()))
        out.extend(self.roles.get(key + "~", ()))
        for cut in range(1, min(_INFLECTION, len(key) - 1) + 1):
            if not key[-cut:].isalpha():
                break
            out.extend(self.roles.get(key[:-cut] + "~", ()))
        return out

    def find(self, ctx: Context) -> list[tuple[Rule, int, int]]:
        """(rule, start, end) in the original text: one per sentence a rule flags."""
        scan = self.scan
        if scan is None:
            return []
        norm = ctx.norm
        memo = self._memo
        # (normalised position, roles) of every cue, found in one pass in C
        found: list[tuple[int, list[tuple[int, int]]]] = []
        for m in scan.finditer(" " + norm.text):
            cue = m.group(1)
            roles = memo.get(cue)
            if roles is None:
                roles = memo[cue] = self._resolve(cue)
            if roles:
                # the separator is at m.start() in the padded text: the cue starts there
                found.append((m.start(), roles))
        if not found:
            return []
        starts = ctx.sentence_starts
        sentences = ctx.sentences
        n_starts, o_starts, copied = norm.norm_starts, norm.orig_starts, norm.copied
        # sentence index -> rule index -> list index (or _UNLESS) -> where cues of it start
        hits: dict[int, dict[int, dict[int, list[int]]]] = {}
        for pos, roles in found:
            if n_starts:
                i = bisect_right(n_starts, pos) - 1
                start = o_starts[i] + (pos - n_starts[i]) if copied[i] else o_starts[i]
            else:
                start = pos
            sentence = bisect_right(starts, start) - 1
            if sentence < 0 or start >= sentences[sentence][1]:
                continue
            per_rule = hits.get(sentence)
            if per_rule is None:
                per_rule = hits[sentence] = {}
            for rule_index, slot in roles:
                per_slot = per_rule.get(rule_index)
                if per_slot is None:
                    per_rule[rule_index] = {slot: [pos]}
                elif slot in per_slot:
                    per_slot[slot].append(pos)
                else:
                    per_slot[slot] = [pos]
        out: list[tuple[Rule, int, int]] = []
        rules = self.rules
        for sentence, per_rule in sorted(hits.items()):
            s, e = sentences[sentence]
            for rule_index, slots in per_rule.items():
                rule = rules[rule_index]
                if _UNLESS in slots or len(slots) < len(rule.cooccur):
                    continue
                if not _distinct(slots, len(rule.cooccur)):
                    continue
                if rule.requires_first_person and not _FIRST_PERSON.search(ctx.lower, s, e):
                    continue
                if rule.forbid_data and (ctx.has_data(s, e) or _FULL_NAME.search(ctx.text, s, e)):
                    continue
                out.append((rule, s, e))
        return out


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
