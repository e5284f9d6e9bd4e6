"""``reinstate check`` and ``reinstate rules``: output formats, case facts, exit codes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from reinstate.cli import main

CORPUS = Path("/work/shared/corpus/appeals")
GOOD = """Store name: Bright Kettle Home Goods
Merchant token: A3KQ7X2M9PLZ4T
Case ID: 18427719302
Date of deactivation: November 3, 2026 (the notice cites Section 3)

Root cause
A former contractor kept access to our account after the contract ended in January 2026.

Corrective actions
- November 4, 2026: removed the contractor's 3 user logins (screenshot attached).

Preventive measures
- User permissions are reviewed on the first Monday of every month.
"""
THREAT = "Store: X\nIf this is not fixed within 48 hours I will contact my lawyer."


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("REINSTATE_HOME", str(home))
    return home


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_text_output_like_a_compiler(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.txt", THREAT)
    assert main(["check", path]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2:1: error tone.threat.ultimatum " in out
    assert "    | If this is not fixed within 48 hours" in out
    assert "not ready" in out


def test_good_letter_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", _write(tmp_path, "good.txt", GOOD)]) == 0
    assert ": ready:" in capsys.readouterr().out


def test_json_is_the_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.txt", THREAT)
    assert main(["check", path, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == 1 and data["ready"] is False and data["source"] == path
    assert set(data["sections"]) == {"root_cause", "corrective_actions", "preventive_measures"}
    assert {"words", "sentences", "reading_ease", "date_or_number_share"} <= set(data["stats"])
    finding = next(f for f in data["findings"] if f["rule"] == "tone.threat.legal")
    assert THREAT[finding["start"] : finding["end"]] == finding["excerpt"] == "contact my lawyer"
    assert finding["category"] == "threat_legal" and finding["severity"] == "error"


def test_several_files_give_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [_write(tmp_path, "a.txt", GOOD), _write(tmp_path, "b.txt", THREAT)]
    assert main(["check", *paths, "--format", "json"]) == 1
    lines = capsys.readouterr().out.strip().split("\n")
    assert [json.loads(line)["source"] for line in lines] == paths


def test_sarif(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.txt", THREAT)
    assert main(["check", path, "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    result = next(r for r in run["results"] if r["ruleId"] == "tone.threat.legal")
    assert ids[result["ruleIndex"]] == "tone.threat.legal"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 2 and region["snippet"]["text"] == "contact my lawyer"
    assert result["level"] == "error"


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(THREAT.encode())))
    assert main(["check", "-", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["source"] == "<stdin>"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \n ", "is empty"),
        (b"\x00\x01binary", "not a text file"),
        (b"PK\x03\x04" + b"\x00" * 40, "this Word file is damaged"),
        (b"%PDF-1.7\n%broken", "this PDF cannot be read"),
    ],
)
def test_unreadable_input_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_a_word_file_is_read_as_the_letter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docx import Document

    document = Document()
    head, *parts = GOOD.split("\n\n")
    for line in head.splitlines():
        document.add_paragraph(line)
    for part in parts:
        title, *items = part.strip().splitlines()
        document.add_heading(title, level=2)
        for item in items:
            document.add_paragraph(item.removeprefix("- "), style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "ASIN", "Action"
    table.cell(1, 0).text, table.cell(1, 1).text = "B0CQ7NZ4XK", "Listing closed on 4 November"
    path = tmp_path / "poa.docx"
    document.save(str(path))
    assert main(["check", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(s["found"] for s in data["sections"].values())
    assert not [f for f in data["findings"] if f["severity"] != "info"]
    # list items start with "- ", table rows read cell by cell, all in the document's order
    from reinstate.core.textfile import letter_text

    lines = letter_text(path.read_bytes(), "poa.docx").splitlines()
    assert lines[:2] == ["Store name: Bright Kettle Home Goods", "Merchant token: A3KQ7X2M9PLZ4T"]
    assert (
        "- November 4, 2026: removed the contractor's 3 user logins (screenshot attached)." in lines
    )
    assert lines.index("Preventive measures") < lines.index(
        "B0CQ7NZ4XK | Listing closed on 4 November"
    )


def test_a_pdf_with_text_is_read_and_a_scan_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in GOOD.splitlines():
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "poa.pdf"
    pdf.output(str(path))
    assert main(["check", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sections"]["corrective_actions"]["found"]
    blank = FPDF()
    blank.add_page()
    empty = tmp_path / "scan.pdf"
    blank.output(str(empty))
    assert main(["check", str(empty)]) == 2
    assert "has no text" in capsys.readouterr().err


def test_a_zip_that_is_not_a_word_file_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    path = tmp_path / "letters.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("poa.txt", GOOD)
    assert main(["check", str(path)]) == 2
    assert "not a letter" in capsys.readouterr().err


def test_missing_file_and_directory_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "nope.txt")]) == 2
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "cannot be read" in err and "is a directory" in err
    assert "Traceback" not in err


def test_bad_usage_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "x.txt", "--kind", "sonnet"])
    assert info.value.code == 2


def test_case_flags_check_identifiers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "good.txt", GOOD)
    args = ["check", path, "--format", "json", "--merchant-token", "A3KQ7X2M9PLZ4X"]
    assert main([*args, "--case-id", "18427719302"]) == 1
    data = json.loads(capsys.readouterr().out)
    wrong = [f for f in data["findings"] if f["rule"] == "identifiers.wrong"]
    assert [f["excerpt"] for f in wrong] == ["A3KQ7X2M9PLZ4T"]


def test_case_file_accepts_parse_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = {
        "schema": 1,
        "source": "n.eml",
        "kind": "deactivation",
        "merchant_token": "A3KQ7X2M9PLZ4T",
        "store_name": "Bright Kettle Home Goods",
        "case_ids": ["18427719302"],
        "notice_date": "2026-11-03",
        "mentions_section_3": True,
        "reason": "related_account",
        "asins": [],
        "confidence": {},
    }
    case_file = _write(tmp_path, "case.json", json.dumps(case))
    assert main(["check", _write(tmp_path, "good.txt", GOOD), "--case-file", case_file]) == 0
    bad = _write(tmp_path, "bad.json", "{not json")
    assert main(["check", _write(tmp_path, "g2.txt", GOOD), "--case-file", bad]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_bad_case_flag_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "good.txt", GOOD)
    assert main(["check", path, "--reason", "astrology"]) == 2
    assert "case facts" in capsys.readouterr().err


def test_escalation_kind(capsys: pytest.CaptureFixture[str]) -> None:
    path = CORPUS / "a10-escalation-good.txt"
    if not path.exists():
        pytest.skip("shared corpus not available")
    assert main(["check", str(path), "--kind", "escalation", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f for f in data["findings"] if f["severity"] != "info"] == []


def test_config_disables_a_prefix(
    tmp_path: Path, _home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (_home / "review.toml").write_text('disable = ["tone.threat"]\n', encoding="utf-8")
    path = _write(tmp_path, "bad.txt", THREAT)
    main(["check", path, "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert not [f for f in data["findings"] if f["rule"].startswith("tone.threat")]


def test_rules_list_and_show(_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (_home / "review.toml").write_text('disable = ["tone.money"]\n', encoding="utf-8")
    assert main(["rules", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_id = {r["id"]: r for r in rows}
    assert by_id["tone.money.losses"]["enabled"] is False
    assert by_id["tone.threat.legal"]["enabled"] is True
    assert main(["rules", "list", "tone.begging"]) == 0
    assert "tone.begging.plead" in capsys.readouterr().out
    assert main(["rules", "show", "tone.threat.legal"]) == 0
    out = capsys.readouterr().out
    assert "flags:" in out and "passes:" in out and "threat_legal" in out
    assert "only under:" not in out  # a rule for the whole letter
    assert main(["rules", "show", "structure.root_cause_denied"]) == 0
    assert "only under: root cause" in capsys.readouterr().out
    assert main(["rules", "show", "tone.threat"]) == 2
    assert "tone.threat.legal" in capsys.readouterr().err
    assert main(["rules", "list", "zzz"]) == 2


def test_batch_with_workers_keeps_order_and_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [_write(tmp_path, f"l{i:02d}.txt", GOOD if i % 3 else THREAT) for i in range(40)]
    missing = str(tmp_path / "missing.txt")
    assert main(["check", "--format", "json", "--jobs", "2", *paths]) == 1
    lines = capsys.readouterr().out.strip().split("\n")
    data = [json.loads(line) for line in lines]
    assert [d["source"] for d in data] == paths
    assert [d["ready"] for d in data] == [bool(i % 3) for i in range(40)]
    assert main(["check", "--format", "json", *paths, missing]) == 2
    captured = capsys.readouterr()
    assert len(captured.out.strip().split("\n")) == 40
    assert "missing.txt: cannot be read" in captured.err


def test_reply_ignores_the_quoted_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reply = (
        GOOD
        + "\nKind regards,\nAnn\n\nOn Nov 3, 2026, Amazon <seller-performance@amazon.com> wrote:\n"
        "> Your account was deactivated. Attempts to defraud buyers are illegal and we may take "
        "legal action.\n"
    )
    path = _write(tmp_path, "reply.txt", reply)
    assert main(["check", path, "--kind", "reply", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    quoted = reply.index("On Nov 3")
    assert [f["rule"] for f in data["findings"] if f["start"] >= quoted] == []


def test_check_keeps_the_dispatch_tables_and_survives_a_damaged_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reinstate.core.review import rules

    letter = _write(tmp_path, "threat.txt", THREAT)
    rules._TABLES.clear()  # as in a new process: the tables are built and then kept
    rules._TABLES_BUILT.clear()
    assert main(["check", "--format", "json", letter]) == 1
    first = json.loads(capsys.readouterr().out)
    kept = list((tmp_path / "home" / "cache").glob("review-tables-*.marshal"))
    assert len(kept) == 1 and kept[0].stat().st_size > 1000
    # taken back in, the same tables give the same report
    rules._TABLES.clear()
    rules._TABLES_BUILT.clear()
    assert main(["check", "--format", "json", letter]) == 1
    assert json.loads(capsys.readouterr().out) == first
    assert not rules._TABLES_BUILT  # nothing had to be built again
    kept[0].write_bytes(b"\x00damaged")
    rules._TABLES.clear()
    assert main(["check", "--format", "json", letter]) == 1
    assert json.loads(capsys.readouterr().out) == first


def test_check_removes_kept_tables_of_old_versions_but_the_newest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    from reinstate.core.review import rules

    cache = tmp_path / "home" / "cache"
    cache.mkdir(parents=True)
    old = [cache / f"review-tables-{n}.marshal" for n in ("0001", "0002", "0003")]
    for age, path in enumerate(old):
        path.write_bytes(b"old")
        os.utime(path, (1_700_000_000 + age, 1_700_000_000 + age))
    other = cache / "review-model-notes.txt"  # not a file of that kind: left alone
    other.write_text("x", encoding="utf-8")
    letter = _write(tmp_path, "threat.txt", THREAT)
    rules._TABLES.clear()  # as in a new process: the tables are built and then kept
    rules._TABLES_BUILT.clear()
    assert main(["check", "--format", "json", letter]) == 1
    capsys.readouterr()
    left = sorted(p.name for p in cache.glob("review-tables-*.marshal"))
    assert left == sorted([f"review-tables-{rules.key_scheme()}.marshal", old[2].name])
    assert other.exists()


def test_check_keeps_the_checked_rules_and_reads_changed_rule_files_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reinstate.core.review import rules

    letter = _write(tmp_path, "threat.txt", THREAT)
    rules._RULES.clear()  # as in a new process: the rule files are read, checked and kept
    rules._RULES_READ.clear()
    rules._cached.cache_clear()
    assert main(["check", "--format", "json", letter]) == 1
    first = json.loads(capsys.readouterr().out)
    kept = tmp_path / "home" / "cache" / "review-rules.marshal"
    assert kept.stat().st_size > 1000
    # taken back in: the same report, and no rule file had to be read and checked
    rules._RULES.clear()
    rules._RULES_READ.clear()
    rules._cached.cache_clear()
    assert main(["check", "--format", "json", letter]) == 1
    assert json.loads(capsys.readouterr().out) == first
    assert not rules._RULES_READ
    # a user's new rule file is not in the kept rules: it is read, and its rule applies
    (tmp_path / "home" / "rules").mkdir(parents=True)
    (tmp_path / "home" / "rules" / "house.toml").write_text(
        '["house.lawyer"]\ncategory = "threat_legal"\nseverity = "error"\n'
        'message = "No lawyers."\npatterns = ["contact my lawyer"]\n'
        'flag = ["I will contact my lawyer."]\npass = ["We refunded 2 buyers."]\n',
        encoding="utf-8",
    )
    rules._cached.cache_clear()
    main(["check", "--format", "json", letter])
    assert "house.lawyer" in {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    # and a broken one is reported, not hidden behind the kept rules
    (tmp_path / "home" / "rules" / "house.toml").write_text('["house.x"]\ncategory = 3\n')
    rules._cached.cache_clear()
    assert main(["check", "--format", "json", letter]) == 2
    assert "house.toml" in capsys.readouterr().err


def test_a_warm_check_does_not_load_the_validation_library_or_the_keys(tmp_path: Path) -> None:
    # start-up: with the rules kept in the cache, check needs neither pydantic nor tomllib
    import os
    import subprocess
    import sys

    letter = _write(tmp_path, "threat.txt", THREAT)
    probe = (
        "import sys\nfrom reinstate.cli import main\n"
        f"code = main(['check', '--format', 'json', {letter!r}])\n"
        "from reinstate.core.review import rules\n"
        "print('LOADED', 'pydantic' in sys.modules, 'tomllib' in sys.modules, code,"
        " not rules._KEY_LOADERS)\n"
    )
    env = {**os.environ, "REINSTATE_HOME": str(tmp_path / "fresh-home")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
        ).stdout.splitlines()[-1]
        for _ in range(2)
    ]
    # the first run reads and checks the rule files and works out the pattern keys
    assert runs[0] == "LOADED True True 1 True"
    # a warm one needs none of it: not even the kept keys are read (the tables are kept)
    assert runs[1] == "LOADED False False 1 False"


@pytest.mark.parametrize(
    "letter",
    [
        GOOD,
        (Path(__file__).parent / "appeals_heldout" / "lm07-kbeauty-liquidation-inauthentic.txt"),
    ],
    ids=["short", "notice-quoted-above"],
)
def test_a_letter_saved_on_windows_reads_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], letter: str | Path
) -> None:
    text = letter.read_text(encoding="utf-8") if isinstance(letter, Path) else letter
    unix = tmp_path / "unix.txt"
    unix.write_bytes(text.encode("utf-8"))
    windows = tmp_path / "windows.txt"
    windows.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert main(["check", str(unix)]) == 0
    summary_unix = capsys.readouterr().out.splitlines()[-1]
    assert main(["check", str(windows)]) == 0
    summary_windows = capsys.readouterr().out.splitlines()[-1]
    assert summary_windows.replace(str(windows), str(unix)) == summary_unix
