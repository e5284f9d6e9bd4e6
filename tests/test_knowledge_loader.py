"""User knowledge files: merged over the built-in entries; broken files give clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from reinstate.core.errors import KnowledgeError
from reinstate.core.knowledge import load_knowledge
from reinstate.core.knowledge.loader import BUILTIN_DIR, read_toml
from reinstate.core.knowledge.models import Marketplace, ReasonInfo


def _write(home: Path, relative: str, text: str) -> Path:
    path = home / "knowledge" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _error(home: Path) -> str:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(home)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_without_user_files_the_builtin_knowledge_loads(tmp_path: Path) -> None:
    k = load_knowledge(tmp_path)
    assert k.sources[("reasons", "inauthentic")] == [BUILTIN_DIR / "reasons.toml"]
    assert load_knowledge(tmp_path) is k  # cached per directory


def test_a_user_file_overrides_one_field_and_keeps_the_rest(tmp_path: Path) -> None:
    user = _write(tmp_path, "reasons.toml", '[inauthentic]\nlabel = "Counterfeit claims"\n')
    k = load_knowledge(tmp_path)
    builtin = load_knowledge(builtin_only=True).reasons["inauthentic"]
    merged = k.reasons["inauthentic"]
    assert merged.label == "Counterfeit claims"
    assert merged.questions == builtin.questions
    assert merged.clocks == builtin.clocks
    assert k.sources[("reasons", "inauthentic")] == [BUILTIN_DIR / "reasons.toml", user]
    assert k.sources[("reasons", "performance")] == [BUILTIN_DIR / "reasons.toml"]


def test_nested_tables_merge_key_by_key_and_lists_are_replaced(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "reasons/agency.toml",
        """
[performance]
pitfalls = ["Our own pitfall."]

[[performance.questions.root_cause]]
ask = "Which carrier handled the late orders?"
good_answer = "Names the carrier and the share of late orders it handled."
""",
    )
    merged = load_knowledge(tmp_path).reasons["performance"]
    builtin = load_knowledge(builtin_only=True).reasons["performance"]
    assert merged.pitfalls == ["Our own pitfall."]
    assert [q.ask for q in merged.questions["root_cause"]] == [
        "Which carrier handled the late orders?"
    ]
    assert merged.questions["corrective_actions"] == builtin.questions["corrective_actions"]
    assert merged.questions["preventive_measures"] == builtin.questions["preventive_measures"]


def test_single_file_then_folder_files_in_name_order(tmp_path: Path) -> None:
    first = _write(tmp_path, "clocks.toml", '[funds_90_days]\nlabel = "A"\n')
    second = _write(tmp_path, "clocks/b.toml", '[funds_90_days]\nlabel = "B"\n')
    third = _write(tmp_path, "clocks/c.toml", '[funds_90_days]\nlabel = "C"\n')
    k = load_knowledge(tmp_path)
    assert k.clocks["funds_90_days"].label == "C"
    assert k.clocks["funds_90_days"].days == 90
    assert k.sources[("clocks", "funds_90_days")][1:] == [first, second, third]


def test_a_complete_new_entry_is_added(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "marketplaces/ie.toml",
        """
["amazon.ie"]
name = "Amazon.ie (Ireland)"
country = "IE"
region = "europe"
languages = ["en"]
seller_central_host = "sellercentral-europe.amazon.com"
eu_uk_mediation = true
""",
    )
    k = load_knowledge(tmp_path)
    assert k.marketplaces["amazon.ie"].eu_uk_mediation
    assert len(k.marketplaces) == 22


def test_a_reason_may_use_a_clock_the_user_adds(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "clocks.toml",
        '[agency_follow_up]\nlabel = "Our follow-up"\ndescription = "Check in."\ndays = 5\n',
    )
    _write(tmp_path, "reasons.toml", '[other]\nclocks = ["agency_follow_up"]\n')
    assert load_knowledge(tmp_path).reasons["other"].clocks == ["agency_follow_up"]


def test_an_incomplete_new_entry_names_file_line_entry_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "clocks.toml", '# ours\n\n[agency_check]\nlabel = "Check"\n')
    message = _error(tmp_path)
    assert message.startswith(f"{path}:3: entry 'agency_check'")
    assert "description" in message


def test_bad_toml_names_file_line_and_entry(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "reasons.toml", '[inauthentic]\nlabel = "ok"\n\n[performance]\nlabel = oops\n'
    )
    message = _error(tmp_path)
    assert message.startswith(f"{path}:5: not valid TOML in entry 'performance'")


def test_bad_toml_before_any_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, "channels.toml", "this is not toml\n")
    assert _error(tmp_path).startswith(f"{path}:1: not valid TOML before the first entry")


def test_a_wrong_field_type_names_the_line_of_the_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "clocks/mine.toml",
        '[notice_17_days]\nlabel = "17 days"\ndays = "seventeen"\n',
    )
    message = _error(tmp_path)
    assert message.startswith(f"{path}:3: entry 'notice_17_days'")
    assert "days" in message and "integer" in message


def test_an_unknown_document_code_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "reasons.toml", '\n[inauthentic]\ndocuments = ["invoices", "receipts"]\n'
    )
    message = _error(tmp_path)
    assert message.startswith(f"{path}:3: entry 'inauthentic'")
    assert "documents.1" in message and "receipts" in message


def test_an_unknown_clock_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "reasons.toml", '[other]\nlabel = "x"\nclocks = ["never"]\n')
    message = _error(tmp_path)
    assert message.startswith(f"{path}:3: entry 'other': clocks: unknown clock 'never'")


def test_the_error_blames_the_file_that_set_the_bad_field(tmp_path: Path) -> None:
    good = _write(tmp_path, "documents.toml", '[invoices]\nlabel = "Invoices we keep"\n')
    bad = _write(tmp_path, "documents/late.toml", "[invoices]\n\nmax_age_days = -3.5\n")
    message = _error(tmp_path)
    assert message.startswith(f"{bad}:3: entry 'invoices'")
    assert str(good) not in message


def test_reason_and_document_names_must_be_codes(tmp_path: Path) -> None:
    path = _write(tmp_path, "documents.toml", '[passport]\nlabel = "Passport"\n')
    message = _error(tmp_path)
    assert message.startswith(f"{path}:1: entry 'passport': not a known document code")


def test_a_top_level_value_is_not_an_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, "channels.toml", 'appeal = "mine"\n')
    assert _error(tmp_path).startswith(f"{path}:1: 'appeal' must be a table")


def test_a_working_escalation_address_needs_address_and_source(tmp_path: Path) -> None:
    path = _write(tmp_path, "marketplaces.toml", '["amazon.de"]\nescalation_status = "works"\n')
    message = _error(tmp_path)
    assert message.startswith(f"{path}:1: entry 'amazon.de'")
    assert "needs an escalation_address" in message


def test_an_unknown_document_check_is_refused(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "documents.toml",
        '[other]\n[[other.requirements]]\nid = "x"\ntext = "y"\ncheck = "magic"\n',
    )
    assert "unknown check 'magic'" in _error(tmp_path)


def test_a_reason_without_questions_for_a_part_is_refused() -> None:
    with pytest.raises(ValidationError, match="preventive_measures"):
        ReasonInfo.model_validate(
            {
                "label": "x",
                "explanation": "y",
                "documents": ["plan_of_action"],
                "questions": {
                    "root_cause": [{"ask": "a?", "good_answer": "b"}],
                    "corrective_actions": [{"ask": "a?", "good_answer": "b"}],
                    "preventive_measures": [],
                },
            }
        )


def test_country_must_be_an_iso_code() -> None:
    with pytest.raises(ValidationError, match="country"):
        Marketplace.model_validate(
            {
                "name": "x",
                "country": "Germany",
                "region": "europe",
                "languages": ["de"],
                "seller_central_host": "sellercentral-europe.amazon.com",
            }
        )


def test_unreadable_bytes_are_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b'[x]\nlabel = "\xff\xfe"\n')
    with pytest.raises(KnowledgeError, match=re.escape(str(path))):
        read_toml(path)


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot be read"):
        read_toml(tmp_path / "absent.toml")
