"""Public HTML pages (home, the directory, a pole's page, a call's page) served to anonymous
visitors from the shared cache, keyed on the scopes of public data they read
(`ptce.core.invalidation`).

A view opts in with `@anonymous_page(scopes)`; the middleware, placed before the sessions,
serves a hit without the database, the session or the request transaction: at ten times
France the anonymous pole page served 47 req/s (issue #18). Only visitors with neither a
session nor a pending message are served from the cache, and only a complete 200 response
that sets no cookie is stored, with the headers the inner middleware gave it.

Some of what a pole's page shows (needs, a published radar) is changed by services that renew
no scope: an entry lives at most `PTCE_PUBLIC_PAGE_SECONDS` (5 minutes by default).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from . import invalidation

PREFIX = "ptce:page:"


def anonymous_page(scopes):
    """Opt a view in; `scopes(**url_kwargs)` gives the scopes its page reads."""

    def decorate(view):
        view.anonymous_page_scopes = scopes
        return view

    return decorate


def directory_scopes(**_kwargs):
    return (invalidation.POLES, invalidation.ORGANISATIONS, invalidation.TERRITORIES)


def everything_scopes(**_kwargs):
    """A page that reads a bit of everything (the home page's figures, a call's laureates)."""
    return (
        invalidation.POLES,
        invalidation.ORGANISATIONS,
        invalidation.FIGURES,
        invalidation.TERRITORIES,
        invalidation.REFERENTIELS,
        invalidation.figures(),
    )


def pole_scopes(slug, **_kwargs):
    # Its members, evaluations, actions and laureate badges are renewed with the figures.
    return (
        invalidation.POLES,
        invalidation.ORGANISATIONS,
        invalidation.FIGURES,
        invalidation.TERRITORIES,
        invalidation.REFERENTIELS,
        invalidation.pole(slug),
        invalidation.figures(),
    )


def _cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scopes = self._scopes(request) if _cacheable(request) else None
        if scopes is None:
            return self.get_response(request)
        digest, _ = invalidation.state(scopes)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:24]
        key = f"{PREFIX}{digest}:{path}"
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:  # noqa: PLR2004
            cache.set(
                key, (response.content, list(response.items())), settings.PTCE_PUBLIC_PAGE_SECONDS
            )
        return response

    @staticmethod
    def _scopes(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        scopes = getattr(match.func, "anonymous_page_scopes", None)
        return scopes(**match.kwargs) if scopes else None
