from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "ptce.cooperation"
    verbose_name = "Coopération et animation"
