"""An ECARTS evaluation from start to finish in a real browser: the coordinator launches it with
two members and one invited outsider, each fills their sheet, the coordinator consolidates (the
criterion where raters disagree is flagged), validates, reads the radar over the previous
evaluation and downloads the PDF report."""

import re
from datetime import date, timedelta

from django.core import mail

from ptce.assessments.referentiel.selectors import grid
from ptce.poles.models import PersonRole
from tests.assessments.results_data import validated_evaluation
from tests.e2e.evaluation_helpers import (
    NO_OPINION,
    fill_sheet,
    invitation_link,
    logout,
    normalise,
    path_of,
    pdf_text,
)
from tests.e2e.helpers import assert_accessible, login, visit
from tests.poles.factories import PolePersonFactory

TITLE = "Auto-évaluation collective 2026"
PREVIOUS_TITLE = "Auto-évaluation collective 2025"
# Agreed scores of last year's validated evaluation, A to I.
PREVIOUS = "322332221"
# The raters agree everywhere (1 point apart at most) except on C: 1, 3 and 4.
AGREED = {"A": 4, "B": 3, "C": 3, "D": 4, "E": 3, "F": 3, "G": 2, "H": 3, "I": 2}
FIRST_MEMBER = {**AGREED, "C": 1}
SECOND_MEMBER = {**AGREED, "B": 4, "C": 3, "G": NO_OPINION}
EXTERNAL = {**AGREED, "C": 4}
EXTERNAL_EMAIL = "dominique.pair@exemple.org"


def test_a_coordinator_runs_an_ecarts_evaluation_with_three_raters_from_launch_to_pdf(
    page, live_server, pole, coordinator, member, browser_errors
):
    previous = validated_evaluation(pole, PREVIOUS, days_ago=365, title=PREVIOUS_TITLE)
    criteria = grid(previous.referentiel)
    second_member = PolePersonFactory(
        pole=pole,
        role=PersonRole.MEMBER,
        user__email="alix.durand@exemple.fr",
        user__first_name="Alix",
        user__last_name="Durand",
    ).user
    mail.outbox.clear()

    # 1. The coordinator launches the evaluation from the pole's space.
    login(page, live_server, coordinator)
    assert visit(page, live_server, f"/poles/{pole.slug}/espace/") == 200
    page.get_by_role("link", name="Évaluations ECARTS").click()
    page.get_by_role("link", name="Nouvelle évaluation").click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_mode").select_option("auto")
    page.locator("#id_deadline").fill(f"{date.today() + timedelta(days=30):%Y-%m-%d}")
    page.get_by_role("button", name="Créer l’évaluation").click()
    assert page.get_by_text("L’évaluation est créée.").is_visible()
    evaluation_path = path_of(page)
    evaluation_pk = int(re.search(r"/evaluations/(\d+)/$", evaluation_path).group(1))

    add_member = page.locator("form[action$='/evaluateurs/ajouter/']")
    for person in (member, second_member):
        add_member.locator("select").select_option(
            label=f"{person.get_full_name()} ({person.email})"
        )
        add_member.get_by_role("button", name="Ajouter").click()
        assert page.get_by_text(
            f"{person.get_full_name()} fait partie des évaluateurs."
        ).is_visible()
    invite = page.locator("form[action$='/evaluateurs/inviter/']")
    invite.get_by_label("Nom et prénom").fill("Dominique Pair")
    invite.get_by_label("Adresse électronique").fill(EXTERNAL_EMAIL)
    invite.get_by_role("button", name="Inviter").click()
    assert page.get_by_text("Dominique Pair est invité·e").is_visible()
    assert page.locator("#evaluateurs tbody tr").count() == 3

    page.get_by_role("button", name="Ouvrir l’évaluation aux évaluateurs").click()
    page.get_by_role("button", name="Confirmer : ouvrir l’évaluation aux évaluateurs").click()
    assert page.get_by_text("L’évaluation est maintenant « Ouverte ».").is_visible()
    external_link = invitation_link(EXTERNAL_EMAIL, live_server)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [member.email, second_member.email, EXTERNAL_EMAIL]
    )
    logout(page)

    # 2. Each rater fills and sends their sheet: two members signed in, one outsider by link.
    login(page, live_server, member)
    visit(page, live_server, f"/poles/{pole.slug}/evaluations/")
    page.get_by_role("link", name=f"Ma feuille pour {TITLE}").click()
    assert path_of(page) == f"/evaluations/{evaluation_pk}/ma-feuille/"
    assert_accessible(page)
    fill_sheet(page, FIRST_MEMBER, observation_on=("C", "Aucun partenariat avec la mairie."))
    logout(page)

    login(page, live_server, second_member)
    visit(page, live_server, f"/evaluations/{evaluation_pk}/ma-feuille/")
    fill_sheet(page, SECOND_MEMBER)
    logout(page)

    page.goto(external_link)
    assert page.get_by_text("Feuille de Dominique Pair").is_visible()
    fill_sheet(page, EXTERNAL, observation_on=("C", "Une convention signée avec la région."))

    # 3. The coordinator closes the sheets and consolidates: only C is flagged.
    login(page, live_server, coordinator)
    visit(page, live_server, evaluation_path)
    page.get_by_role("button", name="Clore les feuilles et consolider").click()
    page.get_by_role("button", name="Confirmer : clore les feuilles et consolider").click()
    assert page.get_by_text("« En consolidation »").is_visible()
    page.get_by_role("link", name="Consolidation", exact=True).click()

    flagged = page.locator("#statistiques tbody tr").filter(has_text="À discuter")
    assert flagged.count() == 1
    assert flagged.get_attribute("id") == "stats-C"
    assert page.locator("#stats-C td").all_inner_texts()[:7] == [
        "3",
        "0",
        "3",
        "2,7",
        "1",
        "4",
        "3",
    ]
    assert page.locator("#stats-G td").nth(1).inner_text() == "1"  # « ne se prononce pas »
    sheets = {
        "Alix Durand": SECOND_MEMBER,
        member.get_full_name(): FIRST_MEMBER,
        "Dominique Pair": EXTERNAL,
    }
    for name, scores in sheets.items():
        row = page.locator("#notes-individuelles tbody tr").filter(has_text=name)
        expected = ["NSP" if s == NO_OPINION else str(s) for s in scores.values()]
        assert row.locator("td").all_inner_texts() == expected, name
    for letter in "ABCDEFGHI":
        legend = page.locator(f"#retenu-{letter}")
        assert ("À discuter" in legend.text_content()) == (letter == "C"), letter
        # The agreed score is the median by default.
        assert page.locator(f"#id_score_{letter}").input_value() == str(AGREED[letter])
    assert_accessible(page)

    page.locator("#id_comment_C").fill("Le groupe retient 3 : une convention existe, à étendre.")
    page.locator("#id_synthesis").fill("Un pôle bien ancré ; le partenariat public reste à bâtir.")
    page.locator("#id_actions-0-what").fill("Rencontrer les élus de la communauté de communes")
    page.locator("#id_actions-0-letter").select_option("C")
    page.locator("#id_actions-0-who").fill("La coordination")
    page.locator("#id_actions-0-due_on").fill(f"{date.today() + timedelta(days=180):%Y-%m-%d}")
    page.get_by_role("button", name="Enregistrer la consolidation").click()
    assert page.get_by_text("La consolidation est enregistrée.").is_visible()

    page.get_by_role("link", name="sa page").click()
    page.get_by_role("button", name="Valider et verrouiller l’évaluation").click()
    page.get_by_role("button", name="Confirmer : valider et verrouiller l’évaluation").click()
    assert page.get_by_text("L’évaluation est maintenant « Validée ».").is_visible()

    # 4. The results: the radar with last year's evaluation overlaid, and the same numbers.
    page.get_by_role("link", name="Résultats", exact=True).click()
    radar = page.locator(".ptce-chart-box svg").first
    assert radar.locator("[data-series='current'] .ptce-radar__point").count() == 9
    assert radar.locator("[data-series='previous'] .ptce-radar__point").count() == 9
    assert radar.locator("text", has_text=f"Évaluation précédente : {PREVIOUS_TITLE}").count()
    table = page.locator(".ptce-results-table table")
    assert PREVIOUS_TITLE in table.locator("thead").inner_text()
    for letter, previous_score in zip("ABCDEFGHI", PREVIOUS, strict=True):
        cells = table.locator(f"tr[data-letter='{letter}'] td").all_inner_texts()
        assert cells == [str(AGREED[letter]), previous_score], letter
    assert page.get_by_text("Rencontrer les élus de la communauté de communes").is_visible()
    assert_accessible(page)

    # 5. The PDF report: the pole's name and the nine criteria.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Rapport PDF").click()
    path = download_info.value.path()
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    assert pole.name in text
    for criterion in criteria:
        assert f"{criterion.letter}. {normalise(criterion.statement)}" in text, text

    assert browser_errors == []
