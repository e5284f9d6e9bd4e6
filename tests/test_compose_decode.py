"""Reply decoding on the corpus replies and on wordings of our own."""

from __future__ import annotations

import mailbox
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from reinstate.core.compose import decode_reply, reply_wordings
from reinstate.core.compose.decode import listed_items
from reinstate.core.errors import KnowledgeError
from tests.test_compose_fixtures import CORPUS

ALL_PARTS = {"parts": ["root_cause", "corrective_actions", "preventive_measures"]}


def _plain(msg: EmailMessage) -> str:
    body = msg.get_body(("plain",))
    assert body is not None
    text: str = body.get_content()
    return text


def n09_text() -> str:
    raw = (CORPUS / "notices" / "n09-more-information.eml").read_bytes()
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return _plain(msg)


def n12_third_text() -> str:
    box = mailbox.mbox(CORPUS / "notices" / "n12-mailbox.mbox")
    try:
        message = box[2]
    finally:
        box.close()
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode("utf-8")


def test_n09_listed_items_in_amazons_words_against_the_last_submission() -> None:
    items = decode_reply(n09_text(), {**ALL_PARTS, "documents": ["plan_of_action"]})
    assert [(i.item, i.check, i.carried) for i in items] == [
        (
            "A complete explanation of the relationship between your account and the "
            "related account.",
            "part:root_cause",
            True,  # a root cause was sent, but it did not explain the relationship
        ),
        (
            "Evidence that the related account no longer has access to your account, "
            "such as a list of removed users.",
            "document:any",
            False,  # only the POA itself was sent: no evidence document
        ),
    ]
    assert items[0].why == "Amazon's reply lists it as missing"
    assert items[1].status() == "not sent last time"
    assert items[0].status().startswith("sent last time, but not enough")


def test_n12_invoices_could_not_be_verified() -> None:
    items = decode_reply(n12_third_text(), {"parts": ["root_cause"], "documents": ["invoices"]})
    assert [i.id for i in items] == [
        "invoices.supplier_contact",
        "invoices.dated",
        "invoices.buyer_match",
        "invoices.quantities",
    ]
    assert all(i.carried is True for i in items)
    assert items[0].why == 'The reply says "invoices you provided could not be verified"'


def test_without_a_last_submission_nothing_is_claimed_about_it() -> None:
    assert {i.carried for i in decode_reply(n09_text(), None)} == {None}


@pytest.mark.parametrize(
    ("reply", "expected_ids"),
    [
        (
            "We reviewed your appeal but we don't have enough information to reinstate "
            "your account.",
            ["poa.root_cause_specific", "poa.actions_completed", "poa.prevention_specific"],
        ),
        (
            "Please provide greater detail on the root cause of the issue. The corrective "
            "actions you listed have not been implemented.",
            ["poa.root_cause_specific", "poa.actions_completed", "evidence.actions"],
        ),
        (
            "The documents you provided are invalid or could not be verified.",
            ["documents.readable", "documents.unaltered", "documents.names_match"],
        ),
        (
            "We were unable to verify your invoices. Send invoices covering all of the "
            "ASINs listed below.",
            [
                "invoices.supplier_contact",
                "invoices.dated",
                "invoices.buyer_match",
                "invoices.quantities",
            ],
        ),
        (
            "Leider liegen uns nicht genügend Informationen vor. Bitte senden Sie eine "
            "aktuelle Stromrechnung.",
            ["identity.utility_bill"],  # the specific request replaces the generic one
        ),
        (
            "Nous n'avons pas suffisamment d'informations pour vérifier votre identité.",
            ["identity.document"],
        ),
        ("Thank you for contacting Amazon. Your account has been reinstated.", []),
    ],
)
def test_wordings_map_to_concrete_items(reply: str, expected_ids: list[str]) -> None:
    assert [i.id for i in decode_reply(reply, None)] == expected_ids


def test_generic_wording_shows_which_part_was_sent_and_which_was_not() -> None:
    items = decode_reply(
        "Your appeal does not contain sufficient information.",
        {"parts": ["root_cause"], "documents": ["plan_of_action", "invoices"]},
    )
    assert [(i.id, i.carried) for i in items] == [
        ("poa.root_cause_specific", True),
        ("poa.actions_completed", False),
        ("poa.prevention_specific", False),
    ]


def test_quoted_earlier_messages_are_not_read_as_amazons_words() -> None:
    reply = (
        "Hello,\nWe reviewed your appeal. The invoices you provided could not be verified.\n\n"
        "On 3 Nov 2026, owner@shop.example wrote:\n"
        "> Attached is our utility bill and passport.\n"
    )
    ids = [i.id for i in decode_reply(reply, None)]
    assert "identity.utility_bill" not in ids and "identity.document" not in ids
    assert "invoices.dated" in ids


def test_listed_items_with_wrapped_lines_and_numbers() -> None:
    text = (
        "Your appeal is missing the following information:\n"
        "1. A detailed root cause that explains\n"
        "   why the complaints happened.\n"
        "2. Your supplier's contact information.\n\n"
        "Seller Performance Team"
    )
    assert listed_items(text) == [
        "A detailed root cause that explains why the complaints happened.",
        "Your supplier's contact information.",
    ]
    items = decode_reply(text, {"parts": [], "documents": ["invoices"]})
    assert [(i.check, i.carried) for i in items] == [
        ("part:root_cause", False),
        ("document:supplier_contact", False),
    ]


def test_every_wording_has_items_and_patterns_that_compile() -> None:
    wordings = reply_wordings()
    assert len(wordings) >= 15
    assert sum(w.generic for w in wordings.values()) == 1
    assert {w.items[0].check for w in wordings.values() if w.topic} == {
        "part:root_cause",
        "part:corrective_actions",
        "part:preventive_measures",
        "document:invoices",
    }


def test_user_wordings_extend_the_builtin_ones(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "replies.toml").write_text(
        '[tax_form]\nlabel = "Tax interview"\npatterns = ["tax interview"]\n'
        '[[tax_form.items]]\nid = "tax.interview"\nitem = "Complete the tax interview"\n',
        encoding="utf-8",
    )
    items = decode_reply("Please complete the tax interview.", None, home=tmp_path)
    assert [i.id for i in items] == ["tax.interview"]
    (folder / "replies.toml").write_text(
        '[broken]\nlabel = "x"\npatterns = ["(unclosed"]\n'
        '[[broken.items]]\nid = "x"\nitem = "x"\ncheck = "part:nowhere"\n',
        encoding="utf-8",
    )
    other = tmp_path / "other"
    (other / "knowledge").mkdir(parents=True)
    (other / "knowledge" / "replies.toml").write_bytes((folder / "replies.toml").read_bytes())
    with pytest.raises(KnowledgeError, match=r"replies\.toml:\d+: entry 'broken': patterns"):
        decode_reply("x", None, home=other)
