"""The database is created and migrated on first use, with the pragmas the desk relies on."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_first_use_creates_and_migrates_an_empty_database(home: Path) -> None:
    assert not home.exists()
    from reinstate.desk.bootstrap import ensure_ready

    ensure_ready()
    assert (home / "reinstate.sqlite3").is_file()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
        cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'desk_%'")
        tables = {row[0] for row in cursor.fetchall()}
    assert {"desk_case", "desk_contact", "desk_document", "desk_planversion"} <= tables
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    from reinstate.desk.models import Workspace

    assert list(Workspace.objects.values_list("name", flat=True)) == ["default"]


def test_models_and_migrations_agree(home: Path) -> None:
    from reinstate.desk.bootstrap import ensure_ready

    ensure_ready()
    from django.core.management import call_command

    # --check exits non-zero when a model change has no migration
    call_command("makemigrations", "desk", check=True, dry_run=True, verbosity=0)


def test_the_database_follows_reinstate_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reinstate.desk.bootstrap import ensure_ready

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "one"))
    ensure_ready()
    from reinstate.desk.models import Workspace

    Workspace.objects.create(name="agency")
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "two"))
    ensure_ready()
    assert list(Workspace.objects.values_list("name", flat=True)) == ["default"]
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "one"))
    ensure_ready()
    assert sorted(Workspace.objects.values_list("name", flat=True)) == ["agency", "default"]


def test_database_url_selects_another_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    from reinstate.desk.settings import database_config

    monkeypatch.setenv("DATABASE_URL", "postgres://desk@db.example:5433/reinstate")
    config = database_config()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 5433, "reinstate")


def test_an_unusable_data_directory_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reinstate.core.errors import InputError
    from reinstate.desk.bootstrap import ensure_ready

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("REINSTATE_HOME", str(blocker / "home"))
    with pytest.raises(InputError, match="cannot create the data directory"):
        ensure_ready()
