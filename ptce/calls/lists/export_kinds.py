"""The instructors' list of applications as a background export (`ptce.core.export_runs`):
the same filters, columns and rows as `exports.py`, read from the database in chunks while the
job writes them. Registered when `calls.tasks` is imported (every process does)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from ptce.core import export_runs

from . import queues, selectors
from .exports import COLUMNS, filename, table
from .forms import ApplicationFilterForm, ColumnsForm, filtered_applications

KEY = "calls.applications"
CHUNK = 500
# The query parameters that make an export: the list's filters, its tab and the chosen columns.
PARAMS = (*ApplicationFilterForm.base_fields, "onglet", "columns")


def _filtered(user, query):
    applications, form = filtered_applications(user, query)
    if form.is_bound and not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[name].label} : {message}"
                for name, messages in form.errors.items()
                for message in messages
            ]
        )
    return queues.in_queue(applications, queues.current(query), user)


def _count(user, query) -> int:
    return _filtered(user, query).count()


def decorated(applications):
    """Each application with its age and overdue flag, read CHUNK at a time (its prefetches
    per chunk): memory stays flat whatever the number of rows."""
    now = timezone.now()
    for application in applications.iterator(chunk_size=CHUNK):
        application.age = selectors.age_in_days(application, now)
        application.overdue = selectors.is_overdue(application, now)
        yield application


def _table(user, query) -> export_runs.ExportTable:
    columns = ColumnsForm(query).chosen()
    header, rows = table(decorated(_filtered(user, query)), columns)
    return export_runs.ExportTable(header, rows, [COLUMNS[key].width for key in columns])


APPLICATIONS = export_runs.register(
    export_runs.ExportKind(
        key=KEY,
        label="Candidatures (liste de l’instruction)",
        sheet_title="Candidatures",
        allowed=selectors.can_see_instruction_list,
        count=_count,
        table=_table,
        filename=lambda fmt, query: filename(fmt),
    )
)
