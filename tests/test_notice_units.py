"""Unit tests of the intake pieces: dates, pattern gating, wording files, MIME and text."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reinstate.core.errors import InputError, KnowledgeError
from reinstate.core.notice import read_notice, read_notices
from reinstate.core.notice.dates import first_date, header_datetime
from reinstate.core.notice.html import html_to_text
from reinstate.core.notice.matcher import Matcher, required_texts
from reinstate.core.notice.model import CONTRACT_FIELDS
from reinstate.core.notice.patterns import NOTICE_DIR, Patterns, load_patterns
from reinstate.core.notice.reader import read_envelope
from reinstate.core.notice.source import read_source, split_mbox

P: Patterns = load_patterns()
HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7. Oktober 2026", date(2026, 10, 7)),
        ("28 octobre 2026", date(2026, 10, 28)),
        ("3 de octubre de 2026", date(2026, 10, 3)),
        ("il 3 novembre 2026", date(2026, 11, 3)),
        ("09/14/2023", date(2023, 9, 14)),
        ("November 19, 2026", date(2026, 11, 19)),
        ("Nov. 3rd, 2026", date(2026, 11, 3)),
        ("2026-09-02", date(2026, 9, 2)),
        ("1er mars 2026", date(2026, 3, 1)),
        ("12.03.2026", date(2026, 3, 12)),
    ],
)
def test_printed_dates(text: str, expected: date) -> None:
    found = first_date(P, text)
    assert found is not None and found.day == expected


@pytest.mark.parametrize(
    "text",
    ["within 90 days", "over the last 365 days", "in 17 days or after 2 appeals", "Case 2026"],
)
def test_numbers_of_days_are_never_dates(text: str) -> None:
    assert first_date(P, text) is None


def test_slashed_dates_follow_the_marketplace() -> None:
    us = first_date(P, "05/10/2026")
    uk = first_date(P, "05/10/2026", day_first=True)
    assert us is not None and us.day == date(2026, 5, 10)
    assert uk is not None and uk.day == date(2026, 10, 5)


def test_header_dates_keep_or_leave_the_zone() -> None:
    rfc = header_datetime(P, "Tue, 3 Nov 2026 17:14:20 +0000")
    assert rfc is not None and rfc.as_datetime() == datetime(2026, 11, 3, 17, 14, 20, tzinfo=UTC)
    client = header_datetime(P, "Thursday, July 9, 2026 2:17 PM")
    assert client is not None and client.as_datetime() == datetime(2026, 7, 9, 14, 17)
    zoned = header_datetime(P, "Oct 12, 2026 10:00 AM PST")
    assert zoned is not None
    assert zoned.as_datetime() == datetime(
        2026, 10, 12, 10, 0, tzinfo=timezone(timedelta(hours=-8))
    )
    assert header_datetime(P, "not a date at all") is None
    # a damaged offset (more than a day) is dropped, not an error
    damaged = header_datetime(P, "Fri, 20 Nov 2026 15:40:00 +3010")
    assert damaged is not None and damaged.as_datetime() == datetime(2026, 11, 20, 15, 40)


def test_required_texts_read_the_pattern() -> None:
    assert required_texts("at risk of (?:being )?deactivat") == (("at risk of ",), ("deactivat",))
    assert required_texts("(?:multiple|second) (?:selling )?accounts")[0] == ("accounts",)
    assert required_texts("a|b") == ()
    assert required_texts(r"§\s*3\b") == ()


ALL_RULES = [
    (code, name, rule)
    for code, lang in P.langs.items()
    for name, matcher in [
        ("reasons", lang.reasons),
        ("documents", lang.documents),
        ("clocks", lang.clocks),
        ("store_name", lang.store_name),
        *((kind, m) for kind, m in lang.kinds),
    ]
    for rule in matcher.rules
]
CORPUS_TEXTS = [p.read_text("utf-8", "replace") for p in sorted((HERE / "notices").iterdir())]


@pytest.mark.parametrize("text", CORPUS_TEXTS[:20])
def test_gating_never_hides_a_match(text: str) -> None:
    low = text.lower()
    for code, name, rule in ALL_RULES:
        if rule.regex.search(text):
            matcher = Matcher([])
            matcher.rules = [rule]
            assert list(matcher.active(low)), f"{code} {name}: {rule.regex.pattern}"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["account", " has been ", "deactivated", "Related", "X", "\n", ". "]))
)
def test_gating_agrees_with_the_regex(parts: list[str]) -> None:
    text = "".join(parts)
    pattern = r"(?:account|privileges)[^.\n]{0,60}?(?:has|have) been (?:temporarily )?deactivated"
    matcher = Matcher([("d", pattern)])
    regex = matcher.rules[0].regex
    hits = list(matcher.finditer(text, text.lower()))
    assert bool(hits) == bool(regex.search(text))


def test_lower_case_run_returns_original_text() -> None:
    matcher = Matcher([("name", r"account\s*,\s*(?P<name>[^,\n]{2,80}?)\s*,\s*has\b")])
    text = "Your selling Account, Nordlight Optics Ltd, has been deactivated"
    (tag, hit), *_ = list(matcher.finditer(text, text.lower()))
    assert tag == "name" and hit.group("name") == "Nordlight Optics Ltd"


def _copy_wording(tmp_path: Path) -> Path:
    target = tmp_path / "notice"
    shutil.copytree(NOTICE_DIR, target)
    return target


def test_broken_pattern_names_file_and_entry(tmp_path: Path) -> None:
    folder = _copy_wording(tmp_path)
    path = folder / "fr.toml"
    text = path.read_text(encoding="utf-8").replace("'trompeu(?:r|se)'", "'trompeu(?:r|se'")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"fr\.toml:\d+: entry 'reasons'.*not a valid pattern"):
        load_patterns(folder)


def test_wrong_code_is_refused(tmp_path: Path) -> None:
    folder = _copy_wording(tmp_path)
    path = folder / "de.toml"
    text = path.read_text(encoding="utf-8").replace("[reasons]\n", "[reasons]\nbad_code = ['x']\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"de\.toml.*bad_code"):
        load_patterns(folder)


def test_user_wording_is_used(tmp_path: Path) -> None:
    folder = _copy_wording(tmp_path)
    path = folder / "en.toml"
    text = path.read_text(encoding="utf-8").replace(
        "code_of_conduct = ['code of conduct',", "code_of_conduct = ['bothering support staff',"
    )
    path.write_text(text, encoding="utf-8")
    patterns = load_patterns(folder)
    rules = [r.regex.pattern for r in patterns.langs["en"].reasons.rules]
    assert "bothering support staff" in rules


def test_mbox_split_undoes_from_escapes() -> None:
    box = (
        b"From a@amazon.com Mon Oct 19 04:12:55 2026\nSubject: one\n\n>From here on\n\n"
        b"From b@amazon.com Tue Oct 20 09:00:00 2026\nSubject: two\n\nbody\n"
    )
    first, second = split_mbox(box)
    assert b"\nFrom here on" in first and b"Subject: two" in second


def test_html_keeps_lines_and_list_items() -> None:
    text, links = html_to_text(
        "<p>Hello,</p><ul><li>Invoices</li><li>A plan\n of action</li></ul>"
        '<p>See <a href="https://sellercentral.amazon.com/x">Account Health</a></p>'
        "<style>p {color: red}</style>"
    )
    assert text.splitlines() == [
        "Hello,",
        "",
        "- Invoices",
        "- A plan of action",
        "",
        "See Account Health",
    ]
    assert links == ["https://sellercentral.amazon.com/x"]


def test_empty_input_is_an_input_error() -> None:
    with pytest.raises(InputError, match="empty"):
        read_notices(b"  \n ", "x.eml")
    with pytest.raises(InputError):
        read_notice("")


def test_languages_beyond_the_five_are_recognised() -> None:
    assert (
        read_notice(
            "Uw account is niet actief. Wij hebben het account voor deze verkoper gesloten."
        ).language
        == "nl"
    )
    assert (
        read_notice("Amazon.co.jpからの重要なお知らせ: アカウントは停止されました").language == "ja"
    )


def test_contract_order_and_extras() -> None:
    notice = read_notice((HERE / "notices" / "c12-clocks-funds.txt").read_bytes(), "c12")
    data = notice.contract()
    assert list(data)[:2] == ["schema", "source"]
    assert list(data)[2 : 2 + len(CONTRACT_FIELDS)] == list(CONTRACT_FIELDS)
    assert list(data)[2 + len(CONTRACT_FIELDS)] == "confidence"
    assert [c["about"] for c in data["clocks"]] == ["response", "appeals", "funds"]
    assert data["addresses"] == ["disbursement-appeals@amazon.com"]


def test_case_facts_carry_the_identifiers() -> None:
    notice = read_notice((HERE / "notices" / "c02-ip-it-qp.eml").read_bytes(), "c02")
    facts = notice.case_facts()
    assert facts.merchant_token == "A1IT5RM8QZ2K7V"
    assert facts.store_name == "Bottega Verde Srl"
    assert facts.case_ids == ["8812004471", "8812009930"]
    assert facts.suspension_date == date(2026, 10, 13)
    assert facts.reason == "intellectual_property"
    assert facts.notice_message_id == "<20261013072000.IT77@amazon.it>"
    assert facts.mentions_section_3 is True


def test_reply_not_deactivation_has_no_suspension_date() -> None:
    notice = read_notice((HERE / "notices" / "c15-denied-fr.txt").read_bytes())
    assert notice.kind == "appeal_denied"
    assert notice.case_facts().suspension_date is None


def test_quoted_text_does_not_leak_into_the_reply() -> None:
    notice = read_notice((HERE / "notices" / "c07-quoted-reply-more-info.eml").read_bytes())
    assert notice.kind == "more_information_needed"
    assert notice.asins == [] and notice.merchant_token is None
    assert "Section 3" not in notice.body


def test_merchant_token_needs_digits_when_unlabelled() -> None:
    assert read_notice("Your AUTHENTICATIONS are fine. Amazon").merchant_token is None
    assert read_notice("Seller A1B2C3D4E5F6G7 on Amazon").merchant_token == "A1B2C3D4E5F6G7"


def test_masked_asin_kept_as_printed_not_completed() -> None:
    notice = read_notice("Amazon notice\n\nASIN: B07TLXXXX\nWe removed it. ASIN B0ABC")
    assert notice.asins == ["B07TLXXXX"]


@pytest.mark.parametrize(
    ("subject", "kind"),
    [
        ("URGENT: Your account at risk of deactivation", "warning"),
        ("Your Amazon.com selling account has been reactivated", "reinstated"),
    ],
)
def test_subject_alone_tells_warning_but_not_answers(subject: str, kind: str) -> None:
    notice = read_notice(f"Subject: {subject}\n\nHello from Amazon, see Account Health.")
    expected = kind if kind == "warning" else "other"
    assert notice.kind == expected


def test_no_pattern_is_compiled_per_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pattern is compiled once per process, never while a message is read."""
    data = (HERE / "notices" / "c06-forward-in-forward.eml").read_bytes()
    read_notice(data)  # warm every cache once
    envelope = read_source(data)[0]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"pattern compiled while reading: {args[:1]}")

    monkeypatch.setattr(re, "_compile", refuse)
    notice = read_envelope(P, envelope)
    assert notice.store_name == "Lumen Garden Co"


def test_deep_quoting_and_huge_lines_do_not_break_reading() -> None:
    deep = "\n".join(">" * level + " Your account has been deactivated" for level in range(3000))
    assert read_notice(deep).kind in ("deactivation", "other")
    flat = "Amazon.com: your account has been deactivated. " * 5000
    notice = read_notice(flat)
    assert notice.kind == "deactivation" and notice.marketplace == "amazon.com"


def test_nested_multipart_and_rfc822_depth_is_bounded() -> None:
    inner = b"Subject: x\nContent-Type: text/plain\n\nYour account has been deactivated. Amazon\n"
    for level in range(40):
        inner = (
            b"Content-Type: multipart/mixed; boundary=b%d\nMIME-Version: 1.0\n\n--b%d\n"
            % (level, level)
            + inner
            + b"\n--b%d--\n" % level
        )
    notice = read_notice(inner)
    assert notice.kind in ("deactivation", "other")


def test_user_wording_in_the_data_folder_is_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "knowledge" / "notice"
    folder.mkdir(parents=True)
    (folder / "en.toml").write_text(
        "[reasons]\ncode_of_conduct = ['pestering the support team']\n", encoding="utf-8"
    )
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path))
    text = "Subject: Amazon\n\nYour account has been deactivated: pestering the support team"
    notice = read_notice(text)
    assert notice.reason == "code_of_conduct"
    patterns = load_patterns(NOTICE_DIR, folder)
    assert folder / "en.toml" in patterns.sources
    # the built-in patterns are still there
    assert any("code of conduct" in r.regex.pattern for r in patterns.langs["en"].reasons.rules)
    monkeypatch.delenv("REINSTATE_HOME")


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("We have reviewed your appeal. Our decision remains unchanged.", "appeal_denied"),
        ("We will not reconsider this decision.", "appeal_denied"),
        (
            "We need additional information before we can reinstate your account.",
            "more_information_needed",
        ),
        (
            "Your plan of action did not include enough detail on the root cause.",
            "more_information_needed",
        ),
        ("We have accepted your appeal and your listings will return shortly.", "reinstated"),
        ("Your selling privileges have been reinstated.", "reinstated"),
        (
            "We have removed your selling privileges and placed a hold on your funds.",
            "deactivation",
        ),
        ("You may not currently sell on Amazon.co.uk.", "deactivation"),
        ("Your account is at risk of being deactivated.", "warning"),
        ("We will deactivate your account unless you respond.", "warning"),
        ("We have deactivated your listings for the ASINs below.", "warning"),
    ],
)
def test_kinds_in_other_words(body: str, kind: str) -> None:
    notice = read_notice(f"Subject: RE: Your Amazon.com selling account\n\nHello,\n\n{body}\n")
    assert notice.kind == kind


@pytest.mark.parametrize(
    ("text", "store"),
    [
        (
            "Betreff: Konto\n\nGuten Tag,\n\nIhr Verkäuferkonto Feldhaus Werkzeuge GmbH wurde "
            "deaktiviert, da wir Ihre Identität nicht überprüfen konnten.\n",
            "Feldhaus Werkzeuge GmbH",
        ),
        (
            "Objet : compte\n\nBonjour,\n\nVotre compte vendeur Atelier Lavande a été désactivé "
            "conformément à la section 3.\n",
            "Atelier Lavande",
        ),
        (
            "Asunto: cuenta\n\nHola:\n\nTu cuenta de vendedor Sol y Mar Hogar ha sido desactivada "
            "por productos falsificados.\n",
            "Sol y Mar Hogar",
        ),
        (
            "Subject: Amazon notice\n\nYour store, Copper Fox Kitchen, has been deactivated.\n",
            "Copper Fox Kitchen",
        ),
        ("Subject: Amazon\n\nIhr Verkäuferkonto bei Amazon.de wurde deaktiviert.\n", None),
        (
            "Subject: Amazon\n\nYour selling account, including listings, has been deactivated.\n",
            None,
        ),
    ],
)
def test_store_name_in_other_words(text: str, store: str | None) -> None:
    notice = read_notice(text)
    assert notice.kind == "deactivation"
    assert notice.store_name == store


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("You have 72 hours to respond to this message.", {"hours": 72}),
        ("You have seven days to provide the documents.", {"days": 7}),
        ("Please respond by November 30, 2026.", {"date": "2026-11-30"}),
        ("Send invoices dated within the last 365 days.", None),
        ("If we do not hear from you within 17 days, your account stays closed.", {"days": 17}),
        ("Your account will be deactivated on 09/14/2023.", {"date": "2023-09-14"}),
    ],
)
def test_clocks_in_other_words(sentence: str, expected: dict[str, object] | None) -> None:
    clocks = read_notice(f"Subject: Amazon notice\n\n{sentence}\n").contract()["clocks"]
    if expected is None:
        assert clocks == []
    else:
        assert clocks and all(clocks[0][k] == v for k, v in expected.items())
