"""The planner's public surface: inputs validated with clear messages, the JSON contract,
missing identifiers, the status read from the timeline."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

import reinstate.core.planner as planner
from reinstate.core.errors import InputError
from reinstate.core.planner import History, PlannerSettings, check_contact, plan
from tests.planner_support import T0, add_version, builtin, days, facts, history, hours, out, reply


def test_the_public_names_the_desk_codes_against() -> None:
    for name in (
        "History",
        "PoaVersionInfo",
        "PlannerSettings",
        "Plan",
        "Action",
        "Clock",
        "ContactVerdict",
        "plan",
        "check_contact",
    ):
        assert name in planner.__all__
        assert getattr(planner, name) is not None
    settings = PlannerSettings()
    assert (settings.quiet_hours, settings.callback_after, settings.timezone) == (48, 2, "UTC")


def test_the_contract_has_the_documented_shape() -> None:
    h = history(facts(reason="inauthentic"))
    add_version(h, 1, T0)
    h.contacts.append(out("appeal", T0 + hours(1), poa=1))
    data = plan(h, T0 + hours(2), knowledge=builtin()).contract()
    assert set(data) >= {"actions", "warnings", "clocks", "strikes", "missing"}
    action = data["actions"][0]
    assert set(action) >= {"channel", "why", "steps", "uncertain"}
    assert isinstance(action["steps"], list) and all(isinstance(s, str) for s in action["steps"])
    assert action["until"] == "2026-03-04T10:00:00+00:00"
    clock = data["clocks"][0]
    assert set(clock) >= {"name", "due"}
    datetime.fromisoformat(clock["due"])
    assert data["strikes"] == {"used": 0, "left": 2}
    json.dumps(data)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone: Value error, unknown time zone 'Mars/Olympus'"),
        ({"quiet_hours": -1}, "quiet_hours"),
        ({"callback_after": 0}, "callback_after"),
    ],
)
def test_bad_settings_give_one_clear_line(values: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as caught:
        PlannerSettings.parse(**values)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_times_without_a_zone_are_refused_with_a_clear_message() -> None:
    h = history()
    with pytest.raises(InputError, match=r"current time .* has no time zone"):
        plan(h, datetime(2026, 3, 2, 12, 0), knowledge=builtin())
    h.contacts.append(out("appeal", datetime(2026, 3, 2, 10, 0)))
    with pytest.raises(InputError, match=r"appeal contact .* has no time zone"):
        plan(h, T0, knowledge=builtin())
    with pytest.raises(InputError, match="has no time zone"):
        check_contact(history(), out("appeal", datetime(2026, 3, 2, 10, 0)), T0)


def test_missing_identifiers_say_where_to_find_them() -> None:
    bare = history(facts(store_name=None, merchant_token="  ", case_ids=[]))
    missing = plan(bare, T0, knowledge=builtin()).missing
    assert missing == [
        "merchant token: Seller Central → Settings → Account Info → Your Merchant Token",
        "store name: Seller Central → Settings → Account Info → Business Information → "
        "Display Name (your store name)",
        "case ID: printed in Amazon's notice, or in Seller Central → Help → Case Log",
    ]
    assert plan(history(), T0, knowledge=builtin()).missing == []
    only_token = history(facts(merchant_token=None))
    assert [m.split(":")[0] for m in plan(only_token, T0, knowledge=builtin()).missing] == [
        "merchant token"
    ]


@pytest.mark.parametrize(
    ("stored", "events", "expected"),
    [
        ("open", [], "open"),
        ("more_info_requested", [], "more_info_requested"),
        ("denied", ["out"], "awaiting_reply"),  # the timeline is newer than the stored status
        ("open", ["out", "appeal_denied"], "denied"),
        ("awaiting_reply", ["out", "more_information_needed"], "more_info_requested"),
        ("open", ["out", "reinstated"], "reinstated"),
        ("reinstated", ["out"], "reinstated"),
        ("closed", ["out", "appeal_denied"], "closed"),
    ],
)
def test_the_status_comes_from_the_timeline_where_it_says_something(
    stored: str, events: list[str], expected: str
) -> None:
    h = history(status=stored)
    for n, event in enumerate(events):
        at = T0 + days(n + 1)
        h.contacts.append(out("appeal", at) if event == "out" else reply(event, at))
    assert plan(h, T0 + days(5), knowledge=builtin()).status == expected


def test_contacts_after_now_are_not_seen() -> None:
    h = history()
    add_version(h, 1, T0)
    h.contacts += [out("appeal", T0 + hours(1), poa=1), reply("appeal_denied", T0 + days(3))]
    before = plan(h, T0 + hours(2), knowledge=builtin())
    after = plan(h, T0 + days(3) + hours(1), knowledge=builtin())
    assert (before.status, after.status) == ("awaiting_reply", "denied")


def test_the_contacts_may_come_in_any_order() -> None:
    h = history()
    add_version(h, 1, T0)
    h.contacts += [reply("appeal_denied", T0 + days(3)), out("appeal", T0 + hours(1), poa=1)]
    result = plan(h, T0 + days(3) + hours(1), knowledge=builtin())
    assert result.status == "denied" and result.strikes.used == 1


def test_a_closed_case_asks_for_nothing() -> None:
    result = plan(history(status="closed"), T0, knowledge=builtin())
    assert [a.channel for a in result.actions] == ["wait"]
    assert result.clocks == [] and result.warnings == []


def test_an_at_risk_warning_is_answered_within_its_window() -> None:
    h = history(facts(reason="performance", notice_kind="warning"), notice_at=T0)
    result = plan(h, T0 + hours(60), knowledge=builtin())
    assert result.actions[0].channel == "appeal"
    assert "at risk" in result.actions[0].why
    assert any("72 hours" in w and "in 12 hours" in w for w in result.warnings)


def test_an_unknown_marketplace_is_said_and_nothing_breaks() -> None:
    h = history(facts(marketplace="amazon.example"))
    result = plan(h, T0, knowledge=builtin())
    assert any("amazon.example" in w for w in result.warnings)
    assert result.actions[0].channel == "appeal"


def test_the_default_knowledge_is_loaded_when_none_is_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path))
    result = plan(History(facts=facts(), opened_at=T0, notice_date=None), T0 + hours(1))
    assert result.actions[0].channel == "appeal"


def test_an_answer_to_more_information_names_the_new_version_when_there_is_one() -> None:
    h = history()
    add_version(h, 1, T0)
    h.contacts += [
        out("appeal", T0 + hours(1), poa=1),
        reply("more_information_needed", T0 + days(2)),
    ]
    first = plan(h, T0 + days(2) + hours(1), knowledge=builtin()).actions[0]
    assert not any("version" in step for step in first.steps)
    add_version(h, 2, T0 + days(2) + hours(2))
    first = plan(h, T0 + days(2) + hours(3), knowledge=builtin()).actions[0]
    assert any("Plan of Action version 2" in step for step in first.steps)
