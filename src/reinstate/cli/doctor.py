"""``reinstate doctor [--repair]``: do the stored files and the database rows agree?"""

from __future__ import annotations

import argparse
from typing import Any

from reinstate.cli._desk import desk_command
from reinstate.cli._output import print_json


def add_parser(sub: Any) -> None:
    p = sub.add_parser("doctor", help="check the file store against the database; --repair")
    p.add_argument("--repair", action="store_true", help="repair what is safe to repair")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(handler=run)


@desk_command
def run(args: argparse.Namespace) -> int:
    from reinstate.desk.services.doctor import check

    report = check(repair=args.repair)
    if args.json:
        print_json(report)
    else:
        print(f"{report['documents']} document row(s), {report['files']} stored file(s)")
        for p in report["problems"]:
            sha = f" {p['sha256'][:12]}…" if p["sha256"] else ""
            print(f"  {p['kind']}{sha}: {p['detail']} [{p['action']}]  {p['path']}")
        print("all consistent" if report["ok"] else "problems remain; see above")
    return 0 if report["ok"] else 1
