"""The one confirmation of an irreversible act (a decision, a validation, a sheet sent, a
withdrawal, every state change that is only a POST).

A page cannot change a state in one click: the act's URL answers a GET with a confirmation page
(`confirmation_page`, `templates/confirm.html`) that says what will happen, to whom an email
goes and whether it can be undone; its POST changes the state only when it carries the
confirmation field (`is_confirmed`). A POST without it (an old form, a button on another page)
is shown the same confirmation page, its fields kept, and changes nothing.

The views that do so are marked with `@confirmed_action`: `tests/test_confirmations.py` walks
the URL conf and fails on a POST-only view that is neither marked nor listed as reversible.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.shortcuts import render

FIELD = "confirmation"
VALUE = "oui"


@dataclass(frozen=True)
class Confirmation:
    title: str  # « Déclarer lauréate »: the page's title and its button
    subject: str  # what is acted upon: « la candidature de Pôle Sud à l’AMI PTCE 2022 »
    cancel_url: str
    effects: Sequence[str] = ()  # what will happen, in plain French
    emails: Sequence[str] = ()  # who receives an email (« les coordinateurs du pôle »)
    irreversible: bool = True
    hidden: dict = field(default_factory=dict)  # values the act needs (a list: one per item)
    items: Sequence[str] = ()  # each thing acted upon, named (a bulk action names every file)
    items_title: str = ""  # the heading of `items`: « Les 2 candidatures concernées »

    @property
    def hidden_fields(self) -> list[tuple[str, str]]:
        """`hidden` as (name, value) pairs, a list value giving one field per element."""
        pairs = []
        for name, value in self.hidden.items():
            values = value if isinstance(value, (list, tuple)) else [value]
            pairs.extend((name, item) for item in values)
        return pairs


def is_confirmed(request) -> bool:
    """The POST carries the confirmation field of the confirmation page."""
    return request.method == "POST" and request.POST.get(FIELD) == VALUE


def confirmation_page(request, confirmation: Confirmation, *, form=None, status: int = 200):
    """The confirmation page: it posts to the same address with the confirmation field, the
    hidden values and the form's fields (a motivation, an amount) filled as they were."""
    return render(
        request,
        "confirm.html",
        {"confirmation": confirmation, "form": form, "field": FIELD, "value": VALUE},
        status=status,
    )


def confirmed_action(view):
    """Marks a view that asks for confirmation before it acts (read by the test that
    enumerates the POST-only views)."""
    view.asks_confirmation = True
    return view
