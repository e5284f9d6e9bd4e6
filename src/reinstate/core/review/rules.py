"""Load the rule files, apply the user's configuration and compile the patterns once.

Rule files are TOML, one table per rule, keyed by the rule id in quotes::

    ["tone.money.losses"]
    category = "money"
    severity = "warning"
    message = "..."
    patterns = ["los(?:e|es|ing|t) {money}"]
    flag = ["We are losing $5,000 a day."]
    pass = ["We refunded $240 to 12 buyers."]

Patterns are regular expressions over the normalised text (see ``normalize``) with three
conveniences: a space means a word gap (spaces, a line break, a hyphen or nothing, so
"run together" and "run-\\ntogether" match too), ``~`` after a stem means up to four more
letters (inflections), and ``{w}`` means any one word with the gap after it. Each pattern
must start and end at a word boundary; that is added for you.

Built-in files live beside this module in ``rules/``; a user adds files in
``$REINSTATE_HOME/rules/*.toml`` (a user rule with a built-in id replaces it, field by field)
and switches rules or whole prefixes off in ``$REINSTATE_HOME/review.toml``::

    disable = ["tone.money", "length.too_long"]
    [severity]
    "promise.vague.monitoring" = "info"
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from reinstate.core.codes import Severity
from reinstate.core.errors import KnowledgeError
from reinstate.core.knowledge.loader import read_toml, validate_entry
from reinstate.core.paths import data_home
from reinstate.core.review.matcher import (
    GAP_SENTINEL,
    GAPS,
    KEY_LEN,
    Dispatch,
    build_bucket,
    is_word_key,
    prefixes,
)
from reinstate.core.review.model import Rule

BUILTIN_DIR = Path(__file__).with_name("rules")

_GAP = r"(?:[ \n]+|-[ \n]*|)"
_WORD = r"(?:[a-z0-9'$%&.,/]++[ \n]+)"
_MACROS = {
    "{w}": _WORD,
    "{_w}": r"(?:[ \n]+[a-z0-9'$%&.,/]++)",
    "{money}": r"(?:[$€£] ?\d[\d,.]*(?: ?k| ?m| thousand| million)?|\d[\d,.]*(?: ?k)? ?(?:usd|eur"
    r"|gbp|dollars|euros|pounds))",
    "{cash}": r"(?:[$€£] ?\d[\d,.]*(?: ?k| ?m| thousand| million)?)",
    "{num}": r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|several|many)",
}
_BOUNDARY = r"(?!(?<=[a-z0-9])[a-z0-9])"


class ReviewConfig(BaseModel):
    """What the user switched off or re-graded, and where their own rules live."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    disable: tuple[str, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict)
    home: Path | None = None
    builtin_only: bool = False

    @classmethod
    def from_home(cls, home: Path | None = None) -> ReviewConfig:
        """Read ``review.toml`` from the data directory (absent file: defaults)."""
        base = home if home is not None else data_home()
        path = base / "review.toml"
        if not path.is_file():
            return cls(home=base)
        data = read_toml(path)
        unknown = set(data) - {"disable", "severity"}
        if unknown:
            raise KnowledgeError(f"{path}: unknown setting(s): {', '.join(sorted(unknown))}")
        disable = data.get("disable", [])
        severity = data.get("severity", {})
        if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
            raise KnowledgeError(f"{path}: 'disable' must be a list of rule ids or prefixes")
        if not isinstance(severity, dict):
            raise KnowledgeError(f"{path}: [severity] must map rule ids to a severity")
        for rid, level in severity.items():
            if level not in ("error", "warning", "info"):
                raise KnowledgeError(
                    f"{path}: severity of '{rid}' must be error, warning or info, not {level!r}"
                )
        return cls(disable=tuple(disable), severity=dict(severity), home=base)

    def is_enabled(self, rule_id: str) -> bool:
        return not any(rule_id == d or rule_id.startswith(d + ".") for d in self.disable)


def expand_pattern(pattern: str, *, boundary: bool = True, gap: str = _GAP) -> str:
    """The plain regular expression for one rule pattern (see the module docstring)."""
    out = _outside_classes(pattern, gap)
    for macro, regex in _MACROS.items():
        out = out.replace(macro, regex)
    lead = _BOUNDARY if boundary else ""
    return f"{lead}(?:{out}){_BOUNDARY}"


def _outside_classes(pattern: str, gap: str) -> str:
    """Turn spaces into word gaps and ``~`` into inflections, except inside ``[...]``."""
    out: list[str] = []
    in_class = False
    escaped = False
    for i, ch in enumerate(pattern):
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            if ch == "]" and pattern[i - 1] not in "[^":
                in_class = False
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == " ":
            out.append(gap)
        elif ch == "~":
            out.append("[a-z]{0,4}")
        else:
            out.append(ch)
    return "".join(out)


def _compile(patterns: list[str], where: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    for p in patterns:
        if "(?P<" in p:
            raise KnowledgeError(f"{where}: named groups are not allowed in patterns: {p!r}")
        try:
            re.compile(expand_pattern(p))
        except re.error as exc:
            raise KnowledgeError(f"{where}: pattern {p!r} is not valid: {exc}") from None
    return re.compile("|".join(expand_pattern(p) for p in patterns))


@dataclass
class CompiledRule:
    rule: Rule
    exceptions: re.Pattern[str] | None


@dataclass
class Matcher:
    """The enabled pattern rules behind a dispatch table, and the enabled checks."""

    rules: list[CompiledRule]
    dispatch: Dispatch
    checks: list[Rule]


@dataclass
class RuleSet:
    """Every loaded rule by id, the file(s) each came from, compiled on first use."""

    rules: dict[str, Rule]
    sources: dict[str, list[Path]]
    _matchers: dict[tuple[str, ...], Matcher] = field(default_factory=dict)

    def matcher(self, config: ReviewConfig) -> Matcher:
        key = config.disable + tuple(f"{k}={v}" for k, v in sorted(config.severity.items()))
        found = self._matchers.get(key)
        if found is None:
            found = self._build(config)
            self._matchers[key] = found
        return found

    def _build(self, config: ReviewConfig) -> Matcher:
        cache = _PrefixCache(config.home, self.rules.values())
        compiled: list[CompiledRule] = []
        checks: list[Rule] = []
        keyed: dict[int, dict[str, list[tuple[int, str]]]] = {}
        symbols: dict[str, list[tuple[int, str]]] = {}
        everywhere: list[tuple[int, str]] = []
        for rule in self.rules.values():
            if not config.is_enabled(rule.id):
                continue
            if rule.id in config.severity:
                rule = rule.model_copy(update={"severity": config.severity[rule.id]})
            if rule.check:
                checks.append(rule)
            if not rule.patterns:
                continue
            owner = len(compiled)
            compiled.append(
                CompiledRule(rule, _compile(rule.exceptions, str(self.sources[rule.id][-1])))
            )
            for pattern in rule.patterns:
                starts = cache.get(pattern)
                if starts is None:
                    everywhere.append((owner, expand_pattern(pattern)))
                    continue
                regex = expand_pattern(pattern, boundary=False)
                for key in starts:
                    if not is_word_key(key):
                        table = symbols
                        key = key[0]
                    else:
                        table = keyed.setdefault(len(key), {})
                    items = table.setdefault(key, [])
                    if not items or items[-1] != (owner, regex):
                        items.append((owner, regex))
        cache.save()
        dispatch = Dispatch(
            {n: {k: build_bucket(v) for k, v in t.items()} for n, t in keyed.items()},
            {k: build_bucket(v) for k, v in symbols.items()},
            [build_bucket([item]) for item in everywhere],
        )
        return Matcher(compiled, dispatch, checks)


_KEY_SCHEME = "prefixes-1"  # change when the way keys are derived changes


class _PrefixCache:
    """The dispatch keys of every pattern, kept in ``<home>/cache/`` between runs.

    Working the keys out takes longer than everything else at start-up, and they depend only
    on the patterns, so they are stored in a file named by a hash of the patterns and the
    key scheme. A missing, unreadable or stale file is simply rebuilt; nothing else is cached.
    """

    def __init__(self, home: Path | None, rules: Iterable[Rule]) -> None:
        patterns = sorted({p for rule in rules for p in rule.patterns})
        digest = hashlib.sha256(
            json.dumps([_KEY_SCHEME, KEY_LEN, list(GAPS), _MACROS, patterns]).encode()
        ).hexdigest()[:20]
        self.path = home / "cache" / f"review-keys-{digest}.json" if home is not None else None
        self.keys: dict[str, list[str] | None] = {}
        self.dirty = False
        if self.path is not None and self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self.keys = loaded
            except (OSError, ValueError):
                self.keys = {}

    def get(self, pattern: str) -> set[str] | None:
        if pattern in self.keys:
            found = self.keys[pattern]
            return None if found is None else set(found)
        starts = prefixes(expand_pattern(pattern, boundary=False, gap=GAP_SENTINEL))
        self.keys[pattern] = None if starts is None else sorted(starts)
        self.dirty = True
        return starts

    def save(self) -> None:
        if not self.dirty or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.keys), encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            pass  # a read-only data directory only costs start-up time


def _rule_files(home: Path | None) -> list[Path]:
    files = sorted(BUILTIN_DIR.glob("*.toml"))
    if home is not None and (home / "rules").is_dir():
        files += sorted((home / "rules").glob("*.toml"))
    return files


def _load(home: Path | None) -> RuleSet:
    from reinstate.core.review.checks import CHECKS

    raw: dict[str, dict[str, Any]] = {}
    origin: dict[str, list[Path]] = {}
    for path in _rule_files(home):
        for name, data in read_toml(path).items():
            if not isinstance(data, dict):
                raise KnowledgeError(f"{path}: '{name}' must be a table ([\"{name}\"])")
            if name in raw:
                raw[name] = {**raw[name], **data}
                origin[name].append(path)
            else:
                raw[name] = {"id": name, **data}
                origin[name] = [path]
    rules: dict[str, Rule] = {}
    for name, data in raw.items():
        path = origin[name][-1]
        rule = validate_entry(Rule, data, path, name)
        where = f"{path}: rule '{name}'"
        if not rule.patterns and not rule.check:
            raise KnowledgeError(f"{where}: needs 'patterns' or a 'check'")
        if rule.check and rule.check not in CHECKS:
            raise KnowledgeError(
                f"{where}: unknown check '{rule.check}' (known: {', '.join(sorted(CHECKS))})"
            )
        if any(not p.is_relative_to(BUILTIN_DIR) for p in origin[name]):
            # built-in patterns are checked by the test suite; a user's are checked here
            _compile(rule.patterns, where)
            _compile(rule.exceptions, where)
        rules[name] = rule
    return RuleSet(rules, origin)


@lru_cache(maxsize=8)
def _cached(home: Path | None) -> RuleSet:
    return _load(home)


def load_rules(home: Path | None = None, *, builtin_only: bool = False) -> RuleSet:
    """Built-in rules plus the user's ``rules/*.toml`` (default home: ``REINSTATE_HOME``)."""
    if builtin_only:
        return _cached(None)
    return _cached(home if home is not None else data_home())
