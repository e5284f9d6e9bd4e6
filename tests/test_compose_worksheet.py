"""The guided Plan of Action worksheet: rendered from the knowledge, filled in, assembled."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reinstate.core.case import CaseFacts
from reinstate.core.compose import assemble_poa, parse_worksheet, render_worksheet
from reinstate.core.errors import InputError
from reinstate.core.knowledge import load_knowledge
from reinstate.core.review import review

FACTS = CaseFacts(
    store_name="Harbor Lane Toys",
    merchant_token="A14Q3ZP6W2XK9M",
    case_ids=["5512093847"],
    reason="performance",
    mentions_section_3=False,
)


def _fill(sheet: str, answers: dict[int, str]) -> str:
    """Write answer ``n`` under question ``Q<n>.`` (after its guidance lines)."""
    out: list[str] = []
    pending: str | None = None
    for line in sheet.split("\n"):
        if pending is not None and not line.startswith("#"):
            out.append(pending)
            pending = None
        out.append(line)
        for number, text in answers.items():
            if line.startswith(f"# Q{number}. "):
                pending = text
    return "\n".join(out)


def test_every_reason_gives_a_worksheet_with_all_its_questions() -> None:
    know = load_knowledge()
    for code, reason in know.reasons.items():
        sheet = render_worksheet(FACTS.model_copy(update={"reason": code}))
        for part in ("ROOT CAUSE", "CORRECTIVE ACTIONS", "PREVENTIVE MEASURES"):
            assert f"== {part} ==" in sheet
        count = sum(len(qs) for qs in reason.questions.values())
        assert sheet.count("# A good answer:") == count
        assert all(len(line) <= 90 for line in sheet.splitlines()), code
        # an untouched worksheet holds no answer at all
        assert not any(parse_worksheet(sheet).values())


def test_answers_come_back_by_part_and_assemble_into_a_reviewed_plan() -> None:
    sheet = render_worksheet(FACTS)
    filled = _fill(
        sheet,
        {
            1: "Our Order Defect Rate reached 2.8% between June 1 and July 31, 2026: "
            "41 orders shipped late after our carrier moved its pick-up to 11 am.",
            3: "On July 28, 2026 we added a second carrier with a 5 pm pick-up; "
            "0 late shipments in 1,204 orders since.",
            5: "Every day at 3 pm our shipping lead checks the pick-up confirmations "
            "and calls the backup carrier the same day when one is missed.",
        },
    )
    answers = parse_worksheet(filled)
    assert [len(answers[p]) for p in answers] == [1, 1, 1]
    assert answers["root_cause"][0].startswith("Our Order Defect Rate reached 2.8%")
    text = assemble_poa(FACTS, answers)
    assert text.startswith("Store name: Harbor Lane Toys\nMerchant token: A14Q3ZP6W2XK9M")
    assert "Root cause\nOur Order Defect Rate" in text
    report = review(text, kind="poa", case=FACTS)
    assert report.ready
    assert all(report.sections[p].found for p in report.sections)


def test_a_half_filled_worksheet_reviews_as_incomplete() -> None:
    filled = _fill(render_worksheet(FACTS), {1: "Late shipments: 41 orders in June 2026."})
    text = assemble_poa(FACTS, parse_worksheet(filled))
    report = review(text, kind="poa", case=FACTS)
    assert not report.sections["corrective_actions"].found
    assert any(f.category == "structure" for f in report.findings)


def test_text_outside_the_parts_is_refused_not_dropped() -> None:
    with pytest.raises(InputError, match="before the first part line"):
        parse_worksheet("We removed the listings.\n== ROOT CAUSE ==\n")
    with pytest.raises(InputError, match="unknown part line"):
        parse_worksheet("== INTRODUCTION ==\nWe are a family business.\n")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_either_parses_or_gives_a_clear_error(text: str) -> None:
    try:
        answers = parse_worksheet(text)
    except InputError as exc:
        assert str(exc)
    else:
        assert set(answers) == {"root_cause", "corrective_actions", "preventive_measures"}
        assert all(a.strip() and not a.startswith("#") for v in answers.values() for a in v)
