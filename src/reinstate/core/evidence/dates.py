"""Find calendar dates in document text (English, German, French, Spanish, Italian).

Each date found carries the words just before it on its line, so a check can tell an issue
date ("Invoice date: 12.03.2026") from a due date or a service period.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

Role = Literal["issue", "other", "unlabelled"]

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janner jaenner janvier janv enero ene gennaio gen",
        "february feb februar feber fevrier fevr fev febrero febbraio",
        "march mar marz maerz mrz mars marzo",
        "april apr avril avr abril abr aprile",
        "may mai mayo maggio mag",
        "june jun juni juin junio giugno giu",
        "july jul juli juillet juil julio luglio lug",
        "august aug augusti aout agosto ago",
        "september sep sept septembre septiembre setiembre settembre set",
        "october oct oktober okt octobre octubre ottobre ott",
        "november nov novembre noviembre",
        "december dec dezember dez decembre diciembre dic dicembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|o|\.)?"
_YEAR = r"(?P<y>(?:19|20)\d{2}|'?\d{2})"

_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w.]){_DAY}[\s\-/]*(?:de\s+)?(?P<m>{_MONTH_ALT})\.?(?:\s+de\s+|[\s,\-/]+|\.){_YEAR}(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w.])(?P<m>{_MONTH_ALT})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE,
)
_ISO = re.compile(
    r"(?<![\d.,/-])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?![\d])"
)
_NUMERIC = re.compile(
    r"(?<![\d.,/-])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
    r"(?P<y>(?:19|20)\d{2}|\d{2})(?![\d]|[.,]\d)"
)

# Words just before a date that say it is the date the document was issued.
_ISSUE_LABEL = re.compile(
    r"(?:invoice|bill|statement|issue|document|tax point)\s*date|date\s*(?:of\s*)?(?:issue|invoice)"
    r"|\bissued\b|rechnungsdatum|ausstellungsdatum|belegdatum|\bdatum\b|date\s*(?:de\s*)?"
    r"(?:facture|facturation|d.emission)|fecha\s*(?:de\s*)?(?:factura|emision|expedicion)?"
    r"|data\s*(?:di\s*)?(?:fattura|emissione|documento)?|\bdated?\b|\bdate\b",
    re.IGNORECASE,
)
# Words that say the date is something else: due, delivery, service period, birth, order.
_OTHER_LABEL = re.compile(
    r"\bdue\b|pay(?:able)?\s*by|payment\s*(?:date|term)|f.llig|zahlbar|faellig|echeance"
    r"|vencimiento|scadenza|deliver|\bship|dispatch|liefer|leistung|livraison|entrega|consegna"
    r"|period|zeitraum|periode|periodo|\bfrom\b|\bto\b|\buntil\b|\bvom\b|\bbis\b|\bdu\b|\bau\b"
    r"|\bdesde\b|\bhasta\b|\bdal\b|\bal\b|birth|geburt|naissance|nacimiento|nascita|order"
    r"|bestell|auftrag|commande|pedido|ordine|valid|gultig|expir|ablauf|since|seit|depuis"
    r"|established|gegr.ndet|print",
    re.IGNORECASE,
)

_LABELS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("other", _OTHER_LABEL),
    ("issue", _ISSUE_LABEL),
)

_US_CUES = re.compile(r"\bUSA?\b|United States|\$\s?\d|\bUSD\b|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")


_RANGE_DASHES = frozenset({"-", "\u2013", "\u2014", "/"})


@dataclass(frozen=True)
class FoundDate:
    """One date in a text: its value, where it is, and what the words before it say it is."""

    value: date
    start: int
    end: int
    role: Role
    label: str


def fold(text: str) -> str:
    """The text with accents removed, keeping every character's position."""
    table = {ord(ch): unicodedata.normalize("NFKD", ch)[0] for ch in set(text) if ord(ch) > 127}
    return text.translate(table) if table else text


def _year(raw: str) -> int:
    raw = raw.lstrip("'")
    value = int(raw)
    return value + 2000 if len(raw) == 2 else value


def _make(year: int, month: int, day: int) -> date | None:
    if not 1990 <= year <= 2060:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_first(folded: str) -> bool:
    """Whether ambiguous numeric dates like 03/04/2026 are month first (US style)."""
    votes_month_first = votes_day_first = 0
    for match in _NUMERIC.finditer(folded):
        if match["sep"] == ".":
            votes_day_first += 1
            continue
        first, second = int(match["a"]), int(match["b"])
        if first > 12 >= second:
            votes_day_first += 1
        elif second > 12 >= first:
            votes_month_first += 1
    if votes_month_first != votes_day_first:
        return votes_month_first > votes_day_first
    return bool(_US_CUES.search(folded))


def _label_before(text: str, folded: str, start: int, floor: int) -> tuple[Role, str]:
    """The role of the words between the previous date (or line start) and this date.

    The label returned is the words that decided the role, from the original text.
    """
    line_start = folded.rfind("\n", 0, start) + 1
    begin = max(line_start, floor, start - 40)
    window = folded[begin:start]
    if not window.strip(" \t:-|#"):
        return "unlabelled", ""
    for role, pattern in _LABELS:
        matches = list(pattern.finditer(window))
        if matches:
            label = text[begin + matches[-1].start() : start]
            return role, " ".join(label.split()).strip(" :-|#")
    return "unlabelled", " ".join(text[begin:start].split()).strip(" :-|#")


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``, in the order they appear (overlapping matches dropped)."""
    folded = fold(text)
    month_first = _month_first(folded)
    candidates: list[tuple[int, int, date]] = []

    for match in _DAY_MONTH_YEAR.finditer(folded):
        if len(match["y"]) == 2 and folded[match.start("y") - 1].isspace():
            continue  # "1 may 20 units": a two-digit year needs "12-Mar-26" or "12 Mar '26"
        value = _make(_year(match["y"]), _MONTHS[match["m"].lower()], int(match["d"]))
        if value:
            candidates.append((match.start(), match.end(), value))
    for match in _MONTH_DAY_YEAR.finditer(folded):
        value = _make(int(match["y"]), _MONTHS[match["m"].lower()], int(match["d"]))
        if value:
            candidates.append((match.start(), match.end(), value))
    for match in _ISO.finditer(folded):
        value = _make(int(match["y"]), int(match["m"]), int(match["d"]))
        if value:
            candidates.append((match.start(), match.end(), value))
    for match in _NUMERIC.finditer(folded):
        first, second = int(match["a"]), int(match["b"])
        year = _year(match["y"])
        if match["sep"] != "." and (month_first or second > 12) and first <= 12:
            value = _make(year, first, second)
        else:
            value = _make(year, second, first)
        if value:
            candidates.append((match.start(), match.end(), value))

    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    found: list[FoundDate] = []
    last_end = -1
    for start, end, value in candidates:
        if start < last_end:
            continue
        role, label = _label_before(text, folded, start, max(last_end, 0))
        if found and folded[last_end:start].strip() in _RANGE_DASHES:
            role, label = found[-1].role, found[-1].label  # the end of a range: "01.01. - 31.01."
        found.append(FoundDate(value, start, end, role, label))
        last_end = end
    return found


def issue_date(found: list[FoundDate]) -> tuple[FoundDate | None, str]:
    """The date the document was most likely issued, and how it was chosen."""
    if not found:
        return None, "no date was found in the text"
    labelled = [d for d in found if d.role == "issue"]
    if labelled:
        return labelled[0], f"the date labelled '{labelled[0].label[-30:].strip()}'"
    unlabelled = [d for d in found if d.role == "unlabelled"]
    if unlabelled:
        earliest = min(unlabelled, key=lambda d: d.value)
        return earliest, "the earliest date without a label (no date is labelled as the issue date)"
    earliest = min(found, key=lambda d: d.value)
    return earliest, "the earliest date in the text (none is labelled as the issue date)"
