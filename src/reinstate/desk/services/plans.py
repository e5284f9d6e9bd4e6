"""Plan of Action versions: each text once per case, reviewed, with a diff to the previous one."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from reinstate.core.errors import InputError
from reinstate.core.textfile import letter_text
from reinstate.desk.models import Case, PlanVersion, Workspace
from reinstate.desk.services._common import (
    load_case,
    record_event,
    recorded_at,
    utcnow,
    workspace,
)
from reinstate.desk.services.history import case_facts
from reinstate.desk.services.serialize import plan_dict

PARTS = ("root_cause", "corrective_actions", "preventive_measures")


def normalise(text: str) -> str:
    """Line endings and trailing spaces do not make a new version."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip() + "\n"


def text_sha(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def _parts(text: str, report: dict[str, Any]) -> dict[str, str]:
    """The three parts as the review found them (by span or by text), else empty."""
    found: dict[str, str] = {}
    sections = report.get("sections") or {}
    for part in PARTS:
        info = sections.get(part) or {}
        value = ""
        if isinstance(info, dict):
            start, end = info.get("start"), info.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
                value = text[start:end]
            elif isinstance(info.get("text"), str):
                value = info["text"]
        found[part] = value.strip()
    return found


@dataclass
class PreparedVersion:
    """A reviewed text not yet stored (or the version that already holds it)."""

    text: str
    sha256: str
    existing: PlanVersion | None
    report: dict[str, Any]
    ready: bool


def prepare(case: Case, content: bytes, name: str) -> PreparedVersion:
    text = normalise(letter_text(content, name))
    if not text.strip():
        raise InputError(f"{name}: the Plan of Action is empty")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    existing = PlanVersion.objects.filter(case=case, sha256=sha).first()
    if existing is not None:
        return PreparedVersion(text, sha, existing, existing.report, existing.ready)
    from reinstate.core.review import review

    report = review(text, kind="poa", case=case_facts(case))
    return PreparedVersion(text, sha, None, report.contract(), bool(report.ready))


def latest_text(case_id: int | str) -> tuple[bytes, str] | None:
    """The newest Plan of Action version of a case as (text, name), or None when there is none."""
    case = load_case(case_id, workspace())
    latest = PlanVersion.objects.filter(case=case).order_by("-number").first()
    if latest is None:
        return None
    return latest.text.encode("utf-8"), f"Plan of Action version {latest.number}"


def store(
    ws: Workspace, case: Case, prepared: PreparedVersion, at: datetime | None = None
) -> PlanVersion:
    """Write the version row (inside the caller's transaction)."""
    if prepared.existing is not None:
        return prepared.existing
    previous = PlanVersion.objects.filter(case=case).order_by("-number").first()
    number = previous.number + 1 if previous is not None else 1
    diff = ""
    if previous is not None:
        diff = "".join(
            difflib.unified_diff(
                previous.text.splitlines(keepends=True),
                prepared.text.splitlines(keepends=True),
                fromfile=f"version {previous.number}",
                tofile=f"version {number}",
            )
        )
    version = PlanVersion.objects.create(
        workspace=ws,
        case=case,
        number=number,
        text=prepared.text,
        sha256=prepared.sha256,
        report=prepared.report,
        ready=prepared.ready,
        diff=diff,
        created_at=at or utcnow(),
        **_parts(prepared.text, prepared.report),
    )
    record_event(
        ws,
        case,
        "poa.version_added",
        {"number": number, "sha256": prepared.sha256, "ready": prepared.ready},
    )
    return version


def add_version(
    case_id: int | str, content: bytes, name: str, at: str | datetime | None = None
) -> dict[str, Any]:
    """Add the text as the case's next Plan of Action version; identical text adds nothing.

    ``at`` dates the version (default now), for a history entered after the fact.
    """
    ws = workspace()
    when = recorded_at(at) or utcnow()
    case = load_case(case_id, ws)
    prepared = prepare(case, content, name)
    with transaction.atomic():
        case = load_case(case_id, ws, for_update=True)
        again = PlanVersion.objects.filter(case=case, sha256=prepared.sha256).first()
        if again is not None:
            prepared.existing = again
        created = prepared.existing is None
        previous = PlanVersion.objects.filter(case=case).order_by("-number").first()
        if created and previous is not None and when < previous.created_at:
            raise InputError(
                f"--at: version {previous.number} is dated {previous.created_at.isoformat()}; "
                "a new version cannot be dated before it"
            )
        version = store(ws, case, prepared, at=when)
    result = plan_dict(version, with_text=True)
    result["created"] = created
    result["case"] = case.pk
    result["message"] = (
        f"version {version.number} added"
        if created
        else f"identical to version {version.number}; no new version was added"
    )
    return result
