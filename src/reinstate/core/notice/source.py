"""Turn raw input (an .eml, an mbox, pasted text; bytes or str) into envelopes.

An ``Envelope`` is one message as headers plus body text; a message forwarded as an
attachment (message/rfc822) becomes an envelope of its own in ``attached``. MIME is read with
the standard library's ``email`` package (``policy.default``); nothing here may raise on a
damaged message.
"""

from __future__ import annotations

import binascii
import re
from contextlib import suppress
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import Message

from reinstate.core.notice.html import html_to_text, looks_like_html

HEADER_NAMES = ("subject", "from", "date", "message-id", "in-reply-to", "to")
_MIME_HEADERS = frozenset(
    {
        "received",
        "return-path",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "message-id",
        "delivered-to",
        "dkim-signature",
        "x-mailer",
        "x-original-to",
        "arc-seal",
        "authentication-results",
        "in-reply-to",
        "references",
    }
)
_HEADER_LINE = re.compile(rb"^([!-9;-~]+):[ \t]*(.*)$")
_CONT_LINE = re.compile(rb"^[ \t]+\S")
_MBOX_FROM = re.compile(rb"^From [^\n]*\n", re.M)
_MBOX_STRICT = re.compile(rb"^From \S+\s+\w{3}[ ,]\s*\w{3}\s+\d")
_MBOX_QUOTED = re.compile(rb"^>(>*From )", re.M)
_CTYPE = re.compile(r"\s*([\w!#$&^.+-]+/[\w!#$&^.+-]+)")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^\"';\s]+)", re.I)


@dataclass
class Envelope:
    """One message: a few decoded headers, its body as text, its links, attached messages."""

    headers: dict[str, str] = field(default_factory=dict)
    text: str = ""
    links: list[str] = field(default_factory=list)
    attached: list[Envelope] = field(default_factory=list)
    is_mime: bool = False


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Bytes to text: the stated charset if known, else UTF-8, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    if charset:
        try:
            return data.decode(charset, "replace")
        except (LookupError, ValueError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def is_mbox(data: bytes) -> bool:
    return bool(_MBOX_STRICT.match(data))


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox, with ">From " escapes undone."""
    starts = []
    for m in _MBOX_FROM.finditer(data):
        pos = m.start()
        after_blank = data.endswith(b"\n\n", 0, pos) or data.endswith(b"\n\r\n", 0, pos)
        if pos == 0 or after_blank or _MBOX_STRICT.match(data, pos):
            starts.append(pos)
    chunks = []
    for i, pos in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        chunk = data[pos:end]
        newline = chunk.find(b"\n")
        body = chunk[newline + 1 :] if newline >= 0 else b""
        if b">" in body:
            body = _MBOX_QUOTED.sub(rb"\1", body)
        if body.strip():
            chunks.append(body)
    return chunks


def looks_like_mime(data: bytes) -> bool:
    """True when ``data`` starts with a real RFC 822 header block (not pasted header lines)."""
    head = data[:8192].lstrip(b"\r\n")
    names: set[str] = set()
    for raw in head.split(b"\n"):
        line = raw.rstrip(b"\r")
        if not line:
            break
        m = _HEADER_LINE.match(line)
        if m:
            names.add(m.group(1).decode("ascii", "replace").lower())
        elif not _CONT_LINE.match(line):
            return False
    if names & _MIME_HEADERS or any(n.startswith("x-") for n in names):
        return True
    return "date" in names and "from" in names and "subject" in names


def _decode_header(raw: str) -> str:
    text = " ".join(str(raw).split())
    if not text.isascii():
        try:
            text = decode_bytes(text.encode("utf-8", "surrogateescape"))
        except UnicodeError:
            text = text.encode("utf-8", "replace").decode("utf-8")
    if "=?" in text:
        with suppress(Exception):  # a broken encoded word stays as it is
            text = str(make_header(decode_header(text)))
    return text


def _headers(msg: Message) -> dict[str, str]:
    """The few headers intake needs, decoded from the raw values (no header objects)."""
    found: dict[str, str] = {}
    try:
        items = msg.raw_items()
    except Exception:
        return found
    for key, raw in items:
        name = key.lower()
        if name in HEADER_NAMES and name not in found:
            value = _decode_header(raw)
            if value:
                found[name] = value
    return found


def _raw_header(part: Message, name: str) -> str | None:
    for key, value in part.raw_items():
        if key.lower() == name:
            return str(value)
    return None


def _content_type(part: Message) -> tuple[str, str | None]:
    """The content type and charset, read from the raw header (no header objects: speed)."""
    raw = _raw_header(part, "content-type")
    if raw is None:
        return "text/plain", None
    m = _CTYPE.match(raw)
    charset = _CHARSET.search(raw)
    return (m.group(1).lower() if m else "text/plain"), (charset.group(1) if charset else None)


def _payload_bytes(part: Message, charset: str | None = None) -> bytes:
    cte = (_raw_header(part, "content-transfer-encoding") or "").strip().lower()
    if cte not in ("base64", "quoted-printable"):
        # 7bit/8bit: the bytes as sent. (Without decode, the library turns 8-bit bytes of a
        # part that names no charset into replacement characters.)
        sent = part.get_payload(decode=True)
        if isinstance(sent, bytes):
            return sent
    raw = part.get_payload()
    if not isinstance(raw, str):
        return b""
    try:
        data = raw.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        # an 8-bit body comes back already decoded with its stated charset: encode it back
        # with the same one, so that decode_bytes gives the same text again
        try:
            data = raw.encode(charset or "utf-8")
        except (LookupError, UnicodeEncodeError):
            data = raw.encode("utf-8", "replace")
    if cte == "base64":
        for candidate in (data, data.rstrip() + b"==", data.rstrip() + b"="):
            try:
                return binascii.a2b_base64(candidate)
            except (binascii.Error, ValueError):
                continue
        return data
    if cte == "quoted-printable":
        return binascii.a2b_qp(data)
    return data


def _as_text(part: Message, ctype: str, charset: str | None) -> tuple[str, list[str]]:
    text = decode_bytes(_payload_bytes(part, charset), charset)
    if ctype == "text/html" or looks_like_html(text):
        return html_to_text(text)
    return text, []


Leaf = tuple[Message, str, str | None]


def _walk(msg: Message, leaves: list[Leaf], attached: list[Message], depth: int = 0) -> None:
    """The body parts of a message, and the messages attached to it, in order."""
    ctype, charset = _content_type(msg)
    payload = msg.get_payload()
    if ctype == "message/rfc822" or (ctype.startswith("message/") and isinstance(payload, list)):
        if isinstance(payload, list) and payload and isinstance(payload[0], Message):
            attached.append(payload[0])
        return
    if isinstance(payload, list):
        if depth < 20:
            for sub in payload:
                if isinstance(sub, Message):
                    _walk(sub, leaves, attached, depth + 1)
        return
    disposition = (_raw_header(msg, "content-disposition") or "").strip().lower()
    if not disposition.startswith("attachment"):
        leaves.append((msg, ctype, charset))


def _body(leaves: list[Leaf]) -> tuple[str, list[str]]:
    plain = next((leaf for leaf in leaves if leaf[1] == "text/plain"), None)
    html = next((leaf for leaf in leaves if leaf[1] == "text/html"), None)
    if plain is None:
        plain = html or next((leaf for leaf in leaves if leaf[1].startswith("text/")), None)
        html = None
    if plain is None:
        return "", []
    text, links = _as_text(*plain)
    if html is not None and len(text.strip()) < 120:
        html_text, html_links = _as_text(*html)
        if len(html_text) > len(text):
            return html_text, html_links
    return text, links


def read_message(msg: Message, depth: int = 0) -> Envelope:
    """One parsed e-mail message to an envelope (never raises)."""
    headers = _headers(msg)
    leaves: list[Leaf] = []
    attached: list[Message] = []
    try:
        _walk(msg, leaves, attached)
        text, links = _body(leaves)
    except Exception:  # a damaged part: keep what was read
        text, links = "", []
    inner = [read_message(m, depth + 1) for m in attached] if depth < 5 else []
    return Envelope(headers=headers, text=text, links=links, attached=inner, is_mime=True)


def parse_bytes(data: bytes) -> Envelope:
    """An RFC 822 message in bytes to an envelope."""
    try:
        msg = message_from_bytes(data, policy=policy.default)
    except Exception:
        return Envelope(text=decode_bytes(data))
    return read_message(msg)


@dataclass
class Unit:
    """One message not read yet: raw RFC 822 bytes, or pasted text."""

    data: bytes | str
    mime: bool

    def envelope(self) -> Envelope:
        if self.mime:
            assert isinstance(self.data, bytes)
            return parse_bytes(self.data)
        text = self.data if isinstance(self.data, str) else decode_bytes(self.data)
        if looks_like_html(text):
            body, links = html_to_text(text)
            return Envelope(text=body, links=links)
        return Envelope(text=text)


def split_source(data: bytes | str) -> list[Unit]:
    """The messages of the input, not read yet (an mbox gives several)."""
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    stripped = raw.lstrip(b"\r\n\t \xef\xbb\xbf")
    if is_mbox(stripped):
        return [Unit(chunk, True) for chunk in split_mbox(stripped)]
    if looks_like_mime(stripped):
        return [Unit(stripped, True)]
    return [Unit(data, False)]


def read_source(data: bytes | str) -> list[Envelope]:
    """Every message of the input: an mbox gives several; pasted text one without headers."""
    return [unit.envelope() for unit in split_source(data)]
