"""``reinstate guide``: the worksheet for a case, filled in, assembled, reviewed and saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reinstate.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _answer(sheet: str, number: int, text: str) -> str:
    lines = sheet.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"# Q{number}. "))
    while lines[at].startswith("#"):
        at += 1
    lines.insert(at, text)
    return "\n".join(lines)


def test_a_case_worksheet_filled_in_becomes_a_reviewed_version(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = CORPUS / "notices" / "n01-related-account.eml"
    assert notice.is_file(), f"the shared corpus file {notice} is missing"
    code, out, err = _run(capsys, "case", "new", "--notice", str(notice), "--json")
    assert code == 0, err
    cid = str(json.loads(out)["id"])

    sheet_path = tmp_path / "worksheet.txt"
    code, out, err = _run(capsys, "guide", cid, "-o", str(sheet_path))
    assert code == 0, err
    sheet = sheet_path.read_text(encoding="utf-8")
    assert "Related accounts · Bright Kettle Home Goods" in sheet

    sheet = _answer(sheet, 1, 'The account "GM Direct", run by our former contractor.')
    sheet = _answer(sheet, 4, "On November 4, 2026 we removed the 3 contractor users.")
    sheet = _answer(sheet, 6, "Our operations manager reviews user permissions every month.")
    sheet_path.write_text(sheet, encoding="utf-8")

    code, out, err = _run(capsys, "guide", cid, "--answers", str(sheet_path), "--save", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["poa"].startswith("Store name: Bright Kettle Home Goods")
    assert "Merchant token: A3KQ7X2M9PLZ4T" in result["poa"]
    assert "Case ID: 18427719302" in result["poa"]
    assert result["review"]["ready"] is True
    assert result["saved"]["number"] == 1

    code, out, err = _run(capsys, "case", "show", cid, "--json")
    assert code == 0, err
    assert len(json.loads(out)["poa_versions"]) == 1


def test_a_worksheet_without_a_case_and_the_bad_usages(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "guide", "--reason", "inauthentic")
    assert code == 0 and "== ROOT CAUSE ==" in out and "invoice" in out.lower()

    code, _, err = _run(capsys, "guide")
    assert code == 2 and "--reason" in err and "Traceback" not in err
    code, _, err = _run(capsys, "guide", "--reason", "aliens")
    assert code == 2 and "unknown reason" in err
    code, _, err = _run(capsys, "guide", "--reason", "inauthentic", "--save")
    assert code == 2 and "--save needs a case ID" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("== ROOT CAUSE ==\n# Q1. nothing yet\n", encoding="utf-8")
    code, _, err = _run(capsys, "guide", "--reason", "inauthentic", "--answers", str(empty))
    assert code == 2 and "no answer is filled in" in err
    code, _, err = _run(capsys, "guide", "--reason", "other", "--answers", str(tmp_path / "no"))
    assert code == 2 and "cannot be read" in err
