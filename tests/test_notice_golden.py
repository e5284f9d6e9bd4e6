"""Golden tests: every corpus notice and every case of our own, field by field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reinstate.core.notice import read_notices
from reinstate.core.notice.model import CONTRACT_FIELDS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "notices"
OWN = Path(__file__).resolve().parent / "notices"
INPUTS = (".eml", ".txt", ".mbox")


def _cases(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in INPUTS)


def _expected(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def test_corpus_is_there() -> None:
    assert CORPUS.is_dir(), f"the shared corpus is missing: {CORPUS} (shared/ beside the clone)"
    assert len(_cases(CORPUS)) >= 12


@pytest.mark.parametrize("path", _cases(CORPUS) if CORPUS.is_dir() else [], ids=lambda p: p.name)
def test_corpus_notice(path: Path) -> None:
    got = [n.contract() for n in read_notices(path.read_bytes(), path.name)]
    expected = _expected(path)
    assert len(got) == len(expected)
    for one, want in zip(got, expected, strict=True):
        assert {k: one[k] for k in CONTRACT_FIELDS} == {k: want[k] for k in CONTRACT_FIELDS}


@pytest.mark.parametrize("path", _cases(OWN), ids=lambda p: p.name)
def test_own_case(path: Path) -> None:
    got = [n.contract() for n in read_notices(path.read_bytes(), path.name)]
    expected = _expected(path)
    assert len(got) == len(expected)
    for one, want in zip(got, expected, strict=True):
        assert set(CONTRACT_FIELDS) <= set(want), "expected files carry every contract field"
        assert {k: one[k] for k in want} == want


def test_own_cases_are_many_and_varied() -> None:
    cases = _cases(OWN)
    assert len(cases) >= 25
    languages = set()
    kinds = set()
    for path in cases:
        for want in _expected(path):
            languages.add(want["language"])
            kinds.add(want["kind"])
    assert {"en", "de", "fr", "es", "it"} <= languages
    assert kinds == {
        "deactivation",
        "warning",
        "more_information_needed",
        "appeal_denied",
        "reinstated",
        "other",
    }


def test_text_input_reads_like_bytes() -> None:
    path = CORPUS / "n02-inauthentic-pasted.txt"
    if not path.exists():
        pytest.skip("corpus missing (see test_corpus_is_there)")
    as_text = read_notices(path.read_text(encoding="utf-8"), "x")[0].contract()
    as_bytes = read_notices(path.read_bytes(), "x")[0].contract()
    assert as_text == as_bytes
