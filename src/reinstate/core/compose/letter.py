"""The Plan of Action as a letter: the content shared by the PDF and DOCX renderers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reinstate.core.case import CaseFacts
from reinstate.core.compose.headers import sanitize_header
from reinstate.core.compose.identity import case_reference, identifier_lines, long_date, signature
from reinstate.core.compose.model import PoaDraft
from reinstate.core.compose.text import Section, attachment_names, poa_sections


@dataclass
class Letter:
    letterhead: str
    date: str
    recipient: list[str]
    subject: str
    identifiers: list[tuple[str, str]]
    salutation: str
    sections: list[Section]
    attachments: list[str] = field(default_factory=list)
    closing: str = "Kind regards,"
    signature: str = ""
    footer: str = ""


def build_letter(facts: CaseFacts, poa: PoaDraft, attachments: Sequence[str] = ()) -> Letter:
    """Letterhead with store name and merchant token, date, subject with the case IDs, parts."""
    store = sanitize_header(facts.store_name or "")
    token = sanitize_header(facts.merchant_token or "")
    marketplace = sanitize_header(facts.marketplace or "")
    head = [store or "Amazon selling account"]
    if token:
        head.append(f"Merchant token {token}")
    recipient = ["Seller Performance Team"]
    recipient.append(f"Amazon ({marketplace})" if marketplace else "Amazon")
    subject = "Plan of Action"
    reference = case_reference(facts)
    if reference:
        subject += f", {reference}"
    footer = " · ".join(head) + f" · Plan of Action version {poa.version}"
    return Letter(
        letterhead=" · ".join(head),
        date=long_date(poa.created_at.date()),
        recipient=recipient,
        subject=subject,
        identifiers=identifier_lines(facts),
        salutation="Dear Seller Performance Team,",
        sections=poa_sections(poa),
        attachments=attachment_names(attachments),
        signature=signature(facts),
        footer=footer,
    )
