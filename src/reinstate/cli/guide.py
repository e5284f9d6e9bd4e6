"""``reinstate guide``: the guided Plan of Action as a worksheet, then assembled and reviewed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reinstate.cli._output import print_json
from reinstate.core.errors import InputError


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "guide",
        help="write the Plan of Action by answering the questions for the case's reason",
        description=(
            "Without --answers: print a worksheet with the questions for each part of the Plan "
            "of Action and what a good answer contains. With --answers: assemble the filled-in "
            "worksheet into a Plan of Action under the identifier header, and review it."
        ),
    )
    p.add_argument("id", nargs="?", metavar="ID", help="the case (its identifiers head the plan)")
    p.add_argument("--reason", help="without a case: the reason code (see `knowledge list`)")
    p.add_argument("--answers", metavar="FILE", help="the filled-in worksheet ('-' for stdin)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the worksheet or plan here")
    p.add_argument("--save", action="store_true", help="add the plan to the case as a version")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(handler=run)


def _facts(args: argparse.Namespace) -> tuple[Any, str | None]:
    from reinstate.core.case import CaseFacts

    if args.id is None:
        if not args.reason:
            raise InputError("give a case ID, or --reason REASON for a worksheet without a case")
        from reinstate.core.knowledge import load_knowledge

        known = load_knowledge().reasons
        if args.reason not in known:
            raise InputError(f"--reason: unknown reason '{args.reason}' ({', '.join(known)})")
        return CaseFacts(reason=args.reason), None
    from reinstate.cli._desk import desk_command

    holder: dict[str, Any] = {}

    def load(_: argparse.Namespace) -> int:
        from reinstate.desk.services.drafts import facts_of

        holder["facts"] = facts_of(args.id)
        return 0

    desk_command(load)(args)
    facts = holder["facts"]
    if args.reason:
        facts = facts.model_copy(update={"reason": args.reason})
    return facts, f"case {args.id}"


def _read(name: str) -> str:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise InputError(f"--answers {name}: cannot be read: {exc.strerror}") from None
    from reinstate.core.textfile import decode_text

    return decode_text(data, f"--answers {name}")


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"-o {path}: cannot be written: {exc.strerror}") from None


def run(args: argparse.Namespace) -> int:
    from reinstate.core.compose import render_worksheet

    if args.save and args.id is None:
        raise InputError("--save needs a case ID")
    if args.save and not args.answers:
        raise InputError("--save needs --answers FILE (the filled-in worksheet)")
    facts, label = _facts(args)
    if not args.answers:
        sheet = render_worksheet(facts, case_label=label)
        if args.output:
            _write(args.output, sheet)
            print(f"worksheet written to {args.output}; fill it in, then run:")
            again = args.id if args.id else f"--reason {facts.reason}"
            print(f"  reinstate guide {again} --answers {args.output}")
        elif args.json:
            print_json({"worksheet": sheet})
        else:
            sys.stdout.write(sheet)
        return 0
    return _assemble(args, facts)


def _assemble(args: argparse.Namespace, facts: Any) -> int:
    from reinstate.core.compose import assemble_poa, parse_worksheet
    from reinstate.core.review import review
    from reinstate.core.review.formats import format_text

    answers = parse_worksheet(_read(args.answers))
    if not any(answers.values()):
        raise InputError(f"--answers {args.answers}: no answer is filled in yet")
    text = assemble_poa(facts, {str(part): given for part, given in answers.items()})
    report = review(text, kind="poa", case=facts)
    saved: dict[str, Any] | None = None
    if args.save:
        saved = _save(args, text)
    if args.output:
        _write(args.output, text)
    code = 0 if report.ready else 1
    if args.json:
        print_json({"poa": text, "review": report.contract(), "saved": saved})
        return code
    print(format_text(args.output or "plan of action", report))
    if saved is not None:
        print(saved.get("message", ""))
    if args.output:
        print(f"Plan of Action written to {args.output}")
    elif saved is None:
        print("\n" + text, end="")
    return code


def _save(args: argparse.Namespace, text: str) -> dict[str, Any]:
    from reinstate.cli._desk import desk_command

    holder: dict[str, Any] = {}

    def store(_: argparse.Namespace) -> int:
        from reinstate.desk.services.plans import add_version

        holder["saved"] = add_version(args.id, text.encode("utf-8"), "worksheet")
        return 0

    desk_command(store)(args)
    result: dict[str, Any] = holder["saved"]
    return result
