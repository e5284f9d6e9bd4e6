"""The cadence guard: the quiet period, a repeated Plan of Action, a second escalation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from reinstate.core.planner import History, PlannerSettings, check_contact, plan
from tests.planner_support import (
    T0,
    add_version,
    builtin,
    days,
    facts,
    history,
    hours,
    out,
    reply,
    sha,
)

SENT = T0 + hours(1)


def _after_first_appeal() -> History:
    h = history()
    add_version(h, 1, T0)
    h.contacts.append(out("appeal", SENT, poa=1, docs=("invoice-1",)))
    return h


@pytest.mark.parametrize(
    ("delay", "refused"),
    [
        (hours(1), True),
        (hours(24), True),
        (hours(47) + timedelta(minutes=59), True),
        (hours(48), False),
        (hours(49), False),
        (days(6), False),
    ],
)
def test_the_quiet_period_after_the_last_contact(delay: timedelta, refused: bool) -> None:
    h = _after_first_appeal()
    proposed = out("appeal", SENT + delay, poa=None)
    verdict = check_contact(h, proposed, SENT + delay, knowledge=builtin())
    assert (verdict.refused is not None) is refused
    if refused:
        assert verdict.refused is not None
        assert "Too soon" in verdict.refused
        assert "2026-03-04 10:00 UTC" in verdict.refused  # when contact is fine again


@pytest.mark.parametrize(
    ("label", "proposed_poa", "proposed_docs", "reply_first", "refused"),
    [
        ("nothing new", None, (), False, True),
        ("the same plan again", 1, (), False, True),
        ("documents already sent", None, ("invoice-1",), False, True),
        ("a new plan version", 2, (), False, False),
        ("new documents", None, ("invoice-2",), False, False),
        ("an answer to Amazon's reply", None, (), True, False),
    ],
)
def test_what_may_go_out_inside_the_quiet_period(
    label: str,
    proposed_poa: int | None,
    proposed_docs: tuple[str, ...],
    reply_first: bool,
    refused: bool,
) -> None:
    h = _after_first_appeal()
    add_version(h, 2, SENT + hours(2))
    if reply_first:
        h.contacts.append(reply("more_information_needed", SENT + hours(5)))
    at = SENT + hours(10)
    verdict = check_contact(
        h, out("email_reply", at, poa=proposed_poa, docs=proposed_docs), at, knowledge=builtin()
    )
    assert (verdict.refused is not None) is refused, label


def test_the_quiet_period_is_configurable() -> None:
    h = _after_first_appeal()
    at = SENT + hours(60)
    k = builtin()
    assert check_contact(h, out("appeal", at), at, knowledge=k).refused is None
    longer = PlannerSettings(quiet_hours=72)
    assert check_contact(h, out("appeal", at), at, longer, knowledge=k).refused is not None
    none = PlannerSettings(quiet_hours=0)
    soon = SENT + timedelta(minutes=5)
    assert check_contact(h, out("appeal", soon), soon, none, knowledge=k).refused is None


def test_a_call_and_an_escalation_count_as_contacts_too() -> None:
    h = _after_first_appeal()
    h.contacts.append(out("ahs_callback", SENT + days(2) + hours(1)))
    at = SENT + days(2) + hours(3)
    verdict = check_contact(h, out("appeal", at), at, knowledge=builtin())
    assert verdict.refused is not None
    assert "Account Health Support call-back" in verdict.refused
    h.contacts[-1] = out("escalation_email", SENT + days(2) + hours(1), poa=1)
    verdict = check_contact(h, out("appeal", at), at, knowledge=builtin())
    assert verdict.refused is not None and "escalation e-mail" in verdict.refused


def test_plan_puts_a_wait_first_inside_the_quiet_period_and_lifts_it_after() -> None:
    h = _after_first_appeal()
    h.contacts.append(reply("appeal_denied", SENT + hours(20)))
    h.contacts.append(out("ahs_callback", SENT + hours(22)))
    add_version(h, 2, SENT + hours(23))
    # version 2 is new: sending it is allowed at once, no wait
    assert plan(h, SENT + hours(24), knowledge=builtin()).actions[0].channel == "appeal"
    h.contacts.append(out("appeal", SENT + hours(25), poa=2))
    inside = plan(h, SENT + hours(30), knowledge=builtin())
    assert inside.actions[0].channel == "wait"
    assert inside.actions[0].until == SENT + hours(25) + hours(48)


def test_plan_waits_out_the_quiet_period_before_a_contact_that_brings_nothing_new() -> None:
    """Denied, the call-back made an hour ago: the escalation may not follow at once."""
    h = _after_first_appeal()
    add_version(h, 2, SENT + days(1))
    h.contacts.append(out("appeal", SENT + days(1), poa=2))
    h.contacts.append(reply("appeal_denied", SENT + days(3)))
    add_version(h, 3, SENT + days(3) + hours(1))
    h.contacts.append(out("escalation_email", SENT + days(3) + hours(2), poa=3))
    result = plan(h, SENT + days(3) + hours(3), knowledge=builtin())
    assert result.actions[0].channel == "wait"
    assert result.actions[0].until == SENT + days(5) + hours(2)


def test_the_same_plan_sent_twice_is_a_warning_not_a_refusal() -> None:
    h = _after_first_appeal()
    at = SENT + days(3)
    verdict = check_contact(h, out("email_reply", at, poa=1), at, knowledge=builtin())
    assert verdict.refused is None
    assert any("version 1 was already sent" in w for w in verdict.warnings)
    # the same text saved again as a new version number is still the same plan
    h.poa_versions.append(h.poa_versions[0].model_copy(update={"number": 2}))
    verdict = check_contact(h, out("appeal", at, poa=2), at, knowledge=builtin())
    assert any("already sent" in w for w in verdict.warnings)
    h.contacts.append(out("email_reply", at, poa=1))
    warnings = plan(h, at + hours(1), knowledge=builtin()).warnings
    assert any("was sent 2 times" in w for w in warnings)


def test_a_plan_identified_only_by_its_hash_is_compared_by_hash() -> None:
    h = history()
    first = out("appeal", SENT)
    h.contacts.append(first.model_copy(update={"poa_sha256": sha("text")}))
    at = SENT + days(3)
    again = out("appeal", at).model_copy(update={"poa_sha256": sha("text")})
    changed = out("appeal", at).model_copy(update={"poa_sha256": sha("other text")})
    assert any("already sent" in w for w in check_contact(h, again, at).warnings)
    assert not any("already sent" in w for w in check_contact(h, changed, at).warnings)


def _escalated_once() -> History:
    h = history(facts(marketplace="amazon.de"))
    add_version(h, 1, T0)
    h.contacts += [out("appeal", SENT, poa=1), reply("appeal_denied", SENT + days(2))]
    add_version(h, 2, SENT + days(3))
    h.contacts += [out("appeal", SENT + days(3), poa=2), reply("appeal_denied", SENT + days(5))]
    h.contacts.append(out("escalation_email", SENT + days(6), poa=2))
    return h


def test_a_second_escalation_on_the_same_revision_is_refused_unless_forced() -> None:
    h = _escalated_once()
    at = SENT + days(10)
    k = builtin()
    verdict = check_contact(h, out("escalation_email", at, poa=2), at, knowledge=k)
    assert verdict.refused is not None
    assert "already went out" in verdict.refused and "version 2" in verdict.refused
    forced = check_contact(h, out("escalation_email", at, poa=2), at, force=True, knowledge=k)
    assert forced.refused is None
    assert any(w.startswith("Sent despite the rule") for w in forced.warnings)
    # an escalation that names no plan counts as one on the latest revision
    assert check_contact(h, out("escalation_email", at), at, knowledge=k).refused is not None
    h.contacts.append(out("escalation_email", at, poa=2))
    assert any("2 escalation e-mails" in w for w in plan(h, at + hours(1), knowledge=k).warnings)


def test_an_escalation_with_a_new_revision_is_allowed_and_warned_about_the_address() -> None:
    h = _escalated_once()
    add_version(h, 3, SENT + days(9))
    at = SENT + days(10)
    verdict = check_contact(h, out("escalation_email", at, poa=3), at, knowledge=builtin())
    assert verdict.refused is None
    assert any("not known to work" in w for w in verdict.warnings)


def test_early_call_backs_and_escalations_are_warned_about() -> None:
    h = _after_first_appeal()
    at = SENT + days(3)
    for channel in ("ahs_callback", "escalation_email"):
        verdict = check_contact(h, out(channel, at, poa=1), at, knowledge=builtin())
        assert verdict.refused is None
        assert any("helps most after" in w for w in verdict.warnings), channel


def test_contacts_that_are_not_the_sellers_are_never_refused() -> None:
    h = _after_first_appeal()
    at = SENT + hours(1)
    assert check_contact(h, reply("other", at), at).allowed
    assert check_contact(h, out("note", at), at).allowed


def test_a_case_without_a_case_id_is_warned_on_every_contact() -> None:
    h = history(facts(case_ids=[]))
    verdict = check_contact(h, out("appeal", SENT), SENT, knowledge=builtin())
    assert any("No case ID" in w for w in verdict.warnings)


def test_a_contact_logged_later_is_judged_at_its_own_time() -> None:
    """An appeal logged today with the date it really went out: the rules measure from then."""
    h = _after_first_appeal()
    h.contacts.append(reply("appeal_denied", SENT + days(3)))
    back_then = SENT + hours(5)  # before the denial, inside the quiet period
    verdict = check_contact(h, out("appeal", back_then), SENT + days(4), knowledge=builtin())
    assert verdict.refused is not None
    later = SENT + days(3) + hours(1)  # answers the denial
    assert check_contact(h, out("appeal", later), SENT + days(4), knowledge=builtin()).allowed


def test_the_contact_being_checked_is_not_compared_with_itself() -> None:
    h = _after_first_appeal()
    recorded = h.contacts[-1]
    verdict = check_contact(h, recorded, SENT, knowledge=builtin())
    assert verdict.refused is None
    assert not any("already sent" in w for w in verdict.warnings)


def test_forced_chasing_shows_up_in_the_plan() -> None:
    h = _after_first_appeal()
    h.contacts.append(out("appeal", SENT + hours(3)))
    h.contacts.append(out("appeal", SENT + hours(6)))
    warnings = plan(h, SENT + hours(7), knowledge=builtin()).warnings
    assert any(w.startswith("2 contacts went out within 48 hours") for w in warnings)


def test_a_fresh_answer_from_amazon_lifts_the_quiet_period() -> None:
    """Denied 18 hours after the appeal: the rewrite comes first, but no waiting time is set,
    and the call-back may go out at once because it answers Amazon."""
    h = _after_first_appeal()
    h.contacts.append(reply("appeal_denied", SENT + hours(18)))
    h.contacts.append(reply("more_information_needed", SENT + hours(17)))
    h.contacts.append(out("appeal", SENT + hours(16)))
    result = plan(h, SENT + hours(19), PlannerSettings(callback_after=1), knowledge=builtin())
    assert [a.channel for a in result.actions][:2] == ["wait", "ahs_callback"]
    assert result.actions[0].until is None
    at = SENT + hours(19)
    assert check_contact(h, out("ahs_callback", at), at, knowledge=builtin()).allowed


def test_an_escalation_that_names_no_plan_uses_up_the_current_revision() -> None:
    h = _escalated_once()
    k = builtin()
    at = SENT + days(8)
    assert "escalation_email" not in [a.channel for a in plan(h, at, knowledge=k).actions]
    h.contacts[-1] = out("escalation_email", SENT + days(6))  # the same e-mail, no plan named
    assert "escalation_email" not in [a.channel for a in plan(h, at, knowledge=k).actions]
    add_version(h, 3, SENT + days(7))
    offered = [a.channel for a in plan(h, at, knowledge=k).actions]
    assert offered[0] == "appeal" and "escalation_email" in offered


def test_a_call_back_does_not_answer_amazons_request_the_appeal_does() -> None:
    """More information asked; the seller calls Account Health the same hour; the answer
    through the appeal may still go out at once, a second call may not."""
    h = _after_first_appeal()
    h.contacts.append(reply("more_information_needed", SENT + days(2)))
    h.contacts.append(out("ahs_callback", SENT + days(2) + hours(1)))
    at = SENT + days(2) + hours(2)
    k = builtin()
    assert check_contact(h, out("appeal", at), at, knowledge=k).allowed
    assert not check_contact(h, out("ahs_callback", at), at, knowledge=k).allowed
    assert plan(h, at, knowledge=k).actions[0].channel == "appeal"
