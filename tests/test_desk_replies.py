"""Amazon's reply decoded into concrete items, each against what the last submission carried:
the service and the CLI on a real temporary desk, with the shared corpus' n01 and n09."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.desk_support import CORPUS, corpus_bytes, png_bytes

NOTICES = CORPUS / "notices"
APPEALS = CORPUS / "appeals"
RELATIONSHIP = "A complete explanation of the relationship between your account and the related"
REMOVED_USERS = "Evidence that the related account no longer has access to your account"

# a Plan of Action with no root cause: what it did and will do, not why it happened
NO_ROOT_CAUSE = b"""Plan of Action

Corrective actions
- On November 4, 2026 we removed the user jlee@example.com from User Permissions.
- On November 4, 2026 we changed every password and turned on two-step verification.

Preventive measures
- Every Monday the owner, Dana Reyes, checks User Permissions and removes unknown users.
- From November 5, 2026 no device is shared with any other business.
"""


@pytest.fixture
def home(desk_home: Path) -> Path:
    return desk_home


def open_n01() -> int:
    from reinstate.desk.services.cases import open_case

    opened = open_case(corpus_bytes(NOTICES / "n01-related-account.eml"), "n01.eml")
    return int(opened["id"])


def appeal(case: int, poa: bytes, at: str, docs: list[tuple[bytes, str]] | None = None) -> None:
    from reinstate.desk.services.contacts import record_contact

    record_contact(case, "appeal", poa=(poa, "poa.txt"), docs=docs, at=at, force=True)


def reply_n09(case: int, at: str | None = None) -> dict[str, Any]:
    from reinstate.desk.services.replies import record_reply

    return record_reply(case, corpus_bytes(NOTICES / "n09-more-information.eml"), "n09.eml", at=at)


def by_item(missing: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The decoded items keyed by which of n09's two asks they are."""
    found: dict[str, dict[str, Any]] = {}
    for entry in missing:
        if entry["item"].startswith(RELATIONSHIP):
            found["relationship"] = entry
        elif entry["item"].startswith(REMOVED_USERS):
            found["removed_users"] = entry
    return found


def test_poa_sent_without_documents(home: Path) -> None:
    from reinstate.desk.models import Contact

    case = open_n01()
    appeal(case, corpus_bytes(APPEALS / "a01-related-good.txt"), "2026-11-04T10:00:00Z")
    result = reply_n09(case)
    requests = result["requests"]
    last = requests["last_submission"]
    assert last["channel"] == "appeal" and last["poa_version"] == 1
    assert last["parts"] == ["root_cause", "corrective_actions", "preventive_measures"]
    assert last["documents"] == []
    items = by_item(requests["missing"])
    assert set(items) == {"relationship", "removed_users"}
    assert items["relationship"]["carried"] is True
    assert items["relationship"]["check"] == "part:root_cause"
    assert items["relationship"]["status"] == (
        "sent (root cause of Plan of Action version 1), but Amazon says it is not enough"
    )
    assert items["removed_users"]["carried"] is False
    assert items["removed_users"]["status"] == (
        "not sent: your last submission had no document attached"
    )
    assert all(entry["why"] for entry in requests["missing"])
    # kept on the contact: what `case show` and any other face read back
    stored = Contact.objects.get(case_id=case, channel="amazon_reply")
    assert stored.requests["missing"] == requests["missing"]


def test_the_removed_users_evidence_sent_is_named(home: Path) -> None:
    case = open_n01()
    appeal(
        case,
        corpus_bytes(APPEALS / "a01-related-good.txt"),
        "2026-11-04T10:00:00Z",
        docs=[(png_bytes(), "user-permissions.png")],
    )
    items = by_item(reply_n09(case)["requests"]["missing"])
    assert items["removed_users"]["carried"] is True
    assert items["removed_users"]["status"] == (
        "sent (user-permissions.png), but Amazon says it is not enough"
    )


def test_a_poa_without_a_root_cause_did_not_carry_the_explanation(home: Path) -> None:
    case = open_n01()
    appeal(case, NO_ROOT_CAUSE, "2026-11-04T10:00:00Z")
    requests = reply_n09(case)["requests"]
    assert "root_cause" not in requests["last_submission"]["parts"]
    items = by_item(requests["missing"])
    assert items["relationship"]["carried"] is False
    assert items["relationship"]["status"] == "not sent: your last submission had no root cause"


def test_the_reply_is_read_against_the_submission_before_it(home: Path) -> None:
    case = open_n01()
    appeal(case, NO_ROOT_CAUSE, "2026-11-04T10:00:00Z")
    # sent after Amazon's reply (dated 2026-11-05), entered before it
    appeal(
        case,
        corpus_bytes(APPEALS / "a01-related-good.txt"),
        "2026-11-07T10:00:00Z",
        docs=[(png_bytes(), "user-permissions.png")],
    )
    requests = reply_n09(case)["requests"]
    assert requests["last_submission"]["at"].startswith("2026-11-04T10:00")
    items = by_item(requests["missing"])
    assert (items["relationship"]["carried"], items["removed_users"]["carried"]) == (False, False)


def test_a_call_back_is_not_a_submission(home: Path) -> None:
    from reinstate.desk.services.contacts import record_contact

    case = open_n01()
    appeal(case, corpus_bytes(APPEALS / "a01-related-good.txt"), "2026-11-04T10:00:00Z")
    record_contact(case, "ahs_callback", at="2026-11-05T09:00:00Z", force=True)
    requests = reply_n09(case)["requests"]
    assert requests["last_submission"]["channel"] == "appeal"
    assert by_item(requests["missing"])["relationship"]["carried"] is True


def test_with_nothing_sent_whether_it_was_carried_is_unknown(home: Path) -> None:
    case = open_n01()
    requests = reply_n09(case, at="2026-11-05T23:00:00Z")["requests"]
    assert requests["last_submission"] is None
    items = by_item(requests["missing"])
    assert items["relationship"]["carried"] is None
    assert items["removed_users"]["status"].startswith("not known: no appeal or e-mail")


def test_a_generic_reply_is_decoded_into_the_three_parts(home: Path) -> None:
    from reinstate.desk.services.replies import record_reply

    case = open_n01()
    appeal(case, NO_ROOT_CAUSE, "2026-11-04T10:00:00Z")
    text = (
        b"From: seller-performance@amazon.com\nSubject: RE: Your Amazon.com selling account\n"
        b"Date: Fri, 06 Nov 2026 09:00:00 +0000\n\nHello,\n\nWe reviewed your appeal but "
        b"do not have enough information to reactivate your account.\n\n"
        b"Reference: 18427719302\n\nSeller Performance Team\n"
    )
    missing = record_reply(case, text, "generic.eml")["requests"]["missing"]
    carried = {entry["check"]: entry["carried"] for entry in missing}
    assert carried == {
        "part:root_cause": False,
        "part:corrective_actions": True,
        "part:preventive_measures": True,
    }


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    from reinstate.cli import main

    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_case_reply_and_case_show_print_each_item_why_and_whether_sent(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = str(NOTICES / "n01-related-account.eml")
    opened = json.loads(run_cli(capsys, "case", "new", "--notice", notice, "--json"))
    case = str(opened["id"])
    run_cli(
        capsys,
        "case",
        "log",
        case,
        "--channel",
        "appeal",
        "--poa",
        str(APPEALS / "a01-related-good.txt"),
        "--at",
        "2026-11-04T10:00:00Z",
    )
    out = run_cli(capsys, "case", "reply", case, str(NOTICES / "n09-more-information.eml"))
    lines = out.splitlines()
    assert (
        "against your last submission (appeal in Seller Central with Plan of Action version 1"
        in out
    )
    first = next(i for i, line in enumerate(lines) if RELATIONSHIP in line)
    assert lines[first + 1].strip() == "why: Amazon's reply lists it as missing"
    assert lines[first + 2].strip() == (
        "sent (root cause of Plan of Action version 1), but Amazon says it is not enough"
    )
    second = next(i for i, line in enumerate(lines) if REMOVED_USERS in line)
    assert lines[second + 2].strip() == "not sent: your last submission had no document attached"

    shown = run_cli(capsys, "case", "show", case)
    assert "Amazon's latest reply (2026-11-05T22:48:31+00:00) asks for:" in shown
    assert RELATIONSHIP in shown and REMOVED_USERS in shown
    assert "not sent: your last submission had no document attached" in shown
    data = json.loads(run_cli(capsys, "case", "show", case, "--json"))
    reply = [c for c in data["contacts"] if c["channel"] == "amazon_reply"][-1]
    assert len(reply["requests"]["missing"]) == 2


def test_the_model_needs_no_new_migration(home: Path) -> None:
    from django.core.management import call_command

    call_command("makemigrations", "desk", check=True, dry_run=True, verbosity=0)


def test_a_document_sent_with_an_earlier_appeal_is_named_not_called_missing(
    home: Path, tmp_path: Path
) -> None:
    from fpdf import FPDF

    from reinstate.desk.services.replies import record_reply

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "INVOICE  Date: October 2, 2026  Hartwell Kitchenware Ltd")
    invoice = bytes(pdf.output())
    case = open_n01()
    poa = corpus_bytes(APPEALS / "a01-related-good.txt")
    from reinstate.desk.services.contacts import record_contact

    record_contact(
        case,
        "appeal",
        poa=(poa, "poa.txt"),
        docs=[(invoice, "hartwell-invoice.pdf")],
        at="2026-11-04T10:00:00Z",
        force=True,
        doc_kind="invoices",
    )
    appeal(case, poa + b"\nUpdated.\n", "2026-11-07T10:00:00Z")
    answer = (
        b"From: Amazon.com <seller-performance@amazon.com>\n"
        b"Subject: RE: Your Amazon.com selling account has been deactivated\n"
        b"Date: Mon, 09 Nov 2026 10:00:00 +0000\n\n"
        b"Hello,\n\nWe reviewed your appeal. The invoices you provided could not be verified.\n\n"
        b"Seller Performance Team\n"
    )
    result = record_reply(case, answer, "reply.eml")
    statuses = [m["status"] for m in result["requests"]["missing"]]
    assert any("sent before (hartwell-invoice.pdf)" in s for s in statuses), statuses
    assert not any(s.startswith("not sent") for s in statuses), statuses
