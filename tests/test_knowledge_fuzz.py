"""Whatever a user puts in a knowledge file, loading ends in entries or a KnowledgeError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reinstate.core.errors import KnowledgeError
from reinstate.core.knowledge.loader import KINDS, _load

PIECES = [
    "[inauthentic]",
    "[[inauthentic.questions.root_cause]]",
    '["amazon.de"]',
    "[funds_90_days]",
    "[appeal]",
    "[invoices]",
    "[[invoices.requirements]]",
    'label = "x"',
    "days = 3",
    "days = -1",
    'days = "3"',
    'ask = "a?"',
    'good_answer = "b"',
    'documents = ["invoices", "nope"]',
    'clocks = ["funds_90_days"]',
    'clocks = ["missing"]',
    'region = "europe"',
    'escalation_status = "works"',
    'check = "file_type"',
    'inauthentic.label = "y"',
    "x = 1",
    "[",
    '"',
    "= =",
    "# comment",
    "",
]

lines = st.one_of(st.sampled_from(PIECES), st.text(alphabet="[]\"=.ab1 #'\\", max_size=12))


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(sorted(KINDS)), body=st.lists(lines, max_size=12))
def test_loading_never_crashes(kind: str, body: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "knowledge" / f"{kind}.toml"
        path.parent.mkdir()
        path.write_text("\n".join(body), encoding="utf-8")
        try:
            knowledge = _load(Path(tmp))
        except KnowledgeError as exc:
            message = str(exc)
            assert str(path) in message or message.startswith(("reasons:", "documents:"))
            assert "\n" not in message
        else:
            assert len(knowledge.reasons) >= 13
