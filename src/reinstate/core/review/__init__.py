"""The appeal linter: ``review(text) -> Report``.

A letter (a Plan of Action, a reply e-mail that carries one, an escalation message or call
notes) is normalised once (``normalize``), matched against the pattern rules compiled into
one regular expression per category (``rules``), then checked by the few rules that need
logic (``checks``: structure, identifiers, length, evidence). Every finding carries its rule
id, category, severity, exact span in the original text, line, column, excerpt, message and
suggestion. Rules are data (``rules/*.toml``); users add their own and switch rules or whole
prefixes off (see ``rules``).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reinstate.core.review.engine import review
    from reinstate.core.review.model import (
        LETTER_KINDS,
        PARTS,
        Finding,
        LetterKind,
        Part,
        Report,
        Rule,
        SectionReport,
        Stats,
    )
    from reinstate.core.review.rules import ReviewConfig, RuleSet, load_rules

# Imported on first use, so that a caller can prepare the matcher (``matcher.import_codes``)
# before the modules that compile expressions at import are loaded.
_EXPORTS = {
    "review": "engine",
    **dict.fromkeys(
        [
            "LETTER_KINDS",
            "PARTS",
            "Finding",
            "LetterKind",
            "Part",
            "Report",
            "Rule",
            "SectionReport",
            "Stats",
        ],
        "model",
    ),
    **dict.fromkeys(["ReviewConfig", "RuleSet", "load_rules"], "rules"),
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "LETTER_KINDS",
    "PARTS",
    "Finding",
    "LetterKind",
    "Part",
    "Report",
    "ReviewConfig",
    "Rule",
    "RuleSet",
    "SectionReport",
    "Stats",
    "load_rules",
    "review",
]
