"""The one workflow engine: states as `TextChoices`, the allowed moves in one table, a log row
per move.

A domain declares its `Workflow` (states, transitions, how to name the thing in messages and
why a final state refuses every move); each move is a service that locks the row, calls
`check_move` on the state read under the lock, writes the new state and a `TransitionLog` row.

A small module rather than django-fsm: the moves need the row lock and the re-read state, an
actor per move and French refusals naming what is possible, which the services already do
around a plain table; an FSM library would add a second way to change a state field.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: str
    target: str
    actor: str = ""  # who may make the move, in the domain's words ("" when the view decides)
    needs_motivation: bool = False
    confirm: bool = False  # irreversible: the page asks for confirmation first


class Workflow:
    def __init__(self, *, states, transitions, noun: str, final: dict[str, str] | None = None):
        """`noun`: « une évaluation »; `final`: state → why no move leaves it."""
        self.states = states
        self.transitions = tuple(transitions)
        self.noun = noun
        self.final = final or {}
        self.labels = dict(states.choices)

    def transitions_from(self, state: str, actor: str | None = None) -> list[Transition]:
        return [
            t for t in self.transitions if t.source == state and (actor is None or t.actor == actor)
        ]

    def get(self, source: str, target: str) -> Transition | None:
        return next(
            (t for t in self.transitions if t.source == source and t.target == target), None
        )

    def check_target(self, current: str, target: str) -> Transition:
        """The move from `current` to `target` (a state chosen on a page), or ValidationError in
        French saying why not."""
        transition = self.get(current, target)
        if transition is not None:
            return transition
        if target not in self.labels:
            raise ValidationError("État demandé inconnu.")
        if current in self.final:
            raise ValidationError(self.final[current])
        raise ValidationError(
            f"{self.noun[:1].upper()}{self.noun[1:]} « {self.labels[current]} » ne peut pas "
            f"passer à l’état « {self.labels[target]} »."
        )

    def check_move(self, current: str, name: str) -> Transition:
        """The move called `name` from the `current` state, or ValidationError in French."""
        if not any(t.name == name for t in self.transitions):
            raise ValidationError("Action inconnue.")
        for transition in self.transitions:
            if transition.name == name and transition.source == current:
                return transition
        if current in self.final:
            raise ValidationError(self.final[current])
        sources = " », « ".join(
            dict.fromkeys(self.labels[t.source] for t in self.transitions if t.name == name)
        )
        raise ValidationError(
            f"Cette action n’est possible que pour {self.noun} « {sources} » ; "
            f"celle-ci est « {self.labels[current]} »."
        )


class TransitionLog(models.Model):
    """Who moved what from which state to which, when (and why, in the concrete model)."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        verbose_name = "changement d’état"
        ordering = ["at", "pk"]
