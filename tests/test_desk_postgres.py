"""The desk on PostgreSQL (``DATABASE_URL``): migrations and a whole case on a throwaway server.

Runs where PostgreSQL's server binaries and the psycopg driver are installed (the ``postgres``
extra); elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import test_desk_cli as cli_case


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _as_root() -> bool:
    return os.geteuid() == 0 and shutil.which("runuser") is not None


def _as_postgres(argv: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server as the postgres user there."""
    return ["runuser", "-u", "postgres", "--", *argv] if _as_root() else argv


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    pg = _pg_bin()
    if pg is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    root = Path(tempfile.mkdtemp(prefix="reinstate-pg-"))
    if _as_root():
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    data = root / "data"
    subprocess.run(
        _as_postgres([str(pg / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                      "-E", "UTF8", "--locale=C.UTF-8"]),
        check=True, capture_output=True,
    )  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
    subprocess.run(
        _as_postgres([str(pg / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w",
                      "-t", "30", "-o", options, "start"]),
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-qc",
             "CREATE DATABASE reinstate"],
            check=True, capture_output=True,
        )  # fmt: skip
        yield f"postgres://postgres@127.0.0.1:{port}/reinstate"
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run(
            _as_postgres([str(pg / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def on_postgres(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "home"))
    from reinstate.desk.bootstrap import ensure_ready

    ensure_ready()
    yield tmp_path / "home"
    from django.db import connection

    with connection.cursor() as cursor:  # a clean database for the next test
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def test_migrations_on_an_empty_postgres_database(on_postgres: Path) -> None:
    from django.core.management import call_command
    from django.db import connection

    from reinstate.desk.models import Workspace

    assert connection.vendor == "postgresql"
    assert list(Workspace.objects.values_list("name", flat=True)) == ["default"]
    call_command("makemigrations", "desk", check=True, dry_run=True, verbosity=0)


def test_a_whole_case_on_postgres(
    on_postgres: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_case.test_a_whole_case_through_the_cli(on_postgres, tmp_path, capsys)
    from django.db import connection

    from reinstate.desk.models import Case

    assert connection.vendor == "postgresql"
    assert Case.objects.get().status == "reinstated"
