"""Pydantic models for each kind of knowledge entry."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from reinstate.core.codes import Doc, Reason

PoaPart = Literal["root_cause", "corrective_actions", "preventive_measures"]
POA_PARTS: tuple[PoaPart, ...] = ("root_cause", "corrective_actions", "preventive_measures")

Region = Literal["north_america", "south_america", "europe", "middle_east", "far_east", "india"]

ClockStart = Literal[
    "notice", "first_appeal", "last_appeal", "last_amazon_contact", "at_risk_notice", "deactivation"
]

# The automatic document checks a Requirement may name (implemented by the evidence checker).
CHECKS: tuple[str, ...] = (
    "file_type",
    "max_size",
    "readable",
    "not_screenshot",
    "not_password_protected",
    "invoice_date_within_365_days",
    "says_invoice_not_pro_forma",
    "supplier_contact_present",
    "buyer_matches_store",
    "holder_matches_store",
    "utility_bill_within_90_days",
    "looks_like_utility_bill",
    "document_within_max_age",
)


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
    starts: ClockStart = "notice"
    appeals: int | None = Field(
        default=None, description="Also ends after this many unsuccessful appeals, if sooner"
    )
    contact: str | None = Field(default=None, description="Where to write when the clock ends")
    applies_to_regions: list[Region] = Field(default_factory=list)  # empty: everywhere
    source: str = ""

    @field_validator("appeals", "days", "hours", "months")
    @classmethod
    def _positive(cls, value: int | None) -> int | None:
        if value is not None and value <= 0:
            raise ValueError("must be a positive whole number")
        return value


class ReasonInfo(_Entry):
    """One deactivation reason (a REASON code)."""

    label: str
    explanation: str
    documents: list[Doc]
    questions: dict[PoaPart, list[Question]]
    pitfalls: list[str] = Field(default_factory=list)
    clocks: list[str] = Field(default_factory=list)  # names of ClockInfo entries
    difficulty: Literal["low", "medium", "high"] | None = None
    sources: list[str] = Field(default_factory=list)
    # where a listing-level notice of this reason is answered, when it is not the account
    # appeal (an IP complaint, a listing violation, a compliance request)
    warning_appeal_steps: list[str] = Field(default_factory=list)

    @field_validator("questions")
    @classmethod
    def _every_part_asked(
        cls, value: dict[PoaPart, list[Question]]
    ) -> dict[PoaPart, list[Question]]:
        missing = [part for part in POA_PARTS if not value.get(part)]
        if missing:
            raise ValueError(f"needs at least one question for: {', '.join(missing)}")
        return value


class Marketplace(_Entry):
    """One Amazon marketplace."""

    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code")
    region: Region
    languages: list[str]
    seller_central_host: str
    escalation_address: str | None = None
    escalation_status: Literal["unknown", "works", "deprecated"] = "unknown"
    escalation_source: str = ""
    eu_uk_mediation: bool = False

    @model_validator(mode="after")
    def _works_needs_address(self) -> Marketplace:
        if self.escalation_status == "works" and not self.escalation_address:
            raise ValueError("escalation_status 'works' needs an escalation_address")
        if self.escalation_status == "works" and not self.escalation_source:
            raise ValueError("escalation_status 'works' needs an escalation_source (an address)")
        return self


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

    @field_validator("check")
    @classmethod
    def _known_check(cls, value: str | None) -> str | None:
        if value is not None and value not in CHECKS:
            raise ValueError(f"unknown check '{value}' (known: {', '.join(CHECKS)})")
        return value


class DocumentKind(_Entry):
    """A kind of document (a DOC code)."""

    label: str
    accepted_types: list[str]
    max_age_days: int | None = None
    max_size_mb: int | None = None
    screenshot_allowed: bool = True
    requirements: list[Requirement] = Field(default_factory=list)


REASON_CODES_MODEL = Reason  # re-exported for validation of reason names
