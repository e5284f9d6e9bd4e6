"""The Plan of Action worksheet: the guided questions as a file the seller fills in.

The worksheet is plain text a seller can open in any editor. Lines that start with ``#`` are
guidance and never reach the Plan of Action; each part starts with a ``== PART ==`` line and
each question with a ``# Q<n>.`` line, and the seller writes the answer under its question.
"""

from __future__ import annotations

import re
import textwrap

from reinstate.core.case import CaseFacts
from reinstate.core.compose.guided import guided_questions
from reinstate.core.compose.model import PART_TITLES
from reinstate.core.errors import InputError
from reinstate.core.knowledge import Knowledge, load_knowledge
from reinstate.core.knowledge.models import POA_PARTS, PoaPart

_PART_LINE = re.compile(r"^==\s*(.+?)\s*==\s*$")
_QUESTION_LINE = re.compile(r"^#\s*Q\d+\.")
_MARKERS: dict[str, PoaPart] = {PART_TITLES[p].upper(): p for p in POA_PARTS}
_WIDTH = 88


def _comment(text: str, first: str = "# ", rest: str = "#   ") -> list[str]:
    """Guidance wrapped for an editor, every line a comment."""
    return textwrap.wrap(text, _WIDTH, initial_indent=first, subsequent_indent=rest) or [first]


def render_worksheet(
    facts: CaseFacts, *, case_label: str | None = None, knowledge: Knowledge | None = None
) -> str:
    """A worksheet with every guided question for the case's reason, ready to fill in."""
    know = knowledge if knowledge is not None else load_knowledge()
    questions = guided_questions(facts.reason, know)
    reason = know.reasons[facts.reason]
    about = " · ".join(x for x in (case_label, reason.label, facts.store_name) if x)
    lines = [
        "# PLAN OF ACTION WORKSHEET",
        f"# {about}",
        "#",
        "# Answer each question in your own words, on the lines under it. Lines that start",
        "# with # are guidance and are left out of the Plan of Action. Dates, numbers, names",
        "# and the documents you attach make an answer strong; feelings, money and promises",
        "# without a process make it weak. A question that does not apply can stay empty.",
    ]
    if reason.pitfalls:
        lines += ["#", "# Common mistakes with this reason:"]
        for pitfall in reason.pitfalls:
            lines += _comment(pitfall, "#   - ", "#     ")
    number = 0
    for part in POA_PARTS:
        lines += ["", f"== {PART_TITLES[part].upper()} ==", ""]
        for q in questions[part]:
            number += 1
            lines += _comment(f"Q{number}. {q.ask}")
            lines += _comment(f"A good answer: {q.good_answer}")
            lines += ["", ""]
    return "\n".join(lines).rstrip() + "\n"


def parse_worksheet(text: str) -> dict[PoaPart, list[str]]:
    """The seller's answers by part, in question order; empty answers are left out.

    Text written before the first part line, or under an unknown part line, is an error
    rather than silently dropped.
    """
    answers: dict[PoaPart, list[str]] = {p: [] for p in POA_PARTS}
    part: PoaPart | None = None
    current: list[str] = []
    stray: list[str] = []

    def flush() -> None:
        body = "\n".join(current).strip()
        if body and part is not None:
            answers[part].append(body)
        current.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        marker = _PART_LINE.match(raw.strip())
        if marker:
            flush()
            name = marker.group(1).upper()
            if name not in _MARKERS:
                known = ", ".join(f"== {m} ==" for m in _MARKERS)
                raise InputError(f"unknown part line '{raw.strip()}' (expected one of: {known})")
            part = _MARKERS[name]
            continue
        if _QUESTION_LINE.match(raw.lstrip()):
            flush()
            continue
        if raw.lstrip().startswith("#"):
            continue
        if part is None:
            if raw.strip():
                stray.append(raw.strip())
            continue
        current.append(raw.rstrip())
    flush()
    if stray:
        raise InputError(
            f"text before the first part line ('{stray[0][:60]}'): write answers under a "
            "question of the worksheet"
        )
    return answers
