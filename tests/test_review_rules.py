"""Every review rule carries examples; each must be flagged or pass as its rule says."""

from __future__ import annotations

from pathlib import Path

import pytest

from reinstate.core.case import CaseFacts
from reinstate.core.errors import KnowledgeError
from reinstate.core.review import ReviewConfig, load_rules, review
from reinstate.core.review.rules import expand_pattern

BUILTIN = ReviewConfig(builtin_only=True)
RULES = load_rules(builtin_only=True).rules


def _examples(kind: str) -> list[tuple[str, str]]:
    out = []
    for rule in RULES.values():
        examples = rule.flag if kind == "flag" else rule.pass_
        out.extend((rule.id, example) for example in examples)
    return out


def _rule_ids(rule_id: str, text: str) -> set[str]:
    rule = RULES[rule_id]
    case = CaseFacts.model_validate(rule.example_case) if rule.example_case else None
    report = review(text, kind=rule.example_kind, case=case, config=BUILTIN)
    return {f.rule for f in report.findings}


def test_every_rule_has_examples_both_ways() -> None:
    lacking = [r.id for r in RULES.values() if not r.flag or not r.pass_]
    assert lacking == [], f"rules without flag/pass examples: {lacking}"


def test_there_are_several_rules_per_category() -> None:
    from reinstate.core.codes import CATEGORIES

    counts = {c: sum(1 for r in RULES.values() if r.category == c) for c in CATEGORIES}
    assert all(n >= 1 for n in counts.values()), counts
    assert sum(counts.values()) >= 40


@pytest.mark.parametrize(("rule_id", "text"), _examples("flag"))
def test_flag_examples_are_flagged(rule_id: str, text: str) -> None:
    assert rule_id in _rule_ids(rule_id, text)


@pytest.mark.parametrize(("rule_id", "text"), _examples("pass"))
def test_pass_examples_pass(rule_id: str, text: str) -> None:
    assert rule_id not in _rule_ids(rule_id, text)


@pytest.mark.parametrize(
    ("text", "rule_id"),
    [
        ("We cannot sleep since this happened.", "tone.emotional.distress"),
        ("We can not sleep since this happened.", "tone.emotional.distress"),
        ("We CAN\u2019T SLEEP since this happened.", "tone.emotional.distress"),
        ("I\u2019ll contact my law-\nyer tomorrow.", "tone.threat.legal"),
        ("We are  losing   $3,000\nevery day.", "tone.money.losses"),
        ("PLEASE PLEASE reinstate us.", "tone.begging.plead"),
        ("We were begging for help.", "tone.begging.plead"),
        ("Our lawyers are preparing a case.", "tone.threat.legal"),
        ("It is not our fault at all.", "blame.others.excuse"),
        ("We\u2019ve learnt our lesson.", "promise.vague.effort"),
        # typed on a phone, without the apostrophe
        ("It wont happen again.", "promise.vague.effort"),
        ("You didnt even read our invoices.", "blame.amazon.process"),
        ("We cant sleep at night.", "tone.emotional.distress"),
    ],
)
def test_matching_copes_with_case_quotes_contractions_and_breaks(text: str, rule_id: str) -> None:
    assert rule_id in {f.rule for f in review(text, config=BUILTIN).findings}


def test_fine_words_in_context_stay_quiet() -> None:
    text = (
        "Root cause\nOur packer did not check 41 orders on June 3, 2026.\n\n"
        "Corrective actions\n- June 4, 2026: refunded all 41 buyers ($1,230) and apologised "
        "to each buyer.\n- A buyer complaint about the listing's colour was answered on June 5.\n"
        "- June 5, 2026: added a pick-list scan at the packing desk.\n\n"
        "Preventive measures\n- We will check every order against the pick list before sealing.\n"
    )
    report = review(text, config=BUILTIN)
    noisy = {"money", "begging", "threat_legal", "structure"}
    assert [f.rule for f in report.findings if f.category in noisy] == []


def test_pattern_syntax_gap_and_inflection() -> None:
    import re

    rx = re.compile(expand_pattern("refund~ (?:the )?buyer"))
    for text in ("refunded the buyer", "refunding buyer", "refund-buyer", "refundbuyer"):
        assert rx.search(text), text
    assert not rx.search("prerefunded the buyer")


def test_disable_prefix_and_severity_override(tmp_path: Path) -> None:
    (tmp_path / "review.toml").write_text(
        'disable = ["tone.money"]\n[severity]\n"tone.begging.plead" = "error"\n', encoding="utf-8"
    )
    config = ReviewConfig.from_home(tmp_path)
    report = review("We are losing $5,000 a day. I beg you.", config=config)
    rules = {f.rule: f.severity for f in report.findings}
    assert "tone.money.losses" not in rules
    assert rules["tone.begging.plead"] == "error"
    assert not report.ready


def test_user_rule_file_adds_a_rule(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.toml").write_text(
        '["house.no_guarantee"]\ncategory = "vague_promise"\nseverity = "warning"\n'
        'message = "Do not guarantee outcomes."\npatterns = ["(?:we|i) guarantee~"]\n'
        'exceptions = ["money[ -]back guarantee"]\n'
        'flag = ["We guarantee this will not happen."]\npass = ["No promises."]\n',
        encoding="utf-8",
    )
    config = ReviewConfig.from_home(tmp_path)
    assert "house.no_guarantee" in load_rules(tmp_path).rules
    found = review("We guarantee that.", config=config).findings
    assert "house.no_guarantee" in {f.rule for f in found}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '["x.y"]\ncategory = "nope"\nseverity = "warning"\nmessage = "m"\npatterns = ["a"]\n',
            "category",
        ),
        ('["x.y"]\ncategory = "money"\nseverity = "warning"\nmessage = "m"\n', "needs 'patterns'"),
        (
            '["x.y"]\ncategory = "money"\nseverity = "warning"\nmessage = "m"\npatterns = ["(a"]\n',
            "not valid",
        ),
        (
            '["x.y"]\ncategory = "money"\nseverity = "warning"\nmessage = "m"\ncheck = "zzz"\n',
            "unknown check",
        ),
        ("[x.y\n", "not valid TOML"),
        (
            '["x.y"]\ncategory = "money"\nseverity = "warning"\nmessage = "m"\n'
            'patterns = ["a"]\nunless_next = ["we did"]\n',
            "need 'cooccur' lists",
        ),
    ],
)
def test_broken_user_rules_name_the_file(tmp_path: Path, content: str, expected: str) -> None:
    (tmp_path / "rules").mkdir()
    path = tmp_path / "rules" / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_rules(tmp_path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_bad_config_is_reported(tmp_path: Path) -> None:
    (tmp_path / "review.toml").write_text('disable = "tone"\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match="disable"):
        ReviewConfig.from_home(tmp_path)


def test_a_list_number_does_not_count_as_evidence() -> None:
    # the number opening a line ("1.3") is not a date or figure behind the claim
    claim = "Our prices have at all times been fair and in line with the market."
    for text in (f"1.3 {claim}\n", f"2) {claim}\n", f"(a) {claim}\n"):
        assert "evidence.bare_claims" in {f.rule for f in review(text, config=BUILTIN).findings}
    dated = "Since 4 May 2026 our prices have been back in line with the market.\n"
    assert "evidence.bare_claims" not in {f.rule for f in review(dated, config=BUILTIN).findings}


def test_a_made_up_merchant_token_is_reported() -> None:
    for token in ("A1B2C3D4E5F6G7", "ABCDEFGHIJ1234", "A1234567890123"):
        findings = review(f"Merchant token: {token}\n", config=BUILTIN).findings
        assert any(f.rule == "identifiers.malformed_token" for f in findings), token
    real = review("Merchant token: A2PL9XQ3D8NV6W\n", config=BUILTIN).findings
    assert not any(f.rule == "identifiers.malformed_token" for f in real)


def test_words_where_the_merchant_token_should_be_are_reported() -> None:
    for value in ("see account", "on file with Amazon", "same as before"):
        findings = review(f"Store name: Oak Hill\n**Merchant token:** {value}\n", config=BUILTIN)
        hits = [f for f in findings.findings if f.rule == "identifiers.malformed_token"]
        assert [f.excerpt for f in hits] == [value], value
    # a template blank is the placeholder rules' business, a real token is fine
    for line in ("Merchant token: [TOKEN]", "Merchant token: A2PL9XQ3D8NV6W"):
        findings = review(f"{line}\n", config=BUILTIN).findings
        assert not any(f.rule == "identifiers.malformed_token" for f in findings), line


def _store_name_missing(title: str) -> bool:
    text = f"{title}\n\nMerchant token: A2PL9XQ3D8NV6W\nCase ID: 12345678901\n"
    return any(
        f.rule == "identifiers.missing" and "store name" in f.message
        for f in review(text, config=BUILTIN).findings
    )


def test_a_title_line_can_name_the_store() -> None:
    for title in (
        "Kestrel Garden Supply - Plan of Action for Late Shipment Rate",
        "Plan of Action: Bramble & Wick (merchant token A2BW4K7R0YS3HM)",
        "Subject: Case 19422087731 - Harbor & Pine Candle Co. (A1M5TD8RX3KW0N) - retraction",
    ):
        assert not _store_name_missing(title), title
    for title in (
        "Appeal - Section 3 deactivation",
        "Dear Team - Appeal for reinstatement",
        "Subject: Case 19422087731 (A1M5TD8RX3KW0N) - retraction",
    ):
        assert _store_name_missing(title), title


def test_every_asin_the_notice_cites_needs_an_answer() -> None:
    case = CaseFacts(
        reason="intellectual_property", asins=["B0C4TL8WQ1", "B0C9RR1QJ5", "B0D2KM7XP4"]
    )
    letter = (
        "Root cause: the titles of ASIN B0C4TL8WQ1 and b0c9rr1qj5 used the brand's word mark.\n"
        "Corrective actions: on May 3, 2026 we removed the word from both titles.\n"
        "Preventive measures: Ana checks every new title against the trademark register.\n"
    )

    def notes(text: str) -> list[str]:
        findings = review(text, case=case, config=BUILTIN).findings
        return [f.message for f in findings if f.rule == "evidence.reason_details"]

    assert any("not mentioned: B0D2KM7XP4" in m for m in notes(letter))
    assert not any("B0C4TL8WQ1" in m or "B0C9RR1QJ5" in m for m in notes(letter))
    everything = letter.replace("both titles", "the titles of all three, B0D2KM7XP4 too")
    assert notes(everything) == []
    none = "\n".join(line.split(" of ASIN")[0] for line in letter.splitlines())
    assert any("name the ASINs the notice cites" in m for m in notes(none))


def test_amazons_words_quoted_from_the_notice_are_not_the_sellers_tone() -> None:
    def tone(text: str) -> set[str]:
        findings = review(text, config=BUILTIN).findings
        return {f.category for f in findings if f.category not in ("structure", "identifiers")}

    quoted = (
        'Your notice quotes the policy: "Our policy protects customers from unfair, excessive '
        'and misleading prices." We accept that our prices on 3 ASINs broke it.'
    )
    assert tone(quoted) == set()
    # the seller's own words around a quotation still count
    after = (
        'Your notice says "we have determined that your account is related to another account" '
        "but that decision is unfair and wrong."
    )
    assert "emotional" in tone(after)
    # quotation marks around the seller's own words are not a citation
    assert "emotional" in tone('This is "unfair, excessive and misleading" treatment of us.')


def test_answers_between_quoted_lines_are_read_and_the_quote_is_not() -> None:
    inline = (
        "Store name: Brightwell Essentials\nCase ID: 20587719930\n\n"
        "On 14 May 2026, Seller Performance <seller-performance@amazon.com> wrote:\n"
        "> -- Greater detail on the root cause.\n\n"
        "Honestly your system flagged us by mistake and your team never reads our appeals.\n\n"
        "> Your account was deactivated because of unfair, excessive prices.\n"
        "> We may not be able to reply to further appeals.\n"
    )
    findings = review(inline, kind="reply", config=BUILTIN).findings
    blamed = [f for f in findings if f.category == "blame_amazon"]
    answer = (inline.index("Honestly"), inline.index("\n\n> Your account"))
    assert blamed and all(answer[0] <= f.start < answer[1] for f in blamed)
    quoted_start = inline.index("> Your account")
    assert not [f for f in findings if f.start >= quoted_start and f.category != "identifiers"]
    # an Outlook-style quote without "> " marks: everything after the header is Amazon's
    outlook = (
        "Store name: Brightwell Essentials\nCase ID: 20587719930\n\n"
        "We attach the invoices from our distributor, dated 3 May 2026.\n\n"
        "-----Original Message-----\nFrom: Seller Performance\n"
        "Your system flagged the account; it is unfair and you ignored every appeal.\n"
    )
    after = outlook.index("-----Original")
    tone = [f for f in review(outlook, kind="escalation", config=BUILTIN).findings]
    assert not [f for f in tone if f.start >= after and f.category != "identifiers"]
    # answers typed inside that quote ("ANSWER: ..."), and text after its end mark, are the
    # seller's again
    answered = (
        "Store name: Brightwell Essentials\nCase ID: 20587719930\n\n"
        "-----Original Message-----\nFrom: Seller Performance\n"
        "Your account was deactivated because of unfair, excessive prices.\n"
        "A-to-z claims show buyers were unhappy and angry with the delays.\n"
        "> 1. What caused the issue?\n\n"
        "ANSWER: The courier company make the problem, it was their fault.\n\n"
        "-----End Original Message-----\n\n"
        "Please please give us one more chance.\n"
    )
    found = review(answered, kind="reply", config=BUILTIN).findings
    categories = {f.category for f in found}
    assert {"blame_others", "begging"} <= categories
    amazon = (answered.index("Your account"), answered.index("> 1."))
    assert not [f for f in found if amazon[0] <= f.start < amazon[1]]
    # a message pasted on top and closed by a line of dashes: what follows is the seller's
    pasted = answered.replace("-----End Original Message-----", "-----").replace(
        "Please please", "The retraction is dated {date of retraction}. Please please"
    )
    found = review(pasted, kind="reply", config=BUILTIN).findings
    assert {"blame_others", "begging", "placeholder"} <= {f.category for f in found}


def test_a_notice_pasted_as_a_quoted_block_or_quoted_twice_is_amazons() -> None:
    block = (
        "Store name: Little Harbor Kitchen\nCase ID: 19211087733\n\n"
        'Notice received:\n"Your selling account has been deactivated.\n'
        "This is a violation of our policies and unfair to customers.\n"
        'We may remove your selling privileges and take legal action."\n\n'
        "Root cause\nWe printed an insert card offering a free lid for a review.\n"
    )
    quoted_twice = (
        'Your notice says that we "attempted to manipulate customer reviews" and that "offering'
        ' incentives for reviews may result in legal action." We printed the card ourselves.\n'
    )
    for text in (block, quoted_twice):
        found = review(text, config=BUILTIN).findings
        assert not [f for f in found if f.category in ("threat_legal", "emotional")], text
    # the seller's own words after the quote are still read
    own = quoted_twice + "We will take legal action if you do not reinstate us.\n"
    assert "threat_legal" in {f.category for f in review(own, config=BUILTIN).findings}


def test_a_notice_between_a_named_dash_line_and_a_bare_one_is_amazons() -> None:
    letter = (
        "---------- Notice from Amazon, October 19, 2026 ----------\n"
        "Your selling privileges have been deactivated because your account does not meet our"
        " performance targets. We may take legal action.\n"
        "---------------------------------------------------------\n\n"
        "Store name: Ridgeway Auto Parts\nMerchant token: A2ZD5X8CV4BN6M\n"
        "Case ID: 21377402169\n\n"
        "Root cause\nOur software sent stock levels every 6 hours, so 61 orders were cancelled.\n"
    )
    found = review(letter, config=BUILTIN).findings
    notice_end = letter.index("Store name")
    tone = {"threat_legal", "blame_amazon", "emotional"}
    assert not [f for f in found if f.start < notice_end and f.category in tone]
    # the seller's own words after the closing line are read
    own = letter + "We will take legal action if you do not reinstate us.\n"
    assert "threat_legal" in {f.category for f in review(own, config=BUILTIN).findings}
    # a notice never closed: a dash line after the seller's own parts does not close it
    unclosed = (
        "----- Notice from Amazon -----\nYour account has been deactivated.\n\n"
        "Root cause\nOur lawyers will sue you if the account is not reinstated.\n"
        "-----\nKind regards,\nDana\n"
    )
    assert "threat_legal" in {f.category for f in review(unclosed, config=BUILTIN).findings}
    # a notice named on the line above its dash line, and one pasted at the end of the letter
    # under a line of equals signs, are Amazon's too
    threat = "If you do not send an acceptable plan within 17 days, we may take legal action.\n"
    plan = (
        "Root cause\nOur repricer had no ceiling, so 23 orders were priced 60% above normal.\n"
        "Corrective actions\nOn 3 May 2026 we set a maximum price on all 410 listings.\n"
        "Preventive measures\nCarla checks the maximum prices on the first business day of each"
        " month.\n"
    )
    above = (
        "Notice received on September 22, 2026 (copied from Account Health):\n"
        "------------------------------\n" + threat + "------------------------------\n\n" + plan
    )
    below = plan + "\n==== Notice received October 3, 2026 (for reference) ====\n" + threat
    for text in (above, below):
        found = review(text, config=BUILTIN).findings
        assert "threat_legal" not in {f.category for f in found}, text
    # a notice opened at the top and never closed does not swallow the letter after it, nor
    # does a line naming the seller's own message ("Message from our warehouse:")
    top = "==== Notice received October 3, 2026 ====\nYour account is deactivated.\n\n" + plan
    own = plan + "\nMessage from our warehouse:\n-----\n" + threat
    for text in (top + threat, own):
        found = review(text, config=BUILTIN).findings
        assert "threat_legal" in {f.category for f in found}, text


def test_an_email_address_as_the_merchant_token_is_told_once() -> None:
    text = "Case ID: 1569-22\nMerchant token: yarn@163.com\n"
    found = [f for f in review(text, config=BUILTIN).findings if f.rule.startswith("identifiers.")]
    notes = [f.message for f in found if f.rule == "identifiers.malformed_token"]
    assert notes == [
        "1569-22 does not look like a case ID (Seller Central case IDs have 10 or 11 digits).",
        "'yarn@163.com' is an e-mail address, not a merchant token.",
    ]


def test_an_identifier_typed_two_ways_is_told_on_the_odd_one() -> None:
    def odd(text: str) -> list[str]:
        found = review(text, config=BUILTIN).findings
        return [f.excerpt for f in found if f.rule == "identifiers.near_duplicate"]

    # written as often: the later one; written less often: the rarer one, wherever it stands
    assert odd("Subject: Case ID 16493307285\n\nCase ID 16493370285, 3 May 2025.\n") == [
        "16493370285"
    ]
    assert odd("Case 16493370285 was opened. Case 16493307285 and 16493307285 again.\n") == [
        "16493370285"
    ]
    token = "Merchant token: A2KC4NWT8RZQ1M\nSigned,\nMerchant token: A2KC4NWT8RZQ7M\n"
    assert odd(token) == ["A2KC4NWT8RZQ7M"]
    # ASINs of one family differ in a character; a swap is a slip
    assert odd("ASINs B07AGV0PA1 and B07AGV0PA6 were fixed on 3 May.\n") == []
    assert odd("ASIN B07AGV0PA1 was fixed on 3 May; B07AGV0PA1 and B07AGV0AP1 too.\n") == [
        "B07AGV0AP1"
    ]


def test_a_letter_that_never_touches_the_reason_of_the_case_is_told() -> None:
    letter = (
        "Root cause: some buyers found the front light too dim and the battery short.\n"
        "Corrective actions: on May 3, 2026 we changed the LED supplier.\n"
        "Preventive measures: Ana tests 5 units of every delivery for brightness.\n"
    )

    def notes(text: str, reason: str) -> list[str]:
        case = CaseFacts.model_validate({"reason": reason})
        findings = review(text, case=case, config=BUILTIN).findings
        return [f.message for f in findings if f.rule == "evidence.reason_details"]

    assert any("trademark" in m for m in notes(letter, "intellectual_property"))
    assert any("reviews" in m for m in notes(letter, "review_manipulation"))
    on_topic = letter.replace("some buyers found", "our title used the brand's trademark and")
    assert notes(on_topic, "intellectual_property") == []


def test_a_word_gap_does_not_cut_a_word_in_two() -> None:
    import re

    rx = re.compile(expand_pattern("we (?:{w})?used"))
    assert rx.search("we used the old labels") and rx.search("we then used the old labels")
    assert not rx.search("the items were used")  # not "we" + "re" + "used"
    glued = re.compile(expand_pattern("failure (?:{w}){0,2}not ours"))
    assert glued.search("this was speedline's failure, not ours")


def test_the_checked_and_the_plain_rule_have_the_same_fields() -> None:
    # RuleSpec (pydantic, used when rule files are read) and Rule (a dataclass, used at run
    # time and kept in the cache) describe one rule: a field added to one must be in both
    from dataclasses import fields

    from reinstate.core.review.model import Rule
    from reinstate.core.review.rulespec import RuleSpec

    assert list(RuleSpec.model_fields) == [f.name for f in fields(Rule)]


def test_negations_without_the_apostrophe_are_written_out_and_map_back() -> None:
    from reinstate.core.review.normalize import normalise

    text = "We dont know. It wont. The ant went into the tent; Dont."
    norm = normalise(text)
    assert norm.text == "we do not know. it will not. the ant went into the tent; do not."
    start = norm.text.index("will not")
    assert norm.to_original(start, start + len("will not")) == (17, 21)  # "wont"


def test_a_short_title_line_is_not_a_vague_promise() -> None:
    title = "Preventive measures\n3.4 Ongoing checks\nEvery Monday Ana checks 20 orders.\n"
    sentence = "Preventive measures\nWe will do ongoing checks\n"
    listed = "Preventive measures\n- check items before sending\n"
    assert "promise.vague.generic" not in _rule_ids("promise.vague.generic", title)
    assert "promise.vague.generic" in _rule_ids("promise.vague.generic", sentence)
    assert "promise.vague.monitoring" in _rule_ids("promise.vague.monitoring", listed)


def test_a_paragraph_written_one_sentence_a_line_is_not_one_long_paragraph() -> None:
    sentence = "On 3 May our packer checked the label of each of the twelve parcels twice. "
    lines = "Root cause\n" + "\n".join(sentence * 3 for _ in range(4)) + "\n"
    wrapped = "Root cause\n" + " ".join(sentence * 3 for _ in range(4)) + "\n"
    assert "length.long_paragraph" not in _rule_ids("length.long_paragraph", lines)
    assert "length.long_paragraph" in _rule_ids("length.long_paragraph", wrapped)


def test_an_escalation_of_about_a_page_is_not_too_long() -> None:
    sentence = "On 3 May our packer checked the label of each of the twelve parcels twice. "
    page = "Case ID 12345678901\n" + "\n".join(sentence for _ in range(31))  # 468 words
    longer = page + "\n" + "\n".join(sentence for _ in range(4))  # 528 words
    found = review(page, kind="escalation", config=BUILTIN).findings
    assert "length.too_long" not in {f.rule for f in found}
    found = review(longer, kind="escalation", config=BUILTIN).findings
    assert "length.too_long" in {f.rule for f in found}


def test_an_earlier_appeals_promise_reported_is_not_a_vague_promise() -> None:
    head = "Store name: Oak Lane\nMerchant token: A2JD9S5M1XUB7G\nCase ID: 21340958817\n\n"
    reported = "Our first two appeals only said we would inspect returns more carefully."
    made = "We will inspect returns more carefully."
    both = "Our first appeal said we would check more, but now we will monitor everything closely."
    short = "Our first appeal said we would check more, but now we\u2019ll monitor it more closely."
    for sentence, flagged in ((reported, False), (made, True), (both, True), (short, True)):
        text = head + "Root cause\nOn 2 May our packer shipped 12 returned units as new.\n\n"
        text += "Preventive measures\n" + sentence + "\n"
        report = review(text, config=BUILTIN)
        vague = [f for f in report.findings if f.category == "vague_promise"]
        assert bool(vague) is flagged, (sentence, vague)


def test_a_reply_sending_the_photos_and_templates_asked_for_needs_no_plan() -> None:
    text = (
        "Store name: Fernway Pet Goods\nMerchant token: A4KT9PD3XV7M2C\nCase ID: 26002984115\n\n"
        "On November 3, 2026 you asked for a photo of every package insert and the text of "
        "every message template we send to buyers. Attached:\n"
        "- Photo A: the card used from March 2 to October 28, 2026.\n"
        "- Template 1, order shipped: full text attached.\n"
    )
    report = review(text, kind="reply", config=BUILTIN)
    missing = [f for f in report.findings if f.rule == "structure.missing_part"]
    assert all(f.severity != "error" for f in missing), missing


def test_a_second_level_point_number_is_not_a_date_or_number() -> None:
    head = "Store name: Oak Lane\nMerchant token: A2JD9S5M1XUB7G\nCase ID: 21340958817\n\n"
    undated = head + "Corrective actions\n2.2 We have removed every image not shot in-house.\n"
    dated = head + "Corrective actions\n2.2 On 3 May we removed 14 images (list attached).\n"
    assert "evidence.no_dates" in {f.rule for f in review(undated, config=BUILTIN).findings}
    assert "evidence.no_dates" not in {f.rule for f in review(dated, config=BUILTIN).findings}
    hours = head + "Corrective actions\n2.5 hours after the notice we removed the listing.\n"
    assert "evidence.no_dates" not in {f.rule for f in review(hours, config=BUILTIN).findings}


def test_a_decision_to_stop_under_the_root_cause_is_not_a_misplaced_promise() -> None:
    head = "Store name: Oak Lane\nMerchant token: A2JD9S5M1XUB7G\nCase ID: 21340958817\n\n"
    tail = (
        "\n\nCorrective actions\nOn 14 October 2026 we deleted the listing.\n\n"
        "Preventive measures\nAna checks every new title against the brand list each Monday.\n"
    )
    decision = "Root cause\nWe used the brand's photo. We will not list this product again."
    promise = "Root cause\nWe used the brand's photo. We will train our staff."
    found = {f.rule for f in review(head + decision + tail, config=BUILTIN).findings}
    assert "structure.misplaced_promise" not in found
    found = {f.rule for f in review(head + promise + tail, config=BUILTIN).findings}
    assert "structure.misplaced_promise" in found
    rule = "Root cause\nWe used the brand's photo. We will never sell a unit without a check again."
    found = {f.rule for f in review(head + rule + tail, config=BUILTIN).findings}
    assert "structure.misplaced_promise" in found


def test_an_answer_with_its_own_root_cause_is_not_the_same_documents_again() -> None:
    text = (
        "Store name: Pedalwise Kids\nMerchant token: A1PWK4MZ7RS2HV\nCase ID: 20855031774\n\n"
        "You asked us to explain what caused the problem. Our answers follow, with the full "
        "plan of action attached again.\n\n"
        "1. What caused the problem\nWe approved lot 2406 without testing the buckle ourselves.\n\n"
        "2. What we changed\n- On October 9 we removed 318 units (certificate attached).\n"
        "- Every lot is now tested by a lab before release (test reports attached).\n"
    )
    found = review(text, kind="reply", config=BUILTIN).findings
    assert not [f for f in found if f.rule == "structure.missing_part" and f.severity != "info"]


def test_a_plan_of_action_of_two_and_a_half_pages_is_not_too_long() -> None:
    """A reviewer reads about 1,000 to 1,250 words in the few minutes an appeal gets: the
    warning starts past 1,300 words of prose in a Plan of Action."""
    sentence = "On 3 May our packer checked the label of each of the twelve parcels twice. "
    head = "Root cause\n" + "\n".join(sentence for _ in range(80)) + "\n"  # 1,202 words
    found = review(head, config=BUILTIN).findings
    assert "length.too_long" not in {f.rule for f in found}
    longer = head + "\n".join(sentence for _ in range(10))  # 1,352 words
    found = review(longer, config=BUILTIN).findings
    assert "length.too_long" in {f.rule for f in found}


FORM_ANSWERS = """What caused the issue?
On 2 July 2024 Amazon asked us for the Children's Product Certificate for ASIN B0CF2R8LXM.
The US version was never tested by a CPSC-accepted lab, because we did not check the US rules.

What actions have you taken?
- 9 July 2024: samples sent to a CPSC-accepted lab; the report of 22 July 2024 is attached.

What steps will you take to prevent it?
- Our compliance manager Chen Jing keeps a list of every children's product with its tests.
"""


def test_answers_typed_into_the_appeal_form_need_no_identifiers() -> None:
    """Account Health's form belongs to the account: the store name and merchant token are
    a reminder there, not a warning; the same text as a letter still gets the warning."""
    found = review(FORM_ANSWERS, config=BUILTIN).findings
    missing = [f for f in found if f.rule == "identifiers.missing"]
    assert missing and {f.severity for f in missing} == {"info"}
    prompt = FORM_ANSWERS.replace("What caused the issue?", "Please explain the root cause.")
    found = review(prompt, config=BUILTIN).findings
    assert {f.severity for f in found if f.rule == "identifiers.missing"} == {"info"}
    letter = "Dear Seller Performance,\n\n" + FORM_ANSWERS
    found = review(letter, config=BUILTIN).findings
    assert "warning" in {f.severity for f in found if f.rule == "identifiers.missing"}
    # the form's own label of its first box, alone on the first line
    label = FORM_ANSWERS.replace("What caused the issue?", "Root cause of the issue:")
    found = review(label, config=BUILTIN).findings
    assert {f.severity for f in found if f.rule == "identifiers.missing"} == {"info"}


def test_the_forms_last_question_ends_the_preventive_measures() -> None:
    """ "4. Is there any other information you want to share?" opens a box of its own: what the
    seller writes there is not part of the prevention."""
    text = (
        "1. Why was the price of this ASIN MXN 1,450?\nOur repricer had no maximum price.\n\n"
        "2. What actions did you take?\nOn 13/10/2025 we set a maximum price of MXN 229.\n\n"
        "3. How will you prevent this in the future?\nWe will be more careful with prices.\n\n"
        "4. Is there any other information you want to share?\nWe are a family business with"
        " 14 years of experience and 9 workers.\n"
    )
    report = review(text, kind="reply", config=BUILTIN)
    part = report.sections["preventive_measures"]
    assert text[part.start : part.end].rstrip().endswith("careful with prices.")
    assert "structure.preventive_vague" in {f.rule for f in report.findings}


def test_an_issue_without_prevention_is_named_where_the_letter_names_it() -> None:
    text = (
        "Our account was deactivated for used items sold as new and a cancellation rate of"
        " 3.8%.\n\n"
        "1. Used item sold as new\n"
        "Root cause: Trade-in lenses and new lenses shared one shelf and one SKU.\n"
        "Corrective actions: On 4 September we gave used stock its own SKU.\n"
        "Preventive measures: Our manager checks every serial number before shipping.\n\n"
        "2. Order cancellation rate 3.8%\n"
        "Root cause: Stock was copied to Amazon by hand once a day.\n"
        "Corrective actions: On 5 September we connected both sites to one inventory tool.\n"
    )
    found = [
        f for f in review(text, config=BUILTIN).findings if f.rule == "structure.issue_unprevented"
    ]
    assert [f.excerpt for f in found] == ["2. Order cancellation rate 3.8%"]


def test_a_german_plan_with_already_taken_measures_has_its_three_parts() -> None:
    text = (
        "Shopname: Nordlicht Handelswaren\nHändlerkennung: A7HN2KX9QF4LTB\n\n"
        "1. Ursache\nAm 19.10.2026 reichte die VeloTec GmbH eine Beschwerde ein. Wir hatten"
        " die Richtlinie nicht gelesen.\n\n"
        "2. Bereits umgesetzte Maßnahmen\n- 22.10.2026: Titel und Bilder beider ASINs"
        " überarbeitet.\n\n"
        "3. Vorbeugende Maßnahmen\n- Seit 25.10.2026 prüft Frau Lea Brandt jedes Angebot.\n"
    )
    report = review(text, config=BUILTIN)
    assert "structure.missing_part" not in {f.rule for f in report.findings}


def test_a_reply_sending_proof_of_the_plan_already_sent_needs_no_new_plan() -> None:
    text = (
        "Subject: RE: Your Amazon.com selling account [Case ID 16203948817]\n\nHello,\n\n"
        "Store name: Redfern Paper Goods\nMerchant token: A2LC8V5QN3WH7J\n\n"
        "Thank you for your message of 9 October asking for proof of the two changes described"
        " in our plan of action. Both are attached:\n\n"
        "1. Handling time: a screenshot of the Shipping Settings page showing the change from"
        " 1 to 2 business days on 24 September.\n"
        "2. The shipping confirmation report for 25 September to 8 October.\n\nRegards,\nHannah\n"
    )
    found = review(text, kind="reply", config=BUILTIN).findings
    assert [f.severity for f in found if f.rule == "structure.missing_part"] in ([], ["info"])
    asked = text.replace(
        "asking for proof of the two changes described in our plan of action",
        "asking for a plan of action",
    )
    found = review(asked, kind="reply", config=BUILTIN).findings
    assert "error" in {f.severity for f in found if f.rule == "structure.missing_part"}


def test_an_issue_named_only_in_the_quoted_notice_is_reported_on_the_root_cause() -> None:
    text = (
        "Hello,\n\nStore: Keel & Kettle | Merchant token: A2M4TZ8QH1XC6B | Case ID: 15873920461\n\n"
        "Root cause\nOur order defect rate reached 2.8%: 22 A-to-z claims for a stove that"
        " arrived cracked, because we packed it in a single-wall carton.\n\n"
        "Corrective actions\n- 18 March: switched the stove to double-wall cartons.\n\n"
        "Preventive measures\n- Every Monday Sian checks damage returns by ASIN.\n\n"
        "On 21 Mar 2024, Seller Performance wrote:\n\n"
        "> Order Defect Rate: 2.8% (target: under 1%)\n"
        "> Late Dispatch Rate: 9.1% (target: under 4%)\n"
    )
    found = [
        f
        for f in review(text, kind="reply", config=BUILTIN).findings
        if f.rule == "structure.issue_unexplained"
    ]
    assert [f.excerpt for f in found] == ["Root cause"]
    assert "late shipment rate" in found[0].message


def test_corrective_actions_that_are_mostly_promises_are_a_plan_still_to_do() -> None:
    head = (
        "Store name: Redline\nMerchant token: A3RJ7PN2XK9WD4\n\n"
        "Root cause\nOur new software lost the bin data on 3 January.\n\n"
    )
    steps = (
        "Corrective actions\n- We will rebuild the bin location data.\n"
        "- We will restore the missing fitment fields.\n- We will retrain all warehouse staff.\n"
        "- Handling time has been increased from 1 to 3 days (completed 18 January).\n\n"
        "Preventive measures\n- Every Monday our manager counts 50 bins.\n"
    )
    found = review(head + steps, config=BUILTIN).findings
    future = [f for f in found if f.rule == "structure.corrective_future"]
    assert future and {f.severity for f in future} == {"warning"}
    done = steps.replace(
        "- We will retrain all warehouse staff.\n",
        "- On 20 January we retrained all 9 warehouse staff.\n"
        "- On 21 January we re-uploaded 412 tracking numbers.\n",
    )
    found = review(head + done, config=BUILTIN).findings
    assert {f.severity for f in found if f.rule == "structure.corrective_future"} <= {"info"}


THREE_PART_LAYOUTS = (
    # paragraphs that open with the changes and the routines
    "Store name: Brightwater Pet Supply\nMerchant token: A2BW7PK4QX9RTD\n\n"
    "The root cause is how we set up customer service: from March one person answered all"
    " buyer messages, on weekdays only.\n\n"
    "Since the notice we have made these changes. On June 9 we added a second agent, so"
    " messages are covered seven days a week.\n\n"
    "To keep this from recurring we have set fixed routines. Every Monday the owner reads"
    " 20 replies from the previous week.\n",
    # no openings at all: the cause, then dated actions, then "From now on ..."
    "Store name: Bottega Lucchesi, merchant token A2QF8LM3ZV6KRT\n\n"
    "My cancellation rate for 3-9 March was 3.4%: I cancelled 5 of 147 orders, all for the"
    " brown belt in size 110. Seller Central showed 8 belts in stock, but 5 were still in the"
    " workshop. That was my mistake: I counted unfinished pieces as stock.\n\n"
    "On 10 March I counted the finished pieces on the shelf and corrected the quantity on"
    " all 42 listings.\n\n"
    "From now on a piece goes into stock only when it is finished. Every Friday I count the"
    " finished stock and compare it with Seller Central.\n",
    # short "Corrective:" and "Preventive:" labels
    "Root cause: Our title used the brand name Stanley, which we may not use.\n"
    "Corrective: On 3 October we removed the name from 4 titles.\n"
    "Preventive: Every new title is checked against the trademark list by Ana.\n",
)


@pytest.mark.parametrize("text", THREE_PART_LAYOUTS)
def test_plans_laid_out_without_headings_have_their_three_parts(text: str) -> None:
    report = review(text, config=BUILTIN)
    assert all(report.sections[part].found for part in report.sections)
    missing = [f for f in report.findings if f.rule == "structure.missing_part"]
    assert {f.severity for f in missing} <= {"info"}


def test_a_dated_paragraph_that_tells_what_happened_is_not_an_action() -> None:
    story = THREE_PART_LAYOUTS[1].replace("On 10 March I counted", "On 10 March I noticed")
    assert not review(story, config=BUILTIN).sections["corrective_actions"].found


@pytest.mark.parametrize(
    "actions",
    [
        "Actions: On 19 September we returned the remaining 51 pairs to the wholesaler.",
        "Actions: We returned the remaining 51 pairs to the wholesaler on 19 September.",
    ],
)
def test_an_actions_label_starts_the_corrective_actions(actions: str) -> None:
    text = (
        "ASIN B08TQ3WZ7M - running socks, 2 inauthentic complaints\n"
        "Root cause: Both complaints came from a batch of 80 pairs we bought from a wholesaler"
        " without asking the brand first.\n"
        f"{actions}\n"
        "Prevention: Before a first order from any new supplier, I ask the brand to confirm it.\n"
    )
    report = review(text, config=BUILTIN)
    assert report.sections["corrective_actions"].found
    assert "structure.missing_part" not in {f.rule for f in report.findings}


def test_an_actions_label_with_promises_is_not_a_heading() -> None:
    text = (
        "Root cause: Both complaints came from a batch of 80 pairs we bought from a wholesaler"
        " without asking the brand first.\n"
        "Actions: We will be more careful with suppliers.\n"
    )
    report = review(text, config=BUILTIN)
    assert not report.sections["corrective_actions"].found
