"""The next actions for a case: where it stands on the ladder, then the cadence guard.

The ladder follows the seed: the appeal in Seller Central (the reply to the notice e-mail
as its alternative); the Account Health Support call-back once the appeal was answered
without success ``callback_after`` times; one escalation e-mail per Plan of Action revision,
recommended only where the marketplace's address is known to work.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from reinstate.core.case import ContactRecord
from reinstate.core.knowledge.loader import Knowledge, load_knowledge
from reinstate.core.knowledge.models import Marketplace
from reinstate.core.planner import actions as act
from reinstate.core.planner.cadence import exemption, history_warnings, quiet_until
from reinstate.core.planner.clocks import clock_names, compute_clocks, strikes
from reinstate.core.planner.models import Action, Clock, History, Plan, PlannerSettings, Strikes
from reinstate.core.planner.text import IDENTIFIER_PLACES, when
from reinstate.core.planner.timeline import Timeline, check_history_times, require_aware

EXPECTED_REPLY = timedelta(days=2)
SOON = timedelta(hours=48)


def _callback_allowed(s: act.Situation, since: datetime | None) -> bool:
    """The ladder allows a call-back, and none was made since ``since``."""
    if s.strikes.used < s.settings.callback_after:
        return False
    return not (since and s.timeline.outgoing_after(since, ["ahs_callback"]))


def _escalation_open(s: act.Situation) -> bool:
    """The ladder allows an escalation and the latest plan has not been escalated yet."""
    latest = s.timeline.latest_version
    if s.strikes.used < s.settings.callback_after or latest is None:
        return False
    return s.timeline.version_key(latest) not in s.timeline.escalated_keys()


def _escalation_works(s: act.Situation) -> bool:
    return s.market is not None and s.market.escalation_status == "works"


def _open(s: act.Situation) -> list[Action]:
    return [act.first_appeal(s), act.email_reply(s)]


def _awaiting(s: act.Situation, clocks: list[Clock]) -> list[Action]:
    sent = s.timeline.last_main_out
    if sent is None:
        return [act.wait_for_answer(s, None, None)]
    expected = next(
        (c.due for c in clocks if c.name == "reply_expected_2_days"), sent.at + EXPECTED_REPLY
    )
    follow = act.follow_up_with_new(s)
    if s.now < expected:
        quiet = quiet_until(s.timeline, s.settings)
        until = max(expected, quiet) if quiet else expected
        return [act.wait_for_answer(s, sent, until), *([follow] if follow else [])]
    out: list[Action] = []
    if _callback_allowed(s, sent.at):
        out.append(act.callback(s, after_appeal=sent.at))
    elif _escalation_open(s) and _escalation_works(s):
        out.append(act.escalation(s))
    out.append(act.wait_for_answer(s, sent, None))
    if follow:
        out.append(follow)
    if _escalation_open(s) and all(a.channel != "escalation_email" for a in out):
        out.append(act.escalation(s))
    return out


def _more_info(s: act.Situation) -> list[Action]:
    reply = s.timeline.last_from_amazon
    out = [act.answer_more_info(s, reply), act.email_reply(s, answering=reply)]
    if _callback_allowed(s, reply.at if reply else None):
        out.append(act.callback(s))
    if _escalation_open(s):
        out.append(act.escalation(s))
    return out


def _denied(s: act.Situation) -> list[Action]:
    """After a denial: rewrite the plan first; send a new version; or wait for the answer to
    the new version already sent by another route (an escalation)."""
    timeline = s.timeline
    denial = timeline.last_from_amazon
    latest = timeline.latest_version
    key = timeline.version_key(latest) if latest else None
    out: list[Action] = []
    if latest is None or key is None or key in timeline.denied_keys():
        out.append(act.rewrite_first(s, denial))
    elif (carrier := timeline.last_carrying(key)) is None:
        out += [
            act.send_new_version(s, latest, denial.at if denial else None),
            act.email_reply(s, answering=denial),
        ]
    else:
        out.append(act.wait_for_answer(s, carrier, None))
    if _callback_allowed(s, denial.at if denial else None):
        out.append(act.callback(s))
    if _escalation_open(s):
        out.append(act.escalation(s))
    return out


def _guard(s: act.Situation, actions: list[Action]) -> list[Action]:
    """Never lead with a route whose status is uncertain; put a wait first when the first
    contact would break the quiet period."""
    if actions[0].uncertain:
        certain = [a for a in actions if not a.uncertain]
        if certain:
            actions.remove(certain[0])
            actions.insert(0, certain[0])
        else:
            actions.insert(0, act.wait_for_answer(s, s.timeline.last_main_out, None))
    until = quiet_until(s.timeline, s.settings)
    if until is None or s.now >= until:
        return actions
    first = actions[0]
    if first.channel == "wait":
        bare = ContactRecord(channel="ahs_callback", at=s.now)  # carries nothing new
        if first.until is None and exemption(s.timeline, bare, s.settings.zone) is None:
            first.until = until
    elif exemption(s.timeline, s.proposal(first), s.settings.zone) is None:
        actions.insert(0, act.wait_quiet(s, until))
    return actions


def _missing(history: History) -> list[str]:
    facts = history.facts
    out = []
    if not (facts.merchant_token or "").strip():
        out.append(IDENTIFIER_PLACES["merchant_token"])
    if not (facts.store_name or "").strip():
        out.append(IDENTIFIER_PLACES["store_name"])
    if not [c for c in facts.case_ids if c.strip()]:
        out.append(IDENTIFIER_PLACES["case_ids"])
    return out


def _warnings(s: act.Situation, clocks: list[Clock], unknown: list[str], status: str) -> list[str]:
    facts = s.timeline.history.facts
    if status in ("reinstated", "closed"):
        return []
    out = history_warnings(s.timeline, s.settings)
    if s.strikes.left == 1:
        out.append(
            "One unsuccessful appeal is left under the notice's limit: make the next appeal "
            "complete before it goes out."
        )
    elif s.strikes.left == 0:
        text = (
            "The unsuccessful appeals the notice allows are used up: Amazon may treat its "
            "decision as final."
        )
        if s.market is not None and s.market.eu_uk_mediation:
            text += (
                " For an EU or UK store, mediation can be requested within 6 months of "
                "Amazon's last message."
            )
        out.append(text)
    zone = s.settings.zone
    for clock in clocks:
        if clock.kind != "deadline" or clock.ended_by == "appeals":
            continue
        if clock.passed:
            out.append(f"{clock.label}: the date passed on {when(clock.due, zone)}.")
        elif clock.due - s.now <= SOON:
            hours = int((clock.due - s.now).total_seconds() // 3600)
            out.append(f"{clock.label}: due {when(clock.due, zone)}, in {hours} hours.")
    for name in unknown:
        out.append(f"The notice names a clock that is not in the knowledge: {name}.")
    if facts.marketplace and s.market is None:
        out.append(
            f"The marketplace {facts.marketplace} is not in the knowledge, so clocks and routes "
            "that depend on the region are left out."
        )
    return out


def plan(
    history: History,
    now: datetime,
    settings: PlannerSettings | None = None,
    *,
    knowledge: Knowledge | None = None,
) -> Plan:
    """The next actions for a case at ``now``, the first one to take now, with warnings,
    clocks, strikes and the identifiers still missing. Contacts after ``now`` are ignored."""
    settings = settings or PlannerSettings()
    knowledge = knowledge or load_knowledge()
    check_history_times(history)
    require_aware(now, "the current time")
    timeline = Timeline(history, until=now)
    status = timeline.status()
    market: Marketplace | None = knowledge.marketplaces.get(history.facts.marketplace or "")
    names, unknown = clock_names(timeline, knowledge, status, market)
    counted = strikes(timeline, knowledge, names)
    situation = act.Situation(timeline, knowledge, settings, now, market, counted)
    clocks = (
        []
        if status in ("reinstated", "closed")
        else (compute_clocks(timeline, knowledge, names, now, settings.zone))
    )
    if status == "reinstated":
        actions = [act.reinstated()]
    elif status == "closed":
        actions = [act.closed()]
    elif status == "awaiting_reply":
        actions = _guard(situation, _awaiting(situation, clocks))
    elif status == "more_info_requested":
        actions = _guard(situation, _more_info(situation))
    elif status == "denied":
        actions = _guard(situation, _denied(situation))
    else:
        actions = _guard(situation, _open(situation))
    for action in actions:
        if action.until is not None:
            action.until = action.until.astimezone(settings.zone)
    return Plan(
        actions=actions,
        warnings=_warnings(situation, clocks, unknown, status),
        clocks=clocks,
        strikes=Strikes(used=counted.used, left=counted.left),
        missing=_missing(history),
        status=status,
    )
