"""The action plan as a PDF (WeasyPrint, A4, Marianne) and as a spreadsheet (by the one
export writer, `ptce.core.exports`: titles a spreadsheet would run as formulas are neutralised).

Both read the same selectors as the plan page. The PDF renderer may only open the Marianne
font files shipped with django-dsfr: no network, no other file.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from ptce.core.exports import Sheet

from . import selectors

PDF_CACHE_SECONDS = 24 * 60 * 60
FONT_FILES = {
    "regular": "dsfr/dist/fonts/Marianne-Regular.woff",
    "bold": "dsfr/dist/fonts/Marianne-Bold.woff",
}


def _font_paths() -> dict[str, Path]:
    paths = {}
    for weight, name in FONT_FILES.items():
        found = finders.find(name)
        if found:
            paths[weight] = Path(found).resolve()
    return paths


class LocalFontFetcher(URLFetcher):
    """Opens `file://` URLs of the allowed font files, refuses everything else."""

    def __init__(self, allowed: set[Path]):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.allowed_uris = {path.as_uri() for path in allowed}

    def fetch(self, url, headers=None):
        if url.split("?")[0] not in self.allowed_uris:
            raise ValueError(f"Ressource non autorisée dans le PDF : {url}")
        return super().fetch(url, headers)


def _context(pole) -> dict:
    return {
        "pole": pole,
        "plan": selectors.action_plan(pole),
        "outcomes": selectors.pole_outcomes(pole),
        "generated_at": timezone.localtime(),
    }


@dataclass(frozen=True)
class PlanDocument:
    """The plan's HTML, ready for WeasyPrint: its cache key is its content's digest."""

    html: str
    fonts: frozenset[Path]
    actions: int  # how many actions it lists: a view sends it to a job from a threshold

    @property
    def cache_key(self) -> str:
        return "ptce:pdf:plan:" + hashlib.sha256(self.html.encode()).hexdigest()


def plan_document(pole) -> PlanDocument:
    fonts = _font_paths()
    context = _context(pole)
    context["font_urls"] = {weight: path.as_uri() for weight, path in fonts.items()}
    html = render_to_string("cooperation/plan/plan_pdf.html", context)
    return PlanDocument(html, frozenset(fonts.values()), len(context["plan"]["actions"]))


def cached_pdf(document: PlanDocument) -> bytes | None:
    return cache.get(document.cache_key)


def document_pdf(document: PlanDocument) -> bytes:
    """The PDF, cached by content: WeasyPrint takes 2 s for 150 actions (issue #18), the HTML a
    few queries; the same HTML (dated to the day) gives the same document."""
    pdf = cached_pdf(document)
    if pdf is None:
        fetcher = LocalFontFetcher(set(document.fonts))
        pdf = HTML(string=document.html, url_fetcher=fetcher).write_pdf()
        cache.set(document.cache_key, pdf, PDF_CACHE_SECONDS)
    return pdf


def plan_pdf(pole) -> bytes:
    """The one way to the plan's PDF: the view's and the job's (`export_kinds.py`)."""
    return document_pdf(plan_document(pole))


# --- XLSX ----------------------------------------------------------------------------------

ACTION_COLUMNS = [
    ("Objectif stratégique", 30),
    ("Action", 34),
    ("Type", 26),
    ("État", 12),
    ("Au plan d’action", 10),
    ("Membre pilote", 26),
    ("Membres participants", 40),
    ("Partenaires extérieurs", 30),
    ("Besoins auxquels elle répond", 36),
    ("Statut de l’ESS mobilisé", 24),
    ("Début", 12),
    ("Fin", 12),
    ("Budget (€)", 14),
    ("Emplois créés (ETP)", 12),
    ("Emplois maintenus (ETP)", 12),
    ("Activités ou services créés", 12),
    ("Chiffre d’affaires (€)", 14),
    ("Financements obtenus (€)", 14),
]


def _sheet(title: str, columns: list[tuple[str, int]], rows, **options) -> Sheet:
    """A sheet of (header, width) columns, its header wrapped."""
    header = [name for name, _ in columns]
    widths = [width for _, width in columns]
    return Sheet(title, header, rows, widths=widths, wrap_header=True, **options)


def _action_row(action) -> list:
    return [
        action.objective.title if action.objective and action.in_action_plan else "",
        action.title,
        action.get_action_type_display(),
        action.get_status_display(),
        "oui" if action.in_action_plan else "non",
        action.lead.organisation.name if action.lead else "",
        ", ".join(m.organisation.name for m in action.participants.all()),
        action.partners,
        ", ".join(need.title for need in action.needs.all()),
        action.get_ess_statute_display() if action.ess_statute else "",
        action.start_date,
        action.end_date,
        action.budget,
        action.jobs_created_etp,
        action.jobs_kept_etp,
        action.activities_created,
        action.turnover,
        sum((f.amount for f in action.fundings.all()), 0),
    ]


DATE_COLUMNS = {10: "DD/MM/YYYY", 11: "DD/MM/YYYY"}  # Début, Fin


def _totals(outcomes) -> list[list]:
    return [
        ["Actions", outcomes["action_count"]],
        ["Emplois créés (ETP)", outcomes["jobs_created_etp"]],
        ["Emplois maintenus (ETP)", outcomes["jobs_kept_etp"]],
        ["Activités ou services créés", outcomes["activities_created"]],
        ["Chiffre d’affaires généré (€)", outcomes["turnover"]],
        *(
            [f"Financements : {row['label']} (€)", row["total"]]
            for row in outcomes["funding_by_source"]
        ),
        ["Financements : total (€)", outcomes["funding_total"]],
    ]


def plan_sheets(pole) -> list[Sheet]:
    """The plan's workbook: its actions (those of each objective, then the others), its
    objectives, its totals."""
    context = _context(pole)
    plan, outcomes = context["plan"], context["outcomes"]
    ordered = [action for _, actions in plan["objectives"] for action in actions]
    ordered += plan["unassigned"] + plan["outside"]
    objectives = [
        [objective.title, objective.description, len(actions)]
        for objective, actions in plan["objectives"]
    ]
    return [
        _sheet("Plan d’action", ACTION_COLUMNS, map(_action_row, ordered), formats=DATE_COLUMNS),
        _sheet(
            "Objectifs",
            [("Objectif stratégique", 40), ("Description", 60), ("Actions", 10)],
            objectives,
        ),
        _sheet("Résultats", [("Indicateur", 40), ("Valeur", 16)], _totals(outcomes)),
    ]
