"""The reply to the deactivation e-mail, as an RFC 5322 message (``.eml``).

The message is built with the standard library's ``email.message.EmailMessage`` and the SMTP
policy (CRLF line ends, lines folded at 78 characters). Every header value and file name
from user data is cleaned by :func:`sanitize_header` first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from reinstate.core.case import CaseFacts
from reinstate.core.compose.blocks import Block, BulletList, blocks_to_text
from reinstate.core.compose.headers import sanitize_filename, sanitize_header, set_unstructured
from reinstate.core.compose.identity import identifier_lines, signature
from reinstate.core.compose.model import Attachment, PoaDraft
from reinstate.core.compose.text import Section, poa_sections
from reinstate.core.errors import InputError

# SMTP policy that leaves raw headers as written (see finish)
_WRITE_POLICY = policy.EmailPolicy(linesep="\r\n", refold_source="none")
_MESSAGE_ID = re.compile(r"<?\s*([^<>\s]+@[^<>\s]+?)\s*>?$")


def clean_address(value: str, what: str) -> str:
    """One mail address (optionally with a display name) as a header value, or an
    :class:`InputError`. Old-style names that mail programs still write (an unquoted
    ``Amazon.com <...>``) are accepted and written back quoted."""
    from email.headerregistry import HeaderRegistry

    clean = sanitize_header(value)
    addresses: tuple[Address, ...] = ()
    try:
        header = HeaderRegistry()("to", clean)
        addresses = header.addresses  # type: ignore[attr-defined]
    except (IndexError, ValueError, TypeError):
        pass
    if len(addresses) != 1 or not addresses[0].username or not addresses[0].domain:
        raise InputError(f"{what} is not a mail address: {clean!r}")
    found = addresses[0]
    try:
        # rebuilt, so a display name such as Amazon.com is quoted as RFC 5322 wants
        return str(Address(display_name=found.display_name, addr_spec=found.addr_spec))
    except (ValueError, TypeError, IndexError):
        raise InputError(f"{what} is not a mail address: {clean!r}") from None


def clean_message_id(value: str | None) -> str | None:
    """``<id@host>`` from a Message-ID as stored, or None when it is not usable."""
    if not value:
        return None
    match = _MESSAGE_ID.match(sanitize_header(value))
    return f"<{match.group(1)}>" if match else None


def html_blocks(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{html.escape(item)}</li>" for item in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
        else:
            out.append(f"<p>{html.escape(block.text)}</p>")
    return "\n".join(out)


def letter_html(
    intro: Sequence[str],
    facts: CaseFacts,
    sections: Sequence[Section],
    attachments: Sequence[str],
    closing: Sequence[str],
) -> str:
    """A small, self-contained HTML version of a plain-text letter (no scripts, no images)."""
    parts = ['<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>', "<body>"]
    parts += [f"<p>{html.escape(p)}</p>" for p in intro]
    ids = identifier_lines(facts)
    if ids:
        rows = "<br>\n".join(
            f"<strong>{html.escape(label)}:</strong> {html.escape(value)}" for label, value in ids
        )
        parts.append(f"<p>{rows}</p>")
    for section in sections:
        parts.append(f"<h3>{html.escape(section.title)}</h3>")
        parts.append(html_blocks(section.blocks))
    if attachments:
        parts.append("<h3>Attached documents</h3>")
        parts.append(html_blocks([BulletList(list(attachments))]))
    parts += [f"<p>{html.escape(p)}</p>" for p in closing]
    parts.append("</body></html>\n")
    return "\n".join(parts)


def letter_text(
    intro: Sequence[str],
    facts: CaseFacts,
    sections: Sequence[Section],
    attachments: Sequence[str],
    closing: Sequence[str],
) -> str:
    chunks = list(intro)
    ids = "\n".join(f"{label}: {value}" for label, value in identifier_lines(facts))
    if ids:
        chunks.append(ids)
    for section in sections:
        chunks.append(section.title.upper() + "\n" + blocks_to_text(section.blocks))
    if attachments:
        chunks.append("ATTACHED DOCUMENTS\n" + "\n".join(f"- {n}" for n in attachments))
    chunks += closing
    return "\n\n".join(chunks) + "\n"


def add_attachments(msg: EmailMessage, attachments: Sequence[Attachment]) -> list[str]:
    """Attach each document with its MIME type; the cleaned names, in order."""
    names: list[str] = []
    for att in attachments:
        name = sanitize_filename(att.name)
        msg.add_attachment(att.content, maintype=att.maintype, subtype=att.subtype, filename=name)
        names.append(name)
    return names


def new_message(from_address: str | None, to_address: str | None) -> EmailMessage:
    msg = EmailMessage(policy=policy.SMTP)
    if from_address:
        msg["From"] = clean_address(from_address, "the sender address")
    if to_address:
        msg["To"] = clean_address(to_address, "the recipient address")
    return msg


def finish(msg: EmailMessage, sent_at: datetime | None, from_address: str | None) -> bytes:
    """Date and Message-ID, then the bytes (CRLF line ends)."""
    when = sent_at or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    msg["Date"] = format_datetime(when)
    domain = "reinstate.invalid"
    if from_address:
        address = msg["From"].addresses[0] if msg["From"] is not None else None
        if address is not None and address.domain:
            domain = address.domain
    msg["Message-ID"] = make_msgid(domain=domain)
    # headers written raw (the thread's Message-IDs, the pre-folded Subject) stay as written;
    # the default would refold a long one into encoded words
    return msg.as_bytes(policy=_WRITE_POLICY)


def render_reply_eml(
    facts: CaseFacts,
    poa: PoaDraft,
    attachments: Sequence[Attachment] = (),
    from_address: str | None = None,
    *,
    sent_at: datetime | None = None,
) -> bytes:
    """The reply to the deactivation e-mail, in the notice's own thread.

    To is the address the notice came from; Subject is exactly ``Re: `` plus the notice's
    subject; In-Reply-To and References carry the notice's Message-ID when it is known. The
    body is the Plan of Action as plain text with an HTML alternative, and each document is
    attached with the MIME type read from its content.
    """
    if not facts.notice_from:
        raise InputError(
            "the address the notice came from is not known; a reply needs it "
            "(add the notice to the case, or use the form text instead)"
        )
    if not facts.notice_subject or not sanitize_header(facts.notice_subject):
        raise InputError(
            "the notice's subject is not known; a reply must keep it unchanged "
            "(add the notice to the case, or use the form text instead)"
        )
    msg = new_message(from_address, facts.notice_from)
    set_unstructured(msg, "Subject", facts.notice_subject, prefix="Re: ")
    parent = clean_message_id(facts.notice_message_id)
    if parent:
        # written raw: the policy would fold a long Message-ID into encoded words, which
        # mail programs do not decode when they thread a reply
        msg.set_raw("In-Reply-To", parent)
        msg.set_raw("References", parent)
    names = [sanitize_filename(a.name) for a in attachments]
    intro = [
        "Hello Seller Performance Team,",
        "Please find our Plan of Action for the deactivation of the selling account below"
        + (", with the supporting documents attached." if attachments else "."),
    ]
    closing = ["Thank you for reviewing it.", "Kind regards,\n" + signature(facts)]
    sections = poa_sections(poa)
    msg.set_content(letter_text(intro, facts, sections, names, closing))
    msg.add_alternative(letter_html(intro, facts, sections, names, closing), subtype="html")
    add_attachments(msg, attachments)
    return finish(msg, sent_at, from_address)
