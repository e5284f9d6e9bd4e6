"""Batches through ``reinstate check``: workers, this process's share, a worker that dies."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from reinstate.cli import check, main

GOOD = (
    "Root cause: we listed a used item as new.\n"
    "Corrective actions: on 3 May we refunded 2 buyers.\n"
)
THREAT = "Our lawyer will sue Amazon if you do not reinstate us by Friday.\n"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "home"))


def _letters(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        path = tmp_path / f"l{i:03d}.txt"
        path.write_text(THREAT if i % 5 == 0 else GOOD, encoding="utf-8")
        paths.append(str(path))
    return paths


Reports = list[dict[str, object]]
_PARENT = os.getpid()
_REAL_CHUNK = check._one_chunk


def _dies_in_a_worker(*args: object) -> object:
    if os.getpid() != _PARENT:
        Path(os.environ["REINSTATE_HOME"], f"died-{os.getpid()}").touch()
        os._exit(3)
    time.sleep(0.02)  # leave the workers time to claim a chunk
    return _REAL_CHUNK(*args)  # type: ignore[arg-type]


def _run(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[dict[str, object]]]:
    code = main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.strip().split("\n")]


def test_default_jobs_follow_the_cpus_for_big_batches() -> None:
    assert check._jobs(0, 10) == 1
    assert check._jobs(3, 10) == 3
    assert check._jobs(5, 2) == 2
    cpus = len(os.sched_getaffinity(0))
    assert check._jobs(0, 1000) == max(1, min(cpus, 8))


def test_a_dying_worker_costs_time_not_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _letters(tmp_path, 70)
    expected = _run(["--jobs", "1", *paths], capsys)
    assert expected[0] == 1 and len(expected[1]) == 70
    monkeypatch.setattr(check, "_one_chunk", _dies_in_a_worker)
    assert _run(["--jobs", "2", *paths], capsys) == expected
    assert list((tmp_path / "home").glob("died-*"))  # a worker did take a chunk and die
    monkeypatch.undo()
    assert _run(["--jobs", "3", *paths], capsys) == expected
