"""The process knowledge, kept as data.

Built-in entries live in ``data/<kind>.toml``; a user adds or overrides entries with TOML
files in ``$REINSTATE_HOME/knowledge/<kind>/*.toml`` (or ``knowledge/<kind>.toml``). Each top
level table is one entry, keyed by its name. A user entry whose name exists already is
merged field by field over the built-in one; a new name must be complete.
"""

from reinstate.core.knowledge.loader import (
    KINDS,
    Knowledge,
    load_knowledge,
    read_toml,
    validate_entry,
)
from reinstate.core.knowledge.models import (
    ChannelInfo,
    ClockInfo,
    DocumentKind,
    Marketplace,
    Question,
    ReasonInfo,
    Requirement,
)

__all__ = [
    "KINDS",
    "ChannelInfo",
    "ClockInfo",
    "DocumentKind",
    "Knowledge",
    "Marketplace",
    "Question",
    "ReasonInfo",
    "Requirement",
    "load_knowledge",
    "read_toml",
    "validate_entry",
]
