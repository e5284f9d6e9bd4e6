"""Small wording helpers shared by the planner's messages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

CHANNEL_NAMES: dict[str, str] = {
    "appeal": "appeal in Seller Central",
    "email_reply": "reply to the notice e-mail",
    "ahs_callback": "Account Health Support call-back",
    "escalation_email": "escalation e-mail",
    "amazon_reply": "message from Amazon",
    "note": "note",
}

IDENTIFIER_PLACES: dict[str, str] = {
    "store_name": "store name: Seller Central → Settings → Account Info (your display name)",
    "merchant_token": (
        "merchant token: Seller Central → Settings → Account Info → Your Merchant Token"
    ),
    "case_ids": "case ID: printed in Amazon's notice, or in Seller Central's Case Log",
}


def when(moment: datetime, zone: ZoneInfo) -> str:
    """A date and time a seller reads at a glance, in their own time zone."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
