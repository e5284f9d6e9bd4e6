"""The PDF and DOCX letters: text extracted back and compared, Unicode included."""

from __future__ import annotations

import io
import re

import docx
import pypdf

from reinstate.core.case import CaseFacts
from reinstate.core.compose import parse_poa, render_docx, render_pdf
from reinstate.core.compose.fonts import font_files
from tests.test_compose_fixtures import BRIGHT_KETTLE, KAFFEE, bright_kettle_poa, kaffee_poa


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_font_comes_from_a_package_not_the_system() -> None:
    files = font_files()
    assert set(files) == {"", "B", "I", "BI"}
    for path in files.values():
        assert "site-packages" in str(path) or "font_source_serif_pro" in str(path)
        assert path.read_bytes()[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO")


def test_pdf_reads_as_a_letter_with_every_part_and_identifier() -> None:
    data = render_pdf(BRIGHT_KETTLE, bright_kettle_poa(), ["permissions.png", "termination.pdf"])
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata is not None
    assert reader.metadata.title == "Plan of Action, case ID 18427719302"
    assert reader.metadata.author == "Bright Kettle Home Goods"
    text = pdf_text(data)
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == "Bright Kettle Home Goods · Merchant token A3KQ7X2M9PLZ4T"
    assert "5 November 2026" in lines  # the date of the POA version
    assert "Plan of Action, case ID 18427719302" in lines
    order = [
        "Dear Seller Performance Team,",
        "Root cause",
        "Corrective actions",
        "Preventive measures",
        "Enclosures",
        "Kind regards,",
    ]
    positions = [lines.index(heading) for heading in order]
    assert positions == sorted(positions)
    flat = squash(text)
    assert "Date of deactivation 3 November 2026" in flat
    assert "Section 3 Yes, the notice cites Section 3 of the Business Solutions Agreement" in flat
    # bullets are preserved as bullets, each point whole
    assert flat.count("• ") == 9 + 2
    assert (
        "• We ended all business relations with Glenmoor Logistics; the termination letter "
        "dated November 4, 2026 is attached." in flat
    )
    assert "• permissions.png • termination.pdf" in flat


def test_pdf_renders_unicode_with_the_shipped_font() -> None:
    data = render_pdf(KAFFEE, kaffee_poa(), ["Stromrechnung Köln – September.pdf"])
    flat = squash(pdf_text(data))
    for needle in (
        "Kaffeerösterei Łukasz Müller – Café Crème · Merchant token A1DE5KAFFEE9ZX",
        "Die Stromrechnung vom 2. August 2026 war auf die frühere Adresse in Wrocław ausgestellt.",
        "Fees of 49,90 € are paid by a card in our company's name.",
        "on the day it happens – Łukasz checks it.",
        "Stromrechnung Köln – September.pdf",
        "Section 3 No, the notice does not cite Section 3",
    ):
        assert needle in flat
    for char in "–éüł€":
        assert char in flat
    # the numbered list keeps its numbers
    assert "1. On 15 September 2026 we uploaded" in flat
    assert "2. Fees of 49,90 €" in flat


def test_long_pdf_breaks_pages_and_numbers_them() -> None:
    long_text = "Root cause\n" + "\n".join(f"- Point {i}: " + "word " * 30 for i in range(80))
    data = render_pdf(CaseFacts(store_name="S"), parse_poa(long_text))
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    assert pages >= 3
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()
    assert "Point 79:" in pdf_text(data)


def test_plan_without_headings_is_kept_whole() -> None:
    poa = parse_poa("Store name: X\nWe checked every listing and removed two on 3 May 2026.")
    flat = squash(pdf_text(render_pdf(CaseFacts(), poa)))
    assert "Plan of Action We checked every listing and removed two on 3 May 2026." in flat
    assert "Store name: X" not in flat


def test_docx_reads_back_with_headings_and_lists() -> None:
    data = render_docx(KAFFEE, kaffee_poa(), ["Stromrechnung.pdf"])
    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    texts = [t for _, t in paragraphs]
    assert texts[0] == "Kaffeerösterei Łukasz Müller – Café Crème · Merchant token A1DE5KAFFEE9ZX"
    assert "Plan of Action, case ID 7733019284" in texts
    headings = [t for style, t in paragraphs if style.startswith("Heading")]
    assert headings == ["Root cause", "Corrective actions", "Preventive measures", "Enclosures"]
    bullets = [t for style, t in paragraphs if style == "List Bullet"]
    assert bullets[0] == (
        "Die Stromrechnung vom 2. August 2026 war auf die frühere Adresse in Wrocław ausgestellt."
    )
    assert bullets[-1] == "Stromrechnung.pdf"
    numbered = [t for style, t in paragraphs if style == "List Number"]
    assert numbered[1] == "Fees of 49,90 € are paid by a card in our company's name."
    assert document.core_properties.title == "Plan of Action, case ID 7733019284"
    assert document.sections[0].footer.paragraphs[0].text.endswith("Plan of Action version 1")
    ids = next(t for t in texts if t.startswith("Store name:"))
    assert (
        "Merchant token: A1DE5KAFFEE9ZX" in ids and "Date of deactivation: 14 September 2026" in ids
    )


def test_docx_survives_control_characters_in_user_text() -> None:
    poa = parse_poa("Root cause\nA form feed\x0c and a \x00 NUL and \ufffe.\n")
    facts = CaseFacts(store_name="Shop\x07 Name\nTwo")
    document = docx.Document(io.BytesIO(render_docx(facts, poa)))
    texts = [p.text for p in document.paragraphs]
    assert "A form feed and a NUL and ." in texts
    assert texts[0] == "Shop  Name Two"
