"""Load the rule files, apply the user's configuration and compile the patterns once.

Rule files are TOML, one table per rule, keyed by the rule id in quotes::

    ["tone.money.losses"]
    category = "money"
    severity = "warning"
    message = "..."
    patterns = ["los(?:e|es|ing|t) {money}"]
    flag = ["We are losing $5,000 a day."]
    pass = ["We refunded $240 to 12 buyers."]

A rule may instead give ``cooccur`` cue lists (see ``cooccur``): a sentence holding a cue
of every list, and none of ``unless``, is flagged.

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
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

from reinstate.core.codes import Severity
from reinstate.core.errors import KnowledgeError
from reinstate.core.paths import data_home
from reinstate.core.review.cooccur import CueIndex
from reinstate.core.review.matcher import (
    GAP_SENTINEL,
    GAPS,
    KEY_LEN,
    Dispatch,
    Entry,
    compile_once,
    is_word_key,
    prefixes,
    remember,
)
from reinstate.core.review.model import Rule

BUILTIN_DIR = Path(__file__).with_name("rules")

_GAP = r"(?>[ \n]+|-[ \n]*|)"
# one word and the gap after it; a dot only inside a word (amazon.com, 1.5) or after a common
# abbreviation (inc., e.g.), so a pattern never runs on past the end of a sentence
# ("... on amazon.com. we did not check")
_ABBREVIATIONS: tuple[str, ...] = (
    *("inc", "ltd", "co", "corp", "llc", "plc", "gmbh", "srl", "mr", "mrs", "ms", "dr"),
    *("st", "no", "nr", "etc", "vs", "approx", "e.g", "i.e"),
)
# the dot after an abbreviation, found by looking back (so the keys of a pattern do not
# multiply by the abbreviations a word gap could hold)
_ABBREVIATION_DOT = (
    r"(?:\.(?:" + "|".join(rf"(?<=\b{re.escape(a)}\.)" for a in _ABBREVIATIONS) + "))"
)
# a word starts at a word start: after an empty word gap ("run-together" text) a pattern's own
# words may follow, but {w} does not take the rest of a word ("were" is not "we" + "re"); it may
# still take a comma or an apostrophe glued to the word before ("failure, not ours")
_WORD_START = r"(?:(?<![a-z0-9])|(?=['$%&,/]))"
_WORD = rf"(?:{_WORD_START}[a-z0-9'$%&,/]++(?:[.-][a-z0-9'$%&,/]++)*+{_ABBREVIATION_DOT}?[ \n]+)"
_MACROS = {
    "{w}": _WORD,
    "{_w}": r"(?:[ \n]+[a-z0-9'$%&.,/]++)",
    "{money}": r"(?:[$€£] ?\d[\d,.]*(?: ?k| ?m| thousand| million)?|\d[\d,.]*(?: ?k)? ?(?:usd|eur"
    r"|gbp|dollars|euros|pounds|pesos|rupees|inr|rs|yuan|rmb|cny|lira|zloty|pln|yen|jpy|aed|dirhams"
    r"|chf|francs|cad|aud|sek|kronor|krona)"
    # the currency code written first ("EUR 38,400", "INR 2.5 lakh")
    r"|(?:usd|eur|gbp|cad|aud|inr|rs\.?|chf|aed|sek|pln|jpy|cny|rmb|mxn|brl|try) ?\d[\d,.]*"
    r"(?: ?k| ?m| thousand| million| lakh| crore)?)",
    "{cash}": r"(?:[$€£] ?\d[\d,.]*(?: ?k| ?m| thousand| million)?)",
    "{num}": r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|several|many)",
}
_BOUNDARY = r"(?!(?<=[a-z0-9])[a-z0-9])"


@dataclass(frozen=True)
class ReviewConfig:
    """What the user switched off or re-graded, and where their own rules live."""

    disable: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    home: Path | None = None
    builtin_only: bool = False

    @classmethod
    def from_home(cls, home: Path | None = None) -> ReviewConfig:
        """Read ``review.toml`` from the data directory (absent file: defaults)."""
        base = home if home is not None else data_home()
        path = base / "review.toml"
        if not path.is_file():
            return cls(home=base)
        from reinstate.core.knowledge.loader import read_toml

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
    """A pattern rule and its exceptions, compiled the first time a pattern of it matches."""

    rule: Rule
    _exceptions: re.Pattern[str] | None = None
    _ready: bool = False

    @property
    def exceptions(self) -> re.Pattern[str] | None:
        if not self._ready:
            patterns = self.rule.exceptions
            if patterns:
                self._exceptions = compile_once("|".join(expand_pattern(p) for p in patterns))
            self._ready = True
        return self._exceptions


@dataclass
class Matcher:
    """The enabled pattern rules behind a dispatch table, and the enabled checks."""

    rules: list[CompiledRule]
    dispatch: Dispatch
    checks: list[Rule]
    cues: CueIndex
    classifiers: list[Rule] = field(default_factory=list)


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
        compiled: list[CompiledRule] = []
        checks: list[Rule] = []
        cooccur: list[Rule] = []
        classifiers: list[Rule] = []
        pattern_lists: list[list[str]] = []
        for rule in self.rules.values():
            if not config.is_enabled(rule.id):
                continue
            if rule.id in config.severity:
                rule = replace(rule, severity=config.severity[rule.id])
            if rule.check:
                checks.append(rule)
            if rule.cooccur:
                cooccur.append(rule)
            if rule.classifier:
                classifiers.append(rule)
            if not rule.patterns:
                continue
            compiled.append(CompiledRule(rule))
            pattern_lists.append(rule.patterns)
            if rule.exceptions:  # compiled on first need: kept between runs all the same
                remember(["|".join(expand_pattern(p) for p in rule.exceptions)])
        digest = _tables_digest(pattern_lists)
        tables = _TABLES.get(digest)
        if tables is None:
            tables = _TABLES[digest] = _dispatch_tables(pattern_lists)
            _TABLES_BUILT.append(digest)
        sources, keyed, symbols, everywhere = tables
        dispatch = Dispatch(sources, keyed, symbols, everywhere)
        return Matcher(compiled, dispatch, checks, CueIndex.build(cooccur), classifiers)


Tables = tuple[list[str], dict[int, dict[str, list[Entry]]], dict[str, list[Entry]], list[Entry]]
# dispatch tables by the digest of the patterns they were built from (see ``export_tables``)
_TABLES: dict[str, Tables] = {}
_TABLES_BUILT: list[str] = []


def _tables_digest(pattern_lists: list[list[str]]) -> str:
    # tables built without the engine's parser (no keys) are not those built with it
    parser = "parser" if prefixes("we") is not None else "no parser"
    h = hashlib.sha256(f"{key_scheme()}|{parser}".encode())
    for patterns in pattern_lists:
        h.update("\x1f".join(patterns).encode())
        h.update(b"\x1e")
    return h.hexdigest()[:32]


def _dispatch_tables(pattern_lists: list[list[str]]) -> Tables:
    """The distinct expanded patterns, and which rule's (owner's) patterns to try under each
    key, each leading symbol, or everywhere (see ``matcher.Dispatch``)."""
    sources: list[str] = []
    index: dict[str, int] = {}
    keyed: dict[int, dict[str, list[Entry]]] = {}
    symbols: dict[str, list[Entry]] = {}
    everywhere: list[Entry] = []
    for owner, patterns in enumerate(pattern_lists):
        for pattern in patterns:
            starts = pattern_keys(pattern)
            regex = expand_pattern(pattern, boundary=starts is None)
            if regex not in index:
                index[regex] = len(sources)
                sources.append(regex)
            entry = (owner, index[regex])
            if starts is None:
                everywhere.append(entry)
                continue
            for key in starts:
                if not is_word_key(key):
                    table = symbols
                    key = key[0]
                else:
                    table = keyed.setdefault(len(key), {})
                items = table.setdefault(key, [])
                if not items or items[-1] != entry:
                    items.append(entry)
    return sources, keyed, symbols, everywhere


def export_tables() -> dict[str, Tables] | None:
    """The dispatch tables built (not imported) in this process, for a caller that keeps them
    between runs (building them is a good part of the start-up). None when none were built."""
    if not _TABLES_BUILT:
        return None
    return {digest: _TABLES[digest] for digest in _TABLES_BUILT}


def import_tables(data: object) -> int:
    """Take tables kept by ``export_tables``; entries of the wrong shape are ignored (the
    tables are then built again). Returns how many were taken."""
    if not isinstance(data, dict):
        return 0
    taken = 0
    for digest, tables in data.items():
        if (
            isinstance(digest, str)
            and isinstance(tables, tuple)
            and len(tables) == 4
            and isinstance(tables[0], list)
            and isinstance(tables[1], dict)
            and isinstance(tables[2], dict)
            and isinstance(tables[3], list)
        ):
            _TABLES.setdefault(digest, tables)
            taken += 1
    return taken


_KEYS: dict[str, tuple[str, ...] | None] = {}
_USED: set[str] = set()
_DERIVED: list[int] = [0]


# a caller's way to take in kept keys, called only when keys are first needed: with the
# dispatch tables kept as well, a start never needs them (see ``defer_keys``)
_KEY_LOADERS: list[Callable[[], object]] = []


def defer_keys(load: Callable[[], object]) -> None:
    """Have ``load`` (which calls ``import_keys``) run the first time a key is needed."""
    _KEY_LOADERS[:] = [load]


def pattern_keys(pattern: str) -> tuple[str, ...] | None:
    """The dispatch keys of one rule pattern (see ``matcher``), worked out once per process."""
    _USED.add(pattern)
    if pattern not in _KEYS and _KEY_LOADERS:
        _KEY_LOADERS.pop()()
    if pattern in _KEYS:
        return _KEYS[pattern]
    starts = prefixes(expand_pattern(pattern, boundary=False, gap=GAP_SENTINEL))
    found = None if starts is None else tuple(sorted(starts))
    _KEYS[pattern] = found
    _DERIVED[0] += 1
    return found


def key_scheme() -> str:
    """A short name for the way keys are derived; stored keys are valid for this name only."""
    described = json.dumps(["prefixes-2", KEY_LEN, list(GAPS), _MACROS, _GAP, _BOUNDARY])
    return hashlib.sha256(described.encode()).hexdigest()[:16]


def export_keys() -> dict[str, list[str] | None]:
    """The keys of every pattern used in this process, for a caller that keeps them between
    runs (deriving them is most of the start-up time; the core itself writes no files)."""
    out: dict[str, list[str] | None] = {}
    for pattern in sorted(_USED):
        if pattern not in _KEYS:
            continue
        keys = _KEYS[pattern]
        out[pattern] = None if keys is None else list(keys)
    return out


def import_keys(data: object) -> int:
    """Take keys kept by ``export_keys`` under the same ``key_scheme``; malformed entries are
    ignored (they are derived again). Returns how many were taken."""
    if not isinstance(data, dict):
        return 0
    taken = 0
    for pattern, keys in data.items():
        if not isinstance(pattern, str) or pattern in _KEYS:
            continue
        if keys is None:
            _KEYS[pattern] = None
        elif (
            isinstance(keys, list)
            and keys
            # checked in C (map): the cache holds some 90,000 keys
            and all(map(isinstance, keys, repeat(str)))
            and min(map(len, keys)) > 0
            and max(map(len, keys)) <= KEY_LEN
        ):
            _KEYS[pattern] = tuple(keys)
        else:
            continue
        taken += 1
    return taken


def keys_derived() -> int:
    """How many patterns had their keys worked out (not imported) in this process."""
    return _DERIVED[0]


def _rule_files(home: Path | None) -> list[Path]:
    files = sorted(BUILTIN_DIR.glob("*.toml"))
    if home is not None and (home / "rules").is_dir():
        files += sorted((home / "rules").glob("*.toml"))
    return files


def _load(home: Path | None) -> RuleSet:
    files = _rule_files(home)
    contents = [path.read_bytes() for path in files]
    digest = _files_digest(files, contents)
    kept = _RULES.get(digest)
    if kept is not None:
        rules = {name: Rule(**fields_) for name, fields_ in kept[0].items()}
        return RuleSet(rules, {name: [Path(p) for p in ps] for name, ps in kept[1].items()})
    ruleset = _read(files, contents)
    _RULES[digest] = (
        {name: _plain(rule) for name, rule in ruleset.rules.items()},
        {name: [str(p) for p in ps] for name, ps in ruleset.sources.items()},
    )
    _RULES_READ.append(digest)
    return ruleset


def _read(files: list[Path], contents: list[bytes]) -> RuleSet:
    """Parse and check the rule files (the validation library is only needed here)."""
    import tomllib

    from reinstate.core.knowledge.loader import read_toml, validate_entry
    from reinstate.core.review.checks import CHECKS
    from reinstate.core.review.rulespec import RuleSpec

    raw: dict[str, dict[str, Any]] = {}
    origin: dict[str, list[Path]] = {}
    for path, content in zip(files, contents, strict=True):
        try:
            table = tomllib.loads(content.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            table = read_toml(path)  # raises with the file, the line and the entry
        for name, data in table.items():
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
        rule = validate_entry(RuleSpec, data, path, name).to_rule()
        where = f"{path}: rule '{name}'"
        if not rule.patterns and not rule.check and not rule.cooccur and not rule.classifier:
            raise KnowledgeError(
                f"{where}: needs 'patterns', 'cooccur' lists, a 'classifier' or a 'check'"
            )
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


# checked rules (as plain fields) and their files, by the digest of the rule files they were
# read from (see ``export_rules``)
KeptRules = tuple[dict[str, dict[str, Any]], dict[str, list[str]]]
_RULES: dict[str, KeptRules] = {}
_RULES_READ: list[str] = []
_RULES_SCHEME = "rules-1"


def _files_digest(files: list[Path], contents: list[bytes]) -> str:
    h = hashlib.sha256(_RULES_SCHEME.encode())
    h.update(json.dumps([f.name for f in fields(Rule)]).encode())
    for path, content in zip(files, contents, strict=True):
        h.update(str(path).encode() + b"\x1f" + content + b"\x1e")
    return h.hexdigest()[:32]


def _plain(rule: Rule) -> dict[str, Any]:
    return {f.name: getattr(rule, f.name) for f in fields(rule)}


def export_rules() -> dict[str, KeptRules] | None:
    """The rules read and checked (not imported) in this process, for a caller that keeps
    them between runs (so that a start-up needs neither the TOML parser nor the checks).
    None when none were read."""
    if not _RULES_READ:
        return None
    return {digest: _RULES[digest] for digest in _RULES_READ}


def import_rules(data: object) -> int:
    """Take rules kept by ``export_rules``; an entry of the wrong shape is ignored (the files
    are then read again). Returns how many rule sets were taken."""
    if not isinstance(data, dict):
        return 0
    names = {f.name for f in fields(Rule)}
    taken = 0
    for digest, kept in data.items():
        if not (isinstance(digest, str) and isinstance(kept, tuple) and len(kept) == 2):
            continue
        rules, origin = kept
        if not (isinstance(rules, dict) and isinstance(origin, dict)):
            continue
        if all(isinstance(r, dict) and set(r) == names for r in rules.values()) and set(
            origin
        ) == set(rules):
            _RULES.setdefault(digest, (rules, origin))
            taken += 1
    return taken


@lru_cache(maxsize=8)
def _cached(home: Path | None) -> RuleSet:
    return _load(home)


def load_rules(home: Path | None = None, *, builtin_only: bool = False) -> RuleSet:
    """Built-in rules plus the user's ``rules/*.toml`` (default home: ``REINSTATE_HOME``)."""
    if builtin_only:
        return _cached(None)
    return _cached(home if home is not None else data_home())
