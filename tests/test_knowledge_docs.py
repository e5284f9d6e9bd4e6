"""docs/knowledge.md stays true: its worked example loads and merges as the page says."""

from __future__ import annotations

import re
from pathlib import Path

from reinstate.core.codes import DOCS, REASONS
from reinstate.core.knowledge import load_knowledge
from reinstate.core.knowledge.models import CHECKS

DOC = Path(__file__).resolve().parent.parent / "docs" / "knowledge.md"


def _toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_worked_example_loads_as_described(tmp_path: Path) -> None:
    _, reason_file, clock_file = _toml_blocks()
    (tmp_path / "knowledge" / "reasons").mkdir(parents=True)
    (tmp_path / "knowledge" / "reasons" / "agency.toml").write_text(reason_file)
    (tmp_path / "knowledge" / "clocks.toml").write_text(clock_file)
    k = load_knowledge(tmp_path)
    builtin = load_knowledge(builtin_only=True).reasons["performance"]
    merged = k.reasons["performance"]
    assert merged.label == builtin.label and merged.pitfalls == builtin.pitfalls
    assert merged.questions["root_cause"][0].ask.startswith("Which carrier")
    assert merged.questions["preventive_measures"] == builtin.questions["preventive_measures"]
    assert k.clocks["agency_review_5_days"].days == 5
    assert "agency_review_5_days" in merged.clocks


def test_the_page_lists_every_code_and_check() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in (*REASONS, *DOCS, *CHECKS):
        assert f"`{name}`" in text, name
    builtin = load_knowledge(builtin_only=True)
    for clock in builtin.clocks:
        assert f"`{clock}`" in text, clock
