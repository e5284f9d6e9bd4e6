"""A case history read as a timeline: what went out, what came back, where the case stands.

Everything here is derived from the contacts alone, up to a point in time, so the same
history can be asked "what now?" for any moment of the case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from reinstate.core.case import CaseStatus, ContactRecord
from reinstate.core.errors import InputError
from reinstate.core.planner.models import History, PoaVersionInfo

MAIN_CHANNELS = frozenset({"appeal", "email_reply"})
OUTGOING_CHANNELS = frozenset({"appeal", "email_reply", "ahs_callback", "escalation_email"})
UNSUCCESSFUL = frozenset({"appeal_denied", "more_information_needed"})
KIND_TO_STATUS: dict[str, CaseStatus] = {
    "appeal_denied": "denied",
    "more_information_needed": "more_info_requested",
    "reinstated": "reinstated",
}

PoaKey = str


def is_outgoing(contact: ContactRecord) -> bool:
    """A contact the seller made with Amazon (notes and Amazon's messages are not)."""
    return contact.direction == "out" and contact.channel in OUTGOING_CHANNELS


def is_from_amazon(contact: ContactRecord) -> bool:
    return contact.channel == "amazon_reply" or (
        contact.direction == "in" and contact.channel != "note"
    )


def require_aware(value: datetime, what: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(f"{what} ({value.isoformat()}) has no time zone; give it with an offset")


def check_history_times(history: History) -> None:
    """Every time the planner compares must be aware; a naive one is a clear input error."""
    require_aware(history.opened_at, "the case's opening time")
    if history.notice_at is not None:
        require_aware(history.notice_at, "the notice's time")
    for contact in history.contacts:
        require_aware(contact.at, f"the time of the {contact.channel} contact")
    for version in history.poa_versions:
        require_aware(version.created_at, f"the time of Plan of Action version {version.number}")


@dataclass
class Timeline:
    """The history up to ``until``, sorted, with the facts the rules need."""

    history: History
    until: datetime
    contacts: list[ContactRecord] = field(default_factory=list)
    versions: list[PoaVersionInfo] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.contacts = sorted(
            (c for c in self.history.contacts if c.at <= self.until), key=lambda c: c.at
        )
        self.versions = sorted(
            (v for v in self.history.poa_versions if v.created_at <= self.until),
            key=lambda v: (v.number, v.created_at),
        )
        self._sha_of = {v.number: v.sha256 for v in self.history.poa_versions}

    # -- the Plan of Action ------------------------------------------------------------

    def poa_key(self, contact: ContactRecord) -> PoaKey | None:
        """What identifies the plan a contact carried: its hash, else its version number."""
        if contact.poa_sha256:
            return contact.poa_sha256
        if contact.poa_version is not None:
            return self._sha_of.get(contact.poa_version, f"version {contact.poa_version}")
        return None

    def version_key(self, version: PoaVersionInfo) -> PoaKey:
        return version.sha256

    def version_label(self, key: PoaKey | None) -> str:
        for version in self.versions:
            if version.sha256 == key:
                return f"version {version.number}"
        if key and key.startswith("version "):
            return key
        return "the same version"

    @property
    def latest_version(self) -> PoaVersionInfo | None:
        return self.versions[-1] if self.versions else None

    # -- contacts ----------------------------------------------------------------------

    @property
    def outgoing(self) -> list[ContactRecord]:
        return [c for c in self.contacts if is_outgoing(c)]

    @property
    def main_out(self) -> list[ContactRecord]:
        return [c for c in self.outgoing if c.channel in MAIN_CHANNELS]

    @property
    def from_amazon(self) -> list[ContactRecord]:
        return [c for c in self.contacts if is_from_amazon(c)]

    @property
    def last_out(self) -> ContactRecord | None:
        out = self.outgoing
        return out[-1] if out else None

    @property
    def last_main_out(self) -> ContactRecord | None:
        out = self.main_out
        return out[-1] if out else None

    @property
    def last_from_amazon(self) -> ContactRecord | None:
        replies = self.from_amazon
        return replies[-1] if replies else None

    def replies_after(self, moment: datetime) -> list[ContactRecord]:
        return [c for c in self.from_amazon if c.at > moment]

    def outgoing_after(self, moment: datetime, channels: Iterable[str]) -> list[ContactRecord]:
        wanted = set(channels)
        return [c for c in self.outgoing if c.at > moment and c.channel in wanted]

    def carried_keys(self, channels: Iterable[str] = OUTGOING_CHANNELS) -> set[PoaKey]:
        wanted = set(channels)
        keys = {self.poa_key(c) for c in self.outgoing if c.channel in wanted}
        keys.discard(None)
        return {k for k in keys if k is not None}

    def carried_documents(self) -> set[str]:
        return {doc for c in self.outgoing for doc in c.documents}

    def unsent_documents(self) -> list[str]:
        sent = self.carried_documents()
        return [doc for doc in self.history.documents if doc not in sent]

    def unsent_latest_version(self) -> PoaVersionInfo | None:
        """The newest Plan of Action version, if no contact has carried it yet."""
        latest = self.latest_version
        if latest is None or self.version_key(latest) in self.carried_keys():
            return None
        return latest

    def last_carrying(self, key: PoaKey) -> ContactRecord | None:
        """The latest outgoing contact that carried the plan ``key``."""
        carrying = [c for c in self.outgoing if self.poa_key(c) == key]
        return carrying[-1] if carrying else None

    def escalation_key(self, contact: ContactRecord) -> PoaKey | None:
        """The revision an escalation is about: the plan it carried, else the newest version
        saved by then (an escalation always concerns the current plan)."""
        key = self.poa_key(contact)
        if key is not None:
            return key
        saved = [v for v in self.versions if v.created_at <= contact.at]
        return self.version_key(saved[-1]) if saved else None

    def escalated_keys(self) -> set[PoaKey]:
        keys = {self.escalation_key(c) for c in self.outgoing if c.channel == "escalation_email"}
        return {k for k in keys if k is not None}

    # -- outcomes ----------------------------------------------------------------------

    def unsuccessful_replies(self) -> list[ContactRecord]:
        """Amazon's denials and requests for more information that answered an appeal.

        A reply counts when an appeal (or reply to the notice) went out before it and had
        not been answered yet. The first such reply counts even with no appeal recorded,
        because the seller appealed before the case was on the desk.
        """
        counted: list[ContactRecord] = []
        pending = False
        seen_main = False
        for contact in self.contacts:
            if is_outgoing(contact) and contact.channel in MAIN_CHANNELS:
                pending = True
                seen_main = True
            elif is_from_amazon(contact) and contact.reply_kind in UNSUCCESSFUL:
                if pending or (not seen_main and not counted and not self._notice_counts):
                    counted.append(contact)
                pending = False
            elif is_from_amazon(contact) and contact.reply_kind == "reinstated":
                pending = False
        return counted

    @property
    def _notice_counts(self) -> bool:
        return self.history.facts.notice_kind in UNSUCCESSFUL

    def strikes_used(self) -> int:
        return len(self.unsuccessful_replies()) + (1 if self._notice_counts else 0)

    def denied_keys(self) -> set[PoaKey]:
        """Plans of Action that Amazon answered with a denial."""
        keys: set[PoaKey] = set()
        last_key: PoaKey | None = None
        for contact in self.contacts:
            if is_outgoing(contact):
                last_key = self.poa_key(contact) or last_key
            elif is_from_amazon(contact) and contact.reply_kind == "appeal_denied" and last_key:
                keys.add(last_key)
        return keys

    def status(self) -> CaseStatus:
        """Where the case stands: the timeline decides, the stored status fills the gaps.

        Reinstated and closed cases stay so. Otherwise the last appeal or Amazon answer
        says it: an appeal with no answer after it is awaiting a reply, and so on.
        """
        stored = self.history.status
        if stored in ("reinstated", "closed"):
            return stored
        derived: CaseStatus | None = None
        for contact in self.contacts:
            if is_outgoing(contact) and contact.channel in MAIN_CHANNELS:
                derived = "awaiting_reply"
            elif is_from_amazon(contact) and contact.reply_kind in KIND_TO_STATUS:
                derived = KIND_TO_STATUS[contact.reply_kind]
        if derived is not None:
            return derived
        if stored == "open" and self.history.facts.notice_kind in KIND_TO_STATUS:
            return KIND_TO_STATUS[self.history.facts.notice_kind]
        return stored
