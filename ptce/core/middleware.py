from django.conf import settings


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
