"""Deadlines a notice states become the planner's clocks, in the core and through the desk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reinstate.cli import main
from reinstate.core.notice import read_notice
from reinstate.core.notice.model import knowledge_clocks

HERE = Path(__file__).resolve().parent


def test_stated_deadlines_map_to_knowledge_clocks() -> None:
    stated = [
        {"text": "within 17 days", "about": "response", "days": 17},
        {"text": "after two unsuccessful appeals", "about": "appeals", "appeals": 2},
        {"text": "after 90 days", "about": "funds", "days": 90},
        {"text": "within 72 hours", "about": "response", "hours": 72},
        {"text": "within 30 days", "about": "response", "days": 30},
    ]
    assert knowledge_clocks(stated, "inauthentic") == [
        "notice_17_days",
        "funds_90_days",
        "at_risk_72_hours",
    ]
    seven = [{"text": "within 7 days", "about": "response", "days": 7}]
    assert knowledge_clocks(seven, "product_safety") == ["product_safety_7_days"]
    assert knowledge_clocks(seven, "listing_policy") == []


def test_a_notice_with_the_17_day_rule_carries_it_into_the_case_facts() -> None:
    notice = read_notice((HERE / "notices" / "c12-clocks-funds.txt").read_bytes())
    assert "notice_17_days" in notice.case_facts().clocks


CONDITION_NOTICE = """\
From: "Amazon.com" <seller-performance@amazon.com>
Date: Mon, 02 Nov 2026 09:00:00 +0000
Subject: Your Amazon.com selling account has been deactivated

Hello,

We have deactivated your Amazon.com selling account under Section 3 of the Business
Solutions Agreement because buyers received items that were used but sold as new.

ASIN: B07PQ8XZ2K

Send your appeal within 17 days. Your account will be permanently deactivated after two
unsuccessful appeals or 17 days, whichever occurs sooner.

Merchant token: A2TW7PETS0X4QZ

Seller Performance Team
"""


def test_the_desk_gives_the_planner_the_clocks_the_notice_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A condition notice's reason does not bring the 17-day clock; the notice's words do."""
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    notice = tmp_path / "notice.eml"
    notice.write_text(CONDITION_NOTICE, encoding="utf-8")
    assert main(["case", "new", "--notice", str(notice), "--json"]) == 0
    case = json.loads(capsys.readouterr().out)
    assert case["reason"] == "product_condition"
    assert main(["case", "next", str(case["id"]), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    due = {c["name"]: c["due"] for c in plan["clocks"]}
    assert due["notice_17_days"].startswith("2026-11-19")
    assert plan["strikes"]["left"] == 2
