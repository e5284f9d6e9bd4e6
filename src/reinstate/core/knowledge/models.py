"""Pydantic models for each kind of knowledge entry."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from reinstate.core.codes import Doc, Reason

PoaPart = Literal["root_cause", "corrective_actions", "preventive_measures"]
POA_PARTS: tuple[PoaPart, ...] = ("root_cause", "corrective_actions", "preventive_measures")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Question(_Entry):
    """A question the seller answers for one part of the Plan of Action."""

    ask: str
    good_answer: str = Field(description="What a good answer contains (guidance, not text)")


class ClockInfo(_Entry):
    """A deadline or waiting period that can run on a case."""

    label: str
    description: str
    days: int | None = None
    hours: int | None = None
    months: int | None = None
    starts: Literal[
        "notice", "first_appeal", "last_amazon_contact", "at_risk_notice", "deactivation"
    ] = "notice"
    applies_to_regions: list[str] = Field(default_factory=list)  # empty: everywhere
    source: str = ""


class ReasonInfo(_Entry):
    """One deactivation reason (a REASON code)."""

    label: str
    explanation: str
    documents: list[Doc]
    questions: dict[PoaPart, list[Question]]
    pitfalls: list[str] = Field(default_factory=list)
    clocks: list[str] = Field(default_factory=list)  # names of ClockInfo entries
    difficulty: Literal["low", "medium", "high"] | None = None


class Marketplace(_Entry):
    """One Amazon marketplace."""

    name: str
    country: str
    region: Literal["north_america", "south_america", "europe", "middle_east", "far_east", "india"]
    languages: list[str]
    seller_central_host: str
    escalation_address: str | None = None
    escalation_status: Literal["unknown", "works", "deprecated"] = "unknown"
    eu_uk_mediation: bool = False


class ChannelInfo(_Entry):
    """A way of reaching Seller Performance."""

    label: str
    when: str
    steps: list[str]
    must_carry: list[str]
    asks: list[str] = Field(default_factory=list)
    limits: str = ""
    order: int


class Requirement(_Entry):
    """A published requirement a document must meet; ``check`` names the automatic check."""

    id: str
    text: str
    check: str | None = None
    source: str = ""


class DocumentKind(_Entry):
    """A kind of document (a DOC code)."""

    label: str
    accepted_types: list[str]
    max_age_days: int | None = None
    max_size_mb: int | None = None
    screenshot_allowed: bool = True
    requirements: list[Requirement] = Field(default_factory=list)


REASON_CODES_MODEL = Reason  # re-exported for validation of reason names
