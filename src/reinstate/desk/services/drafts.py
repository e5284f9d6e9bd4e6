"""What drafting needs from a case: its facts, the latest POA version, the documents, what was
sent before. Plain data (core models, no rows), shared by the CLI and any web page or API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reinstate.core.case import CaseFacts
from reinstate.core.compose import Attachment, PoaDraft, parse_poa
from reinstate.core.compose.model import split_parts
from reinstate.core.errors import InputError
from reinstate.core.knowledge.models import POA_PARTS
from reinstate.desk.services._common import load_case
from reinstate.desk.services.history import case_facts


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
    # document name -> the requirements it fails (from the checks made when it was attached)
    failing: dict[str, list[str]] = field(default_factory=dict)

    def previous_sent(self) -> PoaDraft | None:
        """The latest version sent before the current one: what an escalation compares to."""
        earlier = [n for n in self.sent_versions if n < self.poa.version]
        return self.sent_versions[max(earlier)] if earlier else None


def as_draft(version: Any) -> PoaDraft:
    """A stored version as the renderers see it: the parts found by their headings, or by
    the review where the text has no heading for a part."""
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


def draft_inputs(case_id: int | str, docs: list[tuple[str, bytes]] | None = None) -> DraftInputs:
    """The case, its latest POA version, the documents and what was sent before.

    ``docs`` (name, content) replaces the case's own documents when given: all of them count
    as new. Without it the case's stored documents are used, those never sent marked new.
    """
    from reinstate.desk.bootstrap import file_store

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
    inputs = DraftInputs(case=case.pk, facts=case_facts(case), poa=as_draft(latest), documents=[])
    sent_documents: set[str] = set()
    for contact in outgoing:
        inputs.last_submission_at = contact.at
        sent_documents.update(d.sha256 for d in contact.documents.all())
        version = contact.plan_version
        if version is not None:
            inputs.sent_versions[version.number] = as_draft(version)
            if contact.channel == "escalation_email":
                inputs.escalated_versions.append(version.number)
    if docs is not None:
        inputs.documents = [Attachment(name, content) for name, content in docs]
        inputs.new_documents = list(inputs.documents)
        return inputs
    store = file_store()
    for doc in case.documents.order_by("created_at", "pk"):
        name = doc.original_name or f"{doc.kind}-{doc.sha256[:8]}"
        attachment = Attachment(name, store.read(doc.sha256))
        inputs.documents.append(attachment)
        failed = [
            str(c.get("label") or c.get("id"))
            for c in (doc.checks or [])
            if isinstance(c, dict) and c.get("passed") is False
        ]
        if failed:
            inputs.failing[name] = failed
        if doc.sha256 not in sent_documents:
            inputs.new_documents.append(attachment)
    return inputs


def facts_of(case_id: int | str) -> CaseFacts:
    """The identifiers and facts of one case, as the core sees them."""
    return case_facts(load_case(case_id))
