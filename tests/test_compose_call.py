"""The Account Health Support call script, and call notes read back as a contact."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reinstate.core.case import CaseFacts
from reinstate.core.compose import (
    parse_call_notes,
    render_call_notes_template,
    render_call_script,
)
from reinstate.core.errors import InputError
from tests.test_compose_fixtures import BRIGHT_KETTLE, bright_kettle_poa

SENT = datetime(2026, 11, 9, 8, 0, tzinfo=UTC)


def test_script_has_the_three_asks_the_identifiers_and_fits_a_page() -> None:
    script = render_call_script(BRIGHT_KETTLE, bright_kettle_poa(2), SENT)
    lines = script.splitlines()
    assert len(lines) <= 55 and max(len(line) for line in lines) < 200
    for needle in (
        "1. Confirm the exact reason code.",
        "2. Confirm the investigator sees the latest appeal and documents.",
        "3. Ask for internal notes and a fresh review.",
        "Merchant token: A3KQ7X2M9PLZ4T (read as: A3KQ 7X2M 9PLZ 4T)",
        "Case ID: 18427719302",
        "Latest Plan of Action: version 2",
        "Latest appeal submitted: 9 November 2026",
        "the appeal I submitted on 9 November 2026",
        "- On November 4, 2026 we removed all user permissions",
        "cannot overturn Seller Performance",
    ):
        assert needle in script
    assert script.rstrip().endswith(render_call_notes_template().rstrip().splitlines()[-1])


def test_script_without_a_plan_or_a_submission_date() -> None:
    script = render_call_script(CaseFacts(case_ids=["1"]), None, None)
    assert "Corrections to summarise" not in script
    assert "submitted on" not in script
    assert "3. Ask for internal notes and a fresh review." in script


def test_filled_notes_become_a_contact() -> None:
    template = render_call_notes_template()
    answers = {
        "Date and time of the call (YYYY-MM-DD HH:MM):": "2026-11-12 14:05",
        "Agent name or ID:": "Dana (AHS)",
        "Reason code they confirmed:": "Related accounts – Section 3",
        "Investigator can see the latest appeal and documents (yes/no/unsure):": "Yes, both PDFs",
        "Internal note added asking for a fresh review (yes/no):": "no, told to wait 48h",
        "New case or reference ID:": "18500021117",
        "What they said happens next:": "Seller Performance replies by e-mail",
    }
    filled = template
    for label, answer in answers.items():
        assert label in filled
        filled = filled.replace(label, f"{label} {answer}")
    notes = parse_call_notes("Some words before\n" + filled)
    assert notes.called_at == datetime(2026, 11, 12, 14, 5)
    assert notes.agent == "Dana (AHS)"
    assert notes.appeal_visible is True
    assert notes.internal_note is False
    assert notes.reference_id == "18500021117"
    assert notes.follow_up is None
    contact = notes.to_contact(poa_version=2)
    assert contact.channel == "ahs_callback"
    assert contact.at == datetime(2026, 11, 12, 14, 5)
    assert contact.poa_version == 2
    assert contact.outcome == (
        "reason code: Related accounts – Section 3; appeal visible to investigator: yes; "
        "internal note added: no; reference: 18500021117; "
        "next: Seller Performance replies by e-mail; agent: Dana (AHS)"
    )


def test_unfilled_notes_and_bad_dates() -> None:
    notes = parse_call_notes(render_call_notes_template())
    assert notes.model_dump(exclude_none=True) == {}
    with pytest.raises(InputError, match="no date and time"):
        notes.to_contact()
    assert notes.to_contact(at=SENT).outcome == "call held, no notes"
    with pytest.raises(InputError, match="cannot read the date"):
        parse_call_notes("Date and time of the call: next Tuesday")
    assert parse_call_notes("Date and time of the call: 12.11.2026 09:30").called_at == datetime(
        2026, 11, 12, 9, 30
    )


def test_a_long_correction_is_cut_at_a_word_not_inside_one() -> None:
    from reinstate.core.compose.call import MAX_POINT, _short

    text = "We removed " + "unauthorised " * 20 + "users."
    short = _short(text)
    assert len(short) <= MAX_POINT and short.endswith("unauthorised…")
    assert _short("Short point.") == "Short point."
