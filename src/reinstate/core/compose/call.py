"""The Account Health Support call: a one-page script, and call notes saved as a contact."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from reinstate.core.case import CaseFacts, ContactRecord
from reinstate.core.compose.diff import statements
from reinstate.core.compose.headers import sanitize_header
from reinstate.core.compose.identity import case_reference, identifier_lines, long_date
from reinstate.core.compose.model import PoaDraft
from reinstate.core.errors import InputError

# (key, label as printed in the template); the labels are what parse_call_notes reads back.
NOTE_FIELDS: tuple[tuple[str, str], ...] = (
    ("called_at", "Date and time of the call (YYYY-MM-DD HH:MM)"),
    ("agent", "Agent name or ID"),
    ("reason_code", "Reason code they confirmed"),
    ("appeal_visible", "Investigator can see the latest appeal and documents (yes/no/unsure)"),
    ("internal_note", "Internal note added asking for a fresh review (yes/no)"),
    ("reference_id", "New case or reference ID"),
    ("next_steps", "What they said happens next"),
    ("follow_up", "Follow-up date they gave"),
)
_YES = re.compile(r"^\s*(?:y|yes|yeah|yep|ja|oui|true|confirmed)\b", re.IGNORECASE)
_NO = re.compile(r"^\s*(?:n|no|nope|nein|non|false|not)\b", re.IGNORECASE)
MAX_CORRECTIONS = 3
MAX_POINT = 160


def spelled_token(token: str) -> str:
    """A merchant token in groups of four, easier to read out: "A3KQ 7X2M 9PLZ 4T"."""
    return " ".join(token[i : i + 4] for i in range(0, len(token), 4))


def _short(text: str) -> str:
    """A point short enough to read out, cut at a word boundary."""
    if len(text) <= MAX_POINT:
        return text
    cut = text[: MAX_POINT - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-") + "…"


def render_call_notes_template() -> str:
    """The call notes to fill in during the call; :func:`parse_call_notes` reads them back."""
    lines = ["CALL NOTES (fill in during the call)"]
    lines += [f"{label}:" for _, label in NOTE_FIELDS]
    return "\n".join(lines) + "\n"


def render_call_script(
    facts: CaseFacts, poa: PoaDraft | None, last_submission_at: datetime | None
) -> str:
    """One page for the Account Health Support call-back: what to read out, the three asks,
    what to keep in mind, and the call notes to fill in."""
    ref = case_reference(facts)
    title = "ACCOUNT HEALTH SUPPORT CALL"
    store = sanitize_header(facts.store_name or "")
    if store:
        title += f" – {store}"
    out = [title, ""]
    out.append(
        "Before the call: open Account Health in Seller Central and keep this page and "
        "the latest Plan of Action at hand."
    )
    out += ["", "READ OUT WHEN ASKED"]
    for label, value in identifier_lines(facts):
        if label == "Merchant token":
            value = f"{value} (read as: {spelled_token(value)})"
        out.append(f"  {label}: {value}")
    if poa is not None:
        out.append(f"  Latest Plan of Action: version {poa.version}")
    if last_submission_at is not None:
        out.append(f"  Latest appeal submitted: {long_date(last_submission_at.date())}")

    when = f" on {long_date(last_submission_at.date())}" if last_submission_at else ""
    out += ["", "OPENING (in your own words)"]
    out.append(
        f'  "I am calling about the deactivation of my selling account{", " + ref if ref else ""}.'
        ' I would like to confirm three things about my appeal."'
    )
    out += ["", "THE THREE ASKS"]
    out.append("  1. Confirm the exact reason code.")
    out.append(
        '     "Which policy or reason code is the deactivation recorded under?" '
        "Write down their exact words."
    )
    out.append("  2. Confirm the investigator sees the latest appeal and documents.")
    out.append(
        f'     "Can the investigator see the appeal I submitted{when} and every document '
        'attached to it?" If not, ask how to make them visible.'
    )
    out.append("  3. Ask for internal notes and a fresh review.")
    out.append(
        '     "Could you add an internal note to my case that summarises the corrections '
        'below, and request a fresh review by Seller Performance?"'
    )
    corrections = statements(poa.corrective_actions)[:MAX_CORRECTIONS] if poa else []
    if corrections:
        out.append("     Corrections to summarise:")
        out += [f"     - {_short(point)}" for point in corrections]

    out += ["", "KEEP IN MIND"]
    out.append(
        "  - Account Health Support cannot overturn Seller Performance; the aim is a correct "
        "record and a fresh review."
    )
    out.append("  - Stay brief and factual: no talk of money or losses, no complaints or threats.")
    out.append("  - Before hanging up, note the agent's name and any new case or reference ID.")
    out += ["", render_call_notes_template().rstrip("\n")]
    return "\n".join(out) + "\n"


class CallNotes(BaseModel):
    """The answers written in the call notes, ready to be saved as a contact."""

    model_config = ConfigDict(extra="forbid")

    called_at: datetime | None = None
    agent: str | None = None
    reason_code: str | None = None
    appeal_visible: bool | None = None
    internal_note: bool | None = None
    reference_id: str | None = None
    next_steps: str | None = None
    follow_up: str | None = None

    def outcome(self) -> str:
        """A one-line summary for the case timeline."""
        bits = []
        if self.reason_code:
            bits.append(f"reason code: {self.reason_code}")
        for label, value in (
            ("appeal visible to investigator", self.appeal_visible),
            ("internal note added", self.internal_note),
        ):
            if value is not None:
                bits.append(f"{label}: {'yes' if value else 'no'}")
        if self.reference_id:
            bits.append(f"reference: {self.reference_id}")
        if self.next_steps:
            bits.append(f"next: {self.next_steps}")
        if self.agent:
            bits.append(f"agent: {self.agent}")
        return "; ".join(bits) or "call held, no notes"

    def to_contact(
        self, at: datetime | None = None, poa_version: int | None = None
    ) -> ContactRecord:
        """The contact the desk records: an Account Health Support call-back."""
        when = self.called_at or at
        if when is None:
            raise InputError("the call notes give no date and time of the call")
        return ContactRecord(
            channel="ahs_callback",
            direction="out",
            at=when,
            subject="Account Health Support call",
            poa_version=poa_version,
            outcome=self.outcome(),
        )


def _yes_no(value: str) -> bool | None:
    if _YES.match(value):
        return True
    if _NO.match(value):
        return False
    return None


def _parse_when(value: str) -> datetime:
    cleaned = value.strip().replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d.%m.%Y %H:%M", "%d.%m.%Y"):
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f"call notes: cannot read the date and time {value.strip()!r} (use YYYY-MM-DD HH:MM)"
        ) from None


def _field_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (
            key,
            re.compile(
                r"^\s*" + re.escape(label.split(" (")[0]) + r"\s*(?:\([^)]*\))?\s*:\s*(?P<a>.*)$",
                re.IGNORECASE,
            ),
        )
        for key, label in NOTE_FIELDS
    ]


_FIELDS = _field_patterns()


def parse_call_notes(text: str) -> CallNotes:
    """Read the filled-in call notes template back; other lines are ignored."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        for key, pattern in _FIELDS:
            match = pattern.match(line)
            if match:
                if match.group("a").strip():
                    values[key] = match.group("a").strip()
                break
    notes = CallNotes(
        agent=values.get("agent"),
        reason_code=values.get("reason_code"),
        reference_id=values.get("reference_id"),
        next_steps=values.get("next_steps"),
        follow_up=values.get("follow_up"),
    )
    if "called_at" in values:
        notes.called_at = _parse_when(values["called_at"])
    if "appeal_visible" in values:
        notes.appeal_visible = _yes_no(values["appeal_visible"])
    if "internal_note" in values:
        notes.internal_note = _yes_no(values["internal_note"])
    return notes
