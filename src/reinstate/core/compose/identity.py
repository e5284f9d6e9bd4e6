"""The identifier block every message carries, and the small wording shared by renderers."""

from __future__ import annotations

from datetime import date

from reinstate.core.case import CaseFacts
from reinstate.core.compose.headers import sanitize_header

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(value: date) -> str:
    """A date no reader can misread: "3 November 2026"."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def case_ids_text(facts: CaseFacts) -> str:
    return ", ".join(sanitize_header(c) for c in facts.case_ids if sanitize_header(c))


def section_3_text(facts: CaseFacts) -> str | None:
    if facts.mentions_section_3 is None:
        return None
    if facts.mentions_section_3:
        return "Yes, the notice cites Section 3 of the Business Solutions Agreement"
    return "No, the notice does not cite Section 3"


def identifier_lines(facts: CaseFacts) -> list[tuple[str, str]]:
    """(label, value) for each identifier the case knows, in the order Amazon reads them.

    An identifier the case does not know is left out rather than filled with a
    placeholder; the review reports it as missing.
    """
    lines: list[tuple[str, str]] = []
    if facts.store_name:
        lines.append(("Store name", facts.store_name))
    if facts.merchant_token:
        lines.append(("Merchant token", facts.merchant_token))
    if case_ids_text(facts):
        label = "Case ID" if len(facts.case_ids) == 1 else "Case IDs"
        lines.append((label, case_ids_text(facts)))
    if facts.marketplace:
        lines.append(("Marketplace", facts.marketplace))
    if facts.suspension_date:
        # a warning (at risk, listing removed, a compliance request) has not deactivated anything
        label = "Date of the notice" if facts.notice_kind == "warning" else "Date of deactivation"
        lines.append((label, long_date(facts.suspension_date)))
    section_3 = section_3_text(facts)
    if section_3:
        lines.append(("Section 3", section_3))
    return _one_line(lines)


def _one_line(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(label, sanitize_header(value)) for label, value in lines if sanitize_header(value)]


def identifier_block(facts: CaseFacts) -> str:
    return "\n".join(f"{label}: {value}" for label, value in identifier_lines(facts))


def case_reference(facts: CaseFacts) -> str:
    """ "case ID 123" / "case IDs 123, 456" / "" for subject lines and opening sentences."""
    if not case_ids_text(facts):
        return ""
    label = "case ID" if len(facts.case_ids) == 1 else "case IDs"
    return f"{label} {case_ids_text(facts)}"


def signature(facts: CaseFacts) -> str:
    return sanitize_header(facts.store_name or "") or "The account owner"
