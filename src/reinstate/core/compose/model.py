"""The Plan of Action as data: a version with its three parts, and documents to attach."""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from reinstate.core.knowledge.models import POA_PARTS, PoaPart

PART_TITLES: dict[PoaPart, str] = {
    "root_cause": "Root cause",
    "corrective_actions": "Corrective actions",
    "preventive_measures": "Preventive measures",
}

# The headings sellers and consultants use for each part, in English, German and French.
_HEADING_WORDS: dict[PoaPart, str] = {
    "root_cause": (
        r"root[\s-]*causes?(?:\s+analysis)?|(?:the\s+)?cause(?:s)?\s+of\s+the\s+(?:issue|problem)"
        r"|what\s+(?:went\s+wrong|happened)|(?:the\s+)?issue|investigation"
        r"|ursache(?:n|nanalyse)?|grundursache(?:n)?|cause(?:s)?\s+(?:premi[eè]re|profonde)s?"
    ),
    "corrective_actions": (
        r"corrective\s+actions?(?:\s+taken)?|actions?\s+(?:we\s+have\s+)?taken(?:\s+to\s+resolve)?"
        r"|(?:immediate\s+)?actions?\s+to\s+resolve(?:\s+the\s+issue)?|resolution|correction"
        r"|korrekturma(?:ß|ss)nahmen|(?:ergriffene\s+)?ma(?:ß|ss)nahmen|mesures?\s+correctives?"
        r"|actions?\s+correctives?"
    ),
    "preventive_measures": (
        r"prevent(?:ive|ative)\s+(?:measures?|actions?|steps?)|(?:steps\s+to\s+)?prevent(?:ion)?"
        r"|(?:future\s+)?prevention(?:\s+plan)?|vorbeugende\s+ma(?:ß|ss)nahmen|pr[äa]vention"
        r"|mesures?\s+pr[ée]ventives?"
    ),
}
_HEADING = {
    part: re.compile(
        r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*(?:(?:part|step|section)\s+)?"
        r"(?:\(?[0-9IVXivx]{1,3}[.):]\)?[ \t]*)?(?:\*\*|__)?[ \t]*(?:" + words + r")"
        r"\b[ \t]*(?:\*\*|__)?[ \t]*(?::|-|–|—)?[ \t]*(?:\*\*|__)?[ \t]*(?P<rest>.*)$",
        re.IGNORECASE,
    )
    for part, words in _HEADING_WORDS.items()
}
_MAX_HEADING = 60
_CLOSING = re.compile(
    r"^\W{0,3}(?:attachments?|attached(?:\s+documents?|\s+files?)?|enclosures?"
    r"|documents?\s+attached|supporting\s+documents?|list\s+of\s+(?:attachments|documents)"
    r"|anh(?:ä|ae)nge?|anlagen?|pi(?:è|e)ces?\s+jointes?)\s*(?::.*)?$"
    r"|^(?:(?:kind|best|warm)?\s*regards|sincerely|yours\s+(?:sincerely|faithfully|truly)"
    r"|respectfully|mit\s+freundlichen\s+gr(?:ü|ue)(?:ß|ss)en|cordialement)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_SEPARATOR_END = re.compile(r"(?::|\s[-–—])\s*(?:\*\*|__)?\s*$")
# words that may follow a heading's key words and still make a heading, not a sentence
_HEADING_TAIL = re.compile(
    r"^(?:of\s+(?:the|this|our)\s+(?:issues?|problems?|violations?|deactivation|suspension)"
    r"|analysis|taken|implemented|plan|recurrence|in\s+the\s+future|going\s+forward"
    r"|for\s+the\s+future|to\s+prevent\s+recurrence)\W*$",
    re.IGNORECASE,
)


class PoaDraft(BaseModel):
    """One version of a Plan of Action: its three parts and the full text as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    root_cause: str = ""
    corrective_actions: str = ""
    preventive_measures: str = ""
    full_text: str
    created_at: datetime

    def part(self, name: PoaPart) -> str:
        text: str = getattr(self, name)
        return text

    def parts(self) -> dict[PoaPart, str]:
        return {p: self.part(p) for p in POA_PARTS}

    def present_parts(self) -> list[PoaPart]:
        return [p for p in POA_PARTS if self.part(p).strip()]


def _heading_part(line: str) -> tuple[PoaPart, str] | None:
    """The part a heading line opens, and any text written after the heading on that line."""
    stripped = line.strip()
    if not stripped or len(stripped) > 400:
        return None
    for part, pattern in _HEADING.items():
        match = pattern.match(stripped)
        if match is None:
            continue
        rest = match.group("rest").strip()
        if not rest:
            if len(stripped) <= _MAX_HEADING:
                return part, ""
            continue
        head = stripped[: len(stripped) - len(rest)]
        if _SEPARATOR_END.search(head):
            return part, rest  # "Root cause: we ..." opens the part and starts its text
        if len(stripped) <= _MAX_HEADING and (
            stripped.rstrip("*_ ").endswith(":") or _HEADING_TAIL.match(rest.strip("*_ "))
        ):
            return part, ""  # "Steps to prevent recurrence:" or "Root cause of the issue"
        # otherwise it is a sentence that starts like a heading ("Issue was that ...")
    return None


def split_parts(text: str) -> tuple[str, dict[PoaPart, str]]:
    """Split a letter by its part headings: (text before the first heading, parts).

    An attachment list or a closing ("Kind regards") ends the last part; it belongs to
    none of the three. The same line inside a part that another heading follows ("Attached:
    the invoices of March 3 ...") is part of the text and stays where it is.
    """
    chunks: dict[PoaPart, list[str]] = {p: [] for p in POA_PARTS}
    preamble: list[str] = []
    trailer: list[str] = []
    current: list[str] = preamble
    interrupted: list[str] = preamble
    for line in text.splitlines():
        if current is not preamble and current is not trailer and _CLOSING.match(line.strip()):
            interrupted, current = current, trailer
        found = _heading_part(line)
        if found is not None:
            if trailer:  # not a closing after all: a heading follows it
                interrupted.extend(trailer)
                trailer.clear()
            part, rest = found
            current = chunks[part]
            if current and current[-1].strip():
                current.append("")
            if rest:
                current.append(rest)
            continue
        current.append(line)
    parts = {p: "\n".join(lines).strip("\n").rstrip() for p, lines in chunks.items()}
    return "\n".join(preamble).strip(), parts


def parse_poa(text: str, version: int = 1, created_at: datetime | None = None) -> PoaDraft:
    """A :class:`PoaDraft` from a letter, its parts found by their headings."""
    _, parts = split_parts(text)
    return PoaDraft(
        version=version,
        full_text=text,
        created_at=created_at or datetime.now(UTC),
        **parts,
    )


def guess_mime(name: str, content: bytes) -> str:
    """The MIME type of a document: from its content first, then its name."""
    import filetype  # type: ignore[import-untyped]

    kind = filetype.guess(content)
    if kind is not None:
        mime: str = kind.mime
        return mime
    by_name, _ = mimetypes.guess_type(name, strict=False)
    if by_name:
        return by_name
    if content:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return "application/octet-stream"
        return "text/plain"
    return "application/octet-stream"


@dataclass(frozen=True)
class Attachment:
    """A document to attach: its file name, bytes and MIME type (guessed when not given)."""

    name: str
    content: bytes = field(repr=False)
    mime: str | None = None

    def __post_init__(self) -> None:
        if self.mime is None or "/" not in self.mime:
            object.__setattr__(self, "mime", guess_mime(self.name, self.content))

    @property
    def maintype(self) -> str:
        return (self.mime or "application/octet-stream").split("/", 1)[0]

    @property
    def subtype(self) -> str:
        return (self.mime or "application/octet-stream").split("/", 1)[1].split(";")[0].strip()
