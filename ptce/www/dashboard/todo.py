"""The first screen of « Mon espace »: what waits for the person, one section per role they
hold, composed from the `todo.py` of each domain app (`ptce/core/todo.py`).

The number of queries depends on the roles, never on how many poles, files or sheets there are
(`tests/www/test_todo.py` counts them).
"""

from dataclasses import dataclass, field

from ptce.assessments import todo as assessments_todo
from ptce.calls import todo as calls_todo
from ptce.cooperation import todo as cooperation_todo
from ptce.core import todo as core_todo
from ptce.core.access import user_scope
from ptce.core.todo import TodoItem
from ptce.imports import todo as imports_todo
from ptce.poles import todo as poles_todo
from ptce.poles.models import PersonRole


@dataclass
class TodoSection:
    key: str  # the anchor of the section and of its side-menu entry
    title: str
    items: list[TodoItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(item.count for item in self.items)


def todo_for_user(user, roles) -> list[TodoSection]:
    """The sections of the to-do space; `roles` are the user's `PolePerson` rows (with their
    pole and membership), already read by the dashboard. A role with nothing waiting still has
    its section, so the person sees that nothing is waiting."""
    sections = []
    coordinated = [r.pole for r in roles if r.role == PersonRole.COORDINATOR]
    memberships = [r.membership for r in roles if r.membership_id is not None]
    if coordinated:
        sections.append(
            TodoSection(
                "a-faire-coordination",
                "Coordination",
                [
                    *cooperation_todo.join_requests(coordinated),
                    *assessments_todo.consolidations(coordinated),
                    *assessments_todo.sheets_not_returned(coordinated),
                    *cooperation_todo.meetings_without_minutes(coordinated),
                    *calls_todo.complements(coordinated),
                    *poles_todo.records_to_update(coordinated),
                ],
            )
        )
    member_items = [
        *assessments_todo.sheets(user),
        *cooperation_todo.resources_matched(memberships),
    ]
    if member_items or any(r.role == PersonRole.MEMBER for r in roles):
        sections.append(TodoSection("a-faire-membre", "Membre d’un pôle", member_items))
    scope = user_scope(user)
    if scope.is_instructor and not scope.is_national:
        sections.append(
            TodoSection(
                "a-faire-instruction",
                "Instruction régionale",
                [
                    *calls_todo.to_instruct(user),
                    *poles_todo.poles_to_verify(user),
                    *calls_todo.opinions_received(user),
                    *calls_todo.overdue(user),
                ],
            )
        )
    if scope.is_national or scope.is_admin:
        sections.append(
            TodoSection(
                "a-faire-cellule-nationale",
                "Cellule nationale" if scope.is_national else "Décisions nationales",
                [
                    *calls_todo.proposals_to_decide(user),
                    *calls_todo.overdue(user),
                    *calls_todo.regions_behind(user),
                    *poles_todo.poles_to_verify(user),
                ],
            )
        )
    if scope.is_admin:
        sections.append(
            TodoSection(
                "a-faire-administration",
                "Administration de la plateforme",
                [*core_todo.failed_jobs(user), *imports_todo.imports_waiting(user)],
            )
        )
    elif scope.is_national:
        sections[-1].items.extend(imports_todo.imports_waiting(user))
    return sections
