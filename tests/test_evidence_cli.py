"""``reinstate evidence check``: text and JSON output, exit statuses, bad input as one line."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from reinstate.cli import main
from tests.test_evidence_files import NOTICE, invoice


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "home"))


def write(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_good_invoice_exits_0_with_every_check_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "inv.pdf", invoice(NOTICE - timedelta(days=100)))
    args = ["evidence", "check", path, "--kind", "invoices", "--notice-date", NOTICE.isoformat()]
    assert main([*args, "--store", "Sunny Home Goods"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"{path} (application/pdf, 1 page): meets every requirement that could be checked"
    )
    assert "FAILED" not in out and out.count("passed") == 9
    assert "100 days before the notice" in out


def test_failed_check_exits_1_and_json_lines_for_several_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write(tmp_path, "old.pdf", invoice(NOTICE - timedelta(days=500)))
    text = write(tmp_path, "notes.txt", b"INVOICE 12.01.2026 from a supplier\n")
    args = ["evidence", "check", old, text, "--kind", "invoices", "--notice-date", "2026-03-01"]
    assert main([*args, "--json"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["source"] for line in lines] == [old, text]
    dated = next(c for c in lines[0]["checks"] if c["id"] == "invoice_date_within_365_days")
    assert dated["passed"] is False and lines[0]["accepted"] is True
    assert lines[1]["accepted"] is False and "plain text" in lines[1]["refused_reason"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.pdf", "--kind", "invoices"], "missing.pdf: cannot be read"),
        (["{file}", "--kind", "receipts"], "unknown document kind 'receipts'"),
        (["{file}", "--kind", "invoices", "--timeout", "0"], "--timeout must be more than 0"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    path = write(tmp_path, "inv.pdf", invoice(NOTICE))
    argv = ["evidence", "check", *(a.replace("{file}", path) for a in args)]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reinstate: ") and message in err and "\n" not in err


def test_bad_notice_date_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "inv.pdf", invoice(NOTICE))
    with pytest.raises(SystemExit) as exited:
        main(["evidence", "check", path, "--kind", "invoices", "--notice-date", "1 March"])
    assert exited.value.code == 2
    assert "not a date (YYYY-MM-DD)" in capsys.readouterr().err
