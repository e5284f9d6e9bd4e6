"""The review's data: a rule, a finding, a section, the stats and the report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from reinstate.core.codes import Category, Severity
from reinstate.core.review.matcher import regex

LetterKind = Literal["poa", "reply", "escalation", "call_notes"]
LETTER_KINDS: tuple[LetterKind, ...] = ("poa", "reply", "escalation", "call_notes")
Part = Literal["root_cause", "corrective_actions", "preventive_measures"]
PARTS: tuple[Part, ...] = ("root_cause", "corrective_actions", "preventive_measures")
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class Rule(BaseModel):
    """One review rule, as written in a rule file.

    A rule either has ``patterns`` (matched on the normalised text, see ``normalize``),
    ``cooccur`` cue lists (a sentence holding a cue of every list, see ``cooccur``), a
    ``classifier`` category (sentences the learnt sentence model scores high for it, see
    ``classifier``), or names a ``check`` (a Python function registered in ``checks``) where
    logic is needed.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    category: Category
    severity: Severity
    message: str = Field(min_length=1)
    suggestion: str | None = None
    patterns: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)
    check: str | None = None
    classifier: Category | None = None
    cooccur: list[list[str]] = Field(default_factory=list, max_length=16)
    unless: list[str] = Field(default_factory=list)
    requires_first_person: bool = False
    forbid_data: bool = False
    kinds: list[LetterKind] = Field(default_factory=lambda: list(LETTER_KINDS))
    parts: list[Part] | None = None
    flag: list[str] = Field(default_factory=list)
    pass_: list[str] = Field(default_factory=list, alias="pass")
    example_kind: LetterKind = "poa"
    example_case: dict[str, Any] | None = None

    @field_validator("cooccur")
    @classmethod
    def _cue_lists(cls, value: list[list[str]]) -> list[list[str]]:
        for cues in value:
            if not cues:
                raise ValueError("every cue list in 'cooccur' needs at least one cue")
            for cue in cues:
                _check_cue(cue)
        return value

    @field_validator("unless")
    @classmethod
    def _unless_cues(cls, value: list[str]) -> list[str]:
        for cue in value:
            _check_cue(cue)
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Rule:
        if self.cooccur and (self.patterns or self.check):
            raise ValueError("a rule has either 'cooccur' or 'patterns'/'check', not both")
        if self.classifier and (self.patterns or self.check or self.cooccur):
            raise ValueError("a 'classifier' rule has no 'patterns', 'cooccur' or 'check'")
        if not self.cooccur and (self.unless or self.requires_first_person or self.forbid_data):
            raise ValueError(
                "'unless', 'requires_first_person' and 'forbid_data' need 'cooccur' lists"
            )
        return self


_CUE = regex(r"[a-z0-9$€£%&'](?:[a-z0-9'&.]|-(?=[a-z0-9])| (?=[a-z0-9$€£]))*~?")


def _check_cue(cue: str) -> None:
    if not _CUE.fullmatch(cue):
        raise ValueError(
            f"cue {cue!r} must be lower-case words or symbols ($, €, £, %) separated by"
            " single spaces, optionally ending in ~ (any inflection)"
        )


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


class Report(BaseModel):
    """The result of one review; ``contract()`` is the ``reinstate check --format json`` object.

    The engine builds reports with ``model_construct``: its values are already checked.
    """

    model_config = ConfigDict(frozen=True)

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
