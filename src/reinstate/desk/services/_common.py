"""Helpers shared by the services: the actor, the clock, events, loading a case."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime, timedelta
from typing import Any

from reinstate.core.errors import InputError, NotFoundError
from reinstate.desk.bootstrap import default_workspace, ensure_ready
from reinstate.desk.models import Case, Event, Workspace
from reinstate.desk.services.history import aware


def actor() -> str:
    """Who is acting: the local user name (the web layer passes its own)."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "unknown"


def utcnow() -> datetime:
    return datetime.now(UTC)


def parse_at(value: str | None, what: str = "--at") -> datetime | None:
    """An ISO 8601 time from the user; a time without a zone is taken as UTC."""
    if value is None:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{what}: '{value}' is not an ISO date or time (e.g. 2026-03-04T09:30+01:00)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


# a clock a little fast, or a time zone typed wrong, is not worth refusing
_FUTURE_SLACK = timedelta(hours=14)


def recorded_at(at: str | datetime | None, what: str = "--at") -> datetime | None:
    """When something that already happened happened: ``--at`` as typed or given, aware,
    never in the future (None when not given, for the caller's default)."""
    when = parse_at(at, what) if isinstance(at, str) else aware(at)
    if when is not None and when > utcnow() + _FUTURE_SLACK:
        raise InputError(
            f"{what}: {when.isoformat()} is in the future; record a contact, a version or a "
            "document once it has happened (`case next --at` shows the plan for a later time)"
        )
    return when


def workspace(name: str | None = None) -> Workspace:
    ensure_ready()
    if name is None:
        return default_workspace()
    try:
        return Workspace.objects.get(name=name)
    except Workspace.DoesNotExist:
        raise NotFoundError(f"no workspace named '{name}'") from None


def load_case(case_id: int | str, ws: Workspace | None = None, for_update: bool = False) -> Case:
    """A case of the workspace, or NotFoundError (the same answer for another workspace's)."""
    ws = ws or workspace()
    try:
        pk = int(case_id)
    except (TypeError, ValueError):
        raise InputError(f"'{case_id}' is not a case number (see `reinstate case list`)") from None
    qs = Case.objects.select_related("seller", "workspace")
    if for_update:
        qs = qs.select_for_update()
    try:
        return qs.get(pk=pk, workspace=ws)
    except Case.DoesNotExist:
        raise NotFoundError(f"there is no case {pk} (see `reinstate case list`)") from None


def record_event(
    ws: Workspace,
    case: Case | None,
    action: str,
    detail: dict[str, Any],
    at: datetime | None = None,
    who: str | None = None,
) -> Event:
    return Event.objects.create(
        workspace=ws,
        case=case,
        action=action,
        detail=detail,
        actor=who or actor(),
        at=at or utcnow(),
    )


def read_input(path: str, what: str) -> bytes:
    """The bytes of a file the user named (``-``: standard input), or a one-line InputError."""
    import sys
    from pathlib import Path

    p = Path(path)
    try:
        content = sys.stdin.buffer.read() if path == "-" else p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what}: {path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{what}: {path}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{what}: {path}: {exc.strerror}") from None
    if not content.strip():
        if path == "-":
            raise InputError(f"{what}: -: nothing came on standard input")
        raise InputError(f"{what}: {path}: the file is empty")
    return content
