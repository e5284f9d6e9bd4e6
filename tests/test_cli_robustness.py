"""The CLI as a careless or hostile user drives it: every bad input is one line, never a traceback.

Each case runs one command against a workspace holding one case with one Plan of Action
version, and asserts the exit code (2 bad usage or unreadable input, 1 refusal), a single
``reinstate...`` line on stderr naming the problem, and, for commands that write, that the
case and the file store are exactly as before.
"""

from __future__ import annotations

import io
import json
import random
import sys
import zipfile
from pathlib import Path

import pytest

from reinstate.cli import main

TESTS = Path(__file__).resolve().parent
NOTICE = TESTS / "notices" / "c01-inauthentic-es-pasted.txt"
POA = TESTS / "appeals" / "t01-ip-good-markdown.txt"

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c63f8ff0f000301010018dd8db00000000049454e44ae426082"
)


def run(capsys: pytest.CaptureFixture[str], argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    """Exit code and stderr of ``reinstate argv``; argparse's exits are caught too."""
    capsys.readouterr()
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin = old
    return code, capsys.readouterr().err


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with case 1 (from a notice) and one Plan of Action version; cwd = files."""
    if not NOTICE.is_file() or not POA.is_file():
        raise FileNotFoundError("the test notice or Plan of Action is missing")
    home = tmp_path / "home"
    monkeypatch.setenv("REINSTATE_HOME", str(home))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    files = tmp_path / "files"
    files.mkdir()
    monkeypatch.chdir(files)
    (files / "notice.txt").write_bytes(NOTICE.read_bytes())
    (files / "poa.txt").write_bytes(POA.read_bytes())
    (files / "empty.txt").write_bytes(b"")
    (files / "blank.txt").write_bytes(b"  \n\n ")
    (files / "img.png").write_bytes(PNG)
    (files / "random.bin").write_bytes(random.Random(7).randbytes(4096))
    (files / "latin.txt").write_bytes(b"Root cause: caf\xe9 \xff\xfe units\n")
    (files / "big.txt").write_bytes(b"We are sorry. " * 80_000)  # about 1.1 MB
    (files / "adir").mkdir()
    (files / "notjson.json").write_text("not json{", encoding="utf-8")
    (files / "list.json").write_text("[1, 2]", encoding="utf-8")
    (files / "types.json").write_text('{"case_ids": "x"}', encoding="utf-8")
    (files / "notzip.zip").write_bytes(b"hello")
    with zipfile.ZipFile(files / "noinfo.zip", "w"):
        pass
    with zipfile.ZipFile(files / "badjson.zip", "w") as zf:
        zf.writestr("case.json", "{not json")
    with zipfile.ZipFile(files / "shape.zip", "w") as zf:
        zf.writestr("case.json", '{"format": 1, "case": []}')
    return home


def open_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, ["case", "new", "--notice", "notice.txt"])[0] == 0
    assert run(capsys, ["case", "poa", "1", "poa.txt"])[0] == 0


def snapshot(capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["case", "show", "1", "--json"]) == 0
    return capsys.readouterr().out


def assert_consistent(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["problems"] == []


# (argv, stdin, exit code, words the one-line message must contain)
BAD: list[tuple[list[str], bytes, int, str]] = [
    # files that are missing, folders, empty, binary, too large, not UTF-8
    (["parse", "missing.txt"], b"", 2, "no such file"),
    (["parse", "adir"], b"", 2, "folder"),
    (["parse", "empty.txt"], b"", 2, "empty"),
    (["parse", "img.png"], b"", 2, "binary"),
    (["parse", "random.bin"], b"", 2, "binary"),
    (["parse", "-"], b"", 2, "empty"),
    (["check", "missing.txt"], b"", 2, "No such file"),
    (["check", "adir"], b"", 2, "directory"),
    (["check", "blank.txt"], b"", 2, "empty"),
    (["check", "img.png"], b"", 2, "not a text file"),
    (["check", "big.txt"], b"", 2, "too large"),
    (["check", "-"], b"", 2, "empty"),
    (["case", "new", "--notice", "missing.txt"], b"", 2, "no such file"),
    (["case", "new", "--notice", "adir"], b"", 2, "directory"),
    (["case", "new", "--notice", "img.png"], b"", 2, "binary"),
    (["case", "new", "--notice", "-"], b"", 2, "standard input"),
    (["case", "poa", "1", "missing.txt"], b"", 2, "no such file"),
    (["case", "poa", "1", "empty.txt"], b"", 2, "empty"),
    (["case", "poa", "1", "img.png"], b"", 2, "not a text file"),
    (["case", "poa", "1", "big.txt"], b"", 2, "too large"),
    (["case", "poa", "1", "-"], b"", 2, "standard input"),
    (["case", "reply", "1", "img.png"], b"", 2, "binary"),
    (["case", "reply", "1", "random.bin"], b"", 2, "binary"),
    (["case", "reply", "1", "adir"], b"", 2, "directory"),
    (["case", "doc", "1", "missing.pdf", "--kind", "invoices"], b"", 2, "no such file"),
    (["case", "log", "1", "--channel", "appeal", "--poa", "img.png"], b"", 2, "not a text"),
    (["guide", "1", "--answers", "big.txt"], b"", 2, "too large"),
    (["guide", "1", "--answers", "img.png"], b"", 2, "not a text file"),
    (["evidence", "check", "missing.pdf", "--kind", "invoices"], b"", 2, "missing.pdf"),
    (["draft", "1", "--as", "eml", "--doc", "missing.pdf"], b"", 2, "no such file"),
    # case numbers
    (["case", "show", "999"], b"", 2, "no case 999"),
    (["case", "show", "abc"], b"", 2, "not a case number"),
    (["case", "next", "-1"], b"", 2, "-1"),
    (["case", "close", "1.5"], b"", 2, "not a case number"),
    (["case", "poa", "0", "poa.txt"], b"", 2, "0"),
    (["guide", "abc"], b"", 2, "not a case number"),
    (["draft", "999", "--as", "form"], b"", 2, "no case 999"),
    (["export", "999", "-o", "x.zip"], b"", 2, "no case 999"),
    # unknown choices
    (["case", "doc", "1", "img.png", "--kind", "bogus"], b"", 2, "bogus"),
    (["case", "log", "1", "--channel", "bogus"], b"", 2, "invalid choice"),
    (["case", "list", "--status", "bogus"], b"", 2, "not a case status"),
    (["draft", "1", "--as", "bogus"], b"", 2, "invalid choice"),
    (["check", "poa.txt", "--format", "bogus"], b"", 2, "invalid choice"),
    (["check", "poa.txt", "--jobs", "abc"], b"", 2, "invalid int"),
    (["evidence", "check", "img.png", "--kind", "bogus"], b"", 2, "unknown document kind"),
    (["knowledge", "show", "reasons", "bogus"], b"", 2, "bogus"),
    (["rules", "show", "bogus"], b"", 2, "no rule"),
    (["guide", "--reason", "bogus"], b"", 2, "bogus"),
    (["bogus"], b"", 2, "invalid choice"),
    (["case"], b"", 2, "required"),
    # times
    (["case", "poa", "1", "poa.txt", "--at", "yesterday"], b"", 2, "--at"),
    (["case", "log", "1", "--channel", "note", "--at", "2026-13-45"], b"", 2, "--at"),
    (["case", "reply", "1", "notice.txt", "--at", "2026-11-04T25:00"], b"", 2, "--at"),
    (["case", "next", "1", "--at", ""], b"", 2, "--at"),
    (["check", "poa.txt", "--suspension-date", "2026-13-45"], b"", 2, "--suspension-date"),
    (["check", "poa.txt", "--reason", "bogus"], b"", 2, "not a reason code"),
    # case facts for check
    (["check", "poa.txt", "--case-file", "notjson.json"], b"", 2, "not valid JSON"),
    (["check", "poa.txt", "--case-file", "img.png"], b"", 2, "not valid JSON"),
    (["check", "poa.txt", "--case-file", "list.json"], b"", 2, "one JSON object"),
    (["check", "poa.txt", "--case-file", "types.json"], b"", 2, "case_ids"),
    (["check", "poa.txt", "--case-file", "missing.json"], b"", 2, "cannot be read"),
    # outputs that cannot be written
    (["export", "1", "-o", "nowhere/x.zip"], b"", 2, "does not exist"),
    (["export", "1", "-o", "adir"], b"", 2, "directory"),
    (["draft", "1", "--as", "pdf", "-o", "nowhere/x.pdf"], b"", 2, "nowhere"),
    (["draft", "1", "--as", "docx", "-o", "adir"], b"", 2, "adir"),
    (["guide", "1", "-o", "nowhere/x.md"], b"", 2, "cannot be written"),
    (["export", "1", "-o", "/proc/x.zip"], b"", 2, "cannot write in /proc"),
    # options that do not go together
    (["draft", "1", "--as", "eml", "--to", "a@b.example"], b"", 2, "--to goes with"),
    (["draft", "1", "--as", "pdf", "--from", "a@b.example"], b"", 2, "--from goes with"),
    (["draft", "1", "--as", "escalation", "--to", "notanaddress"], b"", 2, "not a mail address"),
    # archives
    (["import", "missing.zip"], b"", 2, "no such file"),
    (["import", "adir"], b"", 2, "directory"),
    (["import", "notzip.zip"], b"", 2, "not a reinstate case archive"),
    (["import", "img.png"], b"", 2, "not a reinstate case archive"),
    (["import", "noinfo.zip"], b"", 2, "no case.json"),
    (["import", "badjson.zip"], b"", 2, "case.json is not valid"),
    (["import", "shape.zip"], b"", 2, "case.json is not valid"),
]


@pytest.mark.parametrize(
    ("argv", "stdin", "code", "words"), BAD, ids=[" ".join(b[0]) or "-" for b in BAD]
)
def test_a_bad_input_is_one_line_and_changes_nothing(
    ws: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: bytes,
    code: int,
    words: str,
) -> None:
    open_case(capsys)
    before = snapshot(capsys)
    got, err = run(capsys, argv, stdin)
    assert got == code, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reinstate"), err
    assert words in lines[0]
    assert "validation error" not in err and "type=" not in err  # no pydantic dump
    assert snapshot(capsys) == before
    assert_consistent(capsys)


def test_a_corrupt_archive_leaves_no_case_behind(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_case(capsys)
    assert run(capsys, ["export", "1", "-o", "good.zip"])[0] == 0
    data = Path("good.zip").read_bytes()
    Path("half.zip").write_bytes(data[: len(data) // 2])
    with zipfile.ZipFile("good.zip") as zf, zipfile.ZipFile("nofiles.zip", "w") as out:
        out.writestr("case.json", zf.read("case.json"))
    run(capsys, ["case", "close", "1"])
    capsys.readouterr()
    assert main(["case", "list", "--json"]) == 0
    listed = capsys.readouterr().out
    for name, words in (("half.zip", "not a reinstate case archive"), ("nofiles.zip", "missing")):
        code, err = run(capsys, ["import", name])
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1
        capsys.readouterr()
        assert main(["case", "list", "--json"]) == 0
        assert capsys.readouterr().out == listed
    assert_consistent(capsys)


@pytest.mark.parametrize(
    ("rel", "content", "argv", "words"),
    [
        ("knowledge/reasons.toml", b"[bad\n", ["knowledge", "list"], "not valid TOML"),
        ("knowledge/reasons.toml", b"[zzz]\nfoo = 1\n", ["knowledge", "list"], "zzz"),
        (
            "knowledge/reasons.toml",
            b"\xff\xfe\x00\x01",
            ["guide", "--reason", "inauthentic"],
            "UTF-8",
        ),
        ("review.toml", b"this is = = not toml", ["check", "poa.txt"], "review.toml"),
        ("review.toml", b"[rules]\nbogus = 3\n", ["rules", "list"], "unknown setting"),
        ("rules/a.toml", b"[[rule]]\nid=\n", ["rules", "list"], "not valid TOML"),
    ],
)
def test_a_broken_user_file_is_named(
    ws: Path,
    capsys: pytest.CaptureFixture[str],
    rel: str,
    content: bytes,
    argv: list[str],
    words: str,
) -> None:
    target = ws / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    code, err = run(capsys, argv)
    assert code == 2 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and rel.split("/")[-1] in lines[0]


def test_a_home_that_is_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("REINSTATE_HOME", str(home))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    code, err = run(capsys, ["case", "list"])
    assert code == 2 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "data directory" in err
    assert home.read_text(encoding="utf-8") == "not a folder"


def test_text_that_is_not_utf8_is_read_as_windows_text(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_case(capsys)
    code, err = run(capsys, ["case", "poa", "1", "latin.txt"])
    assert code == 0, err
    versions = json.loads(snapshot(capsys))["poa_versions"]
    assert [v["number"] for v in versions] == [1, 2]
    assert_consistent(capsys)


def test_a_read_only_home_is_one_line_and_left_as_it_was(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data directory the user may not write: refused in one line, nothing in it changed."""
    import os
    import shutil
    import subprocess
    import tempfile

    prefix: list[str] = []
    if os.geteuid() == 0:  # root writes anywhere: run the command as nobody instead
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a read-only home")
        prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    base = Path(tempfile.mkdtemp(prefix="reinstate-ro-"))
    try:
        home = base / "home"
        monkeypatch.setenv("REINSTATE_HOME", str(home))
        monkeypatch.delenv("DATABASE_URL", raising=False)
        assert main(["case", "new", "--notice", str(NOTICE)]) == 0
        poa = base / "poa.txt"
        poa.write_bytes(POA.read_bytes())
        before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
        for path in (base, home, *home.iterdir()):
            path.chmod(0o555 if path.is_dir() else 0o444)
        code = "from reinstate.cli import main; raise SystemExit(main())"
        for argv in (["case", "poa", "1", str(poa)], ["case", "list"]):
            done = subprocess.run(
                [*prefix, sys.executable, "-c", code, *argv],
                capture_output=True,
                text=True,
                env={**os.environ, "REINSTATE_HOME": str(home), "HOME": str(base)},
                cwd=str(base),
                timeout=120,
                check=False,
            )
            assert "Traceback" not in done.stderr, done.stderr
            if argv[1] == "list" and done.returncode == 0:
                continue  # reading a read-only database may work, depending on its journal
            assert done.returncode == 2, done.stderr
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1, done.stderr
            assert "database" in lines[0] or "data directory" in lines[0]
        after = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
        assert after == before
    finally:
        for path in (base, *base.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(base)


def test_bytes_that_are_not_utf8_in_a_name_or_a_value(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """argv bytes Python could not decode (surrogate escapes): a file name is stored with
    U+FFFD; a value that would be stored as it is refused in one line, nothing written."""
    name = "bad\udcffname.txt"
    with open(name.encode("utf-8", "surrogateescape"), "wb") as handle:
        handle.write(NOTICE.read_bytes())
    code, err = run(capsys, ["case", "new", "--notice", name])
    assert code == 0, err
    before = snapshot(capsys)
    assert "bad\ufffdname.txt" in before
    Path("other.txt").write_text("Merchant token: A2ES8KQ4VZ7M1Q\nSeller Central\n")
    code, err = run(
        capsys,
        [
            "case",
            "new",
            "--notice",
            "other.txt",
            "--store",
            "\udcff\udcfe",
            "--case-id",
            "1234567890",
        ],
    )
    assert code == 2 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "UTF-8" in err
    assert snapshot(capsys) == before
    capsys.readouterr()
    assert main(["case", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert_consistent(capsys)
