"""Import of a pole's members from a spreadsheet: `import_organisations` against
django-import-export on the same generated file, into the same models, in the same run.

Run: `SECRET_KEY=bench .venv/bin/python bench/imports.py` (IMPORT_BENCH_ROWS=50000 by default;
IMPORT_BENCH_FORMATS=csv,xlsx; IMPORT_BENCH_IE=0 skips django-import-export; a throw-away
SQLite database unless DATABASE_URL is set). The file is built with a fixed recipe: as French
Excel saves it (CSV cp1252 « ; », or XLSX), every row a new organisation with a membership,
SIRET or RNA or neither, a commune by name among 40. Both sides do the same work: read the file,
validate every row (the model's `full_clean`), write the organisations and memberships (with
their history rows) in one transaction; each starts from the same empty pole.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("PTCE_SIMPLE_STATIC", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from ptce.imports.plan_organisations import category_of  # noqa: E402
from ptce.organisations.models import Organisation  # noqa: E402
from ptce.poles.models import Membership  # noqa: E402
from ptce.territories.models import Commune  # noqa: E402
from tests.organisations.factories import valid_siret  # noqa: E402
from tests.poles.factories import PoleFactory  # noqa: E402
from tests.territories.factories import (  # noqa: E402
    CommuneFactory,
    DepartementFactory,
    RegionFactory,
)

ROWS = int(os.environ.get("IMPORT_BENCH_ROWS", "50000"))
FORMATS = os.environ.get("IMPORT_BENCH_FORMATS", "csv,xlsx").split(",")
WITH_IE = os.environ.get("IMPORT_BENCH_IE", "1") == "1"
HEADER = ["Raison sociale", "SIRET", "RNA", "Statut", "Code APE", "Commune", "Effectif", "Rôle"]
COMMUNES = [f"Saint-Martin-de-{w}" for w in ("Crau", "Ré", "Londres", "Seignanx", "Valamas")] + [
    f"Villefranche-{n}" for n in range(35)
]
STATUSES = ["Association", "SCOP", "SCIC", "Collectivité territoriale", "Association"]
WORDS = ["Recyclerie", "Jardins", "Atelier", "Régie", "Coopérative", "Ressourcerie", "Épicerie"]


def rows() -> list[list[str]]:
    """The file's rows, the same at every run: 2/5 associations with a SIRET, 1/5 with an RNA
    number only, a SCOP and a SCIC with a SIRET, a collectivité with neither."""
    body = []
    for i in range(ROWS):
        status = STATUSES[i % 5]
        siret = valid_siret(i + 1) if i % 5 != 3 and i % 10 != 4 else ""
        rna = f"W{31_0000000 + i:09d}" if i % 10 == 4 else ""
        body.append(
            [
                f"{WORDS[i % 7]} {COMMUNES[i % 40].split('-')[0]} n° {i}",
                siret,
                rna,
                status,
                "88.99B" if i % 2 else "",
                COMMUNES[i % 40],
                "03" if i % 3 else "",
                "membre" if i % 4 else "partenaire",
            ]
        )
    return [HEADER, *body]


def csv_file(table) -> bytes:
    text = "\r\n".join(";".join(cells) for cells in table) + "\r\n"
    return text.encode("cp1252")


def xlsx_file(table) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for cells in table:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def setup_world():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # DEBUG off without Redis: the database cache
    region = RegionFactory()
    departement = DepartementFactory(region=region)
    for n, name in enumerate(COMMUNES):
        CommuneFactory(code=f"31{n + 1:03d}", name=name, departement=departement)
    return PoleFactory(name="Pôle du banc d’essai", slug="banc-essai", region=region)


def empty(pole) -> None:
    """Back to the empty pole (not timed)."""
    with transaction.atomic():
        Membership.history.model.objects.all().delete()
        Membership.objects.filter(pole=pole).delete()
        Organisation.history.model.objects.all().delete()
        Organisation.objects.all().delete()


def timed(work) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process): on a shared machine the second says
    what the work costs whatever the others run."""
    started, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - started, time.process_time() - cpu


def ours(path: Path, pole) -> tuple[float, float]:
    return timed(
        lambda: call_command("import_organisations", str(path), pole=pole.slug, verbosity=0)
    )


def import_export_resource(pole):
    from import_export import fields, resources, widgets

    class CategoryWidget(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            return category_of(value or "") or ""

    class OrganisationResource(resources.ModelResource):
        name = fields.Field(attribute="name", column_name="Raison sociale")
        siret = fields.Field(attribute="siret", column_name="SIRET")
        rna = fields.Field(attribute="rna", column_name="RNA")
        legal_category = fields.Field(
            attribute="legal_category", column_name="Statut", widget=CategoryWidget()
        )
        naf_code = fields.Field(attribute="naf_code", column_name="Code APE")
        commune = fields.Field(
            attribute="commune",
            column_name="Commune",
            widget=widgets.ForeignKeyWidget(Commune, field="name"),
        )
        headcount_band = fields.Field(attribute="headcount_band", column_name="Effectif")

        class Meta:
            model = Organisation
            fields = (
                "name",
                "siret",
                "rna",
                "legal_category",
                "naf_code",
                "commune",
                "headcount_band",
            )
            import_id_fields = ("name",)
            clean_model_instances = True  # the model's full_clean, as ours
            skip_unchanged = True
            use_transactions = True

        def before_save_instance(self, instance, row, **kwargs):
            # An empty identifier is stored as NULL (the unique constraints ignore it).
            instance.siret = instance.siret or None
            instance.rna = instance.rna or None

        def after_save_instance(self, instance, row, **kwargs):
            Membership.objects.get_or_create(
                pole=pole,
                organisation=instance,
                left_on=None,
                defaults={"role": row["Rôle"]},
            )

    return OrganisationResource()


def theirs(data: bytes, fmt: str, pole) -> tuple[float, float]:
    import tablib

    results = []

    def work():
        if fmt == "csv":
            dataset = tablib.Dataset().load(data.decode("cp1252"), format="csv", delimiter=";")
        else:
            dataset = tablib.Dataset().load(io.BytesIO(data), format="xlsx")
        resource = import_export_resource(pole)
        results.append(resource.import_data(dataset, dry_run=False, raise_errors=True))

    elapsed = timed(work)
    assert not results[0].has_errors()
    assert not results[0].has_validation_errors()
    return elapsed


def main():
    pole = setup_world()
    table = rows()
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for fmt in FORMATS:
            data = csv_file(table) if fmt == "csv" else xlsx_file(table)
            path = Path(directory) / f"membres.{fmt}"
            path.write_bytes(data)
            empty(pole)
            first = ours(path, pole)
            assert Membership.objects.filter(pole=pole).count() == ROWS
            again = ours(path, pole)
            assert Organisation.objects.count() == ROWS
            other = None
            if WITH_IE:
                empty(pole)
                other = theirs(data, fmt, pole)
                assert Membership.objects.filter(pole=pole).count() == ROWS
            results.append((fmt, first, again, other))
    load = os.getloadavg()
    print(f"\nImport de {ROWS:,} organisations et adhésions, {connection.vendor}".replace(",", " "))
    print(f"(charge de la machine : {load[0]:.1f} {load[1]:.1f} {load[2]:.1f})")
    print("(durée réelle / temps CPU du processus)")
    print("| fichier | import_organisations | même fichier de nouveau | django-import-export | × |")
    print("|---|---|---|---|---|")
    for fmt, first, again, other in results:
        ie = f"{other[0]:.1f} s / {other[1]:.1f} s" if other else "—"
        ratio = f"{other[0] / first[0]:.1f}× / {other[1] / first[1]:.1f}×" if other else "—"
        print(
            f"| {fmt.upper()} | {first[0]:.1f} s / {first[1]:.1f} s | "
            f"{again[0]:.1f} s / {again[1]:.1f} s | {ie} | {ratio} |"
        )


if __name__ == "__main__":
    main()
