"""The pure document checks: text and screenshot heuristics, the runner over the knowledge."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reinstate.core.case import CaseFacts
from reinstate.core.codes import DOCS
from reinstate.core.evidence import CheckContext, ImageInfo, ParsedDocument, run_checks
from reinstate.core.evidence.checks import CHECKS, planned_checks
from reinstate.core.evidence.screenshot import judge_image, judge_pdf
from reinstate.core.evidence.text import (
    contact_details,
    document_title,
    find_business,
    utilities_named,
)
from reinstate.core.knowledge.loader import load_knowledge
from reinstate.core.knowledge.models import CHECKS as KNOWN_CHECKS
from reinstate.core.knowledge.models import DocumentKind, Requirement

NOTICE = date(2026, 3, 1)


def context(kind: str, text: str = "", **kw: object) -> CheckContext:
    info = load_knowledge(builtin_only=True).documents[kind]
    options: dict[str, object] = {
        "kind": kind,
        "info": info,
        "size": 1000,
        "max_bytes": 50 * 1024 * 1024,
        "size_source": "the limit set for uploads here",
        "detected_type": "application/pdf",
        "refused_reason": None,
        "parsed": ParsedDocument(pages=1, text=text),
        "notice_date": NOTICE,
        "today": date(2026, 3, 10),
        "facts": CaseFacts(store_name="Sunny Home Goods"),
    }
    options.update(kw)
    return CheckContext(**options)  # type: ignore[arg-type]


def outcome(ctx: CheckContext, check_id: str) -> tuple[bool | None, str]:
    result = next(r for r in run_checks(ctx) if r.id == check_id)
    return result.passed, result.reason


# --- every requirement with a check yields a result ----------------------------------------


@pytest.mark.parametrize("kind", DOCS)
def test_every_named_check_of_every_kind_yields_a_result(kind: str) -> None:
    info = load_knowledge(builtin_only=True).documents[kind]
    results = run_checks(context(kind, "INVOICE\nDate: 2026-01-02\n" * 3))
    ids = [r.id for r in results]
    for requirement in info.requirements:
        if requirement.check:
            assert requirement.check in ids
            assert requirement.check in CHECKS, f"{kind}: no implementation of {requirement.check}"
    assert ids[:3] == ["file_type", "max_size", "readable"]
    assert len(ids) == len(set(ids))
    assert all(r.reason for r in results)
    if not info.screenshot_allowed:
        assert "not_screenshot" in ids


def test_every_check_name_knowledge_accepts_is_implemented() -> None:
    assert set(KNOWN_CHECKS) == set(CHECKS)


def test_a_check_name_without_code_is_shown_as_not_checked() -> None:
    stamped = Requirement.model_construct(
        id="stamped", text="Stamped by customs.", check="customs_stamp_present", source=""
    )
    info = DocumentKind(label="Customs declaration", accepted_types=["application/pdf"])
    info = info.model_copy(update={"requirements": [stamped]})
    results = {r.id: r for r in run_checks(context("other", "Customs declaration", info=info))}
    result = results["customs_stamp_present"]
    assert result.passed is None and result.label == "Stamped by customs."
    assert "no automatic check named 'customs_stamp_present'" in result.reason
    assert planned_checks("other", info, "application/pdf")[-1][0] == "customs_stamp_present"


# --- invoice wording -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ACME GmbH\nRECHNUNG\nRechnungsnummer 42",
        "Facture n° 2026-017\nDate : 12/01/2026",
        "FACTURA\nNúmero: A-991",
        "Fattura n. 12\nData 12/01/2026",
        "TAX INVOICE\nABN 12 345 678 901",
        "Commercial Invoice\nShipper: Bright Trading",
    ],
)
def test_invoice_titles_in_five_languages_pass(text: str) -> None:
    passed, _ = outcome(
        context("invoices", text + "\n" + "line of goods " * 3), "says_invoice_not_pro_forma"
    )
    assert passed is True


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("QUOTE #Q-2291\nValid for 30 days", "quote"),
        ("Estimate\nFor: Sunny Home Goods", "estimate"),
        ("Order Confirmation No. 5512\nThank you for your order", "order confirmation"),
        ("PACKING SLIP\nShip to: Sunny Home Goods", "packing slip"),
        ("Sales Receipt\nPaid in cash", "sales receipt"),
        ("Angebot Nr. 2026-11\nGültig bis 31.03.2026", "Angebot"),
        ("Auftragsbestätigung\nBestellung 4471", "Auftragsbestätigung"),
        ("Lieferschein 7781\nWare erhalten", "Lieferschein"),
        ("DEVIS N° 118\nValable 30 jours", "devis"),
        ("Presupuesto 2026/04\nVálido 15 días", "presupuesto"),
        ("Preventivo n. 33\nValidità 30 giorni", "preventivo"),
        ("Albarán 5561\nEntregado", "albarán"),
    ],
)
def test_documents_that_are_not_invoices_fail(text: str, named: str) -> None:
    passed, reason = outcome(
        context("invoices", text + "\n" + "x" * 30), "says_invoice_not_pro_forma"
    )
    assert passed is False
    assert named.lower() in reason.lower()


def test_pro_forma_anywhere_fails_and_a_reference_line_does_not() -> None:
    passed, reason = outcome(
        context("invoices", "INVOICE 771\nThis replaces pro-forma 771 sent earlier."),
        "says_invoice_not_pro_forma",
    )
    assert passed is False and "pro-forma" in reason
    # Titled as an invoice first; a delivery note mentioned later is a reference, not the title.
    text = "INVOICE\nInvoice No. 5\nDelivery note: DN-5\nPlease quote the invoice number."
    assert outcome(context("invoices", text), "says_invoice_not_pro_forma")[0] is True
    untitled = outcome(
        context("invoices", "Goods delivered as agreed, thank you."), "says_invoice_not_pro_forma"
    )
    assert untitled == (False, "the document does not call itself an invoice anywhere")


def test_document_title_is_the_first_heading() -> None:
    assert document_title("Seller Ltd\nINVOICE\nRef: order confirmation 5") is not None
    title = document_title("Seller Ltd\nQuotation\nInvoice to follow after payment of the deposit")
    assert title is not None and not title.is_invoice and title.words == "quotation"
    assert document_title("Nothing here but a long sentence about the weather today.") is None


# --- contact details ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phone", "address", "website"),
    [
        (
            "Müller Handels GmbH\nHauptstraße 5, 10115 Berlin\nTel. 030 1234567\n"
            "www.mueller-handel.de",
            "Tel. 030 1234567",
            "Hauptstraße 5",
            "www.mueller-handel.de",
        ),
        (
            "Bright Co\n1600 Amphitheatre Pkwy, Mountain View, CA 94043\n(650) 253-0000\nhttps://bright.example.com/contact",
            "(650) 253-0000",
            "1600 Amphitheatre Pkwy",
            "https://bright.example.com",
        ),
        (
            "Distribution SARL\n12 rue de la Paix, 75002 Paris\nTél : +33 1 42 68 53 00\n"
            "distribution.fr",
            "+33 1 42 68 53 00",
            "12 rue",
            "distribution.fr",
        ),
        (
            "Suministros SL\nCalle Mayor 15, 28013 Madrid\nTeléfono: 912 345 678\nsuministros.es",
            "912 345 678",
            "Calle Mayor 15",
            "suministros.es",
        ),
        (
            "Forniture Srl\nVia Roma 10, 20121 Milano\nTel. 02 1234 5678\nwww.forniture.it",
            "Tel. 02 1234 5678",
            "Via Roma 10",
            "www.forniture.it",
        ),
    ],
)
def test_contact_details_in_five_countries(
    text: str, phone: str, address: str, website: str
) -> None:
    found = contact_details(text)
    assert found["phone"] is not None and phone in found["phone"]
    assert found["address"] is not None and found["address"].startswith(address)
    assert found["website"] == website


def test_an_email_address_is_not_a_website() -> None:
    found = contact_details("Bright Co\nsales@bright-trading.com\nOrder 55")
    assert found == {"phone": None, "address": None, "website": None}
    passed, reason = outcome(
        context("invoices", "INVOICE\nsales@bright-trading.com\nOrder 55"),
        "supplier_contact_present",
    )
    assert passed is False and "phone number and street address and website" in reason


# --- utility bills and names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "utilities"),
    [
        ("Your electricity bill\nUsage 420 kWh", ["electricity"]),
        ("Stromrechnung\nAbschlag Erdgas", ["electricity", "gas"]),
        ("Facture d'eau et assainissement", ["water"]),
        ("Factura de gas natural", ["gas"]),
        ("Bolletta telefonia e internet fibra", ["phone", "internet"]),
        ("Supplier Ltd\nTel: +44 20 7946 0958\nInternet: www.supplier.co.uk", []),
    ],
)
def test_utilities_named(text: str, utilities: list[str]) -> None:
    assert utilities_named(text) == utilities


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Bill to: SUNNY HOME GOODS, LLC\n45 Market St", "Sunny Home Goods LLC", True),
        ("Kunde: Müller Handels GmbH", "Mueller Handels", False),
        ("Kunde: Müller Handels GmbH", "Muller Handels", True),
        ("Sunny Homes Goods", "Sunny Home Goods", False),
        ("anything", "LLC", False),
    ],
)
def test_business_name_is_found_ignoring_case_accents_and_legal_form(
    text: str, name: str, found: bool
) -> None:
    assert (find_business(text, name) is not None) is found


def test_holder_without_address_fails() -> None:
    text = "Electricity bill\nAccount holder: Sunny Home Goods\nUsage 300 kWh\nAmount 50.00"
    passed, reason = outcome(context("utility_bill", text), "holder_matches_store")
    assert passed is False and "no address" in reason


# --- screenshots ----------------------------------------------------------------------------------


def test_screenshot_heuristic_on_images() -> None:
    phone_shot = ImageInfo(format="PNG", width=1170, height=2532)
    assert judge_image(phone_shot)[0] is False
    mac = ImageInfo(
        format="PNG",
        width=1000,
        height=640,
        software=["<exif:UserComment>Screenshot</exif:UserComment>"],
    )
    assert judge_image(mac)[0] is False
    photo = ImageInfo(
        format="JPEG", width=1920, height=1080, camera_make="Apple", camera_model="iPhone 15"
    )
    assert judge_image(photo)[0] is True  # a camera is recorded, whatever the size
    scan = ImageInfo(format="PNG", width=2480, height=3508)  # A4 at 300 dpi
    passed, reason = judge_image(scan)
    assert passed is True and "heuristic" in reason


def test_screenshot_heuristic_on_pdfs() -> None:
    assert judge_pdf({"Producer": "macOS Quartz PDFContext"}, [], True)[0] is True
    assert judge_pdf({"Creator": "Greenshot"}, [], True)[0] is False
    assert judge_pdf({}, [(1920, 1080)], False)[0] is False
    assert judge_pdf({}, [(2480, 3508)], False)[0] is True
    assert judge_pdf({}, [], False)[0] is None


# --- the runner never fails on odd input ----------------------------------------------------------


def test_checks_on_a_refused_file_say_so() -> None:
    ctx = context("invoices", parsed=None, detected_type=None, refused_reason="a plain text file")
    results = run_checks(ctx)
    assert {r.id: r.passed for r in results}["file_type"] is False
    for result in results:
        if result.id not in ("file_type", "max_size"):
            assert result.passed is None and "refused" in result.reason


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=600), st.sampled_from(DOCS))
def test_any_text_gives_a_result_for_every_check(text: str, kind: str) -> None:
    results = run_checks(context(kind, text))
    assert results and all(isinstance(r.reason, str) and r.reason for r in results)


# --- whole documents as suppliers lay them out ---------------------------------------------------

US_DISTRIBUTOR = """KeyStone Distributors, LLC
1245 E. Diehl Road, Suite 200
Naperville, IL 60563
Phone: 1-800-995-5343  Fax: 630-343-0123
www.keystone-dist.com
INVOICE
Invoice #: 0045521-A        Invoice Date: 01/14/2026
PO #: 7781                  Ship Date: 01/15/2026
Terms: Net 30               Due Date: 02/13/2026
Sold To:                    Ship To:
Sunny Home Goods LLC        Sunny Home Goods LLC
45 Market Street            45 Market Street
Springfield, IL 62701       Springfield, IL 62701
Item   UPC            Description            Qty   Price   Amount
88123  012345678905   Bamboo Cutting Board   240   $6.20   $1,488.00
"""
DE_RECHNUNG = """Großhandel Weber GmbH · Industriestr. 12 · 70565 Stuttgart
Sunny Home Goods
Musterweg 3
80331 München
Rechnung
Rechnungsnummer: RE-2026-0113
Lieferdatum: 18.01.2026
Rechnungsdatum: 20.01.2026
Pos. Artikel Menge Einzelpreis Gesamt
1 Schneidebrett Bambus 240 6,20 € 1.488,00 €
Zahlbar bis 03.02.2026 ohne Abzug.
Tel. +49 711 123456 · info@weber-grosshandel.de · www.weber-grosshandel.de
"""
CN_COMMERCIAL = """NINGBO SUNRISE IMPORT & EXPORT CO., LTD.
Add: Room 1203, No. 55 Zhongshan East Road, Ningbo, Zhejiang, China 315000
Tel: 0086-574-87654321   E-mail: sales@sunrise-nb.com   Web: sunrise-nb.en.alibaba.com
COMMERCIAL INVOICE
Invoice No.: SR20260108   Date: Jan. 8, 2026
To: Sunny Home Goods LLC, 45 Market Street, Springfield, IL 62701, USA
Silicone spatula set  1,000 sets  USD 1.35  USD 1,350.00
"""
FR_FACTURE = """Distribution Lumière SARL
12 rue de la République
69002 Lyon
Tél. : 04 78 12 34 56
www.distribution-lumiere.fr
FACTURE N° F-2026-0042
Échéance : 14 février 2026
Date : 15 janvier 2026
Client : Sunny Home Goods
8 avenue des Champs, 75008 Paris
"""


@pytest.mark.parametrize(
    ("text", "issued", "label"),
    [
        (US_DISTRIBUTOR, "2026-01-14", "Invoice Date"),
        (DE_RECHNUNG, "2026-01-20", "Rechnungsdatum"),
        (CN_COMMERCIAL, "2026-01-08", "Date"),
        (FR_FACTURE, "2026-01-15", "Date"),
    ],
)
def test_real_invoice_layouts_pass_every_text_check(text: str, issued: str, label: str) -> None:
    results = {r.id: r for r in run_checks(context("invoices", text))}
    for check_id in (
        "invoice_date_within_365_days",
        "supplier_contact_present",
        "says_invoice_not_pro_forma",
        "buyer_matches_store",
    ):
        assert results[check_id].passed is True, (check_id, results[check_id].reason)
    dated = results["invoice_date_within_365_days"].reason
    assert dated.startswith(f"dated {issued} (the date labelled '{label}')")


def test_real_utility_bill_layout() -> None:
    text = """British Gas
PO Box 4805, Worthing BN11 9QW
Your energy bill
Bill date 3 February 2026
Sunny Home Goods Ltd
14 Baker Street, London W1U 3BW
Your gas and electricity from 1 Jan 2026 to 31 Jan 2026
Total to pay £142.30 by 17 February 2026
"""
    results = {r.id: r for r in run_checks(context("utility_bill", text))}
    assert results["utility_bill_within_90_days"].passed is True
    assert "2026-02-03" in results["utility_bill_within_90_days"].reason
    assert results["looks_like_utility_bill"].reason == "a bill for gas, electricity"
    assert results["holder_matches_store"].passed is True
