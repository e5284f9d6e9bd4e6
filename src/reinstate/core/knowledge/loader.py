"""Load, merge and validate the knowledge files.

Built-in entries come first; each user file is merged over them in order. A user entry with
a known name is merged field by field (nested tables key by key, lists replaced whole); a new
name must be a complete entry. Every error names the file, the line and the entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

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

_HEADER = re.compile(r"^\s*\[\[?\s*(?P<key>[^\]#]*?)\s*\]\]?\s*(?:#.*)?$")
_TOP_KEY = re.compile(r"^\s*(?P<key>(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)[^=]*)=")
_KEY_PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _key_path(key: str) -> list[str]:
    """The components of a TOML key path: ``"amazon.de".x`` gives ``["amazon.de", "x"]``."""
    return [m[1] or m[2] or m[3] for m in _KEY_PART.finditer(key)]


def _first_key(key: str) -> str:
    path = _key_path(key)
    return path[0] if path else key.strip()


def _header_entry(line: str) -> str | None:
    match = _HEADER.match(line)
    return _first_key(match["key"]) if match and match["key"] else None


def _locate(text: str, name: str, field_name: str | None = None) -> int | None:
    """The 1-based line of an entry's header (or of one of its fields, when found)."""
    lines = text.splitlines()
    entry_line: int | None = None
    current: str | None = None
    current_path: list[str] = []
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header and header["key"]:
            current_path = _key_path(header["key"])
            current = current_path[0]
            if current == name:
                entry_line = entry_line or number
                if field_name and len(current_path) > 1 and current_path[1] == field_name:
                    return number
            continue
        top_key = _TOP_KEY.match(line) if current is None else None
        if top_key and _first_key(top_key["key"]) == name:
            entry_line = entry_line or number
            continue
        if (
            current == name
            and field_name
            and len(current_path) == 1
            and re.match(rf"^\s*[\"']?{re.escape(field_name)}[\"']?\s*[.=]", line)
        ):
            return number
    return entry_line


def _entry_at(text: str, line_number: int) -> str | None:
    """The entry whose table contains a line (the nearest header above it)."""
    for line in reversed(text.splitlines()[:line_number]):
        entry = _header_entry(line)
        if entry:
            return entry
    return None


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def read_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file; a syntax error names the file, the line and the entry."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_LINE.search(message)
        if not match:
            raise KnowledgeError(f"{path}: not valid TOML: {message}") from None
        line = int(match[1])
        reason = _TOML_LINE.sub("", message).strip()
        text = _read_text(path)
        entry = _entry_at(text, line) if text is not None else None
        where = f" in entry '{entry}'" if entry else " before the first entry"
        raise KnowledgeError(f"{path}:{line}: not valid TOML{where}: {reason}") from None
    except UnicodeDecodeError:
        raise KnowledgeError(f"{path}: not valid TOML: the file is not UTF-8 text") from None
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot be read: {exc.strerror}") from None


def _where(path: Path, name: str, field_name: str | None = None) -> str:
    text = _read_text(path)
    line = _locate(text, name, field_name) if text is not None else None
    return f"{path}:{line}" if line else str(path)


def _problem(err: ErrorDetails) -> str:
    where = ".".join(str(p) for p in err["loc"]) or "(entry)"
    value = err.get("input")
    got = f" (got {value!r})" if isinstance(value, str | int | float | bool) else ""
    return f"{where}: {err['msg']}{got}"


def validate_entry(model: type[M], data: Any, path: Path, name: str) -> M:
    """Validate one entry; errors name the file, the line of the entry and the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]["loc"][0] if errors and errors[0]["loc"] else None
        where = _where(path, name, str(first) if first is not None else None)
        problems = "; ".join(_problem(err) for err in errors)
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
        files.extend(sorted(p for p in folder.glob("*.toml") if p.is_file()))
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


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: tables merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


# Names that must be one of the stable codes, per kind (other kinds accept new names).
def _allowed_names() -> dict[str, tuple[str, ...]]:
    from reinstate.core.codes import CHANNELS, DOCS, REASONS

    contact_channels = tuple(c for c in CHANNELS if c not in ("amazon_reply", "note"))
    return {"reasons": REASONS, "documents": DOCS, "channels": contact_channels}


def _load_kind(
    kind: str, model: type[M], home: Path | None
) -> tuple[dict[str, M], dict[str, list[Path]]]:
    allowed = _allowed_names().get(kind)
    raw: dict[str, dict[str, Any]] = {}
    origin: dict[str, list[Path]] = {}
    field_origin: dict[str, dict[str, Path]] = {}
    files = [BUILTIN_DIR / f"{kind}.toml"]
    if home is not None:
        files += user_files(home, kind)
    for path in files:
        for name, data in read_toml(path).items():
            if not isinstance(data, dict):
                raise KnowledgeError(
                    f"{_where(path, name)}: '{name}' must be a table: write [{name}] "
                    "and put its fields below it"
                )
            if allowed is not None and name not in allowed:
                raise KnowledgeError(
                    f"{_where(path, name)}: entry '{name}': not a known {kind[:-1]} code "
                    f"(one of: {', '.join(allowed)})"
                )
            if name in raw:
                raw[name] = _merge(raw[name], data)
                origin[name].append(path)
            else:
                raw[name] = dict(data)
                origin[name] = [path]
                field_origin[name] = {}
            field_origin[name].update(dict.fromkeys(data, path))
    entries: dict[str, M] = {}
    for name, data in raw.items():
        try:
            entries[name] = model.model_validate(data)
        except ValidationError as exc:
            loc = exc.errors()[0]["loc"]
            blamed = field_origin[name].get(str(loc[0])) if loc else None
            validate_entry(model, data, blamed or origin[name][-1], name)
            raise  # pragma: no cover - validate_entry raised already
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
                where = _blame(k, "reasons", name, "clocks")
                raise KnowledgeError(
                    f"{where}: entry '{name}': clocks: unknown clock '{clock}' "
                    f"(known: {', '.join(sorted(k.clocks))})"
                )


def _blame(k: Knowledge, kind: str, name: str, field_name: str) -> str:
    """The last file that sets a field of an entry, with the line, for an error message."""
    for path in reversed(k.sources[(kind, name)]):
        data = read_toml(path).get(name, {})
        if isinstance(data, dict) and field_name in data:
            return _where(path, name, field_name)
    return _where(k.sources[(kind, name)][-1], name)


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
