"""Cooperation routes: joining and planning (needs, topics, plan, actions), and the life of the
pole (resources, meetings, network)."""

from . import urls_life, urls_plan

app_name = "cooperation"

urlpatterns = [*urls_plan.urlpatterns, *urls_life.urlpatterns]
