"""Plain-data views of a case shared by review, planner and compose.

The desk stores cases in a database; the core only ever sees these models.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from reinstate.core.codes import Channel, Doc, NoticeKind, Reason

CaseStatus = Literal[
    "open", "awaiting_reply", "more_info_requested", "denied", "reinstated", "closed"
]
CASE_STATUSES: tuple[str, ...] = get_args(CaseStatus)

Direction = Literal["out", "in"]


class CaseFacts(BaseModel):
    """The identifiers and facts of one case, as read from the notice or given by the user."""

    model_config = ConfigDict(extra="forbid")

    store_name: str | None = None
    merchant_token: str | None = None
    case_ids: list[str] = Field(default_factory=list)
    marketplace: str | None = None
    reason: Reason = "other"
    suspension_date: date | None = None
    mentions_section_3: bool | None = None
    asins: list[str] = Field(default_factory=list)
    requested_documents: list[Doc] = Field(default_factory=list)
    notice_kind: NoticeKind | None = None
    notice_subject: str | None = None
    notice_message_id: str | None = None
    notice_from: str | None = None
    clocks: list[str] = Field(
        default_factory=list,
        description="Names of knowledge clocks the notice itself states (e.g. notice_17_days), "
        "on top of the ones its reason brings",
    )


class ContactRecord(BaseModel):
    """One contact in a case's timeline: a message out, a reply in, a call, a note."""

    model_config = ConfigDict(extra="forbid")

    channel: Channel
    direction: Direction = "out"  # "out": seller to Amazon, "in": Amazon to seller
    at: datetime
    subject: str | None = None
    poa_version: int | None = None
    poa_sha256: str | None = None
    documents: list[str] = Field(default_factory=list)  # SHA-256 of each document carried
    reply_kind: NoticeKind | None = None  # for amazon_reply: what Amazon's answer was
    outcome: str | None = None
