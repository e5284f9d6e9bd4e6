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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinstate.cli._output import print_json

if TYPE_CHECKING:
    from reinstate.core.case import CaseFacts
    from reinstate.core.compose import Attachment, PoaDraft

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


@dataclass
class DraftInputs:
    """Everything a renderer needs, read from the desk."""

    case: int
    facts: CaseFacts
    poa: PoaDraft
    documents: list[Attachment]
    new_documents: list[Attachment] = field(default_factory=list)  # never sent before
    sent_versions: dict[int, PoaDraft] = field(default_factory=dict)
    last_submission_at: datetime | None = None
    escalated_versions: list[int] = field(default_factory=list)

    def previous_sent(self) -> PoaDraft | None:
        """The latest version sent before the current one: what an escalation compares to."""
        earlier = [n for n in self.sent_versions if n < self.poa.version]
        return self.sent_versions[max(earlier)] if earlier else None


def _as_draft(version: Any) -> PoaDraft:
    """A stored version as the renderers see it: the parts found by their headings, or by
    the review where the text has no heading for a part."""
    from reinstate.core.compose import PoaDraft, parse_poa
    from reinstate.core.compose.model import split_parts
    from reinstate.core.knowledge.models import POA_PARTS

    parsed = parse_poa(version.text)
    parts: dict[str, str] = {}
    for part in POA_PARTS:
        text = parsed.part(part)
        if not text:
            stored = getattr(version, part) or ""
            text = split_parts(stored)[1][part] or stored.strip()
        parts[part] = text
    return PoaDraft(
        version=version.number,
        full_text=version.text,
        created_at=version.created_at,
        **parts,
    )


def load_inputs(case_id: str, doc_files: list[str]) -> DraftInputs:
    """The case, its latest POA version, the documents and what was sent before."""
    from reinstate.core.compose import Attachment
    from reinstate.core.errors import InputError
    from reinstate.desk.bootstrap import file_store
    from reinstate.desk.services._common import load_case, read_input
    from reinstate.desk.services.history import case_facts

    case = load_case(case_id)
    latest = case.plan_versions.order_by("-number").first()
    if latest is None:
        raise InputError(
            f"case {case.pk} has no Plan of Action yet; add one with "
            f"`reinstate case poa {case.pk} FILE`"
        )
    outgoing = (
        case.contacts.filter(direction="out")
        .exclude(channel="note")
        .select_related("plan_version")
        .prefetch_related("documents")
        .order_by("at", "pk")
    )
    inputs = DraftInputs(case=case.pk, facts=case_facts(case), poa=_as_draft(latest), documents=[])
    sent_documents: set[str] = set()
    for contact in outgoing:
        inputs.last_submission_at = contact.at
        sent_documents.update(d.sha256 for d in contact.documents.all())
        version = contact.plan_version
        if version is not None:
            inputs.sent_versions[version.number] = _as_draft(version)
            if contact.channel == "escalation_email":
                inputs.escalated_versions.append(version.number)
    if doc_files:
        inputs.documents = [Attachment(Path(f).name, read_input(f, "--doc")) for f in doc_files]
        inputs.new_documents = list(inputs.documents)
        return inputs
    store = file_store()
    for doc in case.documents.order_by("created_at", "pk"):
        name = doc.original_name or f"{doc.kind}-{doc.sha256[:8]}"
        attachment = Attachment(name, store.read(doc.sha256))
        inputs.documents.append(attachment)
        if doc.sha256 not in sent_documents:
            inputs.new_documents.append(attachment)
    return inputs


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


def render(args: argparse.Namespace, inputs: DraftInputs) -> tuple[str | bytes, dict[str, Any]]:
    """The draft and what the JSON output says about it."""
    from reinstate.core import compose
    from reinstate.core.errors import RefusedError

    names = [d.name for d in inputs.documents]
    info: dict[str, Any] = {"attachments": names, "warnings": []}
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
    previous = inputs.previous_sent()
    new_docs = inputs.new_documents
    to, warnings = _escalation_address(inputs.facts, args.to)
    info["warnings"] = warnings
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
