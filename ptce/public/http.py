"""HTTP habits of every public download and API response: cached bodies, `ETag` and
`Last-Modified` with conditional requests (304), and CORS for reading from any site.

`public_get` wraps a view that answers GET: the body is computed once per state of the scopes
of public data it reads (see `cache.cached`), its hash is the `ETag` (hashed once, kept in the
cache with the body: a cached answer is served as the stored bytes, neither re-encoded nor
re-hashed), the moment those scopes last changed is the `Last-Modified`; `If-None-Match` /
`If-Modified-Since` give a 304. HEAD is answered like GET. An OPTIONS preflight is accepted for
GET (and HEAD) only; any other method gets a 405.
"""

import hashlib
import json
from functools import wraps

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from ninja import Field, Schema

from .cache import cached, changed_at

READ_METHODS = ("GET", "HEAD")
ALLOWED = "GET, HEAD, OPTIONS"
# Request headers a cross-site reader may send (conditional requests included).
ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type, If-Modified-Since, If-None-Match"
EXPOSED_HEADERS = "ETag, Last-Modified, Content-Disposition"
CACHE_CONTROL = "public, max-age=0, must-revalidate"
# Headers of a computed response kept in the cache with its body.
KEPT_HEADERS = ("Content-Disposition",)
# Part of the cache keys of frozen responses: bumped when `_freeze`'s tuple changes shape, so
# that a shared cache never hands an old shape to new code.
FROZEN_FORMAT = "r2"


def json_error(status: int, message: str, **extra) -> HttpResponse:
    body = json.dumps({"detail": message, **extra}, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def add_cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def preflight(request) -> HttpResponse:
    """The answer to an OPTIONS request: CORS granted for reading (GET, HEAD) only."""
    wanted = request.headers.get("Access-Control-Request-Method", "GET").upper()
    if wanted not in READ_METHODS:
        response = json_error(
            405, "Ces données sont en lecture seule : seule la méthode GET est acceptée."
        )
        response["Allow"] = ALLOWED
        return response
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED
    response["Access-Control-Allow-Methods"] = ALLOWED
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = "86400"
    return add_cors(response)


def not_allowed() -> HttpResponse:
    response = json_error(
        405, "Ces données sont en lecture seule : seule la méthode GET est acceptée."
    )
    response["Allow"] = ALLOWED
    return add_cors(response)


def etag_of(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def conditional(request, response: HttpResponse, etag: str | None, scopes) -> HttpResponse:
    """`response` with its validators (`Last-Modified`: when `scopes` last changed); a 304 (or
    412) instead when the client's copy is current. Only successful responses carry them."""
    if response.status_code != 200 or response.streaming:
        return response
    etag = etag or etag_of(response.content)
    last_modified = changed_at(scopes)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = CACHE_CONTROL
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified.timestamp(), response=response
    )


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


def _thaw(frozen: tuple) -> tuple[HttpResponse, str | None]:
    """The response (its body the stored bytes, as is) and its `ETag`."""
    status, content, content_type, headers, etag = frozen
    response = HttpResponse(content, status=status, content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    return response, etag


def null_character_error(request) -> HttpResponse | None:
    """NUL bytes cannot be stored nor compared in PostgreSQL text: refuse them up front (no
    resource has one in its address: 404; in a parameter: 400)."""
    if "\x00" in request.path:
        return json_error(404, "Aucune ressource à cette adresse (caractère nul).")
    if any("\x00" in value for key in request.GET for value in request.GET.getlist(key)):
        return json_error(400, "La requête contient un caractère nul (\\x00), interdit.")
    return None


def serve_read_only(request, view, args, kwargs, *, cache_name: str | None, scopes):
    """The shared body of `public_get`: method checks, optional cache, validators, CORS.
    `scopes`: the scopes of public data the view reads (see `cache.cached`)."""
    if request.method == "OPTIONS":
        return preflight(request)
    if request.method not in READ_METHODS:
        return not_allowed()
    if error := null_character_error(request):
        return add_cors(error)
    method = request.method
    request.method = "GET"  # HEAD gets the headers of GET; the server then drops the body
    try:
        response, etag = _respond(request, view, args, kwargs, cache_name, scopes)
    finally:
        request.method = method
    return add_cors(conditional(request, response, etag, scopes))


def _respond(request, view, args, kwargs, cache_name, scopes) -> tuple[HttpResponse, str | None]:
    """The response and its `ETag` when known (None: `conditional` hashes the body)."""
    if cache_name is None:
        return view(request, *args, **kwargs), None
    frozen = cached(
        cache_name,
        lambda: _freeze(view(request, *args, **kwargs)),
        FROZEN_FORMAT,
        _cache_key(request),
        scopes=scopes,
    )
    return _thaw(frozen)


def public_get(cache_name: str | None = None, *, scopes=()):
    """Decorator for public read-only views (see the module's docstring). With `cache_name`,
    the response (status, body, content type) is cached per URL and state of `scopes`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return serve_read_only(
                request, view, args, kwargs, cache_name=cache_name, scopes=scopes
            )

        return wrapper

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
