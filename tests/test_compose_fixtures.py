"""Cases and letters shared by the compose tests (no tests here)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from reinstate.core.case import CaseFacts
from reinstate.core.compose import PoaDraft, parse_poa

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GOLDEN = Path(__file__).with_name("test_compose_golden")

BRIGHT_KETTLE = CaseFacts(
    store_name="Bright Kettle Home Goods",
    merchant_token="A3KQ7X2M9PLZ4T",
    case_ids=["18427719302"],
    marketplace="amazon.com",
    reason="related_account",
    suspension_date=date(2026, 11, 3),
    mentions_section_3=True,
    notice_subject="Your Amazon.com selling account has been deactivated",
    notice_message_id=(
        "<0100019a3c2f8e5b-7d1e4f6a-2c3b-4e8d-9a0f-1b2c3d4e5f60-000000@email.amazonses.com>"
    ),
    notice_from='"Amazon.com" <seller-performance@amazon.com>',
)

TIDEWATER = CaseFacts(
    store_name="Tidewater Pet Supply",
    merchant_token="A2TW7PETS0X4QZ",
    case_ids=["30918264455", "30918264456"],
    marketplace="amazon.com",
    reason="product_condition",
    suspension_date=date(2026, 10, 19),
    mentions_section_3=True,
    asins=["B07PQ8XZ2K", "B082LRT5VN"],
    notice_subject="Your Amazon.com selling account has been deactivated",
    notice_message_id="<0100019a01-aaaa-bbbb-cccc-000000000001@email.amazonses.com>",
    notice_from='"Amazon.com" <seller-performance@amazon.com>',
)

# A German store with the characters a Latin-1 font cannot show.
KAFFEE = CaseFacts(
    store_name="Kaffeerösterei Łukasz Müller – Café Crème",
    merchant_token="A1DE5KAFFEE9ZX",
    case_ids=["7733019284"],
    marketplace="amazon.de",
    reason="identity_verification",
    suspension_date=date(2026, 9, 14),
    mentions_section_3=False,
    notice_subject="Ihr Verkäuferkonto wurde deaktiviert – Überprüfung erforderlich",
    notice_from="seller-verification@amazon.de",
)

CREATED = datetime(2026, 11, 5, 9, 30, tzinfo=UTC)


def corpus_poa(name: str, version: int = 1, created_at: datetime = CREATED) -> PoaDraft:
    text = (CORPUS / "appeals" / name).read_text(encoding="utf-8")
    return parse_poa(text, version=version, created_at=created_at)


def bright_kettle_poa(version: int = 1) -> PoaDraft:
    return corpus_poa("a01-related-good.txt", version)


KAFFEE_POA_TEXT = """\
Ursache:
- Die Stromrechnung vom 2. August 2026 war auf die frühere Adresse in Wrocław ausgestellt.
- Unsere Adresse in Seller Central lautete bereits auf die neue Rösterei in Köln.

Corrective actions:
1. On 15 September 2026 we uploaded a utility bill dated 3 September 2026 that shows the
   Köln address exactly as in Seller Central.
2. Fees of 49,90 € are paid by a card in our company's name.

Preventive measures:
- Any change of address is entered in Seller Central on the day it happens – Łukasz checks it.
"""


def kaffee_poa(version: int = 1) -> PoaDraft:
    return parse_poa(KAFFEE_POA_TEXT, version=version, created_at=CREATED)
