"""The action plan as a PDF (WeasyPrint, A4, Marianne) and as a spreadsheet (openpyxl).

Both read the same selectors as the plan page. The PDF renderer may only open the Marianne
font files shipped with django-dsfr: no network, no other file.
"""

import io
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from . import selectors

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


def plan_pdf(pole) -> bytes:
    fonts = _font_paths()
    context = _context(pole)
    context["font_urls"] = {weight: path.as_uri() for weight, path in fonts.items()}
    html = render_to_string("cooperation/plan/plan_pdf.html", context)
    return HTML(string=html, url_fetcher=LocalFontFetcher(set(fonts.values()))).write_pdf()


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


def _header(sheet, columns):
    sheet.append([title for title, _ in columns])
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


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


def plan_xlsx(pole) -> bytes:
    context = _context(pole)
    plan, outcomes = context["plan"], context["outcomes"]
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan d’action"
    _header(sheet, ACTION_COLUMNS)
    ordered = [action for _, actions in plan["objectives"] for action in actions]
    ordered += plan["unassigned"] + plan["outside"]
    for action in ordered:
        sheet.append(_action_row(action))
    for row in sheet.iter_rows(min_row=2, min_col=11, max_col=12):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"

    objectives = book.create_sheet("Objectifs")
    _header(objectives, [("Objectif stratégique", 40), ("Description", 60), ("Actions", 10)])
    for objective, actions in plan["objectives"]:
        objectives.append([objective.title, objective.description, len(actions)])

    totals = book.create_sheet("Résultats")
    _header(totals, [("Indicateur", 40), ("Valeur", 16)])
    totals.append(["Actions", outcomes["action_count"]])
    totals.append(["Emplois créés (ETP)", outcomes["jobs_created_etp"]])
    totals.append(["Emplois maintenus (ETP)", outcomes["jobs_kept_etp"]])
    totals.append(["Activités ou services créés", outcomes["activities_created"]])
    totals.append(["Chiffre d’affaires généré (€)", outcomes["turnover"]])
    for row in outcomes["funding_by_source"]:
        totals.append([f"Financements : {row['label']} (€)", row["total"]])
    totals.append(["Financements : total (€)", outcomes["funding_total"]])

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
