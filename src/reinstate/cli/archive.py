"""``reinstate export ID -o FILE`` and ``reinstate import FILE``: a case as one archive."""

from __future__ import annotations

import argparse
from typing import Any

from reinstate.cli._desk import desk_command
from reinstate.cli._output import print_json


def add_parser(sub: Any) -> None:
    # COMMANDS names this module for both commands, so it is called twice: add each once.
    if "export" in sub.choices:
        return
    exp = sub.add_parser("export", help="write a case (data and documents) to one zip archive")
    exp.add_argument("id", metavar="ID")
    exp.add_argument("-o", "--output", required=True, metavar="FILE")
    exp.add_argument("--json", action="store_true", help="JSON output")
    exp.set_defaults(handler=run_export)

    imp = sub.add_parser("import", help="restore a case from an archive made by export")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--json", action="store_true", help="JSON output")
    imp.set_defaults(handler=run_import)


@desk_command
def run_export(args: argparse.Namespace) -> int:
    from reinstate.desk.services.archive import export_case

    result = export_case(args.id, args.output)
    if args.json:
        print_json(result)
    else:
        print(
            f"case {result['case']} written to {result['file']} ({result['documents']} "
            f"document(s), {result['contacts']} contact(s))"
        )
    return 0


@desk_command
def run_import(args: argparse.Namespace) -> int:
    from reinstate.desk.services.archive import import_archive

    result = import_archive(args.file)
    if args.json:
        print_json(result)
    else:
        print(f"imported as case {result['id']} ({result['status']})")
    return 0
