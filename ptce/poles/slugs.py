"""A pole's short address (`poles/<slug>/`) and the words it may never take.

Every page of a pole, whichever app serves it, lives under `poles/<pole:slug>/`; a few pages
live beside them under `poles/<word>/` (the pole creation form, invitations, the emerging
poles). Those words are reserved: a pole is never given one as its slug, and the `pole`
converter refuses them, so `poles/emergents/` is the emerging poles' page whatever the order
of the URLconf, and a pole named « Émergents » gets `emergents-2`, a page of its own. A test
walks the URLconf and fails when a new `poles/<word>/` page is not listed here.
"""

from django.urls.converters import SlugConverter
from django.utils.text import slugify

RESERVED_SLUGS = frozenset({"creer", "invitation", "emergents"})
MAX_LENGTH = 70


class PoleSlugConverter(SlugConverter):
    def to_python(self, value: str) -> str:
        if value in RESERVED_SLUGS:
            raise ValueError(value)  # not a pole: let the URLconf try the next pattern
        return value


def unique_pole_slug(name: str, taken) -> str:
    """The slug for a new pole named `name`; `taken(slug)` tells whether a pole already has it."""
    base = slugify(name)[:MAX_LENGTH] or "pole"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug
