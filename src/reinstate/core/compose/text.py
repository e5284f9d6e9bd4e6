"""The Seller Central form text, and the sections every renderer lays out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reinstate.core.case import CaseFacts
from reinstate.core.compose.blocks import Block, blocks_to_text, to_blocks
from reinstate.core.compose.headers import sanitize_filename
from reinstate.core.compose.identity import identifier_block
from reinstate.core.compose.model import PART_TITLES, PoaDraft, split_parts

_IDENTIFIER_LABELS = (
    "store name",
    "store",
    "merchant token",
    "merchant id",
    "seller id",
    "case id",
    "case ids",
    "case",
    "reference",
    "marketplace",
    "date of deactivation",
    "date of suspension",
    "suspension date",
    "deactivation date",
    "section 3",
)


@dataclass
class Section:
    title: str
    blocks: list[Block]


def poa_sections(poa: PoaDraft) -> list[Section]:
    """The parts of the plan that have text, each as blocks under its heading.

    A plan written without the three headings is kept whole under one heading rather than
    lost; the identifier lines it repeats are dropped because every renderer prints them
    from the case.
    """
    sections = [
        Section(PART_TITLES[part], to_blocks(text))
        for part, text in poa.parts().items()
        if text.strip()
    ]
    if sections:
        return sections
    preamble, _ = split_parts(poa.full_text)
    body = "\n".join(
        line
        for line in (preamble or poa.full_text).splitlines()
        if line.split(":", 1)[0].strip().lower() not in _IDENTIFIER_LABELS
    )
    blocks = to_blocks(body)
    return [Section("Plan of Action", blocks)] if blocks else []


def attachment_names(names: Sequence[str]) -> list[str]:
    return [sanitize_filename(n) for n in names if n and n.strip()]


def render_form_text(facts: CaseFacts, poa: PoaDraft, attachments: Sequence[str] = ()) -> str:
    """Plain text for the Seller Central appeal form: pastes cleanly, no markdown symbols.

    The identifier lines come from the case (so they are never mistyped), then each part
    under an upper-case heading, then the attached documents by name.
    """
    chunks: list[str] = []
    ids = identifier_block(facts)
    if ids:
        chunks.append(ids)
    for section in poa_sections(poa):
        chunks.append(section.title.upper() + "\n" + blocks_to_text(section.blocks))
    names = attachment_names(attachments)
    if names:
        chunks.append("ATTACHED DOCUMENTS\n" + "\n".join(f"- {n}" for n in names))
    return "\n\n".join(chunks) + "\n"
