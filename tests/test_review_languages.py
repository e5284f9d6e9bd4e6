"""Letters written in German, French, Spanish, Italian and Japanese: parts and identifiers are
found, and the English tone rules stay quiet on a clean letter."""

from __future__ import annotations

import pytest

from reinstate.core.review import ReviewConfig, review
from reinstate.core.review.identifiers import find_identifiers, parse_date
from reinstate.core.review.sections import find_sections

GERMAN = """\
Sehr geehrte Damen und Herren,

Shopname: Nordlicht Haushaltswaren
Händler-Token: A2KQ7X3M9PLZ4T
Fall-ID: 18427719302
Datum der Deaktivierung: 3. November 2026

Ursache
Am 14. Oktober 2026 haben wir 120 Wasserkocher ohne CE-Konformitätserklärung verschickt. Unser \
Wareneingang prüfte die Unterlagen des Lieferanten nicht, bevor die Ware eingelistet wurde.

Korrekturmaßnahmen
- Am 4. November 2026 haben wir alle 6 betroffenen ASINs aus dem Verkauf genommen.
- Am 6. November 2026 haben wir die Konformitätserklärung des Herstellers eingeholt (Anlage 1).

Vorbeugende Maßnahmen
- Seit dem 7. November 2026 gibt unsere Qualitätsleiterin jedes neue Produkt erst frei, wenn \
die Konformitätserklärung vorliegt.
- Jeden Monat prüfen wir 10 zufällige ASINs gegen die Unterlagen.

Abschnitt 3 der Richtlinie wird in der Benachrichtigung nicht genannt.

Mit freundlichen Grüßen
Anna Berger
"""

FRENCH = """\
Madame, Monsieur,

Nom de la boutique : Atelier Lumière
Jeton de vendeur : A3PLM8Q2XZ7KT
Numéro de cas : 20485511734
Date de désactivation : 3 novembre 2026

Cause principale
Le 14 octobre 2026, nous avons expédié 85 lampes sans étiquette de sécurité. Notre contrôle \
à la réception ne vérifiait pas les étiquettes du fournisseur.

Mesures correctives
- Le 4 novembre 2026, nous avons retiré les 4 ASIN concernés de la vente.
- Le 6 novembre 2026, nous avons fait réétiqueter les 85 lampes en stock (photos jointes).

Mesures préventives
- Depuis le 7 novembre 2026, chaque nouvelle livraison est vérifiée par notre responsable \
qualité avant la mise en vente.
- Chaque mois, nous contrôlons 10 ASIN au hasard.

La section 3 n'est pas mentionnée dans la notification.

Cordialement,
Claire Martin
"""

SPANISH = """\
Estimados señores:

Nombre de la tienda: Casa Olivar
Token de comerciante: A1ZX9KQ4M7PLT
ID de caso: 30917726458
Fecha de desactivación: 3 de noviembre de 2026

Causa raíz
El 14 de octubre de 2026 enviamos 60 sartenes con una descripción de material incorrecta. \
Nadie de nuestro equipo comparaba la ficha del producto con la hoja técnica del fabricante.

Medidas correctivas
- El 4 de noviembre de 2026 corregimos la descripción de los 3 ASIN afectados.
- El 5 de noviembre de 2026 obtuvimos la hoja técnica firmada por el fabricante (adjunta).

Medidas preventivas
- Desde el 6 de noviembre de 2026 nuestra responsable de catálogo revisa cada ficha nueva \
con la hoja técnica antes de publicarla.
- Cada mes revisamos 10 fichas al azar.

La sección 3 no se menciona en la notificación.

Atentamente,
Lucía Gómez
"""

ITALIAN = """\
Gentile team Amazon,

Nome del negozio: Bottega Verde
Token venditore: A4MQ2ZK8XP3LT
ID caso: 41568830297
Data di disattivazione: 3 novembre 2026

Causa principale
Il 14 ottobre 2026 abbiamo spedito 40 creme senza elenco degli ingredienti in italiano. Il \
nostro controllo in entrata non verificava le etichette del fornitore.

Azioni correttive
- Il 4 novembre 2026 abbiamo sospeso la vendita dei 2 ASIN interessati.
- Il 6 novembre 2026 abbiamo rietichettato le 40 confezioni in magazzino (foto allegate).

Misure preventive
- Dal 7 novembre 2026 la nostra responsabile qualità approva ogni nuovo prodotto solo dopo \
aver controllato l'etichetta.
- Ogni mese controlliamo 10 ASIN scelti a caso.

La sezione 3 non è citata nella notifica.

Cordiali saluti,
Marco Rossi
"""

LETTERS = {
    "de": (GERMAN, "Nordlicht Haushaltswaren", "A2KQ7X3M9PLZ4T", "18427719302"),
    "fr": (FRENCH, "Atelier Lumière", "A3PLM8Q2XZ7KT", "20485511734"),
    "es": (SPANISH, "Casa Olivar", "A1ZX9KQ4M7PLT", "30917726458"),
    "it": (ITALIAN, "Bottega Verde", "A4MQ2ZK8XP3LT", "41568830297"),
}


@pytest.mark.parametrize("lang", sorted(LETTERS))
def test_clean_letter_has_parts_identifiers_and_no_false_alarms(lang: str) -> None:
    text, store, token, case_id = LETTERS[lang]
    report = review(text, config=ReviewConfig(builtin_only=True))
    assert all(section.found for section in report.sections.values()), report.sections
    errors = [f.rule for f in report.findings if f.severity == "error"]
    warnings = [f.rule for f in report.findings if f.severity == "warning"]
    assert errors == []
    assert len(warnings) <= 1, warnings
    assert not any(f.rule.startswith("identifier") for f in report.findings), report.findings
    ids = find_identifiers(text)
    assert [loc.value for loc in ids.store_names] == [store]
    assert [loc.value for loc in ids.tokens] == [token]
    assert [loc.value for loc in ids.case_ids] == [case_id]
    assert ids.present() == dict.fromkeys(ids.present(), True)


@pytest.mark.parametrize("lang", sorted(LETTERS))
def test_parts_end_where_the_next_heading_starts(lang: str) -> None:
    text = LETTERS[lang][0]
    sections = find_sections(text)
    root = sections.parts["root_cause"]
    corrective = sections.parts["corrective_actions"]
    preventive = sections.parts["preventive_measures"]
    assert root.end <= corrective.start < corrective.end <= preventive.start
    assert "2026" in text[root.content_start : root.end]
    assert "Section" not in text[preventive.content_start : preventive.end]
    # the sign-off is a heading of its own, not part of the preventive measures
    assert text.rstrip().splitlines()[-1] not in text[preventive.content_start : preventive.end]


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("Ursache:", "root_cause"),
        ("1. Grundursache", "root_cause"),
        ("## Ursachenanalyse", "root_cause"),
        ("Cause(s)", "root_cause"),
        ("Analyse des causes", "root_cause"),
        ("Causa del problema", "root_cause"),
        ("**Causa principale**", "root_cause"),
        ("Ergriffene Maßnahmen", "corrective_actions"),
        ("2) Abhilfemaßnahmen", "corrective_actions"),
        ("ACTIONS CORRECTIVES", "corrective_actions"),
        ("Acciones correctivas:", "corrective_actions"),
        ("Misure correttive", "corrective_actions"),
        ("Präventivmaßnahmen", "preventive_measures"),
        ("Maßnahmen zur Vorbeugung", "preventive_measures"),
        ("Mesures préventives", "preventive_measures"),
        ("3. Medidas preventivas", "preventive_measures"),
        ("Azioni preventive", "preventive_measures"),
        ("Bereits umgesetzte Maßnahmen", "corrective_actions"),
        ("Azioni correttive già completate", "corrective_actions"),
        ("Medidas adoptadas", "corrective_actions"),
        ("1. 問題の根本原因", "root_cause"),
        ("2. 実施済みの是正措置", "corrective_actions"),
        ("3. 再発防止策", "preventive_measures"),
    ],
)
def test_foreign_heading_names_its_part(heading: str, part: str) -> None:
    text = f"{heading}\nWir haben am 4. November 2026 gehandelt; 12 Einheiten geprüft.\n"
    assert list(find_sections(text).parts) == [part]


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("Ursache: Unser Wareneingang prüfte die Rechnungen nicht.", "root_cause"),
        ("Mesures correctives : nous avons retiré 4 ASIN.", "corrective_actions"),
        ("Medidas preventivas: revisamos cada ficha nueva.", "preventive_measures"),
    ],
)
def test_foreign_inline_label_starts_its_part(line: str, part: str) -> None:
    sections = find_sections(line + "\n")
    assert list(sections.parts) == [part]
    assert sections.parts[part].content_start > 0


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Name des Shops: Nordlicht GmbH", "store_names", "Nordlicht GmbH"),
        ("Verkäufername: Nordlicht GmbH", "store_names", "Nordlicht GmbH"),
        ("ストア名：ひなた雑貨店", "store_names", "ひなた雑貨店"),
        ("Händlertoken: A2KQ7X3M9PLZ4T", "tokens", "A2KQ7X3M9PLZ4T"),
        ("Identifiant marchand : A3PLM8Q2XZ7KT", "tokens", "A3PLM8Q2XZ7KT"),
        ("ID de vendedor: a1zx9kq4m7plt", "tokens", "a1zx9kq4m7plt"),
        ("Fallnummer 18427719302", "case_ids", "18427719302"),
        ("ID de dossier : 20485511734", "case_ids", "20485511734"),
        ("Numero del caso: 41568830297", "case_ids", "41568830297"),
        ("Konto deaktiviert am 03.11.2026", "suspension_dates", "03.11.2026"),
        ("Compte désactivé le 1er novembre 2026", "suspension_dates", "1er novembre 2026"),
    ],
)
def test_foreign_identifier_labels(text: str, field: str, value: str) -> None:
    found = getattr(find_identifiers(text), field)
    assert [loc.value for loc in found] == [value]


def test_foreign_dates_parse_and_section_3_is_found() -> None:
    assert str(parse_date("3. november 2026")) == "2026-11-03"
    assert str(parse_date("3 de noviembre de 2026")) == "2026-11-03"
    assert str(parse_date("14 märz 2026")) == "2026-03-14"
    assert str(parse_date("1er août 2026")) == "2026-08-01"
    for text in ("Abschnitt 3", "la section 3", "la sección 3", "la sezione 3"):
        assert find_identifiers(text).section_3 is not None
    assert find_identifiers("Abschnitt 30").section_3 is None


def test_english_letter_without_identifiers_still_misses_them() -> None:
    # the new labels must not make a plain English sentence look like an identifier
    text = "We shipped 40 units from our shop in the fall; the case was closed in May 2026.\n"
    ids = find_identifiers(text)
    assert ids.store_names == [] and ids.case_ids == [] and ids.tokens == []
