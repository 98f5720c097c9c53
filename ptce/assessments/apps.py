from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "ptce.assessments"
    verbose_name = "Évaluations ECARTS"
