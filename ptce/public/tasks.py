"""The public app's jobs (ptce/core/jobs.py)."""

from ptce.core.jobs import job

from . import figures


@job(summary=lambda code: f"Chiffres\xa0: {code or 'France entière'}")
def figures_refresh(code: str | None) -> None:
    figures.refresh_figures(code)
