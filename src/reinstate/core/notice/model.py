"""The ``Notice`` model: one Amazon message read into plain data, and its JSON contract."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from reinstate.core.case import CaseFacts
from reinstate.core.codes import Doc, NoticeKind, Reason

ClockAbout = Literal["response", "appeals", "deactivation", "funds"]

# The fields of the ``reinstate parse --json`` contract, in contract order (after schema, source).
CONTRACT_FIELDS: tuple[str, ...] = (
    "kind",
    "subject",
    "received_at",
    "marketplace",
    "merchant_token",
    "store_name",
    "case_ids",
    "notice_date",
    "mentions_section_3",
    "reason",
    "requested_documents",
    "asins",
    "language",
)

# Extra keys that follow the contract fields in the JSON object.
EXTRA_FIELDS: tuple[str, ...] = (
    "message_id",
    "in_reply_to",
    "from_address",
    "clocks",
    "items",
    "addresses",
    "links",
    "forwarder_note",
)


class Clock(BaseModel):
    """A deadline or waiting period the notice states, e.g. "within 17 days"."""

    model_config = ConfigDict(extra="forbid")

    text: str
    about: ClockAbout
    days: int | None = None
    hours: int | None = None
    appeals: int | None = None
    date: dt.date | None = None


def knowledge_clocks(clocks: list[Clock] | list[dict[str, Any]], reason: str) -> list[str]:
    """The knowledge clocks (clocks.toml names) that the deadlines a notice states start.

    "Within 17 days" or "two unsuccessful appeals" start ``notice_17_days``; 72 hours the
    at-risk window; a 90-day funds period ``funds_90_days``; 7 days to respond on a
    product-safety notice ``product_safety_7_days``. Other periods stay on the notice only.
    """
    names: list[str] = []
    for clock in clocks:
        c = clock if isinstance(clock, Clock) else Clock.model_validate(clock)
        if c.about == "appeals" or c.days == 17:
            name = "notice_17_days"
        elif c.hours == 72:
            name = "at_risk_72_hours"
        elif c.about == "funds" and c.days == 90:
            name = "funds_90_days"
        elif c.days == 7 and c.about == "response" and reason == "product_safety":
            name = "product_safety_7_days"
        else:
            continue
        if name not in names:
            names.append(name)
    return names


class CitedItem(BaseModel):
    """One product or complaint the notice cites."""

    model_config = ConfigDict(extra="forbid")

    asin: str | None = None
    title: str | None = None
    brand: str | None = None
    complaint_id: str | None = None
    complaint_type: str | None = None


class Notice(BaseModel):
    """One message read: the contract fields, a confidence per field, and what to act on."""

    model_config = ConfigDict(extra="forbid")

    source: str = "-"
    kind: NoticeKind = "other"
    subject: str | None = None
    received_at: datetime | None = None
    marketplace: str | None = None
    merchant_token: str | None = None
    store_name: str | None = None
    case_ids: list[str] = Field(default_factory=list)
    notice_date: date | None = None
    mentions_section_3: bool = False
    reason: Reason = "other"
    requested_documents: list[Doc] = Field(default_factory=list)
    asins: list[str] = Field(default_factory=list)
    language: str = "en"
    confidence: dict[str, float] = Field(default_factory=dict)

    message_id: str | None = None
    in_reply_to: str | None = None
    from_address: str | None = None
    clocks: list[Clock] = Field(default_factory=list)
    items: list[CitedItem] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)
    forwarder_note: str | None = None
    body: str = Field(default="", description="The text of Amazon's message, as read")

    def contract(self) -> dict[str, Any]:
        """The ``reinstate parse --json`` object (schema 1), then the extra keys."""
        out: dict[str, Any] = {"schema": 1, "source": self.source}
        dumped = self.model_dump(mode="json")
        for name in CONTRACT_FIELDS:
            out[name] = dumped[name]
        if self.received_at is not None:
            out["received_at"] = self.received_at.isoformat()
        out["confidence"] = {
            name: round(self.confidence.get(name, 0.0), 2) for name in CONTRACT_FIELDS
        }
        for name in EXTRA_FIELDS:
            out[name] = dumped[name]
        return out

    def case_facts(self) -> CaseFacts:
        """The case identifiers this notice gives, for the desk, the planner and compose."""
        return CaseFacts(
            store_name=self.store_name,
            merchant_token=self.merchant_token,
            case_ids=list(self.case_ids),
            marketplace=self.marketplace,
            reason=self.reason,
            suspension_date=self.notice_date if self.kind == "deactivation" else None,
            mentions_section_3=self.mentions_section_3,
            asins=list(self.asins),
            requested_documents=list(self.requested_documents),
            notice_kind=self.kind,
            notice_subject=self.subject,
            notice_message_id=self.message_id,
            notice_from=self.from_address,
            clocks=knowledge_clocks(self.clocks, self.reason),
        )
