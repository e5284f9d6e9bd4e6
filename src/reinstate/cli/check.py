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
    p.add_argument("files", nargs="+", metavar="FILE", help="letters to review; - reads stdin")
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
    from reinstate.core.textfile import decode_text

    text = decode_text(raw, name)
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


def _key_cache() -> Path | None:
    """Where the pattern keys are kept between runs (``<data dir>/cache``)."""
    from reinstate.core.paths import data_home
    from reinstate.core.review.rules import key_scheme

    try:
        return data_home() / "cache" / f"review-keys-{key_scheme()}.json"
    except OSError:
        return None


def _load_keys(path: Path | None) -> None:
    import contextlib
    import json

    from reinstate.core.review.rules import import_keys

    if path is None:
        return
    # missing or damaged: the keys are worked out again
    with contextlib.suppress(OSError, ValueError):
        import_keys(json.loads(path.read_text(encoding="utf-8")))


def _save_keys(path: Path | None) -> None:
    """Keep the keys for the next run when some had to be worked out (a cache: any failure
    only costs start-up time)."""
    import json
    import os

    from reinstate.core.review.rules import export_keys, keys_derived

    if path is None or not keys_derived():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(export_keys()), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def _code_cache() -> Path | None:
    """Where the compiled patterns are kept between runs (``<data dir>/cache``)."""
    import hashlib

    from reinstate.core.paths import data_home
    from reinstate.core.review.matcher import code_scheme

    scheme = hashlib.sha256(code_scheme().encode()).hexdigest()[:16]
    try:
        return data_home() / "cache" / f"review-patterns-{scheme}.marshal"
    except OSError:
        return None


def _load_codes(path: Path | None) -> None:
    import contextlib
    import marshal

    from reinstate.core.review.matcher import import_codes

    if path is None:
        return
    # missing or damaged: the patterns are compiled from their sources
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        import_codes(marshal.loads(path.read_bytes()))


def _save_codes(path: Path | None) -> None:
    """Keep the compiled patterns for the next run when some were new (a cache: any failure
    only costs start-up time)."""
    import marshal
    import os

    from reinstate.core.review.matcher import export_codes

    if path is None:
        return
    codes = export_codes()
    if codes is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(codes))
        tmp.replace(path)
    except (OSError, ValueError):
        pass


def _tables_cache() -> Path | None:
    """Where the rules' dispatch tables are kept between runs (``<data dir>/cache``)."""
    from reinstate.core.paths import data_home
    from reinstate.core.review.rules import key_scheme

    try:
        return data_home() / "cache" / f"review-tables-{key_scheme()}.marshal"
    except OSError:
        return None


def _load_tables(path: Path | None) -> None:
    import contextlib
    import marshal

    from reinstate.core.review.rules import import_tables

    if path is None:
        return
    # missing or damaged: the tables are built from the rules
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        import_tables(marshal.loads(path.read_bytes()))


def _save_tables(path: Path | None) -> None:
    """Keep the dispatch tables when some had to be built (a cache: any failure only costs
    start-up time). The tables are named by a digest of the patterns they come from."""
    import marshal
    import os

    from reinstate.core.review.rules import export_tables

    if path is None:
        return
    built = export_tables()
    if built is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(built))
        tmp.replace(path)
    except (OSError, ValueError):
        pass


def _model_cache() -> Path | None:
    """Where the packed sentence model is kept between runs (``<data dir>/cache``)."""
    from reinstate.core.paths import data_home

    try:
        return data_home() / "cache" / "review-model.marshal"
    except OSError:
        return None


def _load_model(path: Path | None) -> None:
    import contextlib
    import marshal

    from reinstate.core.review.classifier import import_model

    if path is None:
        return
    # missing, damaged or for another version of the model: the model file is read
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        stamp, data = marshal.loads(path.read_bytes())
        import_model(stamp, data)


def _save_model(path: Path | None) -> None:
    """Keep the packed model when it had to be read from its file (a cache: any failure
    only costs start-up time)."""
    import marshal
    import os

    from reinstate.core.review.classifier import export_model

    if path is None:
        return
    kept = export_model()
    if kept is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(kept))  # type: ignore[arg-type]
        tmp.replace(path)
    except (OSError, ValueError):
        pass


def run(args: argparse.Namespace) -> int:
    import gc

    # Start-up builds a few hundred thousand small objects (rules, keys, compiled patterns)
    # and no garbage: the cycle collector is paused while they are made.
    gc.disable()
    try:
        case, names, several = _start(args)
    finally:
        gc.enable()
    if args.format == "sarif":
        return _run_sarif(names, args.kind, case)
    jobs = _jobs(args.jobs, len(names)) if "-" not in names else 1
    if jobs == 1:
        return _emit(_one(n, args.kind, case, args.format, several) for n in names)
    return _emit(_parallel(names, jobs, args.kind, case, args.format, several))


def _start(args: argparse.Namespace) -> tuple[Any, list[str], bool]:
    """Check the arguments, read the case facts, load and compile the rules."""
    from reinstate.core.errors import InputError

    # the kept compiled expressions first: the review's modules compile theirs at import
    codes = _code_cache()
    _load_codes(codes)
    from reinstate.core.review import review

    case = _case(args)
    names: list[str] = list(args.files)
    if names.count("-") > 1:
        raise InputError("stdin (-) can be given only once")
    if args.jobs < 0:
        raise InputError("--jobs must be 0 (automatic) or more")
    cache = _key_cache()
    _load_keys(cache)
    model = _model_cache()
    _load_model(model)
    tables = _tables_cache()
    _load_tables(tables)
    review("warm-up", kind=args.kind, case=case)  # load the rules (and keys) before forking
    _save_keys(cache)
    _save_codes(codes)
    _save_model(model)
    _save_tables(tables)
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
    gc.freeze()  # forked workers share the start-up objects; collections leave them be
    try:
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
    finally:
        gc.unfreeze()
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
