"""Optimistic concurrency for every edit form: the one mechanism.

A versioned row carries an integer `version`. Its edit form carries, in a hidden field, the
version it was loaded from. The service that saves it locks the row (`lock_version`): if the
row moved on meanwhile, it raises `EditConflict` and writes nothing; otherwise it saves with
`version + 1`. The view answers a conflict with `conflict_response`: a 409 page that shows the
other person's values next to yours and the same form, filled with yours and carrying the new
version, so one click reapplies yours knowingly.

A form posted without a version (a script, an old tab from before this mechanism) is not
checked: last write wins, as before. Every page of the site sends one.

A row edited by several independent forms (an application's sections, its scoring grid) keeps
one version per part in a JSON map instead (`lock_part_version`): saving one part never
conflicts with, nor overwrites, another.
"""

from django import forms
from django.db import models
from django.shortcuts import render


class Versioned(models.Model):
    version = models.PositiveIntegerField("version", default=1, editable=False)

    class Meta:
        abstract = True


class EditConflict(Exception):
    """Someone saved the row after this form was loaded. `current`: the row as it is now."""

    def __init__(self, current):
        super().__init__("Modification concurrente")
        self.current = current


def lock_version(model, *, pk, expected: int | None, queryset=None):
    """The row `pk`, locked until the end of the transaction, after checking that it is still at
    the `expected` version (None: no check). Call inside `transaction.atomic`."""
    instance = (queryset if queryset is not None else model.objects).select_for_update().get(pk=pk)
    if expected is not None and instance.version != expected:
        raise EditConflict(instance)
    return instance


def part_version(instance, part, *, field: str = "versions") -> int:
    """The version of one part of `instance` (1 until the part is first saved)."""
    return (getattr(instance, field) or {}).get(str(part), 1)


def lock_part_version(model, *, pk, part, expected: int | None, field: str = "versions"):
    """The row `pk`, locked and read again, after checking that its `part` (a key of the JSON
    map `field`) is still at the `expected` version (None: no check). The returned instance
    carries the part's next version in its map: the caller changes the part's data and saves
    them with `field`. On a conflict, `EditConflict.current.version` is the part's version."""
    instance = model.objects.select_for_update().get(pk=pk)
    current = part_version(instance, part, field=field)
    if expected is not None and current != expected:
        instance.version = current
        raise EditConflict(instance)
    setattr(instance, field, {**(getattr(instance, field) or {}), str(part): current + 1})
    return instance


def check_version(instance, expected: int | None):
    """Lock `instance`'s row, raise `EditConflict` if it moved past `expected`, refresh the
    instance from the locked row (what others wrote meanwhile, e.g. a workflow move, is what
    the caller validates and keeps) and set its next version. Call it before assigning the
    edited fields; the caller then saves (with `version` among the saved fields)."""
    current = lock_version(type(instance), pk=instance.pk, expected=expected)
    for field in instance._meta.concrete_fields:
        setattr(instance, field.attname, getattr(current, field.attname))
    instance.version = current.version + 1
    return instance


class VersionedFormMixin:
    """Adds the hidden `version` field, set from the instance (model forms) or `version=`.
    A form that creates (no saved instance, no `version=`) has none: the same class serves
    both, and a creation's `cleaned_data` has no `version`. A form whose own fields are named
    by users (an application's questions) renames it with `version_field`."""

    version_field = "version"

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if version is None and instance is not None and instance.pk:
            version = instance.version
        posted = self.is_bound and self.add_prefix(self.version_field) in self.data
        if version is not None or posted:
            self.fields[self.version_field] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, min_value=1, initial=version
            )

    @property
    def version_input(self):
        """The hidden field, for templates that lay out the fields themselves."""
        return self[self.version_field] if self.version_field in self.fields else ""

    def pop_version(self) -> int | None:
        """The version the form was loaded from, removed from `cleaned_data`."""
        return self.cleaned_data.pop(self.version_field, None)


def _display(field, value) -> str:
    if value in (None, "", [], ()):
        return "—"
    if hasattr(value, "all") or isinstance(value, (list, tuple, set)):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(sorted(_display(field, item) for item in items)) or "—"
    if isinstance(field, forms.ModelChoiceField) and not isinstance(value, models.Model):
        value = field.queryset.filter(pk=value).first() or value
    if isinstance(value, models.Model):
        label = getattr(field, "label_from_instance", str)
        return str(label(value))
    if isinstance(value, bool):
        return "oui" if value else "non"
    choices = getattr(field, "choices", None)
    if choices:
        return str({str(k): v for k, v in choices}.get(str(value), value))
    return str(value)


def _comparable(value):
    if hasattr(value, "all"):
        value = list(value.all())
    if isinstance(value, (list, tuple, set)):
        return sorted(str(getattr(v, "pk", v)) for v in value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if value in (None, ""):
        return ""
    return str(value)


def conflict_rows(form, current_values: dict) -> list[dict]:
    """One row per field whose saved value differs from the submitted one."""
    rows = []
    for name, field in form.fields.items():
        if (
            name == getattr(form, "version_field", "version")
            or name not in current_values
            or name not in form.cleaned_data
        ):
            continue
        theirs, yours = current_values[name], form.cleaned_data[name]
        if _comparable(theirs) != _comparable(yours):
            rows.append(
                {
                    "label": field.label or name,
                    "theirs": _display(field, theirs),
                    "yours": _display(field, yours),
                }
            )
    return rows


def conflict_response(
    request,
    *,
    form,
    current,
    current_values: dict | None = None,
    formsets: dict | None = None,
    extra_rows=(),
    **context,
):
    """The conflict page (409). `current`: the row as saved by the other person;
    `current_values`: its values by form field when they are not plain model fields;
    `formsets`: {legend: bound formset} posted with the form, shown again so that sending the
    page keeps them; the caller describes their differences in `extra_rows` ({label, theirs,
    yours})."""
    if current_values is None:
        # Attributes, not `model_to_dict`: a foreign key shows as its object, not its pk.
        current_values = {
            name: getattr(current, name) for name in form.fields if hasattr(current, name)
        }
    rows = conflict_rows(form, current_values) + list(extra_rows)
    # The same form, filled with yours and carrying the new version: sending it reapplies yours.
    data = form.data.copy()
    data[form.add_prefix(getattr(form, "version_field", "version"))] = current.version
    form.data = data
    return render(
        request,
        "edit_conflict.html",
        {
            "rows": rows,
            "form": form,
            "formsets": formsets or {},
            "action": request.get_full_path(),
            **context,
        },
        status=409,
    )
