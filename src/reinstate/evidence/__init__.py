"""Checks on a document before it is attached to a case: type, size, and what its text says.

Untrusted PDFs and images are opened in a child process with a time and memory limit
(``_sandbox``/``_worker``); the judging is pure and lives in :mod:`reinstate.core.evidence`.

    report = inspect_document(data, kind="invoices", original_name="inv.pdf",
                              notice_date=date(2026, 3, 1), facts=case_facts)
    report.accepted, report.refused_reason, [c.passed for c in report.checks]
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Literal

from reinstate.core.case import CaseFacts
from reinstate.core.codes import DOCS, Doc
from reinstate.core.errors import InputError
from reinstate.core.evidence.checks import CheckContext, run_checks
from reinstate.core.evidence.models import CheckResult, ParsedDocument
from reinstate.evidence._report import DEFAULT_MAX_BYTES, DocumentReport, SizeLimit
from reinstate.evidence._sniff import detect_type, refusal

__all__ = ["CheckResult", "DocumentReport", "SizeLimit", "inspect_document"]

EXCERPT_CHARS = 2000


def inspect_document(
    content: bytes,
    *,
    kind: Doc,
    original_name: str,
    notice_date: date | None,
    facts: CaseFacts | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: float = 20.0,
    memory_mb: int = 512,
    today: date | None = None,
) -> DocumentReport:
    """Check one document of ``kind`` against its requirements; never raises for a bad file.

    A file of a type Amazon does not take, over the size limit, or protected by a password is
    refused (``accepted`` False, ``refused_reason`` says why). A file that cannot be read is
    accepted and marked (``parse_error``), its content checks ``passed=None`` with the reason.
    ``today`` is the date recent documents are measured against when no notice date is known.
    """
    from reinstate.core.knowledge.loader import load_knowledge

    if kind not in DOCS:
        raise InputError(f"unknown document kind '{kind}' (one of: {', '.join(DOCS)})")
    info = load_knowledge().documents.get(kind)
    limit = SizeLimit.for_kind(kind, info, max_bytes)
    detected = detect_type(content)
    accepted_types = info.accepted_types if info else ["application/pdf"]
    refused = refusal(content, detected, original_name, accepted_types)
    if refused is None and len(content) > limit.max_bytes:
        size_mb = len(content) / (1024 * 1024)
        refused = (
            f"the file is {size_mb:.1f} MB, over {limit.source} of "
            f"{limit.max_bytes / (1024 * 1024):.0f} MB; reduce the resolution or split it"
        )

    parsed: ParsedDocument | None = None
    if refused is None:
        from reinstate.evidence._sandbox import parse_in_child

        mode: Literal["pdf", "image"] = "pdf" if detected == "application/pdf" else "image"
        parsed = parse_in_child(content, mode, timeout_s=timeout_s, memory_mb=memory_mb)
        if parsed.needs_password:
            refused = (
                "the PDF is protected by a password, so Amazon cannot open it; "
                "save or print it again as a PDF without a password"
            )

    ctx = CheckContext(
        kind=kind,
        info=info,
        size=len(content),
        max_bytes=limit.max_bytes,
        size_source=limit.source,
        detected_type=detected,
        refused_reason=refused,
        parsed=parsed,
        notice_date=notice_date,
        today=today or date.today(),
        facts=facts,
        original_name=original_name,
    )
    checks = run_checks(ctx)
    text = parsed.text.strip() if parsed and not parsed.failure else ""
    return DocumentReport(
        kind=kind,
        original_name=original_name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        detected_type=detected,
        accepted=refused is None,
        refused_reason=refused,
        pages=parsed.pages if parsed else None,
        text_excerpt=text[:EXCERPT_CHARS] or None,
        parse_error=parsed.error if parsed and parsed.failure else None,
        checks=checks,
        dates_found=sorted({found.value for found in ctx.dates}) if text else [],
        size_limit=limit,
    )
