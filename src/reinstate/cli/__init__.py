"""The ``reinstate`` command line: thin over the core and the desk services.

Each command lives in its own module with ``add_parser(subparsers)`` and ``run(args)``;
heavy libraries are imported inside ``run`` so that start-up stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from reinstate import __version__

# command name -> module under reinstate.cli that implements it
COMMANDS: dict[str, str] = {
    "parse": "parse",
    "check": "check",
    "case": "case",
    "guide": "guide",
    "draft": "draft",
    "evidence": "evidence",
    "export": "archive",
    "import": "archive",
    "doctor": "doctor",
    "knowledge": "knowledge",
    "rules": "rules",
}


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line: what is wrong and where to look."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reinstate",
        description=(
            "Read Amazon deactivation notices, review a Plan of Action, keep the case "
            "history and say what to do next."
        ),
    )
    parser.add_argument("--version", action="version", version=f"reinstate {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS.values():
        module = importlib.import_module(f"reinstate.cli.{module_name}")
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from reinstate.core.errors import ReinstateError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        result: int = args.handler(args)
        return result
    except ReinstateError as exc:
        print(f"reinstate: {exc}", file=sys.stderr)
        return exc.exit_code
    except UnicodeEncodeError as exc:
        # a value typed on a terminal that is not UTF-8 (argv bytes Python could not decode)
        if "surrogates not allowed" not in str(exc):
            raise
        print(
            "reinstate: a value given is not valid UTF-8 text; retype it (or set a UTF-8 locale)",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print("reinstate: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, and keep Python from complaining
        # about the unflushed output at exit
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
