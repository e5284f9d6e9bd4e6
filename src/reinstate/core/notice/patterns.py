"""The wording data of notices (``knowledge/data/notice/*.toml``), validated and compiled once.

Each language file gives header labels, field labels and the patterns for kinds, reasons,
requested documents and clocks; ``common.toml`` gives the shapes that do not depend on the
language. Everything is compiled once per process (``load_patterns`` is cached).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reinstate.core.codes import Doc, NoticeKind
from reinstate.core.errors import KnowledgeError
from reinstate.core.knowledge.loader import BUILTIN_DIR, validate_entry
from reinstate.core.notice.matcher import Matcher
from reinstate.core.notice.wording import FLAGS, CommonPack, LanguagePack, load_pack, read_wording
from reinstate.core.paths import data_home

NOTICE_DIR = BUILTIN_DIR / "notice"
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it")
# The order kinds are tried in: Amazon's answers first, then notices, then warnings.
KIND_ORDER: tuple[NoticeKind, ...] = (
    "appeal_denied",
    "more_information_needed",
    "reinstated",
    "deactivation",
    "warning",
)
# Where two document patterns start at the same place, the more specific one wins.
DOC_ORDER: tuple[Doc, ...] = (
    "utility_bill",
    "supplier_contact",
    "trademark_registration",
    "business_registration",
    "bank_statement",
    "credit_card",
    "letter_of_authorization",
    "identity_document",
    "plan_of_action",
    "other",
    "invoices",
)


def _alt(items: list[str]) -> str:
    return "|".join(f"(?:{item})" for item in items)


def _compile(items: list[str], flags: int = FLAGS) -> re.Pattern[str] | None:
    return re.compile(_alt(items), flags) if items else None


def _anchored(items: list[str], *, end: bool) -> re.Pattern[str] | None:
    if not items:
        return None
    return re.compile(rf"(?:{_alt(items)})\s*$" if end else rf"^\s*(?:{_alt(items)})", re.I)


def _words(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


@dataclass
class Lang:
    """One language's compiled patterns."""

    code: str
    stopwords: frozenset[str]
    kinds: list[tuple[NoticeKind, Matcher]]
    reasons: Matcher
    documents: Matcher
    section_3: Matcher
    store_name: Matcher
    forwarder_store: Matcher
    request_cues: re.Pattern[str] | None
    cause_cues: re.Pattern[str] | None
    doc_not_before: re.Pattern[str] | None
    doc_not_after: re.Pattern[str] | None
    clocks: Matcher


@dataclass(eq=False)
class Patterns:
    """Every compiled pattern reading needs, across languages."""

    langs: dict[str, Lang]
    other_stopwords: dict[str, frozenset[str]]
    stopword_index: dict[str, tuple[str, ...]]
    months: dict[str, int]
    numbers: dict[str, int]
    month_alt: str
    date_words: str
    header_line: re.Pattern[str]
    header_field: dict[str, str]
    forward_marker: re.Pattern[str]
    reply_attribution: re.Pattern[str]
    greeting: re.Pattern[str]
    heading: re.Pattern[str]
    forward_prefix: re.Pattern[str]
    any_prefix: re.Pattern[str]
    weak_reasons: frozenset[str]
    merchant_label: re.Pattern[str]
    merchant_label_before: re.Pattern[str]
    merchant_bare: re.Pattern[str]
    case_label: re.Pattern[str]
    case_label_before: re.Pattern[str]
    case_id: re.Pattern[str]
    notice_date_line: re.Pattern[str]
    store_label: re.Pattern[str]
    asin_label: re.Pattern[str]
    asin: re.Pattern[str]
    asin_masked: re.Pattern[str]
    asin_in_context: re.Pattern[str]
    title_line: re.Pattern[str]
    brand_line: re.Pattern[str]
    title_inline: re.Pattern[str]
    brand_inline: re.Pattern[str]
    complaint_type_line: re.Pattern[str]
    complaint_type_word: re.Pattern[str]
    marketplace: re.Pattern[str]
    marketplace_any: re.Pattern[str]
    day_first_markets: frozenset[str]
    bare_link: re.Pattern[str]
    not_a_store_name: re.Pattern[str]
    amazon_sender: re.Pattern[str]
    amazon_signoff: re.Pattern[str]
    not_a_store: re.Pattern[str]
    zones: dict[str, int]
    unflatten: re.Pattern[str]
    sources: list[Path] = field(default_factory=list)


def _tagged(tag: str, items: list[str]) -> list[tuple[str, str]]:
    return [(tag, item) for item in items]


def _lang(pack: LanguagePack) -> Lang:
    reasons = [rule for code, items in pack.reasons.items() for rule in _tagged(code, items)]
    docs = [rule for code in DOC_ORDER for rule in _tagged(code, pack.documents.get(code, []))]
    kinds = [
        (kind, Matcher(_tagged(kind, pack.kinds[kind])))
        for kind in KIND_ORDER
        if pack.kinds.get(kind)
    ]
    return Lang(
        code=pack.language,
        stopwords=frozenset(w.lower() for w in pack.stopwords),
        kinds=kinds,
        reasons=Matcher(reasons),
        documents=Matcher(docs),
        section_3=Matcher(_tagged("section_3", pack.patterns.section_3)),
        store_name=Matcher(_tagged("name", pack.patterns.store_name)),
        forwarder_store=Matcher(_tagged("name", pack.patterns.forwarder_store)),
        request_cues=_compile(pack.patterns.request_cues),
        cause_cues=_compile(pack.patterns.cause_cues),
        doc_not_before=_anchored(pack.patterns.doc_not_before, end=True),
        doc_not_after=_anchored(pack.patterns.doc_not_after, end=False),
        clocks=Matcher([(c.about, c.pattern) for c in pack.clocks]),
    )


def _label_value(labels: list[str], value: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w-])(?:{_alt(labels)})\s*(?:\b(?:is|number|no\.?|nr\.?|id)\b)?\s*[:#=]?\s*"
        rf"(?:\b(?:is|number|no\.?|nr\.?)\b\s*[:#]?\s*)?(?P<v>{value})",
        re.I,
    )


def _label_before(labels: list[str]) -> re.Pattern[str]:
    """A label that ends right before a value (searched in a short window before it)."""
    return re.compile(
        rf"(?<![\w-])(?:{_alt(labels)})\s*(?:\b(?:is|number|no\.?|nr\.?|id)\b)?\s*[:#=]?\s*"
        rf"(?:\b(?:is|number|no\.?|nr\.?)\b\s*[:#]?\s*)?$",
        re.I,
    )


def _inline_label(labels: list[str]) -> re.Pattern[str]:
    """A label and its value inside a line of several ("ASIN: … | Title: … | Brand: …")."""
    return re.compile(
        rf"(?<![\w-])(?:{_alt(labels)})[ \t]*:[ \t]*(?P<v>[^|;\t\n]+?)[ \t]*"
        r"(?=[|;\t]|[ \t][-–][ \t]|$)",
        re.I | re.M,
    )


def _line_label(labels: list[str]) -> re.Pattern[str]:
    return re.compile(
        rf"^[ \t]*(?:[-•*][ \t]*)?(?:{_alt(labels)})[ \t]*:[ \t]*(?P<v>[^\n]+)$", FLAGS
    )


def build(packs: list[LanguagePack], common: CommonPack) -> Patterns:
    langs = {pack.language: _lang(pack) for pack in packs}
    stop_index: dict[str, list[str]] = {}
    for pack in packs:
        for word in pack.stopwords:
            stop_index.setdefault(word.lower(), []).append(pack.language)
    for code, words in common.other_languages.items():
        for word in words:
            stop_index.setdefault(word.lower(), []).append(code)
    months: dict[str, int] = {}
    numbers: dict[str, int] = {}
    header_field: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    forward: list[str] = []
    attribution: list[str] = []
    greetings: list[str] = []
    headings: list[str] = []
    prefixes: list[str] = []
    replies: list[str] = []
    types: list[str] = []
    date_words: list[str] = []
    for pack in packs:
        months.update(pack.months)
        numbers.update(pack.number_words)
        for name in ("subject", "from_", "date", "to"):
            for label in getattr(pack.headers, name):
                header_field[label.lower()] = name.rstrip("_")
        for name, items in pack.labels.model_dump().items():
            labels.setdefault(name, []).extend(items)
        forward += pack.structure.forward_markers
        attribution += pack.structure.reply_attribution
        greetings += pack.greetings
        headings += pack.structure.headings
        prefixes += pack.forward_prefixes
        replies += pack.reply_prefixes
        types += pack.patterns.complaint_types
        date_words += pack.date_words
    ids = common.identifiers
    header_labels = _words(list(header_field))
    unflatten_parts = [
        rf"(?:{header_labels})\s?:",
        rf"(?:{_alt(labels['merchant_token'] + labels['case_id'])})\s?:",
        rf"(?:{_alt(labels['asin'])})\s?:",
        rf"(?:{_alt(greetings)})[,:](?=\s)",  # "Hello," and the Spanish "Hola:"
        _alt(headings),
        r"--\s",
        r"[•▪◦●■►➢]\s",
    ]
    domains = sorted(common.marketplaces.domains, key=len, reverse=True)
    return Patterns(
        langs=langs,
        stopword_index={word: tuple(codes) for word, codes in stop_index.items()},
        other_stopwords={
            code: frozenset(w.lower() for w in words)
            for code, words in common.other_languages.items()
        },
        months=months,
        numbers=numbers,
        month_alt=_words(list(months)),
        date_words=_alt(
            [w.replace(" ", r"\s+") for w in sorted(set(date_words), key=len, reverse=True)]
        ),
        header_line=re.compile(
            rf"^[ \t]*\*?(?P<label>{header_labels})\*?[ \t]*:[ \t]*(?P<value>.*)$", re.I
        ),
        header_field=header_field,
        forward_marker=re.compile(rf"^[ \t>]*(?:{_alt(forward)})[ \t]*$", re.I),
        reply_attribution=re.compile(rf"^[ \t]*(?:{_alt(attribution)})[ \t]*$", re.I),
        greeting=re.compile(rf"^[ \t]*(?:{_alt(greetings)})[ \t]*[,!:]?[ \t]*$", re.I),
        heading=re.compile(_alt(headings), re.I),
        forward_prefix=re.compile(rf"^\s*(?:(?:{_words(prefixes)})\s*:\s*)+", re.I),
        any_prefix=re.compile(rf"^\s*(?:(?:{_words(prefixes + replies)})\s*:\s*)+", re.I),
        weak_reasons=frozenset(common.reasons.weak),
        merchant_label=_label_value(labels["merchant_token"], ids.merchant_token),
        merchant_label_before=_label_before(labels["merchant_token"]),
        merchant_bare=re.compile(ids.merchant_token),
        case_label=_label_value(labels["case_id"], ids.case_id),
        case_label_before=_label_before(labels["case_id"]),
        case_id=re.compile(ids.case_id),
        notice_date_line=_line_label(labels["notice_date"]),
        store_label=_line_label(labels["store_name"]),
        asin_label=re.compile(rf"(?<![\w-])(?:{_alt(labels['asin'])})(?![\w-])", re.I),
        asin=re.compile(ids.asin),
        asin_masked=re.compile(ids.asin_masked),
        asin_in_context=re.compile(ids.asin_in_context),
        title_line=_line_label(labels["title"]),
        brand_line=_line_label(labels["brand"]),
        title_inline=_inline_label(labels["title"]),
        brand_inline=_inline_label(labels["brand"]),
        complaint_type_line=_line_label(labels["complaint_type"]),
        complaint_type_word=re.compile(rf"\b(?:{_alt(types)})\b", re.I),
        marketplace=re.compile(
            rf"(?<![\w.@/-])(?P<domain>{_words(domains)})(?![\w-]|\.[a-z])", re.I
        ),
        marketplace_any=re.compile(
            rf"(?<![\w-])(?P<domain>{_words(domains)})(?![\w-]|\.[a-z])", re.I
        ),
        amazon_sender=re.compile(ids.amazon_sender, re.I),
        amazon_signoff=re.compile(ids.amazon_signoff, re.I | re.M),
        not_a_store=re.compile(ids.not_a_store, re.I),
        day_first_markets=frozenset(d.lower() for d in common.marketplaces.day_first),
        bare_link=re.compile(ids.bare_link, re.I),
        not_a_store_name=re.compile(ids.not_a_store_name, re.I),
        zones={name.upper(): minutes for name, minutes in common.zones.items()},
        unflatten=re.compile(rf"\s+(?=(?:{'|'.join(unflatten_parts)}))", re.I),
    )


def user_folder() -> Path | None:
    """The user's wording folder (``$REINSTATE_HOME/knowledge/notice``), when there is one."""
    folder = data_home() / "knowledge" / "notice"
    return folder if folder.is_dir() else None


@lru_cache(maxsize=8)
def load_patterns(folder: Path = NOTICE_DIR, user: Path | None = None) -> Patterns:
    """Read, check and compile the wording files of ``folder``, with the files of the user's
    folder merged in (cached per pair of folders: once per process)."""
    data, common_path = read_wording(folder, user, "common.toml")
    common = validate_entry(CommonPack, data, common_path, "common")
    packs: list[LanguagePack] = []
    sources = [common_path]
    for code in LANGUAGES:
        data, path = read_wording(folder, user, f"{code}.toml")
        pack = load_pack(data, path)
        if pack.language != code:
            raise KnowledgeError(f"{path}: language is '{pack.language}', expected '{code}'")
        packs.append(pack)
        sources.append(path)
    patterns = build(packs, common)
    patterns.sources = sources
    return patterns
