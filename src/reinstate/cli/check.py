"""``reinstate check FILE...``: review letters before they go to Seller Performance."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reinstate.cli._output import print_json

KINDS = ("poa", "reply", "escalation", "call_notes")
FORMATS = ("text", "json", "sarif")


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="review a Plan of Action (or reply, escalation, call notes) for what hurts an appeal",
        description=(
            "Review letters: structure, identifiers, length, tone, vague promises, template "
            "text, unsupported claims. Exit 0 when clean or only warnings, 1 when an "
            "error-level finding is present, 2 on bad usage or unreadable input."
        ),
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="letters to review (.txt, .docx, or a PDF with text); - reads stdin",
    )
    p.add_argument("--format", choices=FORMATS, default="text", help="output format")
    p.add_argument("--kind", choices=KINDS, default="poa", help="what the letter is")
    p.add_argument(
        "--case-file", type=Path, help="case facts as JSON (or `reinstate parse` output)"
    )
    p.add_argument("--store", help="the Seller Central store name")
    p.add_argument("--merchant-token", help="the merchant token (merchant ID)")
    p.add_argument("--case-id", action="append", default=[], help="a case ID (repeatable)")
    p.add_argument("--suspension-date", help="date of the deactivation, YYYY-MM-DD")
    p.add_argument(
        "--section-3",
        choices=("yes", "no"),
        help="whether the notice cites Section 3 of the Business Solutions Agreement",
    )
    p.add_argument("--reason", help="the deactivation reason code (e.g. inauthentic)")
    p.add_argument("--asin", action="append", default=[], help="an ASIN the notice cites")
    p.add_argument(
        "--jobs",
        type=int,
        default=0,
        help="processes to review in (default: one per CPU for 64 files or more, else one)",
    )
    p.set_defaults(handler=run)


def _check_flags(args: argparse.Namespace) -> None:
    """The case flags a user types, checked with messages that name the flag."""
    from datetime import date

    from reinstate.core.codes import REASONS
    from reinstate.core.errors import InputError

    if args.suspension_date is not None:
        try:
            date.fromisoformat(args.suspension_date)
        except ValueError:
            raise InputError(
                f"case facts: --suspension-date {args.suspension_date!r}: not a date (YYYY-MM-DD)"
            ) from None
    if args.reason is not None and args.reason not in REASONS:
        raise InputError(
            f"case facts: --reason {args.reason!r}: not a reason code "
            f"(one of: {', '.join(REASONS)})"
        )


def _case(args: argparse.Namespace) -> Any:
    given = (args.case_file, args.store, args.merchant_token, args.case_id, args.asin)
    more = (args.suspension_date, args.section_3, args.reason)
    if all(not v for v in given) and all(v is None for v in more):
        return None  # no case facts: the validation library is not even loaded
    import json

    from pydantic import ValidationError

    from reinstate.core.case import CaseFacts
    from reinstate.core.errors import InputError

    data: dict[str, Any] = {}
    if args.case_file is not None:
        try:
            loaded = json.loads(args.case_file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"{args.case_file}: cannot be read: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise InputError(f"{args.case_file}: not valid JSON (not UTF-8 text)") from None
        except json.JSONDecodeError as exc:
            raise InputError(f"{args.case_file}: not valid JSON: {exc}") from None
        if not isinstance(loaded, dict):
            raise InputError(f"{args.case_file}: must hold one JSON object")
        if "suspension_date" not in loaded and loaded.get("notice_date"):
            loaded["suspension_date"] = loaded["notice_date"]
        data = {k: v for k, v in loaded.items() if k in CaseFacts.model_fields}
    _check_flags(args)
    flags = {
        "store_name": args.store,
        "merchant_token": args.merchant_token,
        "case_ids": args.case_id or None,
        "suspension_date": args.suspension_date,
        "mentions_section_3": None if args.section_3 is None else args.section_3 == "yes",
        "reason": args.reason,
        "asins": args.asin or None,
    }
    data.update({k: v for k, v in flags.items() if v is not None})
    if not data:
        return None
    try:
        return CaseFacts.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise InputError(f"case facts: {problems}") from None


def _read(name: str) -> str:
    from reinstate.core.errors import InputError

    if name == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(name).read_bytes()
        except IsADirectoryError:
            raise InputError(
                f"{name}: is a directory (give the files, e.g. {name}/*.txt)"
            ) from None
        except OSError as exc:
            raise InputError(f"{name}: cannot be read: {exc.strerror}") from None
    from reinstate.core.textfile import letter_text

    text = letter_text(raw, name)
    if not text.strip():
        raise InputError(f"{name}: is empty")
    return text


def _one(name: str, kind: str, case: Any, fmt: str, several: bool) -> tuple[int, str, str]:
    """Review one file: (status, stdout text, stderr text). Runs in a worker for batches."""
    import json

    from reinstate.core.errors import InputError
    from reinstate.core.review import review

    try:
        text = _read(name)
    except InputError as exc:
        return 2, "", f"reinstate: {exc}\n"
    report = review(text, kind=kind, case=case)  # type: ignore[arg-type]
    status = 0 if report.ready else 1
    source = "<stdin>" if name == "-" else name
    if fmt == "json":
        data = report.contract()
        data["source"] = source
        if several:
            return status, json.dumps(data, ensure_ascii=False) + "\n", ""
        return status, json.dumps(data, ensure_ascii=False, indent=2) + "\n", ""
    from reinstate.core.review.formats import format_text

    return status, format_text(source, report), ""


def _one_chunk(
    names: list[str], kind: str, case: Any, fmt: str, several: bool
) -> list[tuple[int, str, str]]:
    return [_one(name, kind, case, fmt, several) for name in names]


_PARALLEL_FROM = 64  # files; below this a worker pool costs more than it saves


def _jobs(requested: int, files: int) -> int:
    """Processes (this one and its workers): as asked, else one per CPU for big batches."""
    import os

    if requested > 0:
        return max(1, min(requested, files))
    if files < _PARALLEL_FROM:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8, files // (_PARALLEL_FROM // 2)))


def run(args: argparse.Namespace) -> int:
    import gc

    # Start-up builds a few hundred thousand small objects (rules, keys, compiled patterns)
    # and no garbage: the cycle collector is paused while they are made, and then told to
    # leave them be (else its first pass after start-up would walk every one of them).
    gc.disable()
    try:
        case, names, several = _start(args)
    finally:
        gc.freeze()
        gc.enable()
    if args.format == "sarif":
        return _run_sarif(names, args.kind, case)
    jobs = _jobs(args.jobs, len(names)) if "-" not in names else 1
    if jobs == 1:
        return _emit(_one(n, args.kind, case, args.format, several) for n in names)
    return _emit(_parallel(names, jobs, args.kind, case, args.format, several))


def _start(args: argparse.Namespace) -> tuple[Any, list[str], bool]:
    """Check the arguments, read the case facts, load and compile the rules."""
    from reinstate.cli import _review_cache
    from reinstate.core.errors import InputError

    # the kept compiled expressions first: the review's modules compile theirs at import
    kept = _review_cache.load_compiled()
    from reinstate.core.review import review

    case = _case(args)
    names: list[str] = list(args.files)
    if names.count("-") > 1:
        raise InputError("stdin (-) can be given only once")
    if args.jobs < 0:
        raise InputError("--jobs must be 0 (automatic) or more")
    kept += _review_cache.load_the_rest()
    review("warm-up", kind=args.kind, case=case)  # load the rules (and keys) before forking
    for item in kept:
        item.save()
    return case, names, len(names) > 1


def _parallel(
    names: list[str], jobs: int, kind: str, case: Any, fmt: str, several: bool
) -> list[tuple[int, str, str]]:
    """Review ``names`` in ``jobs`` processes, this one included, results in order.

    The files go in small chunks to ``jobs - 1`` workers, forked once this process has
    reviewed the first chunk (so they start with the common patterns compiled); this process
    meanwhile takes chunks from the end of the queue until it meets one a worker has claimed.
    On a busy machine it simply does more of them itself; a worker that dies only leaves its
    chunks to this process.
    """
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    size = max(1, min(32, len(names) // (jobs * 8)))
    chunks = [names[i : i + size] for i in range(0, len(names), size)]
    claims = context.Array("b", len(chunks))
    _set_claims(claims)
    done: list[list[tuple[int, str, str]] | None] = [None] * len(chunks)
    # The first chunk is reviewed before the workers fork: it compiles the patterns letters
    # commonly need, and the workers inherit them instead of each compiling its own.
    _claim(0)
    done[0] = _one_chunk(chunks[0], kind, case, fmt, several)
    results: list[tuple[int, str, str]] = []
    # forked workers share the start-up objects and those of the first chunk; collections
    # leave them be (so they are not copied into each worker by the collector's writes)
    gc.freeze()
    with ProcessPoolExecutor(
        max_workers=jobs - 1,
        mp_context=context,
        initializer=_set_claims,
        initargs=(claims,),
    ) as pool:
        futures = [
            pool.submit(_claimed_chunk, i, chunk, kind, case, fmt, several)
            for i, chunk in enumerate(chunks)
        ]
        for i in range(len(chunks) - 1, -1, -1):
            if not _claim(i):
                break  # a worker has it, so every earlier chunk is taken too
            done[i] = _one_chunk(chunks[i], kind, case, fmt, several)
        for i, future in enumerate(futures):
            chunk_results = done[i]
            if chunk_results is None:
                try:
                    chunk_results = future.result()
                except BrokenProcessPool:  # a worker died (killed, out of memory)
                    chunk_results = None
            if chunk_results is None:
                chunk_results = _one_chunk(chunks[i], kind, case, fmt, several)
            results.extend(chunk_results)
    return results


_CLAIMS: Any = None  # one flag per chunk, shared by this process and its workers


def _set_claims(claims: Any) -> None:
    global _CLAIMS
    _CLAIMS = claims


def _claim(index: int) -> bool:
    """Take chunk ``index`` unless another process already has."""
    with _CLAIMS.get_lock():
        if _CLAIMS[index]:
            return False
        _CLAIMS[index] = 1
        return True


def _claimed_chunk(
    index: int, names: list[str], kind: str, case: Any, fmt: str, several: bool
) -> list[tuple[int, str, str]] | None:
    """A worker's chunk: None when this process took it first."""
    if not _claim(index):
        return None
    return _one_chunk(names, kind, case, fmt, several)


def _emit(results: Any) -> int:
    """Write every result, the output in one piece (error lines as they come)."""
    status = 0
    out: list[str] = []
    for code, text, err in results:
        if err:
            sys.stderr.write(err)
        if text:
            out.append(text)
        status = max(status, code)
    sys.stdout.write("".join(out))
    return status


def _run_sarif(names: list[str], kind: str, case: Any) -> int:
    from reinstate.core.errors import InputError
    from reinstate.core.review import review
    from reinstate.core.review.formats import to_sarif

    status = 0
    items: list[tuple[str, str, Any]] = []
    for name in names:
        try:
            text = _read(name)
        except InputError as exc:
            print(f"reinstate: {exc}", file=sys.stderr)
            status = 2
            continue
        report = review(text, kind=kind, case=case)  # type: ignore[arg-type]
        if not report.ready:
            status = max(status, 1)
        items.append(("<stdin>" if name == "-" else name, text, report))
    print_json(to_sarif(items))
    return status
