"""Recording Amazon's answer: read with the notice reader, status updated, its asks decoded."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import transaction

from reinstate.core.compose.decode import MissingItem
from reinstate.core.errors import RefusedError
from reinstate.core.knowledge import load_knowledge
from reinstate.core.paths import data_home
from reinstate.desk.models import CaseRef, Contact, Notice
from reinstate.desk.services._common import (
    load_case,
    record_event,
    recorded_at,
    utcnow,
    workspace,
)
from reinstate.desk.services._intake import read_message
from reinstate.desk.services.cases import STATUS_FOR_KIND
from reinstate.desk.services.history import aware
from reinstate.desk.services.serialize import contact_dict, iso
from reinstate.desk.storage import sha256_of

# what answers Amazon's questions: a call-back or a note carries no Plan of Action or document
SUBMISSION_CHANNELS = ("appeal", "email_reply", "escalation_email")
PART_NAMES = {
    "root_cause": "root cause",
    "corrective_actions": "corrective actions",
    "preventive_measures": "preventive measures",
}


def _last_submission(case: Any, before: datetime | None = None) -> Contact | None:
    """The last appeal or e-mail the seller sent before ``before`` (what a reply at that time
    answers); when none is recorded before it (a contact logged late, without --at), the
    last one sent at all."""
    sent = (
        case.contacts.filter(direction="out", channel__in=SUBMISSION_CHANNELS)
        .select_related("plan_version")
        .prefetch_related("documents")
        .order_by("-at", "-pk")
    )
    earlier = sent.filter(at__lte=before).first() if before is not None else None
    return earlier or sent.first()


def submission_facts(contact: Contact | None) -> dict[str, Any] | None:
    """What a submission carried, as ``decode_reply`` reads it: the POA parts its version
    had (non-empty), the kinds and names of its documents, and which contact it was."""
    if contact is None:
        return None
    version = contact.plan_version
    parts = [p for p in PART_NAMES if version is not None and (getattr(version, p) or "").strip()]
    documents = sorted(contact.documents.all(), key=lambda d: (d.created_at, d.pk))
    return {
        "channel": contact.channel,
        "at": iso(contact.at),
        "poa_version": version.number if version is not None else None,
        "parts": parts,
        "documents": sorted({d.kind for d in documents}),
        "document_names": {
            kind: [
                d.original_name or f"{d.kind}-{d.sha256[:8]}" for d in documents if d.kind == kind
            ]
            for kind in sorted({d.kind for d in documents})
        },
    }


def _earlier_documents(case: Any, last: Contact) -> dict[str, list[str]]:
    """Documents that went out with submissions before ``last`` but not with it, by kind."""
    carried = {d.pk for d in last.documents.all()}
    found: dict[str, list[str]] = {}
    earlier = (
        case.contacts.filter(direction="out", channel__in=SUBMISSION_CHANNELS, at__lte=last.at)
        .exclude(pk=last.pk)
        .prefetch_related("documents")
        .order_by("at", "pk")
    )
    for contact in earlier:
        for d in contact.documents.all():
            name = d.original_name or f"{d.kind}-{d.sha256[:8]}"
            if d.pk not in carried and name not in found.get(d.kind, []):
                found.setdefault(d.kind, []).append(name)
    return found


def _status(item: MissingItem, last: dict[str, Any] | None) -> str:
    """Whether the last submission carried the item, in words a seller reads."""
    if last is None:
        return "not known: no appeal or e-mail to Amazon is recorded on this case"
    if item.carried is None:
        return "not known whether your last submission carried it"
    kind, _, name = (item.check or "").partition(":")
    if not item.carried:
        earlier = last.get("earlier_document_names") or {}
        if kind != "part":
            kinds = [k for k in earlier if k != "plan_of_action"] if name == "any" else [name]
            before = [n for k in kinds for n in earlier.get(k, [])]
            if before:
                return (
                    f"not in your last submission, but sent before ({', '.join(before)}); "
                    "attach it again so the reviewer has it with this answer"
                )
        if kind == "part":
            what = "Plan of Action" if last["poa_version"] is None else PART_NAMES[name]
        elif name == "any":
            what = "document attached"
        else:
            info = load_knowledge().documents.get(name)
            what = f"{(info.label if info else name).lower()} attached"
        return f"not sent: your last submission had no {what}"
    if kind == "part":
        sent = f"{PART_NAMES[name]} of Plan of Action version {last['poa_version']}"
    else:
        names = last["document_names"]
        kinds = [k for k in names if k != "plan_of_action"] if name == "any" else [name]
        sent = ", ".join(n for k in kinds for n in names.get(k, []))
    return f"sent ({sent}), but Amazon says it is not enough"


def decode_missing(body: str, last: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The concrete items the reply asks for, each against the last submission."""
    from reinstate.core.compose import decode_reply

    items = decode_reply(body, last, home=data_home())
    return [{**item.model_dump(), "status": _status(item, last)} for item in items]


def _undated_time(case: Any, day: date | None) -> datetime:
    """A time for a reply that gives only its date (or nothing): noon UTC that day, never
    before the last contact on the case (an answer comes after what it answers), never later
    than now."""
    now = utcnow()
    if day is None:
        return now
    guess = datetime.combine(day, time(12, 0), tzinfo=UTC)
    last = case.contacts.order_by("-at").values_list("at", flat=True).first()
    if last is not None and guess <= last:
        guess = last + timedelta(minutes=1)
    return min(guess, now)


# a listed item in Amazon's message: "- ...", "-- ...", "• ...", "1. ...", "2) ..."
_LISTED = re.compile(r"^\s*(?:[-–—•*·]{1,2}|\d{1,2}[.)])\s+(\S.{6,})$", re.MULTILINE)


def listed_items(body: str) -> list[str]:
    """The items Amazon lists in its message (what it asks for, in its own words)."""
    return [m.group(1).strip() for m in _LISTED.finditer(body or "")][:20]


def decode_requests(
    case: Any, contract: dict[str, Any], body: str = "", at: datetime | None = None
) -> dict[str, Any]:
    """What the reply asks for, decoded into concrete items, against the last submission
    sent before ``at``; also the requested document kinds that submission did not carry."""
    asked = [d for d in contract.get("requested_documents") or [] if isinstance(d, str)]
    contact = _last_submission(case, at)
    last = submission_facts(contact)
    if last is not None and contact is not None:
        last["earlier_document_names"] = _earlier_documents(case, contact)
    carried = list(last["documents"]) if last is not None else []
    if last is not None and last["poa_version"] is not None:
        carried.append("plan_of_action")
    return {
        "documents": asked,
        "last_submission": last,
        "last_submission_carried": carried,
        "not_in_last_submission": [d for d in asked if d not in carried],
        "asins": list(contract.get("asins") or []),
        "items": listed_items(body),
        "missing": decode_missing(body, last),
    }


def record_reply(
    case_id: int | str, content: bytes, name: str, at: str | datetime | None = None
) -> dict[str, Any]:
    """Record a message from Amazon on the case and update the case's status from its kind."""
    ws = workspace()
    case = load_case(case_id, ws)
    notice = read_message(content, name)
    contract: dict[str, Any] = notice.contract()
    sha = sha256_of(content)
    warnings: list[str] = []
    when = recorded_at(at) or aware(notice.received_at)
    if when is None:
        when = _undated_time(case, notice.notice_date)
        warnings.append(
            f"the message gives no time; it is recorded at {when.isoformat()} "
            "(give --at to set the time it came)"
        )
    kind = notice.kind or "other"
    if kind == "other":
        warnings.append(
            "this does not read like a message from Amazon about the account; the case status "
            "is unchanged"
        )
    elif kind not in STATUS_FOR_KIND:
        warnings.append(f"this reads like a {kind} message; the case status is unchanged")
    with transaction.atomic():
        case = load_case(case_id, ws, for_update=True)
        twin = Notice.objects.filter(workspace=ws, sha256=sha).first()
        if twin is not None:
            raise RefusedError(f"{name}: this message is already recorded in case {twin.case_id}")
        ids = [str(i) for i in notice.case_ids or []]
        others = CaseRef.objects.filter(workspace=ws, value__in=ids).exclude(case=case)
        other = others.first()
        if other is not None:
            raise RefusedError(
                f"{name}: this message names case ID {other.value}, which belongs to case "
                f"{other.case_id}, not case {case.pk}; record it there"
            )
        mine = set(case.refs.values_list("value", flat=True))
        added = [i for i in ids if i not in mine]
        start = case.refs.count()
        for offset, value in enumerate(added):
            CaseRef.objects.create(workspace=ws, case=case, value=value, position=start + offset)
        stored = Notice.objects.create(
            workspace=ws,
            case=case,
            role="reply",
            raw=content,
            sha256=sha,
            original_name=name[:500],
            parsed=contract,
            kind=kind,
            received_at=aware(notice.received_at),
            created_at=utcnow(),
        )
        body = str(getattr(notice, "body", "") or "")
        requests = decode_requests(case, contract, body, when)
        contact = Contact.objects.create(
            workspace=ws,
            case=case,
            channel="amazon_reply",
            direction="in",
            at=when,
            subject=(notice.subject or "")[:1000],
            notice=stored,
            outcome=kind,
            requests=requests,
            warnings=warnings,
            created_at=utcnow(),
        )
        before = case.status
        new_status = STATUS_FOR_KIND.get(kind)
        if new_status:
            case.status = new_status
            case.save(update_fields=["status", "updated_at"])
        record_event(
            ws,
            case,
            "reply.recorded",
            {"kind": kind, "notice": sha, "case_ids_added": added, "status": [before, case.status]},
        )
    result = contact_dict(contact)
    result["case"] = case.pk
    result["status"] = case.status
    result["warnings"] = warnings
    return result
