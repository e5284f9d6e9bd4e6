"""Opening a case from a notice (one thread per matter), listing, showing, next actions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction

from reinstate.core.errors import InputError, RefusedError
from reinstate.desk.models import CASE_STATUSES, Case, CaseRef, Notice, Seller
from reinstate.desk.services._common import (
    load_case,
    parse_at,
    record_event,
    recorded_at,
    utcnow,
    workspace,
)
from reinstate.desk.services._intake import read_message
from reinstate.desk.services.history import aware, build_history, planner_settings
from reinstate.desk.services.serialize import case_detail, case_summary
from reinstate.desk.storage import sha256_of

REPLY_KINDS = ("more_information_needed", "appeal_denied", "reinstated")
STATUS_FOR_KIND = {
    "more_information_needed": "more_info_requested",
    "appeal_denied": "denied",
    "reinstated": "reinstated",
}


def _clean_ids(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        v = value.strip()
        if not v:
            raise InputError("--case-id: a case ID cannot be empty")
        if len(v) > 100:
            raise InputError(f"--case-id: '{v[:20]}…' is too long to be a case ID")
        if v not in seen:
            seen.append(v)
    return seen


def _date_of(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def _refuse_second_thread(ws: Any, sha: str, message_id: str | None, ids: list[str]) -> None:
    existing = Notice.objects.filter(workspace=ws, sha256=sha).first()
    if existing is not None:
        raise RefusedError(
            f"this notice is already recorded in case {existing.case_id}; "
            f"see `reinstate case show {existing.case_id}`"
        )
    if message_id:
        twin = Case.objects.filter(workspace=ws, notice_message_id=message_id).first()
        if twin is not None:
            raise RefusedError(
                f"this notice (same Message-ID) already opened case {twin.pk}; one matter, "
                "one thread"
            )
    ref = CaseRef.objects.filter(workspace=ws, value__in=ids).select_related("case").first()
    if ref is not None:
        raise RefusedError(
            f"case ID {ref.value} already belongs to case {ref.case_id}; keep one thread per "
            f"matter: record Amazon's messages with `reinstate case reply {ref.case_id} FILE`"
        )


def open_case(
    content: bytes,
    name: str,
    store_name: str | None = None,
    merchant_token: str | None = None,
    case_ids: list[str] | None = None,
    at: str | datetime | None = None,
) -> dict[str, Any]:
    """Open a case from a deactivation notice; refuses a second case for the same matter."""
    ws = workspace()
    notice = read_message(content, name)
    facts = notice.case_facts()
    contract: dict[str, Any] = notice.contract()
    warnings: list[str] = []
    ids = _clean_ids(list(facts.case_ids) + list(case_ids or []))
    store = (store_name or "").strip() or facts.store_name or ""
    token = (merchant_token or "").strip().upper() or facts.merchant_token or ""
    if merchant_token and facts.merchant_token and token != facts.merchant_token:
        warnings.append(
            f"the notice names merchant token {facts.merchant_token}, not {token}; "
            "the one you gave is kept"
        )
    if notice.kind == "other" and not (ids or token or facts.marketplace):
        raise InputError(
            f"{name}: this does not read like a notice from Amazon (no case ID, merchant token "
            "or marketplace in it); give the notice e-mail, or add --case-id or --merchant-token"
        )
    if notice.kind == "other":
        warnings.append(
            "this does not read like a message from Amazon about the account; check the file"
        )
    elif notice.kind in REPLY_KINDS:
        warnings.append(
            f"this reads like a reply from Amazon ({notice.kind}), not a first notice; if it "
            "belongs to a case you already have, use `reinstate case reply`"
        )
    opened = recorded_at(at) or aware(notice.received_at) or utcnow()
    sha = sha256_of(content)
    with transaction.atomic():
        _refuse_second_thread(ws, sha, notice.message_id, ids)
        seller = None
        if token:
            seller = Seller.objects.filter(workspace=ws, merchant_token=token).first()
        if seller is None:
            seller = Seller.objects.create(workspace=ws, store_name=store, merchant_token=token)
        elif store and not seller.store_name:
            seller.store_name = store
            seller.save(update_fields=["store_name"])
        if facts.marketplace and facts.marketplace not in seller.marketplaces:
            seller.marketplaces = [*seller.marketplaces, facts.marketplace]
            seller.save(update_fields=["marketplaces"])
        case = Case.objects.create(
            workspace=ws,
            seller=seller,
            status=STATUS_FOR_KIND.get(notice.kind or "", "open"),
            reason=facts.reason,
            marketplace=facts.marketplace or "",
            suspension_date=facts.suspension_date or _date_of(notice.notice_date),
            mentions_section_3=facts.mentions_section_3,
            asins=list(facts.asins),
            requested_documents=list(facts.requested_documents),
            notice_kind=notice.kind or "",
            notice_subject=(notice.subject or "")[:1000],
            notice_message_id=(notice.message_id or "")[:1000],
            notice_from=(notice.from_address or "")[:500],
            notice_date=_date_of(notice.notice_date),
            opened_at=opened,
        )
        try:
            with transaction.atomic():
                for i, value in enumerate(ids):
                    CaseRef.objects.create(workspace=ws, case=case, value=value, position=i)
        except IntegrityError:
            raise RefusedError("one of these case IDs already belongs to another case") from None
        Notice.objects.create(
            workspace=ws,
            case=case,
            role="opening",
            raw=content,
            sha256=sha,
            original_name=name[:500],
            parsed=contract,
            kind=notice.kind or "other",
            received_at=aware(notice.received_at),
            created_at=utcnow(),
        )
        record_event(
            ws,
            case,
            "case.opened",
            {"notice": sha, "case_ids": ids, "reason": facts.reason, "warnings": warnings},
        )
    result = case_summary(case)
    result["warnings"] = warnings
    return result


def list_cases(status: str | None = None) -> list[dict[str, Any]]:
    ws = workspace()
    qs = Case.objects.filter(workspace=ws).select_related("seller").prefetch_related("refs")
    if status is not None:
        if status not in CASE_STATUSES:
            raise InputError(
                f"--status {status!r}: not a case status (one of {', '.join(CASE_STATUSES)})"
            )
        qs = qs.filter(status=status)
    return [case_summary(c) for c in qs.order_by("pk")]


def show_case(case_id: int | str) -> dict[str, Any]:
    return case_detail(load_case(case_id))


def next_actions(case_id: int | str, at: str | datetime | None = None) -> dict[str, Any]:
    """The planner's answer for the case now (or at ``at``): the `case next` JSON."""
    from reinstate.core.planner import plan

    now = (parse_at(at, "--at") if isinstance(at, str) else aware(at)) or utcnow()
    case = load_case(case_id)
    result: dict[str, Any] = plan(build_history(case), now, planner_settings()).contract()
    return result


def close_case(case_id: int | str, note: str | None = None) -> dict[str, Any]:
    """Mark a case closed (kept, with its whole history)."""
    ws = workspace()
    with transaction.atomic():
        case = load_case(case_id, ws, for_update=True)
        if case.status == "closed":
            raise RefusedError(f"case {case.pk} is already closed")
        before = case.status
        case.status = "closed"
        case.save(update_fields=["status", "updated_at"])
        record_event(ws, case, "case.closed", {"from": before, "note": note or ""})
    return case_summary(case)
