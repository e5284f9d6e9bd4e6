"""Attaching evidence: checked from its content, stored once by hash, a row only after the file."""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.db import transaction

from reinstate.core.codes import DOCS, Doc
from reinstate.core.errors import InputError, RefusedError
from reinstate.desk.bootstrap import file_store
from reinstate.desk.models import Case, Document, Workspace
from reinstate.desk.services._common import (
    load_case,
    record_event,
    recorded_at,
    utcnow,
    workspace,
)
from reinstate.desk.services.history import case_facts
from reinstate.desk.services.serialize import document_dict
from reinstate.desk.storage import sha256_of

# Test seam: a process told to crash after the file is written and before its row is committed.
CRASH_ENV = "REINSTATE_DESK_CRASH_AT"


def _crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def check_kind(kind: str) -> str:
    if kind not in DOCS:
        raise InputError(f"--kind: '{kind}' is not a document kind (one of: {', '.join(DOCS)})")
    return kind


def refuse_duplicate(ws: Workspace, sha: str, name: str) -> None:
    twin = Document.objects.filter(workspace=ws, sha256=sha).first()
    if twin is not None:
        raise RefusedError(
            f"{name}: this file is already attached to case {twin.case_id} "
            f"(as {twin.kind}, '{twin.original_name}'); the same file is stored once"
        )


@dataclass
class PreparedDocument:
    """A checked document whose file is in the store and whose row is not written yet."""

    sha256: str
    name: str
    kind: str
    size: int
    report: dict[str, Any]
    detected_type: str
    pages: int | None
    checks: list[Any]
    parse_error: str
    new_file: bool
    warnings: list[str] = field(default_factory=list)


def prepare(ws: Workspace, case: Case, content: bytes, name: str, kind: str) -> PreparedDocument:
    """Check the content and put the file in the store; refused documents store nothing."""
    from reinstate.evidence import inspect_document

    check_kind(kind)
    if not content:
        raise InputError(f"{name}: the file is empty")
    sha = sha256_of(content)
    refuse_duplicate(ws, sha, name)
    report = inspect_document(
        content,
        kind=cast(Doc, kind),
        original_name=name,
        notice_date=case.notice_date or case.suspension_date,
        facts=case_facts(case),
    )
    if not report.accepted:
        raise InputError(f"{name}: {report.refused_reason or 'this file type is not accepted'}")
    contract: dict[str, Any] = report.contract()
    _, new_file = file_store().put(content)
    _crash_point("document-stored")
    return PreparedDocument(
        sha256=sha,
        name=name,
        kind=kind,
        size=len(content),
        report=contract,
        detected_type=str(report.detected_type or ""),
        pages=report.pages,
        checks=list(contract.get("checks", [])),
        parse_error=str(report.parse_error or ""),
        new_file=new_file,
    )


def store(
    ws: Workspace, case: Case, prepared: PreparedDocument, at: datetime | None = None
) -> Document:
    """Write the row for a prepared document (inside the caller's transaction)."""
    refuse_duplicate(ws, prepared.sha256, prepared.name)
    document = Document.objects.create(
        workspace=ws,
        case=case,
        kind=prepared.kind,
        sha256=prepared.sha256,
        original_name=prepared.name[:500],
        size=prepared.size,
        detected_type=prepared.detected_type[:100],
        pages=prepared.pages,
        checks=prepared.checks,
        report=prepared.report,
        parse_error=prepared.parse_error,
        created_at=at or utcnow(),
    )
    record_event(
        ws,
        case,
        "document.attached",
        {"sha256": prepared.sha256, "kind": prepared.kind, "name": prepared.name},
    )
    return document


def discard(prepared: list[PreparedDocument]) -> None:
    """After a failed transaction: remove the files this attempt added and no row refers to."""
    store_ = file_store()
    for p in prepared:
        if p.new_file and not Document.objects.filter(sha256=p.sha256).exists():
            store_.remove(p.sha256)


def attach(
    case_id: int | str, content: bytes, name: str, kind: str, at: str | datetime | None = None
) -> dict[str, Any]:
    """Attach a document to the case; returns the document and its checks.

    ``at`` dates the attachment (default now), for a history entered after the fact.
    """
    ws = workspace()
    check_kind(kind)
    when = recorded_at(at) or utcnow()
    case = load_case(case_id, ws)
    prepared = prepare(ws, case, content, name, kind)
    try:
        with transaction.atomic():
            case = load_case(case_id, ws, for_update=True)
            document = store(ws, case, prepared, at=when)
    except BaseException:
        discard([prepared])
        raise
    result = document_dict(document)
    result["case"] = case.pk
    result["failed_checks"] = [
        c for c in document.checks if isinstance(c, dict) and c.get("passed") is False
    ]
    return result
