"""Load, merge and validate the knowledge files."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from reinstate.core.errors import KnowledgeError
from reinstate.core.knowledge.models import (
    ChannelInfo,
    ClockInfo,
    DocumentKind,
    Marketplace,
    ReasonInfo,
)
from reinstate.core.paths import data_home

BUILTIN_DIR = Path(__file__).with_name("data")

KINDS: dict[str, type[BaseModel]] = {
    "reasons": ReasonInfo,
    "marketplaces": Marketplace,
    "channels": ChannelInfo,
    "documents": DocumentKind,
    "clocks": ClockInfo,
}

M = TypeVar("M", bound=BaseModel)


def read_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file; a syntax error names the file and the line."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot be read: {exc.strerror}") from None


def _entry_line(path: Path, name: str) -> int | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    pattern = re.compile(r"^\s*\[\s*\"?" + re.escape(name) + r"\"?\s*[\].]", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def validate_entry(model: type[M], data: Any, path: Path, name: str) -> M:
    """Validate one entry; errors name the file, the line of the entry and the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        line = _entry_line(path, name)
        where = f"{path}:{line}" if line else str(path)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(entry)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise KnowledgeError(f"{where}: entry '{name}': {problems}") from None


def user_files(home: Path, kind: str) -> list[Path]:
    """The user's files for one kind, in a stable order."""
    base = home / "knowledge"
    files = []
    single = base / f"{kind}.toml"
    if single.is_file():
        files.append(single)
    folder = base / kind
    if folder.is_dir():
        files.extend(sorted(folder.glob("*.toml")))
    return files


@dataclass
class Knowledge:
    """Every loaded entry by kind and name, and the file each came from."""

    reasons: dict[str, ReasonInfo] = field(default_factory=dict)
    marketplaces: dict[str, Marketplace] = field(default_factory=dict)
    channels: dict[str, ChannelInfo] = field(default_factory=dict)
    documents: dict[str, DocumentKind] = field(default_factory=dict)
    clocks: dict[str, ClockInfo] = field(default_factory=dict)
    sources: dict[tuple[str, str], list[Path]] = field(default_factory=dict)

    def entries(self, kind: str) -> dict[str, BaseModel]:
        if kind not in KINDS:
            raise KnowledgeError(f"unknown kind '{kind}' (one of: {', '.join(KINDS)})")
        return dict(getattr(self, kind))


def _load_kind(
    kind: str, model: type[M], home: Path | None
) -> tuple[dict[str, M], dict[str, list[Path]]]:
    raw: dict[str, dict[str, Any]] = {}
    origin: dict[str, list[Path]] = {}
    files = [BUILTIN_DIR / f"{kind}.toml"]
    if home is not None:
        files += user_files(home, kind)
    for path in files:
        for name, data in read_toml(path).items():
            if not isinstance(data, dict):
                raise KnowledgeError(f"{path}: '{name}' must be a table ([{name}])")
            if name in raw:
                raw[name] = {**raw[name], **data}
                origin[name].append(path)
            else:
                raw[name] = dict(data)
                origin[name] = [path]
    entries = {
        name: validate_entry(model, data, origin[name][-1], name) for name, data in raw.items()
    }
    return entries, origin


def _cross_check(k: Knowledge) -> None:
    from reinstate.core.codes import DOCS, REASONS

    for code in REASONS:
        if code not in k.reasons:
            raise KnowledgeError(f"reasons: no entry for reason code '{code}'")
    for code in DOCS:
        if code not in k.documents:
            raise KnowledgeError(f"documents: no entry for document code '{code}'")
    for name, reason in k.reasons.items():
        for clock in reason.clocks:
            if clock not in k.clocks:
                path = k.sources[("reasons", name)][-1]
                raise KnowledgeError(f"{path}: entry '{name}': unknown clock '{clock}'")


def _load(home: Path | None) -> Knowledge:
    k = Knowledge()
    for kind, model in KINDS.items():
        entries, origin = _load_kind(kind, model, home)
        setattr(k, kind, entries)
        for name, paths in origin.items():
            k.sources[(kind, name)] = paths
    _cross_check(k)
    return k


@lru_cache(maxsize=8)
def _cached(home: Path | None) -> Knowledge:
    return _load(home)


def load_knowledge(home: Path | None = None, *, builtin_only: bool = False) -> Knowledge:
    """The knowledge for a data directory (default: ``REINSTATE_HOME``), cached per directory."""
    if builtin_only:
        return _cached(None)
    return _cached(home if home is not None else data_home())
