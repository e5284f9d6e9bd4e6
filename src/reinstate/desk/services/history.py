"""A stored case as the pure core sees it: CaseFacts, ContactRecords and the planner's History."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from reinstate.core.case import CaseFacts, ContactRecord
from reinstate.desk.models import Case, Contact

if TYPE_CHECKING:
    from reinstate.core.planner import History


def aware(value: datetime | None) -> datetime | None:
    """A time from a reader or the user; a time without a zone is taken as UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def case_facts(case: Case) -> CaseFacts:
    seller = case.seller
    return CaseFacts(
        store_name=seller.store_name or None,
        merchant_token=seller.merchant_token or None,
        case_ids=[ref.value for ref in case.refs.all()],
        marketplace=case.marketplace or None,
        reason=cast(Any, case.reason),
        suspension_date=case.suspension_date,
        mentions_section_3=case.mentions_section_3,
        asins=list(case.asins),
        requested_documents=list(case.requested_documents),
        notice_kind=cast(Any, case.notice_kind or None),
        notice_subject=case.notice_subject or None,
        notice_message_id=case.notice_message_id or None,
        notice_from=case.notice_from or None,
        clocks=_stated_clocks(case),
    )


def _stated_clocks(case: Case) -> list[str]:
    """The knowledge clocks the case's opening notice states itself ("within 17 days" ...)."""
    from reinstate.core.notice.model import knowledge_clocks

    opening = case.notices.filter(role="opening").order_by("created_at", "pk").first()
    if opening is None or not isinstance(opening.parsed, dict):
        return []
    stated = opening.parsed.get("clocks") or []
    try:
        return knowledge_clocks(stated, case.reason)
    except ValueError:  # a notice stored by an older reader with another clock shape
        return []


def contact_record(contact: Contact) -> ContactRecord:
    version = contact.plan_version
    reply_kind = contact.notice.kind if contact.notice_id is not None else None
    return ContactRecord(
        channel=cast(Any, contact.channel),
        direction=contact.direction,
        at=contact.at,
        subject=contact.subject or None,
        poa_version=version.number if version is not None else None,
        poa_sha256=version.sha256 if version is not None else None,
        documents=[d.sha256 for d in contact.documents.all()],
        reply_kind=cast(Any, reply_kind),
        outcome=contact.outcome or None,
    )


def contact_records(case: Case) -> list[ContactRecord]:
    contacts = (
        case.contacts.select_related("plan_version", "notice")
        .prefetch_related("documents")
        .order_by("at", "pk")
    )
    return [contact_record(c) for c in contacts]


def build_history(case: Case) -> History:
    from reinstate.core.planner import History, PoaVersionInfo

    return History(
        facts=case_facts(case),
        opened_at=case.opened_at,
        notice_date=case.notice_date,
        contacts=contact_records(case),
        poa_versions=[
            PoaVersionInfo(number=v.number, sha256=v.sha256, created_at=v.created_at)
            for v in case.plan_versions.order_by("number")
        ],
        documents=[d.sha256 for d in case.documents.order_by("created_at", "pk")],
        status=case.status,
        notice_at=opening_notice_time(case),
    )


def opening_notice_time(case: Case) -> datetime | None:
    """When Amazon sent the notice that opened the case, if the message says."""
    notice = case.notices.filter(role="opening").first()
    return aware(notice.received_at) if notice is not None else None


def planner_settings() -> Any:
    from reinstate.core.planner import PlannerSettings

    return PlannerSettings()
