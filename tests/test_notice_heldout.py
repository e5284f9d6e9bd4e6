"""Held-out golden test: notices written apart from the reader, every contract field right.

The cases in ``tests/notices_heldout/`` were written from the text alone (see the README
there for the conventions chosen where the contract leaves room).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reinstate.core.codes import NOTICE_KINDS, REASONS
from reinstate.core.notice import read_notices
from reinstate.core.notice.model import CONTRACT_FIELDS

HELDOUT = Path(__file__).resolve().parent / "notices_heldout"
INPUTS = (".eml", ".txt", ".mbox")


def _cases() -> list[Path]:
    return sorted(p for p in HELDOUT.iterdir() if p.suffix in INPUTS)


def _expected(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


@pytest.mark.parametrize("path", _cases(), ids=lambda p: p.name)
def test_heldout_notice(path: Path) -> None:
    got = [n.contract() for n in read_notices(path.read_bytes(), path.name)]
    expected = _expected(path)
    assert len(got) == len(expected)
    for one, want in zip(got, expected, strict=True):
        assert set(CONTRACT_FIELDS) <= set(want), "expected files carry every contract field"
        assert {k: one[k] for k in CONTRACT_FIELDS} == {k: want[k] for k in CONTRACT_FIELDS}


def test_heldout_covers_every_kind_reason_and_language() -> None:
    wants = [want for path in _cases() for want in _expected(path)]
    assert len(_cases()) >= 30
    assert {w["kind"] for w in wants} >= set(NOTICE_KINDS)
    assert {w["language"] for w in wants} >= {"en", "de", "fr", "es", "it"}
    assert {w["reason"] for w in wants} >= set(REASONS)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Hallo,\n\nIhr Konto „Lindenholz“ wurde deaktiviert.\n\nSeller Performance",
            "deactivation",
        ),
        (
            'Hello,\n\nYour store "Acme Goods" has been deactivated.\n\nSeller Performance',
            "deactivation",
        ),
        ('I got this: "Your selling account has been deactivated." What now?', "other"),
        ("Got this today: “we have removed your selling privileges” - any advice?", "other"),
    ],
)
def test_quoted_wording_is_someone_quoting(text: str, kind: str) -> None:
    notice = read_notices(text, "-")[0]
    assert notice.kind == kind
    if kind == "other":
        assert notice.merchant_token is None and notice.reason == "other"


_CAUSE_CASES = [
    (
        "Hello,\n\nWe have deactivated your selling account because customers reported that "
        "the items you sold were counterfeit.\n\nRights owners can retract intellectual property "
        "complaints. See the Intellectual Property Policy.\n\nSeller Performance",
        "inauthentic",
    ),
    (
        "Hello,\n\nWe have deactivated your selling account because it is related to another "
        "account that may not sell on Amazon.\n\nAdditional resources: Order Defect Rate, "
        "Late Shipment Rate, Cancellation Rate.\n\nSeller Performance",
        "related_account",
    ),
    (
        "Hello,\n\nYour selling account has been deactivated.\n\nWhy is this happening?\nWe "
        "found that you attempted to manipulate customer reviews.\n\nNote: we also review your "
        "Order Defect Rate and Late Shipment Rate.\n\nSeller Performance",
        "review_manipulation",
    ),
    (
        "Guten Tag,\n\nIhr Verkäuferkonto wurde deaktiviert, weil Kunden gemeldet haben, dass "
        "Artikel gefälscht waren.\n\nWeitere Informationen: Richtlinie zu geistigem Eigentum, "
        "Markenrechtsverletzung, Urheberrechtsverletzung.\n\nSeller Performance",
        "inauthentic",
    ),
]


@pytest.mark.parametrize(("text", "reason"), _CAUSE_CASES)
def test_reason_stated_as_the_cause_wins_over_names_elsewhere(text: str, reason: str) -> None:
    assert read_notices(text, "-")[0].reason == reason
