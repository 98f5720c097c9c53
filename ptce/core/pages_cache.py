"""Public responses served from the shared cache before the sessions: HTML pages to anonymous
visitors (home, the directory, a pole's page, a call's page) and, to every visitor, the
responses that are the same for all (the map's data, the API, the open data), keyed on the
scopes of public data they read (`ptce.core.invalidation`).

A view opts in with `@anonymous_page(scopes)` (its HTML differs once signed in) or
`@public_response(scopes, seconds=…)` (the same bytes for everyone). The middleware, placed
before the sessions, serves a hit in one cache round-trip (the entry and the tokens of its
scopes, read together) and nothing else: no database, no session, no request transaction,
none of the inner middleware. At ten times France the anonymous pole page served 47 req/s and
the cached API 0.06 of a bare Django view (issue #18).

An entry is stored under its URL (path and query string, as asked) with the digest of the
tokens read *before* the view ran: a scope renewed meanwhile makes it miss, and the next
response replaces it. Only a complete 200 that sets no cookie, answered to a visitor with
neither a session nor a pending message, is stored, with the headers the inner middleware
gave it (CORS, outside, is added to each hit). A stored `ETag`/`Last-Modified` answers
conditional requests as `condition()` would (304, 412).

Some of what a pole's page shows (needs, a published radar) is changed by services that renew
no scope: a page lives at most `PTCE_PUBLIC_PAGE_SECONDS` (5 minutes by default).
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from . import invalidation

PREFIX = "ptce:fast:"
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH")
CONDITIONAL += ("HTTP_IF_UNMODIFIED_SINCE",)


@dataclass(frozen=True)
class Policy:
    scopes: Callable  # (request, url kwargs) -> the scopes the response reads
    seconds: int | None  # None: PTCE_PUBLIC_PAGE_SECONDS
    for_everyone: bool  # the same bytes whoever asks (signed in or not)


def anonymous_page(scopes):
    """Opt a page in; `scopes(**url_kwargs)` gives the scopes it reads."""

    def decorate(view):
        view.fast_path = Policy(lambda request, kwargs: scopes(**kwargs), None, False)
        return view

    return decorate


def public_response(scopes, *, seconds: int):
    """Opt in a response that is the same for every visitor (data, API); `scopes(request,
    url_kwargs)` gives the scopes it reads."""

    def decorate(view):
        view.fast_path = Policy(scopes, seconds, True)
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


@lru_cache(maxsize=4096)
def _policy(urlconf: str, path: str):
    """(policy, url kwargs) of the view at `path`, or None. Memoised: resolving an API address
    costs ~0.1 ms, more than the rest of a hit; the answer depends on the code only (the same
    in every process), and the memo is bounded."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    policy = getattr(match.func, "fast_path", None)
    return (policy, match.kwargs) if policy else None


def entry_key(full_path: str) -> str:
    """The entry of an address (path and query string, as asked), hashed: short and safe."""
    return PREFIX + hashlib.sha256(full_path.encode()).hexdigest()[:32]


def _signed(request) -> bool:
    """A session or a pending message: the visitor may see something of their own."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = None
        if request.method in ("GET", "HEAD"):
            found = _policy(settings.ROOT_URLCONF, request.path_info)
        signed = found is not None and _signed(request)
        if found is None or (signed and not found[0].for_everyone):
            return self.get_response(request)
        policy, kwargs = found
        scopes = tuple(policy.scopes(request, kwargs))
        keys = invalidation.token_keys(scopes)
        key = entry_key(request.get_full_path())
        values = cache.get_many([key, *keys])
        tokens = [values.get(name) for name in keys]
        if None in tokens:  # a scope never seen: give it its token
            version = invalidation.state(scopes)[0]
        else:
            version = invalidation.digest(tokens)
            stored = values.get(key)
            if stored is not None and stored[0] == version:
                return _serve(request, stored[1], stored[2])
        response = self.get_response(request)
        if request.method == "GET" and not signed and _storable(response):
            seconds = policy.seconds or settings.PTCE_PUBLIC_PAGE_SECONDS
            cache.set(key, (version, response.content, list(response.items())), seconds)
        return response


def _storable(response) -> bool:
    """A complete 200 setting no cookie. (Its `Vary: Cookie` comes from LoginRequiredMiddleware
    reading the user of every request, not from what the view shows.)"""
    return response.status_code == 200 and not response.streaming and not response.cookies  # noqa: PLR2004


def _serve(request, content: bytes, headers):
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    if any(name in request.META for name in CONDITIONAL) and (
        "ETag" in response or "Last-Modified" in response
    ):
        # What `condition()` answered from the same validators when the view ran.
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )
    return response
