"""The pattern dispatch: same findings with or without derived keys; no files from the core."""

from __future__ import annotations

import json
import marshal
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reinstate.cli import main
from reinstate.core.review import ReviewConfig, load_rules, matcher, review, rules
from reinstate.core.review.rules import RuleSet

BUILTIN = ReviewConfig(builtin_only=True)
LETTERS = sorted((Path(__file__).parent / "appeals").glob("*.txt"))
SAMPLES = [
    "We are losing $5,000 a day. I beg you. [YOUR NAME]",
    "Our lawyer will sue Amazon. Your algorithm is broken and it is not our fault!!",
    "We will monitor everything going forward and make sure this never happens again.",
    "we   are so sorry, we can't pay our staff. Please reinstate us or we go bankrupt.",
]


def _texts() -> list[str]:
    return SAMPLES + [p.read_text(encoding="utf-8") for p in LETTERS[:25]]


def _reports(ruleset: RuleSet) -> list[dict[str, object]]:
    matcher_ = ruleset.matcher(BUILTIN)
    out = []
    for text in _texts():
        hits = sorted(set(matcher_.dispatch.run(text.lower())))
        out.append({"hits": [(matcher_.rules[o].rule.id, s, e) for o, s, e in hits]})
    return out


def test_letters_are_there() -> None:
    assert len(LETTERS) >= 10


def test_without_the_private_parser_every_pattern_is_scanned_with_same_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    base = load_rules(builtin_only=True)
    expected = [review(t, config=BUILTIN).contract() for t in _texts()]
    monkeypatch.setattr(matcher, "_p", None)
    monkeypatch.setattr(rules, "_KEYS", {})
    monkeypatch.setattr(rules, "_KEY_LOADERS", [])  # no kept keys from an earlier check
    assert matcher.prefixes("we are") is None
    fallback = RuleSet(base.rules, base.sources)
    dispatch = fallback.matcher(BUILTIN).dispatch
    assert not dispatch.keyed and not dispatch.symbols and dispatch.everywhere
    monkeypatch.setattr(rules, "_cached", lambda home: fallback)
    got = [review(t, config=BUILTIN).contract() for t in _texts()]
    # The same rules fire on every letter; only where one rule matches twice in overlapping
    # places may the fallback keep the other of the two spans.
    for before, after in zip(expected, got, strict=True):
        assert before["ready"] == after["ready"]
        assert {f["rule"] for f in before["findings"]} == {f["rule"] for f in after["findings"]}
        assert before["sections"] == after["sections"] and before["stats"] == after["stats"]
    assert got[: len(SAMPLES)] == expected[: len(SAMPLES)]


def test_keys_leave_and_come_back_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    base = load_rules(builtin_only=True)
    base.matcher(BUILTIN)
    kept = json.loads(json.dumps(rules.export_keys()))
    assert kept and all(v is None or isinstance(v, list) for v in kept.values())
    monkeypatch.setattr(rules, "_KEYS", {})
    monkeypatch.setattr(rules, "_KEY_LOADERS", [])  # no kept keys from an earlier check
    monkeypatch.setattr(rules, "_DERIVED", [0])
    bad = {"x y": [""], "z": 3, "q": ["waytoolongkey"]}
    assert rules.import_keys({**kept, **bad}) == len(kept)
    assert rules.import_keys("not a mapping") == 0
    fresh = RuleSet(base.rules, base.sources)
    assert _reports(fresh) == _reports(base)
    assert rules.keys_derived() == 0  # every key came from what was kept
    first = fresh.matcher(BUILTIN).dispatch
    assert first.keyed.keys() == base.matcher(BUILTIN).dispatch.keyed.keys()


def test_the_core_writes_no_files(tmp_path: Path) -> None:
    (tmp_path / "review.toml").write_text('disable = ["tone.money"]\n', encoding="utf-8")
    config = ReviewConfig.from_home(tmp_path)
    report = review(SAMPLES[0], config=config)
    assert all(not f.rule.startswith("tone.money") for f in report.findings)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["review.toml"]


def test_cli_keeps_keys_in_the_cache_and_survives_a_damaged_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path))
    monkeypatch.setattr(rules, "_KEYS", {})
    monkeypatch.setattr(rules, "_KEY_LOADERS", [])  # no kept keys from an earlier check
    monkeypatch.setattr(rules, "_DERIVED", [0])
    monkeypatch.setattr(rules, "_cached", rules._cached.__wrapped__)
    # no dispatch tables kept either (they would spare the keys altogether)
    monkeypatch.setattr(rules, "_TABLES", {})
    monkeypatch.setattr(rules, "_TABLES_BUILT", [])
    letter = tmp_path / "letter.txt"
    letter.write_text(SAMPLES[0], encoding="utf-8")
    assert main(["check", "--format", "json", str(letter)]) == 1
    first = json.loads(capsys.readouterr().out)
    files = list((tmp_path / "cache").glob("review-keys-*.json"))
    assert len(files) == 1
    assert json.loads(files[0].read_text(encoding="utf-8")) == rules.export_keys()
    files[0].write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(rules, "_KEYS", {})
    monkeypatch.setattr(rules, "_KEY_LOADERS", [])  # no kept keys from an earlier check
    monkeypatch.setattr(rules, "_TABLES", {})
    for kept in (tmp_path / "cache").glob("review-tables-*.marshal"):
        kept.unlink()
    assert main(["check", "--format", "json", str(letter)]) == 1
    assert json.loads(capsys.readouterr().out) == first
    assert json.loads(files[0].read_text(encoding="utf-8")) == rules.export_keys()


def test_contract_dicts_spell_out_every_field() -> None:
    from dataclasses import asdict, fields

    from reinstate.core.review.model import Finding, Stats

    report = review(SAMPLES[1], config=BUILTIN)
    assert report.findings
    for finding in report.findings:
        assert finding.model_dump() == asdict(finding)
        assert list(finding.model_dump()) == [f.name for f in fields(Finding)]
    assert report.stats.model_dump() == asdict(report.stats)
    assert list(report.stats.model_dump()) == [f.name for f in fields(Stats)]


def _reference_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence window as first written (string scans), to check the indexed one."""
    left = max(text.rfind(". ", 0, start), text.rfind("! ", 0, start), text.rfind("? ", 0, start))
    left = max(left + 2 if left >= 0 else 0, text.rfind("\n", 0, start) + 1)
    right = len(text)
    for stop in (". ", "! ", "? ", "\n"):
        pos = text.find(stop, end)
        if 0 <= pos < right:
            right = pos
    return left, right


@given(
    st.text(alphabet="ab .!?\n", max_size=60),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=20),
)
def test_sentence_window_matches_the_string_scans(text: str, start: int, width: int) -> None:
    from reinstate.core.review.engine import _Stops

    start = min(start, len(text))
    end = min(len(text), start + width)
    assert _Stops(text).window(start, end) == _reference_window(text, start, end)


@given(st.text(alphabet="ab \n", max_size=40))
def test_line_starts_follow_every_line_break(text: str) -> None:
    from reinstate.core.review.engine import _Builder

    expected = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    assert _Builder(text).line_starts == expected


def test_kept_compiled_patterns_equal_the_compiled_sources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_rules(builtin_only=True).matcher(BUILTIN)
    monkeypatch.setattr(matcher, "_CODES", {})
    kept = matcher.export_codes()
    assert kept is not None and len(kept) >= 400
    restored = marshal.loads(marshal.dumps(kept))
    monkeypatch.setattr(matcher, "_COMPILED", {})
    monkeypatch.setattr(matcher, "_CODES", {})
    bad = {"x[yz]": (32, [1, 2, 3], 0, {}, ()), 3: "no", "y": (1,)}
    assert matcher.import_codes({**restored, **bad}) == len(restored) + 1
    assert matcher.import_codes(["not a mapping"]) == 0
    for source in list(restored)[:60]:
        assert matcher.compile_once(source) == re.compile(source)
    # a damaged compiled form is dropped and the source compiled instead
    assert matcher.compile_once("x[yz]") == re.compile("x[yz]")
    assert "x[yz]" not in matcher._CODES


def test_cli_keeps_compiled_patterns_and_survives_a_damaged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REINSTATE_HOME", str(tmp_path))
    monkeypatch.setattr(matcher, "_CODES", {})
    monkeypatch.setattr(matcher, "_COMPILED", {})
    monkeypatch.setattr(rules, "_cached", rules._cached.__wrapped__)
    letter = tmp_path / "letter.txt"
    letter.write_text(SAMPLES[1], encoding="utf-8")
    assert main(["check", "--format", "json", str(letter)]) == 1
    first = json.loads(capsys.readouterr().out)
    files = list((tmp_path / "cache").glob("review-patterns-*.marshal"))
    assert len(files) == 1
    monkeypatch.setattr(matcher, "_CODES", {})
    monkeypatch.setattr(matcher, "_COMPILED", {})
    assert main(["check", "--format", "json", str(letter)]) == 1
    assert json.loads(capsys.readouterr().out) == first
    assert matcher._CODES  # taken from the file
    files[0].write_bytes(b"\x00damaged")
    monkeypatch.setattr(matcher, "_CODES", {})
    monkeypatch.setattr(matcher, "_COMPILED", {})
    assert main(["check", "--format", "json", str(letter)]) == 1
    assert json.loads(capsys.readouterr().out) == first


def _reference_data_marks(text: str) -> list[int]:
    low = text.lower()
    # the further levels of a point number ("2.2 We", not "2.5 hours") are numbering too
    levels = set()
    for line in re.finditer(r"(?m)^[ \t#*-]*[0-9]{1,2}((?:\.[0-9]{1,2})+)\.?[ \t]+", low):
        if not re.match(r"(?:hours?|kg|ml|g|x|%|units?|stars?)\b", low[line.end() :]):
            levels.update(i + 1 for i in range(line.start(1), line.end(1)) if low[i] == ".")
    marks = []
    for m in re.finditer(r"[0-9][0-9]*", low):
        start = m.start()
        if start in levels:
            continue
        if low[m.end() : m.end() + 1] in (".", ")"):
            line_start = low.rfind("\n", 0, start) + 1
            if not low[line_start:start].strip(" \t#*-"):
                continue
        marks.append(start)
    return marks


@given(st.text(alphabet="12 .)\n\t#*-abW", max_size=60))
def test_number_marks_skip_list_numbering_only(text: str) -> None:
    from reinstate.core.review.context import Context
    from reinstate.core.review.normalize import normalise
    from reinstate.core.review.sections import find_sections

    ctx = Context(text, normalise(text), "poa", None, find_sections(text))
    assert ctx._data_marks == _reference_data_marks(ctx.text)


def test_forms_of_patterns_no_rule_uses_are_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    load_rules(builtin_only=True).matcher(BUILTIN)
    monkeypatch.setattr(matcher, "_CODES", {})
    kept = matcher.export_codes()
    assert kept is not None
    monkeypatch.setattr(matcher, "_CODES", {})
    assert matcher.import_codes({**kept, "an old (pattern)": kept[next(iter(kept))]}) > 0
    again = matcher.export_codes()
    assert again is not None and "an old (pattern)" not in again and again.keys() == kept.keys()
    assert matcher.export_codes() is None  # nothing new, nothing stale: no rewrite


def _reference_sentences(text: str) -> list[tuple[int, int]]:
    from reinstate.core.review.context import _SENTENCE_BREAK

    spans: list[tuple[int, int]] = []
    pos = 0
    cuts = [
        (m.start(1) if m.start(1) >= 0 else m.start(), m.end())
        for m in _SENTENCE_BREAK.finditer(text)
    ]
    for end, after in [*cuts, (len(text), len(text))]:
        chunk = text[pos:end]
        marker = re.fullmatch(r"\s*(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxIVX]{1,5})\.", chunk)
        if marker and end < len(text):
            pos = after  # a list number alone before a break is dropped
            continue
        if (
            chunk.endswith(".")
            and text[after : after + 1] == "("
            and re.search(
                r"(?i)(?<![a-z])(?:ltd|inc|co|corp|llc|gmbh|plc|no|nr|st|dr|mr|mrs|ms"
                r"|e\.g|i\.e|etc|vs|approx|ref)\.$",
                chunk,
            )
        ):
            continue  # an abbreviation before a bracket does not end the sentence
        if (
            chunk.endswith(".")
            and text[after : after + 1].isalnum()
            and "\n" not in text[end:after]
            and re.search(
                r"(?i)(?<![a-z.])(?:u\.s|u\.k|u\.s\.a|e\.g|i\.e|mr|mrs|ms|dr|vs|approx)\.$", chunk
            )
        ):
            continue  # a title or initials before a word on the same line ("Dr. Weber")
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + lead + len(chunk.strip())))
        pos = after
    return spans


@given(st.text(alphabet="ab A.!?\"')\n\t-*1:", max_size=80))
def test_sentence_spans_match_the_step_by_step_split(text: str) -> None:
    from reinstate.core.review.context import Context
    from reinstate.core.review.normalize import normalise
    from reinstate.core.review.sections import find_sections

    ctx = Context(text, normalise(text), "poa", None, find_sections(text))
    assert ctx.sentences == _reference_sentences(text)


def test_no_pattern_is_tried_at_most_word_starts() -> None:
    # A pattern keyed on a word every letter has hundreds of times ("we", "the", "is", any
    # number) is tried at every such word: one slipped in once and doubled the pattern cost.
    from collections import Counter

    from reinstate.core.review.normalize import normalise

    dispatch = load_rules(builtin_only=True).matcher(BUILTIN).dispatch
    tried: Counter[int] = Counter()
    starts = 0
    for text in _texts():
        norm = normalise(text).text
        assert dispatch._word_scan is not None
        for m in dispatch._word_scan.finditer(" " + norm + " " * matcher.KEY_LEN):
            starts += 1
            tried.update(set(dispatch._plan(m.group(1)).indices))
    busy = {dispatch.sources[i][:60]: n / starts for i, n in tried.items() if n > 0.1 * starts}
    assert busy == {}


def test_built_expressions_are_kept_and_rebuilt_when_the_parts_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(matcher, "_BUILT", {})
    monkeypatch.setattr(matcher, "_BUILT_USED", set())
    monkeypatch.setattr(matcher, "_BUILT_NEW", [False])
    calls: list[str] = []

    def build(parts: list[str]) -> str:
        calls.append("built")
        return "|".join(sorted(parts))

    assert matcher.built("t", ["b", "a"], lambda: build(["b", "a"])) == "a|b"
    kept = matcher.export_built()
    assert kept is not None and list(kept.values()) == ["a|b"]
    # a new process takes the kept expression and does not build it again
    monkeypatch.setattr(matcher, "_BUILT", {})
    monkeypatch.setattr(matcher, "_BUILT_USED", set())
    monkeypatch.setattr(matcher, "_BUILT_NEW", [False])
    assert matcher.import_built({**kept, "bad": 3, 4: "x"}) == 1
    assert matcher.built("t", ["a", "b"], lambda: build(["a", "b"])) == "a|b"
    assert calls == ["built"]
    assert matcher.export_built() is None  # nothing new, nothing unused
    # other parts make another expression, built once and kept with the first
    assert matcher.built("t", ["c"], lambda: build(["c"])) == "c"
    assert calls == ["built", "built"]
    assert sorted(matcher.export_built() or {}) == sorted({*kept, *matcher._BUILT_USED})
    assert matcher.import_built(["not", "a", "mapping"]) == 0
