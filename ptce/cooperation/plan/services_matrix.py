"""Writes of the topics × needs matrix (step 2): cells saved per person, conflicts per cell."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ptce.poles.models import Pole

from ..models import TerritoryNeed, Topic, TopicNeedLink


class MatrixConflict(Exception):
    """Cells someone else changed since the page was loaded, that this save changes too:
    `{(topic_id, need_id): their strength}`. Nothing was written."""

    def __init__(self, cells: dict[tuple[int, int], int | None]):
        super().__init__("Modification concurrente de la matrice")
        self.cells = cells


@transaction.atomic
def matrix_set(
    *,
    pole: Pole,
    cells: dict[tuple[int, int], int | None],
    marked_by,
    loaded: dict[tuple[int, int], int | None] | None = None,
) -> int:
    """Save cells of the topics × needs matrix: `{(topic_id, need_id): strength or None}`.

    None removes the link. Cells are checked against the pole's topics and needs; a constant
    number of queries whatever the size. Returns the number of cells changed.

    `loaded`: the cells as the page showed them. Then only the cells this person changed are
    written, so two people marking different cells both keep theirs; a cell both changed
    differently raises `MatrixConflict` and nothing is written.
    """
    Pole.objects.select_for_update().filter(pk=pole.pk).first()  # one matrix save at a time
    topic_ids = {topic_id for topic_id, _ in cells}
    need_ids = {need_id for _, need_id in cells}
    known_topics = set(
        Topic.objects.filter(pole=pole, pk__in=topic_ids).values_list("pk", flat=True)
    )
    known_needs = set(
        TerritoryNeed.objects.filter(pole=pole, pk__in=need_ids).values_list("pk", flat=True)
    )
    if topic_ids - known_topics or need_ids - known_needs:
        raise ValidationError("La matrice a changé entre-temps : rechargez la page.")
    for strength in cells.values():
        if strength is not None and strength not in (1, 2, 3):
            raise ValidationError("L’intensité d’un lien va de 1 (faible) à 3 (forte).")
    existing = {
        (link.topic_id, link.need_id): link
        for link in TopicNeedLink.objects.filter(topic__pole=pole, topic_id__in=topic_ids)
    }
    if loaded is not None:
        cells = {key: value for key, value in cells.items() if value != loaded.get(key)}
        conflicts = {
            key: getattr(existing.get(key), "strength", None)
            for key, value in cells.items()
            if getattr(existing.get(key), "strength", None) not in (loaded.get(key), value)
        }
        if conflicts:
            raise MatrixConflict(conflicts)
    to_create, to_update, to_delete = [], [], []
    for key, strength in cells.items():
        link = existing.get(key)
        if strength is None:
            if link is not None:
                to_delete.append(link.pk)
        elif link is None:
            to_create.append(
                TopicNeedLink(
                    topic_id=key[0], need_id=key[1], strength=strength, marked_by=marked_by
                )
            )
        elif link.strength != strength:
            link.strength, link.marked_by = strength, marked_by
            to_update.append(link)
    if to_delete:
        TopicNeedLink.objects.filter(pk__in=to_delete).delete()
    if to_create:
        TopicNeedLink.objects.bulk_create(to_create)
    if to_update:
        TopicNeedLink.objects.bulk_update(to_update, ["strength", "marked_by"])
    return len(to_create) + len(to_update) + len(to_delete)
