"""The schema of the wording files (``knowledge/data/notice/*.toml``), checked on load.

Each language file is checked table by table first, so that an error names the table's line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel, field_validator

from reinstate.core.codes import Doc, NoticeKind, Reason
from reinstate.core.knowledge.loader import read_toml, validate_entry

FLAGS = re.I | re.M


def _check_patterns(values: list[str]) -> list[str]:
    for value in values:
        try:
            re.compile(value, FLAGS)
        except re.error as exc:
            raise ValueError(f"not a valid pattern {value!r}: {exc}") from None
    return values


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class HeaderLabels(_Strict):
    subject: list[str]
    from_: list[str] = Field(alias="from")
    date: list[str]
    to: list[str] = Field(default_factory=list)


class Structure(_Strict):
    forward_markers: list[str]
    reply_attribution: list[str]
    headings: list[str] = Field(default_factory=list)
    signature: list[str] = Field(default_factory=list)

    _v = field_validator("forward_markers", "reply_attribution", "headings", "signature")(
        _check_patterns
    )


class Labels(_Strict):
    merchant_token: list[str]
    case_id: list[str]
    notice_date: list[str]
    store_name: list[str]
    asin: list[str]
    title: list[str]
    brand: list[str]
    complaint_type: list[str]

    _v = field_validator("*")(_check_patterns)


class TextPatterns(_Strict):
    section_3: list[str]
    store_name: list[str]
    forwarder_store: list[str]
    complaint_types: list[str]
    request_cues: list[str]
    cause_cues: list[str] = Field(default_factory=list)
    doc_not_before: list[str] = Field(default_factory=list)
    doc_not_after: list[str] = Field(default_factory=list)

    _v = field_validator("*")(_check_patterns)

    @field_validator("store_name", "forwarder_store")
    @classmethod
    def _has_name(cls, values: list[str]) -> list[str]:
        for value in values:
            if "(?P<name>" not in value:
                raise ValueError(f"pattern {value!r} needs a (?P<name>...) group")
        return values


class ClockSpec(_Strict):
    about: str
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        _check_patterns([value])
        if not re.search(r"\(\?P<(?:days|hours|appeals|date)>", value):
            raise ValueError("a clock pattern needs a days, hours, appeals or date group")
        return value

    @field_validator("about")
    @classmethod
    def _about(cls, value: str) -> str:
        if value not in ("response", "appeals", "deactivation", "funds"):
            raise ValueError("about must be response, appeals, deactivation or funds")
        return value


class LanguagePack(_Strict):
    language: str
    stopwords: list[str]
    greetings: list[str]
    forward_prefixes: list[str]
    reply_prefixes: list[str] = Field(default_factory=list)
    number_words: dict[str, int]
    months: dict[str, int]
    date_words: list[str] = Field(default_factory=list)
    headers: HeaderLabels
    structure: Structure
    labels: Labels
    patterns: TextPatterns
    kinds: dict[NoticeKind, list[str]]
    reasons: dict[Reason, list[str]]
    documents: dict[Doc, list[str]]
    clocks: list[ClockSpec]

    @field_validator("kinds", "reasons", "documents")
    @classmethod
    def _compile_all(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for patterns in value.values():
            _check_patterns(patterns)
        return value

    @field_validator("months")
    @classmethod
    def _months(cls, value: dict[str, int]) -> dict[str, int]:
        for name, number in value.items():
            if not 1 <= number <= 12:
                raise ValueError(f"month '{name}' must be 1 to 12")
        return value


class Identifiers(_Strict):
    bare_link: str
    not_a_store_name: str
    merchant_token: str
    asin: str
    asin_masked: str
    asin_in_context: str
    case_id: str
    amazon_sender: str
    amazon_signoff: str
    not_a_store: str

    _v = field_validator("*")(lambda v: _check_patterns([v])[0])


class Marketplaces(_Strict):
    domains: list[str]
    day_first: list[str] = Field(default_factory=list)


class ReasonRules(_Strict):
    weak: list[Reason] = Field(default_factory=list)


class CommonPack(_Strict):
    marketplaces: Marketplaces
    reasons: ReasonRules = Field(default_factory=ReasonRules)
    identifiers: Identifiers
    zones: dict[str, int]
    other_languages: dict[str, list[str]]


class KindTable(RootModel[dict[NoticeKind, list[str]]]):
    _v = field_validator("root")(lambda v: {k: _check_patterns(p) for k, p in v.items()})


class ReasonTable(RootModel[dict[Reason, list[str]]]):
    _v = field_validator("root")(lambda v: {k: _check_patterns(p) for k, p in v.items()})


class DocumentTable(RootModel[dict[Doc, list[str]]]):
    _v = field_validator("root")(lambda v: {k: _check_patterns(p) for k, p in v.items()})


# Each table is checked on its own first, so that an error names the table's line.
TABLES: dict[str, type[BaseModel] | type[RootModel[Any]]] = {
    "headers": HeaderLabels,
    "structure": Structure,
    "labels": Labels,
    "patterns": TextPatterns,
    "kinds": KindTable,
    "reasons": ReasonTable,
    "documents": DocumentTable,
}


def load_pack(data: dict[str, Any], path: Path) -> LanguagePack:
    """Check one language's data (read from ``path``) table by table, then as a whole."""
    for name, model in TABLES.items():
        if isinstance(data.get(name), dict):
            validate_entry(model, data[name], path, name)
    return validate_entry(LanguagePack, data, path, path.stem)


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A user's wording over the built-in one: tables merge, lists grow, values replace."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            out[key] = merge(old, value)
        elif isinstance(value, list) and isinstance(old, list):
            out[key] = [*old, *(v for v in value if v not in old)]
        else:
            out[key] = value
    return out


def read_wording(folder: Path, user: Path | None, name: str) -> tuple[dict[str, Any], Path]:
    """One wording file with the user's file of the same name merged in (and the last path)."""
    path = folder / name
    data = read_toml(path)
    if user is not None and (user / name).is_file():
        path = user / name
        data = merge(data, read_toml(path))
    return data, path
