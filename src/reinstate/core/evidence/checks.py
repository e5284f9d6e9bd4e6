"""The document checks by name, and the runner that turns a kind's requirements into results.

A check is a plain function of a :class:`CheckContext` returning ``(passed, reason)``; the
names are the ``check`` values of ``documents.toml``. The knowledge models accept only the
names in ``reinstate.core.knowledge.models.CHECKS``; a name without code here would still yield
a result (``passed=None``, saying so), never nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import PurePath

from reinstate.core.case import CaseFacts
from reinstate.core.evidence import text as tx
from reinstate.core.evidence.dates import FoundDate, find_dates, issue_date
from reinstate.core.evidence.models import CheckResult, ParsedDocument
from reinstate.core.evidence.screenshot import judge_image, judge_pdf
from reinstate.core.knowledge.models import DocumentKind

Outcome = tuple[bool | None, str]
CheckFn = Callable[["CheckContext"], Outcome]

TYPE_NAMES: dict[str, str] = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "image/gif": "GIF",
}
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "application/pdf": ("pdf",),
    "image/jpeg": ("jpg", "jpeg", "jpe"),
    "image/png": ("png",),
    "image/gif": ("gif",),
}
_MIN_TEXT = 20  # fewer characters than this: the PDF is a scan without a text layer


@dataclass
class CheckContext:
    """Everything a check may look at for one document."""

    kind: str
    info: DocumentKind | None
    size: int
    max_bytes: int
    size_source: str
    detected_type: str | None
    refused_reason: str | None
    parsed: ParsedDocument | None
    notice_date: date | None
    today: date
    facts: CaseFacts | None = None
    original_name: str = ""

    @cached_property
    def dates(self) -> list[FoundDate]:
        return find_dates(self.parsed.text) if self.parsed else []

    @property
    def kind_label(self) -> str:
        return self.info.label if self.info else self.kind.replace("_", " ")


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.3g} MB"


def _text_or_why(ctx: CheckContext) -> str | Outcome:
    """The document's text, or the ``(None, reason)`` that says why it cannot be read."""
    if ctx.refused_reason and ctx.parsed is None:
        return None, f"not checked: the file was refused ({ctx.refused_reason})"
    parsed = ctx.parsed
    if parsed is None:
        return None, "not checked: the file was not read"
    if parsed.failure:
        return None, f"not checked: the file could not be read ({parsed.error})"
    if parsed.image is not None:
        return None, "an image: its text cannot be read here (no text recognition); check it by eye"
    if len(parsed.text.strip()) < _MIN_TEXT:
        return None, (
            "the PDF has no text layer (a scan or a picture), so its text cannot be read here; "
            "check it by eye"
        )
    return parsed.text


def check_file_type(ctx: CheckContext) -> Outcome:
    accepted = ctx.info.accepted_types if ctx.info else list(TYPE_NAMES)
    names = ", ".join(TYPE_NAMES.get(t, t) for t in accepted)
    if ctx.detected_type in accepted:
        found = TYPE_NAMES.get(ctx.detected_type, ctx.detected_type)
        reason = f"a {found} file (read from its content); accepted: {names}"
        suffix = PurePath(ctx.original_name).suffix.lower().lstrip(".")
        usual = _SUFFIXES.get(ctx.detected_type, ())
        if suffix and usual and suffix not in usual:
            reason += f"; its name ends in .{suffix}: rename it to .{usual[0]}"
        return True, reason
    if ctx.refused_reason:
        return False, ctx.refused_reason
    return False, f"not one of the accepted types for {ctx.kind_label}: {names}"


def check_max_size(ctx: CheckContext) -> Outcome:
    if ctx.size > ctx.max_bytes:
        return False, (
            f"{_megabytes(ctx.size)}, over the limit of {_megabytes(ctx.max_bytes)} "
            f"({ctx.size_source}); reduce the resolution or split the file"
        )
    return True, f"{_megabytes(ctx.size)}, within the limit of {_megabytes(ctx.max_bytes)}"


def check_readable(ctx: CheckContext) -> Outcome:
    parsed = ctx.parsed
    if parsed is None:
        return None, f"not read: the file was refused ({ctx.refused_reason})"
    if parsed.failure == "timeout":
        return None, f"not read: {parsed.error}"
    if parsed.failure:
        return False, f"it could not be opened: {parsed.error}"
    if parsed.pages == 0:
        return False, "the PDF opens but has no pages"
    if not parsed.pages:
        return True, "opened without problems"
    return True, f"opened without problems ({parsed.pages} page{'s' if parsed.pages != 1 else ''})"


def check_not_password_protected(ctx: CheckContext) -> Outcome:
    parsed = ctx.parsed
    if ctx.detected_type != "application/pdf":
        if ctx.detected_type in TYPE_NAMES:
            return True, "an image file, which cannot carry a password"
        return None, f"not checked: the file was refused ({ctx.refused_reason})"
    if parsed is None or parsed.failure in ("timeout", "crash", "memory", "bomb"):
        why = parsed.error if parsed else ctx.refused_reason
        return None, f"not checked: the file could not be read ({why})"
    if parsed.needs_password:
        return False, (
            "the PDF is protected by a password, so Amazon cannot open it; "
            "save or print it again as a PDF without a password"
        )
    if parsed.encrypted:
        return True, "the PDF opens without a password (it only restricts printing or editing)"
    if parsed.failure:
        return None, f"not checked: the file could not be read ({parsed.error})"
    return True, "the PDF opens without a password"


def check_not_screenshot(ctx: CheckContext) -> Outcome:
    parsed = ctx.parsed
    if parsed is None:
        return None, f"not checked: the file was refused ({ctx.refused_reason})"
    if parsed.image is not None:
        return judge_image(parsed.image)
    if parsed.failure:
        return None, f"not checked: the file could not be read ({parsed.error})"
    return judge_pdf(parsed.metadata, parsed.page_images, len(parsed.text.strip()) >= _MIN_TEXT)


def _window_check(
    ctx: CheckContext, days: int, reference: date, after_ok_until: date | None, what: str
) -> Outcome:
    text = _text_or_why(ctx)
    if not isinstance(text, str):
        return text
    chosen, how = issue_date(ctx.dates)
    if chosen is None:
        return (
            False,
            f"no date was found in the text; {ctx.kind_label} must show the date it was issued",
        )
    issued = chosen.value
    oldest = reference - timedelta(days=days)
    if issued > reference:
        if after_ok_until is not None and issued <= after_ok_until:
            return True, f"dated {issued.isoformat()} ({how}), after {what}, so recent enough"
        return False, f"dated {issued.isoformat()} ({how}), after {what}; it must be older"
    age = (reference - issued).days
    if issued < oldest:
        return False, (
            f"dated {issued.isoformat()} ({how}): {age} days before {what}, "
            f"more than the {days} days allowed"
        )
    return True, f"dated {issued.isoformat()} ({how}): {age} days before {what}, within {days} days"


def _days(ctx: CheckContext, default: int) -> int:
    return ctx.info.max_age_days if ctx.info and ctx.info.max_age_days else default


def _notice_window(ctx: CheckContext, default_days: int) -> Outcome:
    if ctx.notice_date is None:
        return None, "the notice date is not known, so the invoice's age cannot be checked"
    return _window_check(ctx, _days(ctx, default_days), ctx.notice_date, None, "the notice")


def check_invoice_date(ctx: CheckContext) -> Outcome:
    return _notice_window(ctx, 365)


def check_recent_bill(ctx: CheckContext, default_days: int = 90) -> Outcome:
    """Within the days allowed before the notice (or today); a bill issued since is fine too."""
    days = _days(ctx, default_days)
    if ctx.notice_date is not None:
        return _window_check(ctx, days, ctx.notice_date, ctx.today, "the notice")
    return _window_check(ctx, days, ctx.today, None, "today")


def check_within_max_age(ctx: CheckContext) -> Outcome:
    days = _days(ctx, 365)
    if ctx.notice_date is not None:
        return _window_check(ctx, days, ctx.notice_date, None, "the notice")
    return _window_check(ctx, days, ctx.today, None, "today")


def check_says_invoice(ctx: CheckContext) -> Outcome:
    text = _text_or_why(ctx)
    if not isinstance(text, str):
        return text
    pro_forma = tx.PRO_FORMA.search(text)
    if pro_forma:
        return False, (
            f"it says '{pro_forma.group(0)}': a pro forma is not proof of a completed purchase; "
            "ask the supplier for the final invoice"
        )
    title = tx.document_title(text)
    if title is not None and not title.is_invoice:
        return False, (
            f"it is titled '{title.words}', not an invoice; Amazon accepts only invoices for "
            "completed purchases; ask the supplier for the invoice"
        )
    if title is None and not tx.INVOICE_WORD.search(text):
        return False, "the document does not call itself an invoice anywhere"
    word = title.words if title else tx.INVOICE_WORD.search(text).group(0)  # type: ignore[union-attr]
    return True, f"it calls itself '{word}', and not a pro forma, quote or order confirmation"


def check_supplier_contact(ctx: CheckContext) -> Outcome:
    text = _text_or_why(ctx)
    if not isinstance(text, str):
        return text
    found = tx.contact_details(text)
    missing = [name for name, value in found.items() if value is None]
    shown = "; ".join(f"{name} '{value}'" for name, value in found.items() if value)
    if missing:
        names = {"phone": "phone number", "address": "street address", "website": "website"}
        lacking = " and ".join(names[m] for m in missing)
        return False, (
            f"no {lacking} found"
            + (f" (found: {shown})" if shown else "")
            + "; Amazon contacts the supplier and wants its address, phone number and website"
        )
    return (
        True,
        f"found {shown} (the whole document is searched: make sure they are the supplier's)",
    )


def check_holder_matches_store(ctx: CheckContext) -> Outcome:
    text = _text_or_why(ctx)
    if not isinstance(text, str):
        return text
    name = ctx.facts.store_name if ctx.facts else None
    if not name:
        return None, (
            "the store name is not on the case, so the name on the document cannot be compared; "
            "add it to the case, or compare it with Seller Central by eye"
        )
    where = tx.find_business(text, name)
    if where is None:
        return False, (
            f"the store name '{name}' does not appear in the document; if it is made out to "
            "your legal business name or your own name, make sure that name and the address "
            "match Seller Central exactly"
        )
    address = tx.address_near(text, where)
    if address is None:
        return (
            False,
            f"'{name}' appears but no address follows it; the address must be on the document",
        )
    return True, (
        f"'{name}' appears, followed by the address '{address}'; compare the address with "
        "Seller Central (the case does not hold it)"
    )


def check_looks_like_utility_bill(ctx: CheckContext) -> Outcome:
    text = _text_or_why(ctx)
    if not isinstance(text, str):
        return text
    named = tx.utilities_named(text)
    if not named:
        return False, (
            "it does not look like a utility bill: no electricity, gas, water, internet or phone "
            "service is named"
        )
    return True, f"a bill for {', '.join(named)}"


CHECKS: dict[str, CheckFn] = {
    "file_type": check_file_type,
    "max_size": check_max_size,
    "readable": check_readable,
    "not_password_protected": check_not_password_protected,
    "not_screenshot": check_not_screenshot,
    "invoice_date_within_365_days": check_invoice_date,
    "utility_bill_within_90_days": check_recent_bill,
    "document_within_max_age": check_within_max_age,
    "says_invoice_not_pro_forma": check_says_invoice,
    "supplier_contact_present": check_supplier_contact,
    "buyer_matches_store": check_holder_matches_store,
    "holder_matches_store": check_holder_matches_store,
    "looks_like_utility_bill": check_looks_like_utility_bill,
}

_BUILTIN_LABELS: dict[str, str] = {
    "file_type": "A PDF, JPG, PNG or GIF file",
    "max_size": "Within the size limit",
    "readable": "The file opens",
    "not_password_protected": "Not protected by a password",
    "not_screenshot": "Not a screenshot",
    "looks_like_utility_bill": "A bill for gas, electricity, water, phone or internet",
}


def _unknown_check(name: str) -> CheckFn:
    """A check named by a requirement but not implemented: shown, with the reason."""

    def unknown(ctx: CheckContext) -> Outcome:
        return None, f"no automatic check named '{name}' exists in this version; check it by eye"

    return unknown


def planned_checks(
    kind: str, info: DocumentKind | None, detected_type: str | None
) -> list[tuple[str, str]]:
    """``(check name, label)`` for one kind, in order: the basics, then the kind's requirements."""
    planned: dict[str, str] = {"file_type": _BUILTIN_LABELS["file_type"]}
    planned["max_size"] = _BUILTIN_LABELS["max_size"]
    planned["readable"] = _BUILTIN_LABELS["readable"]
    if detected_type == "application/pdf":
        planned["not_password_protected"] = _BUILTIN_LABELS["not_password_protected"]
    for requirement in info.requirements if info else []:
        if requirement.check:
            # The kind's own words for a check describe it better than the generic label.
            planned[requirement.check] = requirement.text
    if info is not None and not info.screenshot_allowed and "not_screenshot" not in planned:
        planned["not_screenshot"] = _BUILTIN_LABELS["not_screenshot"]
    if kind == "utility_bill" and "looks_like_utility_bill" not in planned:
        planned["looks_like_utility_bill"] = _BUILTIN_LABELS["looks_like_utility_bill"]
    return list(planned.items())


def run_checks(ctx: CheckContext) -> list[CheckResult]:
    """Every planned check for the context's kind, each with its outcome and reason."""
    results = []
    for name, label in planned_checks(ctx.kind, ctx.info, ctx.detected_type):
        check = CHECKS.get(name) or _unknown_check(name)
        passed, reason = check(ctx)
        results.append(CheckResult(id=name, label=label, passed=passed, reason=reason))
    return results
