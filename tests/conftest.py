"""Fixtures shared by the tests that use a data directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty ``REINSTATE_HOME`` on the embedded SQLite default."""
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path / "home"


@pytest.fixture
def desk_home(home: Path) -> Path:
    """``home`` with the desk's database created and migrated."""
    from reinstate.desk.bootstrap import ensure_ready

    ensure_ready()
    return home
