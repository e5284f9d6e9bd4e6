"""Cleaning of user data before it goes into a mail header or a file name.

In Python 3.11 and 3.12 a trailing newline in a Subject silently ends the header block, and a
newline in an attachment name raises. Every header value and file name that comes from user
data (subjects, store names, document names) goes through :func:`sanitize_header` or
:func:`sanitize_filename` first.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from email import policy
from email.message import Message

# Bidirectional overrides and isolates can make "invoice‮fdp.exe" look like "invoiceexe.pdf".
_INVISIBLE = dict.fromkeys(
    [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF], None
)
_ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[bBqQ]\?")
_PATH_SEPARATORS = re.compile(r"[/\\]+")
_WINDOWS_RESERVED = str.maketrans(
    {'"': "'", "<": "_", ">": "_", ":": "_", "|": "_", "?": "_", "*": "_"}
)
_ENDS = re.compile(r"^[\s.]+|[\s.]+$")
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
    """A file name safe for an attachment: one line, no folders, not empty, not too long.

    A name with folders keeps its last part, as a mail client would ("a/b/bill.pdf" is
    "bill.pdf"); the characters Windows refuses in a file name (``<>:|?*``) become
    ``_`` and double quotes become single quotes.
    """
    # characters Windows refuses in file names, which some mail parsers also mangle
    single_line = sanitize_header(name).translate(_WINDOWS_RESERVED)
    parts = [p for p in _PATH_SEPARATORS.split(single_line) if _ENDS.sub("", p)]
    clean = _ENDS.sub("", parts[-1]) if parts else ""
    if not clean:
        return default
    if len(clean) > MAX_FILENAME:
        stem, dot, ext = clean.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            clean = _ENDS.sub("", stem[: MAX_FILENAME - len(ext) - 1]) + "." + ext
        else:
            clean = _ENDS.sub("", clean[:MAX_FILENAME])
    return clean or default


_MAX_LINE = 78
# 39 bytes of UTF-8 -> 52 base64 characters -> a 64-character encoded word, so that even the
# first line ("Subject: Re: =?utf-8?b?...?=") stays within 78 characters and is never refolded
_WORD_BYTES = 39


def _fold_ascii(name: str, value: str) -> str | None:
    """Fold plain ASCII at single spaces (lossless: unfolding only removes the CRLF)."""
    if not value.isascii() or "=?" in value or not value.isprintable():
        return None
    lines: list[str] = []
    current = f"{name}:"
    for i, word in enumerate(value.split(" ")):
        piece = " " + word
        if i and len(current) + len(piece) > _MAX_LINE and current.strip():
            lines.append(current)
            current = piece
        else:
            current += piece
    lines.append(current)
    if any(len(line) > _MAX_LINE for line in lines) or any(not line.strip() for line in lines[1:]):
        return None
    return "\r\n".join(lines)[len(name) + 2 :]


def _encoded_words(value: str) -> str:
    """RFC 2047 base64 words of whole characters, one per folded line: exact on decoding."""
    words: list[str] = []
    chunk = ""
    for ch in value:
        if len((chunk + ch).encode("utf-8")) > _WORD_BYTES:
            words.append(chunk)
            chunk = ""
        chunk += ch
    if chunk:
        words.append(chunk)
    return "\r\n ".join(
        "=?utf-8?b?" + base64.b64encode(w.encode("utf-8")).decode("ascii") + "?=" for w in words
    )


def set_unstructured(msg: Message, name: str, value: str, prefix: str = "") -> None:
    """Set a free-text header (Subject) so that a mail reader gets back exactly ``prefix + value``.

    The standard library's folding can add or drop a space around encoded words (seen in
    3.11); this writes the header itself: plain ASCII folded at single spaces, anything else
    as base64 encoded words, after the plain ASCII ``prefix`` ("Re: ").
    """
    clean = sanitize_header(value)
    folded = _fold_ascii(name, prefix + clean)
    if folded is None:
        folded = prefix + _encoded_words(clean) if clean else prefix.rstrip()
    msg.set_raw(name, folded)
