"""A whole case played through the CLI as a new user would, checking each step's answer.

notice → appeal → more information requested → second appeal → denial → call-back →
escalation → reinstated, then export/import and doctor.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reinstate.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

DENIAL = """\
Date: Sun, 08 Nov 2026 14:05:12 +0000
From: "Amazon.com" <seller-performance@amazon.com>
To: owner@brightkettle.example
Subject: RE: Your Amazon.com selling account has been deactivated
Message-ID: <0100019a5d00aa-denial-18427719302@email.amazonses.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Hello,

We reviewed your appeal and the information you provided. We have decided not to reinstate
your selling privileges at this time. Your appeal did not explain how the related account was
able to access your account.

Merchant token: A3KQ7X2M9PLZ4T
Reference: 18427719302

Seller Performance Team
"""


def corpus(relative: str) -> Path:
    path = CORPUS / relative
    if not path.is_file():
        raise FileNotFoundError(f"the shared corpus file {path} is missing")
    return path


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def run(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *argv: str) -> Any:
        code, out, err = self.run(*argv, "--json")
        assert code == 0, err
        return json.loads(out)


def _pdf_invoice(path: Path, title: str) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in (
        title,
        "Invoice number: 2026-0413    Date: October 2, 2026",
        "Supplier: Hartwell Kitchenware Ltd, 14 Mill Road, Leeds LS1 4AB",
        "Phone: +44 113 496 0000    www.hartwell-kitchenware.example",
        "Bill to: Bright Kettle Home Goods, 220 Harbor Street, Portland OR 97204",
        "Stainless kettles KT-200, quantity 400",
    ):
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_a_whole_case_through_the_cli(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(capsys)
    poa1 = corpus("appeals/a01-related-good.txt")
    poa2 = tmp_path / "poa-v2.txt"
    poa2.write_text(
        poa1.read_text(encoding="utf-8")
        + "\nList of removed users, with the date each was removed, is attached.\n",
        encoding="utf-8",
    )
    poa3 = tmp_path / "poa-v3.txt"
    poa3.write_text(
        poa2.read_text(encoding="utf-8")
        + "\nThe warehouse devices were wiped and re-registered on November 9, 2026.\n",
        encoding="utf-8",
    )
    denial = tmp_path / "denial.eml"
    denial.write_text(DENIAL, encoding="utf-8")

    # the notice
    case = cli.json(
        "case", "new", "--notice", str(corpus("notices/n01-related-account.eml")),
        "--store", "Bright Kettle Home Goods",
    )  # fmt: skip
    cid = str(case["id"])
    assert case["case_ids"] == ["18427719302"]
    nxt = cli.json("case", "next", cid, "--at", "2026-11-03T18:00:00Z")
    assert nxt["actions"][0]["channel"] == "appeal"
    assert nxt["actions"][0]["steps"]
    assert nxt["missing"] == []
    assert nxt["strikes"]["used"] == 0
    assert all(set(c) >= {"name", "due"} for c in nxt["clocks"])

    # evidence: a pro forma is caught, a real invoice is kept
    code, out, err = cli.run(
        "case", "doc", cid, str(_pdf_invoice(tmp_path / "proforma.pdf", "PRO FORMA INVOICE")),
        "--kind", "invoices", "--json",
    )  # fmt: skip
    assert code == 1, err  # attached and kept, but a requirement is not met
    proforma = json.loads(out)
    assert [c for c in proforma["checks"] if c["passed"] is False]
    invoice = cli.json(
        "case", "doc", cid, str(_pdf_invoice(tmp_path / "invoice.pdf", "INVOICE")),
        "--kind", "invoices",
    )  # fmt: skip
    assert invoice["pages"] == 1
    code, _, err = cli.run("case", "doc", cid, str(tmp_path / "invoice.pdf"), "--kind", "invoices")
    assert code == 1 and "already attached" in err

    # the first appeal, then too soon to chase
    first = cli.json(
        "case", "log", cid, "--channel", "appeal", "--poa", str(poa1),
        "--doc", str(tmp_path / "invoice.pdf"), "--at", "2026-11-04T10:00:00Z",
    )  # fmt: skip
    assert first["status"] == "awaiting_reply"
    assert first["poa_version"] == 1
    assert isinstance(first["warnings"], list)
    nxt = cli.json("case", "next", cid, "--at", "2026-11-04T12:00:00Z")
    assert nxt["actions"][0]["channel"] == "wait"
    code, _, err = cli.run(
        "case", "log", cid, "--channel", "appeal", "--poa", str(poa1),
        "--at", "2026-11-04T20:00:00Z",
    )  # fmt: skip
    assert code == 1
    assert err.startswith("reinstate: ") and len(err.strip().splitlines()) == 1
    assert len(cli.json("case", "show", cid)["contacts"]) == 1  # nothing recorded

    # more information requested, answered with a second version
    reply = cli.json("case", "reply", cid, str(corpus("notices/n09-more-information.eml")))
    assert reply["status"] == "more_info_requested"
    nxt = cli.json("case", "next", cid, "--at", "2026-11-06T09:00:00Z")
    assert nxt["actions"][0]["channel"] in ("appeal", "email_reply")
    second = cli.json(
        "case", "log", cid, "--channel", "appeal", "--poa", str(poa2),
        "--at", "2026-11-06T10:00:00Z",
    )  # fmt: skip
    assert second["poa_version"] == 2

    # denial
    denied = cli.json("case", "reply", cid, str(denial))
    assert denied["status"] == "denied"
    nxt = cli.json("case", "next", cid, "--at", "2026-11-08T20:00:00Z")
    channels = [a["channel"] for a in nxt["actions"]]
    assert nxt["strikes"]["used"] >= 1
    assert "ahs_callback" in channels
    assert nxt["actions"][0]["channel"] != "escalation_email"  # uncertain address: never first

    # call-back, then one escalation on a new version
    call = cli.json("case", "log", cid, "--channel", "ahs_callback", "--at", "2026-11-09T15:00:00Z",
                    "--outcome", "notes_added")  # fmt: skip
    assert call["status"] == "denied"  # a call-back does not answer Amazon's denial
    nxt = cli.json("case", "next", cid, "--at", "2026-11-09T16:00:00Z")
    assert nxt["actions"][0]["channel"] == "wait"  # denied: rewrite the plan first
    v3 = cli.json("case", "poa", cid, str(poa3), "--at", "2026-11-09T18:00:00Z")
    assert v3["created_at"].startswith("2026-11-09T18:00")
    nxt = cli.json("case", "next", cid, "--at", "2026-11-09T19:00:00Z")
    assert nxt["actions"][0]["channel"] == "appeal"  # the rewritten plan goes out
    escalation = cli.json(
        "case", "log", cid, "--channel", "escalation_email", "--poa", str(poa3),
        "--at", "2026-11-10T10:00:00Z",
    )  # fmt: skip
    assert escalation["poa_version"] == 3
    nxt = cli.json("case", "next", cid, "--at", "2026-11-10T12:00:00Z")
    assert nxt["actions"][0]["channel"] == "wait"  # the new plan just went out
    assert any("escalation" in w.lower() for w in escalation["warnings"])
    code, _, err = cli.run(
        "case", "log", cid, "--channel", "escalation_email", "--poa", str(poa3),
        "--at", "2026-11-13T10:00:00Z",
    )  # fmt: skip
    assert code == 1 and "reinstate: " in err

    # reinstated
    done = cli.json("case", "reply", cid, str(corpus("notices/n10-reinstated.txt")),
                    "--at", "2026-11-19T09:00:00Z")  # fmt: skip
    assert done["status"] == "reinstated"
    nxt = cli.json("case", "next", cid, "--at", "2026-11-19T12:00:00Z")
    assert nxt["actions"][0]["channel"] == "wait"
    assert nxt["clocks"] == []

    shown = cli.json("case", "show", cid)
    assert [c["channel"] for c in shown["contacts"]] == [
        "appeal", "amazon_reply", "appeal", "amazon_reply", "ahs_callback",
        "escalation_email", "amazon_reply",
    ]  # fmt: skip
    assert [v["number"] for v in shown["poa_versions"]] == [1, 2, 3]
    listed = cli.json("case", "list")
    assert [(c["id"], c["status"]) for c in listed] == [(case["id"], "reinstated")]

    # the archive and the doctor
    archive = tmp_path / "case.zip"
    assert cli.json("export", cid, "-o", str(archive))["contacts"] == 7
    code, _, err = cli.run("import", str(archive))
    assert code == 1 and "already in case" in err
    assert cli.json("doctor")["ok"] is True


def test_bad_inputs_give_one_line_and_exit_2(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(capsys)
    missing = str(tmp_path / "missing.eml")
    for argv in (
        ["case", "new", "--notice", missing],
        ["case", "show", "42"],
        ["case", "show", "forty-two"],
        ["case", "next", "1", "--at", "soon"],
        ["import", missing],
        ["export", "7", "-o", str(tmp_path / "x.zip")],
    ):
        code, out, err = cli.run(*argv)
        assert code == 2, argv
        assert err.startswith("reinstate: ") and len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err
    case = cli.json("case", "new", "--notice", str(corpus("notices/n02-inauthentic-pasted.txt")))
    notes = tmp_path / "notes.txt"
    notes.write_text("a plain text file, not a document Amazon accepts\n")
    code, _, err = cli.run("case", "doc", str(case["id"]), str(notes), "--kind", "invoices")
    assert code == 2 and "notes.txt" in err
    code, _, err = cli.run("case", "doc", str(case["id"]), str(notes), "--kind", "receipt")
    assert code == 2 and "not a document kind" in err
    code, out, _ = cli.run("case", "list")
    assert code == 0 and "inauthentic" in out


def test_text_output_for_people(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli = Cli(capsys)
    code, out, _ = cli.run("case", "list")
    assert (code, out.strip()) == (
        0,
        "no cases yet; open one with `reinstate case new --notice FILE`",
    )
    code, out, _ = cli.run(
        "case", "new", "--notice", str(corpus("notices/n01-related-account.eml"))
    )
    assert code == 0 and out.startswith("case 1 opened (related_account; case IDs: 18427719302)")
    code, out, _ = cli.run("case", "next", "1", "--at", "2026-11-03T18:00:00Z")
    assert code == 0 and out.startswith("now: appeal")
    assert "appeals answered without success: 0 (no fixed limit in the notice)" in out
    assert "clock: " in out and "due 2027-02-01" in out  # the 90-day funds clock, by label
    code, out, _ = cli.run("case", "show", "1")
    assert code == 0 and "merchant token: A3KQ7X2M9PLZ4T" in out
    code, out, _ = cli.run("doctor")
    assert code == 0 and "all consistent" in out


def test_a_broken_file_store_is_one_line_not_a_traceback(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from PIL import Image

    cli = Cli(capsys)
    case = cli.json("case", "new", "--notice", str(corpus("notices/n01-related-account.eml")))
    (home / "files").write_text("not a folder")  # the store cannot be created
    image = tmp_path / "scan.png"
    buffer = io.BytesIO()
    Image.new("RGB", (100, 100), (0, 128, 0)).save(buffer, format="PNG")
    image.write_bytes(buffer.getvalue())
    code, _, err = cli.run("case", "doc", str(case["id"]), str(image), "--kind", "other")
    assert code == 2
    assert err.startswith("reinstate: cannot read or write a file")
    assert len(err.strip().splitlines()) == 1
    assert cli.json("case", "show", str(case["id"]))["documents"] == []


def test_an_appeal_logged_without_poa_carries_the_latest_version(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(capsys)
    case = cli.json("case", "new", "--notice", str(corpus("notices/n01-related-account.eml")))
    cid = str(case["id"])
    poa = corpus("appeals/a01-related-good.txt")
    cli.json("case", "poa", cid, str(poa), "--at", "2026-11-04T09:00:00+00:00")
    sent = cli.json("case", "log", cid, "--channel", "appeal", "--at", "2026-11-04T10:00:00Z")
    assert sent["poa_version"] == 1
    nxt = cli.json("case", "next", cid, "--at", "2026-11-05T10:00:00+00:00")
    assert nxt["actions"][0]["channel"] == "wait"
    assert not any("has not been sent" in a["why"] for a in nxt["actions"])
    # a note carries no Plan of Action, and --no-poa says so for a main channel
    note = cli.json("case", "log", cid, "--channel", "note", "--at", "2026-11-05T11:00:00Z")
    assert note["poa_version"] is None
    code, _, err = cli.run("case", "log", cid, "--channel", "appeal", "--poa", str(poa), "--no-poa")
    assert code == 2 and "cannot be used together" in err


def test_call_notes_are_saved_as_the_call_back_contact(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(capsys)
    case = cli.json("case", "new", "--notice", str(corpus("notices/n01-related-account.eml")))
    cid = str(case["id"])
    cli.json("case", "poa", cid, str(corpus("appeals/a01-related-good.txt")))
    code, script, err = cli.run("draft", cid, "--as", "call-script")
    assert code == 0, err
    template = script[script.index("Date and time of the call") :]
    answers = {
        "Date and time of the call (YYYY-MM-DD HH:MM):": " 2026-11-09 15:30",
        "Agent name or ID:": " Maria",
        "Reason code they confirmed:": " related account",
        "Investigator can see the latest appeal and documents (yes/no/unsure):": " yes",
        "Internal note added asking for a fresh review (yes/no):": " yes",
    }
    for label, answer in answers.items():
        assert label in template
        template = template.replace(label, label + answer)
    notes = tmp_path / "notes.txt"
    notes.write_text(template, encoding="utf-8")
    sent = cli.json(
        "case", "log", cid, "--channel", "ahs_callback", "--notes", str(notes), "--force"
    )
    assert sent["at"].startswith("2026-11-09T15:30")
    assert "reason code: related account" in sent["outcome"]
    assert "appeal visible to investigator: yes" in sent["outcome"]
    code, out, _ = cli.run("case", "show", cid)
    assert "outcome: reason code: related account" in out
    code, _, err = cli.run("case", "log", cid, "--channel", "note", "--notes", str(notes))
    assert code == 2 and "--notes goes with --channel ahs_callback" in err


def test_a_time_in_the_future_is_refused_and_an_appeal_without_a_plan_is_warned(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(capsys)
    case = cli.json("case", "new", "--notice", str(corpus("notices/n01-related-account.eml")))
    cid = str(case["id"])
    code, _, err = cli.run("case", "log", cid, "--channel", "appeal", "--at", "2099-01-01")
    assert code == 2 and "is in the future" in err
    code, _, err = cli.run(
        "case", "poa", cid, str(corpus("appeals/a01-related-good.txt")), "--at", "2099-01-01"
    )
    assert code == 2 and "is in the future" in err
    sent = cli.json("case", "log", cid, "--channel", "appeal", "--at", "2026-11-04T10:00:00Z")
    assert sent["poa_version"] is None
    assert any("carried no Plan of Action" in w for w in sent["warnings"])
    # a plan for a later time is still a question the planner answers
    later = cli.json("case", "next", cid, "--at", "2099-01-01T00:00:00Z")
    assert later["actions"]


def test_drafts_warn_about_a_failing_document_and_escalation_needs_something_new(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(capsys)
    case = cli.json("case", "new", "--notice", str(corpus("notices/n01-related-account.eml")))
    cid = str(case["id"])
    cli.json("case", "poa", cid, str(corpus("appeals/a01-related-good.txt")))
    proforma = _pdf_invoice(tmp_path / "proforma.pdf", "PRO FORMA INVOICE")
    code, _, _ = cli.run("case", "doc", cid, str(proforma), "--kind", "invoices")
    assert code == 1
    code, _, err = cli.run("draft", cid, "--as", "eml", "-o", str(tmp_path / "reply.eml"))
    assert code == 0, err
    assert "proforma.pdf does not meet" in err and "Replace it before sending" in err

    cli.json("case", "log", cid, "--channel", "appeal", "--doc", str(proforma), "--force")
    code, _, err = cli.run("draft", cid, "--as", "escalation", "--to", "a@example.com")
    assert code == 1 and "already went out and nothing new" in err
