"""The built-in knowledge: complete, consistent with the codes, and faithful to domain.md."""

from __future__ import annotations

import re

import pytest

from reinstate.core.codes import CHANNELS, DOCS, REASONS
from reinstate.core.knowledge import Knowledge, load_knowledge
from reinstate.core.knowledge.models import CHECKS, POA_PARTS

MIME_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/gif"}
MARKETPLACES = {
    "amazon.com": "US",
    "amazon.ca": "CA",
    "amazon.com.mx": "MX",
    "amazon.com.br": "BR",
    "amazon.co.uk": "GB",
    "amazon.de": "DE",
    "amazon.fr": "FR",
    "amazon.it": "IT",
    "amazon.es": "ES",
    "amazon.nl": "NL",
    "amazon.se": "SE",
    "amazon.pl": "PL",
    "amazon.com.be": "BE",
    "amazon.com.tr": "TR",
    "amazon.ae": "AE",
    "amazon.sa": "SA",
    "amazon.eg": "EG",
    "amazon.in": "IN",
    "amazon.co.jp": "JP",
    "amazon.com.au": "AU",
    "amazon.sg": "SG",
}
EU_STORES = {"amazon.de", "amazon.fr", "amazon.it", "amazon.es", "amazon.nl", "amazon.se"}
EU_STORES |= {"amazon.pl", "amazon.com.be"}


@pytest.fixture(scope="module")
def k() -> Knowledge:
    return load_knowledge(builtin_only=True)


def test_every_reason_code_has_an_entry_and_nothing_else(k: Knowledge) -> None:
    assert set(k.reasons) == set(REASONS)


@pytest.mark.parametrize("reason", REASONS)
def test_every_reason_guides_all_three_parts(k: Knowledge, reason: str) -> None:
    info = k.reasons[reason]
    assert info.label and info.explanation and info.pitfalls
    for part in POA_PARTS:
        questions = info.questions[part]
        assert len(questions) >= 2, f"{reason}.{part}"
        for q in questions:
            assert q.ask.endswith("?"), q.ask
            assert len(q.good_answer) > 40 and q.good_answer != q.ask


def test_questions_are_not_repeated_across_parts(k: Knowledge) -> None:
    for name, info in k.reasons.items():
        asks = [q.ask for part in POA_PARTS for q in info.questions[part]]
        assert len(asks) == len(set(asks)), name


def test_every_document_code_has_an_entry(k: Knowledge) -> None:
    assert set(k.documents) == set(DOCS)


def test_every_document_a_reason_asks_for_exists(k: Knowledge) -> None:
    for name, info in k.reasons.items():
        assert info.documents, name
        assert "plan_of_action" in info.documents or name == "identity_verification"
        for doc in info.documents:
            assert doc in k.documents, f"{name} asks for unknown document {doc}"


def test_every_clock_a_reason_names_exists(k: Knowledge) -> None:
    for name, info in k.reasons.items():
        for clock in info.clocks:
            assert clock in k.clocks, f"{name}: {clock}"


def test_clocks_from_the_domain_facts(k: Knowledge) -> None:
    c = k.clocks
    assert (c["notice_17_days"].days, c["notice_17_days"].appeals) == (17, 2)
    assert (c["product_safety_7_days"].days, c["product_safety_7_days"].starts) == (7, "notice")
    assert (c["at_risk_72_hours"].hours, c["at_risk_72_hours"].starts) == (72, "at_risk_notice")
    assert c["funds_90_days"].days == 90
    assert c["funds_90_days"].contact == "disbursement-appeals@amazon.com"
    mediation = c["eu_uk_mediation_6_months"]
    assert (mediation.months, mediation.starts) == (6, "last_amazon_contact")
    assert mediation.applies_to_regions == ["europe"]
    assert c["reply_expected_2_days"].days == 2
    for name, clock in c.items():
        assert clock.source.startswith("https://"), name
        assert [clock.days, clock.hours, clock.months].count(None) == 2, name


def test_clocks_attach_to_the_reasons_they_govern(k: Knowledge) -> None:
    assert "notice_17_days" in k.reasons["inauthentic"].clocks
    assert "product_safety_7_days" in k.reasons["product_safety"].clocks
    assert "product_safety_7_days" not in k.reasons["performance"].clocks
    for name, info in k.reasons.items():
        assert "reply_expected_2_days" in info.clocks, name


def test_difficulty_as_domain_rates_it(k: Knowledge) -> None:
    rated = {name: info.difficulty for name, info in k.reasons.items() if info.difficulty}
    assert rated == {
        "performance": "low",
        "listing_policy": "low",
        "intellectual_property": "medium",
        "inauthentic": "medium",
        "related_account": "high",
        "review_manipulation": "high",
        "deceptive_activity": "high",
    }


def test_all_21_marketplaces(k: Knowledge) -> None:
    assert {name: m.country for name, m in k.marketplaces.items()} == MARKETPLACES


def test_no_marketplace_claims_a_working_address_it_cannot_show(k: Knowledge) -> None:
    for name, m in k.marketplaces.items():
        if m.escalation_status == "works":
            assert m.escalation_address and m.escalation_source.startswith("https://"), name
        if m.escalation_address:
            assert "@" in m.escalation_address
    assert all(m.escalation_status == "unknown" for m in k.marketplaces.values())


def test_mediation_only_for_eu_and_uk_stores(k: Knowledge) -> None:
    with_mediation = {name for name, m in k.marketplaces.items() if m.eu_uk_mediation}
    assert with_mediation == EU_STORES | {"amazon.co.uk"}


def test_seller_central_hosts(k: Knowledge) -> None:
    m = k.marketplaces
    assert m["amazon.com"].seller_central_host == "sellercentral.amazon.com"
    assert m["amazon.co.jp"].seller_central_host == "sellercentral.amazon.co.jp"
    for name in EU_STORES:
        assert m[name].seller_central_host == "sellercentral-europe.amazon.com", name
    for name, market in m.items():
        assert re.fullmatch(
            r"sellercentral(-europe)?\.amazon(\.[a-z]{2,3})+", market.seller_central_host
        )
        assert market.languages and all(
            re.fullmatch(r"[a-z]{2}", lang) for lang in market.languages
        )
        assert market.region == "europe" or not market.eu_uk_mediation, name


def test_channels_are_the_four_contact_routes_in_order(k: Knowledge) -> None:
    contact = [c for c in CHANNELS if c not in ("amazon_reply", "note")]
    assert set(k.channels) == set(contact)
    by_order = sorted(k.channels, key=lambda name: k.channels[name].order)
    assert by_order == ["appeal", "email_reply", "ahs_callback", "escalation_email"]
    for name, channel in k.channels.items():
        assert len(channel.steps) >= 3, name
        assert channel.must_carry and channel.when and channel.limits, name


def test_appeal_steps_follow_seller_central(k: Knowledge) -> None:
    steps = " ".join(k.channels["appeal"].steps)
    for words in ("Performance", "Account Health", "Account / Policy status", "Appeal"):
        assert words in steps
    assert "Submit Plan of Action" in steps
    assert "Reactivate your account" in steps
    assert "View Appeal" in steps


def test_callback_has_its_three_asks(k: Knowledge) -> None:
    asks = k.channels["ahs_callback"].asks
    assert len(asks) == 3
    assert "reason code" in asks[0]
    assert "visible to the investigator" in asks[1]
    assert "internal notes" in asks[2]


def test_email_reply_keeps_the_subject_and_escalation_is_limited(k: Knowledge) -> None:
    assert any("subject" in item for item in k.channels["email_reply"].must_carry)
    limits = k.channels["escalation_email"].limits
    assert "one message per Plan of Action revision" in limits
    assert "known to work" in limits


@pytest.mark.parametrize("doc", DOCS)
def test_documents_accept_only_amazons_file_types(k: Knowledge, doc: str) -> None:
    kind = k.documents[doc]
    assert kind.label
    assert kind.accepted_types and set(kind.accepted_types) <= MIME_TYPES
    ids = [r.id for r in kind.requirements]
    assert ids and len(ids) == len(set(ids))
    for req in kind.requirements:
        assert req.check is None or req.check in CHECKS
        assert req.source.startswith(("https://", "http://")), (doc, req.id)
    assert any(r.check == "file_type" for r in kind.requirements) or doc == "supplier_contact"


def test_document_limits_from_the_domain_facts(k: Knowledge) -> None:
    d = k.documents
    assert d["invoices"].max_age_days == 365
    assert d["utility_bill"].max_age_days == 90
    assert d["identity_document"].max_size_mb == 50
    assert not d["identity_document"].screenshot_allowed
    assert not d["utility_bill"].screenshot_allowed
    invoice_checks = {r.check for r in d["invoices"].requirements}
    assert {
        "invoice_date_within_365_days",
        "says_invoice_not_pro_forma",
        "supplier_contact_present",
        "buyer_matches_store",
        "not_screenshot",
        "file_type",
    } <= invoice_checks
    assert "utility_bill_within_90_days" in {r.check for r in d["utility_bill"].requirements}


def test_every_check_name_is_used_by_some_document(k: Knowledge) -> None:
    used = {r.check for kind in k.documents.values() for r in kind.requirements}
    assert set(CHECKS) - (used - {None}) == {"readable"}  # run on every file anyway


def test_every_check_name_is_implemented_by_the_evidence_checks() -> None:
    from reinstate.core.evidence.checks import CHECKS as IMPLEMENTED

    assert set(CHECKS) == set(IMPLEMENTED)
