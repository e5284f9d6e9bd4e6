"""What changed between two versions of a Plan of Action, part by part."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from reinstate.core.compose.blocks import BulletList, to_blocks
from reinstate.core.compose.model import PART_TITLES, PoaDraft
from reinstate.core.knowledge.models import POA_PARTS, PoaPart

_SPACES = re.compile(r"\s+")
REWORDED = 0.6  # similarity above which a replaced statement counts as reworded


@dataclass
class PartChange:
    part: PoaPart
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reworded: list[tuple[str, str]] = field(default_factory=list)  # (before, after)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.reworded)

    def summary(self) -> str:
        """ "2 points added, 1 removed" in words a seller reads at a glance."""
        if not self.changed:
            return "no change"
        bits = []
        if self.added:
            bits.append(f"{len(self.added)} {'point' if len(self.added) == 1 else 'points'} added")
        if self.removed:
            n = len(self.removed)
            bits.append(f"{n} {'point' if n == 1 else 'points'} removed")
        if self.reworded:
            n = len(self.reworded)
            bits.append(f"{n} {'point' if n == 1 else 'points'} reworded")
        return ", ".join(bits)


@dataclass
class PoaDiff:
    """Per part, the statements added and removed since the earlier version."""

    previous_version: int | None
    version: int
    parts: list[PartChange]

    @property
    def changed(self) -> bool:
        return any(p.changed for p in self.parts)


def statements(text: str) -> list[str]:
    """The units a reader compares: each bullet item and each paragraph, spacing normalised."""
    out: list[str] = []
    for block in to_blocks(text):
        items = block.items if isinstance(block, BulletList) else [block.text]
        out += [_SPACES.sub(" ", item).strip() for item in items if item.strip()]
    return out


def _key(statement: str) -> str:
    return _SPACES.sub(" ", statement).strip().rstrip(".;").casefold()


def diff_parts(previous: str, current: str, part: PoaPart) -> PartChange:
    old, new = statements(previous), statements(current)
    matcher = difflib.SequenceMatcher(a=[_key(s) for s in old], b=[_key(s) for s in new])
    change = PartChange(part)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            _pair_rewordings(old[i1:i2], new[j1:j2], change)
        elif tag == "delete":
            change.removed += old[i1:i2]
        elif tag == "insert":
            change.added += new[j1:j2]
    return change


def _pair_rewordings(old: list[str], new: list[str], change: PartChange) -> None:
    """Within a replaced run, a new statement close to an old one is a rewording of it."""
    unused = list(range(len(new)))
    paired: dict[int, int] = {}
    for i, before in enumerate(old):
        best, best_ratio = None, REWORDED
        for j in unused:
            ratio = difflib.SequenceMatcher(a=_key(before), b=_key(new[j])).ratio()
            if ratio >= best_ratio:
                best, best_ratio = j, ratio
        if best is not None:
            paired[best] = i
            unused.remove(best)
        else:
            change.removed.append(before)
    for j, after in enumerate(new):
        if j in paired:
            change.reworded.append((old[paired[j]], after))
        else:
            change.added.append(after)


def diff_poa(previous: PoaDraft | None, current: PoaDraft) -> PoaDiff:
    """The change from ``previous`` (None: nothing sent before) to ``current``, by part."""
    return PoaDiff(
        previous_version=previous.version if previous else None,
        version=current.version,
        parts=[
            diff_parts(previous.part(part) if previous else "", current.part(part), part)
            for part in POA_PARTS
        ],
    )


def diff_text(diff: PoaDiff, indent: str = "") -> str:
    """The change as plain text: per part a one-line summary, then the lines added/removed."""
    lines: list[str] = []
    for change in diff.parts:
        lines.append(f"{indent}{PART_TITLES[change.part]}: {change.summary()}")
        lines += [f"{indent}  + {s}" for s in change.added]
        lines += [f"{indent}  - {s}" for s in change.removed]
        lines += [f"{indent}  ~ {after}" for _, after in change.reworded]
    return "\n".join(lines)
