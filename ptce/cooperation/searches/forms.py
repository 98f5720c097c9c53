"""The rename form of a saved search (versioned, as every edit form)."""

from django import forms

from ptce.core.forms import DsfrForm
from ptce.core.versioning import VersionedFormMixin

from .services import MAX_NAME


class RenameSearchForm(VersionedFormMixin, DsfrForm):
    # No browser `maxlength`/`required` check: the service says what is wrong, in French.
    name = forms.CharField(label="Nom de la recherche", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["maxlength"] = MAX_NAME
