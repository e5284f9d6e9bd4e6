"""Every CLI command and subcommand is documented in the README or docs/."""

from __future__ import annotations

import argparse
from pathlib import Path

from reinstate.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def _commands(parser: argparse.ArgumentParser, prefix: str = "reinstate") -> list[str]:
    found: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix} {name}"
                found.append(full)
                found.extend(_commands(sub, full))
    return found


def _docs_text() -> str:
    parts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(parts)


def test_every_command_is_documented() -> None:
    text = _docs_text()
    commands = _commands(build_parser())
    assert "reinstate knowledge list" in commands
    missing = [c for c in commands if c not in text]
    assert missing == [], f"not in README.md or docs/: {missing}"


def test_readme_has_exactly_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme
    assert "make serve" in readme or "reinstate --help" in readme
