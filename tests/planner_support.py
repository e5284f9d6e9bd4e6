"""Builders for the planner tests: a case history grown one event at a time."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from reinstate.core.case import CaseFacts, ContactRecord
from reinstate.core.knowledge.loader import Knowledge, load_knowledge
from reinstate.core.planner import History, PoaVersionInfo

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def builtin() -> Knowledge:
    return load_knowledge(builtin_only=True)


def knowledge_with_working_escalation(home: Path, market: str = "amazon.de") -> Knowledge:
    """The built-in knowledge plus a user file saying ``market``'s escalation address works."""
    folder = home / "knowledge"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "marketplaces.toml").write_text(
        f'["{market}"]\n'
        'escalation_address = "escalations@example.org"\n'
        'escalation_status = "works"\n'
        'escalation_source = "https://example.org/confirmed"\n',
        encoding="utf-8",
    )
    return load_knowledge(home)


def facts(**values: Any) -> CaseFacts:
    base: dict[str, Any] = {
        "store_name": "Blue Fern Goods",
        "merchant_token": "A1B2C3D4E5F6G7",
        "case_ids": ["18234567891"],
        "marketplace": "amazon.com",
        "reason": "inauthentic",
        "notice_kind": "deactivation",
        "notice_subject": "Your Amazon.com selling account has been deactivated",
        "requested_documents": ["invoices", "supplier_contact"],
    }
    base.update(values)
    return CaseFacts(**base)


def history(
    case_facts: CaseFacts | None = None,
    *,
    opened_at: datetime = T0,
    notice_date: date | None = None,
    **values: Any,
) -> History:
    return History(
        facts=case_facts or facts(),
        opened_at=opened_at,
        notice_date=notice_date if notice_date is not None else opened_at.date(),
        **values,
    )


def add_version(h: History, number: int, at: datetime) -> PoaVersionInfo:
    version = PoaVersionInfo(number=number, sha256=sha(f"plan {number}"), created_at=at)
    h.poa_versions.append(version)
    return version


def out(
    channel: str, at: datetime, poa: int | None = None, docs: tuple[str, ...] = ()
) -> ContactRecord:
    return ContactRecord(
        channel=channel,
        direction="out",
        at=at,
        poa_version=poa,
        documents=list(docs),
    )


def reply(kind: str | None, at: datetime, subject: str | None = None) -> ContactRecord:
    return ContactRecord(
        channel="amazon_reply",
        direction="in",
        at=at,
        reply_kind=kind,
        subject=subject,
    )


def days(n: float) -> timedelta:
    return timedelta(days=n)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)
