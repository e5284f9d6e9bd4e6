"""Do the file store and the rows agree? Find what a killed process can leave, repair the safe.

- a file without its row (the process died between the file and the row): reported; with
  ``repair`` removed once older than a minute (younger ones may be a write in progress);
- a row whose file is missing or whose file does not match its hash: reported, never deleted;
  with ``repair`` re-linked when a leftover temporary file holds exactly the right content;
- temporary and stray files: re-linked as above, or removed once older than a minute.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.db import connection

from reinstate.desk.bootstrap import file_store
from reinstate.desk.models import Document
from reinstate.desk.services._common import record_event, workspace
from reinstate.desk.storage import FileStore, sha256_of

GRACE_SECONDS = 60.0


def _problem(kind: str, path: Path, detail: str, sha: str | None = None) -> dict[str, Any]:
    return {"kind": kind, "sha256": sha, "path": str(path), "detail": detail, "action": "none"}


def _database_check() -> list[dict[str, Any]]:
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA quick_check")
        rows = [r[0] for r in cursor.fetchall()]
    if rows == ["ok"]:
        return []
    return [_problem("database", Path(connection.settings_dict["NAME"]), "; ".join(rows[:5]))]


def check(repair: bool = False, now: float | None = None) -> dict[str, Any]:
    """Compare rows and files; ``repair`` does only what is safe. Returns the report."""
    ws = workspace()
    store: FileStore = file_store()
    clock = time.time() if now is None else now
    problems: list[dict[str, Any]] = _database_check()
    rows: dict[str, list[Document]] = {}
    for doc in Document.objects.all().order_by("pk"):
        rows.setdefault(doc.sha256, []).append(doc)

    # leftovers first: a complete temporary file may be the content a row is missing
    candidates: dict[str, Path] = {}
    for path in store.stray():
        if path.is_dir():
            problems.append(_problem("stray", path, "an unexpected folder in the file store"))
            continue
        content = path.read_bytes()
        sha = sha256_of(content)
        p = _problem("stray", path, "a leftover file (an interrupted write)", sha)
        problems.append(p)
        if sha in rows:
            candidates[sha] = path
            p["detail"] += "; it holds the content of a stored document"
        elif repair and clock - path.stat().st_mtime > GRACE_SECONDS:
            path.unlink(missing_ok=True)
            p["action"] = "removed"

    files = {f.sha256: f for f in store.files()}
    for sha, docs in rows.items():
        target = store.path_for(sha)
        which = ", ".join(f"case {d.case_id} '{d.original_name}'" for d in docs)
        if sha not in files:
            p = _problem("missing_file", target, f"the file of {which} is missing", sha)
        elif sha256_of(target.read_bytes()) != sha:
            p = _problem(
                "corrupt_file", target, f"the file of {which} does not match its hash", sha
            )
        else:
            continue
        problems.append(p)
        if repair and sha in candidates:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(candidates[sha], target)
            p["action"] = "relinked"
            for q in problems:
                if q["kind"] == "stray" and q["path"] == str(candidates[sha]):
                    q["action"] = "relinked"

    for sha, path in candidates.items():
        for q in problems:
            if (
                q["path"] == str(path)
                and q["action"] == "none"
                and path.exists()
                and sha in files
                and repair
                and clock - path.stat().st_mtime > GRACE_SECONDS
            ):
                path.unlink(missing_ok=True)
                q["action"] = "removed"

    for sha, stored in files.items():
        if sha in rows:
            continue
        p = _problem("orphan_file", stored.path, "a stored file that no document refers to", sha)
        problems.append(p)
        if not repair:
            continue
        if clock - stored.mtime > GRACE_SECONDS:
            store.remove(sha)
            p["action"] = "removed"
        else:
            p["action"] = "left: younger than a minute, a write may be in progress"

    unresolved = [p for p in problems if p["action"] in ("none",) or p["action"].startswith("left")]
    report = {
        "ok": not unresolved,
        "repair": repair,
        "documents": sum(len(d) for d in rows.values()),
        "files": len(files),
        "problems": problems,
    }
    if repair and any(p["action"] in ("removed", "relinked") for p in problems):
        record_event(
            ws,
            None,
            "doctor.repaired",
            {"actions": [[p["kind"], p["sha256"], p["action"]] for p in problems]},
        )
    return report
