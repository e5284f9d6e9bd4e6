"""``reinstate evidence check``: check documents before they are sent, without a case."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from reinstate.cli._output import print_json, print_json_line

_MARK = {True: "passed     ", False: "FAILED     ", None: "not checked"}


def add_parser(sub: Any) -> None:
    p = sub.add_parser("evidence", help="check documents against Amazon's requirements")
    esub = p.add_subparsers(dest="evidence_command", metavar="SUBCOMMAND", required=True)
    check = esub.add_parser(
        "check",
        help="check one or more files (PDF, JPG, PNG, GIF) as a kind of document",
        description=(
            "Reads each file in a separate process with time and memory limits, and shows every "
            "requirement of the document kind as passed, failed or not checked, with the reason. "
            "Exit status: 0 nothing failed, 1 a file was refused or a check failed, 2 bad input."
        ),
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument(
        "--kind", required=True, help="the document kind: invoices, utility_bill, ... (DOC code)"
    )
    check.add_argument(
        "--notice-date", type=_iso_date, help="the date of Amazon's notice, YYYY-MM-DD"
    )
    check.add_argument("--store", help="the store (business) name to find on the document")
    check.add_argument("--timeout", type=float, default=20.0, help="seconds per file (20)")
    check.add_argument("--json", action="store_true", help="JSON (JSON Lines for several files)")
    check.set_defaults(handler=run_check)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def run_check(args: argparse.Namespace) -> int:
    from reinstate.core.case import CaseFacts
    from reinstate.core.codes import DOCS
    from reinstate.core.errors import InputError
    from reinstate.evidence import inspect_document

    if args.kind not in DOCS:
        raise InputError(f"unknown document kind '{args.kind}' (one of: {', '.join(DOCS)})")
    if args.timeout <= 0:
        raise InputError("--timeout must be more than 0 seconds")
    contents: list[tuple[str, bytes]] = []
    for name in args.files:
        try:
            contents.append((name, Path(name).read_bytes()))
        except OSError as exc:
            raise InputError(f"{name}: cannot be read: {exc.strerror}") from None
    facts = CaseFacts(store_name=args.store) if args.store else None
    worst = 0
    for name, content in contents:
        report = inspect_document(
            content,
            kind=args.kind,
            original_name=Path(name).name,
            notice_date=args.notice_date,
            facts=facts,
            timeout_s=args.timeout,
        )
        if not report.accepted or report.failed:
            worst = 1
        if args.json:
            data = {"source": name, **report.contract()}
            (print_json if len(contents) == 1 else print_json_line)(data)
        else:
            _print_text(name, report)
    return worst


def _print_text(name: str, report: Any) -> None:
    pages = f", {report.pages} page{'s' if report.pages != 1 else ''}" if report.pages else ""
    kind = report.detected_type or "unknown type"
    failed = sum(1 for check in report.checks if check.passed is False)
    if not report.accepted:
        state = f"REFUSED: {report.refused_reason}"
    elif failed:
        state = f"{failed} requirement{'s' if failed != 1 else ''} not met: fix before sending"
    else:
        state = "meets every requirement that could be checked"
    print(f"{name} ({kind}{pages}): {state}")
    if report.parse_error:
        print(f"  could not be read: {report.parse_error}")
    for check in report.checks:
        print(f"  {_MARK[check.passed]}  {check.label}")
        print(f"               {check.reason}")
