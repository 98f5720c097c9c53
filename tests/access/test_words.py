"""Words: every page of the access world, rendered for each role that may open it, reads as
French should: no « 0 résultats »-type plural after 0 or 1, no doubled word, no « --------- »
(the empty choice Django puts in a select or a radio list)."""

import re

import pytest

from tests.access.table import ROLES, split_row_name
from tests.access.test_matrix import (  # noqa: F401 — the module's fixtures, shared
    TABLE,
    _isolated_files,
    _no_pdf_layout,
    media,
    observe_page,
    world,
)
from tests.access.urlconf import url_patterns

# After 0 or 1 a French noun is singular; these end in -s in the singular too.
SINGULAR_IN_S = {
    "mois",
    "mars",
    "fois",
    "pas",
    "plus",
    "avis",
    "accès",
    "sous",
    "dans",
    "cours",
    "temps",
    "corps",
    "succès",
    "processus",
    "versus",
    "prix",
    "choix",
    "repas",
    "bras",
    "parcours",
    "concours",
    "recours",
    "discours",
    "secours",
    "relais",
    "souris",
    "tapis",
    "taux",
    "lors",
}
PLURAL_AFTER_ONE = re.compile(r"(?<![\d.,])\b([01])[\s\xa0]+([a-zàâçéèêëîïôûù]+s)\b")
# Repeated on purpose in French: « vous vous », « nous nous », « de de » never is.
DOUBLED_OK = {"vous", "nous", "se", "à"}
DOUBLED = re.compile(r"\b(\w{2,})\s+\1\b", re.IGNORECASE)


def words_problems(html: str) -> list[str]:
    # Each tag ends a run of words: « Espace » in a heading after « Mon espace » in the
    # breadcrumb is not a doubled word.
    html_only = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ¶ ", html_only))
    problems = []
    for number, word in PLURAL_AFTER_ONE.findall(text):
        if word not in SINGULAR_IN_S:
            problems.append(f"« {number} {word} »")
    for match in DOUBLED.finditer(text):
        first, second = match.group(0).split()[0], match.group(0).split()[-1]
        if first != second and first.islower():
            continue  # « l’objectif Objectif 1 »: a noun, then a title that starts with it
        if match.group(1).lower() not in DOUBLED_OK and not match.group(1).isdigit():
            problems.append(f"« {match.group(0)} »")
    if "---------" in html:
        problems.append("« --------- »")
    return problems


def test_the_checker_finds_what_it_should():
    assert words_problems("<p>0 résultats</p>") == ["« 0 résultats »"]
    assert words_problems("<p>1 mois, 3 objectifs, selon le le référentiel</p>") == ["« le le »"]
    assert words_problems('<option value="">---------</option>') == ["« --------- »"]
    assert words_problems("<p>Vous vous engagez ; 2 pôles.</p>") == []


def cases():
    patterns = url_patterns()
    for row in sorted(TABLE):
        name = split_row_name(row)[0]
        if name not in patterns or name.startswith("api:"):
            continue
        for role in ROLES.values():
            if TABLE[row][role].get == "200":
                yield pytest.param(row, patterns[name], role, id=f"{row}-{role}")


@pytest.mark.parametrize(("row", "params", "role"), list(cases()))
def test_every_page_reads_as_french(world, db, row, params, role):  # noqa: F811
    response = observe_page(world, row, params, role)
    if "html" not in response.get("Content-Type", ""):
        return
    problems = words_problems(response.content.decode())
    assert not problems, f"{row} en {role} : " + ", ".join(problems)
