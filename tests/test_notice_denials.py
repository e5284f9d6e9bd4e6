"""Amazon's refusals in each language read as denials; store names read where they stop."""

from __future__ import annotations

import pytest

from reinstate.core.notice import read_notice

DENIALS = [
    (
        "de",
        "Guten Tag,\n\nvielen Dank für Ihre Antwort. Leider können wir Ihren Einspruch nicht "
        "annehmen. Die eingereichten Unterlagen reichen nicht aus.\n\nFall-ID: 11223344556\n\n"
        "Freundliche Grüße\nSeller Performance Team",
    ),
    (
        "fr",
        "Bonjour,\n\nNous avons examiné votre dossier. Nous ne pouvons pas accepter votre appel "
        "pour le moment. Votre compte vendeur reste désactivé.\n\nCordialement,\n"
        "L'équipe Performance Vendeur",
    ),
    (
        "es",
        "Hola:\n\nHemos revisado la información que nos ha enviado. No podemos aceptar su "
        "apelación en este momento y su cuenta de vendedor sigue desactivada.\n\nAtentamente,\n"
        "El equipo de Rendimiento del vendedor",
    ),
    (
        "it",
        "Salve,\n\nabbiamo esaminato le informazioni che ci ha inviato. Non possiamo accettare "
        "il suo ricorso e il suo account venditore resta disattivato.\n\nCordiali saluti,\n"
        "Il team Performance venditore",
    ),
]


@pytest.mark.parametrize(("language", "body"), DENIALS, ids=[d[0] for d in DENIALS])
def test_a_refused_appeal_is_a_denial_in_every_language(language: str, body: str) -> None:
    message = (
        "From: Amazon <seller-performance@amazon.de>\n"
        "Subject: RE: Your selling account\n"
        "Date: Thu, 26 Nov 2026 10:00:00 +0100\n\n" + body + "\n"
    )
    notice = read_notice(message.encode("utf-8"))
    assert notice.language == language
    assert notice.kind == "appeal_denied"


def test_a_store_name_followed_by_a_parenthesis_stops_before_it() -> None:
    notice = read_notice(
        "Hello,\n\nWe have deactivated your Amazon.co.uk selling account, Harbour & Pine Ltd "
        "(merchant token A1B2C3D4E5F6G7), because your Order Defect Rate is above our target "
        "of 1%.\n\nSeller Performance Team\n"
    )
    assert notice.store_name == "Harbour & Pine Ltd"
    assert notice.merchant_token == "A1B2C3D4E5F6G7"
