"""The sentence model: its features, its file, and how its findings join the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reinstate.core.codes import CATEGORIES
from reinstate.core.errors import KnowledgeError
from reinstate.core.review import ReviewConfig, classifier, review
from reinstate.core.review.classifier import (
    MODEL_FILE,
    export_model,
    features,
    import_model,
    load_model,
    words,
)
from reinstate.core.review.normalize import normalise

BUILTIN = ReviewConfig(builtin_only=True)


def _words(text: str) -> list[str]:
    return words(normalise(text).text)


def test_features_share_stems_numbers_and_contractions() -> None:
    a = features(_words("Our investigators didn't check 41 invoices"))
    b = features(_words("The investigation did not check 7 invoices"))
    assert "inves*" in a and "inves*" in b
    assert "did_not" in a and "did_not" in b
    assert "0" in a and "41" not in a and "1" not in a
    assert "check_0" in a and "check_0" in b


def test_the_shipped_model_is_valid() -> None:
    model = load_model()
    assert set(model.categories) <= set(CATEGORIES)
    assert all(info < warning for info, warning in zip(model.info, model.warning, strict=True))
    assert len(model.words) > 1000 and len(model.pairs) > 1000 and len(model.stems) > 100


def test_packed_scores_equal_the_plain_sum_of_weights() -> None:
    """The packed running sum gives the same scores as adding each feature's weights."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    model = load_model()
    weights = {f: dict(entries) for f, entries in data["weights"].items()}
    for text in (
        "The buyer who complained was clearly trying to get a free product.",
        "We did not inspect the delivery from our supplier before sending it to the warehouse.",
        "Amazon amazon amazon sellers sellers! $ 1,000 € 20 % ?",
    ):
        tokens = _words(text)
        plain = list(model.bias)
        for feature, count in features(tokens).items():
            for index, weight in weights.get(feature, {}).items():
                plain[int(index)] += weight * count
        for fast, slow in zip(model.scores(tokens), plain, strict=True):
            assert abs(fast - slow) < 0.01


@pytest.mark.parametrize(
    "content",
    ["", "{", '{"features_version": 99}', json.dumps({"features_version": 1, "categories": []})],
)
def test_a_damaged_model_file_is_named(tmp_path: Path, content: str) -> None:
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"model\.json"):
        load_model.__wrapped__(path)


def test_weights_naming_an_unknown_category_are_refused(tmp_path: Path) -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["weights"] = {"amazon": [[len(data["categories"]), 1.0]]}
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown category"):
        load_model.__wrapped__(path)


def _model_findings(text: str, config: ReviewConfig = BUILTIN) -> list[tuple[str, str]]:
    return [
        (f.rule, f.severity)
        for f in review(text, config=config).findings
        if f.rule.startswith("model.")
    ]


def test_a_wording_no_list_names_is_found_with_its_sentence() -> None:
    text = "Root cause\nThe buyer who complained was clearly trying to get a free product.\n"
    report = review(text, config=BUILTIN)
    found = [f for f in report.findings if f.rule == "model.blame_others"]
    assert len(found) == 1
    assert found[0].excerpt == "The buyer who complained was clearly trying to get a free product."


def test_ownership_clears_a_blame_sentence() -> None:
    owned = "We did not inspect the delivery from our supplier before sending it to the warehouse."
    assert _model_findings(owned) == []


def test_a_sentence_already_flagged_in_its_category_is_not_flagged_again() -> None:
    # the phrase rules find this begging; the model must not add a second finding
    text = "Please please please give us one more chance, we beg you."
    report = review(text, config=BUILTIN)
    begging = [f for f in report.findings if f.category == "begging"]
    assert begging and not any(f.rule == "model.begging" for f in begging)


def test_the_model_can_be_switched_off(tmp_path: Path) -> None:
    (tmp_path / "review.toml").write_text('disable = ["model"]\n', encoding="utf-8")
    text = "We have over 200,000 dollars of goods in your warehouses."
    assert _model_findings(text)
    config = ReviewConfig.from_home(tmp_path)
    assert _model_findings(text, config) == []


def test_quoted_mail_in_a_reply_is_not_scored() -> None:
    text = (
        "Hello, the plan of action is attached.\n\n"
        "> The buyer who complained was clearly trying to get a free product.\n"
    )
    report = review(text, kind="reply", config=BUILTIN)
    assert not [f for f in report.findings if f.rule.startswith("model.")]


def test_a_kept_model_is_taken_instead_of_reading_the_file() -> None:
    load_model()
    kept = export_model()
    assert kept is not None
    stamp, data = kept
    assert import_model(stamp, data)
    read_before = len(classifier._READ)
    again = load_model.__wrapped__(MODEL_FILE)
    assert len(classifier._READ) == read_before  # not read (nor packed) again
    assert (again.words, again.stems, again.pairs) == (
        load_model().words,
        load_model().stems,
        load_model().pairs,
    )


@pytest.mark.parametrize(
    ("stamp", "data"),
    [(1, ()), ("x", ()), ("x", ((), (), (), (), [])), ("x", (("a",), (1.0,), (), (), {}))],
)
def test_a_malformed_kept_model_is_refused(stamp: object, data: object) -> None:
    assert not import_model(stamp, data)


def test_check_keeps_the_packed_model_and_survives_a_damaged_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reinstate.cli import main

    home = tmp_path / "home"
    monkeypatch.setenv("REINSTATE_HOME", str(home))
    letter = tmp_path / "letter.txt"
    letter.write_text("The buyer who complained was clearly trying to get a free product.\n")
    load_model()  # read in this process: the CLI keeps it
    main(["check", "--format", "json", str(letter)])
    kept = home / "cache" / "review-model.marshal"
    assert kept.is_file() and kept.stat().st_size > 1000
    kept.write_bytes(b"\x00damaged")
    assert main(["check", "--format", "json", str(letter)]) in (0, 1)


def test_a_short_line_of_codes_is_not_scored() -> None:
    class Scores:
        """A model that scores every sentence at the top: only the sentence filter decides."""

        categories = ("threat_legal",)
        info = (0.0,)
        warning = (0.0,)
        bias = (0.0,)

        @staticmethod
        def _sum(tokens: list[str]) -> list[int]:
            return [10**9]

    text = normalise("Co. Clare, V95 T2F6. We will take this to court next week.").text
    codes = (4, text.index(".", 4) + 1)
    prose = (codes[1] + 1, len(text))
    found = classifier.classify(Scores(), text, [codes, prose], [codes, prose], {"threat_legal"})  # type: ignore[arg-type]
    assert [(start, end) for _, start, end, _ in found] == [prose]


def test_a_list_of_order_ids_is_not_scored() -> None:
    money = "We have over 200,000 dollars of goods in your warehouses."
    assert _model_findings(money)
    orders = (
        "We have over 200,000 dollars of goods in your warehouses for orders 112-4471093-2286514, "
        "113-0982276-5517302 and 114-6620391-8845127."
    )
    assert _model_findings(orders) == []
