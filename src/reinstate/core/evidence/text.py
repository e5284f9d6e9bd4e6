"""What a document's text says: its title, contact details, the kind of utility, a business name.

Pure text heuristics, compiled once per process. They read the whole text, so a match does
not prove which party (supplier or buyer) it belongs to; the checks say so in their reasons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reinstate.core.evidence.dates import fold

_I = re.IGNORECASE | re.MULTILINE

INVOICE_WORD = re.compile(r"\b(?:invoice|rechnung|facture|factura|fattura)", _I)
PRO_FORMA = re.compile(r"\bpro[\s\-]?forma", _I)

# Titles that make a document something other than an invoice, when the document is titled so.
_NOT_INVOICE_TITLES: tuple[tuple[str, str], ...] = (
    ("quotation", r"quotation"),
    ("quote", r"quote(?!\s+(?:the|this|our|your|invoice|ref|reference|number|when)\b)"),
    ("estimate", r"estimate"),
    ("order confirmation", r"order\s+confirmation|confirmation\s+of\s+order"),
    ("packing slip", r"packing\s+(?:slip|list)"),
    ("delivery note", r"delivery\s+note"),
    ("sales receipt", r"sales\s+receipt"),
    ("credit note", r"credit\s+note"),
    ("Angebot", r"angebot"),
    ("Kostenvoranschlag", r"kostenvoranschlag"),
    ("Auftragsbestätigung", r"auftragsbestatigung|bestellbestatigung"),
    ("Lieferschein", r"lieferschein|packliste"),
    ("Kassenbon", r"kassenbon|kassenbeleg"),
    ("Gutschrift", r"gutschrift"),
    ("devis", r"devis"),
    ("confirmation de commande", r"confirmation\s+de\s+commande"),
    ("bon de livraison", r"bon\s+de\s+livraison|bordereau\s+de\s+livraison"),
    ("avoir", r"avoir"),
    ("presupuesto", r"presupuesto|cotizacion"),
    ("confirmación de pedido", r"confirmacion\s+de\s+(?:pedido|orden)"),
    ("albarán", r"albaran|nota\s+de\s+entrega"),
    ("nota de crédito", r"nota\s+de\s+credito"),
    ("preventivo", r"preventivo|offerta"),
    ("conferma d'ordine", r"conferma\s+(?:d.)?ordine"),
    ("documento di trasporto", r"documento\s+di\s+trasporto|ddt|bolla\s+di\s+consegna"),
    ("nota di credito", r"nota\s+di\s+credito"),
)
_TITLE_LINE = re.compile(
    r"^[^\S\n]*(?:(?P<invoice>(?:commercial\s+|tax\s+|final\s+)?(?:invoice|rechnung|facture|"
    r"factura|fattura))|"
    + "|".join(f"(?P<t{i}>{pattern})" for i, (_, pattern) in enumerate(_NOT_INVOICE_TITLES))
    + r")\b[^\n]{0,60}$",
    _I,
)

PHONE = re.compile(
    r"(?:\b(?:tel|telephone|phone|ph|fon|telefon|telefono|mobile|mob|cell|fax|t)\b\.?\s*"
    r"(?:no\.?|nr\.?|number)?\s*[:.]?\s*\+?\(?\d[\d\s()./\-]{5,}\d)"
    r"|(?:\+\d{1,3}[\s.\-]?\(?\d{1,5}\)?(?:[\s.\-]?\d{2,5}){2,})"
    r"|(?:\(\d{3}\)\s?\d{3}[\s.\-]\d{4}\b)|(?:\b\d{3}[.\-]\d{3}[.\-]\d{4}\b)",
    _I,
)
_STREET = (
    # 221B Baker Street, 1600 Amphitheatre Pkwy, 12 Main St.
    r"\b\d{1,5}[a-z]?,?\s+(?:[a-z][\w'.\-]*\s+){0,4}(?:street|st|road|rd|avenue|ave|boulevard"
    r"|blvd|lane|ln|drive|dr|way|court|ct|place|pl|square|sq|parkway|pkwy|highway|hwy|terrace"
    r"|close|crescent|row)\b"
    # Hauptstraße 5, Am Weg 3a
    r"|\b[\w\-]*(?:strasse|straße|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee)\s+\d{1,4}[a-z]?\b"
    # 12 rue de la Paix, 3 bis avenue Foch
    r"|\b\d{1,4}(?:\s*(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|allee"
    r"|impasse|quai|route|cours)\b[^\n,\d]{0,40}"
    # Calle Mayor 5, C/ Alcala, 20, Via Roma 10
    r"|\b(?:calle|c/|avda\.?|avenida|paseo|plaza|camino|via|viale|piazza|corso|largo|vicolo"
    r"|strada)\s+[^\n\d]{2,40}?,?\s*(?:n[o.]?\s*)?\d{1,4}\b"
)
_POSTCODE = (
    r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"  # US: CA 94105
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b"  # UK: SW1A 1AA
    r"|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"  # Canada: K1A 0B1
    r"|(?:\b[A-Z]-)?\b\d{4,5}\s+[A-Z][a-z]{2,}"  # DE/FR/ES/IT/NL/AT/CH: 10115 Berlin
)
STREET = re.compile(_STREET, _I)
POSTCODE = re.compile(_POSTCODE)
WEBSITE = re.compile(
    r"\b(?:https?://|www\.)[\w\-]+(?:\.[\w\-]+)+"
    r"|(?<![@\w.\-])(?:[a-z0-9\-]+\.)+(?:com|net|org|biz|info|shop|store|online|eu|de|fr|es|it"
    r"|nl|be|at|ch|pl|se|uk|us|ca|mx|br|au|jp|cn|hk|tw|in|tr|ae|sg|io|co)\b(?![@\w\-]|\.\w)",
    _I,
)

_UTILITIES: tuple[tuple[str, str], ...] = (
    (
        "electricity",
        r"electricity|electric|kwh|\w*strom\w*|elektrizitat|electricite|electricidad"
        r"|elettricita|energia elettrica|energy|energie|energia|luce",
    ),
    ("gas", r"gas|erdgas\w*|gas(?:rechnung|versorgung|lieferung|tarif|verbrauch)|gaz"),
    ("water", r"water|\w*wasser\w*|eau|agua|acqua|sewer|sewage"),
    ("internet", r"internet|broadband|fibre|fiber|dsl|glasfaser|fibra"),
    ("phone", r"telephone|phone|landline|mobile|telefon|telefono|telephonie|telefonia|movil"),
)
_UTILITY = re.compile(
    r"\b(?:" + "|".join(f"(?P<u{i}>{p})" for i, (_, p) in enumerate(_UTILITIES)) + r")\b"
    r"(?!\s*[.:]?\s*(?:[+(\d]|www|http))",
    _I,
)
_LEGAL_SUFFIX = re.compile(
    r"\b(?:inc|llc|ltd|limited|corp|corporation|co|company|gmbh|ug|ag|kg|ohg|e\.?k|sarl|sas|sa"
    r"|srl|spa|sl|bv|nv|plc|pty|lp|llp)\b\.?",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Title:
    """How the document names itself: the first heading-like line that says what it is."""

    is_invoice: bool
    words: str


def document_title(text: str) -> Title | None:
    """The first short line that starts with 'Invoice' or one of the non-invoice titles."""
    folded = fold(text)
    for match in _TITLE_LINE.finditer(folded):
        if len(match.group(0).split()) > 8:
            continue
        if match["invoice"]:
            return Title(True, text[match.start("invoice") : match.end("invoice")].strip())
        for i, (name, _) in enumerate(_NOT_INVOICE_TITLES):
            if match[f"t{i}"]:
                return Title(False, name)
    return None


def contact_details(text: str) -> dict[str, str | None]:
    """The first phone number, street address or postcode, and website found in the text."""
    folded = fold(text)  # same length as text: positions carry over
    found: dict[str, str | None] = {}
    for name, match in (
        ("phone", PHONE.search(folded)),
        ("address", STREET.search(folded) or POSTCODE.search(folded)),
        ("website", WEBSITE.search(folded)),
    ):
        found[name] = text[match.start() : match.end()].strip() if match else None
    return found


def utilities_named(text: str) -> list[str]:
    """The utilities the text speaks of (electricity, gas, water, internet, phone)."""
    found: list[str] = []
    for match in _UTILITY.finditer(fold(text)):
        for i, (name, _) in enumerate(_UTILITIES):
            if match[f"u{i}"] and name not in found:
                found.append(name)
    return found


def _normalise_name(name: str) -> str:
    return _NON_WORD.sub(" ", _LEGAL_SUFFIX.sub(" ", fold(name).lower())).strip()


def find_business(text: str, name: str) -> int | None:
    """Where the business ``name`` appears in ``text`` (legal suffix, case, accents ignored)."""
    wanted = _normalise_name(name)
    if not wanted:
        return None
    pattern = r"\W+".join(re.escape(word) for word in wanted.split())
    match = re.search(rf"(?<!\w){pattern}(?!\w)", fold(text), re.IGNORECASE)
    return match.start() if match else None


def address_near(text: str, start: int, window: int = 300) -> str | None:
    """A street address or postcode within ``window`` characters after ``start``."""
    folded = fold(text)[start : start + window]
    match = STREET.search(folded) or POSTCODE.search(folded)
    return text[start + match.start() : start + match.end()].strip() if match else None
