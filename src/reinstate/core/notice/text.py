"""Text clean-up and structure: normalisation, pasted header lines, forwarded and quoted parts.

A text is split into ``Segment``s: the top (what the sender wrote) and each forwarded or
quoted message below it, each with the header lines it shows (From / Date / Subject in any of
the languages the wording files list).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from reinstate.core.notice.dates import first_date
from reinstate.core.notice.patterns import Patterns

_TABLE = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u2019": "'",
        "\u2018": "'",
        "\u00b4": "'",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
        "\t": " ",
        "\x00": None,
        "\u2028": "\n",
        "\u2029": "\n",
    }
)
_BULLET = re.compile(
    r"^[ \t]*(?:[-–—•·*▪◦●○■□►➢✓➤→]+|\(?\d{1,2}[.)]|\(?[a-z][)])[ \t]+(?=\S)", re.M
)
_SEPARATOR = re.compile(r"^[ \t>]*(?:_{8,}|-{8,}|={8,})[ \t]*$")
_TRAILING = re.compile(r"[ \t]+$", re.M)
_MANY_BLANKS = re.compile(r"\n{3,}")


@dataclass
class Segment:
    """One message inside a text: the header lines it shows and its own lines."""

    headers: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    via: str = "top"  # top, forward, embedded (a header block), quote, attachment

    @property
    def text(self) -> str:
        return _MANY_BLANKS.sub("\n\n", "\n".join(self.lines)).strip()


def normalise(text: str) -> str:
    """One form for every input: Unix newlines, NFC, plain spaces and apostrophes, "- " bullets."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        text = text.replace("\t", " ").replace("\x00", "")
    else:
        text = unicodedata.normalize("NFC", text).translate(_TABLE)
    text = _TRAILING.sub("", text)
    return _BULLET.sub("- ", text)


def unflatten(patterns: Patterns, text: str) -> str:
    """Put back the line breaks of a text flattened into one paragraph."""
    if text.count("\n") >= 4 or len(text) < 200:
        return text
    return _BULLET.sub("- ", patterns.unflatten.sub("\n", text))


def _header(patterns: Patterns, line: str) -> tuple[str, str] | None:
    if ":" not in line[:40]:
        return None
    m = patterns.header_line.match(line)
    if not m:
        return None
    name = patterns.header_field.get(m.group("label").lower())
    if name is None:
        return None
    return name, m.group("value").strip().strip("*").strip()


_PAREN_TAIL = re.compile(r"\s*\([^()]*\)\s*$")


def _bare_date(patterns: Patterns, line: str) -> bool:
    stripped = _PAREN_TAIL.sub("", line.strip())
    if not stripped or len(stripped) > 60:
        return False
    found = first_date(patterns, stripped)
    return found is not None and (found.end - found.start) >= 0.6 * len(stripped)


def _subject_like(patterns: Patterns, line: str, following: str) -> bool:
    stripped = line.strip()
    words = stripped.split()
    if not 2 <= len(words) <= 30 or len(stripped) > 200:
        return False
    if stripped[-1] in ",:;" or stripped.startswith("- ") or patterns.greeting.match(stripped):
        return False
    field = _FIELD_LINE.match(stripped)
    if field and not patterns.any_prefix.match(stripped):
        return False  # "Case ID: 19283746501", "Status: Answered": a field, not a subject
    return (
        not following.strip()
        or bool(patterns.greeting.match(following))
        or bool(_ADDRESS_LINE.match(following))
        or (_label_line(following) and not patterns.greeting.match(line))
    )


_FIELD_LINE = re.compile(r"^[^:\n]{1,30}:\s*(?:\S+|\S*\d\S*(?:\s+\S*\d\S*)*)$")
_ADDRESS_LINE = re.compile(r"^[ \t]*[^<>\n]{0,80}<[^<>@\s]+@[^<>\s]+>[ \t]*$")


def _label_line(line: str) -> bool:
    """A short line with no sentence in it ("Inbox", "to me")."""
    stripped = line.strip()
    return 0 < len(stripped) <= 25 and len(stripped.split()) <= 3 and stripped[-1] not in ".,:;!?"


def _client_lines_follow(
    patterns: Patterns, lines: list[str], i: int, headers: dict[str, str]
) -> bool:
    """True when the next lines still belong to a web mail's header view."""
    if not set(headers) <= {"subject_guess", "from", "date"} or "subject_guess" not in headers:
        return False
    for j in range(i + 1, min(i + 4, len(lines))):
        nxt = lines[j]
        if not nxt.strip():
            continue
        if "from" not in headers and _ADDRESS_LINE.match(nxt):
            return True
        return "date" not in headers and _bare_date(patterns, nxt)
    return False


def _skip_page_title(patterns: Patterns, lines: list[str], i: int) -> int:
    """Skip a page title or two ("Performance Notifications") right above header lines."""
    for j in range(i, min(i + 3, len(lines))):
        if _header(patterns, lines[j]):
            titles = [line.strip() for line in lines[i:j]]
            if all(len(t) < 40 and not t.endswith((".", ",", ":")) for t in titles):
                return j
            return i
    return i


def header_block(
    patterns: Patterns, lines: list[str], start: int, *, top: bool
) -> tuple[dict[str, str], int]:
    """The header lines at ``start`` (after blank lines) and the index after them.

    At the top of a pasted text a bare date line and a subject line on its own count too.
    """
    headers: dict[str, str] = {}
    i, n = start, len(lines)
    while i < n and not lines[i].strip():
        i += 1
    if top:
        i = _skip_page_title(patterns, lines, i)
    first = i
    while i < n:
        line = lines[i]
        found = _header(patterns, line)
        if found:
            name, value = found
            if i + 1 < n and name == "subject" and not value and lines[i + 1].strip():
                value = lines[i + 1].strip()
                i += 1
            headers.setdefault(name, value)
            i += 1
            continue
        if not line.strip():
            bare_date_only = top and set(headers) == {"date"} and i == first + 1
            if headers and not (
                bare_date_only or (top and _client_lines_follow(patterns, lines, i, headers))
            ):
                break
            i += 1
            continue
        if top and set(headers) & {"subject_guess", "from"} and "subject" not in headers:
            # a web mail's view: "Name <address>", a date line, "to me", a folder name
            if "from" not in headers and _ADDRESS_LINE.match(line):
                headers["from"] = line.strip()
                i += 1
                continue
            if "date" not in headers and _bare_date(patterns, line):
                headers["date"] = line.strip()
                i += 1
                continue
            if _label_line(line) and _client_lines_follow(patterns, lines, i, headers):
                i += 1
                continue
        if _SEPARATOR.match(line) and i == first:
            i += 1
            first = i
            continue
        if (
            top
            and "date" not in headers
            and "subject" not in headers
            and _bare_date(patterns, line)
        ):
            headers["date"] = line.strip()
            i += 1
            continue
        following = lines[i + 1] if i + 1 < n else ""
        if (
            top
            and "subject" not in headers
            and "subject_guess" not in headers
            and set(headers) <= {"date"}
            and i + 1 < n
            and _subject_like(patterns, line, following)
        ):
            headers["subject_guess"] = line.strip()
            i += 1
            continue
        break
    if not headers:
        return {}, start
    return headers, i


def early_date_line(patterns: Patterns, lines: list[str], limit: int = 12) -> str | None:
    """A date line standing alone above the greeting of a pasted text (a case log shows the
    sender and the time above each message), else None."""
    for line in lines[:limit]:
        if patterns.greeting.match(line.strip()):
            return None
        if _bare_date(patterns, line):
            return line.strip()
    return None


def _embedded_headers(patterns: Patterns, lines: list[str], i: int) -> bool:
    """A From line followed closely by a Date/Sent or Subject line: a message inside a message."""
    found = _header(patterns, lines[i])
    if not found or found[0] != "from":
        return False
    for j in range(i + 1, min(i + 6, len(lines))):
        nxt = _header(patterns, lines[j])
        if nxt and nxt[0] in ("date", "subject"):
            return True
    return False


_ANGLE = re.compile(r"[^<>,;]*<[^<>\s]+@[^<>\s]+>")
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _attribution(patterns: Patterns, line: str) -> dict[str, str]:
    """The sender and date an "On <date>, <sender> wrote:" line names."""
    headers: dict[str, str] = {}
    found = first_date(patterns, line)
    rest = line
    if found is not None:
        headers["date"] = line[found.start : found.end]
        rest = line[found.end :]
    m = _ANGLE.search(rest) or _ADDRESS.search(rest)
    headers["from"] = (m.group(0) if m else rest).strip(" ,:")
    return headers


def _unquote(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        stripped = line.lstrip(" ")
        if stripped.startswith(">"):
            stripped = stripped[1:]
            if stripped.startswith(" "):
                stripped = stripped[1:]
        out.append(stripped)
    return out


MAX_DEPTH = 12  # quotes inside quotes deeper than this stay plain text


def split_segments(
    patterns: Patterns, lines: list[str], via: str = "top", depth: int = 0
) -> list[Segment]:
    """The top message and every forwarded or quoted message below it, in order."""
    if depth > MAX_DEPTH:
        return [Segment(lines=list(lines), via=via)]
    segments = [Segment(via=via)]
    current = segments[0]
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        short = 0 < len(line) <= 120
        marker = short and bool(patterns.forward_marker.match(line))
        if marker or (
            short
            and _SEPARATOR.match(line)
            and i + 1 < n
            and _embedded_headers(patterns, lines, i + 1)
        ):
            # an explicit forward marker, or a separator line over a header block (a forward
            # or a reply: the subject prefix tells which)
            headers, i = header_block(patterns, lines, i + 1, top=False)
            current = Segment(headers=headers, via="forward" if marker else "embedded")
            segments.append(current)
            continue
        if (
            current.lines
            and any(s.strip() for s in current.lines)
            and _embedded_headers(patterns, lines, i)
        ):
            headers, i = header_block(patterns, lines, i, top=False)
            current = Segment(headers=headers, via="embedded")
            segments.append(current)
            continue
        attribution = None
        consumed = 1
        if line.endswith(":") and len(line) < 300:
            attribution = patterns.reply_attribution.match(line)
        elif i + 1 < n and line and len(line) < 200 and lines[i + 1].endswith(":"):
            attribution = patterns.reply_attribution.match(line + " " + lines[i + 1].strip())
            consumed = 2
        if attribution or line.lstrip(" ").startswith(">"):
            start = i + consumed if attribution else i
            j = start
            while j < n and (lines[j].lstrip(" ").startswith(">") or not lines[j].strip()):
                j += 1
            quoted = _unquote(lines[start:j])
            if attribution and not any(q.strip() for q in quoted):
                # an attribution followed by unquoted text (some clients do not mark quotes)
                quoted, j = lines[start:], n
            inner = split_segments(patterns, quoted, via="quote", depth=depth + 1)
            if attribution:
                for name, value in _attribution(patterns, attribution.group(0)).items():
                    inner[0].headers.setdefault(name, value)
            else:
                top_headers, k = header_block(patterns, inner[0].lines, 0, top=False)
                if top_headers:
                    inner[0].headers.update(top_headers)
                    inner[0].lines = inner[0].lines[k:]
            segments.extend(inner)
            i = j
            continue
        current.lines.append(line)
        i += 1
    return segments
