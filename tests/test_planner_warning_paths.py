"""A listing-level notice is answered where Amazon raised it, not in the account appeal."""

from __future__ import annotations

import pytest

from reinstate.core.planner import plan
from tests.planner_support import T0, builtin, facts, history


@pytest.mark.parametrize(
    ("reason", "where"),
    [
        ("product_safety", "Product Compliance Requests"),
        ("intellectual_property", "Received Intellectual Property Complaints"),
        ("listing_policy", "Listing Policy Violations"),
    ],
)
def test_a_warning_names_the_page_where_it_is_answered(reason: str, where: str) -> None:
    warned = history(facts(reason=reason, notice_kind="warning"))
    first = plan(warned, T0, knowledge=builtin()).actions[0]
    assert first.channel == "appeal"
    assert any(where in step for step in first.steps)


def test_a_deactivation_keeps_the_account_appeal() -> None:
    deactivated = history(facts(reason="product_safety", notice_kind="deactivation"))
    first = plan(deactivated, T0, knowledge=builtin()).actions[0]
    assert not any("Product Compliance Requests" in step for step in first.steps)
    assert any("Account Health" in step for step in first.steps)
