from django.conf import settings

from . import invalidation


class ContentSecurityPolicyMiddleware:
    """No inline script or style anywhere: the policy makes any slip visible in the browser."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class TodoCounterMiddleware:
    """After a request that may have written (any method but GET, HEAD, OPTIONS), the to-do
    counters of the header are stale: renew their scope. Runs outside the request's
    transaction, so the renewal follows the commit and no reader caches the state before it."""

    SAFE = ("GET", "HEAD", "OPTIONS", "TRACE")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in self.SAFE:
            invalidation.invalidate(invalidation.TODO)
        return response
