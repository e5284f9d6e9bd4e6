"""The format of a case archive's ``case.json``: validated on import before anything is written.

Format ``reinstate-case``, schema 1. Times are ISO 8601 with a zone; files are referred to by
their SHA-256 (``notices/<sha>`` and ``documents/<sha>`` in the zip).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict

FORMAT = "reinstate-case"
SCHEMA = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SellerData(_Model):
    store_name: str
    merchant_token: str
    marketplaces: list[str]


class CaseData(_Model):
    status: str
    reason: str
    marketplace: str
    suspension_date: date | None
    mentions_section_3: bool | None
    asins: list[str]
    requested_documents: list[str]
    notice_kind: str
    notice_subject: str
    notice_message_id: str
    notice_from: str
    notice_date: date | None
    opened_at: AwareDatetime
    case_ids: list[str]


class NoticeData(_Model):
    sha256: str
    role: str
    original_name: str
    parsed: dict[str, Any]
    kind: str
    received_at: AwareDatetime | None
    created_at: AwareDatetime


class VersionData(_Model):
    number: int
    root_cause: str
    corrective_actions: str
    preventive_measures: str
    text: str
    sha256: str
    report: dict[str, Any]
    ready: bool
    diff: str
    created_at: AwareDatetime


class DocumentData(_Model):
    sha256: str
    kind: str
    original_name: str
    size: int
    detected_type: str
    pages: int | None
    checks: list[Any]
    report: dict[str, Any]
    parse_error: str
    created_at: AwareDatetime


class ContactData(_Model):
    channel: str
    direction: str
    at: AwareDatetime
    subject: str
    body: str
    poa_version: int | None
    documents: list[str]
    notice: str | None
    outcome: str
    requests: dict[str, Any]
    forced: bool
    warnings: list[Any]
    created_at: AwareDatetime


class EventData(_Model):
    action: str
    detail: dict[str, Any]
    actor: str
    at: AwareDatetime


class Archive(_Model):
    format: str
    schema_version: int
    exported_at: AwareDatetime
    seller: SellerData
    case: CaseData
    notices: list[NoticeData]
    plan_versions: list[VersionData]
    documents: list[DocumentData]
    contacts: list[ContactData]
    events: list[EventData]
