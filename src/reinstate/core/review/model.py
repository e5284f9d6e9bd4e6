"""The review's data: a rule, a finding, a section, the stats and the report."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

from reinstate.core.codes import Category, Severity

LetterKind = Literal["poa", "reply", "escalation", "call_notes"]
LETTER_KINDS: tuple[LetterKind, ...] = ("poa", "reply", "escalation", "call_notes")
Part = Literal["root_cause", "corrective_actions", "preventive_measures"]
PARTS: tuple[Part, ...] = ("root_cause", "corrective_actions", "preventive_measures")
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Rule:
    """One review rule, as written in a rule file (checked by ``rulespec.RuleSpec``).

    A rule either has ``patterns`` (matched on the normalised text, see ``normalize``),
    ``cooccur`` cue lists (a sentence holding a cue of every list, see ``cooccur``), a
    ``classifier`` category (sentences the learnt sentence model scores high for it, see
    ``classifier``), or names a ``check`` (a Python function registered in ``checks``) where
    logic is needed. A plain dataclass: ``reinstate check`` builds the rules from the data
    directory's cache without the validation library.
    """

    id: str
    category: Category
    severity: Severity
    message: str
    suggestion: str | None = None
    patterns: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    check: str | None = None
    classifier: Category | None = None
    cooccur: list[list[str]] = field(default_factory=list)
    unless: list[str] = field(default_factory=list)
    unless_next: list[str] = field(default_factory=list)
    requires_first_person: bool = False
    forbid_data: bool = False
    kinds: list[LetterKind] = field(default_factory=lambda: list(LETTER_KINDS))
    parts: list[Part] | None = None
    flag: list[str] = field(default_factory=list)
    pass_: list[str] = field(default_factory=list)
    example_kind: LetterKind = "poa"
    example_case: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        """The rule's fields as in a rule file ("pass" rather than ``pass_``)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["pass"] = data.pop("pass_")
        return data


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in the letter, with its exact span in the original text.

    A plain dataclass, not a pydantic model: a batch builds tens of thousands of them.
    """

    rule: str
    category: Category
    severity: Severity
    start: int
    end: int
    line: int
    column: int
    excerpt: str
    message: str
    suggestion: str | None = None

    def model_dump(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "excerpt": self.excerpt,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class SectionReport:
    """One of the three parts of a Plan of Action: where it is and whether its content fits."""

    found: bool
    start: int | None = None
    end: int | None = None
    heading: str | None = None
    fits: bool = False
    notes: tuple[str, ...] = ()

    def model_dump(self) -> dict[str, Any]:
        return {
            "found": self.found,
            "start": self.start,
            "end": self.end,
            "heading": self.heading,
            "fits": self.fits,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class Stats:
    """Plain counts a reviewer looks at first."""

    words: int
    sentences: int
    paragraphs: int
    reading_ease: float
    date_or_number_share: float

    def model_dump(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "paragraphs": self.paragraphs,
            "reading_ease": self.reading_ease,
            "date_or_number_share": self.date_or_number_share,
        }


@dataclass(frozen=True)
class Report:
    """The result of one review; ``contract()`` is the ``reinstate check --format json`` object."""

    kind: LetterKind
    findings: list[Finding]
    sections: dict[Part, SectionReport]
    stats: Stats

    @property
    def ready(self) -> bool:
        """True when no finding is at error level."""
        return not any(f.severity == "error" for f in self.findings)

    def contract(self) -> dict[str, Any]:
        """The stable JSON object of DESIGN.md (schema 1)."""
        return {
            "schema": 1,
            "ready": self.ready,
            "kind": self.kind,
            "findings": [f.model_dump() for f in self.findings],
            "sections": {part: s.model_dump() for part, s in self.sections.items()},
            "stats": self.stats.model_dump(),
        }
