"""The reply and escalation e-mails, parsed back with the standard library."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reinstate.core.case import CaseFacts
from reinstate.core.compose import (
    Attachment,
    parse_poa,
    render_escalation_eml,
    render_reply_eml,
    sanitize_filename,
    sanitize_header,
)
from reinstate.core.errors import InputError, RefusedError
from tests.test_compose_fixtures import BRIGHT_KETTLE, KAFFEE, bright_kettle_poa, kaffee_poa

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00\xff" * 40


def body_text(msg: EmailMessage, kind: str = "plain") -> str:
    part = msg.get_body((kind,))
    assert part is not None
    text: str = part.get_content()
    return text.replace("\r\n", "\n")


def parse(data: bytes) -> EmailMessage:
    msg = message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def attachments_of(msg: EmailMessage) -> list[tuple[str | None, str, bytes]]:
    out = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        out.append((part.get_filename(), part.get_content_type(), payload))
    return out


def test_reply_threads_into_the_notice_and_carries_the_documents() -> None:
    docs = [
        Attachment("User permissions.png", PNG_BYTES),
        Attachment("Termination letter.pdf", PDF_BYTES),
        Attachment("contract.jpg", JPEG_BYTES),
    ]
    data = render_reply_eml(
        BRIGHT_KETTLE,
        bright_kettle_poa(),
        docs,
        from_address="Priya Nand <owner@brightkettle.example>",
        sent_at=datetime(2026, 11, 5, 10, 0, tzinfo=UTC),
    )
    assert b"\r\n" in data and b"\n\n" not in data.replace(b"\r\n", b"")
    msg = parse(data)
    assert msg.defects == []
    assert msg["To"] == '"Amazon.com" <seller-performance@amazon.com>'
    assert msg["From"] == "Priya Nand <owner@brightkettle.example>"
    assert msg["Subject"] == "Re: Your Amazon.com selling account has been deactivated"
    parent = BRIGHT_KETTLE.notice_message_id
    assert msg["In-Reply-To"] == parent
    assert msg["References"] == parent
    # the raw header carries the Message-ID as it is, not folded into encoded words that
    # mail programs do not decode when threading
    assert f"\r\nIn-Reply-To: {parent}\r\n".encode() in data
    assert f"\r\nReferences: {parent}\r\n".encode() in data
    assert msg["Date"] == "Thu, 05 Nov 2026 10:00:00 +0000"
    assert msg["Message-ID"].endswith("@brightkettle.example>")
    assert msg.get_content_type() == "multipart/mixed"
    assert attachments_of(msg) == [
        ("User permissions.png", "image/png", PNG_BYTES),
        ("Termination letter.pdf", "application/pdf", PDF_BYTES),
        ("contract.jpg", "image/jpeg", JPEG_BYTES),
    ]
    text = body_text(msg)
    for needle in (
        "Store name: Bright Kettle Home Goods",
        "Merchant token: A3KQ7X2M9PLZ4T",
        "Case ID: 18427719302",
        "Date of deactivation: 3 November 2026",
        "ROOT CAUSE\n- In March 2025",
        "CORRECTIVE ACTIONS\n",
        "PREVENTIVE MEASURES\n",
        "ATTACHED DOCUMENTS\n- User permissions.png\n- Termination letter.pdf\n- contract.jpg",
    ):
        assert needle in text
    markup = body_text(msg, "html")
    assert "<h3>Root cause</h3>" in markup
    assert markup.count("<li>") == 9 + 3
    assert '"GM Direct"' not in markup and "&quot;GM Direct&quot;" in markup


def test_reply_without_the_notice_sender_or_subject_is_refused_clearly() -> None:
    poa = bright_kettle_poa()
    with pytest.raises(InputError, match="address the notice came from"):
        render_reply_eml(BRIGHT_KETTLE.model_copy(update={"notice_from": None}), poa)
    with pytest.raises(InputError, match="subject"):
        render_reply_eml(BRIGHT_KETTLE.model_copy(update={"notice_subject": " \n"}), poa)
    with pytest.raises(InputError, match="not a mail address"):
        render_reply_eml(BRIGHT_KETTLE, poa, from_address="owner at example")


def test_reply_keeps_an_re_subject_as_the_issue_says() -> None:
    facts = BRIGHT_KETTLE.model_copy(
        update={"notice_subject": "RE: Your account", "notice_message_id": None}
    )
    msg = parse(render_reply_eml(facts, bright_kettle_poa()))
    assert msg["Subject"] == "Re: RE: Your account"
    assert msg["In-Reply-To"] is None and msg["References"] is None


def test_reply_with_unicode_subject_and_store_name() -> None:
    msg = parse(
        render_reply_eml(KAFFEE, kaffee_poa(), [Attachment("Stromrechnung Köln.pdf", PDF_BYTES)])
    )
    assert msg["Subject"] == "Re: Ihr Verkäuferkonto wurde deaktiviert – Überprüfung erforderlich"
    assert attachments_of(msg) == [("Stromrechnung Köln.pdf", "application/pdf", PDF_BYTES)]
    assert "Kaffeerösterei Łukasz Müller – Café Crème" in body_text(msg)


def test_header_injection_is_neutralised() -> None:
    facts = BRIGHT_KETTLE.model_copy(
        update={
            "notice_subject": "Deactivated\r\nBcc: victim@example.com\n",
            "store_name": "Shop\nX-Evil: 1",
        }
    )
    data = render_reply_eml(facts, bright_kettle_poa(), [Attachment("a\r\nb\x00.pdf", PDF_BYTES)])
    msg = parse(data)
    assert msg["Bcc"] is None and msg["X-Evil"] is None
    assert msg["Subject"] == "Re: Deactivated  Bcc: victim@example.com"
    assert attachments_of(msg) == [("a  b .pdf", "application/pdf", PDF_BYTES)]


def test_sanitize_header_and_filename() -> None:
    assert sanitize_header("a\nb\r\nc\x00d\te\u2028f") == "a b  c d e f"
    assert sanitize_header("  Subject  with  spaces \n") == "Subject  with  spaces"
    assert sanitize_header("=?UTF-8?Q?K=C3=B6ln?=") == "Köln"
    assert sanitize_header("invoice\u202efdp.exe") == "invoicefdp.exe"
    assert sanitize_filename("../../etc/passwd") == "passwd"
    assert sanitize_filename("C:\\Users\\me\\bill.pdf") == "bill.pdf"
    assert sanitize_filename('Invoice <March>: "final"?.pdf') == "Invoice _March__ 'final'_.pdf"
    assert sanitize_filename("scans/..") == "scans"
    assert sanitize_filename(" \n ") == "attachment"
    long = sanitize_filename("x" * 500 + ".pdf")
    assert len(long) == 150 and long.endswith(".pdf")


HOSTILE = st.sampled_from(
    [
        "\n",
        "\r",
        "\r\n",
        "\x00",
        "\t",
        "\x0b",
        "\x0c",
        "\x85",
        "\u2028",
        "\u2029",
        "\u202e",
        "=?",
        "?=",
        "=?utf-8?q?",
        ":",
        ";",
        ",",
        "<",
        ">",
        '"',
        "'",
        "\\",
        "/",
        "(",
        ")",
        " ",
        "  ",
        "é",
        "€",
        "ł",
        "日本",
        "😀",
        "Re: ",
        "RE:",
        "Bcc: x@y.z",
    ]
)
hostile_text = st.lists(st.one_of(st.characters(), HOSTILE), max_size=60).map("".join) | st.text(
    min_size=100, max_size=400
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    subject=hostile_text,
    store=hostile_text,
    names=st.lists(hostile_text, max_size=3),
    contents=st.lists(st.binary(max_size=300), min_size=3, max_size=3),
)
def test_any_hostile_input_gives_a_parseable_reply(
    subject: str, store: str, names: list[str], contents: list[bytes]
) -> None:
    facts = BRIGHT_KETTLE.model_copy(update={"notice_subject": subject, "store_name": store})
    docs = [Attachment(name, content) for name, content in zip(names, contents, strict=False)]
    poa = parse_poa("Root cause\n" + store + "\nCorrective actions\n- done")
    if not sanitize_header(subject):
        with pytest.raises(InputError):
            render_reply_eml(facts, poa, docs)
        return
    msg = parse(render_reply_eml(facts, poa, docs))
    assert msg["Subject"] == "Re: " + sanitize_header(subject)
    assert msg["To"] == '"Amazon.com" <seller-performance@amazon.com>'
    assert msg["In-Reply-To"] == BRIGHT_KETTLE.notice_message_id
    assert [(n, c) for n, _, c in attachments_of(msg)] == [
        (sanitize_filename(d.name), d.content) for d in docs
    ]
    keys = {k.lower() for k, _ in msg.items()}
    assert keys <= {
        "from",
        "to",
        "subject",
        "in-reply-to",
        "references",
        "mime-version",
        "content-type",
        "date",
        "message-id",
        "content-transfer-encoding",
    }


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_escalation_says_what_changed_and_attaches_the_plan_as_pdf() -> None:
    v1 = bright_kettle_poa(1)
    text = (
        v1.full_text.replace(
            "- Access is removed on the last day of any contract, confirmed by a second person.",
            "- Access is removed on the last day of any contract, confirmed by a second person.\n"
            "- Every device used for Seller Central is listed in an asset register checked "
            "each quarter.",
        )
        .replace(
            "- We ended all business relations with Glenmoor Logistics; the termination "
            "letter dated November 4, 2026 is attached.\n",
            "",
        )
        .replace(
            "We changed the account password", "On November 4, 2026 we changed the account password"
        )
    )
    v2 = parse_poa(text, version=2, created_at=datetime(2026, 11, 12, tzinfo=UTC))
    data = render_escalation_eml(
        BRIGHT_KETTLE,
        v2,
        v1,
        new_documents=["asset register.pdf"],
        attachments=[Attachment("asset register.pdf", PDF_BYTES)],
        to_address="seller-performance@amazon.com",
    )
    msg = parse(data)
    assert msg["To"] == "seller-performance@amazon.com"
    assert msg["Subject"] == (
        "Updated Plan of Action (version 2) – Case ID 18427719302 – "
        "Bright Kettle Home Goods (A3KQ7X2M9PLZ4T)"
    )
    assert msg["References"] == BRIGHT_KETTLE.notice_message_id
    text_body = body_text(msg)
    assert "What changed since version 1 (dated 5 November 2026):" in text_body
    assert "Root cause: no change." in text_body
    assert "Corrective actions: 1 point removed, 1 point reworded." in text_body
    assert "  Removed: We ended all business relations with Glenmoor Logistics" in text_body
    assert "  Reworded: On November 4, 2026 we changed the account password" in text_body
    assert "Preventive measures: 1 point added." in text_body
    assert "  Added: Every device used for Seller Central is listed" in text_body
    assert "New documents attached:\n  - asset register.pdf" in text_body
    for needle in ("Merchant token: A3KQ7X2M9PLZ4T", "Store name: Bright Kettle Home Goods"):
        assert needle in text_body
    assert len(text_body.split()) < 300  # one short message
    files = attachments_of(msg)
    assert [(n, t) for n, t, _ in files] == [
        ("Plan of Action v2 A3KQ7X2M9PLZ4T.pdf", "application/pdf"),
        ("asset register.pdf", "application/pdf"),
    ]
    assert files[1][2] == PDF_BYTES
    pdf_text = _pdf_text(files[0][2])
    assert "Every device used for Seller Central is listed in an asset register" in pdf_text
    assert "Plan of Action version 2" in pdf_text


def test_escalation_for_an_unchanged_plan_is_refused() -> None:
    v1 = bright_kettle_poa(1)
    v2 = parse_poa(v1.full_text + "\n", version=2, created_at=v1.created_at)
    with pytest.raises(RefusedError, match="says the same as version 1"):
        render_escalation_eml(BRIGHT_KETTLE, v2, v1)
    # a new document alone is a change worth one message
    msg = parse(render_escalation_eml(BRIGHT_KETTLE, v2, v1, new_documents=["invoice.pdf"]))
    assert msg["To"] is None
    assert "New documents attached:\n  - invoice.pdf" in body_text(msg)


def test_first_escalation_without_an_earlier_version() -> None:
    msg = parse(render_escalation_eml(KAFFEE, kaffee_poa(), None, to_address="a@amazon.de"))
    assert "No earlier version of the Plan of Action was sent" in body_text(msg)
    assert msg["Subject"].startswith("Updated Plan of Action (version 1) – Case ID 7733019284")


def test_escalation_to_a_bad_address_is_an_input_error() -> None:
    with pytest.raises(InputError, match="recipient"):
        render_escalation_eml(CaseFacts(), kaffee_poa(), None, to_address="nobody")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(store=hostile_text, token=hostile_text, case_id=hostile_text, doc=hostile_text)
def test_any_hostile_identifiers_give_a_parseable_escalation(
    store: str, token: str, case_id: str, doc: str
) -> None:
    from reinstate.core.compose.escalation import escalation_subject

    facts = CaseFacts(store_name=store, merchant_token=token, case_ids=[case_id])
    v1 = kaffee_poa(1)
    v2 = parse_poa(v1.full_text + "\n- Checked again on 1 December 2026.\n", version=2,
                   created_at=v1.created_at)  # fmt: skip
    msg = parse(render_escalation_eml(facts, v2, v1, [doc], [Attachment(doc, PDF_BYTES)]))
    assert msg["Subject"] == escalation_subject(facts, v2)
    assert "\n" not in msg["Subject"] and "\r" not in msg["Subject"]
    files = attachments_of(msg)
    assert files[0][0] is not None and files[0][0].endswith(".pdf")
    assert files[0][2].startswith(b"%PDF-")
    assert files[1] == (sanitize_filename(doc), "application/pdf", PDF_BYTES)
    assert "Added: Checked again on 1 December 2026." in body_text(msg)
