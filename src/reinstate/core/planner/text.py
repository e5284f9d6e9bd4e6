"""Small wording helpers shared by the planner's messages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from reinstate.core.where import WHERE_TO_FIND

CHANNEL_NAMES: dict[str, str] = {
    "appeal": "appeal in Seller Central",
    "email_reply": "reply to the notice e-mail",
    "ahs_callback": "Account Health Support call-back",
    "escalation_email": "escalation e-mail",
    "amazon_reply": "message from Amazon",
    "note": "note",
}

IDENTIFIER_PLACES: dict[str, str] = {
    "store_name": f"store name: {WHERE_TO_FIND['store_name']}",
    "merchant_token": f"merchant token: {WHERE_TO_FIND['merchant_token']}",
    "case_ids": f"case ID: {WHERE_TO_FIND['case_ids']}",
}


def when(moment: datetime, zone: ZoneInfo) -> str:
    """A date and time a seller reads at a glance, in their own time zone."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
