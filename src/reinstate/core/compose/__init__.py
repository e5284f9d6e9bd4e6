"""Drafting: the guided Plan of Action and everything rendered from a case and a POA version.

Pure core: plain data in, text or bytes out; no Django, database or network. The heavy
libraries (fpdf2, python-docx) are imported only by the renderer that needs them.
"""

from reinstate.core.compose.call import (
    CallNotes,
    parse_call_notes,
    render_call_notes_template,
    render_call_script,
)
from reinstate.core.compose.decode import MissingItem, decode_reply, reply_wordings
from reinstate.core.compose.diff import PartChange, PoaDiff, diff_poa
from reinstate.core.compose.escalation import render_escalation_eml
from reinstate.core.compose.guided import assemble_poa, guided_questions
from reinstate.core.compose.headers import sanitize_filename, sanitize_header
from reinstate.core.compose.mail import render_reply_eml
from reinstate.core.compose.model import Attachment, PoaDraft, guess_mime, parse_poa
from reinstate.core.compose.pdf import render_pdf
from reinstate.core.compose.text import render_form_text
from reinstate.core.compose.word import render_docx
from reinstate.core.compose.worksheet import parse_worksheet, render_worksheet

__all__ = [
    "Attachment",
    "CallNotes",
    "MissingItem",
    "PartChange",
    "PoaDiff",
    "PoaDraft",
    "assemble_poa",
    "decode_reply",
    "diff_poa",
    "guess_mime",
    "guided_questions",
    "parse_call_notes",
    "parse_poa",
    "parse_worksheet",
    "render_call_notes_template",
    "render_call_script",
    "render_docx",
    "render_escalation_eml",
    "render_form_text",
    "render_pdf",
    "render_reply_eml",
    "render_worksheet",
    "reply_wordings",
    "sanitize_filename",
    "sanitize_header",
]
