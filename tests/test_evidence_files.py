"""inspect_document on real files the tests generate: PDFs (fpdf2), images (Pillow), others.

Each case runs the sandboxed child process for real.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfWriter

from reinstate.core.case import CaseFacts
from reinstate.core.errors import InputError
from reinstate.evidence import CheckResult, DocumentReport, inspect_document

NOTICE = date(2026, 3, 1)
STORE = CaseFacts(store_name="Sunny Home Goods")


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path))
    yield


def make_pdf(lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        if line:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln()
    return bytes(pdf.output())


SUPPLIER = [
    "Shenzhen Bright Trading Co., Ltd.",
    "88 Nanshan Road, Shenzhen 518000, China",
    "Tel: +86 755 8888 1234",
    "www.brighttrading.cn",
]
BUYER = ["Bill to: Sunny Home Goods LLC", "45 Market Street, Springfield, IL 62701"]


def invoice(issued: date, *, title: str = "INVOICE", supplier: list[str] | None = None) -> bytes:
    due = issued + timedelta(days=30)
    return make_pdf(
        [
            *(SUPPLIER if supplier is None else supplier),
            "",
            title,
            "Invoice No. SB-2291",
            f"Invoice date: {issued:%d.%m.%Y}",
            f"Due date: {due:%d.%m.%Y}",
            *BUYER,
            "Item               Qty    Unit price",
            "LED desk lamp      500    2.10 USD",
        ]
    )


def utility_bill(issued: date) -> bytes:
    return make_pdf(
        [
            "Springfield Power & Light",
            "1 Energy Plaza, Springfield, IL 62701",
            "Electricity bill",
            f"Bill date: {issued:%B %d, %Y}",
            f"Service period: {issued - timedelta(days=30):%m/%d/%Y} - {issued:%m/%d/%Y}",
            "Sunny Home Goods LLC",
            "45 Market Street, Springfield, IL 62701",
            "Usage: 1,240 kWh        Amount due: $182.40",
        ]
    )


def check(report: DocumentReport, check_id: str) -> CheckResult:
    matches = [c for c in report.checks if c.id == check_id]
    assert len(matches) == 1, [c.id for c in report.checks]
    return matches[0]


def run(
    content: bytes, kind: str = "invoices", name: str = "file.pdf", **kw: object
) -> DocumentReport:
    options: dict[str, object] = {"notice_date": NOTICE, "facts": STORE, **kw}
    return inspect_document(content, kind=kind, original_name=name, **options)  # type: ignore[arg-type]


# --- invoices ---------------------------------------------------------------------------


def test_good_invoice_passes_every_check() -> None:
    report = run(invoice(NOTICE - timedelta(days=200)))
    assert report.accepted and report.refused_reason is None
    assert report.detected_type == "application/pdf"
    assert report.pages == 1 and report.parse_error is None
    assert report.text_excerpt is not None and "Shenzhen Bright" in report.text_excerpt
    assert NOTICE - timedelta(days=200) in report.dates_found
    assert {c.id: c.passed for c in report.checks} == {
        "file_type": True,
        "max_size": True,
        "readable": True,
        "not_password_protected": True,
        "invoice_date_within_365_days": True,
        "supplier_contact_present": True,
        "says_invoice_not_pro_forma": True,
        "buyer_matches_store": True,
        "not_screenshot": True,
    }
    assert "200 days before the notice" in check(report, "invoice_date_within_365_days").reason


def test_invoice_older_than_365_days_fails() -> None:
    report = run(invoice(NOTICE - timedelta(days=400)))
    result = check(report, "invoice_date_within_365_days")
    assert result.passed is False
    assert "400 days" in result.reason and "365" in result.reason
    assert report.accepted  # a failed check does not refuse the file


def test_invoice_dated_after_the_notice_fails() -> None:
    result = check(run(invoice(NOTICE + timedelta(days=3))), "invoice_date_within_365_days")
    assert result.passed is False and "after the notice" in result.reason


def test_invoice_date_unknown_without_notice_date() -> None:
    report = run(invoice(NOTICE - timedelta(days=10)), notice_date=None)
    result = check(report, "invoice_date_within_365_days")
    assert result.passed is None and "notice date is not known" in result.reason


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("PRO FORMA INVOICE", "PRO FORMA"),
        ("Proforma-Rechnung", "Proforma"),
        ("QUOTATION", "quotation"),
    ],
)
def test_pro_forma_or_quote_fails(title: str, said: str) -> None:
    result = check(
        run(invoice(NOTICE - timedelta(days=30), title=title)), "says_invoice_not_pro_forma"
    )
    assert result.passed is False
    assert said.lower() in result.reason.lower()


def test_supplier_without_phone_and_website_fails() -> None:
    report = run(invoice(NOTICE - timedelta(days=30), supplier=SUPPLIER[:2]))
    result = check(report, "supplier_contact_present")
    assert result.passed is False
    assert "phone number" in result.reason and "website" in result.reason
    assert "street address" not in result.reason.split("(found")[0]


def test_buyer_name_compared_with_the_store() -> None:
    other = CaseFacts(store_name="Blue Harbor Outfitters")
    assert check(run(invoice(NOTICE), facts=other), "buyer_matches_store").passed is False
    unknown = check(run(invoice(NOTICE), facts=None), "buyer_matches_store")
    assert unknown.passed is None and "store name is not on the case" in unknown.reason


# --- utility bills ----------------------------------------------------------------------


@pytest.mark.parametrize(("age", "passed"), [(30, True), (120, False)])
def test_utility_bill_age(age: int, passed: bool) -> None:
    report = run(utility_bill(NOTICE - timedelta(days=age)), kind="utility_bill")
    result = check(report, "utility_bill_within_90_days")
    assert result.passed is passed, result.reason
    assert f"{age} days" in result.reason
    assert check(report, "looks_like_utility_bill").passed is True
    assert check(report, "holder_matches_store").passed is True


def test_utility_bill_measured_from_today_without_notice() -> None:
    today = date(2026, 6, 1)
    bill = utility_bill(today - timedelta(days=45))
    report = run(bill, kind="utility_bill", notice_date=None, today=today)
    result = check(report, "utility_bill_within_90_days")
    assert result.passed is True and "before today" in result.reason


def test_invoice_sent_as_utility_bill_does_not_look_like_one() -> None:
    report = run(invoice(NOTICE - timedelta(days=20)), kind="utility_bill")
    assert check(report, "looks_like_utility_bill").passed is False


# --- images -----------------------------------------------------------------------------


def photo_jpeg() -> bytes:
    image = Image.effect_noise((1600, 1200), 40).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 80D"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=70)
    return buffer.getvalue()


def png(size: tuple[int, int], software: str | None = None) -> bytes:
    info = PngInfo()
    if software:
        info.add_text("Software", software)
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def test_photo_of_identity_document_passes() -> None:
    report = run(photo_jpeg(), kind="identity_document", name="passport.jpg")
    assert report.accepted and report.detected_type == "image/jpeg" and report.pages == 1
    result = check(report, "not_screenshot")
    assert result.passed is True and "Canon" in result.reason and "heuristic" in result.reason
    assert report.text_excerpt is None and report.dates_found == []


def test_screen_sized_png_is_flagged_as_screenshot() -> None:
    report = run(png((1920, 1080)), kind="identity_document", name="id.png")
    result = check(report, "not_screenshot")
    assert result.passed is False
    assert "1920x1080" in result.reason and "heuristic" in result.reason
    assert report.accepted  # flagged, not refused: the heuristic can be wrong


def test_png_made_by_a_screenshot_tool_is_flagged() -> None:
    result = check(run(png((900, 700), "gnome-screenshot"), kind="utility_bill"), "not_screenshot")
    assert result.passed is False and "gnome-screenshot" in result.reason


def test_text_checks_on_an_image_say_why_they_cannot_run() -> None:
    report = run(png((1200, 1700)), kind="invoices", name="invoice.png")
    for check_id in ("invoice_date_within_365_days", "supplier_contact_present"):
        result = check(report, check_id)
        assert result.passed is None and "image" in result.reason
    assert check(report, "not_screenshot").passed is True


def test_gif_is_accepted() -> None:
    buffer = io.BytesIO()
    Image.new("P", (640, 480)).save(buffer, "GIF")
    report = run(buffer.getvalue(), kind="other", name="scan.gif")
    assert report.accepted and report.detected_type == "image/gif"
    assert check(report, "readable").passed is True


# --- refused files ----------------------------------------------------------------------


def test_word_file_is_refused_with_the_reason() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("INVOICE 12.02.2026")
    buffer = io.BytesIO()
    document.save(buffer)
    report = run(buffer.getvalue(), name="invoice.pdf")  # the name lies; the content decides
    assert not report.accepted
    assert report.refused_reason is not None
    assert (
        report.refused_reason.startswith("a Word file")
        and "export it as PDF" in report.refused_reason
    )
    assert check(report, "file_type").passed is False
    others = [c for c in report.checks if c.id not in ("file_type", "max_size")]
    assert others and all(c.passed is None and c.reason for c in others)


def test_plain_text_and_empty_files_are_refused() -> None:
    text = run(b"INVOICE\nInvoice date: 01.02.2026\n", name="invoice.txt")
    assert not text.accepted and text.refused_reason is not None
    assert "plain text" in text.refused_reason
    empty = run(b"", name="empty.pdf")
    assert not empty.accepted and empty.refused_reason == "the file is empty"


def test_file_over_the_size_limit_is_refused() -> None:
    report = run(invoice(NOTICE), max_bytes=500)
    assert not report.accepted and report.refused_reason is not None
    assert "over the limit set for uploads here" in report.refused_reason
    assert check(report, "max_size").passed is False


def test_identity_document_limit_comes_from_knowledge() -> None:
    report = run(photo_jpeg(), kind="identity_document", max_bytes=10)
    assert report.accepted  # the kind's own 50 MB limit applies, not max_bytes
    assert report.size_limit.max_bytes == 50 * 1024 * 1024


def encrypted(user_password: str, algorithm: str = "RC4-128") -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(utility_bill(NOTICE)))
    writer.encrypt(user_password, owner_password="owner-secret", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_password_protected_pdf_is_refused(algorithm: str) -> None:
    report = run(encrypted("1234", algorithm), kind="utility_bill")
    assert not report.accepted
    assert report.refused_reason is not None and "password" in report.refused_reason
    assert report.parse_error is not None and "password" in report.parse_error
    assert check(report, "not_password_protected").passed is False
    assert check(report, "utility_bill_within_90_days").passed is None


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_with_only_an_owner_password_opens(algorithm: str) -> None:
    report = run(encrypted("", algorithm), kind="utility_bill")
    assert report.accepted and report.parse_error is None
    assert check(report, "not_password_protected").passed is True
    assert check(report, "utility_bill_within_90_days").passed is True


def test_image_as_plan_of_action_is_refused() -> None:
    report = run(png((1200, 1700)), kind="plan_of_action", name="poa.png")
    assert not report.accepted
    assert report.refused_reason == "a PNG file, but this kind of document must be: PDF"


def test_a_misleading_name_is_pointed_out() -> None:
    report = run(png((1200, 1700)), kind="other", name="scan.pdf")
    assert report.accepted and report.detected_type == "image/png"
    assert check(report, "file_type").reason.endswith("its name ends in .pdf: rename it to .png")


def test_unknown_kind_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown document kind 'receipt'"):
        run(b"%PDF-1.4", kind="receipt")


# --- files that cannot be read: kept, marked, never a traceback ---------------------------


def test_garbage_pdf_is_kept_with_a_parse_error() -> None:
    report = run(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert report.accepted and report.detected_type == "application/pdf"
    assert report.parse_error is not None and "damaged" in report.parse_error
    assert check(report, "readable").passed is False
    for check_id in ("invoice_date_within_365_days", "says_invoice_not_pro_forma"):
        result = check(report, check_id)
        assert result.passed is None and "could not be read" in result.reason


def test_pdf_without_pages_is_not_readable() -> None:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    report = run(buffer.getvalue(), kind="other")
    assert report.accepted and report.pages == 0
    assert check(report, "readable") == CheckResult(
        id="readable", label="The file opens", passed=False, reason="the PDF opens but has no pages"
    )


def test_truncated_jpeg_is_kept_with_a_parse_error() -> None:
    data = photo_jpeg()
    report = run(data[: len(data) // 3], kind="identity_document", name="id.jpg")
    assert report.accepted and report.parse_error is not None
    assert check(report, "readable").passed is False


def crafted_png(width: int, height: int, rows: int = 0) -> bytes:
    """A greyscale PNG whose header claims ``width`` x ``height``; ``rows`` rows of real data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    data = b"".join(compressor.compress(row) for _ in range(rows)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [30_000, 9_500])  # over twice the pixel limit, and just over it
def test_decompression_bomb_is_stopped(side: int) -> None:
    report = run(crafted_png(side, side), kind="identity_document", name="bomb.png")
    assert report.parse_error is not None and "too many to open safely" in report.parse_error
    assert check(report, "readable").passed is False
    assert check(report, "not_screenshot").passed is None


def test_memory_limit_applies_in_the_child() -> None:
    big = crafted_png(8000, 8000, rows=8000)  # 64 MB of pixels once decoded
    assert run(big, kind="other", name="big.png").parse_error is None
    starved = run(big, kind="other", name="big.png", memory_mb=80)
    assert starved.parse_error is not None and "memory" in starved.parse_error
    assert starved.accepted


def test_parse_over_the_timeout_is_stopped() -> None:
    report = run(invoice(NOTICE), timeout_s=0.001)
    assert report.accepted
    assert report.parse_error is not None and "longer than 0.001 s" in report.parse_error
    readable = check(report, "readable")
    assert readable.passed is None and "longer than" in readable.reason


def test_contract_is_plain_json() -> None:
    import json

    contract = run(invoice(NOTICE - timedelta(days=5))).contract()
    assert contract["schema"] == 1
    assert json.loads(json.dumps(contract)) == contract
    assert set(contract) >= {
        "sha256", "size", "detected_type", "accepted", "refused_reason", "pages",
        "text_excerpt", "parse_error", "checks", "dates_found",
    }  # fmt: skip
    assert contract["checks"][0] == {
        "id": "file_type",
        "label": contract["checks"][0]["label"],
        "passed": True,
        "reason": contract["checks"][0]["reason"],
    }


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from([b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a"]),
    st.binary(max_size=300),
)
def test_any_bytes_give_a_report(header: bytes, body: bytes) -> None:
    report = run(header + body, kind="identity_document")
    assert report.sha256 and len(report.checks) >= 4
    assert report.accepted or report.refused_reason
    assert all(c.reason for c in report.checks)
