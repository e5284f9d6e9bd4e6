"""``reinstate draft``: every format from a real case in a temporary desk."""

from __future__ import annotations

import io
import json
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest

from reinstate.cli import main
from tests.test_compose_fixtures import CORPUS

PDF_DOC = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    """A small real PNG (a document that opens), made the same way every run."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 210, 220)).save(out, format="PNG")
    return out.getvalue()


PNG_DOC = _png()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def parse(path: Path) -> EmailMessage:
    msg = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


@pytest.fixture
def case(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    opened = run_json(
        capsys,
        "case",
        "new",
        "--notice",
        str(CORPUS / "notices" / "n01-related-account.eml"),
        "--store",
        "Bright Kettle Home Goods",
        "--at",
        "2026-11-03T18:00:00Z",
    )
    case_id = str(opened["id"])
    run_json(capsys, "case", "poa", case_id, str(CORPUS / "appeals" / "a01-related-good.txt"))
    permissions = tmp_path / "user-permissions.png"
    permissions.write_bytes(PNG_DOC)
    code, _, err = run(capsys, "case", "doc", case_id, str(permissions), "--kind", "other")
    assert code == 0, err
    return case_id


def test_form_text_to_stdout_and_as_json(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "draft", case, "--as", "form")
    assert code == 0, err
    assert out.startswith("Store name: Bright Kettle Home Goods\nMerchant token: A3KQ7X2M9PLZ4T")
    assert "ROOT CAUSE\n- In March 2025" in out
    assert out.rstrip().endswith("ATTACHED DOCUMENTS\n- user-permissions.png")
    data = run_json(capsys, "draft", case, "--as", "form")
    assert data["schema"] == 1 and data["poa_version"] == 1
    assert data["text"] == out
    assert data["attachments"] == ["user-permissions.png"]


def test_reply_eml_threads_into_the_notice_with_the_case_documents(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "reply.eml"
    code, _, err = run(
        capsys, "draft", case, "--as", "eml", "-o", str(target), "--from", "owner@bk.example"
    )
    assert code == 0, err
    assert "written to" in err
    msg = parse(target)
    assert msg["Subject"] == "Re: Your Amazon.com selling account has been deactivated"
    assert msg["In-Reply-To"] == (
        "<0100019a3c2f8e5b-7d1e4f6a-2c3b-4e8d-9a0f-1b2c3d4e5f60-000000@email.amazonses.com>"
    )
    assert msg["To"] == '"Amazon.com" <seller-performance@amazon.com>'
    files = [(a.get_filename(), a.get_payload(decode=True)) for a in msg.iter_attachments()]
    assert files == [("user-permissions.png", PNG_DOC)]


def test_doc_files_replace_the_case_documents(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invoice = tmp_path / "invoice 2026.pdf"
    invoice.write_bytes(PDF_DOC)
    target = tmp_path / "reply.eml"
    data = run_json(capsys, "draft", case, "--as", "eml", "--doc", str(invoice), "-o", str(target))
    assert data["attachments"] == ["invoice 2026.pdf"] and data["output"] == str(target)
    parts = list(parse(target).iter_attachments())
    assert [(p.get_content_type(), p.get_payload(decode=True)) for p in parts] == [
        ("application/pdf", PDF_DOC)
    ]


def test_pdf_docx_and_call_script(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf_path, docx_path = tmp_path / "poa.pdf", tmp_path / "poa.docx"
    assert run(capsys, "draft", case, "--as", "pdf", "-o", str(pdf_path))[0] == 0
    reader = pypdf.PdfReader(io.BytesIO(pdf_path.read_bytes()))
    assert "Plan of Action, case ID 18427719302" in reader.pages[0].extract_text()
    assert run(capsys, "draft", case, "--as", "docx", "-o", str(docx_path))[0] == 0
    texts = [p.text for p in docx.Document(str(docx_path)).paragraphs]
    assert "Preventive measures" in texts
    code, out, _ = run(capsys, "draft", case, "--as", "call-script")
    assert code == 0
    assert "1. Confirm the exact reason code." in out
    assert "Latest Plan of Action: version 1" in out


def test_escalation_says_what_changed_and_is_refused_the_second_time(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v1 = CORPUS / "appeals" / "a01-related-good.txt"
    code, _, err = run(
        capsys, "case", "log", case, "--channel", "appeal", "--poa", str(v1),
        "--at", "2026-11-04T10:00:00Z",
    )  # fmt: skip
    assert code == 0, err
    v2 = tmp_path / "poa-v2.txt"
    v2.write_text(
        v1.read_text(encoding="utf-8").replace(
            "Preventive measures\n",
            "Preventive measures\n- Warehouse devices are wiped and re-registered each quarter.\n",
        ),
        encoding="utf-8",
    )
    run_json(capsys, "case", "poa", case, str(v2))
    target = tmp_path / "escalation.eml"
    data = run_json(capsys, "draft", case, "--as", "escalation", "-o", str(target))
    assert data["previous_version"] == 1 and data["poa_version"] == 2
    assert data["attachments"] == ["user-permissions.png"]  # never sent before
    assert any("not confirmed" in w for w in data["warnings"])
    msg = parse(target)
    assert msg["To"] == "seller-performance@amazon.com"
    body = msg.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert "Preventive measures: 1 point added." in text
    assert "Added: Warehouse devices are wiped and re-registered each quarter." in text
    names = [a.get_filename() for a in msg.iter_attachments()]
    assert names == ["Plan of Action v2 A3KQ7X2M9PLZ4T.pdf", "user-permissions.png"]

    code, _, err = run(
        capsys, "case", "log", case, "--channel", "escalation_email", "--poa", str(v2),
        "--at", "2026-11-20T10:00:00Z", "--force",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run(capsys, "draft", case, "--as", "escalation", "-o", str(target))
    assert code == 1
    assert err.startswith("reinstate: an escalation was already sent for Plan of Action version 2")


def test_clear_errors(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "draft", "7", "--as", "form")
    assert code == 2 and "there is no case 7" in err
    opened = run_json(
        capsys, "case", "new", "--notice", str(CORPUS / "notices" / "n01-related-account.eml")
    )
    code, _, err = run(capsys, "draft", str(opened["id"]), "--as", "form")
    assert code == 2 and "has no Plan of Action yet" in err
    assert err.count("\n") == 1


def test_the_drafting_inputs_come_from_the_desk_service_as_plain_data(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reinstate.core.case import CaseFacts
    from reinstate.core.compose import PoaDraft
    from reinstate.desk.services.drafts import draft_inputs

    inputs = draft_inputs(case)
    assert isinstance(inputs.facts, CaseFacts) and isinstance(inputs.poa, PoaDraft)
    assert inputs.facts.merchant_token == "A3KQ7X2M9PLZ4T"
    assert inputs.poa.version == 1 and inputs.poa.root_cause.startswith("- In March 2025")
    assert [d.name for d in inputs.documents] == ["user-permissions.png"]
    assert inputs.documents[0].content == PNG_DOC
    assert [d.name for d in inputs.new_documents] == ["user-permissions.png"]
    assert inputs.sent_versions == {} and inputs.last_submission_at is None

    code, _, err = run(
        capsys, "case", "log", case, "--channel", "appeal",
        "--poa", str(CORPUS / "appeals" / "a01-related-good.txt"),
        "--doc", str(tmp_path / "user-permissions.png"), "--at", "2026-11-04T10:00:00Z",
    )  # fmt: skip
    assert code == 0, err
    sent = draft_inputs(int(case))
    assert list(sent.sent_versions) == [1] and sent.previous_sent() is None
    assert sent.last_submission_at is not None and sent.new_documents == []
    assert sent.escalated_versions == []
    given = draft_inputs(case, [("invoice.pdf", PDF_DOC)])
    assert [(d.name, d.content) for d in given.documents] == [("invoice.pdf", PDF_DOC)]
    assert given.new_documents == given.documents
