"""The Plan of Action as a DOCX letter (python-docx), laid out like the PDF."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reinstate.core.case import CaseFacts
from reinstate.core.compose.blocks import Block, BulletList
from reinstate.core.compose.letter import build_letter
from reinstate.core.compose.model import PoaDraft

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

FONT = "Source Serif Pro"
FALLBACK_FONTS = "Georgia"


def _blocks(doc: DocxDocument, blocks: Sequence[Block]) -> None:
    for block in blocks:
        if isinstance(block, BulletList):
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                doc.add_paragraph(item, style=style)
        else:
            doc.add_paragraph(block.text)


def render_docx(facts: CaseFacts, poa: PoaDraft, attachments: Sequence[str] = ()) -> bytes:
    """The same letter as the PDF, as an editable Word document.

    Word does not embed fonts: the document names Source Serif Pro (shipped with reinstate
    for the PDF) and Word falls back to a serif font where it is not installed.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    letter = build_letter(facts, poa, attachments)
    doc = docx.Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(20), Mm(22)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    for name in ("Heading 1", "Heading 2", "Title"):
        doc.styles[name].font.name = FONT
    accent = RGBColor(0x23, 0x40, 0x68)

    core = doc.core_properties
    core.title = letter.subject
    core.author = letter.signature
    core.subject = letter.letterhead
    core.created = poa.created_at.replace(tzinfo=None)
    core.modified = poa.created_at.replace(tzinfo=None)
    core.last_modified_by = letter.signature

    head = doc.add_paragraph()
    run = head.add_run(letter.letterhead)
    run.bold = True
    run.font.size = Pt(15)
    run.font.color.rgb = accent

    date = doc.add_paragraph(letter.date)
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    recipient = doc.add_paragraph()
    for i, line in enumerate(letter.recipient):
        if i:
            recipient.add_run().add_break()
        recipient.add_run(line)

    subject = doc.add_paragraph()
    subject_run = subject.add_run(letter.subject)
    subject_run.bold = True
    subject_run.font.size = Pt(12)

    if letter.identifiers:
        ids = doc.add_paragraph()
        for i, (label, value) in enumerate(letter.identifiers):
            if i:
                ids.add_run().add_break()
            ids.add_run(f"{label}: ").bold = True
            ids.add_run(value)

    doc.add_paragraph(letter.salutation)
    for part in letter.sections:
        heading = doc.add_heading(part.title, level=2)
        for r in heading.runs:
            r.font.color.rgb = accent
        _blocks(doc, part.blocks)

    if letter.attachments:
        doc.add_heading("Enclosures", level=2)
        _blocks(doc, [BulletList(letter.attachments)])

    doc.add_paragraph(letter.closing)
    doc.add_paragraph().add_run(letter.signature).bold = True

    footer = section.footer.paragraphs[0]
    footer.text = letter.footer
    for r in footer.runs:
        r.font.size = Pt(8)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
