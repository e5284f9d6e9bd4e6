"""Co-occurrence rules: cue lists per sentence, with inflections, exceptions and options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reinstate.core.errors import KnowledgeError
from reinstate.core.review import ReviewConfig, load_rules, review

HEAD = 'category = "length"\nseverity = "warning"\nmessage = "m"\n'
EXAMPLES = 'flag = ["x"]\npass = ["y"]\n'


def _home(tmp_path: Path, body: str, config: str = "") -> ReviewConfig:
    (tmp_path / "rules").mkdir(exist_ok=True)
    (tmp_path / "rules" / "house.toml").write_text(
        f'["house.pair"]\n{HEAD}{body}\n{EXAMPLES}', encoding="utf-8"
    )
    if config:
        (tmp_path / "review.toml").write_text(config, encoding="utf-8")
    return ReviewConfig.from_home(tmp_path)


def _spans(config: ReviewConfig, text: str) -> list[str]:
    return [f.excerpt for f in review(text, config=config).findings if f.rule == "house.pair"]


def test_a_sentence_needs_a_cue_of_every_list(tmp_path: Path) -> None:
    config = _home(tmp_path, 'cooccur = [["packer~", "depot"], ["smudg~", "blotted out"]]')
    text = (
        "The packers smudged every label. The depot was closed on 3 May.\n"
        "The labels were smudged. Our depot blotted-out the codes."
    )
    assert _spans(config, text) == [
        "The packers smudged every label.",
        "Our depot blotted-out the codes.",
    ]


def test_cues_are_whole_words_and_inflections_are_short(tmp_path: Path) -> None:
    config = _home(tmp_path, 'cooccur = [["pack~"], ["smudg~"]]')
    # "packaging" is pack + 5 letters; "unpacked" does not start with the stem
    assert _spans(config, "The packaging smudged. It was unpacked and smudged.") == []
    assert _spans(config, "The packers smudged it.") == ["The packers smudged it."]


def test_a_shorter_cue_counts_where_a_longer_one_starts(tmp_path: Path) -> None:
    # another rule's cue "without asking us" must not hide this rule's "without asking"
    config = _home(tmp_path, 'cooccur = [["agent"], ["without asking"]]')
    (tmp_path / "rules" / "other.toml").write_text(
        f'["house.other"]\n{HEAD}cooccur = [["without asking us"], ["zebra"]]\n{EXAMPLES}',
        encoding="utf-8",
    )
    config = ReviewConfig.from_home(tmp_path)
    text = "Our agent chose the barcode without asking us."
    assert _spans(config, text) == [text]


def test_contractions_are_matched_written_out(tmp_path: Path) -> None:
    config = _home(tmp_path, 'cooccur = [["courier~"], ["did not tell us"]]')
    assert _spans(config, "The courier didn\u2019t tell us.") == [
        "The courier didn\u2019t tell us."
    ]


def test_unless_clears_the_sentence(tmp_path: Path) -> None:
    config = _home(tmp_path, 'cooccur = [["courier~"], ["lost"]]\nunless = ["we should have"]')
    text = "The courier lost 4 parcels. The courier lost 2 more, and we should have switched."
    assert _spans(config, text) == ["The courier lost 4 parcels."]


def test_one_cue_does_not_meet_two_lists(tmp_path: Path) -> None:
    config = _home(tmp_path, 'cooccur = [["please"], ["please", "mercy"]]')
    assert _spans(config, "Please find the invoice attached.") == []
    assert _spans(config, "Please, please help.") == ["Please, please help."]


def test_first_person_and_data_options(tmp_path: Path) -> None:
    config = _home(
        tmp_path,
        'cooccur = [["will"], ["closely"]]\nrequires_first_person = true\nforbid_data = true',
    )
    assert _spans(config, "We will watch it closely.") == ["We will watch it closely."]
    assert _spans(config, "It will be watched closely.") == []  # no I, we, our...
    assert _spans(config, "We will watch it closely every 7 days.") == []
    assert _spans(config, "We will watch it closely, says Ana Ruiz.") == []


def test_symbols_match_before_an_amount(tmp_path: Path) -> None:
    config = _home(tmp_path, 'cooccur = [["$", "euro~"], ["frozen"]]')
    assert _spans(config, "We have $4,000 frozen.") == ["We have $4,000 frozen."]
    assert _spans(config, "Our 2 freezers stay frozen.") == []


def test_config_disables_and_regrades_a_cooccur_rule(tmp_path: Path) -> None:
    body = 'cooccur = [["courier~"], ["lost"]]'
    config = _home(tmp_path, body, '[severity]\n"house.pair" = "info"\n')
    found = review("The courier lost it.", config=config).findings
    assert [f.severity for f in found if f.rule == "house.pair"] == ["info"]
    (tmp_path / "review.toml").write_text('disable = ["house"]\n', encoding="utf-8")
    config = ReviewConfig.from_home(tmp_path)
    assert _spans(config, "The courier lost it.") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('cooccur = [["Courier"], ["lost"]]', "lower-case"),
        ('cooccur = [["courier"], []]', "at least one cue"),
        ('cooccur = [["courier  lost"]]', "single spaces"),
        ('cooccur = [["a"]]\npatterns = ["b"]', "not both"),
        ('patterns = ["b"]\nunless = ["c"]', "need 'cooccur'"),
    ],
)
def test_bad_cooccur_rules_are_refused_at_load(tmp_path: Path, body: str, expected: str) -> None:
    _home(tmp_path, body)
    with pytest.raises(KnowledgeError, match=expected) as info:
        load_rules(tmp_path)
    assert "house.toml" in str(info.value)


def test_rules_show_explains_a_cooccur_rule(tmp_path: Path) -> None:
    env = {"REINSTATE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "reinstate", "rules", "show", "blame.others.cooccur"]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    assert "sentence with one of:" in out
    assert "supplier~" in out
    assert "unless:" in out
    data = json.loads(
        subprocess.run([*cmd, "--json"], capture_output=True, text=True, env=env, check=True).stdout
    )
    assert data["cooccur"][0][0] == "supplier~"
