"""The cadence guard: whether a contact may go out now, and what is wrong with the past ones.

Rules: no new contact within the quiet period after the last one unless it carries a new
Plan of Action version or new documents, or answers a message from Amazon that came in
since; the same Plan of Action sent twice is a warning; a second escalation e-mail on the
same Plan of Action revision is refused unless forced.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from reinstate.core.case import ContactRecord
from reinstate.core.knowledge.loader import Knowledge, load_knowledge
from reinstate.core.planner.clocks import clock_names, strikes
from reinstate.core.planner.models import ContactVerdict, History, PlannerSettings
from reinstate.core.planner.text import CHANNEL_NAMES, plural, when
from reinstate.core.planner.timeline import (
    MAIN_CHANNELS,
    Timeline,
    check_history_times,
    is_outgoing,
    require_aware,
)


def quiet_until(timeline: Timeline, settings: PlannerSettings) -> datetime | None:
    """When the quiet period after the last outgoing contact ends (None: no contact yet)."""
    last = timeline.last_out
    return last.at + timedelta(hours=settings.quiet_hours) if last else None


def exemption(timeline: Timeline, proposed: ContactRecord, zone: ZoneInfo) -> str | None:
    """Why ``proposed`` may go out inside the quiet period, or None when nothing excuses it.

    An appeal or e-mail reply answers any message from Amazon that came after the last one;
    a call-back or an escalation only one that came after the last contact of any kind.
    """
    last = timeline.last_out
    replies = timeline.replies_after(last.at) if last else []
    if not replies and proposed.channel in MAIN_CHANNELS:
        # a call-back in between does not answer Amazon's message; the appeal does
        last_main = timeline.last_main_out
        replies = timeline.replies_after(last_main.at) if last_main else timeline.from_amazon
    if replies:
        return f"it answers Amazon's message of {when(replies[-1].at, zone)}"
    key = timeline.poa_key(proposed)
    if key is not None and key not in timeline.carried_keys():
        return "it carries a new Plan of Action version"
    if set(proposed.documents) - timeline.carried_documents():
        return "it carries new documents"
    return None


def quiet_problem(
    timeline: Timeline, proposed: ContactRecord, settings: PlannerSettings
) -> str | None:
    """The refusal for a contact inside the quiet period with nothing new, else None."""
    zone = settings.zone
    until = quiet_until(timeline, settings)
    last = timeline.last_out
    if until is None or last is None or proposed.at >= until:
        return None
    if exemption(timeline, proposed, zone) is not None:
        return None
    return (
        f"Too soon: the last contact ({CHANNEL_NAMES[last.channel]}, {when(last.at, zone)}) "
        f"went out less than {settings.quiet_hours} hours before this one, and this one "
        f"brings nothing new. Contact Amazon again from {when(until, zone)}, or sooner only "
        "with a new Plan of Action version, new documents, or to answer a new message from "
        "Amazon."
    )


def escalation_problem(timeline: Timeline, proposed: ContactRecord, zone: ZoneInfo) -> str | None:
    """The refusal for a second escalation e-mail on the same Plan of Action revision."""
    if proposed.channel != "escalation_email":
        return None
    key = timeline.escalation_key(proposed)
    earlier = [
        c
        for c in timeline.outgoing
        if c.channel == "escalation_email" and timeline.escalation_key(c) == key
    ]
    if not earlier:
        return None
    return (
        f"An escalation e-mail with Plan of Action {timeline.version_label(key)} already went "
        f"out on {when(earlier[0].at, zone)}. Escalate at most once per revision: rewrite the "
        "Plan of Action before escalating again."
    )


def _warnings(
    timeline: Timeline,
    proposed: ContactRecord,
    settings: PlannerSettings,
    knowledge: Knowledge,
) -> list[str]:
    zone = settings.zone
    facts = timeline.history.facts
    out: list[str] = []
    key = timeline.poa_key(proposed)
    used = timeline.strikes_used()
    market = knowledge.marketplaces.get(facts.marketplace or "")
    if proposed.channel in MAIN_CHANNELS and key is not None:
        earlier = [c for c in timeline.main_out if timeline.poa_key(c) == key]
        if earlier:
            out.append(
                f"Plan of Action {timeline.version_label(key)} was already sent on "
                f"{when(earlier[0].at, zone)} ({CHANNEL_NAMES[earlier[0].channel]}). Amazon "
                "reads an identical resend as spam; send a changed version instead."
            )
    if proposed.channel == "escalation_email":
        esc_key = timeline.escalation_key(proposed)
        if key is None:
            out.append(
                "An escalation e-mail should carry the updated Plan of Action as an attachment."
            )
        if esc_key is not None and esc_key in timeline.denied_keys():
            out.append(
                f"Amazon already denied Plan of Action {timeline.version_label(esc_key)}; an "
                "escalation helps only with a rewritten plan that says what changed."
            )
        if market is None:
            out.append(
                "The case has no known marketplace, so nobody knows whether an escalation "
                "address works for it; Amazon may reject the e-mail automatically."
            )
        elif market.escalation_status != "works":
            out.append(
                f"The escalation address for {market.name} is not known to work (status: "
                f"{market.escalation_status}); Amazon may reject the e-mail automatically."
            )
    if proposed.channel in ("ahs_callback", "escalation_email") and used < (
        settings.callback_after
    ):
        out.append(
            f"The {CHANNEL_NAMES[proposed.channel]} helps most after the appeal was answered "
            f"without success {plural(settings.callback_after, 'time')}; so far: {used}."
        )
    if proposed.channel in MAIN_CHANNELS:
        status = timeline.status()
        names, _ = clock_names(timeline, knowledge, status, market)
        left = strikes(timeline, knowledge, names).left
        if left == 0:
            out.append(
                "The notice allowed a limited number of unsuccessful appeals and all are used; "
                "Amazon may treat its decision as final and not review this one."
            )
    if not facts.case_ids:
        out.append(
            "No case ID is on file. Every message must carry it so that it joins the original "
            "case instead of opening a new one; find it in the notice or in the Case Log."
        )
    if timeline.history.status in ("reinstated", "closed"):
        out.append(f"The case is {timeline.history.status}; this contact may not be needed.")
    return out


def check_contact(
    history: History,
    proposed: ContactRecord,
    now: datetime,
    settings: PlannerSettings | None = None,
    force: bool = False,
    *,
    knowledge: Knowledge | None = None,
) -> ContactVerdict:
    """Judge a contact before it is recorded: refused (with the reason) or allowed, plus warnings.

    The rules measure from the proposed contact's own time, so a contact logged afterwards
    with its real date is judged as it was then; ``now`` is the time of the check and must be
    aware like every other time. A contact identical to one already in the history is taken
    as that same contact and not compared with itself. With ``force`` nothing is refused and
    the broken rules are returned as warnings.
    """
    settings = settings or PlannerSettings()
    knowledge = knowledge or load_knowledge()
    check_history_times(history)
    require_aware(proposed.at, "the contact's time")
    require_aware(now, "the current time")
    if not is_outgoing(proposed):
        return ContactVerdict()
    prior = [c for c in history.contacts if c.at <= proposed.at and c != proposed]
    timeline = Timeline(history.model_copy(update={"contacts": prior}), until=proposed.at)
    problems = [
        p
        for p in (
            quiet_problem(timeline, proposed, settings),
            escalation_problem(timeline, proposed, settings.zone),
        )
        if p is not None
    ]
    warnings = _warnings(timeline, proposed, settings, knowledge)
    if not problems:
        return ContactVerdict(warnings=warnings)
    if force:
        return ContactVerdict(warnings=[f"Sent despite the rule: {p}" for p in problems] + warnings)
    return ContactVerdict(refused=problems[0], warnings=problems[1:] + warnings)


def history_warnings(timeline: Timeline, settings: PlannerSettings) -> list[str]:
    """What already went wrong in the timeline: repeated plans, repeated escalations, chasing."""
    zone = settings.zone
    out: list[str] = []
    sent = Counter(key for c in timeline.main_out if (key := timeline.poa_key(c)) is not None)
    for key, count in sent.items():
        if count > 1:
            out.append(
                f"Plan of Action {timeline.version_label(key)} was sent {count} times. Amazon "
                "reads identical resends as spam; the next contact needs a changed version."
            )
    escalated = Counter(
        timeline.escalation_key(c) for c in timeline.outgoing if c.channel == "escalation_email"
    )
    for key, count in escalated.items():
        if count > 1:
            out.append(
                f"{count} escalation e-mails went out on Plan of Action "
                f"{timeline.version_label(key)}; only one per revision is advised."
            )
    chased: list[ContactRecord] = []
    contacts = timeline.contacts
    for index, contact in enumerate(contacts):
        if not is_outgoing(contact):
            continue
        before = Timeline(
            timeline.history.model_copy(update={"contacts": contacts[:index]}), until=contact.at
        )
        if quiet_problem(before, contact, settings) is not None:
            chased.append(contact)
    if chased:
        out.append(
            f"{plural(len(chased), 'contact')} went out within {settings.quiet_hours} hours of "
            f"the one before with nothing new (last on {when(chased[-1].at, zone)}). Chasing "
            "can hurt the case: wait for Amazon's answer."
        )
    return out
