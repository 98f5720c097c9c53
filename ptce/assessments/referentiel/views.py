"""Public pages of the ECARTS référentiel: the versions, one version's grid, its lexicon."""

from itertools import groupby

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render

from .selectors import referentiel_default, referentiel_list, referentiel_with_grid, sort_key


@login_not_required
def referentiel_list_view(request):
    return render(
        request,
        "assessments/referentiel/list.html",
        {"referentiels": referentiel_list()},
    )


@login_not_required
def referentiel_detail(request, code):
    referentiel = _get_referentiel_or_404(code)
    return render(request, "assessments/referentiel/detail.html", {"referentiel": referentiel})


@login_not_required
def lexicon(request, code):
    referentiel = _get_referentiel_or_404(code)
    groups = [
        {"initial": initial.upper(), "terms": list(terms)}
        for initial, terms in groupby(referentiel.lexicon, key=lambda term: sort_key(term.term)[:1])
    ]
    return render(
        request,
        "assessments/referentiel/lexicon.html",
        {"referentiel": referentiel, "groups": groups},
    )


@login_not_required
def lexicon_default(request):
    referentiel = referentiel_default()
    if referentiel is None:
        raise Http404("Aucun référentiel par défaut n’est chargé.")
    return redirect("assessments:lexicon", code=referentiel.code)


def _get_referentiel_or_404(code):
    referentiel = referentiel_with_grid(code)
    if referentiel is None:
        raise Http404("Ce référentiel n’existe pas.")
    return referentiel
