"""Dates as notices print them: RFC 2822 headers, "7. Oktober 2026", "09/14/2023" and so on.

Only whole dates are read: a number of days ("within 90 days") never is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache

from reinstate.core.notice.patterns import Patterns

_TZ = re.compile(r"([A-Za-z]*)([+-])(\d{1,2}):?(\d{2})?")
_RFC_SHAPE = re.compile(r"^\s*(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")


@dataclass(frozen=True)
class Found:
    """A date (and maybe a time) found in a text."""

    day: date
    at: time | None
    offset_minutes: int | None
    start: int
    end: int

    def as_datetime(self) -> datetime | None:
        if self.at is None:
            return None
        value = datetime.combine(self.day, self.at)
        if self.offset_minutes is not None:
            value = value.replace(tzinfo=timezone(timedelta(minutes=self.offset_minutes)))
        return value


@lru_cache(maxsize=4)
def _date_re(patterns: Patterns) -> re.Pattern[str]:
    months = patterns.month_alt
    words = patterns.date_words
    return re.compile(
        rf"""(?<![\w/.-])(?:
          (?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?![\d])
        | (?P<d1>\d{{1,2}})(?:\.|er|º|st|nd|rd|th)?\s*(?:de\s+)?(?P<m1>{months})\.?,?\s*
          (?:de\s+|del\s+)?(?P<y1>\d{{4}})(?!\d)
        | (?P<m2>{months})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})(?!\d)
        | (?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y3>\d{{4}})(?!\d)
        )
        (?:(?:\s|,|T)*(?:(?:{words})\s+)?(?P<H>\d{{1,2}})[:h.](?P<M>\d{{2}})(?![\d])(?::(?P<S>\d{{2}}))?
           (?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?
           (?:\s*\(?(?P<tz>(?-i:[A-Z]{{2,5}})(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?|[+-]\d{{2}}:?\d{{2}}|Z\b)\)?)?
        )?""",
        re.I | re.X,
    )


def _offset(patterns: Patterns, tz: str | None) -> int | None:
    if not tz:
        return None
    m = _TZ.fullmatch(tz)
    if m:
        name, sign, hours, minutes = m.groups()
        if name and name.upper() not in patterns.zones:
            return None
        base = patterns.zones.get(name.upper(), 0) if name else 0
        value = int(hours) * 60 + int(minutes or 0)
        if len(hours) == 2 and minutes is None and not name:
            return None
        offset = base + (value if sign == "+" else -value)
        # a damaged header ("+3100") is no offset at all: a real one is under 24 hours
        return offset if -24 * 60 < offset < 24 * 60 else None
    return patterns.zones.get(tz.upper())


def _build(patterns: Patterns, m: re.Match[str], day_first: bool) -> Found | None:
    g = m.groupdict()
    try:
        if g["iy"]:
            day = date(int(g["iy"]), int(g["im"]), int(g["id"]))
        elif g["m1"]:
            day = date(int(g["y1"]), patterns.months[g["m1"].lower()], int(g["d1"]))
        elif g["m2"]:
            day = date(int(g["y2"]), patterns.months[g["m2"].lower()], int(g["d2"]))
        else:
            a, b = int(g["a"]), int(g["b"])
            if g["sep"] == "." or a > 12 or (day_first and b <= 12):
                dd, mm = a, b
            else:
                dd, mm = b, a
            day = date(int(g["y3"]), mm, dd)
    except (ValueError, KeyError):
        return None
    at: time | None = None
    offset: int | None = None
    if g["H"]:
        hour, minute = int(g["H"]), int(g["M"])
        ampm = (g["ampm"] or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return Found(day, None, None, m.start(), m.end())
        second = int(g["S"]) if g["S"] else 0
        at = time(hour, minute, min(second, 59))
        offset = _offset(patterns, g["tz"])
    return Found(day, at, offset, m.start(), m.end())


def find_dates(patterns: Patterns, text: str, *, day_first: bool = False) -> list[Found]:
    """Every whole date in ``text``, in order."""
    found = []
    for m in _date_re(patterns).finditer(text):
        item = _build(patterns, m, day_first)
        if item is not None and 1990 <= item.day.year <= 2100:
            found.append(item)
    return found


def first_date(patterns: Patterns, text: str, *, day_first: bool = False) -> Found | None:
    """The first whole date in ``text``."""
    for m in _date_re(patterns).finditer(text):
        item = _build(patterns, m, day_first)
        if item is not None and 1990 <= item.day.year <= 2100:
            return item
    return None


def header_datetime(patterns: Patterns, value: str, *, day_first: bool = False) -> Found | None:
    """A date header: RFC 2822 first, then the forms a mail client prints."""
    parsed = None
    if _RFC_SHAPE.match(value):
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed = None
    if parsed is not None and 1990 <= parsed.year <= 2100:
        offset = parsed.utcoffset()
        minutes = None if offset is None else int(offset.total_seconds() // 60)
        return Found(parsed.date(), parsed.time().replace(tzinfo=None), minutes, 0, len(value))
    return first_date(patterns, value, day_first=day_first)
