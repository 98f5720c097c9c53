"""A person's State roles and scopes, read once per request.

`request.user` is loaded anew for each request, so what is cached on it lives exactly as long
as the request: nothing here is shared between requests or processes.
"""

from functools import cached_property


class UserScope:
    def __init__(self, user=None):
        active = user is not None and user.is_authenticated and user.is_active
        self._user = user if active else None
        self.is_authenticated = active
        self.is_admin = active and bool(user.is_superuser)
        self.is_instructor = active and bool(user.is_instructor)
        self.is_national = self.is_instructor and bool(user.is_national_instructor)

    @cached_property
    def region_ids(self) -> frozenset:
        """The régions a regional instructor instructs (one query, the first time it is asked)."""
        if not self.is_instructor or self.is_national:
            return frozenset()
        return frozenset(self._user.instructor_regions.values_list("pk", flat=True))

    def instructs_region(self, region_id) -> bool:
        return self.is_instructor and (
            self.is_national or (region_id is not None and region_id in self.region_ids)
        )


ANONYMOUS = UserScope()


def user_scope(user) -> UserScope:
    if not (user.is_authenticated and user.is_active):
        return ANONYMOUS
    scope = user.__dict__.get("_scope")
    if scope is None:
        scope = user.__dict__["_scope"] = UserScope(user)
    return scope
