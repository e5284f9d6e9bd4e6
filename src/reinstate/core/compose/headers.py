"""Cleaning of user data before it goes into a mail header or a file name.

In Python 3.11 and 3.12 a trailing newline in a Subject silently ends the header block, and a
newline in an attachment name raises. Every header value and file name that comes from user
data (subjects, store names, document names) goes through :func:`sanitize_header` or
:func:`sanitize_filename` first.
"""

from __future__ import annotations

import re
import unicodedata
from email import policy

# Bidirectional overrides and isolates can make "invoice‮fdp.exe" look like "invoiceexe.pdf".
_INVISIBLE = dict.fromkeys(
    [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF], None
)
_ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[bBqQ]\?")
_PATH_SEPARATORS = re.compile(r"[/\\]+")
MAX_FILENAME = 150


def _strip_controls(value: str) -> str:
    out = []
    for ch in value.translate(_INVISIBLE):
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif cat == "Cs":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out).strip()


def _decode_encoded_words(value: str) -> str:
    """Decode RFC 2047 words the way a mail reader will, so the value reads back unchanged."""
    for _ in range(4):
        if not _ENCODED_WORD.search(value):
            return value
        decoded = _strip_controls(str(policy.default.header_factory("subject", value)))
        if decoded == value:
            return value
        value = decoded
    # Still encoded after several rounds: break the marker so nothing decodes it again.
    return value.replace("=?", "= ?")


def sanitize_header(value: str) -> str:
    """One line of text safe for a mail header: no line breaks or control characters.

    Line breaks, tabs and other control characters become spaces, invisible direction
    marks are dropped and the ends are trimmed; everything else is kept as written, so a
    subject keeps its exact wording. Text that is already MIME-encoded (``=?UTF-8?Q?...?=``)
    is decoded, because a mail reader would decode it anyway.
    """
    return _decode_encoded_words(_strip_controls(value))


def sanitize_filename(name: str, default: str = "attachment") -> str:
    """A file name safe for an attachment: one line, no folders, not empty, not too long."""
    clean = _PATH_SEPARATORS.sub("_", sanitize_header(name)).strip(" .")
    if not clean:
        return default
    if len(clean) > MAX_FILENAME:
        stem, dot, ext = clean.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            clean = stem[: MAX_FILENAME - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            clean = clean[:MAX_FILENAME].rstrip(" .")
    return clean or default
