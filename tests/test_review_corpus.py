"""The labelled letters: the shared corpus and our own cases in tests/appeals/.

Every labelled problem must be found by a finding of its category whose span overlaps the
phrase (or any finding of the category where the problem is an absence); letters labelled
good get nothing at warning or error level; sections and identifiers are found as labelled.
"""

from __future__ import annotations

import pytest

from tests.test_review_support import (
    CORPUS,
    OWN,
    Labelled,
    false_alarms,
    identifier_mismatches,
    load,
    missed_problems,
    section_mismatches,
)

ITEMS = load(CORPUS) + load(OWN)
IDS = [item.name for item in ITEMS]


def test_enough_cases() -> None:
    own = load(OWN)
    assert len(own) >= 40
    assert sum(1 for item in own if item.label["verdict"] == "good") >= 12


@pytest.mark.parametrize("item", ITEMS, ids=IDS)
def test_labelled_problems_are_found(item: Labelled) -> None:
    assert missed_problems(item, item.review()) == []


@pytest.mark.parametrize(
    "item", [i for i in ITEMS if i.label["verdict"] == "good"], ids=lambda i: i.name
)
def test_good_letters_stay_quiet(item: Labelled) -> None:
    report = item.review()
    assert false_alarms(report) == []
    assert report.ready


@pytest.mark.parametrize("item", ITEMS, ids=IDS)
def test_sections_as_labelled(item: Labelled) -> None:
    assert section_mismatches(item, item.review()) == []


@pytest.mark.parametrize("item", ITEMS, ids=IDS)
def test_identifiers_as_labelled(item: Labelled) -> None:
    assert identifier_mismatches(item) == []


def test_bad_letters_with_threats_or_placeholders_are_not_ready() -> None:
    for item in ITEMS:
        categories = {p["category"] for p in item.label["problems"]}
        if categories & {"threat_legal", "placeholder"}:
            assert not item.review().ready, item.name


def test_wrong_identifiers_are_errors() -> None:
    item = next(i for i in ITEMS if i.name.startswith("t37"))
    errors = [f for f in item.review().findings if f.rule == "identifiers.wrong"]
    assert {f.excerpt for f in errors} == {"A3KQ7X2M9PLZ4Q", "18427719399"}
    assert all(f.severity == "error" for f in errors)
