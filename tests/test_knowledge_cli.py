"""``reinstate knowledge list`` and ``reinstate knowledge show``, run through the CLI entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reinstate.cli import main
from reinstate.core.knowledge.loader import BUILTIN_DIR


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path))
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["knowledge", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_kind(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "list")
    assert code == 0 and err == ""
    for heading in ("reasons:", "marketplaces:", "channels:", "documents:", "clocks:"):
        assert heading in out.splitlines()
    assert "Inauthentic or counterfeit items" in out
    assert "amazon.co.jp" in out
    assert "[built-in]" in out


def test_list_json_shows_a_user_override_and_its_source(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = home / "knowledge" / "marketplaces" / "de.toml"
    user.parent.mkdir(parents=True)
    user.write_text('["amazon.de"]\nlanguages = ["de", "en"]\n', encoding="utf-8")
    code, out, _ = _run(capsys, "list", "marketplaces", "--json")
    assert code == 0
    rows = {row["name"]: row for row in json.loads(out)}
    assert set(rows) >= {"amazon.com", "amazon.de", "amazon.sg"}
    assert {row["kind"] for row in rows.values()} == {"marketplaces"}
    assert rows["amazon.de"]["sources"] == [str(BUILTIN_DIR / "marketplaces.toml"), str(user)]
    assert rows["amazon.de"]["origin"] == "built-in + user"
    assert str(user) in rows["amazon.de"]["source"]
    assert rows["amazon.fr"]["origin"] == "built-in"


def test_show_prints_one_entry(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "show", "channels", "ahs_callback")
    assert code == 0
    assert out.startswith("channels / ahs_callback")
    assert "asks:" in out and "internal notes" in out


def test_show_json_carries_the_full_entry(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "show", "reasons", "inauthentic", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["kind"], data["name"], data["origin"]) == ("reasons", "inauthentic", "built-in")
    entry = data["entry"]
    assert "notice_17_days" in entry["clocks"]
    assert set(entry["questions"]) == {"root_cause", "corrective_actions", "preventive_measures"}


def test_show_an_unknown_name_exits_2_with_one_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "show", "reasons", "counterfeit")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("reinstate: no reasons entry 'counterfeit'")
    assert "inauthentic" in err


def test_an_unknown_kind_exits_2(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "list", "rules")
    assert code == 2
    kinds = "reasons, marketplaces, channels, documents, clocks"
    assert err == f"reinstate: unknown kind 'rules' (one of: {kinds})\n"


def test_a_broken_user_file_exits_2_naming_it(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = home / "knowledge" / "clocks.toml"
    user.parent.mkdir(parents=True)
    user.write_text("[funds_90_days]\ndays = 'ninety'\n", encoding="utf-8")
    code, out, err = _run(capsys, "show", "clocks", "funds_90_days")
    assert code == 2 and out == ""
    assert err.startswith(f"reinstate: {user}:2: entry 'funds_90_days': days:")
    assert err.count("\n") == 1
