"""Read a message (bytes or text) into ``Notice`` records: the one entry point of intake."""

from __future__ import annotations

from reinstate.core.codes import Doc
from reinstate.core.errors import InputError
from reinstate.core.notice import fields as f
from reinstate.core.notice.dates import Found, header_datetime
from reinstate.core.notice.model import Notice
from reinstate.core.notice.patterns import NOTICE_DIR, Lang, Patterns, load_patterns, user_folder
from reinstate.core.notice.source import Envelope, read_source
from reinstate.core.notice.text import (
    Segment,
    early_date_line,
    header_block,
    normalise,
    split_segments,
    unflatten,
)


def _is_amazon(patterns: Patterns, headers: dict[str, str]) -> bool:
    sender = headers.get("from")
    return bool(sender and patterns.amazon_sender.search(sender))


def _matches_kind(patterns: Patterns, text: str) -> bool:
    return f.detect_kind(list(patterns.langs.values()), "", text)[0] != "other"


def _choose(patterns: Patterns, segments: list[Segment], subject: str) -> int:
    """Which segment is Amazon's message: the top one, or one forwarded or quoted below it."""
    top = segments[0]
    if len(segments) == 1 or (_is_amazon(patterns, top.headers) and top.text):
        return 0
    forwarded = bool(patterns.forward_prefix.match(subject)) or any(
        s.via in ("forward", "attachment") for s in segments[1:]
    )
    top_kind = _matches_kind(patterns, top.text)
    for i, seg in enumerate(segments[1:], start=1):
        if seg.text and _is_amazon(patterns, seg.headers):
            if forwarded or not top_kind or "from" in top.headers:
                return i
            break
    if forwarded:
        inner = [i for i, s in enumerate(segments[1:], start=1) if s.text]
        for i in inner:
            if _matches_kind(patterns, segments[i].text):
                return i
        if inner and not top_kind:
            return inner[0]
    return 0


def _segments(patterns: Patterns, env: Envelope) -> list[Segment]:
    text = unflatten(patterns, normalise(env.text))
    lines = text.split("\n")
    headers = dict(env.headers)
    if not env.is_mime:
        pasted, start = header_block(patterns, lines, 0, top=True)
        for name, value in pasted.items():
            headers.setdefault(name, value)
        if set(pasted) - {"subject_guess", "date"}:
            lines = lines[start:]  # labelled header lines; a guessed subject stays in the text
        if "date" not in headers:
            early = early_date_line(patterns, lines)
            if early:
                headers["date"] = early
    segments = split_segments(patterns, lines)
    segments[0].headers = headers
    for attached in env.attached:
        inner = split_segments(patterns, normalise(attached.text).split("\n"), via="attachment")
        inner[0].headers = dict(attached.headers)
        segments.extend(inner)
    return segments


def _subject(patterns: Patterns, value: str | None, *, inner: bool) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    if inner:
        value = patterns.forward_prefix.sub("", value)
    return value[:300] or None


def _date(patterns: Patterns, value: str | None, day_first: bool) -> Found | None:
    return header_datetime(patterns, value, day_first=day_first) if value else None


def read_envelope(patterns: Patterns, env: Envelope, source: str = "-") -> Notice:
    """One message's envelope to a ``Notice``."""
    segments = _segments(patterns, env)
    outer = segments[0].headers
    index = _choose(patterns, segments, outer.get("subject", ""))
    seg = segments[index]
    body = seg.text
    inner = index != 0
    if inner:
        subject = _subject(patterns, seg.headers.get("subject"), inner=True)
        if subject is None and outer.get("subject"):
            subject = _subject(patterns, patterns.any_prefix.sub("", outer["subject"]), inner=True)
    else:
        subject = _subject(
            patterns, outer.get("subject") or outer.get("subject_guess"), inner=False
        )
    sender = seg.headers.get("from") or (None if inner else outer.get("from"))
    language, lang_conf = f.detect_language(patterns, f"{subject or ''}\n{body}")
    langs: list[Lang] = f.langs_for(patterns, language)
    head = subject or ""
    both = f"{head}\n{body}"
    confidence: dict[str, float] = {"language": lang_conf}

    kind, confidence["kind"] = f.detect_kind(langs, head, body)
    if (
        kind != "other"
        and sender
        and not patterns.amazon_sender.search(sender)
        and not patterns.amazon_signoff.search(body)
    ):
        # mail from someone else that talks about Amazon (an agency's offer) but carries no
        # message signed by one of Amazon's teams
        kind, confidence["kind"] = "other", 0.6

    market = f.marketplace(patterns.marketplace, [head, body])
    confidence["marketplace"] = 0.9
    if market is None:
        places = [sender or "", body, *env.links]
        places = [patterns.not_a_store.sub(" ", t) if "europe" in t else t for t in places]
        market = f.marketplace(patterns.marketplace_any, places)
        confidence["marketplace"] = 0.7 if market else 0.5
    day_first = language != "en" or market in patterns.day_first_markets

    sent = _date(patterns, seg.headers.get("date"), day_first)
    received = sent.as_datetime() if sent else None
    confidence["received_at"] = 0.95 if received else 0.6
    printed = f.notice_date_line(patterns, body, day_first)
    if printed:
        from datetime import date

        notice_date: date | None = date(*printed)
        confidence["notice_date"] = 0.9
    else:
        notice_date = sent.day if sent else None
        confidence["notice_date"] = 0.85 if sent else 0.5

    token, confidence["merchant_token"] = f.merchant_token(patterns, both)
    store, confidence["store_name"] = f.store_name(patterns, langs, body)
    before = [s.text for s in segments[:index] if s.text] if inner else []
    forwarder_note = "\n\n".join(before) or None
    if store is None and forwarder_note:
        note_langs = f.langs_for(patterns, f.detect_language(patterns, forwarder_note)[0])
        store = f.forwarder_store(patterns, note_langs, forwarder_note)
        confidence["store_name"] = 0.75 if store else 0.6
    cases = f.case_ids(patterns, [head, body])
    confidence["case_ids"] = 0.9 if cases else 0.6
    not_amazon = kind == "other" and (
        bool(sender and not patterns.amazon_sender.search(sender)) or f.quotes_a_notice(langs, body)
    )
    if not_amazon:
        # someone else's mail about Amazon (an offer, a forum post): it is no notice, so
        # nothing in it identifies a case
        if not outer.get("subject") and not seg.headers.get("subject"):
            subject = None  # a guessed first line is no subject of anyone's mail
        market, token, store, cases = None, None, None, []
    if kind == "other":
        notice_date = None
        reason, confidence["reason"] = "other", 0.6
        documents: list[Doc] = []
        confidence["requested_documents"] = 0.6
    else:
        reason, confidence["reason"] = f.detect_reason(langs, both, patterns.weak_reasons)
        documents, confidence["requested_documents"] = f.requested_documents(langs, body, kind)
    section_3 = not not_amazon and f.mentions_section_3(langs, both)
    confidence["mentions_section_3"] = 0.9
    found_asins = [] if not_amazon else f.asins(patterns, both)
    confidence["asins"] = 0.9 if found_asins else 0.7
    confidence["subject"] = 0.9 if subject else 0.5

    message_id = None
    in_reply_to = None
    if not inner or seg.via == "attachment":
        source_headers = outer if not inner else seg.headers
        message_id = source_headers.get("message-id")
        in_reply_to = source_headers.get("in-reply-to")
    return Notice(
        source=source,
        kind=kind,
        subject=subject,
        received_at=received,
        marketplace=market,
        merchant_token=token,
        store_name=store,
        case_ids=cases,
        notice_date=notice_date,
        mentions_section_3=section_3,
        reason=reason,
        requested_documents=documents,
        asins=found_asins,
        language=language,
        confidence=confidence,
        message_id=message_id,
        in_reply_to=in_reply_to,
        from_address=f.sender(sender),
        clocks=f.clocks(patterns, langs, body, day_first),
        items=f.cited_items(patterns, body),
        addresses=f.addresses(body),
        links=f.links(patterns, body, env.links if not inner or seg.via == "attachment" else []),
        forwarder_note=forwarder_note,
        body=body,
    )


def read_notices(data: bytes | str, source: str = "-") -> list[Notice]:
    """Every message in ``data`` (an mbox gives several). Empty input is an ``InputError``."""
    if not data.strip():
        raise InputError(f"{source}: the input is empty")
    patterns = load_patterns(NOTICE_DIR, user_folder())
    envelopes = read_source(data)
    if not envelopes:
        raise InputError(f"{source}: no message found in the mailbox")
    return [read_envelope(patterns, env, source) for env in envelopes]


def read_notice(data: bytes | str, source: str = "-") -> Notice:
    """The first (or only) message in ``data``."""
    return read_notices(data, source)[0]
