"""The single escalation e-mail: identifiers, what changed, the updated plan as a PDF."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from reinstate.core.case import CaseFacts
from reinstate.core.compose.diff import PoaDiff, diff_poa
from reinstate.core.compose.headers import sanitize_header, set_unstructured
from reinstate.core.compose.identity import case_reference, identifier_lines, long_date, signature
from reinstate.core.compose.mail import add_attachments, clean_message_id, finish, new_message
from reinstate.core.compose.model import PART_TITLES, Attachment, PoaDraft
from reinstate.core.compose.text import attachment_names
from reinstate.core.errors import RefusedError


def escalation_subject(facts: CaseFacts, poa: PoaDraft) -> str:
    bits = [f"Updated Plan of Action (version {poa.version})"]
    reference = case_reference(facts)
    if reference:
        bits.append(reference[0].upper() + reference[1:])
    who = " ".join(
        x
        for x in (facts.store_name, f"({facts.merchant_token})" if facts.merchant_token else "")
        if x
    )
    if who:
        bits.append(who)
    return sanitize_header(" – ".join(bits))


def changes_text(diff: PoaDiff, previous: PoaDraft | None, new_documents: Sequence[str]) -> str:
    """What changed, in plain words: per part a summary and the points added or removed."""
    lines: list[str] = []
    if previous is None:
        lines.append(
            "No earlier version of the Plan of Action was sent by e-mail; the attached "
            f"version {diff.version} is complete."
        )
    else:
        lines.append(
            f"What changed since version {previous.version} "
            f"(dated {long_date(previous.created_at.date())}):"
        )
        for change in diff.parts:
            lines.append("")
            lines.append(f"{PART_TITLES[change.part]}: {change.summary()}.")
            lines += [f"  Added: {s}" for s in change.added]
            lines += [f"  Removed: {s}" for s in change.removed]
            lines += [f"  Reworded: {after}" for _, after in change.reworded]
    if new_documents:
        lines.append("")
        lines.append("New documents attached:")
        lines += [f"  - {name}" for name in new_documents]
    return "\n".join(lines)


def render_escalation_eml(
    facts: CaseFacts,
    poa: PoaDraft,
    previous: PoaDraft | None,
    new_documents: Sequence[str] = (),
    attachments: Sequence[Attachment] = (),
    to_address: str | None = None,
    from_address: str | None = None,
    *,
    sent_at: datetime | None = None,
) -> bytes:
    """One short escalation message with the updated Plan of Action attached as a PDF.

    It names the case ID(s), store name and merchant token, and says what changed since
    ``previous`` (the version last sent): the points added and removed in each part, and
    the new documents. With nothing changed there is nothing to escalate, and it is
    refused. With no ``to_address`` the message has no recipient; the mail client asks.
    """
    from reinstate.core.compose.pdf import render_pdf

    docs = attachment_names(new_documents)
    diff = diff_poa(previous, poa)
    if previous is not None and not diff.changed and not docs:
        raise RefusedError(
            f"version {poa.version} of the Plan of Action says the same as version "
            f"{previous.version} and no new document was added: an escalation must say "
            "what changed, so revise the plan first"
        )
    msg = new_message(from_address, to_address)
    set_unstructured(msg, "Subject", escalation_subject(facts, poa))
    parent = clean_message_id(facts.notice_message_id)
    if parent:
        msg.set_raw("References", parent)  # raw: see mail.render_reply_eml

    opening = "Hello,\n\nThis message concerns the deactivation of the selling account below"
    reference = case_reference(facts)
    opening += f" ({reference})." if reference else "."
    opening += f" Our updated Plan of Action (version {poa.version}) is attached as a PDF" + (
        " and replaces the version sent before." if previous is not None else "."
    )
    ids = "\n".join(f"{label}: {value}" for label, value in identifier_lines(facts))
    closing = (
        "Please ask the investigator to review the updated plan and documents.\n\n"
        f"Kind regards,\n{signature(facts)}"
    )
    body = "\n\n".join(
        chunk for chunk in (opening, ids, changes_text(diff, previous, docs), closing) if chunk
    )
    msg.set_content(body + "\n")

    token = re.sub(r"[^A-Za-z0-9]", "", facts.merchant_token or "")[:40]
    pdf_name = f"Plan of Action v{poa.version}{' ' + token if token else ''}.pdf"
    pdf = Attachment(pdf_name, render_pdf(facts, poa, docs), "application/pdf")
    add_attachments(msg, [pdf, *attachments])
    return finish(msg, sent_at, from_address)
