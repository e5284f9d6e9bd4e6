"""The date finder: formats and languages, labels, ambiguous numeric dates, no crash on any text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reinstate.core.evidence.dates import find_dates, issue_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Invoice date: 2026-03-12", date(2026, 3, 12)),
        ("Date: 12.03.2026", date(2026, 3, 12)),
        ("Date 1.3.26", date(2026, 3, 1)),
        ("March 12, 2026", date(2026, 3, 12)),
        ("Mar. 12th 2026", date(2026, 3, 12)),
        ("12th March 2026", date(2026, 3, 12)),
        ("12-Mar-26", date(2026, 3, 12)),
        ("Rechnungsdatum: 3. März 2026", date(2026, 3, 3)),
        ("Datum: 14. Dezember 2025", date(2025, 12, 14)),
        ("Date de facture : 1er février 2026", date(2026, 2, 1)),
        ("le 23 août 2025", date(2025, 8, 23)),
        ("Fecha de emisión: 5 de marzo de 2026", date(2026, 3, 5)),
        ("Fecha: 17 dic. 2025", date(2025, 12, 17)),
        ("Data fattura: 7 gennaio 2026", date(2026, 1, 7)),
        ("Data: 30 settembre 2025", date(2025, 9, 30)),
        ("Invoice date: 25/03/2026", date(2026, 3, 25)),  # day first: 25 cannot be a month
        ("Invoice date: 03/25/2026", date(2026, 3, 25)),  # month first: 25 cannot be a month
    ],
)
def test_formats_and_languages(text: str, expected: date) -> None:
    assert [d.value for d in find_dates(text)] == [expected]


def test_ambiguous_numeric_dates_follow_the_document() -> None:
    # A US document: a dollar amount, a state and ZIP code.
    us = find_dates("Springfield, IL 62701\nDate: 03/04/2026\nTotal $120.00")
    assert [d.value for d in us] == [date(2026, 3, 4)]
    # Elsewhere day first, and an unambiguous date in the same text settles it.
    uk = find_dates("London\nDate: 03/04/2026")
    assert [d.value for d in uk] == [date(2026, 4, 3)]
    voted = find_dates("Date: 03/04/2026\nDue: 12/28/2026")
    assert [d.value for d in voted] == [date(2026, 3, 4), date(2026, 12, 28)]


def test_not_dates() -> None:
    text = (
        "Item 1 may 20 units\nPrice 12.50 EUR\nTel: 030 12.34.56\nVersion 1.2.3\n"
        "SKU 31/02/2026\nSerial 99.99.1999"
    )
    assert find_dates(text) == []


def test_labels_tell_the_issue_date_from_others() -> None:
    text = (
        "Service period: 01.01.2026 – 31.01.2026\n"
        "Due date: 28.02.2026\n"
        "Order date: 20.12.2025\n"
        "Invoice date: 05.02.2026\n"
    )
    found = find_dates(text)
    assert [(d.value.isoformat(), d.role) for d in found] == [
        ("2026-01-01", "other"),
        ("2026-01-31", "other"),
        ("2026-02-28", "other"),
        ("2025-12-20", "other"),
        ("2026-02-05", "issue"),
    ]
    chosen, how = issue_date(found)
    assert chosen is not None and chosen.value == date(2026, 2, 5)
    assert "Invoice date" in how


@pytest.mark.parametrize(
    "text",
    [
        "Rechnungsdatum 02.02.2026 Fällig am 02.03.2026",
        "Date de facture 02/02/2026 Échéance 02/03/2026",
        "Fecha de factura 02/02/2026 Vencimiento 02/03/2026",
        "Data fattura 02/02/2026 Scadenza 02/03/2026",
    ],
)
def test_due_date_labels_in_other_languages(text: str) -> None:
    found = find_dates(text)
    assert [d.role for d in found] == ["issue", "other"]


def test_without_labels_the_earliest_date_is_taken() -> None:
    chosen, how = issue_date(find_dates("Shipped 2026-02-10\n2026-01-15\n2026-03-01"))
    assert chosen is not None and chosen.value == date(2026, 1, 15)
    assert "earliest" in how
    assert issue_date([]) == (None, "no date was found in the text")


@given(st.text(max_size=400))
def test_any_text_is_read_without_error(text: str) -> None:
    for found in find_dates(text):
        assert 0 <= found.start < found.end <= len(text)
        assert 1990 <= found.value.year <= 2060
