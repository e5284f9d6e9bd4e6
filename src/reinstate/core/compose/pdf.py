"""The Plan of Action as a PDF letter (fpdf2, with a TrueType font shipped in a package)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import TYPE_CHECKING

from reinstate.core.case import CaseFacts
from reinstate.core.compose.blocks import BulletList
from reinstate.core.compose.fonts import font_files
from reinstate.core.compose.letter import Letter, build_letter
from reinstate.core.compose.model import PoaDraft

if TYPE_CHECKING:
    from fpdf import FPDF

FAMILY = "SourceSerif"
BODY = 10.5
LINE = 5.2
INK = (33, 37, 41)
MUTED = (96, 103, 112)
ACCENT = (35, 64, 104)


def _new_pdf(letter: Letter) -> FPDF:
    from fpdf import FPDF

    class _LetterPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font(FAMILY, "", 8)
            self.set_text_color(*MUTED)
            self.cell(0, 5, letter.footer, align="L")
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = _LetterPDF(format="A4", unit="mm")
    for style, path in font_files().items():
        pdf.add_font(FAMILY, style, str(path))
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.alias_nb_pages()
    return pdf


def _write_blocks(pdf: FPDF, blocks: Sequence[object]) -> None:
    from reinstate.core.compose.blocks import Paragraph

    width = pdf.w - pdf.l_margin - pdf.r_margin
    for block in blocks:
        if isinstance(block, Paragraph):
            pdf.multi_cell(width, LINE, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif isinstance(block, BulletList):
            for number, item in enumerate(block.items, 1):
                mark = f"{number}." if block.ordered else "•"
                pdf.set_x(pdf.l_margin + 3)
                pdf.cell(6, LINE, mark)
                pdf.multi_cell(width - 9, LINE, item, align="L", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(0.8)
            pdf.ln(1.5)


def render_pdf(facts: CaseFacts, poa: PoaDraft, attachments: Sequence[str] = ()) -> bytes:
    """A one-column letter: letterhead, date, recipient, subject with case IDs, identifier
    lines, the three parts under headings with their bullet lists, enclosures, closing."""
    letter = build_letter(facts, poa, attachments)
    pdf = _new_pdf(letter)
    pdf.set_title(letter.subject)
    pdf.set_author(letter.signature)
    pdf.set_subject(letter.letterhead)
    pdf.set_creator("reinstate")
    created = poa.created_at if poa.created_at.tzinfo else poa.created_at.replace(tzinfo=UTC)
    pdf.set_creation_date(created)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_text_color(*ACCENT)
    pdf.set_font(FAMILY, "B", 15)
    pdf.multi_cell(width, 7, letter.letterhead, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.w - pdf.r_margin, pdf.get_y() + 1.5)
    pdf.ln(6)

    pdf.set_text_color(*INK)
    pdf.set_font(FAMILY, "", BODY)
    pdf.cell(width, LINE, letter.date, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for line in letter.recipient:
        pdf.cell(width, LINE, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)

    pdf.set_font(FAMILY, "B", 12)
    pdf.multi_cell(width, 6, letter.subject, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    if letter.identifiers:
        label_width = 42
        for label, value in letter.identifiers:
            pdf.set_font(FAMILY, "B", BODY)
            pdf.set_text_color(*MUTED)
            pdf.cell(label_width, LINE, label)
            pdf.set_font(FAMILY, "", BODY)
            pdf.set_text_color(*INK)
            pdf.multi_cell(
                width - label_width, LINE, value, align="L", new_x="LMARGIN", new_y="NEXT"
            )
        pdf.ln(4)

    pdf.set_font(FAMILY, "", BODY)
    pdf.cell(width, LINE, letter.salutation, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    for section in letter.sections:
        pdf.set_font(FAMILY, "B", 12)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(width, 6.5, section.title, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font(FAMILY, "", BODY)
        pdf.set_text_color(*INK)
        _write_blocks(pdf, section.blocks)
        pdf.ln(2)

    if letter.attachments:
        pdf.set_font(FAMILY, "B", BODY)
        pdf.cell(width, LINE, "Enclosures", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", BODY)
        _write_blocks(pdf, [BulletList(letter.attachments)])

    pdf.ln(3)
    pdf.cell(width, LINE, letter.closing, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", BODY)
    pdf.multi_cell(width, LINE, letter.signature, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
