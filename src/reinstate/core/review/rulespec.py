"""What a rule file may hold: the checked form of a rule (``model.Rule`` is the plain one).

Only loaded when rule files are read and checked; ``reinstate check`` otherwise builds its
rules from the data directory's cache without the validation library.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from reinstate.core.codes import Category, Severity
from reinstate.core.review.matcher import regex
from reinstate.core.review.model import LETTER_KINDS, LetterKind, Part, Rule


class RuleSpec(BaseModel):
    """One review rule, as written in a rule file: what a rule file may hold, checked.

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
    unless_next: list[str] = Field(default_factory=list)
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

    @field_validator("unless", "unless_next")
    @classmethod
    def _unless_cues(cls, value: list[str]) -> list[str]:
        for cue in value:
            _check_cue(cue)
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> RuleSpec:
        if self.cooccur and (self.patterns or self.check):
            raise ValueError("a rule has either 'cooccur' or 'patterns'/'check', not both")
        if self.classifier and (self.patterns or self.check or self.cooccur):
            raise ValueError("a 'classifier' rule has no 'patterns', 'cooccur' or 'check'")
        options = (self.unless, self.unless_next, self.requires_first_person, self.forbid_data)
        if not self.cooccur and any(options):
            raise ValueError(
                "'unless', 'unless_next', 'requires_first_person' and 'forbid_data' need"
                " 'cooccur' lists"
            )
        return self

    def to_rule(self) -> Rule:
        """The plain rule the review runs on."""
        return Rule(**self.model_dump(exclude={"pass_"}), pass_=self.pass_)


_CUE = regex(r"[a-z0-9$€£%&'](?:[a-z0-9'&.]|-(?=[a-z0-9])| (?=[a-z0-9$€£]))*~?")


def _check_cue(cue: str) -> None:
    if not _CUE.fullmatch(cue):
        raise ValueError(
            f"cue {cue!r} must be lower-case words or symbols ($, €, £, %) separated by"
            " single spaces, optionally ending in ~ (any inflection)"
        )
