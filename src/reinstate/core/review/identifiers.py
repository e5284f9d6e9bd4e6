"""The identifiers a letter must carry: where they are, and whether they match the case."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reinstate.core.review.matcher import regex

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        )
    )
    for m in names.split()
}
# Month names in German, French, Spanish and Italian ("3. November 2026", "3 novembre 2026",
# "3 de noviembre de 2026"); English abbreviations that would clash are not repeated.
for _number, _names in enumerate(
    (
        "januar janvier enero gennaio",
        "februar février fevrier febrero febbraio",
        "märz maerz mars marzo",
        "avril abril aprile",
        "mai mayo maggio",
        "juin junio giugno",
        "juli juillet julio luglio",
        "août aout agosto",
        "septembre septiembre settembre",
        "oktober octobre octubre ottobre",
        "novembre noviembre",
        "dezember décembre decembre diciembre dicembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)


def _trie(words: list[str]) -> str:
    """An expression for any of ``words``, factored by prefix; at each letter the longer words
    are tried first, so it prefers the same word as a longest-first alternation."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        parts = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            parts.append("")
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return branch(tree)


_MONTH = r"(?:" + _trie(list(_MONTHS)) + r")\.?"
# The lookahead only lets the engine skip, in C, the characters no date can start with.
DATE = regex(
    r"(?=[\d" + "".join(sorted({name[0] for name in _MONTHS})) + r"])"
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s+(?:of\s+|de\s+)?(?P<m2>{_MONTH}),?\s+"
    r"(?:de\s+|del\s+)?(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?!\w)",
)
ANY_DATE = regex(
    rf"{_MONTH}\s+\d{{1,2}}(?!\d)|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
    rf"|\b{_MONTH}\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b",
)
# A merchant token: "A" and 9-15 capitals or digits, with at least one digit and one letter.
TOKEN = regex(r"A[A-Z0-9]{9,15}(?![A-Za-z0-9])")


def is_token(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value[1:])


_TOKEN_LABEL = regex(
    r"(?:merchant[\s-]*(?:token|id|identifier)|seller[\s-]*id|h(?:ä|ae)ndler[\s-]*(?:token|id|kennung)"
    # "merchant" alone before a value with a digit ("merchant A4LV2")
    r"|merchant(?=\s+a[a-z]*\d[a-z0-9]*(?![a-z0-9]))"
    r"|verk(?:ä|ae)ufer[\s-]*(?:token|id)|jeton\s+(?:de\s+)?(?:vendeur|marchand)"
    r"|identifiant\s+(?:du\s+)?(?:marchand|vendeur)|token\s+(?:de\s+)?(?:comerciante|vendedor)"
    r"|id\s+de\s+(?:vendedor|comerciante)|token\s+(?:del\s+)?venditore|id\s+venditore"
    # "token" alone, when a value with a digit follows ("store Cedar & Clay, token A4MN2B8Q")
    r"|(?<![a-z-])(?<!merchant )(?<!seller )(?<!ndler )(?<!ufer )token"
    r"(?=\s*[:#=]?\s*a[a-z]*\d))"
    r"\s*(?:is\s*)?[:#=\-–*\s.]*(?P<v>[a-z0-9]{2,7}(?:-[a-z0-9]{2,7}){1,3}(?![a-z0-9])"
    r"|[a-z0-9]{6,20}|(?=[a-z]*\d)[a-z0-9]{4,5}(?![a-z0-9]))",
)
_CASE_LABEL = regex(
    r"(?:(?:case|ticket|reference)(?:\s*(?:id|number|no\.?|#|ref))?s?"
    r"|fall[\s-]*(?:id|nummer|nr\.?)|vorgangsnummer|(?:id|num(?:é|e)ro)\s+(?:de\s+)?(?:dossier|cas)"
    r"|(?:id|n(?:ú|u)mero)\s+(?:de\s+|del\s+)?caso|(?:id|numero)\s+(?:del\s+)?caso)\s*(?:is\s*)?[:#=\-–*\s.]*#?"
    r"(?P<v>\d{6,14})(?P<more>(?:\s*(?:,|and|&|/)\s*#?\d{6,14})*)",
)
_STORE_LABEL = regex(
    # after list marks or a number ("- Store name:", "1.1 Store name:")
    r"^[\W_]*(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?"
    r"(?:(?:seller\s+central\s+)?(?:store|shop|storefront|seller|business|brand|account"
    r"|company|legal\s+entity)(?:\s+name)?"
    r"|shop[\s-]?name|name\s+of\s+(?:the\s+|our\s+|my\s+)?(?:store|shop|seller\s+account|business)"
    r"|selling\s+account"
    r"|name\s+des\s+(?:shops|stores|verk(?:ä|ae)ufers)|verk(?:ä|ae)ufername"
    r"|tienda|negozio|boutique|laden"
    r"|nom\s+de\s+la\s+boutique|nom\s+du\s+(?:magasin|vendeur)|nombre\s+de\s+la\s+tienda"
    r"|nombre\s+del\s+vendedor|nome\s+del\s+negozio|nome\s+del\s+venditore"
    r"|ストア名|店舗名|ショップ名|出品者名)"
    # a colon, a dash with space around it ("Seller-fulfilled offers: ..." is no label), or a
    # form's dotted leader ("Store name ........ Bramble & Bee Kids")
    r"(?:\s*[:：–]|\s+-|\s*\.{3,})\s*(?P<v>\S[^\n]*)$",
    re.M,
)
# A store name written just before its merchant token ("Re: Ridgeway Home, merchant token
# A6...", "for Pinewood Craft Studio (merchant token ..."): a run of capitalised words.
_NAME_BEFORE_TOKEN = regex(
    r"(?P<v>[A-Z0-9][\w&'.-]*(?:[ \t]+(?:[A-Z0-9&][\w&'.-]*|of|and|the|for|de|und|et))*)"
    r"[ \t]*[,(\[–—|:-]*[ \t]*$",
)
# the store named in words right before the token's label, capitals or not ("our store is
# copperleaf garden goods, merchant token ...")
_STORE_IS = regex(
    r"(?i:(?:our|my) (?:store|shop|storefront|seller account)(?: name)?(?: is)?(?: called)?)"
    r"[ \t]+(?P<v>[^\s,.(][^,\n(]{1,58}?)[ \t]*[,(\[–—|:-]+[ \t]*$",
)
# a verb in a name found in words: a sentence, not a store ("our store front was repainted")
_VERB = regex(r"(?i)\b(?:is|was|were|are|has|had|have|be|been|will|would|did|does)\b")
_SUSPENSION_WORD = regex(
    r"deactivat|suspen|selling privileges|account (?:was )?(?:blocked|closed|disabled)|notice dated"
    r"|notification (?:dated|of|on)|deaktivier|gesperrt|sperrung|d(?:é|e)sactiv|suspendu"
    r"|desactiva|disattiva|sospes",
)
SECTION_3 = regex(
    r"(?:s(?:ection\s*(?:3|three)|\.\s?3)|abschnitt\s*3|secci(?:ó|o)n\s*3|sezione\s*3)(?!\d)"
    r"|§\s*3(?!\d)"
)
_START = re.Match.start
_PLACEHOLDER_VALUE = regex(r"[\[\]{}<>]|x{3,}|\?{2,}|_{3,}|#{3,}|tbd|n/a", re.I)


@dataclass
class Located:
    """One identifier value and its span in the letter."""

    value: str
    start: int
    end: int


@dataclass
class Identifiers:
    """Every identifier the letter carries."""

    store_names: list[Located] = field(default_factory=list)
    # Names found before a merchant token, without a label: they count as present but are not
    # compared with the case's store name (the run of capitals may hold a word or two more).
    named_before_token: list[Located] = field(default_factory=list)
    tokens: list[Located] = field(default_factory=list)
    case_ids: list[Located] = field(default_factory=list)
    suspension_dates: list[Located] = field(default_factory=list)
    section_3: Located | None = None

    def present(self) -> dict[str, bool]:
        return {
            "store_name": bool(self.store_names or self.named_before_token),
            "merchant_token": bool(self.tokens),
            "case_ids": bool(self.case_ids),
            "suspension_date": bool(self.suspension_dates),
            "section_3": self.section_3 is not None,
        }


def parse_date(text: str) -> date | None:
    """The date a DATE match names, or None for a numeric (ambiguous) or impossible one."""
    m = DATE.fullmatch(text.strip().lower())
    if not m:
        return None
    try:
        if m.group("y1"):
            month = _MONTHS[m.group("m1").lower().rstrip(".")]
            return date(int(m.group("y1")), month, int(m.group("d1")))
        if m.group("y2"):
            month = _MONTHS[m.group("m2").lower().rstrip(".")]
            return date(int(m.group("y2")), month, int(m.group("d2")))
        if m.group("y3"):
            return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except (KeyError, ValueError):
        return None
    return None


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) % (len(text) + 1))


def _anchored(
    regex: re.Pattern[str], text: str, anchors: tuple[str, ...], seen: dict[str, list[int]]
) -> list[re.Match[str]]:
    """Matches of ``regex`` that start where one of ``anchors`` occurs (found with str.find,
    which is much faster than letting the expression try every position).

    ``seen`` keeps each anchor's positions for the other lists that share it; an anchor with a
    letter outside ASCII is not looked for in ASCII text.
    """
    found: list[re.Match[str]] = []
    ascii_text = text.isascii()
    for anchor in anchors:
        positions = seen.get(anchor)
        if positions is None:
            positions = []
            if not ascii_text or anchor.isascii():
                find = text.find
                pos = find(anchor)
                while pos >= 0:
                    positions.append(pos)
                    pos = find(anchor, pos + 1)
            seen[anchor] = positions
        for pos in positions:
            m = regex.match(text, pos)
            if m is not None:
                found.append(m)
    found.sort(key=_START)
    return found


def _starts_word(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum()


def _name_before(text: str, label_start: int) -> Located | None:
    """The store name written just before the label at ``label_start``, if there is one."""
    line_start = text.rfind("\n", 0, label_start) + 1
    said = _STORE_IS.search(text, max(line_start, label_start - 100), label_start)
    # a name in lower case has two words at least ("our store is closed" names no store)
    if (
        said is not None
        and (said.group("v")[:1].isupper() or len(said.group("v").split()) >= 2)
        and not _VERB.search(said.group("v"))
        and _could_be_store(said.group("v"), min_len=3)
    ):
        return Located(said.group("v"), said.start("v"), said.end("v"))
    m = _NAME_BEFORE_TOKEN.search(text, max(line_start, label_start - 80), label_start)
    if m is None:
        return (
            _name_line_above(text, line_start)
            if not text[line_start:label_start].strip(" \t*#_>-")
            else None
        )
    value = m.group("v").strip(" .,-")
    words = [w for w in value.split() if w[:1].isupper()]
    one_word = len(words) == 1 and len(words[0]) >= 4 and len(value.split()) == 1
    if len(words) < 2 and not one_word:
        return None
    if not _PLACEHOLDER_VALUE.search(value) and value.lower() not in _NOT_NAMES:
        return Located(value, m.start("v"), m.start("v") + len(value))
    return None


# a title line that names the store: "Kestrel Garden Supply - Plan of Action for ...",
# "Plan of Action: Bramble & Wick (merchant token ...)", or the name before the merchant
# token in brackets
_NAME = r"[A-Z][\w&'.]*(?: (?:[A-Z&][\w&'.]*|of|and|the|for|de|&))*"
_TITLE_NAME = regex(
    r"^[ \t*#_]*(?:(?i:re|subject|fwd?):[ \t]*)?(?:(?P<a>" + _NAME + r")[ \t]+[-–—:|][ \t]+"
    r"(?i:plan of action|poa|appeal|reinstatement)\b"
    r"|(?i:plan of action|poa|appeal|reinstatement appeal)[ \t]*[-–—:|][ \t]*(?P<b>" + _NAME + r")"
    # a subject line: "Case 19422087731 - Harbor & Pine Candle Co. (A1M5TD8RX3KW0N) - ..."
    r"|(?:(?i:escalation|appeal|re-?appeal|follow-?up|reply)[ \t]+[-–—:|][ \t]+)?"
    r"(?:(?i:case)(?: ?(?i:id|#|no\.?))?:?[ \t]*\d{8,12}[ \t]+[-–—:|][ \t]+)?(?P<c>" + _NAME + r")"
    r"[ \t]*\((?i:merchant (?:token|id):?[ \t]*)?A[0-9A-Z]{9,15}\)"
    # a header line of name and token: "Maple Ridge Audio - A2SYWB3WKH5DNS - Amazon.ca"
    r"|(?P<d>" + _NAME + r")[ \t]+[-–—|·][ \t]+A[0-9A-Z]{9,15}(?![0-9A-Za-z]))"
)
# "store name cedar & salt" on a line of its own (a label without its colon)
_BARE_STORE_LABEL = regex(
    r"(?im)^[ \t]*(?:store|shop|seller|business)[ \t]+name[ \t]+(?P<v>[^\s:\-–][^\n]{1,60})$"
)
# a store name label inside a sentence, in brackets or after a semicolon: "Fellside Gear Ltd
# (store name: Fellside Gear)", "(store name: Thornbury Home; merchant token ...)"
_INNER_STORE_LABEL = regex(
    r"[(;]\s*(?:seller\s+central\s+)?(?:store|shop)(?:\s+name)?\s*:\s*(?P<v>[^;,()\n]{2,60})",
    re.I,
)
# the store named in quotes after the word: 'store "Shree Ganesh Handlooms"'
_QUOTED_STORE = regex(
    r"(?<![\w])(?i:store|shop|storefront)(?:[ \t]+(?i:name))?[ \t]+"
    r"[\"“](?P<v>[A-Z0-9][^\"”\n]{1,59})[\"”]"
)


# first words of a title that is not a store's name ("Appeal - Section 3 deactivation")
_NOT_TITLE_NAMES = frozenset(
    {
        *("dear", "hello", "hi", "to", "attn", "attention", "re", "subject", "fwd", "the"),
        *("section", "account", "deactivation", "suspension", "case", "notice", "seller"),
        *("amazon", "plan", "our", "my", "request", "urgent", "second", "third", "final"),
        *("updated", "revised", "store", "sincerely", "regards", "kind", "best", "thanks"),
        *("thank", "cheers", "respectfully", "yours", "warm", "many", "faithfully"),
    }
)


def _name_in_title(text: str) -> Located | None:
    """The store name a title among the first three lines gives, if one does."""
    pos = 0
    for _ in range(3):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        m = _TITLE_NAME.match(text, pos, end)
        if m is not None:
            group = next(g for g in "abcd" if m.group(g))
            value = m.group(group).strip(" .,-")
            if _could_be_store(value, min_len=3):
                return Located(value, m.start(group), m.start(group) + len(value))
        if end >= len(text):
            break
        pos = end + 1
    return None


# a signature line may give the writer's role first ("Owner, Cedar Lane Home")
_NAME_LINE = regex(
    r"[ \t*#_]*(?:(?i:owner|founder|co-founder|director|managing director|ceo|manager|proprietor"
    r"|partner)(?:[ \t]+(?i:of|at))?[ \t]*[,–—-]?[ \t]+)?(?P<v>" + _NAME + r")[ \t*_]*"
)


def _name_line_above(text: str, line_start: int) -> Located | None:
    """A line that is only a name, right above the merchant token's label line: the store
    ("Pennine Outdoor Gear", or in a signature "Owner, Cedar Lane Home", and then "Merchant
    token: ...")."""
    if line_start < 2:
        return None
    above = text.rfind("\n", 0, line_start - 1) + 1
    m = _NAME_LINE.fullmatch(text, above, line_start - 1)
    if m is None:
        return None
    value = m.group("v").strip()
    if len(value.split()) > 6 or not _could_be_store(value, min_len=4):
        return None
    return Located(value, m.start("v"), m.start("v") + len(value))


def _store_in_words(text: str) -> Located | None:
    """The store named without a label at a line's start: in quotes after the word ('store
    "Shree Ganesh Handlooms"'), in brackets beside the company ("Fellside Gear Ltd (store name:
    Fellside Gear)"), or on a line of its own after "store name" ("store name cedar & salt", a
    few words and no verb)."""
    m = _QUOTED_STORE.search(text)
    if m is not None and _could_be_store(m.group("v"), min_len=3):
        return Located(m.group("v"), m.start("v"), m.end("v"))
    for m in _INNER_STORE_LABEL.finditer(text):
        value = m.group("v").strip()
        if len(value.split()) <= 6 and not _VERB.search(value) and _could_be_store(value, 2):
            return Located(value, m.start("v"), m.start("v") + len(value))
    for m in _BARE_STORE_LABEL.finditer(text):
        value = m.group("v").strip()
        if (
            len(value.split()) <= 6
            and not _VERB.search(value)
            and _could_be_store(value, min_len=3)
        ):
            return Located(value, m.start("v"), m.start("v") + len(value))
    return None


def _could_be_store(value: str, min_len: int) -> bool:
    """A name found without a label may be the store: not a greeting, a sign-off, a word of
    the notice or template text."""
    words = value.split()
    return (
        len(value) >= min_len
        and bool(words)
        and words[0].lower() not in _NOT_TITLE_NAMES
        and value.lower() not in _NOT_NAMES
        and not _PLACEHOLDER_VALUE.search(value)
    )


def _anchor_hits(
    regex: re.Pattern[str], text: str, anchors: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """Matches of ``regex`` where one of ``anchors`` occurs, anchor by anchor (not sorted)."""
    ascii_text = text.isascii()
    find = text.find
    for anchor in anchors:
        if ascii_text and not anchor.isascii():
            continue
        pos = find(anchor)
        while pos >= 0:
            m = regex.match(text, pos)
            if m is not None:
                yield m
            pos = find(anchor, pos + 1)


def _iter_at_line_starts(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for an expression that starts with ``^`` in multi-line mode:
    only line starts are tried."""
    end = 0
    pos = 0
    while pos >= 0:
        if pos >= end:
            m = regex.match(text, pos)
            if m is not None:
                yield m
                end = m.end() + (m.end() == m.start())
        pos = text.find("\n", pos)
        if pos >= 0:
            pos += 1


# Where the labels above can start (English, German, French, Spanish, Italian).
_TOKEN_ANCHORS: tuple[str, ...] = (
    *("merchant", "seller", "händler", "haendler", "verkäufer", "verkaeufer"),
    *("jeton", "identifiant", "token", "id "),
)
_CASE_ANCHORS = ("case", "ticket", "reference", "fall", "vorgangs", "id ", "num", "núm")
_SUSPENSION_ANCHORS: tuple[str, ...] = (
    *("deactivat", "suspen", "selling privileges", "account", "notice dated", "notific"),
    *("deaktivier", "gesperrt", "sperrung", "désactiv", "desactiv", "disattiva", "sospes"),
)
_SECTION_3_ANCHORS = ("section", "s.", "§", "abschnitt", "secci", "sezione")
_NOT_NAMES = frozenset({"our", "my", "the", "your", "and", "with", "store", "seller", "amazon"})


def find_identifiers(text: str, lowered: str | None = None) -> Identifiers:
    """Locate store name labels, merchant tokens, case IDs, the suspension date and Section 3.

    ``lowered`` is ``text`` lower-cased with the same offsets (the normaliser has it).
    """
    low = _lowered(text, lowered)
    ids = Identifiers()
    seen: dict[str, list[int]] = {}
    for m in _iter_at_line_starts(_STORE_LABEL, low):
        value = text[m.start("v") : m.end("v")].strip()
        if value and not _PLACEHOLDER_VALUE.search(value):
            ids.store_names.append(Located(value, m.start("v"), m.start("v") + len(value)))
    labelled: set[int] = set()
    for m in _anchored(_TOKEN_LABEL, low, _TOKEN_ANCHORS, seen):
        value = text[m.start("v") : m.end("v")]
        if not _PLACEHOLDER_VALUE.search(value) and any(c.isdigit() for c in value):
            ids.tokens.append(Located(value, m.start("v"), m.end("v")))
            labelled.add(m.start("v"))
            if not ids.store_names:
                named = _name_before(text, m.start())
                if named is not None:
                    ids.named_before_token.append(named)
    if not ids.store_names and not ids.named_before_token:
        named = _name_in_title(text)
        if named is not None:
            ids.named_before_token.append(named)
    if not ids.store_names and not ids.named_before_token:
        in_words = _store_in_words(text)
        if in_words is not None:
            ids.named_before_token.append(in_words)
    for m in TOKEN.finditer(text):
        if m.start() not in labelled and _starts_word(text, m.start()) and is_token(m.group()):
            ids.tokens.append(Located(m.group(), m.start(), m.end()))
    for m in _anchored(_CASE_LABEL, low, _CASE_ANCHORS, seen):
        if not _starts_word(low, m.start()):
            continue
        ids.case_ids.append(Located(m.group("v"), m.start("v"), m.end("v")))
        base = m.start("more")
        for extra in re.finditer(r"\d{6,14}", m.group("more")):
            ids.case_ids.append(Located(extra.group(), base + extra.start(), base + extra.end()))
    anchors = _SUSPENSION_ANCHORS
    for word in _anchored(_SUSPENSION_WORD, low, anchors, seen):
        line_start, line_end = _line_bounds(low, word.start(), word.end())
        lo, hi = max(line_start, word.start() - 120), min(line_end, word.end() + 120)
        for m in DATE.finditer(low, lo, hi):
            known = any(d.start == m.start() for d in ids.suspension_dates)
            if _starts_word(low, m.start()) and not known:
                ids.suspension_dates.append(Located(text[m.start() : m.end()], m.start(), m.end()))
    s3 = next(
        (
            m
            for m in _anchored(SECTION_3, low, _SECTION_3_ANCHORS, seen)
            if _starts_word(low, m.start())
        ),
        None,
    )
    if s3:
        ids.section_3 = Located(text[s3.start() : s3.end()], s3.start(), s3.end())
    ids.tokens.sort(key=lambda loc: loc.start)
    return ids


def _lowered(text: str, lowered: str | None) -> str:
    low = lowered if lowered is not None else text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def identifiers_present(text: str, lowered: str | None = None) -> dict[str, bool]:
    """``find_identifiers(text, lowered).present()``, faster: each kind of identifier is looked
    for only until one is found (a review without case facts needs no more)."""
    low = _lowered(text, lowered)
    store = False
    for m in _iter_at_line_starts(_STORE_LABEL, low):
        value = text[m.start("v") : m.end("v")].strip()
        if value and not _PLACEHOLDER_VALUE.search(value):
            store = True
            break
    tokens = False
    store_label = store  # a name before a token is read only when no label names the store
    for m in _anchor_hits(_TOKEN_LABEL, low, _TOKEN_ANCHORS):
        value = text[m.start("v") : m.end("v")]
        if not _PLACEHOLDER_VALUE.search(value) and any(c.isdigit() for c in value):
            tokens = True
            if not store_label and not store:
                store = _name_before(text, m.start()) is not None
            if store:
                break
    if not store:
        store = _name_in_title(text) is not None or _store_in_words(text) is not None
    if not tokens:
        tokens = any(
            _starts_word(text, m.start()) and is_token(m.group()) for m in TOKEN.finditer(text)
        )
    case_ids = any(
        _starts_word(low, m.start()) for m in _anchor_hits(_CASE_LABEL, low, _CASE_ANCHORS)
    )
    dates = False
    for word in _anchor_hits(_SUSPENSION_WORD, low, _SUSPENSION_ANCHORS):
        line_start, line_end = _line_bounds(low, word.start(), word.end())
        lo, hi = max(line_start, word.start() - 120), min(line_end, word.end() + 120)
        if any(_starts_word(low, m.start()) for m in DATE.finditer(low, lo, hi)):
            dates = True
            break
    section_3 = any(
        _starts_word(low, m.start()) for m in _anchor_hits(SECTION_3, low, _SECTION_3_ANCHORS)
    )
    return {
        "store_name": store,
        "merchant_token": tokens,
        "case_ids": case_ids,
        "suspension_date": dates,
        "section_3": section_3,
    }


def labelled_tokens(text: str, lowered: str | None = None) -> list[Located]:
    """The values written after a merchant token label ("Merchant token: ..."), whatever they
    look like (a check can then say which cannot be a token)."""
    low = _lowered(text, lowered)
    found = []
    for m in _anchored(_TOKEN_LABEL, low, _TOKEN_ANCHORS, {}):
        value = text[m.start("v") : m.end("v")]
        if not _PLACEHOLDER_VALUE.search(value) and any(c.isdigit() for c in value):
            found.append(Located(value, m.start("v"), m.end("v")))
    return found
