"""A killed process leaves the store and the database consistent; doctor finds and repairs."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NOTICE = CORPUS / "notices" / "n01-related-account.eml"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not NOTICE.is_file():
        raise FileNotFoundError(f"the shared corpus file {NOTICE} is missing")
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    from reinstate.desk.bootstrap import ensure_ready

    ensure_ready()
    return tmp_path / "home"


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _open_case() -> int:
    from reinstate.desk.services.cases import open_case

    return int(open_case(NOTICE.read_bytes(), "n01.eml")["id"])


def _age(path: Path, seconds: float) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_a_clean_store_is_consistent(home: Path) -> None:
    from reinstate.desk.services.doctor import check
    from reinstate.desk.services.documents import attach

    cid = _open_case()
    attach(cid, _png((1, 2, 3)), "a.png", "other")
    report = check()
    assert report["ok"] is True
    assert (report["documents"], report["files"], report["problems"]) == (1, 1, [])


def test_a_process_killed_between_file_and_row(home: Path, tmp_path: Path) -> None:
    """The child attaches a document and is SIGKILLed after the file is written."""
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.models import Document, Event
    from reinstate.desk.services.doctor import check

    cid = _open_case()
    image = tmp_path / "scan.png"
    image.write_bytes(_png((9, 9, 9)))
    env = dict(os.environ, REINSTATE_DESK_CRASH_AT="document-stored")
    child = subprocess.run(
        [sys.executable, "-m", "reinstate", "case", "doc", str(cid), str(image), "--kind", "other"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL
    assert Document.objects.count() == 0  # the row never committed
    orphans = list(file_store().files())
    assert len(orphans) == 1  # the file did reach the store

    report = check()
    assert report["ok"] is False
    assert [p["kind"] for p in report["problems"]] == ["orphan_file"]
    young = check(repair=True)
    assert young["problems"][0]["action"].startswith("left")
    assert list(file_store().files()) == orphans

    _age(orphans[0].path, 120)
    repaired = check(repair=True)
    assert repaired["ok"] is True
    assert repaired["problems"][0]["action"] == "removed"
    assert list(file_store().files()) == []
    assert Event.objects.filter(action="doctor.repaired").count() == 1
    assert check()["problems"] == []

    # the same document can be attached again afterwards
    from reinstate.desk.services.documents import attach

    attach(cid, image.read_bytes(), "scan.png", "other")
    assert check()["ok"] is True


def test_a_missing_file_is_reported_never_deleted(home: Path) -> None:
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.models import Document
    from reinstate.desk.services.doctor import check
    from reinstate.desk.services.documents import attach

    cid = _open_case()
    sha = attach(cid, _png((4, 5, 6)), "b.png", "other")["sha256"]
    file_store().remove(sha)
    report = check(repair=True)
    assert report["ok"] is False
    assert [(p["kind"], p["sha256"], p["action"]) for p in report["problems"]] == [
        ("missing_file", sha, "none")
    ]
    assert Document.objects.filter(sha256=sha).exists()


def test_a_leftover_temporary_copy_is_relinked(home: Path) -> None:
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.services.doctor import check
    from reinstate.desk.services.documents import attach

    cid = _open_case()
    content = _png((7, 7, 7))
    sha = attach(cid, content, "c.png", "other")["sha256"]
    store = file_store()
    store.tmp.mkdir(parents=True, exist_ok=True)
    shutil.move(store.path_for(sha), store.tmp / "leftover.part")
    corrupt_report = check()
    assert {p["kind"] for p in corrupt_report["problems"]} == {"missing_file", "stray"}
    report = check(repair=True)
    assert report["ok"] is True
    assert {p["action"] for p in report["problems"]} == {"relinked"}
    assert store.read(sha) == content


def test_a_corrupt_file_and_old_leftovers(home: Path) -> None:
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.services.doctor import check
    from reinstate.desk.services.documents import attach

    cid = _open_case()
    sha = attach(cid, _png((1, 1, 1)), "d.png", "other")["sha256"]
    store = file_store()
    store.path_for(sha).write_bytes(b"garbage")
    store.tmp.mkdir(parents=True, exist_ok=True)
    junk = store.tmp / "x.part"
    junk.write_bytes(b"half a file")
    _age(junk, 600)
    report = check(repair=True)
    kinds = {p["kind"]: p["action"] for p in report["problems"]}
    assert kinds == {"corrupt_file": "none", "stray": "removed"}
    assert not junk.exists()
    assert report["ok"] is False
