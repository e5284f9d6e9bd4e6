"""``reinstate parse FILE... [--json]``: read Amazon notices and replies into structured records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinstate.cli._output import print_json, print_json_line
from reinstate.core.where import WHERE_TO_FIND

if TYPE_CHECKING:
    from reinstate.core.notice import Notice

PROGRESS_FROM = 200  # messages; below this a progress bar is only noise

KIND_TEXT = {
    "deactivation": "deactivation notice",
    "warning": "warning (account or listing at risk)",
    "more_information_needed": "Amazon's answer: more information needed",
    "appeal_denied": "Amazon's answer: appeal denied",
    "reinstated": "Amazon's answer: account reinstated",
    "other": "not an Amazon account notice",
}

WHERE = {
    "merchant_token": ("Merchant token", WHERE_TO_FIND["merchant_token"]),
    "store_name": ("Store name", WHERE_TO_FIND["store_name"]),
    "case_ids": ("Case ID", WHERE_TO_FIND["case_ids"]),
    "notice_date": (
        "Date of the notice",
        "the date of the e-mail, or Account Health → the notice in Seller Central",
    ),
    "marketplace": (
        "Marketplace",
        "the Amazon store the notice came from (amazon.com, amazon.de, ...)",
    ),
}


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "parse",
        help="read Amazon notices or replies (.eml, pasted text, forwarded mail, mbox)",
        description=(
            "Read each notice and show what it says: kind, identifiers, reason, the documents "
            "Amazon asks for and the deadlines. Use - to read standard input."
        ),
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="a notice file, an mbox, or - for stdin"
    )
    p.add_argument("--json", action="store_true", help="JSON (JSON Lines for several messages)")
    p.set_defaults(handler=run)


def _read_input(name: str) -> bytes:
    from reinstate.core.errors import InputError

    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(name)
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if path.is_dir():
            raise InputError(f"{name}: is a folder, not a file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{name}: the input is empty")
    from reinstate.core.textfile import looks_binary

    if looks_binary(data):
        raise InputError(f"{name}: not a text or e-mail file (binary data)")
    return data


def _notices(names: list[str]) -> list[Notice]:
    from reinstate.core.errors import InputError
    from reinstate.core.notice.patterns import NOTICE_DIR, load_patterns, user_folder
    from reinstate.core.notice.reader import read_envelope
    from reinstate.core.notice.source import Unit, split_source

    inputs = [(name, _read_input(name)) for name in names]
    patterns = load_patterns(NOTICE_DIR, user_folder())
    jobs: list[tuple[str, Unit]] = []
    for name, data in inputs:
        units = split_source(data)
        if not units:
            raise InputError(f"{name}: no message found in the mailbox")
        jobs.extend((name, unit) for unit in units)
    if len(jobs) >= PROGRESS_FROM and sys.stderr.isatty():
        from tqdm import tqdm

        return [
            read_envelope(patterns, unit.envelope(), name)
            for name, unit in tqdm(jobs, desc="reading", unit="msg", file=sys.stderr)
        ]
    return [read_envelope(patterns, unit.envelope(), name) for name, unit in jobs]


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    try:
        from reinstate.core.knowledge import load_knowledge

        k = load_knowledge()
        reasons = {code: str(info.label) for code, info in k.reasons.items()}
        documents = {code: str(info.label) for code, info in k.documents.items()}
    except Exception:  # the summary still works with plain codes
        return {}, {}
    return reasons, documents


def _summary(notice: Notice, reasons: dict[str, str], documents: dict[str, str]) -> str:
    def words(code: str, table: dict[str, str]) -> str:
        return table.get(code, code.replace("_", " "))

    rows: list[tuple[str, str]] = [
        ("Subject", notice.subject or "—"),
        ("Received", notice.received_at.isoformat(sep=" ") if notice.received_at else "—"),
        ("Marketplace", notice.marketplace or "—"),
        ("Store name", notice.store_name or "—"),
        ("Merchant token", notice.merchant_token or "—"),
        ("Case IDs", ", ".join(notice.case_ids) or "—"),
        ("Notice date", notice.notice_date.isoformat() if notice.notice_date else "—"),
        ("Section 3", "cited" if notice.mentions_section_3 else "not cited"),
        ("Reason", words(notice.reason, reasons)),
        (
            "Amazon asks for",
            ", ".join(words(d, documents) for d in notice.requested_documents) or "—",
        ),
        ("ASINs", ", ".join(notice.asins) or "—"),
        ("Language", notice.language),
    ]
    if notice.clocks:
        rows.append(("Deadlines", "; ".join(c.text for c in notice.clocks)))
    if notice.addresses:
        rows.append(("Addresses", ", ".join(notice.addresses)))
    lines = [f"{notice.source}: {KIND_TEXT[notice.kind]}"]
    lines += [f"  {label + ':':<17} {value}" for label, value in rows]
    if notice.forwarder_note:
        note = " ".join(notice.forwarder_note.split())
        lines.append(f"  {'Forwarded with:':<17} {note[:200]}")
    if notice.kind != "other":
        missing = [
            WHERE[name]
            for name in ("merchant_token", "store_name", "case_ids", "notice_date", "marketplace")
            if not getattr(notice, name)
        ]
        if missing:
            lines.append("  Not in this notice — where to find it:")
            lines += [f"    - {label}: {where}" for label, where in missing]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    notices = _notices(args.files)
    if args.json:
        if len(notices) == 1:
            print_json(notices[0].contract())
        else:
            for notice in notices:
                print_json_line(notice.contract())
        return 0
    reasons, documents = _labels()
    sys.stdout.write("\n\n".join(_summary(n, reasons, documents) for n in notices) + "\n")
    return 0
