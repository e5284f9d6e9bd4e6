"""``reinstate knowledge list|show``: what process knowledge is loaded, and from which file."""

from __future__ import annotations

import argparse
from pathlib import Path
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


def _origin(paths: list[Path]) -> str:
    from reinstate.core.knowledge.loader import BUILTIN_DIR

    builtin = any(p.parent == BUILTIN_DIR for p in paths)
    user = any(p.parent != BUILTIN_DIR for p in paths)
    return "built-in + user" if builtin and user else "built-in" if builtin else "user"


def _shown(path: Path) -> str:
    from reinstate.core.knowledge.loader import BUILTIN_DIR

    return "built-in" if path.parent == BUILTIN_DIR else str(path)


def run_list(args: argparse.Namespace) -> int:
    from reinstate.core.knowledge import KINDS, load_knowledge

    k = load_knowledge()
    kinds = [args.kind] if args.kind else list(KINDS)
    rows: list[dict[str, Any]] = []
    for kind in kinds:
        for name, entry in k.entries(kind).items():
            label = getattr(entry, "label", None) or getattr(entry, "name", "")
            paths = k.sources[(kind, name)]
            rows.append(
                {
                    "kind": kind,
                    "name": name,
                    "label": str(label),
                    "source": ", ".join(str(p) for p in paths),
                    "sources": [str(p) for p in paths],
                    "origin": _origin(paths),
                }
            )
    if args.json:
        print_json(rows)
        return 0
    current = None
    for kind, name, row in ((r["kind"], r["name"], r) for r in rows):
        if kind != current:
            current = kind
            print(f"{current}:")
        shown = ", ".join(_shown(Path(p)) for p in row["sources"])
        print(f"  {name:<28} {row['label']}  [{shown}]")
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
    paths = k.sources[(args.kind, args.name)]
    sources = [str(p) for p in paths]
    if args.json:
        print_json(
            {
                "kind": args.kind,
                "name": args.name,
                "sources": sources,
                "origin": _origin(paths),
                "entry": data,
            }
        )
        return 0
    print(f"{args.kind} / {args.name}   (from {', '.join(_shown(p) for p in paths)})")
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
