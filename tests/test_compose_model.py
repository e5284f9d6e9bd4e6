"""The POA model: headings found, parts split, blocks and the guided assembly."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from reinstate.core.case import CaseFacts
from reinstate.core.compose import Attachment, assemble_poa, guided_questions, parse_poa
from reinstate.core.compose.blocks import BulletList, Paragraph, plain_inline, to_blocks
from reinstate.core.errors import InputError, NotFoundError
from reinstate.core.knowledge import Knowledge, Question, ReasonInfo
from tests.test_compose_fixtures import BRIGHT_KETTLE, CORPUS


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (CORPUS / "appeals").glob("a0*.txt") if "a09" not in p.name)
)
def test_corpus_appeals_split_into_the_parts_they_really_have(name: str) -> None:
    expected = json.loads((CORPUS / "appeals" / name).with_suffix(".json").read_text())
    poa = parse_poa((CORPUS / "appeals" / name).read_text(encoding="utf-8"))
    found = {part: bool(text) for part, text in poa.parts().items()}
    assert found == expected["sections"]


def test_headings_in_many_spellings() -> None:
    text = (
        "**Root Cause Analysis:**\nWe sold units from an unverified wholesaler.\n\n"
        "2) Actions taken to resolve the issue:\n- Removed 14 listings on 2 May 2026.\n\n"
        "## Steps to prevent recurrence\n* Monthly supplier audit by our buyer.\n\n"
        "Kind regards,\nOwner"
    )
    poa = parse_poa(text)
    assert poa.root_cause == "We sold units from an unverified wholesaler."
    assert poa.corrective_actions == "- Removed 14 listings on 2 May 2026."
    assert poa.preventive_measures == "* Monthly supplier audit by our buyer."


def test_heading_with_text_on_the_same_line_and_sentences_that_only_look_like_headings() -> None:
    text = (
        "Root cause: our label printer account was shared.\n"
        "Issue resolved within two days of the notice.\n"
        "Corrective actions - we removed the shared login.\n"
        "Prevention: a quarterly review of user permissions."
    )
    poa = parse_poa(text)
    assert poa.root_cause.splitlines() == [
        "our label printer account was shared.",
        "Issue resolved within two days of the notice.",
    ]
    assert poa.corrective_actions == "we removed the shared login."
    assert poa.preventive_measures == "a quarterly review of user permissions."


def test_german_and_french_headings() -> None:
    poa = parse_poa("Ursache:\nA\n\nMesures correctives\nB\n\nVorbeugende Maßnahmen:\nC")
    assert (poa.root_cause, poa.corrective_actions, poa.preventive_measures) == ("A", "B", "C")


def test_attachment_list_and_closing_are_not_part_of_the_last_part() -> None:
    poa = parse_poa("Preventive measures\n- Weekly check.\n\nAttachments: a.pdf, b.pdf\n")
    assert poa.preventive_measures == "- Weekly check."


def test_blocks_keep_bullets_and_drop_markdown() -> None:
    blocks = to_blocks(
        "We found **two** causes:\n- the `shared` login\n  used by the contractor\n"
        "- old [permissions](https://example.com/x)\n\n1. first\n2. second\n\x0cEnd"
    )
    assert blocks == [
        Paragraph("We found two causes:"),
        BulletList(
            [
                "the shared login used by the contractor",
                "old permissions (https://example.com/x)",
            ]
        ),
        BulletList(["first", "second"], ordered=True),
        Paragraph("End"),
    ]
    assert plain_inline("### Root *cause*") == "Root cause"


def _knowledge() -> Knowledge:
    q = Question(ask="What exactly linked the accounts?", good_answer="Name the shared device.")
    later = Question(ask="Who checks access?", good_answer="A named person and how often.")
    info = ReasonInfo(
        label="Related account",
        explanation="Linked to another account.",
        documents=["plan_of_action"],
        questions={"root_cause": [q], "corrective_actions": [q], "preventive_measures": [later]},
    )
    return Knowledge(reasons={"related_account": info})


def test_guided_questions_for_every_part() -> None:
    questions = guided_questions("related_account", knowledge=_knowledge())
    assert list(questions) == ["root_cause", "corrective_actions", "preventive_measures"]
    assert questions["root_cause"][0].good_answer == "Name the shared device."
    assert questions["preventive_measures"][0].ask == "Who checks access?"
    with pytest.raises(NotFoundError, match="inauthentic"):
        guided_questions("inauthentic", knowledge=_knowledge())


def test_guided_questions_from_the_shipped_knowledge() -> None:
    from reinstate.core.knowledge.loader import BUILTIN_DIR

    if not (BUILTIN_DIR / "reasons.toml").is_file():
        pytest.skip("reasons.toml is not written yet")
    from reinstate.core.knowledge import load_knowledge

    know = load_knowledge(builtin_only=True)
    for reason in know.reasons:
        questions = guided_questions(reason, knowledge=know)
        assert any(questions.values()), reason


def test_assemble_poa_has_the_identifier_header_and_the_answered_parts() -> None:
    text = assemble_poa(
        BRIGHT_KETTLE,
        {
            "root_cause": ["A contractor kept **user access** after the contract ended."],
            "corrective_actions": ["- Removed 3 users on 4 November 2026.", "  "],
            "preventive_measures": "Monthly permission review by the operations manager.",
        },
    )
    assert text.startswith(
        "Store name: Bright Kettle Home Goods\nMerchant token: A3KQ7X2M9PLZ4T\n"
        "Case ID: 18427719302\nMarketplace: amazon.com\n"
        "Date of deactivation: 3 November 2026\n"
        "Section 3: Yes, the notice cites Section 3 of the Business Solutions Agreement\n"
    )
    assert "**" not in text
    poa = parse_poa(text)
    assert poa.root_cause == "A contractor kept user access after the contract ended."
    assert poa.corrective_actions == "- Removed 3 users on 4 November 2026."
    assert poa.preventive_measures == "Monthly permission review by the operations manager."


def test_assemble_poa_leaves_out_unknown_identifiers_and_unanswered_parts() -> None:
    text = assemble_poa(CaseFacts(case_ids=["1", "2"]), {"root_cause": ["Cause."]})
    assert text == "Case IDs: 1, 2\n\nRoot cause\nCause.\n"
    with pytest.raises(InputError, match="rootcause"):
        assemble_poa(CaseFacts(), {"rootcause": ["x"]})


def test_attachment_mime_from_content_then_name() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    assert Attachment("scan.pdf", png).mime == "image/png"  # content wins over the name
    assert Attachment("letter.pdf", b"%PDF-1.7\n").mime == "application/pdf"
    assert Attachment("notes.txt", b"plain words").mime == "text/plain"
    assert Attachment("blob", b"\xff\xfe\x00\x01").mime == "application/octet-stream"
    assert Attachment("x.bin", b"", mime="application/zip").mime == "application/zip"


def test_poa_draft_is_plain_data() -> None:
    poa = parse_poa("Root cause\nX", version=3, created_at=datetime(2026, 1, 2, tzinfo=UTC))
    again = type(poa).model_validate_json(poa.model_dump_json())
    assert again == poa
    assert poa.present_parts() == ["root_cause"]


def test_an_attached_line_inside_a_part_stays_in_it_and_a_closing_list_does_not() -> None:
    text = (
        "Root cause\nWe bought from an unverified wholesaler in August 2026.\n\n"
        "Corrective actions\nWe removed 212 units on October 13, 2026.\n\n"
        "Attached: invoices INV-0312 and INV-0598 covering 2,400 units.\n\n"
        "Preventive measures\nWe buy only from authorised distributors.\n\n"
        "Attachments: invoices, removal order\nKind regards,\nTom\n"
    )
    draft = parse_poa(text)
    assert draft.corrective_actions.endswith("covering 2,400 units.")
    assert draft.preventive_measures == "We buy only from authorised distributors."


def test_a_warning_is_dated_as_a_notice_not_as_a_deactivation() -> None:
    from datetime import date

    from reinstate.core.compose.identity import identifier_lines

    facts = CaseFacts(store_name="Lichtwerk", suspension_date=date(2026, 11, 23))
    warned = facts.model_copy(update={"notice_kind": "warning"})
    assert ("Date of deactivation", "23 November 2026") in identifier_lines(facts)
    assert ("Date of the notice", "23 November 2026") in identifier_lines(warned)
