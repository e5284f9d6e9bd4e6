"""Finding the three parts: headings in any style, inline labels, prose leads."""

from __future__ import annotations

import pytest

from reinstate.core.review import Finding, ReviewConfig, review
from reinstate.core.review.context import Context
from reinstate.core.review.identifiers import find_identifiers, identifiers_present
from reinstate.core.review.normalize import normalise
from reinstate.core.review.sections import find_sections


def _findings_from(text: str, start: int, length: int) -> list[Finding]:
    """The findings of a review of ``text`` that start within ``length`` characters of
    ``start``."""
    report = review(text, config=ReviewConfig(builtin_only=True))
    return [f for f in report.findings if start <= f.start < start + length]


HEADINGS = {
    "root_cause": [
        "Root cause",
        "1. Root Cause:",
        "ROOT CAUSE ANALYSIS",
        "## Root Cause Analysis",
        "**Root Cause**",
        "What caused the issue",
        "What Went Wrong",
        "Root Cause(s):",
        "The Issue",
        "Investigation",
        "Why this happened",
        "Reason for the violation:",
        "I. Root Cause",
        "Step 1 - Root Cause",
        "Issue 1 - Root cause",
        "What we got wrong",
        "What I did wrong",
        "1. Reasons for buyers not receiving orders",
        "How did this happen?",
        "Cause 1 - handling time reset (221 of 264 late shipments)",
    ],
    "corrective_actions": [
        "Corrective actions taken",
        "2. Corrective Actions:",
        "CORRECTIVE ACTIONS TAKEN",
        "## Immediate Corrective Actions",
        "**Actions Taken to Resolve the Issue**",
        "Actions taken to resolve",
        "Steps we've taken",
        "What we have done to fix it",
        "Resolution",
        "Remediation",
        "Changes made since our first appeal",
        "2. What actions have you taken to resolve the issue?",
    ],
    "preventive_measures": [
        "What I will do to keep it from happening again",
        "Preventive measures",
        "3. Preventative Measures:",
        "PREVENTION",
        "WHAT WILL BE DIFFERENT",
        "3. How the Seller will keep its details accurate",
        "## Steps to prevent recurrence",
        "**Preventative Actions**",
        "Steps to prevent",
        "How we will prevent it",
        "Long-term plan",
        "Going forward",
        "Action plan to prevent recurrence",
        "How we prevent it (preventive measures)",
        "What we do so it not happen again",
        "How we make sure it never happens again",
        "For future changes",
        "3. What steps will you take to prevent this from happening again?",
        "What steps have you taken to prevent this issue from happening again?",
    ],
}
CASES = [(part, h) for part, hs in HEADINGS.items() for h in hs]


@pytest.mark.parametrize(("part", "heading"), CASES)
def test_heading_styles(part: str, heading: str) -> None:
    text = f"Store: X\n\n{heading}\nOn May 3, 2026 we removed 4 units.\n\nKind regards,\nAnn"
    sections = find_sections(text)
    assert part in sections.parts
    span = sections.parts[part]  # type: ignore[index]
    assert text[span.start : span.start + len(heading)] == heading
    assert "Kind regards" not in text[span.content_start : span.end]


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("Root cause: we did not check the supplier.", "root_cause"),
        ("Corrective actions - we removed 40 units on May 3.", "corrective_actions"),
        ("Steps taken: removed 4 units.", "corrective_actions"),
        ("Preventive measures: a second person checks each listing.", "preventive_measures"),
        ("Prevention - daily checks.", "preventive_measures"),
    ],
)
def test_inline_labels(line: str, part: str) -> None:
    sections = find_sections(line)
    assert part in sections.parts
    assert sections.parts[part].content_start > 0  # type: ignore[index]


def test_prose_leads_in_a_letter_without_headings() -> None:
    text = (
        "Dear team,\n\nThe root cause was that our packer skipped the inspection on 40 orders.\n\n"
        "To resolve the issue, we refunded all 40 buyers on May 3, 2026.\n\n"
        "To prevent this from happening again, a second person now checks every order.\n"
    )
    assert set(find_sections(text).parts) == {
        "root_cause",
        "corrective_actions",
        "preventive_measures",
    }
    report = review(text, config=ReviewConfig(builtin_only=True))
    assert "structure.missing_part" not in {f.rule for f in report.findings}


def test_a_sentence_is_not_a_heading() -> None:
    text = "We reviewed the root cause with our team and the supplier over several days.\n"
    assert find_sections(text).parts == {}


def test_misplaced_promise_marks_the_part_as_not_fitting() -> None:
    text = (
        "Root cause\nWe will train our staff next month.\n\n"
        "Corrective actions\nOn May 3, 2026 we removed 12 units.\n\n"
        "Preventive measures\nEvery return is graded by a second person.\n"
    )
    report = review(text, config=ReviewConfig(builtin_only=True))
    assert report.sections["root_cause"].found and not report.sections["root_cause"].fits
    assert report.sections["corrective_actions"].fits
    finding = next(f for f in report.findings if f.rule == "structure.misplaced_promise")
    assert finding.excerpt == "We will train our staff next month."


def test_a_lead_right_under_a_heading_stays_in_that_part() -> None:
    # "Going forward" opens a preventive part only where no heading has just named the part
    text = (
        "II. Root Cause\n\nGoing forward, the Company will cap all prices during an emergency. "
        "On May 3 the repricer raised 2 prices.\n\n"
        "III. Corrective Actions\n\nOn May 4, 2026 we turned the repricer off.\n"
    )
    sections = find_sections(text)
    assert "preventive_measures" not in sections.parts
    report = review(text, config=ReviewConfig(builtin_only=True))
    finding = next(f for f in report.findings if f.rule == "structure.misplaced_promise")
    assert finding.excerpt.startswith("Going forward, the Company will")


_COMMITMENTS_ALONE = (
    "Root cause\nOur packer put used units back into new stock.\n\n"
    "Corrective actions\nOn June 2, 2026 we removed 14 used units.\n\n"
    "Preventive measures\nGoing forward we are committed to Amazon's policies. "
    "We will make sure this never happens again.\n"
)
# the same with a closing and a signature under the part
_COMMITMENTS_BEFORE_A_CLOSING = (
    "Root cause\nWe bought 180 chargers from a trader without checking his invoices.\n\n"
    "Corrective actions\nOn March 5 we removed both ASINs and the 180 units at FBA.\n\n"
    "Prevention\nWe will be more careful going forward. We will only buy from trusted "
    "sources.\n\nThank you for your time, I hope we can get back to selling soon.\n\n"
    "Kenzie Ramos\nKenzie Cell Supply\n"
)


@pytest.mark.parametrize(
    ("text", "vague", "concrete"),
    [
        (_COMMITMENTS_ALONE, "We will make sure", "Our lead checks every return so"),
        (
            _COMMITMENTS_BEFORE_A_CLOSING,
            "We will only buy",
            "Anna checks every invoice before we buy",
        ),
    ],
    ids=["alone", "before-a-closing"],
)
def test_a_preventive_part_of_commitments_alone_is_reported(
    text: str, vague: str, concrete: str
) -> None:
    rules = {f.rule for f in review(text, config=ReviewConfig(builtin_only=True)).findings}
    assert "structure.preventive_vague" in rules
    fixed = text.replace(vague, concrete)
    rules = {f.rule for f in review(fixed, config=ReviewConfig(builtin_only=True)).findings}
    assert "structure.preventive_vague" not in rules


def test_a_part_under_a_heading_of_the_sellers_own_words_is_a_note_not_an_error() -> None:
    text = (
        "Root cause\nOur packer put used units back into new stock on 3 May.\n\n"
        "Corrective actions\nOn 4 May 2026 we removed 14 used units from FBA.\n\n"
        "Our safeguards\nA second person grades every return before restocking.\n"
    )
    report = review(text, config=ReviewConfig(builtin_only=True))
    missing = [f for f in report.findings if f.rule == "structure.missing_part"]
    assert [f.severity for f in missing] == ["info"]
    without = text.split("Our safeguards")[0]
    report = review(without, config=ReviewConfig(builtin_only=True))
    missing = [f for f in report.findings if f.rule == "structure.missing_part"]
    assert [f.severity for f in missing] == ["error"]


def test_an_unknown_heading_inside_a_found_part_can_hold_the_missing_part() -> None:
    # "Our routine" names no part; what it heads reads as prevention ("From now on ...")
    text = (
        "What went wrong\nOn 3 March 2026 we listed 40 kettles from a wholesaler without "
        "brand invoices, because we did not check the supplier.\n\n"
        "What we fixed\nOn 5 March we removed the listing and disposed of the 40 units.\n\n"
        "Our routine\nFrom now on every new supplier is checked against the brand's list "
        "of distributors before we buy.\n"
    )
    report = review(text, config=ReviewConfig(builtin_only=True))
    missing = [f for f in report.findings if f.rule == "structure.missing_part"]
    assert [(f.severity, f.message) for f in missing] == [
        ("info", "No 'preventive measures' heading: give that part its own heading.")
    ]
    # the same heading over text that prevents nothing leaves the part missing
    vague = text.split("Our routine")[0] + "Our routine\nWe are sorry for this.\n"
    report = review(vague, config=ReviewConfig(builtin_only=True))
    missing = [f for f in report.findings if f.rule == "structure.missing_part"]
    assert [f.severity for f in missing] == ["error"]


def test_three_parts_in_plain_paragraphs_get_a_note_about_headings() -> None:
    text = (
        "On 3 March 2026 we listed 40 kettles from a wholesaler. We did not check the supplier, "
        "and that is why the listing was flagged.\n\n"
        "On 5 March we removed the listing and disposed of the 40 units.\n\n"
        "From now on every new supplier is checked before we buy.\n"
    )
    report = review(text, config=ReviewConfig(builtin_only=True))
    missing = [f for f in report.findings if f.rule == "structure.missing_part"]
    assert [f.severity for f in missing] == ["info"]
    assert "each a heading" in missing[0].message
    # without the paragraph on what went wrong, the parts are missing
    report = review(text.split("\n\n", 1)[1], config=ReviewConfig(builtin_only=True))
    missing = [f for f in report.findings if f.rule == "structure.missing_part"]
    assert [f.severity for f in missing] == ["error"]


def test_a_second_what_we_changed_heading_is_the_prevention() -> None:
    text = (
        "Why this happened\nWe bought 150 units from a liquidation lot on January 27, 2026.\n\n"
        "What we have already done\nMarch 12, 2026: removal order for all 212 FBA units.\n\n"
        "What we changed\nWe now buy only from the brand's listed distributors.\n"
    )
    parts = find_sections(text).parts
    assert set(parts) == {"root_cause", "corrective_actions", "preventive_measures"}
    assert parts["preventive_measures"].heading == "What we changed"
    # alone, "What we changed" is the corrective part
    alone = text.split("What we have already done")[0] + text.split("\n\n")[2]
    assert find_sections(alone).parts["corrective_actions"].heading == "What we changed"


def test_a_short_first_sentence_naming_a_part_opens_it() -> None:
    text = (
        "Why it happened. 29 of the 41 defects were claims for parcels sent untracked.\n\n"
        "What we have done. On 13 May we refunded the 29 buyers and moved to a tracked service.\n\n"
        "How we will keep it from happening again. Every Monday our shipping manager checks the "
        "Customer Satisfaction page and opens a review of any new defect within 24 hours.\n"
    )
    parts = find_sections(text).parts
    assert {p: parts[p].heading for p in parts} == {
        "root_cause": "Why it happened",
        "corrective_actions": "What we have done",
        "preventive_measures": "How we will keep it from happening again",
    }
    # a first sentence that names no part opens nothing
    assert find_sections("We are sorry. Our packer was ill on 3 May.\n").parts == {}


def test_a_timeline_heading_ends_the_root_cause() -> None:
    text = (
        "Root cause\nOur listing template put the brand name first in 14 titles.\n\n"
        "Timeline\n- May 6: we wrote to the rights owner. If they reply, we will send their "
        "answer under this case ID the same day.\n\n"
        "Corrective actions\nOn May 5, 2026 we edited all 14 titles (list attached).\n\n"
        "Preventive measures\nEvery new title is checked by Ana against the brand list.\n"
    )
    report = review(text, config=ReviewConfig(builtin_only=True))
    root = report.sections["root_cause"]
    assert root.found and root.fits
    assert root.end < text.index("Timeline") + len("Timeline")
    assert "structure.misplaced_promise" not in {f.rule for f in report.findings}


def test_amazons_first_question_answered_in_turn_holds_the_root_cause() -> None:
    text = (
        "Thank you for your message. My answers to your three questions follow.\n\n"
        "1. Did you use another retailer to fulfill your orders? Please explain.\n"
        "Yes. Between August 17 and October 9, 37 orders were bought from another retailer "
        "and shipped straight to our buyers; I did not read the drop shipping policy first.\n\n"
        "2. What actions have you taken?\n"
        "- October 10, 2026: stopped ordering from that retailer and closed our account.\n\n"
        "3. What will you do to prevent this?\n"
        "- Orders ship only from our own warehouse; Lena checks stock every Monday.\n\n"
        "On Wednesday, October 14, 2026, Seller Performance wrote:\n"
        "> 1. Did you use another retailer to fulfill your orders? Please explain.\n"
        "> 2. What actions have you taken to resolve this issue?\n"
        "> 3. What steps will you take to prevent this in the future?\n"
    )
    parts = find_sections(text).parts
    assert parts["root_cause"].heading == (
        "1. Did you use another retailer to fulfill your orders? Please explain."
    )
    assert parts["root_cause"].start == text.index("1. Did")
    assert parts["corrective_actions"].start == text.index("2. What")
    report = review(text, kind="reply", config=ReviewConfig(builtin_only=True))
    assert "structure.missing_part" not in {f.rule for f in report.findings}
    # a first numbered line that is no question, or numbering that is not 1-2-3, opens nothing
    plain = text.replace("fulfill your orders? Please explain.", "fulfill your orders.", 1)
    assert "root_cause" not in find_sections(plain.split("On Wednesday")[0]).parts
    shifted = text.replace("2. What actions", "4. What actions", 1)
    assert "root_cause" not in find_sections(shifted.split("On Wednesday")[0]).parts


def test_a_part_heading_that_names_actions_taken_is_no_unsupported_claim() -> None:
    text = (
        "Case ID: 20660481935\n\n1. Root cause of the complaints\n"
        "We bought 14 units from a liquidator and did not ask for invoices.\n\n"
        "3. Actions taken and steps to prevent this\n"
        "- November 10: removed the 14 units from sellable inventory (photo attached).\n"
        "- Going forward: Amal checks every new supplier's invoices before the first order.\n"
    )
    found = _findings_from(text, text.index("3. Actions"), 42)
    assert not [f for f in found if f.category == "unsupported_claim"]


@pytest.mark.parametrize(
    ("text", "headings", "prevention"),
    [
        (
            "Q: What caused the violation?\nA: Our insert card offered a refill for a review.\n\n"
            "Q: What have you done so far?\nA: June 3: we destroyed 1,850 cards (photo attached)."
            "\n\nQ: How will you prevent it from happening again?\nA: Lucia checks every insert.\n",
            ["Q: What caused the violation?", "Q: What have you done so far?"],
            "Q: How will you prevent",
        ),
        (
            # a part's name and a comma, as typed by a seller who uses commas for every stop
            "Hello team, our store Pebble Lane Prints was deactivated for cancellations,\n\n"
            "Root cause, we list every design in 8 sizes and our print partner stopped two of "
            "them in October, so 52 orders were cancelled by us,\n\n"
            "Corrective actions, on 22 November we removed the two sizes from all 40 listings,\n\n"
            "Preventive measures, each Monday Owen compares the partner's size list with ours,\n",
            ["Root cause", "Corrective actions"],
            "Preventive measures, each Monday",
        ),
    ],
    ids=["questions-and-answers", "label-and-comma"],
)
def test_question_headings_and_labels_before_a_comma_name_the_parts(
    text: str, headings: list[str], prevention: str
) -> None:
    parts = find_sections(text).parts
    assert [parts[p].heading for p in ("root_cause", "corrective_actions")] == headings
    assert text[parts["preventive_measures"].start :].startswith(prevention)


def test_a_short_reply_to_one_question_needs_no_three_parts() -> None:
    reply = (
        "Store name: Oakhurst Living\nMerchant token: A1MJ5TC9RW3E7K\nCase ID: 20455631870\n\n"
        "You asked who appears as the seller of record on the packing slips and invoices for the "
        "three orders above.\n\nOakhurst Living LLC is the seller of record on all three. The "
        "packing slips were printed from Seller Central on 4 May (copies attached), and the "
        "invoices carry our name, address and VAT number.\n\nRegards,\nMina\n"
    )

    def missing(text: str, kind: str) -> list[str]:
        report = review(text, kind=kind, config=ReviewConfig(builtin_only=True))
        return [f.severity for f in report.findings if f.rule == "structure.missing_part"]

    assert missing(reply, "reply") == ["info"]
    # a letter of the appeal form still needs them, and so does a reply to a request for a plan
    assert missing(reply, "poa") == ["error"]
    asked_for_plan = reply.replace(
        "You asked who appears as the seller of record on the packing slips and invoices for "
        "the three orders above.",
        "You asked for a plan of action for the three orders above.",
    )
    assert missing(asked_for_plan, "reply") == ["error"]


def test_policy_lines_quoted_with_chevrons_are_not_the_sellers_words() -> None:
    text = (
        "Case ID: 20660481935\n\nRoot cause\nWe let a wholesaler ship 38 orders with its own "
        "packing slips because we never read the drop shipping policy.\n\n"
        "The policy says:\n"
        '> "Be responsible for accepting and processing customer returns of your products."\n\n'
        "Corrective actions\nOn 3 May we moved all 38 SKUs to our own warehouse.\n\n"
        "Preventive measures\nAna reads the policy page every quarter and signs the log.\n"
    )
    assert _findings_from(text, text.index("> "), 90) == []


@pytest.mark.parametrize("bullet", ["•", "▪", "■", "➤", "-", "*"])
def test_headings_written_as_list_items_name_the_parts(bullet: str) -> None:
    text = (
        f"Store name: Yuelan\n\n{bullet} Root cause\nA former employee logged in to another "
        f"store on our office computer.\n\n{bullet} Corrective actions\n1. On 19 April we "
        f"changed every password.\n\n{bullet} Preventive measures\n1. Each login is reviewed "
        "by our manager every Monday.\n"
    )
    report = review(text, config=ReviewConfig(builtin_only=True))
    assert all(s.found for s in report.sections.values())
    assert report.sections["root_cause"].heading == "Root cause"
    assert not any(f.rule == "structure.missing_part" for f in report.findings)


def test_a_list_of_the_parts_is_not_three_headings() -> None:
    text = (
        "This letter covers:\n- Root cause\n- Corrective actions\n- Preventive measures\n\n"
        "Root cause\nWe bought from a trader without invoices.\n"
    )
    parts = find_sections(text).parts
    assert set(parts) == {"root_cause"}
    assert parts["root_cause"].heading == "Root cause"


def test_full_width_punctuation_reads_as_plain() -> None:
    text = (
        "Store name：YUELAN-US\nMerchant token：A2J6WQ0P4LZ9KD\nCase ID：16203947718\n\n"
        "Root cause：\nA former employee logged in to another store on our computer，without "
        "our permission。\n\nCorrective actions：\n1. On 19 April we changed every password.\n\n"
        "Preventive measures：\n1. Each login is reviewed by our manager every Monday.\n"
    )
    report = review(text, config=ReviewConfig(builtin_only=True))
    assert all(s.found for s in report.sections.values())
    assert not any(f.category == "identifiers" and f.severity != "info" for f in report.findings)
    for f in report.findings:
        assert f.excerpt == text[f.start : f.end]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Maple Ridge Audio - A2SYWB3WKH5DNS - Amazon.ca\n", "Maple Ridge Audio"),
        (
            "our store is copperleaf garden goods, merchant token a3cgg5n8t2w6xb.\n",
            "copperleaf garden goods",
        ),
        (
            "the deactivation of our store linden & loom (merchant token a2lndl00m7q4xe)\n",
            "linden & loom",
        ),
        ("store name cedar & salt\nmerchant token A3PV8NX1KT5WQM\n", "cedar & salt"),
        (
            'Case ID 19203847561 – store "Shree Ganesh Handlooms", merchant token A3KD9RX2PLW6TN\n',
            "Shree Ganesh Handlooms",
        ),
        ("CLIENT:   Fellside Gear Ltd (store name: Fellside Gear)\n", "Fellside Gear"),
        (
            "We write for Thornbury Home Ltd (store name: Thornbury Home; merchant token "
            "A7CJ4MX1RP9WKE).\n",
            "Thornbury Home",
        ),
        ("Wei Chen\nOwner, Cedar Lane Home\nMerchant token: A3WB5HJ8TR2MQE\n", "Cedar Lane Home"),
    ],
)
def test_a_store_named_beside_its_token_or_in_quotes_is_read(text: str, name: str) -> None:
    ids = find_identifiers(text)
    assert [n.value for n in ids.named_before_token] == [name]
    assert identifiers_present(text)["store_name"]


@pytest.mark.parametrize(
    "text",
    [
        'We store "fragile" goods apart.\n',
        "Dear Team - A2SYWB3WKH5DNS\n",
        "our store is closed, merchant token a3cgg5n8t2w6xb\n",
        "our store front was repainted, merchant token a3cgg5n8t2w6xb\n",
        "Store name changes were made by our VA last week.\n",
        "We renamed the listing (store: none of our listings use that word).\n",
    ],
)
def test_a_verb_or_a_greeting_is_no_store_name(text: str) -> None:
    assert not find_identifiers(text).present()["store_name"]
    assert not identifiers_present(text)["store_name"]


def test_an_item_of_a_list_under_a_heading_is_no_heading() -> None:
    text = (
        "Preventive measures:\n- Ongoing audits\n- All insert text approved in writing by "
        "Carla Moreno before it is sent to print\n"
    )
    parts = find_sections(text).parts
    assert parts["preventive_measures"].heading == "Preventive measures:"
    assert "preventive_measures" not in find_sections(text).extra


@pytest.mark.parametrize(
    "heading",
    ["【Root cause】", "【一、Root cause】", "[Root cause]", "一、Root cause", "【Root cause】:"],
)
def test_a_heading_in_brackets_or_after_a_chinese_numeral_names_its_part(heading: str) -> None:
    text = (
        f"{heading}\nWe changed to a new carrier in April without a tracking check.\n\n"
        "Corrective actions\n1. On 19 April we moved all orders to a second carrier.\n\n"
        "Preventive measures\n1. Our manager checks every tracking upload each day.\n"
    )
    assert find_sections(text).parts["root_cause"].start == 0


def test_list_numbers_are_not_sentences_and_sub_items_are_their_own() -> None:
    text = (
        "1. Root cause\n\t1.1 Our account was closed.\n2. Corrective actions\n  2.1 Inventory\n"
        "    2.1.1 We checked 40 laptops.\n  (a) We refunded 3 buyers.\n  b) We wrote to them. "
        "3. We stopped.\n"
    )
    report = review(text, config=ReviewConfig(builtin_only=True))
    ctx = Context(text, normalise(text), "poa", None, find_sections(text))
    assert [text[s:e] for s, e in ctx.sentences] == [
        "Root cause",
        "1.1 Our account was closed.",
        "Corrective actions",
        "2.1 Inventory",
        "2.1.1 We checked 40 laptops.",
        "(a) We refunded 3 buyers.",
        "b) We wrote to them.",
        "We stopped.",
    ]
    assert report.stats.sentences == len(ctx.sentences)


def test_a_passage_quoted_after_you_wrote_is_amazons_and_the_rest_is_the_sellers() -> None:
    text = (
        "Hello,\n\nOn 5 December 2025 you wrote:\n\n"
        '"We reviewed the information you provided and determined that it is not sufficient. '
        'We may take legal action."\n\n'
        "This is our third submission. Your team clearly did not open the invoices we sent.\n\n"
        "If this is refused again we will post about it on Trustpilot.\n"
    )
    report = review(text, kind="reply", config=ReviewConfig(builtin_only=True))
    quote_end = text.index("This is our third")
    assert not [
        f
        for f in report.findings
        if f.start < quote_end and f.category not in ("identifiers", "structure")
    ]
    categories = {f.category for f in report.findings if f.start >= quote_end}
    assert {"blame_amazon", "threat_legal"} <= categories


def test_a_reply_that_sends_the_documents_quoted_as_asked_needs_no_three_parts() -> None:
    text = (
        "Subject: RE: Supply chain documents requested - Case 16482039571\n\n"
        "On 4 March 2025 you wrote:\n\n> To reactivate your account, provide invoices from your "
        "supplier for B07RQ4M2ZT.\n\nStore name: Harbor Lane Home\nMerchant token: "
        "A1Q7HZ3MW9K2RB\n\nAttached: invoice CD-20418 of 12 November 2024 for 300 units, and the "
        "supplier's certificate of registration. It lists the same invoice number.\n\n"
        "Regards,\nDana Whitfield\n"
    )
    report = review(text, kind="reply", config=ReviewConfig(builtin_only=True))
    assert not [f for f in report.findings if f.rule == "structure.missing_part"]
    assert report.ready


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a bracket after a company abbreviation stays in its sentence
        (
            "Company: Shenzhen Lumeng Co., Ltd. (Unified Social Credit Code 91440300MA5G2K8L4R)\n"
            "We sold to Acme Ltd. We shipped 3 units.\n",
            [
                "Company: Shenzhen Lumeng Co., Ltd. (Unified Social Credit Code "
                "91440300MA5G2K8L4R)",
                "We sold to Acme Ltd.",
                "We shipped 3 units.",
            ],
        ),
        # initials and titles before a word on the same line stay in it
        (
            "14 February 2025: we filed a report with the U.S. Consumer Product Safety "
            "Commission.\nWe called Dr. Weber, e.g. about the lot. He agreed.\nWe sell in the "
            "U.S.\nNext line.\n",
            [
                "14 February 2025: we filed a report with the U.S. Consumer Product Safety "
                "Commission.",
                "We called Dr. Weber, e.g. about the lot.",
                "He agreed.",
                "We sell in the U.S.",
                "Next line.",
            ],
        ),
    ],
)
def test_abbreviations_do_not_end_a_sentence_before_what_belongs_to_it(
    text: str, sentences: list[str]
) -> None:
    ctx = Context(text, normalise(text), "poa", None, find_sections(text))
    assert [text[s:e] for s, e in ctx.sentences] == sentences


def test_tables_and_lists_of_orders_do_not_make_a_letter_too_long() -> None:
    prose = "We checked the returns shelf on 3 May and found the cause of the late orders. " * 55
    orders = "".join(
        f"| 112-{1000000 + i}-{2000000 + i} | B0C{i:07d} | late by 2 days |\n" for i in range(80)
    )
    text = f"Root cause\n{prose}\n\nCorrective actions\n{orders}\nPreventive measures\nDaily.\n"
    config = ReviewConfig(builtin_only=True)
    assert len(text.split()) > 1000
    assert not [f for f in review(text, config=config).findings if f.rule == "length.too_long"]
    longer = text.replace("Daily.", prose)
    found = [f for f in review(longer, config=config).findings if f.rule == "length.too_long"]
    assert found and "words of text besides its tables" in found[0].message


@pytest.mark.parametrize("heading", ["## ✅ Corrective actions", "🛡️ Corrective actions 🛡️"])
def test_a_heading_after_an_emoji_names_its_part(heading: str) -> None:
    text = (
        "Root cause\nWe changed to a new carrier in April without a tracking check.\n\n"
        f"{heading}\n- [x] On 19 April we moved all orders to a second carrier.\n\n"
        "Preventive measures\n1. Our manager checks every tracking upload each day.\n"
    )
    assert find_sections(text).parts["corrective_actions"].heading == heading


def test_a_plan_in_plain_paragraphs_with_its_cause_named_needs_no_headings() -> None:
    text = (
        "Lakehead Books & Things\nMerchant token A3F9LQ2VX7MR8C\nCase 17718206435\n\n"
        "The problem was how I graded books. When a copy looked unread I listed it as New.\n\n"
        "I refunded all three orders in full on 28 April. On 1 May I checked all 64 copies and "
        "relisted 58 as Used.\n\n"
        "From now on I list a book as New only if I hold a distributor invoice for that copy.\n"
    )
    report = review(text, config=ReviewConfig(builtin_only=True))
    missing = [f for f in report.findings if f.rule == "structure.missing_part"]
    assert missing and all(f.severity == "info" for f in missing)
