from django import forms

from ptce.core.files import human_size
from ptce.core.forms import DsfrForm
from ptce.poles.models import Pole

from .readers import ACCEPT, FORMATS_LABEL, max_bytes


class UploadForm(DsfrForm):
    file = forms.FileField(
        label="Fichier à importer",
        help_text=f"{FORMATS_LABEL} ; la première ligne nomme les colonnes. Les fichiers CSV "
        "enregistrés par Excel (Windows-1252, « ; ») sont compris.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > max_bytes():
            raise forms.ValidationError(
                f"Le fichier pèse {human_size(uploaded.size)} : la taille maximale est de "
                f"{human_size(max_bytes())}."
            )
        return uploaded


class OrganisationsUploadForm(UploadForm):
    """The national cell's: which pole the organisations join."""

    pole = forms.CharField(
        label="Adresse courte du pôle",
        max_length=80,
        help_text="Ex. : reemploi-pays-de-foix (la fin de l’adresse de sa page).",
    )
    field_order = ["pole", "file"]

    def clean_pole(self):
        slug = self.cleaned_data["pole"].strip().strip("/").split("/")[-1]
        pole = Pole.objects.select_related("region").filter(slug=slug).first()
        if pole is None:
            raise forms.ValidationError(f"Aucun pôle n’a l’adresse courte « {slug} ».")
        if pole.archived_at is not None:
            raise forms.ValidationError("Ce pôle est archivé : on n’y ajoute plus de membres.")
        return pole
