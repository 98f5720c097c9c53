"""« Le PTCE en chiffres »: one section per chart (title, SVG, table, CSV), a région filter.

Public (no login), counts only. The numbers come from `figures.national_figures` (cached);
each section turns them into table rows, and the same rows feed the page's table and the
section's CSV download at /chiffres/<section>.csv (same `?region=` filter). The page's content
(form, charts, tables) is rendered once per région and cached too, so a cached request only
renders the base template; a form with errors is rendered afresh.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ptce.assessments.charts import Axis, Series, radar_svg
from ptce.core.exports import csv_response
from ptce.core.forms import DsfrForm

from .cache import cached, figures_scopes
from .charts import BarRow, bar_chart_svg, column_chart_svg, fr_number
from .figures import COHORT_MIN_POLES, national_figures, region_choices

NO_DATA = "Aucune donnée pour l’instant."


class FiguresFilter(DsfrForm):
    """The région filter; its choices are the cached régions (`figures.region_choices`), so
    checking a code costs no query."""

    region = forms.ChoiceField(
        required=False,
        label="Région",
        error_messages={"invalid_choice": "Cette région n’existe pas : choisissez-en une."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "France entière"), *region_choices()]


@dataclass(frozen=True)
class Section:
    key: str  # the CSV's name: /chiffres/<key>.csv
    title: str
    columns: tuple[str, ...]
    rows: Callable[[dict], list[list]]
    chart: Callable[[dict, list[list], "Section"], str]  # (figures, rows, section) → SVG
    intro: str = ""
    empty: str = NO_DATA


def _bars(index_label: int, index_value: int, unit: str = ""):
    """A one-series bar chart of (label, value) columns of the section's rows."""

    def chart(data, rows, section):
        return bar_chart_svg(
            [BarRow(str(row[index_label]), (row[index_value],)) for row in rows],
            chart_id=f"graphique-{section.key}",
            title=section.title,
            unit=unit,
        )

    return chart


def _columns(data, rows, section):
    return column_chart_svg(
        [(year, count) for year, count in rows],
        chart_id=f"graphique-{section.key}",
        title=section.title,
    )


def _money_chart(data, rows, section):
    return bar_chart_svg(
        [BarRow(f"{row[0]} — {row[1]}", (row[2], row[3])) for row in rows],
        chart_id=f"graphique-{section.key}",
        title=section.title,
        series=("Accordé", "Versé"),
        unit=" €",
    )


def _calls_chart(data, rows, section):
    return bar_chart_svg(
        [BarRow(f"{row[0]} — phase {row[2]}", (row[3], row[4])) for row in rows],
        chart_id=f"graphique-{section.key}",
        title=section.title,
        series=("Candidatures", "Lauréats"),
    )


def _profile_rows(data) -> list[list]:
    profile = data["median_profile"]
    if profile is None:
        return []
    return [
        [criterion["letter"], criterion["label"], criterion["median"]]
        for objective in profile["objectives"]
        for criterion in objective["criteria"]
    ]


def _profile_chart(data, rows, section):
    profile = data["median_profile"]
    where = data["region"]["name"] if data["region"] else "nationale"
    label = f"Médiane {where} ({profile['pole_count']} pôles)"
    groups = [
        (objective["title"], [Axis(c["letter"], c["label"]) for c in objective["criteria"]])
        for objective in profile["objectives"]
    ]
    medians = {letter: median for letter, _, median in rows}
    return radar_svg(
        groups,
        [Series("current", label, medians)],
        id_prefix=f"graphique-{section.key}",
        title=f"{section.title} — {label}",
    )


def _ess_rows(data) -> list[list]:
    members = data["members"]
    if not members["total"]:
        return []
    share = members["ess_share"]
    return [
        ["Organisations de l’ESS", members["ess"], share],
        ["Autres organisations", members["non_ess"], round(100 - share, 1)],
    ]


SECTIONS = (
    Section(
        "regions",
        "Pôles publiés par région",
        ("Région", "Code", "Pôles publiés"),
        lambda d: [[r["name"], r["code"], r["count"]] for r in d["by_region"]],
        _bars(0, 2),
    ),
    Section(
        "etapes",
        "Pôles publiés par étape",
        ("Étape", "Pôles publiés"),
        lambda d: [[r["label"], r["count"]] for r in d["by_stage"]],
        _bars(0, 1),
        intro="Les trois étapes clés de la mise en place d’un pôle, puis la reconnaissance "
        "par l’État.",
    ),
    Section(
        "formes",
        "Pôles publiés par forme",
        ("Forme", "Pôles publiés"),
        lambda d: [[r["label"], r["count"]] for r in d["by_form"]],
        _bars(0, 1),
    ),
    Section(
        "filieres",
        "Pôles publiés par filière",
        ("Filière", "Pôles publiés"),
        lambda d: [[r["name"], r["count"]] for r in d["by_sector"]],
        _bars(0, 1),
        intro="Un pôle peut relever de plusieurs filières : le total peut dépasser le nombre "
        "de pôles.",
    ),
    Section(
        "membres",
        "Organisations membres par famille",
        ("Famille", "Organisations membres"),
        lambda d: [[r["label"], r["count"]] for r in d["members"]["by_family"]],
        _bars(0, 1),
        intro="Organisations membres actuelles des pôles publiés, chacune comptée une fois même "
        "si elle adhère à plusieurs pôles.",
    ),
    Section(
        "ess",
        "Part des organisations de l’ESS parmi les membres",
        ("Organisations", "Nombre", "Part (%)"),
        _ess_rows,
        _bars(0, 2, " %"),
        intro="Économie sociale et solidaire au sens de l’article 1 de la loi du 31 juillet 2014.",
    ),
    Section(
        "emplois",
        "Emplois créés par les actions de coopération",
        (
            "Région",
            "Actions",
            "Emplois créés (ETP)",
            "Emplois maintenus (ETP)",
            "Activités ou services créés",
        ),
        lambda d: [
            [
                r["name"],
                r["action_count"],
                r["jobs_created_etp"],
                r["jobs_kept_etp"],
                r["activities_created"],
            ]
            for r in d["outcomes"]["by_region"]
        ],
        _bars(0, 2, " ETP"),
        intro="Somme des résultats déclarés par les pôles pour leurs actions de coopération "
        "publiques, par région (ETP : équivalent temps plein).",
    ),
    Section(
        "actions",
        "Actions de coopération par type",
        ("Type d’action", "Actions"),
        lambda d: [[r["label"], r["count"]] for r in d["actions_by_type"]],
        _bars(0, 1),
        intro="Actions de coopération publiques des pôles publiés.",
    ),
    Section(
        "appels",
        "Candidatures et lauréats par appel",
        (
            "Appel",
            "Année",
            "Phase",
            "Candidatures réceptionnées",
            "Lauréats",
            "Taux de sélection (%)",
            "Dont retirées",
            "En résumé",
        ),
        lambda d: [
            [
                r["call"],
                str(r["year"]),
                f"{r['phase']}. {r['phase_name']}",
                r["applications"],
                r["laureates"],
                r["rate"],
                r["withdrawn"],
                r["label"],
            ]
            for r in d["calls"]
        ],
        _calls_chart,
        intro="Candidatures réceptionnées (déposées au moins une fois, hors brouillons, "
        "candidatures retirées comprises et comptées à part) et lauréats, par phase de chaque "
        "appel publié. Taux de sélection : lauréats rapportés aux candidatures réceptionnées.",
    ),
    Section(
        "profil",
        "Profil ECARTS médian",
        ("Critère", "Intitulé", "Médiane (1 à 5)"),
        _profile_rows,
        _profile_chart,
        intro="Médiane, critère par critère, des notes retenues lors de la dernière évaluation "
        "validée de chaque pôle publié (référentiel ECARTS par défaut, notes de 1 à 5).",
        empty=f"Le profil médian n’est publié qu’à partir de {COHORT_MIN_POLES} pôles publiés "
        "ayant une évaluation validée.",
    ),
    Section(
        "creation",
        "Pôles publiés par année de création",
        ("Année de création", "Pôles publiés"),
        lambda d: [[str(r["year"]), r["count"]] for r in d["by_creation_year"]],
        _columns,
    ),
    Section(
        "reconnaissance",
        "Pôles reconnus par année",
        ("Année de la décision", "Pôles reconnus"),
        lambda d: [[str(r["year"]), r["count"]] for r in d["recognitions_by_year"]],
        _columns,
        intro="Pôles lauréats d’une phase de reconnaissance, par année de la décision.",
    ),
    Section(
        "subventions",
        "Soutien de l’État : montants accordés et versés",
        ("Année", "Région", "Accordé (€)", "Versé (€)"),
        lambda d: [
            [str(r["year"]), r["region"], r["granted"], r["paid"]] for r in d["awards_money"]
        ],
        _money_chart,
        intro="Conventions de soutien des lauréats des appels : montants accordés l’année de la "
        "signature, montants versés l’année du versement, par région.",
    ),
)
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}


def _has_data(rows: list[list]) -> bool:
    """Some number of the rows is not zero (all-zero rows make an empty chart)."""
    return any(_is_number(value) and value for row in rows for value in row)


def _filter(request) -> tuple[FiguresFilter, str | None]:
    """The filter form and the code of the région asked for (None: France entière)."""
    form = FiguresFilter(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["region"] or None
    return form, None


@login_not_required
def figures(request):
    form, code = _filter(request)
    if form.errors:
        content = _content(form, code)
    else:
        # A valid form renders the same for the same région: bound (the région selected) or
        # not (nothing submitted), hence two keys per région.
        state = "bound" if form.is_bound else "unbound"
        content = cached(
            "figures-page",
            lambda: _content(form, code),
            code or "national",
            state,
            scopes=figures_scopes(code),
        )
    return render(request, "public/figures.html", {"content": content})


def _content(form: FiguresFilter, code: str | None) -> str:
    """The page's content (title, form, key figures, every section) as HTML."""
    data = national_figures(code)
    query = f"?{urlencode({'region': code})}" if code else ""
    sections = []
    for section in SECTIONS:
        rows = section.rows(data)
        has_data = _has_data(rows)
        sections.append(
            {
                "key": section.key,
                "title": section.title,
                "intro": section.intro,
                "empty": section.empty,
                "columns": section.columns,
                "table_rows": _table_rows(rows),
                "has_data": has_data,
                "svg": section.chart(data, rows, section) if has_data else "",
                "csv_url": reverse("public:figures_csv", args=[section.key]) + query,
            }
        )
    context = {"form": form, "figures": data, "sections": sections}
    return render_to_string("public/includes/figures_content.html", context)


def _table_rows(rows: list[list]) -> str:
    """The table's body rows as HTML: the first cell of each row heads it, every value is
    shown the French way and escaped."""
    return mark_safe(  # noqa: S308 — every value is escaped
        "".join(
            f'<tr><th scope="row">{escape(_display(head))}</th>'
            + "".join(f"<td>{escape(_display(value))}</td>" for value in values)
            + "</tr>"
            for head, *values in rows
        )
    )


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _display(value) -> str:
    return fr_number(value) if value is None or _is_number(value) else value


def _csv_value(value):
    """Decimals with a comma, as on the page; other values as they are (the writer writes None
    empty and neutralises text a spreadsheet would run)."""
    return fr_number(value, grouping=False) if isinstance(value, float) else value


@login_not_required
def figures_csv(request, chart):
    section = SECTIONS_BY_KEY.get(chart)
    if section is None:
        raise Http404("Ce graphique n’existe pas.")
    form, code = _filter(request)
    if form.errors:
        message = " ".join(error for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(message, content_type="text/plain", charset="utf-8")
    rows = section.rows(national_figures(code))
    suffix = f"-{code}" if code else ""
    return csv_response(
        f"ptce-chiffres-{chart}{suffix}.csv",
        section.columns,
        ([_csv_value(value) for value in row] for row in rows),
    )
