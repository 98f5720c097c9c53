"""What is waiting for someone: the items of « Mon espace » (`ptce/www/dashboard/todo.py`).

Each domain app has a `todo.py` whose functions return `TodoItem`s for one role; each function
reads in a fixed number of queries whatever the number of poles or files, so « Mon espace » and
the counter of the menu cost the same for a pole and for a région.
"""

from dataclasses import dataclass


def plural(count: int, singular: str, plural_form: str) -> str:
    """« 1 candidature à instruire », « 0 candidature », « 3 candidatures à instruire »: French
    puts 0 and 1 in the singular."""
    return f"{count} {singular if count <= 1 else plural_form}"


@dataclass(frozen=True)
class TodoItem:
    count: int
    label: str  # the whole sentence, count included: « 2 demandes d’adhésion à examiner »
    url: str  # where the work is done
    detail: str = ""  # a precision shown under the label (pole, phase, age)


def failed_jobs(user) -> list[TodoItem]:
    """For the platform's admins: background jobs that failed (relaunched from the admin)."""
    from django.urls import reverse

    from .access import user_scope
    from .models import JobRecord, JobState

    if not user_scope(user).is_admin:
        return []
    count = JobRecord.objects.filter(state=JobState.FAILED).count()
    if not count:
        return []
    url = reverse("admin:core_jobrecord_changelist") + f"?state__exact={JobState.FAILED}"
    return [TodoItem(count, plural(count, "tâche de fond échouée", "tâches de fond échouées"), url)]
