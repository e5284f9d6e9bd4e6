"""Clocks with computed dates (time zones, daylight-saving changes) and strikes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from reinstate.core.planner import Clock, History, PlannerSettings, plan
from tests.planner_support import T0, add_version, builtin, days, facts, history, hours, out, reply

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def _clocks(h: History, now: datetime, zone: str = "UTC") -> dict[str, Clock]:
    result = plan(h, now, PlannerSettings(timezone=zone), knowledge=builtin())
    return {c.name: c for c in result.clocks}


@pytest.mark.parametrize(
    ("zone", "reason", "kind", "notice_at", "clock", "due"),
    [
        # 17 calendar days across the end of summer time in Berlin (25 Oct 2026):
        # same wall time, one hour less offset.
        (
            "Europe/Berlin",
            "inauthentic",
            "deactivation",
            datetime(2026, 10, 20, 10, 0, tzinfo=BERLIN),
            "notice_17_days",
            "2026-11-06T10:00:00+01:00",
        ),
        (
            "Europe/Berlin",
            "product_safety",
            "deactivation",
            datetime(2026, 10, 22, 10, 0, tzinfo=BERLIN),
            "product_safety_7_days",
            "2026-10-29T10:00:00+01:00",
        ),
        # 72 hours are elapsed hours: across the change the wall clock shows 11:00, not 12:00
        (
            "Europe/Berlin",
            "performance",
            "warning",
            datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN),
            "at_risk_72_hours",
            "2026-10-27T11:00:00+01:00",
        ),
        # New York starts summer time on 8 March 2026
        (
            "America/New_York",
            "inauthentic",
            "deactivation",
            datetime(2026, 3, 1, 9, 0, tzinfo=NEW_YORK),
            "notice_17_days",
            "2026-03-18T09:00:00-04:00",
        ),
        (
            "America/New_York",
            "review_manipulation",
            "warning",
            datetime(2026, 3, 7, 12, 0, tzinfo=NEW_YORK),
            "at_risk_72_hours",
            "2026-03-10T13:00:00-04:00",
        ),
        # 02:30 on 8 March does not exist in New York: the date moves past the gap
        (
            "America/New_York",
            "product_safety",
            "deactivation",
            datetime(2026, 3, 1, 2, 30, tzinfo=NEW_YORK),
            "product_safety_7_days",
            "2026-03-08T03:30:00-04:00",
        ),
        # the same notice given in UTC, shown in the user's zone
        (
            "Europe/Berlin",
            "inauthentic",
            "deactivation",
            datetime(2026, 10, 20, 8, 0, tzinfo=UTC),
            "notice_17_days",
            "2026-11-06T10:00:00+01:00",
        ),
    ],
)
def test_clock_dates_across_time_zones_and_daylight_saving(
    zone: str, reason: str, kind: str, notice_at: datetime, clock: str, due: str
) -> None:
    h = history(facts(reason=reason, notice_kind=kind), opened_at=notice_at, notice_at=notice_at)
    clocks = _clocks(h, notice_at + hours(1), zone)
    assert clocks[clock].due.isoformat() == due
    assert clocks[clock].contract()["due"] == due


def test_a_notice_known_only_by_its_date_starts_at_local_midnight() -> None:
    h = history(
        facts(reason="inauthentic"),
        opened_at=datetime(2026, 10, 21, 9, 0, tzinfo=UTC),
        notice_date=date(2026, 10, 20),
    )
    clocks = _clocks(h, datetime(2026, 10, 21, 10, 0, tzinfo=UTC), "Europe/Berlin")
    assert clocks["notice_17_days"].starts.isoformat() == "2026-10-20T00:00:00+02:00"
    assert clocks["notice_17_days"].due.isoformat() == "2026-11-06T00:00:00+01:00"


def test_held_funds_count_90_days_from_the_deactivation() -> None:
    h = history(facts(suspension_date=date(2026, 1, 10)), notice_date=date(2026, 1, 11))
    funds = _clocks(h, T0)["funds_90_days"]
    assert funds.due.isoformat() == "2026-04-10T00:00:00+00:00"
    assert funds.kind == "earliest"
    assert funds.contact == "disbursement-appeals@amazon.com"
    assert funds.passed is False


def test_mediation_runs_six_months_from_amazons_last_message_in_eu_and_uk_only() -> None:
    last = datetime(2026, 8, 31, 10, 0, tzinfo=UTC)
    for market, runs in [
        ("amazon.de", True),
        ("amazon.co.uk", True),
        ("amazon.com", False),
        ("amazon.com.tr", False),
        (None, False),
    ]:
        h = history(facts(marketplace=market, reason="related_account"))
        add_version(h, 1, T0)
        h.contacts += [out("appeal", T0 + hours(1), poa=1), reply("appeal_denied", last)]
        clocks = _clocks(h, last + hours(1))
        assert ("eu_uk_mediation_6_months" in clocks) is runs, market
        if runs:
            # 31 August + 6 months: the last day of February
            assert clocks["eu_uk_mediation_6_months"].due.isoformat() == (
                "2027-02-28T10:00:00+00:00"
            )


def test_the_expected_reply_runs_only_while_an_appeal_waits_for_its_answer() -> None:
    h = history(facts(reason="other"))
    assert "reply_expected_2_days" not in _clocks(h, T0 + hours(1))
    add_version(h, 1, T0)
    h.contacts.append(out("appeal", T0 + hours(2), poa=1))
    expected = _clocks(h, T0 + hours(3))["reply_expected_2_days"]
    assert expected.due == T0 + hours(2) + days(2)
    assert expected.kind == "expected"
    h.contacts.append(reply("more_information_needed", T0 + days(1)))
    assert "reply_expected_2_days" not in _clocks(h, T0 + days(1) + hours(1))


def test_situational_clocks_follow_the_notice_kind() -> None:
    warning = _clocks(history(facts(reason="performance", notice_kind="warning")), T0)
    assert "at_risk_72_hours" in warning and "funds_90_days" not in warning
    deactivated = _clocks(history(facts(reason="performance")), T0)
    assert "at_risk_72_hours" not in deactivated and "funds_90_days" in deactivated


def test_a_clock_the_notice_states_runs_whatever_the_reason() -> None:
    h = history(facts(reason="related_account", clocks=["notice_17_days"]))
    result = plan(h, T0 + hours(1), knowledge=builtin())
    assert "notice_17_days" in {c.name for c in result.clocks}
    assert (result.strikes.used, result.strikes.left) == (0, 2)
    unknown = history(facts(reason="other", clocks=["thirty_days"]))
    warnings = plan(unknown, T0, knowledge=builtin()).warnings
    assert any("thirty_days" in w for w in warnings)


def test_the_17_days_end_at_the_second_unsuccessful_appeal_if_sooner() -> None:
    h = history(facts(reason="inauthentic"))
    add_version(h, 1, T0)
    add_version(h, 2, T0 + days(3))
    second = T0 + days(5)
    h.contacts += [
        out("appeal", T0 + hours(1), poa=1),
        reply("more_information_needed", T0 + days(2)),
        out("appeal", T0 + days(3), poa=2),
        reply("appeal_denied", second),
    ]
    clock = _clocks(h, second + hours(1))["notice_17_days"]
    assert clock.due == second and clock.ended_by == "appeals" and clock.passed


def test_deadlines_warn_when_close_and_when_passed() -> None:
    h = history(facts(reason="inauthentic"), notice_at=T0)
    soon = plan(h, T0 + days(16), knowledge=builtin()).warnings
    assert any("17 days" in w and "in 24 hours" in w for w in soon)
    late = plan(h, T0 + days(18), knowledge=builtin())
    assert any("17 days" in w and "passed" in w for w in late.warnings)
    assert {c.name: c.passed for c in late.clocks}["notice_17_days"] is True


@pytest.mark.parametrize(
    ("events", "used"),
    [
        # two appeals before one answer: one strike
        ([("out", 0), ("out", 1), ("more_information_needed", 3)], 1),
        # an answer that is not a refusal does not count
        ([("out", 0), ("other", 1), ("appeal_denied", 3)], 1),
        # a refusal for an appeal made before the case was on the desk counts once
        ([("appeal_denied", 0), ("appeal_denied", 1)], 1),
        ([("out", 0), ("more_information_needed", 2), ("out", 3), ("appeal_denied", 5)], 2),
        ([("out", 0), ("reinstated", 2)], 0),
    ],
)
def test_strikes_count_appeals_answered_without_success(
    events: list[tuple[str, int]], used: int
) -> None:
    h = history(facts(reason="performance"))
    for event, day in events:
        at = T0 + days(day) + hours(1)
        h.contacts.append(out("appeal", at) if event == "out" else reply(event, at))
    result = plan(h, T0 + days(10), knowledge=builtin())
    assert result.strikes.used == used
    assert result.strikes.left is None


def test_a_case_opened_from_a_denial_starts_with_one_strike() -> None:
    h = history(facts(reason="inauthentic", notice_kind="appeal_denied"))
    result = plan(h, T0 + hours(1), knowledge=builtin())
    assert result.status == "denied"
    assert (result.strikes.used, result.strikes.left) == (1, 1)
    assert result.actions[0].channel == "wait" and "rewrite" in result.actions[0].why


def test_waiting_times_are_given_in_the_users_zone() -> None:
    h = history()
    add_version(h, 1, T0)
    h.contacts.append(out("appeal", datetime(2026, 10, 24, 8, 0, tzinfo=UTC), poa=1))
    now = datetime(2026, 10, 24, 9, 0, tzinfo=UTC)
    settings = PlannerSettings(timezone="Europe/Berlin")
    wait = plan(h, now, settings, knowledge=builtin()).contract()["actions"][0]
    # the quiet period (48 real hours) ends at 09:00 winter time on Monday, but the answer is
    # expected 2 calendar days after 10:00 on Saturday: 10:00 on Monday; the later one counts
    assert wait["until"] == "2026-10-26T10:00:00+01:00"
    slower = PlannerSettings(timezone="Europe/Berlin", quiet_hours=72)
    wait = plan(h, now, slower, knowledge=builtin()).contract()["actions"][0]
    assert wait["until"] == "2026-10-27T09:00:00+01:00"  # 72 real hours after 10:00 CEST
