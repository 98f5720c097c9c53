"""What waits in the imports app: previews to check or to abandon, imports that failed (the
national cell and admins). One query. See `ptce/core/todo.py`."""

from django.db.models import Count, Min
from django.urls import reverse

from ptce.core.todo import TodoItem, plural

from .models import ImportRun, ImportState
from .perms import can_import_poles


def imports_waiting(user) -> list[TodoItem]:
    if not can_import_poles(user):
        return []
    rows = {
        row["state"]: row
        for row in ImportRun.objects.filter(state__in=[ImportState.PENDING, ImportState.FAILED])
        .values("state")
        .annotate(count=Count("pk"), one=Min("pk"))
        .order_by()
    }
    items = []
    for state, singular, plural_form in (
        (ImportState.PENDING, "import à vérifier", "imports à vérifier"),
        (ImportState.FAILED, "import échoué", "imports échoués"),
    ):
        row = rows.get(state)
        if row:
            url = (
                reverse("imports:run", args=[row["one"]])
                if row["count"] == 1
                else reverse("imports:index")
            )
            items.append(TodoItem(row["count"], plural(row["count"], singular, plural_form), url))
    return items
