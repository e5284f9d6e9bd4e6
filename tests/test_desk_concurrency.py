"""Two processes writing at once: IMMEDIATE transactions make the second wait, not fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

NOTICE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "corpus"
    / "notices"
    / "n01-related-account.eml"
)

WRITER = """
import io, sys
from PIL import Image
from reinstate.desk.bootstrap import ensure_ready
ensure_ready()
from reinstate.desk.services.documents import attach
case_id, shade = int(sys.argv[1]), int(sys.argv[2])
for i in range(6):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (shade, i, 0)).save(buffer, format="PNG")
    attach(case_id, buffer.getvalue(), f"w{shade}-{i}.png", "other")
print("done")
"""


def test_two_writers_at_once_both_succeed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not NOTICE.is_file():
        raise FileNotFoundError(f"the shared corpus file {NOTICE} is missing")
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    from reinstate.desk.bootstrap import ensure_ready

    ensure_ready()
    from reinstate.desk.models import Document, Event
    from reinstate.desk.services.cases import open_case
    from reinstate.desk.services.doctor import check

    cid = open_case(NOTICE.read_bytes(), "n01.eml")["id"]
    env = dict(os.environ)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(cid), str(shade)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for shade in (10, 200)
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err.decode()
        assert out.strip() == b"done"
    assert Document.objects.filter(case_id=cid).count() == 12
    assert Event.objects.filter(action="document.attached").count() == 12
    assert check()["ok"] is True
