"""HTTP habits of every public download and API response: cached bodies, `ETag` and
`Last-Modified` with conditional requests (304), read-only methods.

`read_only(view, …)` (and `public_get`, its decorator form) wraps a view that answers GET: the
response is computed once per state of the scopes of public data it reads (see `cache.cached`)
and kept frozen (status, body bytes, content type, its `ETag` hashed once); Django's
`condition()` then answers `If-None-Match` / `If-Modified-Since` with a 304 from that `ETag`
and from the moment those scopes last changed (`Last-Modified`). Only a 200 carries
validators. HEAD is answered like GET; OPTIONS lists the methods; anything else gets a 405.
CORS (any origin may read, conditional headers allowed, validators exposed; the preflight
grants GET and HEAD only) is django-cors-headers' middleware, set up in the settings for
`/api/v1/` and `/donnees/`.
"""

import hashlib
import json
from functools import wraps

from django.http import HttpResponse
from django.views.decorators.http import condition
from ninja import Field, Schema

from ptce.core import invalidation
from ptce.core.pages_cache import public_response

from .cache import TIMEOUT, cached, changed_at

READ_METHODS = ("GET", "HEAD")
ALLOWED = "GET, HEAD, OPTIONS"
CACHE_CONTROL = "public, max-age=0, must-revalidate"
# Headers of a computed response kept in the cache with its body.
KEPT_HEADERS = ("Content-Disposition",)
# Part of the cache keys of frozen responses: bumped when `_freeze`'s tuple changes shape, so
# that a shared cache never hands an old shape to new code.
FROZEN_FORMAT = "r2"
READ_ONLY_MESSAGE = "Ces données sont en lecture seule : seule la méthode GET est acceptée."


def json_error(status: int, message: str, **extra) -> HttpResponse:
    body = json.dumps({"detail": message, **extra}, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def etag_of(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _cache_key(request) -> str:
    """The path and the query string, order-insensitive, hashed (keys stay short and safe)."""
    query = sorted((key, value) for key in request.GET for value in request.GET.getlist(key))
    raw = json.dumps([request.path, query], ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def _freeze(response: HttpResponse) -> tuple:
    """What the cache keeps of a response: status, body (bytes), content type, kept headers,
    and the `ETag` of a successful body, hashed once here."""
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    content = response.content
    etag = etag_of(content) if response.status_code == 200 else None
    return (response.status_code, content, response["Content-Type"], headers, etag)


def _thaw(frozen: tuple) -> HttpResponse:
    """The response, its body the stored bytes, as is."""
    status, content, content_type, headers, _etag = frozen
    response = HttpResponse(content, status=status, content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    return response


def null_character_error(request) -> HttpResponse | None:
    """NUL bytes cannot be stored nor compared in PostgreSQL text: refuse them up front (no
    resource has one in its address: 404; in a parameter: 400)."""
    if "\x00" in request.path:
        return json_error(404, "Aucune ressource à cette adresse (caractère nul).")
    if any("\x00" in value for key in request.GET for value in request.GET.getlist(key)):
        return json_error(400, "La requête contient un caractère nul (\\x00), interdit.")
    return None


def _scopes_of(scopes, request, kwargs) -> tuple[str, ...]:
    return tuple(scopes(request, kwargs) if callable(scopes) else scopes)


def read_only(view, *, cache_name: str | None, scopes=()):
    """`view` answering GET and HEAD only, with validators and 304s; with `cache_name`, its
    response cached per URL and state of `scopes` (a tuple, or a callable of the request and
    the view's keyword arguments returning one)."""

    def frozen(request, *args, **kwargs) -> tuple:
        """The response, computed (or read from the cache) once per request."""
        if not hasattr(request, "_ptce_frozen"):
            method, request.method = request.method, "GET"  # HEAD: GET's headers, no body
            try:
                compute = lambda: _freeze(view(request, *args, **kwargs))  # noqa: E731
                request._ptce_frozen = (
                    compute()
                    if cache_name is None
                    else cached(
                        cache_name,
                        compute,
                        FROZEN_FORMAT,
                        _cache_key(request),
                        scopes=_scopes_of(scopes, request, kwargs),
                    )
                )
            finally:
                request.method = method
        return request._ptce_frozen

    def etag(request, *args, **kwargs):
        return frozen(request, *args, **kwargs)[4]

    def last_modified(request, *args, **kwargs):
        if frozen(request, *args, **kwargs)[0] != 200:
            return None
        return changed_at(_scopes_of(scopes, request, kwargs))

    @condition(etag_func=etag, last_modified_func=last_modified)
    def respond(request, *args, **kwargs):
        return _thaw(frozen(request, *args, **kwargs))

    wrapper = _read_methods(view, respond)
    if cache_name is None:
        return wrapper
    # The same bytes for everyone: a hit is served before the sessions (`pages_cache`).
    fast_scopes = lambda request, kwargs: _scopes_of(scopes, request, kwargs)  # noqa: E731
    return public_response(fast_scopes, seconds=TIMEOUT)(wrapper)


def streamed(view, *, scopes):
    """`view` answering GET and HEAD only with a streamed body (a large CSV), never built whole
    nor cached: its `ETag` is the state of `scopes` and the URL (the body is a function of
    both), so `condition()` still answers conditional requests with a 304 before the view
    runs. Only a 200 carries validators."""

    def etag(request, *args, **kwargs):
        digest, _ = invalidation.state(_scopes_of(scopes, request, kwargs))
        return etag_of(f"{FROZEN_FORMAT}:{digest}:{_cache_key(request)}".encode())

    def last_modified(request, *args, **kwargs):
        return changed_at(_scopes_of(scopes, request, kwargs))

    conditional = condition(etag_func=etag, last_modified_func=last_modified)(view)

    def respond(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code not in (200, 304):  # an error is not a version of the data
            del response["ETag"]
            del response["Last-Modified"]
        return response

    return _read_methods(view, respond)


def _read_methods(view, respond):
    """`respond` for GET and HEAD, the allowed methods for OPTIONS, 405 otherwise."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in READ_METHODS:
            response = json_error(405, READ_ONLY_MESSAGE)
        elif error := null_character_error(request):
            return error
        else:
            response = respond(request, *args, **kwargs)
            if response.status_code in (200, 304):
                response["Cache-Control"] = CACHE_CONTROL
            return response
        response["Allow"] = ALLOWED
        return response

    return wrapper


def public_get(cache_name: str | None = None, *, scopes=()):
    """Decorator form of `read_only`, for the public downloads."""

    def decorator(view):
        return read_only(view, cache_name=cache_name, scopes=scopes)

    return decorator


# The API's errors -------------------------------------------------------------------------


class FieldError(Schema):
    field: str = Field(description="Paramètre en cause.")
    message: str


class ErrorOut(Schema):
    detail: str = Field(description="Message d’erreur, en français.")
    errors: list[FieldError] = Field(default_factory=list)


# Documented on every API operation: what a client may get instead of a 200.
ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class FilterError(Exception):
    """Invalid filters of the poles list (a bound, invalid `PublicPoleFilter`): a 400."""

    def __init__(self, form):
        super().__init__("Filtre invalide.")
        self.errors = [
            {"field": field, "message": str(message)}
            for field, messages in form.errors.items()
            for message in messages
        ]
