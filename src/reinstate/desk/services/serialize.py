"""Rows as plain JSON-ready dicts: what the services return and the faces render."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reinstate.desk.models import Case, Contact, Document, Event, Notice, PlanVersion


def iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def case_summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "status": case.status,
        "store_name": case.seller.store_name or None,
        "merchant_token": case.seller.merchant_token or None,
        "case_ids": [ref.value for ref in case.refs.all()],
        "reason": case.reason,
        "marketplace": case.marketplace or None,
        "suspension_date": iso(case.suspension_date),
        "mentions_section_3": case.mentions_section_3,
        "opened_at": iso(case.opened_at),
        "updated_at": iso(case.updated_at),
    }


def notice_dict(notice: Notice) -> dict[str, Any]:
    return {
        "sha256": notice.sha256,
        "role": notice.role,
        "kind": notice.kind,
        "original_name": notice.original_name,
        "received_at": iso(notice.received_at),
        "subject": notice.parsed.get("subject"),
    }


def plan_dict(version: PlanVersion, with_text: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": version.number,
        "sha256": version.sha256,
        "ready": version.ready,
        "created_at": iso(version.created_at),
        "findings": len(version.report.get("findings", [])),
    }
    if with_text:
        data["text"] = version.text
        data["parts"] = {
            "root_cause": version.root_cause,
            "corrective_actions": version.corrective_actions,
            "preventive_measures": version.preventive_measures,
        }
        data["report"] = version.report
        data["diff"] = version.diff
    return data


def document_dict(document: Document) -> dict[str, Any]:
    return {
        "sha256": document.sha256,
        "kind": document.kind,
        "original_name": document.original_name,
        "size": document.size,
        "detected_type": document.detected_type or None,
        "pages": document.pages,
        "checks": document.checks,
        "parse_error": document.parse_error or None,
        "created_at": iso(document.created_at),
    }


def contact_dict(contact: Contact) -> dict[str, Any]:
    version = contact.plan_version
    return {
        "channel": contact.channel,
        "direction": contact.direction,
        "at": iso(contact.at),
        "subject": contact.subject or None,
        "poa_version": version.number if version is not None else None,
        "documents": [d.sha256 for d in contact.documents.all()],
        "reply_kind": contact.notice.kind if contact.notice is not None else None,
        "outcome": contact.outcome or None,
        "requests": contact.requests or None,
        "forced": contact.forced,
        "warnings": contact.warnings,
    }


def event_dict(event: Event) -> dict[str, Any]:
    return {
        "action": event.action,
        "at": iso(event.at),
        "actor": event.actor,
        "detail": event.detail,
    }


def case_detail(case: Case) -> dict[str, Any]:
    data = case_summary(case)
    data.update(
        {
            "asins": case.asins,
            "requested_documents": case.requested_documents,
            "notice": {
                "kind": case.notice_kind or None,
                "subject": case.notice_subject or None,
                "message_id": case.notice_message_id or None,
                "from": case.notice_from or None,
                "date": iso(case.notice_date),
            },
            "notices": [notice_dict(n) for n in case.notices.all()],
            "contacts": [
                contact_dict(c)
                for c in case.contacts.select_related("plan_version", "notice").prefetch_related(
                    "documents"
                )
            ],
            "poa_versions": [plan_dict(v) for v in case.plan_versions.all()],
            "documents": [document_dict(d) for d in case.documents.all()],
            "events": [event_dict(e) for e in case.events.all()],
        }
    )
    return data
