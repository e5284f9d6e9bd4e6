"""``reinstate parse``: output forms, standard input, and one-line errors with exit 2."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from reinstate.cli import main
from reinstate.core.notice.model import CONTRACT_FIELDS

CASES = Path(__file__).resolve().parent / "notices"
ONE = CASES / "c01-inauthentic-es-pasted.txt"
MBOX = CASES / "c20-mailbox-es.mbox"


def test_json_for_one_notice_is_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(ONE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data)[:2] == ["schema", "source"] and data["source"] == str(ONE)
    assert list(data)[2 : 2 + len(CONTRACT_FIELDS)] == list(CONTRACT_FIELDS)
    assert data["merchant_token"] == "A2ES8KQ4VZ7M1P" and data["language"] == "es"


def test_json_lines_for_several_inputs_and_messages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(ONE), str(MBOX), "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["kind"] for r in records] == ["deactivation", "more_information_needed", "reinstated"]
    assert [r["source"] for r in records] == [str(ONE), str(MBOX), str(MBOX)]


def test_mbox_alone_gives_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(MBOX), "--json"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2


def test_summary_says_what_is_missing_and_where(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(CASES / "c17-code-of-conduct.txt")]) == 0
    out = capsys.readouterr().out
    assert "deactivation notice" in out
    assert "A1DECOC4K7ZQ2X" in out and "9912345678" in out
    assert "Store name: Seller Central → Settings → Account Info" in out
    assert "Your Merchant Token" not in out  # the token is in the notice


def test_summary_for_other_mail_lists_nothing_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(CASES / "c16-newsletter-other.eml")]) == 0
    out = capsys.readouterr().out
    assert "not an Amazon account notice" in out and "where to find it" not in out


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    fake = io.TextIOWrapper(io.BytesIO(ONE.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    assert main(["parse", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["store_name"] == "Sol y Mar Hogar"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "the input is empty"),
        (b"   \n\n", "the input is empty"),
        (b"%PDF-1.4\x00\x01\x02\x03binary\x00\x00", "not a text or e-mail file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    path = tmp_path / "input.eml"
    if content is not None:
        path.write_bytes(content)
    assert main(["parse", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and message in captured.err
    assert captured.err.startswith("reinstate: ")


def test_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_utf16_text_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(ONE.read_text(encoding="utf-8").encode("utf-16"))
    assert main(["parse", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["merchant_token"] == "A2ES8KQ4VZ7M1P"


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = (CASES / "c03-old-generation-counterfeit.txt").read_text(encoding="utf-8")
    box = "".join(
        f"From a@amazon.com Mon Oct 19 04:12:55 2026\nSubject: n{i}\n\n{message}\n"
        for i in range(250)
    )
    path = tmp_path / "big.mbox"
    path.write_text(box, encoding="utf-8")
    assert main(["parse", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 250
    assert captured.err == ""


def test_progress_bar_on_a_terminal_for_a_large_mailbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    message = (CASES / "c03-old-generation-counterfeit.txt").read_text(encoding="utf-8")
    box = "".join(
        f"From a@amazon.com Mon Oct 19 04:12:55 2026\nSubject: n{i}\n\n{message}\n"
        for i in range(250)
    )
    path = tmp_path / "big.mbox"
    path.write_text(box, encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["parse", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 250
    assert "reading" in captured.err and "250" in captured.err
