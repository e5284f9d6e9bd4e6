"""What ``reinstate check`` keeps in ``<data dir>/cache`` between runs so that start-up does
not work it out again: the checked rules, the pattern keys, the compiled patterns, the rules'
dispatch tables, the expressions built from them and the packed sentence model. Each file is
named by what it depends on; a missing, stale or damaged file only costs start-up time (the
review works it out and keeps it again). Of the files of one kind kept for other versions,
only the newest one is kept beside the current one (so a second Python on the same data
directory does not undo the first's work, and upgrades do not pile up)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Kept:
    """One kept file: where it is, how to read it back in, and what (if anything) to write."""

    name: Callable[[], str]
    take: Callable[[Any], object]
    give: Callable[[], object | None]  # None: nothing new to keep
    text: bool = False  # JSON text rather than marshal
    family: str = ""  # the glob of this kind's files for every version ("": one name only)

    def path(self) -> Path | None:
        from reinstate.core.paths import data_home

        try:
            return data_home() / "cache" / self.name()
        except OSError:
            return None

    def load(self) -> None:
        path = self.path()
        if path is None:
            return
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            raw = path.read_bytes()
            self.take(json.loads(raw.decode("utf-8")) if self.text else marshal.loads(raw))

    def save(self) -> None:
        path = self.path()
        data = self.give() if path is not None else None
        if path is None or data is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            body = json.dumps(data).encode("utf-8") if self.text else marshal.dumps(data)  # type: ignore[arg-type]
            tmp.write_bytes(body)
            tmp.replace(path)
            self._prune(path)
        except (OSError, ValueError):
            pass

    def _prune(self, path: Path) -> None:
        """Remove this kind's files for other versions but the newest one."""
        if not self.family:
            return
        others = [p for p in path.parent.glob(self.family) if p != path]
        others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in others[_KEEP_OTHERS:]:
            with contextlib.suppress(OSError):
                old.unlink()


_KEEP_OTHERS = 1  # files of one kind kept for other versions


def _codes() -> Kept:
    from reinstate.core.review import matcher

    def name() -> str:
        scheme = hashlib.sha256(matcher.code_scheme().encode()).hexdigest()[:16]
        return f"review-patterns-{scheme}.marshal"

    return Kept(
        name, matcher.import_codes, matcher.export_codes, family="review-patterns-*.marshal"
    )


def _built() -> Kept:
    from reinstate.core.review import matcher

    def name() -> str:
        scheme = hashlib.sha256(matcher.code_scheme().encode()).hexdigest()[:16]
        return f"review-built-{scheme}.marshal"

    return Kept(name, matcher.import_built, matcher.export_built, family="review-built-*.marshal")


def _keys() -> Kept:
    from reinstate.core.review import rules

    def give() -> object | None:
        return rules.export_keys() if rules.keys_derived() else None

    return Kept(
        lambda: f"review-keys-{rules.key_scheme()}.json",
        rules.import_keys,
        give,
        text=True,
        family="review-keys-*.json",
    )


def _tables() -> Kept:
    from reinstate.core.review import rules

    return Kept(
        lambda: f"review-tables-{rules.key_scheme()}.marshal",
        rules.import_tables,
        rules.export_tables,
        family="review-tables-*.marshal",
    )


def _rules() -> Kept:
    from reinstate.core.review import rules

    return Kept(lambda: "review-rules.marshal", rules.import_rules, rules.export_rules)


def _model() -> Kept:
    from reinstate.core.review import classifier

    return Kept(
        lambda: "review-model.marshal",
        lambda kept: classifier.import_model(*kept),
        classifier.export_model,
    )


def load_compiled() -> list[Kept]:
    """The compiled patterns and the built expressions: read before the review's modules
    compile their expressions."""
    kept = [_codes(), _built()]
    for item in kept:
        item.load()
    return kept


def load_the_rest() -> list[Kept]:
    """The checked rules, the dispatch tables and the packed model; the keys only if the
    tables have to be built (a warm start does not read them)."""
    from reinstate.core.review import rules

    keys = _keys()
    kept = [_rules(), keys, _tables(), _model()]
    for item in kept:
        if item is not keys:
            item.load()
    rules.defer_keys(keys.load)
    return kept
