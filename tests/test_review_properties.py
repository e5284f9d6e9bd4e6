"""Any text gives a valid report; spans are exact; the same text gives the same report."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reinstate.core.review import LETTER_KINDS, ReviewConfig, review
from reinstate.core.review.normalize import normalise

BUILTIN = ReviewConfig(builtin_only=True)

PIECES = [
    "Root cause",
    "1. Corrective Actions:",
    "## Preventive measures",
    "We will do better.",
    "I can\u2019t sleep!!",
    "losing $12,000 a day",
    "[YOUR NAME]",
    "XXXX",
    "Case ID: 12345678901",
    "Merchant token: A3KQ7X2M9PLZ4T",
    "law-\nyer",
    "\u201cquoted\u201d",
    "\n\n",
    "\n- ",
    "  ",
    "On May 3, 2026 we removed 40 units.",
    "\u0130stanbul",
    "\u00ad",
    "\u200b",
    "\t",
    "\r\n",
]
letters = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=25).map(
    "".join
)


def _check(text: str, kind: str) -> None:
    report = review(text, kind=kind, config=BUILTIN)  # type: ignore[arg-type]
    data = report.contract()
    assert data["schema"] == 1
    assert data["ready"] == all(f["severity"] != "error" for f in data["findings"])
    lines = text.split("\n")
    for f in data["findings"]:
        assert 0 <= f["start"] <= f["end"] <= len(text)
        assert f["excerpt"] == text[f["start"] : f["end"]]
        assert f["line"] >= 1 and f["column"] >= 1
        line_start = sum(len(x) + 1 for x in lines[: f["line"] - 1])
        assert line_start + f["column"] - 1 == f["start"]
    for section in data["sections"].values():
        if section["found"]:
            assert 0 <= section["start"] <= section["end"] <= len(text)
    assert data["stats"]["words"] >= 0
    assert 0.0 <= data["stats"]["date_or_number_share"] <= 1.0
    again = review(text, kind=kind, config=BUILTIN)  # type: ignore[arg-type]
    assert again.contract() == data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letters, st.sampled_from(LETTER_KINDS))
def test_any_text_gives_a_valid_report(text: str, kind: str) -> None:
    _check(text, kind)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode(text: str) -> None:
    _check(text, "poa")


@settings(max_examples=200, deadline=None)
@given(letters, st.integers(0, 400), st.integers(0, 400))
def test_normalised_spans_map_inside_the_original(text: str, a: int, b: int) -> None:
    norm = normalise(text)
    start, end = sorted((min(a, len(norm.text)), min(b, len(norm.text))))
    o_start, o_end = norm.to_original(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    assert len(norm.lowered) == len(text)


def test_spans_are_exact_after_normalising() -> None:
    text = "Intro.\nI\u2019m   so  devastated, we can\u2019t  go on; call my law-\nyer now."
    report = review(text, config=BUILTIN)
    excerpts = {f.rule: f.excerpt for f in report.findings}
    assert excerpts["tone.emotional.distress"] == "I\u2019m   so  devastated"
    assert excerpts["tone.threat.legal"] == "call my law-\nyer"


def test_word_gap_kinds_map_back() -> None:
    from reinstate.core.review.rules import expand_pattern

    rx = re.compile(expand_pattern("can not sleep"))
    for text, expected in [
        ("We  cannot\n\nsleep", "cannot\n\nsleep"),
        ("We can\u2019t sleep", "can\u2019t sleep"),
        ("We can not\nsleep", "can not\nsleep"),
        ("We can-\nnot sleep", "can-\nnot sleep"),
    ]:
        norm = normalise(text)
        m = rx.search(norm.text)
        assert m is not None, text
        s, e = norm.to_original(*m.span())
        assert text[s:e] == expected


def test_contract_matches_the_models() -> None:
    report = review("Root cause\nWe will do better!! [YOUR NAME]\n", config=BUILTIN)
    data = report.contract()
    assert data["findings"] == [f.model_dump() for f in report.findings]
    assert data["sections"] == {p: s.model_dump() for p, s in report.sections.items()}
    assert data["stats"] == report.stats.model_dump()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letters, st.sampled_from(LETTER_KINDS))
def test_windows_line_ends_give_the_same_review(text: str, kind: str) -> None:
    """A letter saved on Windows (or sent from a browser's form) reads as the same letter."""
    plain = text.replace("\r\n", "\n")
    windows = plain.replace("\n", "\r\n")
    _check(windows, kind)
    a = review(plain, kind=kind, config=BUILTIN)  # type: ignore[arg-type]
    b = review(windows, kind=kind, config=BUILTIN)  # type: ignore[arg-type]
    assert [(f.rule, f.severity, f.line, f.column) for f in a.findings] == [
        (f.rule, f.severity, f.line, f.column) for f in b.findings
    ]
    assert [f.excerpt for f in a.findings] == [f.excerpt.replace("\r\n", "\n") for f in b.findings]
    assert {p: (s.found, s.fits) for p, s in a.sections.items()} == {
        p: (s.found, s.fits) for p, s in b.sections.items()
    }
    assert a.stats == b.stats
