"""PDF documents: the A4 results report and the blank observation sheet (WeasyPrint).

Marianne font (shipped by django-dsfr, declared with @font-face on the local files). No
network access: the URL fetcher only reads files from this app's static folder and the DSFR
fonts folder, and refuses anything else.
"""

import hashlib
from pathlib import Path
from urllib.request import url2pathname

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .selectors import EvaluationResults, radar_chart

PDF_CACHE_SECONDS = 24 * 60 * 60
FONT_FILES = {
    ("normal", "normal"): "Marianne-Regular.woff",
    ("bold", "normal"): "Marianne-Bold.woff",
    ("normal", "italic"): "Marianne-Regular_Italic.woff",
}


def _static_path(name: str) -> Path:
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(f"Fichier statique introuvable : {name}")
    return Path(found).resolve()


class LocalFilesFetcher(URLFetcher):
    """Reads only files under the given folders (and data: URLs); anything else, above all the
    network, is refused, so a report never reaches out of the server."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"Ressource hors des dossiers autorisés : {url}")
        elif not url.startswith("data:"):
            raise ValueError(f"Ressource distante refusée : {url}")
        return super().fetch(url, headers)


def _fonts_css() -> tuple[str, Path]:
    rules = []
    folder = None
    for (weight, style), name in FONT_FILES.items():
        path = _static_path(f"dsfr/dist/fonts/{name}")
        folder = path.parent
        rules.append(
            "@font-face { font-family: 'Marianne'; "
            f"src: url('{path.as_uri()}') format('woff'); "
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules), folder


def pdf_document(template: str, context: dict):
    """The WeasyPrint document of a template (rendered, laid out, not yet written)."""
    return _html_document(render_to_string(template, context))


def _html_document(html: str):
    stylesheet = _static_path("assessments/pdf.css")
    fonts, fonts_folder = _fonts_css()
    fetcher = LocalFilesFetcher([stylesheet.parent, fonts_folder])
    font_config = FontConfiguration()  # @font-face rules only apply through it
    document = HTML(
        string=html,
        base_url=stylesheet.parent.as_uri() + "/",
        url_fetcher=fetcher,
    )
    return document.render(
        stylesheets=[
            CSS(string=fonts, url_fetcher=fetcher, font_config=font_config),
            CSS(filename=str(stylesheet), url_fetcher=fetcher, font_config=font_config),
        ],
        font_config=font_config,
    )


def report_context(results: EvaluationResults) -> dict:
    return {
        "results": results,
        "evaluation": results.evaluation,
        "pole": results.evaluation.pole,
        "radar": radar_chart(results, id_prefix="radar-rapport"),
        "generated_at": timezone.localtime(),
    }


def report_pdf(results: EvaluationResults) -> bytes:
    return pdf_document("assessments/results/pdf/report.html", report_context(results)).write_pdf()


def blank_sheet_context(referentiel, criteria, levels) -> dict:
    terms = {term.pk: term for criterion in criteria for term in criterion.terms.all()}
    return {
        "referentiel": referentiel,
        "criteria": criteria,
        "levels": levels,
        "terms": sorted(terms.values(), key=lambda term: term.term.lower()),
        "scale": range(1, 6),
    }


def blank_sheet_pdf(referentiel, criteria, levels) -> bytes:
    """The printable observation sheet: criteria with their questions, boxes 1–5 and NSP,
    lines to write on, and the lexicon terms they use. The same for everyone for a référentiel
    version: cached by content (its HTML and the stylesheet), since WeasyPrint takes 0.6 s for
    its 13 pages."""
    context = blank_sheet_context(referentiel, criteria, levels)
    html = render_to_string("assessments/results/pdf/blank_sheet.html", context)
    content = html + _static_path("assessments/pdf.css").read_text(encoding="utf-8")
    key = "ptce:pdf:blank-sheet:" + hashlib.sha256(content.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = _html_document(html).write_pdf()
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
