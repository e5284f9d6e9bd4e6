"""Golden outputs for corpus-like cases: the form text and the call script, exactly.

Set UPDATE_GOLDEN=1 to rewrite the files after a deliberate change, then read the diff.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from reinstate.core.case import CaseFacts
from reinstate.core.compose import render_call_script, render_form_text
from tests.test_compose_fixtures import (
    BRIGHT_KETTLE,
    GOLDEN,
    KAFFEE,
    bright_kettle_poa,
    corpus_poa,
    kaffee_poa,
)

HARBOR_LANE = CaseFacts(
    store_name="Harbor Lane Toys",
    merchant_token="A14Q3ZP6W2XK9M",
    marketplace="amazon.com",
    reason="performance",
    suspension_date=date(2026, 8, 14),
    mentions_section_3=False,
    notice_subject="Your Amazon.com selling privileges have been removed",
)

CASES: dict[str, Callable[[], str]] = {
    "form-a01-bright-kettle.txt": lambda: render_form_text(
        BRIGHT_KETTLE,
        bright_kettle_poa(),
        ["User permissions 2026-11-04.png", "Termination letter Glenmoor.pdf"],
    ),
    "form-a07-harbor-lane.txt": lambda: render_form_text(
        HARBOR_LANE, corpus_poa("a07-performance-good.txt"), []
    ),
    "form-kaffee.txt": lambda: render_form_text(KAFFEE, kaffee_poa(), ["Stromrechnung.pdf"]),
    "call-a01-bright-kettle.txt": lambda: render_call_script(
        BRIGHT_KETTLE, bright_kettle_poa(2), datetime(2026, 11, 9, 8, 0, tzinfo=UTC)
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    produced = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(n for n in CASES if n.startswith("form-")))
def test_form_text_pastes_cleanly(name: str) -> None:
    text = CASES[name]()
    assert "**" not in text and "__" not in text and "`" not in text
    assert not any(line.lstrip().startswith("#") for line in text.splitlines())
    assert "\t" not in text and "\r" not in text
    assert all(line == line.rstrip() for line in text.splitlines())
