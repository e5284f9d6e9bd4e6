"""``reinstate case new|list|show|poa|doc|log|reply|next|close``: the case desk."""

from __future__ import annotations

import argparse
from typing import Any

from reinstate.cli._desk import desk_command
from reinstate.cli._output import print_json
from reinstate.core.errors import InputError

CHANNEL_CHOICES = ("appeal", "email_reply", "ahs_callback", "escalation_email", "note")
_CHANNEL_NAMES = {
    "appeal": "appeal in Seller Central",
    "email_reply": "reply to the notice e-mail",
    "escalation_email": "escalation e-mail",
    "ahs_callback": "Account Health Support call-back",
    "note": "note",
}
# channels that carry a Plan of Action: without --poa they carry the case's latest version
CARRIES_POA = ("appeal", "email_reply", "escalation_email")


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="JSON output")


def add_parser(sub: Any) -> None:
    p = sub.add_parser("case", help="open and follow a case: contacts, POA versions, documents")
    cs = p.add_subparsers(dest="case_command", metavar="SUBCOMMAND", required=True)

    new = cs.add_parser("new", help="open a case from the deactivation notice")
    new.add_argument("--notice", required=True, metavar="FILE", help="the notice (.eml or text)")
    new.add_argument("--store", metavar="NAME", help="the store name in Seller Central")
    new.add_argument("--merchant-token", metavar="T", help="the merchant token (merchant ID)")
    new.add_argument(
        "--case-id", metavar="ID", action="append", default=[], help="a case ID (repeatable)"
    )
    new.add_argument("--at", metavar="ISO", help="when the case started (default: the notice)")
    _json_flag(new)
    new.set_defaults(handler=run_new)

    lst = cs.add_parser("list", help="every case in the workspace")
    lst.add_argument("--status", help="only cases with this status")
    _json_flag(lst)
    lst.set_defaults(handler=run_list)

    show = cs.add_parser("show", help="one case with its timeline, versions and documents")
    show.add_argument("id", metavar="ID")
    _json_flag(show)
    show.set_defaults(handler=run_show)

    poa = cs.add_parser("poa", help="add a Plan of Action version (reviewed)")
    poa.add_argument("id", metavar="ID")
    poa.add_argument("file", metavar="FILE")
    poa.add_argument("--at", metavar="ISO", help="when it was written (default: now)")
    _json_flag(poa)
    poa.set_defaults(handler=run_poa)

    doc = cs.add_parser("doc", help="attach a document and check it")
    doc.add_argument("id", metavar="ID")
    doc.add_argument("file", metavar="FILE")
    doc.add_argument("--kind", required=True, metavar="DOC", help="invoices, utility_bill, ...")
    doc.add_argument("--at", metavar="ISO", help="when it was added (default: now)")
    _json_flag(doc)
    doc.set_defaults(handler=run_doc)

    log = cs.add_parser("log", help="record a contact you made (checked by the cadence guard)")
    log.add_argument("id", metavar="ID")
    log.add_argument("--channel", required=True, choices=CHANNEL_CHOICES)
    log.add_argument(
        "--poa",
        metavar="FILE",
        help="the Plan of Action text that went with it (default for an appeal, e-mail reply "
        "or escalation: the case's latest version)",
    )
    log.add_argument("--no-poa", action="store_true", help="the contact carried no Plan of Action")
    log.add_argument(
        "--doc", metavar="FILE", action="append", default=[], help="a document sent (repeatable)"
    )
    log.add_argument("--at", metavar="ISO", help="when (default: now; no zone means UTC)")
    log.add_argument("--outcome", help="what came of it (for a call, say)")
    log.add_argument(
        "--notes",
        metavar="FILE",
        help="for ahs_callback: the filled-in call notes from `reinstate draft ID --as "
        "call-script`; kept as the contact's text, with a summary as its outcome",
    )
    log.add_argument("--force", action="store_true", help="record even if the guard refuses")
    _json_flag(log)
    log.set_defaults(handler=run_log)

    reply = cs.add_parser("reply", help="record Amazon's answer; the status follows it")
    reply.add_argument("id", metavar="ID")
    reply.add_argument("file", metavar="FILE")
    reply.add_argument("--at", metavar="ISO", help="when it came (default: from the message)")
    _json_flag(reply)
    reply.set_defaults(handler=run_reply)

    nxt = cs.add_parser("next", help="what to do next, the warnings and the clocks")
    nxt.add_argument("id", metavar="ID")
    nxt.add_argument("--at", metavar="ISO", help="as of this time (default: now)")
    _json_flag(nxt)
    nxt.set_defaults(handler=run_next)

    close = cs.add_parser("close", help="mark a case closed (its history is kept)")
    close.add_argument("id", metavar="ID")
    close.add_argument("--note", help="why")
    _json_flag(close)
    close.set_defaults(handler=run_close)


def _read(path: str, what: str) -> bytes:
    from reinstate.desk.services._common import read_input

    return read_input(path, what)


def _name(path: str) -> str:
    """The file's name as it is stored: bytes that are not UTF-8 (an old file system's name)
    become U+FFFD, since the database keeps text."""
    from pathlib import Path

    name = Path(path).name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _print_asks(asks: dict[str, Any], indent: str) -> None:
    """What a reply from Amazon asks for: each item, why, and whether it was sent last time."""
    missing = asks.get("missing")
    if missing is None:  # recorded before replies were decoded
        for item in asks.get("items") or []:
            print(f"{indent}- {item}")
    elif missing:
        last = asks.get("last_submission")
        if last:
            version = (
                f" with Plan of Action version {last['poa_version']}" if last["poa_version"] else ""
            )
            print(
                f"{indent}against your last submission "
                f"({_CHANNEL_NAMES.get(last['channel'], last['channel'])}{version}, {last['at']}):"
            )
        for m in missing:
            print(f"{indent}- {m['item']}")
            print(f"{indent}    why: {m['why']}")
            print(f"{indent}    {m['status']}")
    if asks.get("documents"):
        print(f"{indent}documents it asks for: {_doc_labels(asks['documents'])}")
    if asks.get("not_in_last_submission"):
        print(f"{indent}not in your last submission: {_doc_labels(asks['not_in_last_submission'])}")


def _clock_line(clock: dict[str, Any]) -> str:
    """One clock as a seller reads it: what it is, its date, and whether it has run out."""
    label = clock.get("label") or clock.get("name")
    due = str(clock.get("due") or "")
    if clock.get("ended_by") == "appeals":
        return f"{label}: ended - the appeals the notice allows are used up (on {due})"
    if clock.get("passed"):
        return f"{label}: passed on {due}"
    return f"{label}: due {due}"


def _doc_labels(codes: list[str]) -> str:
    """Document codes as the names a seller knows ("Supplier invoices", not "invoices")."""
    from reinstate.core.knowledge import load_knowledge

    documents = load_knowledge().documents
    return ", ".join(documents[c].label if c in documents else c for c in codes)


def _warnings(result: dict[str, Any]) -> None:
    for w in result.get("warnings") or []:
        print(f"warning: {w}")


@desk_command
def run_new(args: argparse.Namespace) -> int:
    from reinstate.desk.services.cases import open_case

    content = _read(args.notice, "--notice")
    result = open_case(
        content,
        _name(args.notice),
        store_name=args.store,
        merchant_token=args.merchant_token,
        case_ids=args.case_id,
        at=args.at,
    )
    if args.json:
        print_json(result)
        return 0
    ids = ", ".join(result["case_ids"]) or "none yet"
    print(f"case {result['id']} opened ({result['reason']}; case IDs: {ids})")
    _warnings(result)
    return 0


@desk_command
def run_list(args: argparse.Namespace) -> int:
    from reinstate.desk.services.cases import list_cases

    rows = list_cases(args.status)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no cases yet; open one with `reinstate case new --notice FILE`")
    for r in rows:
        store = r["store_name"] or r["merchant_token"] or "(store not named)"
        ids = ", ".join(r["case_ids"]) or "-"
        print(f"{r['id']:>5}  {r['status']:<20} {r['reason']:<22} {store}  [{ids}]")
    return 0


@desk_command
def run_show(args: argparse.Namespace) -> int:
    from reinstate.desk.services.cases import show_case

    c = show_case(args.id)
    if args.json:
        print_json(c)
        return 0
    print(f"case {c['id']}: {c['status']}, {c['reason']}")
    print(f"  store: {c['store_name'] or '-'}   merchant token: {c['merchant_token'] or '-'}")
    print(f"  case IDs: {', '.join(c['case_ids']) or '-'}   marketplace: {c['marketplace'] or '-'}")
    s3 = {True: "yes", False: "no", None: "unknown"}[c["mentions_section_3"]]
    print(f"  suspension date: {c['suspension_date'] or '-'}   Section 3: {s3}")
    print("  timeline:")
    for t in c["contacts"]:
        extra = f" POA v{t['poa_version']}" if t["poa_version"] else ""
        extra += f" +{len(t['documents'])} document(s)" if t["documents"] else ""
        extra += f" ({t['reply_kind']})" if t["reply_kind"] else ""
        print(f"    {t['at']}  {t['direction']:<3} {t['channel']}{extra}")
        if t.get("outcome"):
            print(f"        outcome: {t['outcome']}")
    replies = [t for t in c["contacts"] if t["channel"] == "amazon_reply" and t["requests"]]
    if replies:
        print(f"  Amazon's latest reply ({replies[-1]['at']}) asks for:")
        _print_asks(replies[-1]["requests"], "    ")
    print("  Plan of Action versions:")
    for v in c["poa_versions"]:
        print(f"    v{v['number']}  {v['created_at']}  ready: {v['ready']}")
    print("  documents:")
    for d in c["documents"]:
        failed = [ch for ch in d["checks"] if isinstance(ch, dict) and ch.get("passed") is False]
        print(f"    {d['kind']:<22} {d['original_name']}  failed checks: {len(failed)}")
    return 0


@desk_command
def run_poa(args: argparse.Namespace) -> int:
    from reinstate.desk.services.plans import add_version

    result = add_version(args.id, _read(args.file, "FILE"), _name(args.file), at=args.at)
    if args.json:
        print_json(result)
        return 0
    findings = result["report"].get("findings", [])
    state = "ready to send" if result["ready"] else "not ready: fix the errors first"
    print(f"{result['message']}; review: {state} ({len(findings)} finding(s))")
    for f in findings:
        print(f"  {f.get('severity', '?')}: {f.get('message', '')}")
    return 0


@desk_command
def run_doc(args: argparse.Namespace) -> int:
    from reinstate.desk.services.documents import attach, check_kind

    check_kind(args.kind)
    result = attach(args.id, _read(args.file, "FILE"), _name(args.file), args.kind, at=args.at)
    # attached either way (nothing is lost), but a failed requirement is a problem found: exit 1
    failed = [c for c in result["checks"] if isinstance(c, dict) and c.get("passed") is False]
    code = 1 if failed else 0
    if args.json:
        print_json(result)
        return code
    print(f"{result['original_name']} attached as {result['kind']} ({result['detected_type']})")
    if result["parse_error"]:
        print(f"  could not be read: {result['parse_error']} (kept and marked)")
    marks = {True: "passed", False: "FAILED", None: "not checked"}
    for ch in result["checks"]:
        if isinstance(ch, dict):
            mark = marks.get(ch.get("passed"), "?")
            name = ch.get("label") or ch.get("id") or "check"
            print(f"  {mark}: {name} - {ch.get('reason') or ''}")
    if failed:
        print(
            f"  {len(failed)} requirement(s) not met: replace this document before it is sent "
            "(drafts warn when they attach it)"
        )
    return code


@desk_command
def run_log(args: argparse.Namespace) -> int:
    from reinstate.desk.services.contacts import record_contact
    from reinstate.desk.services.plans import latest_text

    if args.poa and args.no_poa:
        raise InputError("--poa and --no-poa cannot be used together")
    poa = (_read(args.poa, "--poa"), _name(args.poa)) if args.poa else None
    if poa is None and not args.no_poa and args.channel in CARRIES_POA:
        poa = latest_text(args.id)
    docs = [(_read(d, "--doc"), _name(d)) for d in args.doc]
    at, outcome, body = args.at, args.outcome, None
    if args.notes:
        at, outcome, body = _call_notes(args)
    result = record_contact(
        args.id,
        args.channel,
        poa=poa,
        docs=docs,
        at=at,
        force=args.force,
        outcome=outcome,
        body=body,
    )
    if args.json:
        print_json(result)
        return 0
    print(f"{result['channel']} recorded on case {result['case']}; status: {result['status']}")
    if result.get("poa_version"):
        print(f"  carried Plan of Action version {result['poa_version']}")
    _warnings(result)
    return 0


def _call_notes(args: argparse.Namespace) -> tuple[str | None, str | None, str]:
    """The call notes as (time, outcome, text): the time written in them unless --at is given."""
    from reinstate.core.compose import parse_call_notes

    if args.channel != "ahs_callback":
        raise InputError("--notes goes with --channel ahs_callback (the call-back's notes)")
    from reinstate.core.textfile import decode_text

    text = decode_text(_read(args.notes, "--notes"), f"--notes {args.notes}")
    notes = parse_call_notes(text)
    summary = notes.outcome()
    if not summary and notes.called_at is None:
        raise InputError(f"--notes {args.notes}: no answer is filled in on the call notes")
    at = args.at or (notes.called_at.isoformat() if notes.called_at else None)
    outcome = "; ".join(x for x in (args.outcome, summary) if x) or None
    return at, outcome, text


@desk_command
def run_reply(args: argparse.Namespace) -> int:
    from reinstate.desk.services.replies import record_reply

    result = record_reply(args.id, _read(args.file, "FILE"), _name(args.file), at=args.at)
    if args.json:
        print_json(result)
        return 0
    print(f"Amazon's reply ({result['reply_kind']}) recorded; status: {result['status']}")
    _print_asks(result.get("requests") or {}, "  ")
    _warnings(result)
    return 0


@desk_command
def run_next(args: argparse.Namespace) -> int:
    from reinstate.desk.services.cases import next_actions

    result = next_actions(args.id, at=args.at)
    if args.json:
        print_json(result)
        return 0
    for i, action in enumerate(result.get("actions", [])):
        head = "now" if i == 0 else "then"
        flag = " (uncertain)" if action.get("uncertain") else ""
        print(f"{head}: {action.get('channel')}{flag} - {action.get('why')}")
        for step in action.get("steps") or []:
            print(f"    - {step}")
    for w in result.get("warnings", []):
        print(f"warning: {w}")
    for clock in result.get("clocks", []):
        print(f"clock: {_clock_line(clock)}")
    strikes = result.get("strikes") or {}
    if strikes:
        left = strikes.get("left")
        limit = "no fixed limit in the notice" if left is None else f"{left} left"
        print(f"appeals answered without success: {strikes.get('used')} ({limit})")
    for m in result.get("missing", []):
        print(f"missing: {m}")
    return 0


@desk_command
def run_close(args: argparse.Namespace) -> int:
    from reinstate.desk.services.cases import close_case

    result = close_case(args.id, args.note)
    if args.json:
        print_json(result)
        return 0
    print(f"case {result['id']} closed")
    return 0
