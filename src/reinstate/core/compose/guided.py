"""The guided Plan of Action: questions per part, and the seller's answers assembled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reinstate.core.case import CaseFacts
from reinstate.core.compose.blocks import blocks_to_text, to_blocks
from reinstate.core.compose.identity import identifier_block
from reinstate.core.compose.model import PART_TITLES
from reinstate.core.errors import InputError, NotFoundError
from reinstate.core.knowledge import Knowledge, Question, load_knowledge
from reinstate.core.knowledge.models import POA_PARTS, PoaPart


def guided_questions(
    reason: str, knowledge: Knowledge | None = None
) -> dict[PoaPart, list[Question]]:
    """The questions for each part of the Plan of Action for one reason code.

    Each question carries ``good_answer``: what a good answer contains, as guidance to write
    from, never text to copy.
    """
    know = knowledge if knowledge is not None else load_knowledge()
    info = know.reasons.get(reason)
    if info is None:
        known = ", ".join(sorted(know.reasons))
        raise NotFoundError(f"no guided questions for reason '{reason}' (known: {known})")
    return {part: list(info.questions.get(part, [])) for part in POA_PARTS}


def _part_text(answers: Sequence[str]) -> str:
    """One part from its answers: each answer kept as written, markdown symbols removed."""
    pieces = [blocks_to_text(to_blocks(a)) for a in answers if a and a.strip()]
    return "\n\n".join(p for p in pieces if p)


def assemble_poa(facts: CaseFacts, answers: Mapping[str, Sequence[str]]) -> str:
    """The Plan of Action text: the identifier header, then each answered part under its heading.

    ``answers`` maps a part (``root_cause``, ``corrective_actions``, ``preventive_measures``)
    to the seller's answers, one per guided question. A part with no answer yet is left
    out, so a half-written plan can be reviewed while it is written; the review reports
    the missing part.
    """
    unknown = sorted(set(answers) - set(POA_PARTS))
    if unknown:
        raise InputError(
            f"unknown Plan of Action part(s): {', '.join(unknown)} "
            f"(expected: {', '.join(POA_PARTS)})"
        )
    sections = [identifier_block(facts)]
    for part in POA_PARTS:
        given = answers.get(part, ())
        body = _part_text([given] if isinstance(given, str) else given)
        if body:
            sections.append(f"{PART_TITLES[part]}\n{body}")
    text = "\n\n".join(s for s in sections if s)
    return text + "\n" if text else ""
