"""What the planner takes in (a case history, settings) and gives back (a plan, a verdict)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from reinstate.core.case import CaseFacts, CaseStatus, ContactRecord
from reinstate.core.codes import Channel
from reinstate.core.errors import InputError

ActionChannel = Channel | Literal["wait"]
ClockKind = Literal["deadline", "earliest", "expected"]


class PoaVersionInfo(BaseModel):
    """One saved version of the Plan of Action."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int = Field(ge=1)
    sha256: str
    created_at: datetime


class History(BaseModel):
    """Everything the planner knows about one case, in plain data.

    ``contacts`` holds every contact in and out (their order does not matter, the planner
    sorts them by time). ``documents`` are the SHA-256 hashes of every document attached to
    the case. ``notice_at`` is when Amazon sent the notice, if known; otherwise clocks that
    start at the notice start at the beginning of ``notice_date`` in the planner's time zone.
    """

    model_config = ConfigDict(extra="forbid")

    facts: CaseFacts
    opened_at: datetime
    notice_date: date | None
    contacts: list[ContactRecord] = Field(default_factory=list)
    poa_versions: list[PoaVersionInfo] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    status: CaseStatus = "open"
    notice_at: datetime | None = None


class PlannerSettings(BaseModel):
    """The rules a user may tune: quiet period, call-back threshold, time zone of the dates."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    quiet_hours: int = Field(default=48, ge=0, le=24 * 60)
    callback_after: int = Field(default=2, ge=1, le=20)
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone '{value}' (use a name like Europe/Berlin)"
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def parse(cls, **values: Any) -> PlannerSettings:
        """Build settings from user input; a bad value raises InputError with one line."""
        try:
            return cls(**values)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "settings"
            raise InputError(f"planner setting {field}: {err['msg']}") from None


class Action(BaseModel):
    """One thing to do: a channel to use (or "wait"), why, and how."""

    model_config = ConfigDict(extra="forbid")

    channel: ActionChannel
    why: str
    steps: list[str] = Field(default_factory=list)
    uncertain: bool = False
    until: datetime | None = None  # for "wait": when contact is fine again, if known
    asks: list[str] = Field(default_factory=list)  # for the call-back: what to ask for

    def contract(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "why": self.why,
            "steps": list(self.steps),
            "uncertain": self.uncertain,
            "until": self.until.isoformat() if self.until else None,
            "asks": list(self.asks),
        }


class Clock(BaseModel):
    """A deadline or waiting period with its computed date."""

    model_config = ConfigDict(extra="forbid")

    name: str
    label: str
    kind: ClockKind
    starts: datetime
    due: datetime
    passed: bool
    ended_by: Literal["time", "appeals"] = "time"
    description: str = ""
    contact: str | None = None

    def contract(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "kind": self.kind,
            "starts": self.starts.isoformat(),
            "due": self.due.isoformat(),
            "passed": self.passed,
            "ended_by": self.ended_by,
            "description": self.description,
            "contact": self.contact,
        }


class Strikes(BaseModel):
    """Unsuccessful appeals so far, and how many the notice still allows (None: no limit)."""

    model_config = ConfigDict(extra="forbid")

    used: int = 0
    left: int | None = None


class Plan(BaseModel):
    """The planner's answer; the first action is the one to take now."""

    model_config = ConfigDict(extra="forbid")

    actions: list[Action]
    warnings: list[str] = Field(default_factory=list)
    clocks: list[Clock] = Field(default_factory=list)
    strikes: Strikes = Field(default_factory=Strikes)
    missing: list[str] = Field(default_factory=list)
    status: CaseStatus = "open"

    @property
    def next(self) -> Action:
        return self.actions[0]

    def contract(self) -> dict[str, Any]:
        return {
            "actions": [a.contract() for a in self.actions],
            "warnings": list(self.warnings),
            "clocks": [c.contract() for c in self.clocks],
            "strikes": {"used": self.strikes.used, "left": self.strikes.left},
            "missing": list(self.missing),
            "status": self.status,
        }


class ContactVerdict(BaseModel):
    """Whether a proposed contact may go out: ``refused`` is None when it may."""

    model_config = ConfigDict(extra="forbid")

    refused: str | None = None
    warnings: list[str] = Field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return self.refused is None
