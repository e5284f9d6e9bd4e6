"""``reinstate knowledge list|show``: what process knowledge is loaded, and from which file."""

from __future__ import annotations

import argparse
from typing import Any

from reinstate.cli._output import print_json


def add_parser(sub: Any) -> None:
    p = sub.add_parser("knowledge", help="list or show the loaded process knowledge")
    ksub = p.add_subparsers(dest="knowledge_command", metavar="SUBCOMMAND", required=True)
    lst = ksub.add_parser("list", help="every entry by kind, with the file it came from")
    lst.add_argument("kind", nargs="?", help="only this kind (reasons, marketplaces, ...)")
    lst.add_argument("--json", action="store_true", help="JSON output")
    lst.set_defaults(handler=run_list)
    show = ksub.add_parser("show", help="one entry in full")
    show.add_argument("kind", help="reasons, marketplaces, channels, documents or clocks")
    show.add_argument("name", help="the entry's name, e.g. inauthentic or amazon.de")
    show.add_argument("--json", action="store_true", help="JSON output")
    show.set_defaults(handler=run_show)


def run_list(args: argparse.Namespace) -> int:
    from reinstate.core.knowledge import KINDS, load_knowledge

    k = load_knowledge()
    kinds = [args.kind] if args.kind else list(KINDS)
    rows: list[dict[str, str]] = []
    for kind in kinds:
        for name in k.entries(kind):
            label = getattr(k.entries(kind)[name], "label", None) or getattr(
                k.entries(kind)[name], "name", ""
            )
            source = ", ".join(str(p) for p in k.sources[(kind, name)])
            rows.append({"kind": kind, "name": name, "label": str(label), "source": source})
    if args.json:
        print_json(rows)
        return 0
    current = None
    for row in rows:
        if row["kind"] != current:
            current = row["kind"]
            print(f"{current}:")
        print(f"  {row['name']:<28} {row['label']}  [{row['source']}]")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from reinstate.core.errors import NotFoundError
    from reinstate.core.knowledge import load_knowledge

    k = load_knowledge()
    entries = k.entries(args.kind)
    if args.name not in entries:
        raise NotFoundError(
            f"no {args.kind} entry '{args.name}' (known: {', '.join(sorted(entries))})"
        )
    entry = entries[args.name]
    data = entry.model_dump(mode="json")
    sources = [str(p) for p in k.sources[(args.kind, args.name)]]
    if args.json:
        print_json({"kind": args.kind, "name": args.name, "sources": sources, "entry": data})
        return 0
    print(f"{args.kind} / {args.name}   (from {', '.join(sources)})")
    _print_value(data, indent=0)
    return 0


def _print_value(value: Any, indent: int) -> None:
    pad = "  " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                print(f"{pad}{key}:")
                _print_value(item, indent + 1)
            else:
                print(f"{pad}{key}: {item}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                print(f"{pad}-")
                _print_value(item, indent + 1)
            else:
                print(f"{pad}- {item}")
    else:
        print(f"{pad}{value}")
