"""Who is asking (behind the reverse proxies) and how often they may ask.

- `client_ip`: with `TRUSTED_PROXY_COUNT = N`, the client is the N-th address from the right of
  `X-Forwarded-For` (each trusted proxy appends the address it received the request from, as
  nginx's `proxy_add_x_forwarded_for` does); addresses further left were written by the client
  and prove nothing. With 0 (no proxy), `REMOTE_ADDR`. django-axes and the throttles read it.
- `throttled`: django-ratelimit counts a form's POSTs per client address in the shared cache;
  over the rate, the view answers 429 with a French page and does nothing.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def client_ip(request) -> str:
    count = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote


def _client_key(group, request) -> str:
    return client_ip(request)


def throttled(group: str, rate_setting: str):
    """Decorate a view: at most the rate named by the setting `rate_setting` (« 5/h ») of POSTs
    per client address for `group`."""

    def rate(group, request):
        return getattr(settings, rate_setting)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and is_ratelimited(
                request, group=group, key=_client_key, rate=rate, method="POST", increment=True
            ):
                return render(request, "429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
