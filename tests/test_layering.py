"""The core stays pure: no Django, no database driver, no network library under reinstate.core."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import reinstate.core

FORBIDDEN = (
    "django",
    "sqlite3",
    "psycopg",
    "psycopg2",
    "socket",
    "ssl",
    "http",
    "urllib.request",
    "requests",
    "httpx",
    "aiohttp",
    "smtplib",
    "imaplib",
    "poplib",
    "ftplib",
    "asyncio",
)

CORE = Path(reinstate.core.__file__).parent


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _is_forbidden(module: str) -> bool:
    return any(module == f or module.startswith(f + ".") for f in FORBIDDEN)


def test_core_sources_import_nothing_forbidden() -> None:
    offenders = [
        f"{path.relative_to(CORE.parent)}:{line}: imports {module}"
        for path in sorted(CORE.rglob("*.py"))
        for line, module in _imports(path)
        if _is_forbidden(module)
    ]
    assert offenders == []


def test_forbidden_detection_catches_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import socket\nfrom django.db import models\nfrom . import fine\n")
    modules = [m for _, m in _imports(bad)]
    assert [m for m in modules if _is_forbidden(m)] == ["socket", "django.db"]


def test_importing_the_core_loads_no_forbidden_module() -> None:
    """Import every core module in a fresh interpreter and look at sys.modules."""
    modules = sorted(
        "reinstate." + ".".join(p.relative_to(CORE.parent).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.name != "__main__.py"
    )
    modules = [m.removesuffix(".__init__") for m in modules]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = set(out.stdout.split())
    # The standard library's email.utils imports socket for make_msgid; socket alone is not a
    # network client, so at run time only the modules that talk to a network or a database count.
    runtime_forbidden = {
        "django",
        "sqlite3",
        "psycopg",
        "psycopg2",
        "requests",
        "httpx",
        "aiohttp",
        "urllib.request",
        "http.client",
        "smtplib",
        "imaplib",
        "poplib",
        "ftplib",
    }
    assert sorted(loaded & runtime_forbidden) == []


def test_the_review_package_exports_what_it_lists() -> None:
    # the names are imported on first use (see the package): the lazy table, __all__ and
    # the names a caller gets must agree
    import reinstate.core.review as review_package

    assert sorted(review_package.__all__) == sorted(review_package._EXPORTS)
    for name in review_package.__all__:
        assert getattr(review_package, name) is not None
