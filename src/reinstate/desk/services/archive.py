"""One case as one zip archive: ``case.json`` plus the notices and documents by hash.

Import restores the case exactly (statuses, times, versions, contacts, events) into the
current workspace, after checking every member's CRC and hash; it writes nothing unless
everything checks, and the rows are written in one transaction.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Any

from django.db import transaction
from pydantic import ValidationError

from reinstate.core.codes import CHANNELS, DOCS
from reinstate.core.errors import InputError, RefusedError
from reinstate.desk.bootstrap import file_store
from reinstate.desk.models import (
    CASE_STATUSES,
    Case,
    CaseRef,
    Contact,
    Document,
    Event,
    Notice,
    PlanVersion,
    Seller,
)
from reinstate.desk.services._common import load_case, record_event, utcnow, workspace
from reinstate.desk.services.archive_schema import FORMAT, SCHEMA, Archive
from reinstate.desk.services.serialize import iso
from reinstate.desk.storage import sha256_of

MAX_MEMBER = 512 * 1024 * 1024


def _first_problem(exc: ValidationError) -> str:
    """The first thing wrong in case.json, in one short phrase (not pydantic's dump)."""
    errors = exc.errors()
    if not errors:
        return "not a case archive of this program"
    err = errors[0]
    where = ".".join(str(p) for p in err["loc"]) or "the top level"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {err['msg'].lower()}{more}"


def _case_data(case: Case) -> dict[str, Any]:
    seller = case.seller
    return {
        "format": FORMAT,
        "schema_version": SCHEMA,
        "exported_at": iso(utcnow()),
        "seller": {
            "store_name": seller.store_name,
            "merchant_token": seller.merchant_token,
            "marketplaces": seller.marketplaces,
        },
        "case": {
            "status": case.status,
            "reason": case.reason,
            "marketplace": case.marketplace,
            "suspension_date": iso(case.suspension_date),
            "mentions_section_3": case.mentions_section_3,
            "asins": case.asins,
            "requested_documents": case.requested_documents,
            "notice_kind": case.notice_kind,
            "notice_subject": case.notice_subject,
            "notice_message_id": case.notice_message_id,
            "notice_from": case.notice_from,
            "notice_date": iso(case.notice_date),
            "opened_at": iso(case.opened_at),
            "case_ids": [r.value for r in case.refs.all()],
        },
        "notices": [
            {
                "sha256": n.sha256,
                "role": n.role,
                "original_name": n.original_name,
                "parsed": n.parsed,
                "kind": n.kind,
                "received_at": iso(n.received_at),
                "created_at": iso(n.created_at),
            }
            for n in case.notices.all()
        ],
        "plan_versions": [
            {
                "number": v.number,
                "root_cause": v.root_cause,
                "corrective_actions": v.corrective_actions,
                "preventive_measures": v.preventive_measures,
                "text": v.text,
                "sha256": v.sha256,
                "report": v.report,
                "ready": v.ready,
                "diff": v.diff,
                "created_at": iso(v.created_at),
            }
            for v in case.plan_versions.all()
        ],
        "documents": [
            {
                "sha256": d.sha256,
                "kind": d.kind,
                "original_name": d.original_name,
                "size": d.size,
                "detected_type": d.detected_type,
                "pages": d.pages,
                "checks": d.checks,
                "report": d.report,
                "parse_error": d.parse_error,
                "created_at": iso(d.created_at),
            }
            for d in case.documents.all()
        ],
        "contacts": [
            {
                "channel": c.channel,
                "direction": c.direction,
                "at": iso(c.at),
                "subject": c.subject,
                "body": c.body,
                "poa_version": c.plan_version.number if c.plan_version is not None else None,
                "documents": [d.sha256 for d in c.documents.all()],
                "notice": c.notice.sha256 if c.notice is not None else None,
                "outcome": c.outcome,
                "requests": c.requests,
                "forced": c.forced,
                "warnings": c.warnings,
                "created_at": iso(c.created_at),
            }
            for c in case.contacts.select_related("plan_version", "notice").prefetch_related(
                "documents"
            )
        ],
        "events": [
            {"action": e.action, "detail": e.detail, "actor": e.actor, "at": iso(e.at)}
            for e in case.events.all()
        ],
    }


def export_case(case_id: int | str, out: str | Path) -> dict[str, Any]:
    """Write the case to ``out`` (replaced atomically); returns what went in."""
    ws = workspace()
    case = load_case(case_id, ws)
    data = _case_data(case)
    store = file_store()
    target = Path(out)
    if target.is_dir():
        raise InputError(f"-o {out}: is a directory; name the archive file, e.g. case.zip")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"-o {out}: the folder {parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=".reinstate-export-", suffix=".zip")
    except OSError as exc:
        raise InputError(f"-o {out}: cannot write in {parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr("case.json", json.dumps(data, ensure_ascii=False, indent=2))
                for n in case.notices.all():
                    zf.writestr(f"notices/{n.sha256}", bytes(n.raw))
                for d in case.documents.all():
                    zf.writestr(f"documents/{d.sha256}", store.read(d.sha256))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    record_event(ws, case, "case.exported", {"file": str(target)})
    return {
        "case": case.pk,
        "file": str(target),
        "notices": len(data["notices"]),
        "documents": len(data["documents"]),
        "contacts": len(data["contacts"]),
        "poa_versions": len(data["plan_versions"]),
    }


def _read_archive(path: Path) -> tuple[Archive, dict[str, bytes], dict[str, bytes]]:
    """Every check before anything is written: zip, CRCs, schema, hashes, references."""
    try:
        zf = zipfile.ZipFile(path)
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; name the archive file") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError):
        raise InputError(
            f"{path}: not a reinstate case archive (not a readable zip file)"
        ) from None
    with zf:
        names = set(zf.namelist())
        if "case.json" not in names:
            raise InputError(f"{path}: not a reinstate case archive (no case.json inside)")
        for info in zf.infolist():
            if info.file_size > MAX_MEMBER:
                raise InputError(f"{path}: {info.filename} is too large for a case archive")
        try:
            bad = zf.testzip()
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise InputError(f"{path}: the archive is corrupt ({exc})") from None
        except (NotImplementedError, RuntimeError) as exc:
            # a damaged header can claim a compression method, an encryption or a zip version
            # this reader does not have ("That compression method is not supported")
            raise InputError(
                f"{path}: the archive is corrupt or not readable here ({exc})"
            ) from None
        if bad is not None:
            raise InputError(f"{path}: the archive is corrupt ({bad} fails its CRC check)")
        try:
            data = Archive.model_validate(json.loads(zf.read("case.json")))
        except ValidationError as exc:
            raise InputError(f"{path}: case.json is not valid: {_first_problem(exc)}") from None
        except ValueError:
            raise InputError(f"{path}: case.json is not valid: not readable JSON") from None
        if data.format != FORMAT or data.schema_version != SCHEMA:
            raise InputError(
                f"{path}: unknown archive format {data.format} {data.schema_version} "
                f"(this version reads {FORMAT} {SCHEMA})"
            )

        def blob(folder: str, sha: str) -> bytes:
            member = f"{folder}/{sha}"
            if member not in names:
                raise InputError(f"{path}: {member} is listed in case.json but missing")
            content = zf.read(member)
            if sha256_of(content) != sha:
                raise InputError(f"{path}: {member} does not match its SHA-256 hash")
            return content

        notices = {n.sha256: blob("notices", n.sha256) for n in data.notices}
        documents = {d.sha256: blob("documents", d.sha256) for d in data.documents}
    for d in data.documents:
        if len(documents[d.sha256]) != d.size:
            raise InputError(f"{path}: document {d.sha256[:12]}… has the wrong size")
    if data.case.status not in CASE_STATUSES:
        raise InputError(f"{path}: unknown case status '{data.case.status}'")
    for d in data.documents:
        if d.kind not in DOCS:
            raise InputError(f"{path}: unknown document kind '{d.kind}'")
    for c in data.contacts:
        if c.channel not in CHANNELS or c.direction not in ("in", "out"):
            raise InputError(f"{path}: a contact has an unknown channel '{c.channel}'")
    numbers = {v.number for v in data.plan_versions}
    for v in data.plan_versions:
        if sha256_of(v.text.encode("utf-8")) != v.sha256:
            raise InputError(f"{path}: Plan of Action version {v.number} does not match its hash")
    for c in data.contacts:
        if c.poa_version is not None and c.poa_version not in numbers:
            raise InputError(f"{path}: a contact refers to a missing POA version {c.poa_version}")
        if any(s not in documents for s in c.documents):
            raise InputError(f"{path}: a contact refers to a document that is not in the archive")
        if c.notice is not None and c.notice not in notices:
            raise InputError(f"{path}: a contact refers to a message that is not in the archive")
    return data, notices, documents


def import_archive(path: str | Path) -> dict[str, Any]:
    """Restore a case from an archive into the current workspace, all or nothing."""
    ws = workspace()
    source = Path(path)
    data, notices, documents = _read_archive(source)
    c = data.case
    clash = CaseRef.objects.filter(workspace=ws, value__in=c.case_ids).first()
    if clash is not None:
        raise RefusedError(
            f"case ID {clash.value} is already in case {clash.case_id}; the archive was not "
            "imported"
        )
    for sha in notices:
        twin = Notice.objects.filter(workspace=ws, sha256=sha).first()
        if twin is not None:
            raise RefusedError(
                f"a message in this archive is already in case {twin.case_id}; not imported"
            )
    for sha in documents:
        doc = Document.objects.filter(workspace=ws, sha256=sha).first()
        if doc is not None:
            raise RefusedError(
                f"a document in this archive is already in case {doc.case_id}; not imported"
            )
    store = file_store()
    written: list[str] = []
    try:
        for sha, content in documents.items():
            _, new = store.put(content)
            if new:
                written.append(sha)
        with transaction.atomic():
            case = _restore(ws, data, notices)
            record_event(ws, case, "case.imported", {"file": str(source)})
    except BaseException:
        for sha in written:
            if not Document.objects.filter(sha256=sha).exists():
                store.remove(sha)
        raise
    return {
        "id": case.pk,
        "case_ids": c.case_ids,
        "status": case.status,
        "notices": len(data.notices),
        "documents": len(data.documents),
        "contacts": len(data.contacts),
        "poa_versions": len(data.plan_versions),
    }


def _restore(ws: Any, data: Archive, notices: dict[str, bytes]) -> Case:
    s, c = data.seller, data.case
    seller = None
    if s.merchant_token:
        seller = Seller.objects.filter(workspace=ws, merchant_token=s.merchant_token).first()
    if seller is None:
        seller = Seller.objects.create(
            workspace=ws,
            store_name=s.store_name,
            merchant_token=s.merchant_token,
            marketplaces=s.marketplaces,
        )
    fields = c.model_dump(exclude={"case_ids"})
    case = Case.objects.create(workspace=ws, seller=seller, **fields)
    for i, value in enumerate(c.case_ids):
        CaseRef.objects.create(workspace=ws, case=case, value=value, position=i)
    notice_rows = {
        n.sha256: Notice.objects.create(
            workspace=ws, case=case, raw=notices[n.sha256], **n.model_dump()
        )
        for n in data.notices
    }
    versions = {
        v.number: PlanVersion.objects.create(workspace=ws, case=case, **v.model_dump())
        for v in data.plan_versions
    }
    docs = {
        d.sha256: Document.objects.create(workspace=ws, case=case, **d.model_dump())
        for d in data.documents
    }
    for item in data.contacts:
        fields = item.model_dump(exclude={"poa_version", "documents", "notice"})
        contact = Contact.objects.create(
            workspace=ws,
            case=case,
            plan_version=versions[item.poa_version] if item.poa_version is not None else None,
            notice=notice_rows[item.notice] if item.notice is not None else None,
            **fields,
        )
        contact.documents.set([docs[sha] for sha in item.documents])
    Event.objects.bulk_create(
        [Event(workspace=ws, case=case, **e.model_dump()) for e in data.events]
    )
    return case
