"""ECARTS routes, one module per part: référentiel and lexicon (public), evaluations and
observation sheets, results and exports."""

from . import urls_evaluation, urls_referentiel, urls_results

app_name = "assessments"

urlpatterns = [
    *urls_referentiel.urlpatterns,
    *urls_evaluation.urlpatterns,
    *urls_results.urlpatterns,
]
