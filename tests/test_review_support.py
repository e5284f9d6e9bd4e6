"""Shared by the review tests (no tests here): read a labelled letter, compare a report with it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reinstate.core.case import CaseFacts
from reinstate.core.review import Report, ReviewConfig, review
from reinstate.core.review.identifiers import find_identifiers
from reinstate.core.review.model import LetterKind

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus/appeals")
OWN = ROOT / "tests" / "appeals"
BUILTIN = ReviewConfig(builtin_only=True)
_KINDS: dict[str, LetterKind] = {"escalation_email": "escalation"}


@dataclass
class Labelled:
    name: str
    text: str
    label: dict[str, Any]

    @property
    def kind(self) -> LetterKind:
        raw = self.label.get("kind", "poa")
        return _KINDS.get(raw, raw)  # type: ignore[return-value]

    @property
    def case(self) -> CaseFacts | None:
        data = self.label.get("case")
        return CaseFacts.model_validate(data) if data else None

    def review(self) -> Report:
        return review(self.text, kind=self.kind, case=self.case, config=BUILTIN)


def load(folder: Path) -> list[Labelled]:
    if not folder.is_dir():
        return []
    out = []
    for txt in sorted(folder.glob("*.txt")):
        label = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        out.append(Labelled(txt.stem, txt.read_text(encoding="utf-8"), label))
    return out


def missed_problems(item: Labelled, report: Report) -> list[str]:
    """Labelled problems with no finding of their category overlapping the phrase."""
    missed = []
    for problem in item.label["problems"]:
        category, phrase = problem["category"], problem["phrase"]
        candidates = [f for f in report.findings if f.category == category]
        if phrase is None:
            if not candidates:
                missed.append(f"{category}: (absence)")
            continue
        start = item.text.find(phrase)
        assert start >= 0, f"{item.name}: phrase not in text: {phrase!r}"
        end = start + len(phrase)
        if not any(f.start < end and start < f.end for f in candidates):
            missed.append(f"{category}: {phrase!r}")
    return missed


def false_alarms(report: Report) -> list[str]:
    return [
        f"{f.severity} {f.rule} {f.excerpt!r}"
        for f in report.findings
        if f.severity in ("error", "warning")
    ]


def section_mismatches(item: Labelled, report: Report) -> list[str]:
    expected = item.label.get("sections")
    if expected is None:
        return []
    out = []
    for part, want in expected.items():
        got = report.sections[part].found and report.sections[part].fits
        if got != want:
            out.append(f"{part}: expected {want}, got {got} ({report.sections[part].notes})")
    return out


def identifier_mismatches(item: Labelled) -> list[str]:
    expected = item.label.get("identifiers")
    if expected is None:
        return []
    present = find_identifiers(item.text).present()
    return [f"{k}: expected {v}, got {present[k]}" for k, v in expected.items() if present[k] != v]
