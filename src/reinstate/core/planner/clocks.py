"""The clocks that run on a case, with their dates computed in the user's time zone.

Day and month clocks count calendar days in local time, so "17 days" from 10:00 is 10:00
on the 17th day even when daylight-saving time changes in between. Hour clocks count
elapsed hours ("72 hours" is 72 real hours, whatever the wall clock does).
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from reinstate.core.knowledge.loader import Knowledge
from reinstate.core.knowledge.models import ClockInfo, Marketplace
from reinstate.core.planner.models import Clock, ClockKind, Strikes
from reinstate.core.planner.timeline import UNSUCCESSFUL, Timeline

# A clock is a deadline unless named here.
KIND_OF: dict[str, ClockKind] = {"funds_90_days": "earliest", "reply_expected_2_days": "expected"}
SITUATIONAL = frozenset(
    {"funds_90_days", "at_risk_72_hours", "reply_expected_2_days", "eu_uk_mediation_6_months"}
)


def add_months(moment: datetime, months: int) -> datetime:
    """The same wall time ``months`` later; the 31st becomes the last day of a short month."""
    total = moment.month - 1 + months
    year, month = moment.year + total // 12, total % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    """A wall time in ``zone``; a time skipped by a spring-forward change moves past the gap."""
    return moment.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def due_date(start: datetime, info: ClockInfo, zone: ZoneInfo) -> datetime:
    """When a clock that started at ``start`` runs out, in ``zone``."""
    wall = start.astimezone(zone).replace(tzinfo=None)
    if info.months:
        wall = add_months(wall, info.months)
    if info.days:
        wall += timedelta(days=info.days)
    moment = local(wall, zone)
    if info.hours:
        moment = (moment.astimezone(UTC) + timedelta(hours=info.hours)).astimezone(zone)
    return moment


def start_of_day(day: date, zone: ZoneInfo) -> datetime:
    return local(datetime.combine(day, time(0)), zone)


class ClockContext:
    """The events a clock can start from, read once from the timeline."""

    def __init__(self, timeline: Timeline, zone: ZoneInfo) -> None:
        history = timeline.history
        self.timeline = timeline
        self.zone = zone
        if history.notice_at is not None:
            self.notice: datetime = history.notice_at
        elif history.notice_date is not None:
            self.notice = start_of_day(history.notice_date, zone)
        elif history.facts.suspension_date is not None:
            self.notice = start_of_day(history.facts.suspension_date, zone)
        else:
            self.notice = history.opened_at
        suspended = history.facts.suspension_date or history.notice_date
        self.deactivation = start_of_day(suspended, zone) if suspended else self.notice
        main = timeline.main_out
        self.first_appeal = main[0].at if main else None
        self.last_appeal = main[-1].at if main else None
        last_amazon = timeline.last_from_amazon
        self.last_amazon_contact = last_amazon.at if last_amazon else self.notice

    def start(self, info: ClockInfo) -> datetime | None:
        return {
            "notice": self.notice,
            "at_risk_notice": self.notice,
            "deactivation": self.deactivation,
            "first_appeal": self.first_appeal,
            "last_appeal": self.last_appeal,
            "last_amazon_contact": self.last_amazon_contact,
        }[info.starts]


def _situation_holds(
    name: str, timeline: Timeline, status: str, market: Marketplace | None
) -> bool:
    facts = timeline.history.facts
    if name == "funds_90_days":
        return facts.notice_kind != "warning"
    if name == "at_risk_72_hours":
        return facts.notice_kind == "warning"
    if name == "reply_expected_2_days":
        last = timeline.last_main_out
        return (
            status == "awaiting_reply" and last is not None and not timeline.replies_after(last.at)
        )
    if name == "eu_uk_mediation_6_months":
        return market is not None and market.eu_uk_mediation
    return False


def clock_names(
    timeline: Timeline, knowledge: Knowledge, status: str, market: Marketplace | None
) -> tuple[list[str], list[str]]:
    """The clocks that run on this case, and the names the notice gave that are unknown.

    A situational clock (held funds, at-risk window, expected reply, EU/UK mediation) runs
    when its situation holds, whatever the reason lists. Any other clock runs when the
    case's reason lists it. A clock the notice itself states (``facts.clocks``) always runs.
    """
    facts = timeline.history.facts
    reason = knowledge.reasons.get(facts.reason)
    listed = set(reason.clocks) if reason else set()
    stated = set(facts.clocks)
    unknown = [name for name in facts.clocks if name not in knowledge.clocks]
    runs = []
    for name, info in knowledge.clocks.items():
        if name in stated:
            runs.append(name)
            continue
        if name in SITUATIONAL:
            if not _situation_holds(name, timeline, status, market):
                continue
        elif name not in listed:
            continue
        if info.applies_to_regions and (
            market is None or market.region not in info.applies_to_regions
        ):
            continue
        runs.append(name)
    return runs, unknown


def compute_clocks(
    timeline: Timeline,
    knowledge: Knowledge,
    names: list[str],
    now: datetime,
    zone: ZoneInfo,
) -> list[Clock]:
    """Each named clock with its start and due date, soonest first."""
    context = ClockContext(timeline, zone)
    failures = timeline.unsuccessful_replies()
    notice_failures = 1 if timeline.history.facts.notice_kind in UNSUCCESSFUL else 0
    clocks: list[Clock] = []
    for name in names:
        info = knowledge.clocks[name]
        start = context.start(info)
        if start is None:
            continue
        due = due_date(start, info, zone)
        ended_by: Literal["time", "appeals"] = "time"
        if info.appeals is not None:
            needed = info.appeals - notice_failures
            if needed <= 0:
                due, ended_by = min(due, start.astimezone(zone)), "appeals"
            elif len(failures) >= needed:
                ended = failures[needed - 1].at.astimezone(zone)
                if ended < due:
                    due, ended_by = ended, "appeals"
        clocks.append(
            Clock(
                name=name,
                label=info.label,
                kind=KIND_OF.get(name, "deadline"),
                starts=start.astimezone(zone),
                due=due,
                passed=due <= now,
                ended_by=ended_by,
                description=" ".join(info.description.split()),
                contact=info.contact,
            )
        )
    clocks.sort(key=lambda c: c.due)
    return clocks


def strikes(timeline: Timeline, knowledge: Knowledge, names: list[str]) -> Strikes:
    """Unsuccessful appeals used, and left under the tightest limit a running clock sets."""
    used = timeline.strikes_used()
    limits = [knowledge.clocks[n].appeals for n in names if knowledge.clocks[n].appeals]
    left = max(0, min(limit for limit in limits if limit) - used) if limits else None
    return Strikes(used=used, left=left)
