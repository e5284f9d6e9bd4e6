"""Whole case histories played step by step: at each step the contact is put past the
cadence guard, recorded, and the plan is checked (first action, the other actions,
warnings, clocks, strikes)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from reinstate.core.case import ContactRecord
from reinstate.core.knowledge.loader import Knowledge
from reinstate.core.planner import History, PlannerSettings, check_contact, plan
from tests.planner_support import (
    T0,
    add_version,
    builtin,
    days,
    facts,
    history,
    hours,
    knowledge_with_working_escalation,
    out,
    reply,
)


@dataclass
class Step:
    label: str
    at: timedelta  # when the event happens (offset from T0)
    contact: tuple[str, int | None] | None = None  # (channel, POA version) going out
    answer: str | None = None  # Amazon's reply kind coming in
    new_version: int | None = None  # a Plan of Action version added just before
    ask_after: timedelta = field(default_factory=lambda: hours(1))
    status: str = ""
    channels: list[str] = field(default_factory=list)  # expected actions, in order
    uncertain: list[str] = field(default_factory=list)  # channels expected uncertain
    clocks: set[str] = field(default_factory=set)
    strikes: tuple[int, int | None] = (0, None)
    warnings: list[str] = field(default_factory=list)  # substrings, each must appear
    until: timedelta | None = None  # expected "until" of the first action, if a wait


def play(
    h: History,
    steps: list[Step],
    knowledge: Knowledge,
    settings: PlannerSettings | None = None,
) -> None:
    for step in steps:
        when = T0 + step.at
        if step.new_version is not None:
            add_version(h, step.new_version, when - hours(1))
        if step.contact is not None:
            channel, version = step.contact
            contact: ContactRecord = out(channel, when, poa=version)
            verdict = check_contact(h, contact, when, settings, knowledge=knowledge)
            assert verdict.refused is None, f"{step.label}: refused: {verdict.refused}"
            h.contacts.append(contact)
        if step.answer is not None:
            h.contacts.append(reply(step.answer, when))
        result = plan(h, when + step.ask_after, settings, knowledge=knowledge)
        data = result.contract()
        json.dumps(data)  # the contract is plain JSON
        got = [a["channel"] for a in data["actions"]]
        assert data["status"] == step.status, step.label
        assert got == step.channels, f"{step.label}: {got}"
        assert [a["channel"] for a in data["actions"] if a["uncertain"]] == step.uncertain, (
            step.label
        )
        assert not data["actions"][0]["uncertain"], step.label
        assert {c["name"] for c in data["clocks"]} == step.clocks, step.label
        assert (data["strikes"]["used"], data["strikes"]["left"]) == step.strikes, step.label
        for expected in step.warnings:
            assert any(expected in w for w in data["warnings"]), (
                f"{step.label}: no warning with {expected!r} in {data['warnings']}"
            )
        if not step.warnings:
            assert data["warnings"] == [], f"{step.label}: {data['warnings']}"
        if step.until is not None:
            assert result.actions[0].until == T0 + step.until, step.label
        assert data["missing"] == []


INAUTHENTIC_US = [
    Step(
        "the notice: appeal first, reply to the e-mail as the alternative",
        at=hours(0),
        status="open",
        channels=["appeal", "email_reply"],
        clocks={"notice_17_days", "funds_90_days"},
        strikes=(0, 2),
    ),
    Step(
        "the first appeal: wait for the answer Amazon promises in 2 days",
        at=hours(3),
        new_version=1,
        contact=("appeal", 1),
        status="awaiting_reply",
        channels=["wait"],
        clocks={"notice_17_days", "funds_90_days", "reply_expected_2_days"},
        strikes=(0, 2),
        until=hours(3) + days(2),
    ),
    Step(
        "no answer after 3 days: still wait, no chasing, no call-back yet",
        at=days(3) + hours(3),
        status="awaiting_reply",
        channels=["wait"],
        clocks={"notice_17_days", "funds_90_days", "reply_expected_2_days"},
        strikes=(0, 2),
    ),
    Step(
        "more information requested: answer through View Appeal",
        at=days(3) + hours(5),
        answer="more_information_needed",
        status="more_info_requested",
        channels=["appeal", "email_reply"],
        clocks={"notice_17_days", "funds_90_days"},
        strikes=(1, 1),
        warnings=["One unsuccessful appeal is left"],
    ),
    Step(
        "the second appeal with version 2",
        at=days(4),
        new_version=2,
        contact=("appeal", 2),
        status="awaiting_reply",
        channels=["wait"],
        clocks={"notice_17_days", "funds_90_days", "reply_expected_2_days"},
        strikes=(1, 1),
        warnings=["One unsuccessful appeal is left"],
        until=days(6),
    ),
    Step(
        "denied: rewrite first, then the call-back; escalation only as uncertain",
        at=days(6) + hours(2),
        answer="appeal_denied",
        status="denied",
        channels=["wait", "ahs_callback", "escalation_email"],
        uncertain=["escalation_email"],
        clocks={"notice_17_days", "funds_90_days"},
        strikes=(2, 0),
        warnings=["used up"],
    ),
    Step(
        "the call-back, answering the denial: not offered again",
        at=days(6) + hours(5),
        contact=("ahs_callback", None),
        status="denied",
        channels=["wait", "escalation_email"],
        uncertain=["escalation_email"],
        clocks={"notice_17_days", "funds_90_days"},
        strikes=(2, 0),
        warnings=["used up"],
        until=days(8) + hours(5),
    ),
    Step(
        "version 3 escalated: wait for that answer, no second escalation offered",
        at=days(9),
        new_version=3,
        contact=("escalation_email", 3),
        status="denied",
        channels=["wait"],
        clocks={"notice_17_days", "funds_90_days"},
        strikes=(2, 0),
        warnings=["used up"],
        until=days(11),
    ),
    Step(
        "reinstated: no contact, prevention notes",
        at=days(12),
        answer="reinstated",
        status="reinstated",
        channels=["wait"],
        strikes=(2, 0),
    ),
]


def test_the_full_ladder_on_an_inauthentic_us_case() -> None:
    play(history(), INAUTHENTIC_US, builtin())


def test_the_ladder_steps_carry_the_seed_wording() -> None:
    k = builtin()
    h = history()
    first = plan(h, T0 + hours(1), knowledge=k)
    appeal, alternative = first.actions
    assert "Seller Central" in appeal.why
    assert any("Account Health" in s for s in appeal.steps)
    assert any("invoices" in s.lower() for s in appeal.steps)  # the notice's documents
    assert any("Write the Plan of Action" in s for s in appeal.steps)  # none saved yet
    assert "subject unchanged" in alternative.why
    assert any(h.facts.notice_subject or "" in s for s in alternative.steps)

    add_version(h, 1, T0 + hours(2))
    h.contacts.append(out("appeal", T0 + hours(3), poa=1))
    h.contacts.append(reply("more_information_needed", T0 + days(2)))
    more = plan(h, T0 + days(2) + hours(1), knowledge=k).actions[0]
    assert "View Appeal" in more.why and "case ID" in more.why
    assert any("18234567891" in s for s in more.steps)

    add_version(h, 2, T0 + days(3))
    h.contacts.append(out("appeal", T0 + days(3) + hours(1), poa=2))
    h.contacts.append(reply("appeal_denied", T0 + days(5)))
    denied = plan(h, T0 + days(5) + hours(1), knowledge=k)
    assert "rewrite" in denied.actions[0].why
    call = denied.actions[1]
    assert call.channel == "ahs_callback"
    assert len(call.asks) == 3
    assert any("reason code" in a for a in call.asks)
    assert any("visible" in a for a in call.asks)
    assert any("internal notes" in a for a in call.asks)
    assert all(f"Ask: {a}" in call.steps for a in call.asks)

    h.contacts.append(reply("reinstated", T0 + days(9)))
    done = plan(h, T0 + days(9) + hours(1), knowledge=k)
    assert done.actions[0].channel == "wait"
    assert any("Account Health" in s for s in done.actions[0].steps)
    assert done.clocks == []


def test_a_ladder_in_a_marketplace_whose_escalation_address_works(tmp_path: Path) -> None:
    """amazon.de with a confirmed address: escalation is recommended, not uncertain;
    EU mediation runs; the reason (performance) sets no appeal limit."""
    k = knowledge_with_working_escalation(tmp_path)
    settings = PlannerSettings(timezone="Europe/Berlin")
    h = history(facts(marketplace="amazon.de", reason="performance"))
    running = {"funds_90_days", "eu_uk_mediation_6_months"}
    steps = [
        Step(
            "the notice",
            at=hours(0),
            status="open",
            channels=["appeal", "email_reply"],
            clocks=running,
        ),
        Step(
            "the first appeal",
            at=hours(2),
            new_version=1,
            contact=("appeal", 1),
            status="awaiting_reply",
            channels=["wait"],
            clocks=running | {"reply_expected_2_days"},
        ),
        Step(
            "denied once: below the call-back threshold, so only the rewrite",
            at=days(2) + hours(4),
            answer="appeal_denied",
            status="denied",
            channels=["wait"],
            clocks=running,
            strikes=(1, None),
        ),
        Step(
            "version 2 sent",
            at=days(3),
            new_version=2,
            contact=("email_reply", 2),
            status="awaiting_reply",
            channels=["wait"],
            clocks=running | {"reply_expected_2_days"},
            strikes=(1, None),
        ),
        Step(
            "denied twice: rewrite, call-back, escalation (known to work)",
            at=days(5) + hours(1),
            answer="appeal_denied",
            status="denied",
            channels=["wait", "ahs_callback", "escalation_email"],
            clocks=running,
            strikes=(2, None),
        ),
        Step(
            "version 3 ready: send it, the call-back and the escalation follow",
            at=days(6),
            new_version=3,
            ask_after=hours(0),
            status="denied",
            channels=["appeal", "email_reply", "ahs_callback", "escalation_email"],
            clocks=running,
            strikes=(2, None),
        ),
        Step(
            "version 3 sent by appeal",
            at=days(6) + hours(1),
            contact=("appeal", 3),
            status="awaiting_reply",
            channels=["wait"],
            clocks=running | {"reply_expected_2_days"},
            strikes=(2, None),
        ),
        Step(
            "no answer past 2 days: the call-back confirms the appeal is visible",
            at=days(8) + hours(2),
            status="awaiting_reply",
            channels=["ahs_callback", "wait", "escalation_email"],
            ask_after=hours(0),
            clocks=running | {"reply_expected_2_days"},
            strikes=(2, None),
        ),
        Step(
            "after the call-back and its quiet period: the escalation leads",
            at=days(8) + hours(3),
            contact=("ahs_callback", None),
            ask_after=days(2) + hours(1),
            status="awaiting_reply",
            channels=["escalation_email", "wait"],
            clocks=running | {"reply_expected_2_days"},
            strikes=(2, None),
        ),
    ]
    play(h, steps, k, settings)


def test_an_uncertain_escalation_never_leads() -> None:
    """Same situation as the last step above, but the address is not known to work."""
    k = builtin()
    h = history(facts(marketplace="amazon.de", reason="performance"))
    add_version(h, 1, T0)
    h.contacts += [out("appeal", T0 + hours(1), poa=1), reply("appeal_denied", T0 + days(2))]
    add_version(h, 2, T0 + days(3))
    h.contacts += [out("appeal", T0 + days(3), poa=2), reply("appeal_denied", T0 + days(5))]
    add_version(h, 3, T0 + days(6))
    h.contacts += [
        out("appeal", T0 + days(6), poa=3),
        out("ahs_callback", T0 + days(8) + hours(2)),
    ]
    result = plan(h, T0 + days(11), knowledge=k)
    assert [a.channel for a in result.actions] == ["wait", "escalation_email"]
    assert result.actions[1].uncertain
    assert "not known to work" in result.actions[1].why


@pytest.mark.parametrize("callback_after", [1, 2, 3])
def test_the_call_back_waits_for_the_configured_number_of_failures(callback_after: int) -> None:
    k = builtin()
    settings = PlannerSettings(callback_after=callback_after)
    h = history(facts(reason="performance"))
    offered_at: list[int] = []
    for n in range(1, 4):
        add_version(h, n, T0 + days(4 * n))
        h.contacts.append(out("appeal", T0 + days(4 * n) + hours(1), poa=n))
        h.contacts.append(reply("appeal_denied", T0 + days(4 * n + 2)))
        result = plan(h, T0 + days(4 * n + 2) + hours(1), settings, knowledge=k)
        if "ahs_callback" in [a.channel for a in result.actions]:
            offered_at.append(n)
    assert offered_at == [n for n in (1, 2, 3) if n >= callback_after]
