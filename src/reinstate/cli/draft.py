"""``reinstate draft ID --as FORMAT``: what to send, drawn from a case and its latest POA version.

Formats: ``form`` (Seller Central form text), ``eml`` (the reply to the notice), ``escalation``
(the single escalation e-mail), ``call-script`` (Account Health Support call), ``pdf`` and
``docx`` (the POA as a letter). Text formats go to stdout unless ``-o`` is given; the others
need ``-o`` when stdout is a terminal. Drafting records nothing: log the contact with
``reinstate case log`` once it is sent.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinstate.cli._output import print_json

if TYPE_CHECKING:
    from reinstate.core.case import CaseFacts
    from reinstate.desk.services.drafts import DraftInputs

FORMATS = ("form", "eml", "escalation", "call-script", "pdf", "docx")
SUFFIX = {"eml": ".eml", "escalation": ".eml", "pdf": ".pdf", "docx": ".docx"}


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "draft",
        help="draft what to send: form text, reply .eml, escalation, call script, PDF, DOCX",
        description=(
            "Draft a message from a case and its latest Plan of Action version. Without --doc "
            "the case's own documents are used."
        ),
    )
    p.add_argument("id", metavar="ID", help="the case number (see `reinstate case list`)")
    p.add_argument("--as", dest="format", required=True, choices=FORMATS, help="what to draft")
    p.add_argument(
        "--doc",
        metavar="FILE",
        action="append",
        default=[],
        help="a document to attach or list, instead of the case's documents (repeatable)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    p.add_argument("--to", metavar="ADDRESS", help="escalation: the address to write to")
    p.add_argument("--from", dest="sender", metavar="ADDRESS", help="e-mail: your address")
    p.add_argument("--json", action="store_true", help="JSON output (text, or what was written)")
    p.set_defaults(handler=run)


def load_inputs(case_id: str, doc_files: list[str]) -> DraftInputs:
    """The desk's drafting inputs; ``--doc`` files, when given, replace the case's documents."""
    from reinstate.desk.services._common import read_input
    from reinstate.desk.services.drafts import draft_inputs

    docs = [(Path(f).name, read_input(f, "--doc")) for f in doc_files] if doc_files else None
    return draft_inputs(case_id, docs)


def _escalation_address(facts: CaseFacts, given: str | None) -> tuple[str | None, list[str]]:
    if given:
        return given, []
    from reinstate.core.knowledge import load_knowledge

    market = load_knowledge().marketplaces.get(facts.marketplace or "")
    if market is None or not market.escalation_address:
        return None, [
            "no escalation address is known for this marketplace; the message has no "
            "recipient (give --to ADDRESS)"
        ]
    if market.escalation_status == "deprecated":
        return None, [
            f"{market.escalation_address} is known to no longer work; the message has no "
            "recipient (give --to ADDRESS if you have a working one)"
        ]
    warnings = []
    if market.escalation_status != "works":
        warnings.append(
            f"whether {market.escalation_address} still answers is not confirmed; "
            "send one message at most"
        )
    return market.escalation_address, warnings


def _failing(inputs: DraftInputs, names: list[str]) -> list[str]:
    """A warning for each attached document that fails one of Amazon's requirements."""
    return [
        f"{name} does not meet: {'; '.join(inputs.failing[name])}. Replace it before sending."
        for name in names
        if name in inputs.failing
    ]


def render(args: argparse.Namespace, inputs: DraftInputs) -> tuple[str | bytes, dict[str, Any]]:
    """The draft and what the JSON output says about it."""
    from reinstate.core import compose
    from reinstate.core.errors import RefusedError

    names = [d.name for d in inputs.documents]
    info: dict[str, Any] = {"attachments": names, "warnings": _failing(inputs, names)}
    fmt = args.format
    if fmt == "form":
        return compose.render_form_text(inputs.facts, inputs.poa, names), info
    if fmt == "call-script":
        return compose.render_call_script(inputs.facts, inputs.poa, inputs.last_submission_at), info
    if fmt == "pdf":
        return compose.render_pdf(inputs.facts, inputs.poa, names), info
    if fmt == "docx":
        return compose.render_docx(inputs.facts, inputs.poa, names), info
    if fmt == "eml":
        return (
            compose.render_reply_eml(inputs.facts, inputs.poa, inputs.documents, args.sender),
            info,
        )
    # escalation: once per POA version, saying what changed since the version last sent
    if inputs.poa.version in inputs.escalated_versions:
        raise RefusedError(
            f"an escalation was already sent for Plan of Action version {inputs.poa.version}; "
            "only a new version justifies another one"
        )
    new_docs = inputs.new_documents
    sent_before = inputs.sent_versions.get(inputs.poa.version)
    if sent_before is not None and not new_docs:
        raise RefusedError(
            f"Plan of Action version {inputs.poa.version} already went out and nothing new has "
            "been added since; an escalation needs a rewritten version (`reinstate guide` or "
            "`reinstate case poa`) or new documents"
        )
    # what changed: against this same version when it already went out (new documents only),
    # else against the version sent before it
    previous = sent_before if sent_before is not None else inputs.previous_sent()
    to, warnings = _escalation_address(inputs.facts, args.to)
    info["warnings"] = warnings + _failing(inputs, [d.name for d in new_docs])
    info["attachments"] = [d.name for d in new_docs]
    info["previous_version"] = previous.version if previous else None
    data = compose.render_escalation_eml(
        inputs.facts,
        inputs.poa,
        previous,
        [d.name for d in new_docs],
        new_docs,
        to_address=to,
        from_address=args.sender,
    )
    return data, info


def _write(data: str | bytes, output: str | None, fmt: str) -> str | None:
    """Write the draft to ``output`` (or stdout); the path written, if any."""
    from reinstate.core.errors import InputError

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None:
        if isinstance(data, bytes) and sys.stdout.isatty():
            raise InputError(
                f"--as {fmt} makes a binary file; give -o FILE{SUFFIX.get(fmt, '')} "
                "or redirect the output"
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return None
    path = Path(output)
    try:
        path.write_bytes(raw)
    except OSError as exc:
        raise InputError(f"-o: {output}: {exc.strerror}") from None
    return str(path)


def run(args: argparse.Namespace) -> int:
    from reinstate.core.errors import InputError
    from reinstate.desk.bootstrap import ensure_ready

    if args.to and args.format != "escalation":
        raise InputError(
            "--to goes with --as escalation; a reply .eml goes back to the address the notice "
            "came from"
        )
    if args.sender and args.format not in ("eml", "escalation"):
        raise InputError("--from goes with --as eml or --as escalation (an e-mail)")
    ensure_ready()
    inputs = load_inputs(args.id, args.doc)
    data, info = render(args, inputs)
    summary: dict[str, Any] = {
        "schema": 1,
        "case": inputs.case,
        "as": args.format,
        "poa_version": inputs.poa.version,
        **info,
    }
    if args.json:
        if isinstance(data, bytes) and not args.output:
            raise InputError(
                f"--as {args.format} --json needs -o FILE: the JSON says what was written"
            )
        if isinstance(data, str) and not args.output:
            summary["text"] = data
        else:
            summary["output"] = _write(data, args.output, args.format)
            summary["bytes"] = len(data.encode("utf-8") if isinstance(data, str) else data)
        print_json(summary)
        return 0
    written = _write(data, args.output, args.format)
    for warning in info["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    if written:
        print(
            f"case {inputs.case}: {args.format} from Plan of Action version "
            f"{inputs.poa.version} written to {written}",
            file=sys.stderr,
        )
    return 0
