"""Reply decoding: what Amazon's generic reply really asks for, against what was sent.

The wordings live in ``replies.toml`` beside this module (data, not code); a user adds or
overrides wordings in ``$REINSTATE_HOME/knowledge/replies.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from reinstate.core.codes import DOCS
from reinstate.core.errors import KnowledgeError
from reinstate.core.knowledge import read_toml, validate_entry
from reinstate.core.knowledge.loader import user_files
from reinstate.core.knowledge.models import POA_PARTS

BUILTIN_REPLIES = Path(__file__).with_name("replies.toml")
_CHECKS = {f"part:{p}" for p in POA_PARTS} | {f"document:{d}" for d in DOCS} | {"document:any"}
_QUOTE_START = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine)\s*-{2,}"
    r"|on .{3,120} wrote:\s*$|am .{3,120} schrieb .{0,80}:\s*$|le .{3,120} a écrit\s*:\s*$)",
    re.IGNORECASE,
)
_LISTED = re.compile(
    r"(?:missing the following(?: information| items| documents)?"
    r"|(?:please )?(?:provide|send|submit) the following(?: information| items| documents)?"
    r"|folgende(?:n)? (?:informationen|angaben|unterlagen) fehl"
    r"|manque les (?:informations|éléments|documents) suivant)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:--?|\*|•|·|–|—|\d{1,2}[.)]|\(?[a-z]\))\s+(?P<item>\S.*)$")
_SPACES = re.compile(r"\s+")


class ReplyItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    item: str
    check: str | None = None

    @field_validator("check")
    @classmethod
    def _known_check(cls, value: str | None) -> str | None:
        if value is not None and value not in _CHECKS:
            raise ValueError(
                f"unknown check '{value}' (part:<part>, document:<DOC> or document:any)"
            )
        return value


class ReplyWording(BaseModel):
    """One wording Amazon uses in replies and the items it asks for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    patterns: list[str] = Field(min_length=1)
    items: list[ReplyItem] = Field(min_length=1)
    generic: bool = False
    topic: bool = False

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(
                    f"pattern {pattern!r} is not a valid regular expression: {exc}"
                ) from None
        return value


class MissingItem(BaseModel):
    """One concrete thing a reply asks for, and whether the last submission carried it.

    ``carried``: True when the last submission had the part or document this item lives in
    (so it was sent but not good enough), False when it did not, None when unknown.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    item: str
    why: str
    carried: bool | None = None
    check: str | None = None

    def status(self) -> str:
        if self.carried is None:
            return "not known whether the last submission carried it"
        if self.carried:
            return "sent last time, but not enough: make it more specific or add evidence"
        return "not sent last time"


@lru_cache(maxsize=8)
def _compiled(home: Path | None) -> list[tuple[str, ReplyWording, list[re.Pattern[str]]]]:
    raw: dict[str, dict[str, Any]] = {}
    origin: dict[str, Path] = {}
    files = [BUILTIN_REPLIES] + (user_files(home, "replies") if home is not None else [])
    for path in files:
        for name, data in read_toml(path).items():
            if not isinstance(data, dict):
                raise KnowledgeError(f"{path}: '{name}' must be a table ([{name}])")
            raw[name] = {**raw.get(name, {}), **data}
            origin[name] = path
    out = []
    for name, data in raw.items():
        wording = validate_entry(ReplyWording, data, origin[name], name)
        out.append((name, wording, [re.compile(p, re.IGNORECASE) for p in wording.patterns]))
    return out


def reply_wordings(home: Path | None = None) -> dict[str, ReplyWording]:
    """Every known wording by name (built-in, then the user's)."""
    return {name: wording for name, wording, _ in _compiled(home)}


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def _own_text(text: str) -> str:
    """The reply without quoted earlier messages (lines after "On ... wrote:", "> ...")."""
    lines: list[str] = []
    for line in text.splitlines():
        if _QUOTE_START.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        lines.append(line)
    return "\n".join(lines)


def listed_items(text: str) -> list[str]:
    """The bullet items after "missing the following information:" (or similar), as written."""
    lines = text.splitlines()
    items: list[str] = []
    for index, line in enumerate(lines):
        if not _LISTED.search(line):
            continue
        current: list[str] = []
        for follow in lines[index + 1 :]:
            bullet = _BULLET.match(follow)
            if bullet:
                if current:
                    items.append(" ".join(current))
                current = [bullet.group("item").strip()]
            elif follow.strip() and current and follow[:1].isspace():
                current.append(follow.strip())  # a wrapped bullet line
            elif follow.strip() and current:
                break  # the list has ended
            elif not follow.strip() and current:
                items.append(" ".join(current))
                current = []
                continue
        if current:
            items.append(" ".join(current))
    return [_normalise(i).rstrip(" ;") for i in items if i.strip()]


def _carried(check: str | None, last: Mapping[str, Any] | None) -> bool | None:
    if check is None or last is None:
        return None
    kind, _, name = check.partition(":")
    if kind == "part":
        parts = last.get("parts", last.get("poa_parts"))
        return None if parts is None else name in set(parts)
    documents = last.get("documents", last.get("document_kinds"))
    if documents is None:
        return None
    kinds = set(documents) - {"plan_of_action"}
    return bool(kinds) if name == "any" else name in kinds


def _matches(text: str, home: Path | None) -> list[tuple[ReplyWording, str]]:
    found = []
    for _, wording, patterns in _compiled(home):
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                found.append((wording, match.group(0)))
                break
    return found


def decode_reply(
    text: str, last_submission: Mapping[str, Any] | None = None, home: Path | None = None
) -> list[MissingItem]:
    """The concrete items a reply from Amazon asks for, each against the last submission.

    ``last_submission`` describes what the last appeal carried:
    ``{"parts": [POA parts present], "documents": [DOC codes attached]}``; None when unknown.
    Items Amazon lists under "missing the following information" come first, in Amazon's
    own words; then the items behind each known wording. A generic wording ("not enough
    information") adds its items only when nothing more specific was found.
    """
    own = _own_text(text)
    flat = _normalise(own)
    result: list[MissingItem] = []
    seen: set[str] = set()

    def add(item_id: str, item: str, why: str, check: str | None) -> None:
        if item_id in seen:
            return
        seen.add(item_id)
        carried = _carried(check, last_submission)
        result.append(MissingItem(id=item_id, item=item, why=why, carried=carried, check=check))

    listed = listed_items(own)
    for index, entry in enumerate(listed, 1):
        # what the item is about decides where it would have been carried
        about = [w for w, _ in _matches(entry, home) if not w.generic]
        precise = [w for w in about if not w.topic] or about
        check = precise[0].items[0].check if precise else None
        add(f"listed.{index}", entry, "Amazon's reply lists it as missing", check)
        for wording in precise:
            seen.update(i.id for i in wording.items)

    matched = [(w, q) for w, q in _matches(flat, home) if not w.topic]
    has_specific = any(not w.generic for w, _ in matched)
    for wording, quote in matched:
        if wording.generic and (has_specific or listed):
            continue
        for item in wording.items:
            add(item.id, item.item, f'The reply says "{quote}"', item.check)
    return result
