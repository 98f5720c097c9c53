"""A person's State roles and scopes, read once per request.

`request.user` is loaded anew for each request, so what is cached on it lives exactly as long
as the request: nothing here is shared between requests or processes.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class UserScope:
    is_authenticated: bool
    is_admin: bool
    is_instructor: bool
    is_national: bool
    region_ids: frozenset

    def instructs_region(self, region_id) -> bool:
        return self.is_instructor and (
            self.is_national or (region_id is not None and region_id in self.region_ids)
        )


ANONYMOUS = UserScope(False, False, False, False, frozenset())


def user_scope(user) -> UserScope:
    """The user's roles and instruction régions (one query for an instructor, none otherwise)."""
    if not (user.is_authenticated and user.is_active):
        return ANONYMOUS
    scope = user.__dict__.get("_scope")
    if scope is None:
        instructs = bool(user.is_instructor)
        national = instructs and bool(user.is_national_instructor)
        regions = (
            frozenset(user.instructor_regions.values_list("pk", flat=True))
            if instructs and not national
            else frozenset()
        )
        scope = UserScope(True, bool(user.is_superuser), instructs, national, regions)
        user.__dict__["_scope"] = scope
    return scope
