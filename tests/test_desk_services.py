"""The desk's services on a real temporary SQLite database: the only write path."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NOTICES = CORPUS / "notices"
APPEALS = CORPUS / "appeals"


def corpus(path: Path) -> bytes:
    if not path.is_file():
        raise FileNotFoundError(f"the shared corpus file {path} is missing")
    return path.read_bytes()


@pytest.fixture
def home(desk_home: Path) -> Path:
    return desk_home


def png_bytes(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def open_n01(**kwargs: object) -> dict[str, object]:
    from reinstate.desk.services.cases import open_case

    return open_case(corpus(NOTICES / "n01-related-account.eml"), "n01.eml", **kwargs)  # type: ignore[arg-type]


def test_open_case_keeps_the_notice_and_its_identifiers(home: Path) -> None:
    from reinstate.desk.models import Case, Event, Notice

    result = open_n01(store_name="Bright Kettle Home Goods")
    assert result["status"] == "open"
    assert result["case_ids"] == ["18427719302"]
    assert result["merchant_token"] == "A3KQ7X2M9PLZ4T"
    assert result["store_name"] == "Bright Kettle Home Goods"
    assert result["reason"] == "related_account"
    case = Case.objects.get(pk=result["id"])
    assert case.marketplace == "amazon.com"
    assert str(case.notice_date) == "2026-11-03"
    notice = Notice.objects.get(case=case)
    assert bytes(notice.raw) == corpus(NOTICES / "n01-related-account.eml")
    assert notice.parsed["merchant_token"] == "A3KQ7X2M9PLZ4T"
    assert Event.objects.filter(case=case, action="case.opened").count() == 1


def test_one_thread_a_second_case_for_the_same_matter_is_refused(home: Path) -> None:
    from reinstate.core.errors import RefusedError
    from reinstate.desk.models import Case
    from reinstate.desk.services.cases import open_case

    first = open_n01()
    with pytest.raises(RefusedError, match=f"case {first['id']}"):
        open_n01()
    # another notice, but the user names a case ID the first case already has
    with pytest.raises(RefusedError, match="18427719302"):
        open_case(
            corpus(NOTICES / "n02-inauthentic-pasted.txt"), "n02.txt", case_ids=["18427719302"]
        )
    assert Case.objects.count() == 1
    other = open_case(corpus(NOTICES / "n02-inauthentic-pasted.txt"), "n02.txt")
    assert other["id"] != first["id"]


def test_plan_of_action_versions_identical_text_adds_nothing(home: Path) -> None:
    from reinstate.desk.models import PlanVersion
    from reinstate.desk.services.plans import add_version

    case = open_n01()
    text = corpus(APPEALS / "a01-related-good.txt")
    v1 = add_version(case["id"], text, "poa.txt")
    assert (v1["created"], v1["number"]) == (True, 1)
    assert "findings" in v1["report"]
    assert v1["diff"] == ""
    same = add_version(case["id"], text.replace(b"\n", b"\r\n") + b"\n\n", "poa-copy.txt")
    assert (same["created"], same["number"]) == (False, 1)
    assert "identical to version 1" in same["message"]
    changed = text + b"\nWe also trained our two warehouse staff on account access rules.\n"
    v2 = add_version(case["id"], changed, "poa2.txt")
    assert (v2["created"], v2["number"]) == (True, 2)
    assert "+We also trained our two warehouse staff" in v2["diff"]
    assert v2["diff"].startswith("--- version 1\n+++ version 2\n")
    assert PlanVersion.objects.filter(case_id=case["id"]).count() == 2


def test_a_plan_of_action_saved_from_word_is_the_same_version_as_its_text(home: Path) -> None:
    import io

    from docx import Document

    from reinstate.desk.services.plans import add_version

    case = open_n01()
    text = corpus(APPEALS / "a01-related-good.txt")
    v1 = add_version(case["id"], text, "poa.txt")
    document = Document()
    for line in text.decode("utf-8").strip().split("\n"):
        document.add_paragraph(line)
    saved = io.BytesIO()
    document.save(saved)
    again = add_version(case["id"], saved.getvalue(), "poa.docx")
    assert (again["created"], again["number"]) == (False, v1["number"])


def test_a_refused_file_type_stores_nothing(home: Path) -> None:
    from reinstate.core.errors import InputError
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.models import Document
    from reinstate.desk.services.documents import attach

    case = open_n01()
    with pytest.raises(InputError, match=r"notes\.txt"):
        attach(case["id"], b"just some notes about the supplier\n", "notes.txt", "invoices")
    assert Document.objects.count() == 0
    assert list(file_store().files()) == []


def test_a_document_is_stored_once_by_hash(home: Path) -> None:
    from reinstate.core.errors import RefusedError
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.services.documents import attach

    case = open_n01()
    content = png_bytes()
    result = attach(case["id"], content, "permissions.png", "other")
    assert result["detected_type"]
    assert "png" in result["detected_type"].lower()
    assert file_store().read(result["sha256"]) == content
    with pytest.raises(RefusedError, match="already attached to case"):
        attach(case["id"], content, "copy-of-permissions.png", "other")
    assert len(list(file_store().files())) == 1


def test_a_file_that_cannot_be_parsed_is_kept_and_marked(home: Path) -> None:
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.models import Document
    from reinstate.desk.services.documents import attach

    case = open_n01()
    broken = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntruncated here"
    result = attach(case["id"], broken, "invoice.pdf", "invoices")
    assert result["parse_error"]
    row = Document.objects.get(sha256=result["sha256"])
    assert row.parse_error
    assert file_store().read(row.sha256) == broken


def test_a_wrong_document_kind_is_a_clear_error(home: Path) -> None:
    from reinstate.core.errors import InputError
    from reinstate.desk.services.documents import attach

    case = open_n01()
    with pytest.raises(InputError, match="not a document kind"):
        attach(case["id"], png_bytes(), "x.png", "receipt")


def test_record_contact_and_the_cadence_guard(home: Path) -> None:
    from reinstate.core.errors import RefusedError
    from reinstate.desk.models import Contact, PlanVersion
    from reinstate.desk.services.contacts import record_contact

    case = open_n01()
    poa = (corpus(APPEALS / "a01-related-good.txt"), "poa.txt")
    first = record_contact(case["id"], "appeal", poa=poa, at="2026-11-04T10:00:00Z")
    assert first["status"] == "awaiting_reply"
    assert first["poa_version"] == 1
    # the same Plan of Action again a few hours later: refused, nothing recorded
    with pytest.raises(RefusedError) as refused:
        record_contact(case["id"], "appeal", poa=poa, at="2026-11-04T15:00:00Z")
    assert str(refused.value)
    assert Contact.objects.filter(case_id=case["id"]).count() == 1
    forced = record_contact(case["id"], "appeal", poa=poa, at="2026-11-04T15:00:00Z", force=True)
    assert forced["forced"] is True
    assert any(str(refused.value) in w for w in forced["warnings"])
    assert Contact.objects.filter(case_id=case["id"]).count() == 2
    assert PlanVersion.objects.filter(case_id=case["id"]).count() == 1


def test_a_refused_contact_leaves_no_new_version_or_document(home: Path) -> None:
    from reinstate.core.errors import RefusedError
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.models import Document, PlanVersion
    from reinstate.desk.services.contacts import record_contact

    case = open_n01()
    poa = (corpus(APPEALS / "a01-related-good.txt"), "poa.txt")
    record_contact(case["id"], "escalation_email", poa=poa, at="2026-11-04T10:00:00Z", force=True)
    before = (
        PlanVersion.objects.count(),
        Document.objects.count(),
        len(list(file_store().files())),
    )
    with pytest.raises(RefusedError):
        record_contact(case["id"], "escalation_email", poa=poa, at="2026-11-04T11:00:00Z")
    after = (PlanVersion.objects.count(), Document.objects.count(), len(list(file_store().files())))
    assert after == before


def test_amazon_reply_updates_the_status_and_decodes_what_it_asks(home: Path) -> None:
    from reinstate.core.errors import RefusedError
    from reinstate.desk.services.contacts import record_contact
    from reinstate.desk.services.replies import record_reply

    case = open_n01()
    record_contact(
        case["id"],
        "appeal",
        poa=(corpus(APPEALS / "a01-related-good.txt"), "poa.txt"),
        at="2026-11-04T10:00:00Z",
    )
    reply = record_reply(case["id"], corpus(NOTICES / "n09-more-information.eml"), "n09.eml")
    assert reply["status"] == "more_info_requested"
    assert reply["reply_kind"] == "more_information_needed"
    assert reply["direction"] == "in"
    assert reply["at"].startswith("2026-11-05T22:48:31")
    assert reply["requests"]["last_submission_carried"] == ["plan_of_action"]
    items = reply["requests"]["items"]
    assert len(items) == 2
    assert items[1].startswith("Evidence that the related account no longer has access")
    with pytest.raises(RefusedError, match="already recorded"):
        record_reply(case["id"], corpus(NOTICES / "n09-more-information.eml"), "n09.eml")
    done = record_reply(case["id"], corpus(NOTICES / "n10-reinstated.txt"), "n10.txt")
    assert done["status"] == "reinstated"


def test_a_reply_for_another_case_is_refused(home: Path) -> None:
    from reinstate.core.errors import RefusedError
    from reinstate.desk.models import Contact
    from reinstate.desk.services.cases import open_case
    from reinstate.desk.services.replies import record_reply

    open_n01()
    other = open_case(corpus(NOTICES / "n02-inauthentic-pasted.txt"), "n02.txt")
    with pytest.raises(RefusedError, match="belongs to case"):
        record_reply(other["id"], corpus(NOTICES / "n09-more-information.eml"), "n09.eml")
    assert Contact.objects.count() == 0


def test_cases_of_another_workspace_are_not_found(home: Path) -> None:
    from reinstate.core.errors import NotFoundError
    from reinstate.desk.models import Workspace
    from reinstate.desk.services._common import load_case

    case = open_n01()
    stranger = Workspace.objects.create(name="another agency")
    with pytest.raises(NotFoundError, match="no case"):
        load_case(case["id"], stranger)
    assert load_case(case["id"]).pk == case["id"]


def test_bad_inputs_are_one_line_errors(home: Path) -> None:
    from reinstate.core.errors import InputError, NotFoundError
    from reinstate.desk.services._common import load_case, parse_at, read_input

    with pytest.raises(NotFoundError, match="no case 99"):
        load_case(99)
    with pytest.raises(InputError, match="not a case number"):
        load_case("abc")
    with pytest.raises(InputError, match="not an ISO date"):
        parse_at("next tuesday")
    with pytest.raises(InputError, match="no such file"):
        read_input(str(home / "missing.eml"), "--notice")
    empty = home / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(InputError, match="empty"):
        read_input(str(empty), "FILE")
    assert parse_at("2026-11-04T10:00") is not None
    assert str(parse_at("2026-11-04T10:00+01:00")) == "2026-11-04 09:00:00+00:00"


def test_sending_a_plan_the_review_rejects_is_a_warning(home: Path) -> None:
    from reinstate.desk.services.contacts import record_contact

    case = open_n01()
    bad = (corpus(APPEALS / "a02-emotional-money-threat.txt"), "angry.txt")
    result = record_contact(case["id"], "appeal", poa=bad, at="2026-11-04T10:00:00Z")
    assert any("review of Plan of Action version 1 found" in w for w in result["warnings"])
    good = (corpus(APPEALS / "a01-related-good.txt"), "poa.txt")
    result = record_contact(case["id"], "appeal", poa=good, at="2026-11-07T10:00:00Z")
    assert not any("review of Plan of Action" in w for w in result["warnings"])


def test_a_file_that_is_no_notice_opens_no_case(home: Path) -> None:
    from reinstate.core.errors import InputError
    from reinstate.desk.models import Case
    from reinstate.desk.services.cases import open_case

    shopping = b"Subject: Your order has shipped\n\nYour parcel is on its way. Track it online.\n"
    with pytest.raises(InputError, match="does not read like a notice from Amazon"):
        open_case(shopping, "order.txt")
    assert Case.objects.count() == 0
    # the user can still open it by naming the case ID the notice lacks
    opened = open_case(shopping, "order.txt", case_ids=["5550001112"])
    assert opened["case_ids"] == ["5550001112"]
    assert opened["warnings"]


def test_a_reply_with_only_a_date_is_placed_after_what_it_answers(home: Path) -> None:
    from reinstate.desk.services.contacts import record_contact
    from reinstate.desk.services.replies import record_reply

    case = open_n01()
    poa = (corpus(APPEALS / "a01-related-good.txt"), "poa.txt")
    record_contact(case["id"], "appeal", poa=poa, at="2026-11-19T15:00:00Z")
    # n10 is pasted text: "Date: November 19, 2026" and no time
    done = record_reply(case["id"], corpus(NOTICES / "n10-reinstated.txt"), "n10.txt")
    assert done["at"] == "2026-11-19T15:01:00+00:00"
    assert any("gives no time" in w for w in done["warnings"])
    assert done["status"] == "reinstated"


def test_listed_items_in_amazons_words() -> None:
    from reinstate.desk.services.replies import listed_items

    body = (
        "Please provide the following:\n"
        "1. Invoices from your supplier for the last 365 days\n"
        "2) A letter of authorization from the brand owner\n"
        "• Eine Rechnung Ihres Lieferanten\n"
        "-- Un justificatif de domicile récent\n"
        "- ok\n"
        "Merchant token: A1B2C3\n"
    )
    assert listed_items(body) == [
        "Invoices from your supplier for the last 365 days",
        "A letter of authorization from the brand owner",
        "Eine Rechnung Ihres Lieferanten",
        "Un justificatif de domicile récent",
    ]
    assert listed_items("") == []


def test_a_history_entered_after_the_fact_keeps_its_order(home: Path) -> None:
    from datetime import datetime

    from reinstate.core.errors import InputError
    from reinstate.desk.models import PlanVersion
    from reinstate.desk.services.cases import next_actions
    from reinstate.desk.services.contacts import record_contact
    from reinstate.desk.services.plans import add_version

    case = open_n01()
    text = corpus(APPEALS / "a01-related-good.txt")
    add_version(case["id"], text, "poa.txt")  # written today, sent weeks ago
    record_contact(case["id"], "appeal", poa=(text, "poa.txt"), at="2026-11-04T10:00:00Z")
    version = PlanVersion.objects.get(case_id=case["id"], number=1)
    assert version.created_at == datetime.fromisoformat("2026-11-04T10:00:00+00:00")
    plan = next_actions(case["id"], at="2026-11-04T12:00:00Z")
    assert plan["actions"][0]["channel"] == "wait"
    with pytest.raises(InputError, match="cannot be dated before it"):
        add_version(case["id"], text + b"\nMore.\n", "v2.txt", at="2026-11-01T00:00:00Z")
    v2 = add_version(case["id"], text + b"\nMore.\n", "v2.txt", at="2026-11-05T00:00:00Z")
    assert v2["created_at"] == "2026-11-05T00:00:00+00:00"
