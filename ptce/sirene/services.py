"""Loading the SIRENE stock into `SireneUnit` (`manage.py sirene_load`): in one transaction, in
batches, idempotent. A unit is written when it is new or when one of its stored fields changed
(compared through `fingerprint`); a unit the file withholds (not diffusible, or out of the
chosen filter) is deleted, so that a unit turned non-diffusible disappears at the next load."""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import astuple, dataclass
from pathlib import Path

from django.db import connection, transaction

from ptce.core.bulk import insert_many
from ptce.territories.text import SEARCH_KEY_LENGTH, normalize, search_key

from .files import FILTERS, StockFiles, UnitRow
from .models import SireneToken, SireneUnit

# Words too common to find anything by; a name is still found by its beginning.
STOP_WORDS = frozenset(
    [
        "les",
        "des",
        "pour",
        "aux",
        "sur",
        "par",
        "dans",
        "avec",
        "une",
        "the",
        "and",
        "sas",
        "sarl",
        "eurl",
        "scop",
        "scic",
        "association",
        "societe",
    ]
)
MIN_TOKEN = 3
TOKEN_LENGTH = 40


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


def name_tokens(*texts: str) -> set[str]:
    words = {w for text in texts for w in normalize(text).split()}
    return {w[:TOKEN_LENGTH] for w in words if len(w) >= MIN_TOKEN and w not in STOP_WORDS}


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _unit(row: UnitRow) -> SireneUnit:
    digest = hashlib.md5(repr(astuple(row)).encode(), usedforsecurity=False).hexdigest()
    return SireneUnit(
        siren=row.siren,
        siret=row.siret,
        name=row.name,
        search_name=search_key(row.name)[:250],
        acronym=row.acronym,
        legal_form=row.legal_form,
        naf_code=row.naf_code,
        ess=row.ess,
        headcount_band=row.headcount_band,
        rna=row.rna,
        active=row.active,
        address=row.address,
        postal_code=row.postal_code,
        commune_code=row.commune_code,
        commune_name=row.commune_name,
        updated_on=_date(row.updated_on),
        fingerprint=digest,
    )


def _tokens(units: list[SireneUnit]) -> list[SireneToken]:
    tokens = []
    for unit in units:
        # The name's normal form is the stored key (unless cut): not computed twice.
        name = unit.search_name
        if len(name) >= SEARCH_KEY_LENGTH:
            name = normalize(unit.name)
        words = set(f"{name} {normalize(unit.acronym)}".split())
        for token in sorted(
            {w[:TOKEN_LENGTH] for w in words if len(w) >= MIN_TOKEN and w not in STOP_WORDS}
        ):
            tokens.append(SireneToken(token=token, unit_id=unit.siren))
    return tokens


def _write_batch(rows: list[UnitRow], report: LoadReport) -> None:
    units = {row.siren: _unit(row) for row in rows if len(row.siren) == 9 and row.siren.isdigit()}
    known = dict(
        SireneUnit.objects.filter(siren__in=list(units)).values_list("siren", "fingerprint")
    )
    new = [u for s, u in units.items() if s not in known]
    changed = [u for s, u in units.items() if s in known and known[s] != u.fingerprint]
    report.unchanged += len(units) - len(new) - len(changed)
    if changed:
        # Replaced rather than updated: an UPDATE per row (or bulk_update's CASE over 16
        # fields) is far slower, and the tokens go with them (CASCADE).
        SireneUnit.objects.filter(siren__in=[u.siren for u in changed]).delete()
        report.updated += len(changed)
    # COPY on PostgreSQL, executemany on SQLite: `bulk_create` compiled every value.
    insert_many(SireneUnit, new + changed, returning=False)
    report.created += len(new)
    insert_many(SireneToken, _tokens(new + changed), returning=False)


@transaction.atomic
def sirene_load(
    *,
    paths: list[Path],
    actives: bool = False,
    filtre: str = "tout",
    progress: Callable[[str], None] | None = None,
) -> LoadReport:
    """Load the stock files; `SireneFileError` (nothing written) when one cannot be read."""
    if filtre not in FILTERS:
        raise ValueError(f"unknown filter {filtre!r}")
    files = StockFiles(paths)
    report = LoadReport()
    try:
        files.check_unique()
        for rows in files.rows(actives=actives, filtre=filtre):
            _write_batch(rows, report)
            if progress:
                progress(f"{report.created + report.updated + report.unchanged} unités lues…")
        for sirens in files.withheld(actives=actives, filtre=filtre):
            report.removed += (
                SireneUnit.objects.filter(siren__in=sirens)
                .delete()[1]
                .get(SireneUnit._meta.label, 0)
            )
    finally:
        files.close()
    if connection.vendor == "postgresql" and report.changed:
        # Fresh statistics, or the planner may scan a table just filled (ANALYZE may run in a
        # transaction, unlike VACUUM).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE sirene_sireneunit, sirene_sirenetoken")
    return report
