"""The consolidation form: agreed score and comment per criterion, synthesis, action plan."""

from django import forms

from ptce.core.forms import DsfrForm
from ptce.core.versioning import VersionedFormMixin

from .forms import DATE_WIDGET

AGREED_ERROR = "Choisissez une note retenue de 1 à 5, ou « Aucune note retenue »."


class ConsolidationForm(VersionedFormMixin, DsfrForm):
    synthesis = forms.CharField(
        label="Synthèse",
        help_text="Ce que le groupe retient de l’évaluation : points forts, points à travailler.",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, data=None, *, consolidation, synthesis="", version=None):
        super().__init__(data, initial={"synthesis": synthesis}, version=version)
        self.consolidation = consolidation
        choices = [("", "Aucune note retenue")] + [(str(n), str(n)) for n in range(1, 6)]
        for row in consolidation.rows:
            letter = row.criterion.letter
            self.fields[f"score_{letter}"] = forms.ChoiceField(
                label=f"Note retenue pour le critère {letter}",
                choices=choices,
                required=False,
                initial="" if row.agreed is None else str(row.agreed),
                error_messages={"invalid_choice": AGREED_ERROR},
            )
            self.fields[f"comment_{letter}"] = forms.CharField(
                label=f"Commentaire sur le critère {letter}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.comment,
            )

    def lines(self):
        """(row, score field, comment field) per criterion, for the template."""
        return [
            (row, self[f"score_{row.criterion.letter}"], self[f"comment_{row.criterion.letter}"])
            for row in self.consolidation.rows
        ]

    def saved_values(self, evaluation) -> dict:
        """The consolidation as saved, by field name, for the conflict page."""
        values = {"synthesis": evaluation.synthesis}
        rows = evaluation.consolidated_scores.select_related("criterion")
        saved = {row.criterion.letter: row for row in rows}
        for row in self.consolidation.rows:
            letter = row.criterion.letter
            agreed = saved.get(letter)
            values[f"score_{letter}"] = (
                "" if agreed is None or agreed.score is None else agreed.score
            )
            values[f"comment_{letter}"] = agreed.comment if agreed else ""
        return values

    def scores(self) -> dict:
        return {
            row.criterion.letter: {
                "score": int(self.cleaned_data[f"score_{row.criterion.letter}"])
                if self.cleaned_data.get(f"score_{row.criterion.letter}")
                else None,
                "comment": self.cleaned_data.get(f"comment_{row.criterion.letter}", ""),
            }
            for row in self.consolidation.rows
        }


class ActionLineForm(DsfrForm):
    letter = forms.ChoiceField(label="Critère", required=False)
    what = forms.CharField(
        label="Ce qu’il faut améliorer",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    who = forms.CharField(label="Qui", required=False, max_length=200)
    due_on = forms.DateField(label="Pour quand", required=False, widget=DATE_WIDGET)

    def __init__(self, *args, letters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter"].choices = [("", "Tout le pôle")] + [
            (letter, f"Critère {letter}") for letter in letters
        ]

    def clean(self):
        data = super().clean()
        if not (data.get("what") or "").strip() and (data.get("who") or data.get("due_on")):
            self.add_error("what", "Décrivez ce qu’il faut améliorer.")
        return data


class BaseActionFormSet(forms.BaseFormSet):
    def __init__(self, *args, letters=(), **kwargs):
        self.letters = letters
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "letters": self.letters}

    @property
    def empty_form(self):
        return self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            letters=self.letters,
            renderer=self.renderer,
        )

    def action_items(self) -> list[dict]:
        return [
            {
                "letter": form.cleaned_data.get("letter") or None,
                "what": form.cleaned_data["what"],
                "who": form.cleaned_data.get("who", ""),
                "due_on": form.cleaned_data.get("due_on"),
            }
            for form in self.forms
            if (form.cleaned_data.get("what") or "").strip()
        ]


ActionFormSet = forms.formset_factory(
    ActionLineForm, formset=BaseActionFormSet, extra=3, max_num=50, validate_max=True
)


def action_formset(data=None, *, consolidation):
    initial = [
        {
            "letter": action.criterion.letter if action.criterion else "",
            "what": action.what,
            "who": action.who,
            "due_on": action.due_on,
        }
        for action in consolidation.actions
    ]
    return ActionFormSet(
        data,
        initial=initial,
        prefix="actions",
        letters=[c.letter for c in consolidation.criteria],
    )
