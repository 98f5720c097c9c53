from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy

from ptce.core.forms import DsfrForm

from .models import Commune, Departement, Epci
from .near import DEFAULT_RADIUS_KM, RADII_KM, Origin, resolve_origin
from .resolve import resolve_commune
from .selectors import (
    COMMUNE_CODE,
    MAX_QUERY_LENGTH,
    POSTAL_CODE,
    commune_by_code,
    commune_search,
    communes_by_postal_code,
    parse_commune_query,
)

MAX_LISTED = 8


def _listing(communes: list[Commune]) -> str:
    names = ", ".join(str(c) for c in communes[:MAX_LISTED])
    return names + (", …" if len(communes) > MAX_LISTED else "")


class CommuneAutocompleteWidget(forms.TextInput):
    """A DSFR text input that asks `territories:commune_autocomplete` for suggestions (htmx).

    Without JavaScript it is a plain text input: the field takes the typed name or code.
    `static/territories/autocomplete.js` (no inline script) lets the keyboard and the mouse pick
    a suggestion and keeps the ARIA combobox state up to date.
    """

    template_name = "territories/widgets/commune_autocomplete.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        input_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        list_id = f"{input_id}-suggestions"
        url = reverse_lazy("territories:commune_autocomplete")
        context["widget"]["attrs"].update(
            {
                "id": input_id,
                "autocomplete": "off",
                "spellcheck": "false",
                "maxlength": MAX_QUERY_LENGTH,
                "role": "combobox",
                "aria-autocomplete": "list",
                "aria-expanded": "false",
                "aria-controls": list_id,
                "hx-get": f"{url}?champ={name}",
                "hx-trigger": "keyup changed delay:300ms",
                "hx-target": f"#{list_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
                "data-ptce-autocomplete-input": "",
            }
        )
        context["list_id"] = list_id
        return context


class CommuneField(forms.Field):
    """A commune typed as its INSEE code, as "Nom (dép)" (what the suggestions show), or as an
    unambiguous name. Returns a `Commune` (or None when not required and left empty)."""

    widget = CommuneAutocompleteWidget
    default_error_messages = {
        "too_long": f"Saisie trop longue ({MAX_QUERY_LENGTH} caractères au plus).",
        "unknown_code": "Aucune commune n’a le code INSEE « %(code)s ».",
        "ambiguous": "Plusieurs communes portent ce nom ou un nom qui commence ainsi : "
        "%(candidates)s ; précisez le département, par exemple « %(example)s ».",
        "ambiguous_postal": "Plusieurs communes ont le code postal %(code)s : %(candidates)s ; "
        "saisissez le nom de la commune, par exemple « %(example)s ».",
        "did_you_mean": "Commune introuvable. Vouliez-vous dire : %(candidates)s ?",
        "unknown": "Commune introuvable : saisissez son nom (par exemple « Saint-Denis (93) ») "
        "ou son code INSEE.",
    }

    def to_python(self, value):
        if isinstance(value, Commune):
            return value
        value = " ".join(str(value or "").split())
        if not value:
            return None
        if len(value) > MAX_QUERY_LENGTH:
            raise ValidationError(self.error_messages["too_long"], code="too_long")
        code = value.replace(" ", "").upper()
        if COMMUNE_CODE.match(code):
            return self._by_code(code)
        return self._by_name(value)

    def _by_code(self, code: str) -> Commune:
        commune = commune_by_code(code)
        if commune is not None:
            return commune
        if POSTAL_CODE.match(code):
            communes = communes_by_postal_code(code, limit=MAX_LISTED + 1)
            if len(communes) == 1:
                return communes[0]
            if communes:
                raise ValidationError(
                    self.error_messages["ambiguous_postal"],
                    code="ambiguous",
                    params={"code": code, "candidates": _listing(communes), "example": communes[0]},
                )
        raise ValidationError(
            self.error_messages["unknown_code"], code="unknown", params={"code": code}
        )

    def _by_name(self, value: str) -> Commune:
        resolution = resolve_commune(value)
        if resolution.match is not None:
            return resolution.match
        candidates = resolution.candidates
        if has_homonyms(candidates):
            # Homonyms, the most likely first, then the longer names (« X » → « X-sur-Y »).
            raise ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"candidates": _listing(candidates), "example": candidates[0]},
            )
        suggestions = candidates or commune_search(value, limit=5)
        if suggestions:
            raise ValidationError(
                self.error_messages["did_you_mean"],
                code="unknown",
                params={"candidates": _listing(suggestions)},
            )
        raise ValidationError(self.error_messages["unknown"], code="unknown")

    def prepare_value(self, value):
        return str(value) if isinstance(value, Commune) else value

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            data = self.to_python(data)
        except ValidationError:
            return True
        initial_code = initial.pk if isinstance(initial, Commune) else (initial or None)
        return initial_code != (data.pk if data is not None else None)


class CommuneSearchForm(DsfrForm):
    q = forms.CharField(
        label="Nom, code postal ou code INSEE",
        help_text="Par exemple : Saint-Denis (93), 31000 ou 42218.",
        min_length=2,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "min_length": "Saisissez au moins 2 caractères.",
            "max_length": f"Saisissez {MAX_QUERY_LENGTH} caractères au plus.",
        },
        widget=CommuneAutocompleteWidget,
    )

    def clean_q(self):
        q = self.cleaned_data["q"]
        if q and parse_commune_query(q).is_empty:
            raise ValidationError("Saisissez des lettres ou des chiffres.")
        return q


def describe(row) -> str:
    """How a candidate is offered: enough to choose, and the code to type."""
    if isinstance(row, Commune):
        dep = row.departement
        return f"{row.name} — {dep.name} ({dep.code}), code INSEE {row.code}"
    if isinstance(row, Epci):
        return f"l’EPCI {row.name} (SIREN {row.code})"
    if isinstance(row, Departement):
        return f"{row.name} ({row.code})"
    return str(row)


def has_homonyms(candidates) -> bool:
    """Whether some candidates bear the very name written (else they are close names)."""
    return any(getattr(row, "match_quality", 2) == 0 for row in candidates)


def candidates_text(rows) -> str:
    return " ; ".join(describe(row) for row in rows)


# noun, plural, what identifies one
NOUNS = {
    Commune: ("commune", "communes", "code INSEE"),
    Epci: ("EPCI", "EPCI", "numéro SIREN"),
    Departement: ("département", "départements", "code"),
}


def resolution_error(resolution, model, suggestions=()) -> str:
    """The French message for a text that did not resolve to one `model` row: its candidates,
    else what the text may name instead (`suggestions`, e.g. an EPCI in a list of communes)."""
    noun, plural, code = NOUNS[model]
    text, candidates = f"« {resolution.text} »", resolution.candidates
    if has_homonyms(candidates):
        return (
            f"{text} : plusieurs {plural} possibles — {candidates_text(candidates)}. "
            f"Saisissez le {code} voulu."
        )
    if candidates:
        return f"{text} : {noun} introuvable. Vouliez-vous dire : {candidates_text(candidates)} ?"
    if suggestions:
        return (
            f"{text} : {noun} introuvable. Ce texte désigne peut-être : "
            f"{candidates_text(suggestions)}. Saisissez chacun dans sa case."
        )
    return f"{text} : {noun} introuvable ; saisissez son nom ou son {code}."


class NearForm(DsfrForm):
    """« Près de » : a commune, a postal code or an address with a radius, or « autour de moi »
    (the browser's position in `lat` / `lon`, sent by public/near.js). After `is_valid()`,
    `origin` is the point meant (None without one) and `radius_km` the radius. Shared by the
    map's filter, the directory and the API."""

    near = forms.CharField(
        label="Près de",
        help_text="Une commune, un code postal ou une adresse",
        max_length=100,
        required=False,
    )
    radius = forms.TypedChoiceField(
        label="Dans un rayon de",
        choices=[(str(km), f"{km}\u00a0km") for km in RADII_KM],
        coerce=int,
        required=False,
        empty_value=DEFAULT_RADIUS_KM,
        initial=DEFAULT_RADIUS_KM,
    )
    lat = forms.FloatField(min_value=-90, max_value=90, required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(min_value=-180, max_value=180, required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *args, **kwargs):
        # The radius list has no blank choice: without one given, the default is the one
        # selected (a browser sends the first option otherwise).
        if data is not None and not data.get("radius"):
            data = data.copy()
            data["radius"] = str(DEFAULT_RADIUS_KM)
        super().__init__(data, *args, **kwargs)

    def clean(self):
        data = super().clean()
        self.origin = None
        if data.get("lat") is not None and data.get("lon") is not None:
            self.origin = Origin(data["lat"], data["lon"], "votre position")
        elif data.get("near"):
            self.origin = resolve_origin(data["near"])
            if self.origin is None:
                self.add_error(
                    "near",
                    f"Nous ne trouvons pas « {data['near']} » : indiquez une commune, un code "
                    "postal ou une adresse avec son code postal.",
                )
        return data

    @property
    def radius_km(self) -> int:
        return (getattr(self, "cleaned_data", None) or {}).get("radius") or DEFAULT_RADIUS_KM
