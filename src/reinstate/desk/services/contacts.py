"""Recording an outgoing contact: the cadence guard decides first, then one transaction writes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django.db import transaction

from reinstate.core.case import ContactRecord
from reinstate.core.errors import InputError, RefusedError
from reinstate.core.planner import History
from reinstate.desk.models import Contact, Document, PlanVersion
from reinstate.desk.services import documents as documents_service
from reinstate.desk.services import plans as plans_service
from reinstate.desk.services._common import (
    load_case,
    record_event,
    recorded_at,
    utcnow,
    workspace,
)
from reinstate.desk.services.history import build_history, planner_settings
from reinstate.desk.services.serialize import contact_dict
from reinstate.desk.storage import sha256_of

OUTGOING = ("appeal", "email_reply", "ahs_callback", "escalation_email", "note")
CLOSED_STATUSES = ("reinstated", "closed")
# an appeal or a reply to the notice e-mail puts the case in Seller Performance's queue; a
# call-back or an escalation does not answer Amazon's last message (as the planner reads it)
MAIN_CHANNELS = ("appeal", "email_reply")


def _backdate(row: PlanVersion | Document | None, when: datetime) -> None:
    """A version or document sent at ``when`` existed by then: entered after the fact, its
    date moves back to the contact's, so the planner sees it sent, not sent before it existed.
    """
    if row is not None and row.created_at > when:
        row.created_at = when
        row.save(update_fields=["created_at"])


def _as_sent(history: History, proposed: ContactRecord) -> History:
    """The history as it will be once the contact is recorded: what it carries is dated no
    later than the contact (see ``_backdate``)."""
    versions = [
        v.model_copy(update={"created_at": proposed.at})
        if v.sha256 == proposed.poa_sha256 and v.created_at > proposed.at
        else v
        for v in history.poa_versions
    ]
    return history.model_copy(update={"poa_versions": versions})


def record_contact(
    case_id: int | str,
    channel: str,
    poa: tuple[bytes, str] | None = None,
    docs: list[tuple[bytes, str]] | None = None,
    at: str | datetime | None = None,
    force: bool = False,
    subject: str | None = None,
    body: str | None = None,
    outcome: str | None = None,
    doc_kind: str = "other",
) -> dict[str, Any]:
    """Record a contact the seller made; refused by the planner → RefusedError, nothing stored.

    ``poa`` is the Plan of Action text that went with it (a new text becomes a new version);
    ``docs`` are files that went with it (files not attached yet are attached as ``doc_kind``).
    """
    from reinstate.core.planner import check_contact

    if channel == "amazon_reply":
        raise InputError("Amazon's answers are recorded with `reinstate case reply ID FILE`")
    if channel not in OUTGOING:
        raise InputError(f"--channel: '{channel}' is not a channel (one of: {', '.join(OUTGOING)})")
    ws = workspace()
    when = recorded_at(at) or utcnow()
    case = load_case(case_id, ws)

    doc_files = list(docs or [])
    shas = [sha256_of(content) for content, _ in doc_files]
    if len(set(shas)) != len(shas):
        raise InputError("--doc: the same file is given twice")
    known: dict[str, Document] = {}
    for sha, (_, name) in zip(shas, doc_files, strict=True):
        row = Document.objects.filter(workspace=ws, sha256=sha).first()
        if row is not None and row.case_id != case.pk:
            raise InputError(f"--doc {name}: this file belongs to case {row.case_id}")
        if row is not None:
            known[sha] = row
    prepared_poa = plans_service.prepare(case, poa[0], poa[1]) if poa else None

    history = build_history(case)
    next_number = (max((v.number for v in history.poa_versions), default=0)) + 1
    poa_number: int | None = None
    if prepared_poa is not None:
        poa_number = (
            prepared_poa.existing.number if prepared_poa.existing is not None else next_number
        )
    proposed = ContactRecord(
        channel=cast(Any, channel),
        direction="out",
        at=when,
        subject=subject or (case.notice_subject if channel == "email_reply" else None) or None,
        poa_version=poa_number,
        poa_sha256=prepared_poa.sha256 if prepared_poa is not None else None,
        documents=shas,
        outcome=outcome,
    )
    settings = planner_settings()
    judged = _as_sent(history, proposed)
    verdict = check_contact(judged, proposed, utcnow(), settings, False)
    forced = verdict.refused is not None
    if forced:
        if not force:
            raise RefusedError(verdict.refused or "refused")
        # forced: the planner turns the broken rules into warnings
        verdict = check_contact(judged, proposed, utcnow(), settings, True)
    warnings = list(verdict.warnings)
    if prepared_poa is None and channel in ("appeal", "email_reply", "escalation_email"):
        warnings.append(
            "This contact carried no Plan of Action. Seller Performance decides on the plan: "
            "add one with `reinstate case poa` and send it with the next contact."
        )
    if prepared_poa is not None and not prepared_poa.ready:
        errors = sum(
            1 for f in prepared_poa.report.get("findings", []) if f.get("severity") == "error"
        )
        warnings.append(
            f"The review of Plan of Action version {poa_number} found "
            f"{errors or 'some'} error(s); see them with `reinstate case poa {case.pk} FILE`."
        )

    new_docs: list[documents_service.PreparedDocument] = []
    try:
        for sha, (content, name) in zip(shas, doc_files, strict=True):
            if sha not in known:
                new_docs.append(documents_service.prepare(ws, case, content, name, doc_kind))
        with transaction.atomic():
            case = load_case(case_id, ws, for_update=True)
            if build_history(case) != history:
                raise RefusedError(
                    f"case {case.pk} changed while this contact was being recorded; try again"
                )
            version: PlanVersion | None = None
            _backdate(prepared_poa.existing if prepared_poa else None, when)
            for sha in shas:
                _backdate(known.get(sha), when)
            if prepared_poa is not None:
                version = plans_service.store(ws, case, prepared_poa, at=min(when, utcnow()))
            carried = [known[s] for s in shas if s in known]
            carried += [
                documents_service.store(ws, case, p, at=min(when, utcnow())) for p in new_docs
            ]
            contact = Contact.objects.create(
                workspace=ws,
                case=case,
                channel=channel,
                direction="out",
                at=when,
                subject=(proposed.subject or "")[:1000],
                body=body or "",
                plan_version=version,
                outcome=outcome or "",
                forced=forced,
                warnings=warnings,
                created_at=utcnow(),
            )
            contact.documents.set(carried)
            before = case.status
            if channel in MAIN_CHANNELS and case.status not in CLOSED_STATUSES:
                case.status = "awaiting_reply"
                case.save(update_fields=["status", "updated_at"])
            record_event(
                ws,
                case,
                "contact.recorded",
                {
                    "channel": channel,
                    "at": when.isoformat(),
                    "poa_version": version.number if version is not None else None,
                    "documents": shas,
                    "forced": contact.forced,
                    "status": [before, case.status],
                },
            )
    except BaseException:
        documents_service.discard(new_docs)
        raise
    result = contact_dict(contact)
    result["case"] = case.pk
    result["status"] = case.status
    result["warnings"] = warnings
    return result
