"""French error pages the framework would otherwise answer in English."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render

TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request, exception=None):
    """400, or 413 when the request was refused for its size (a POST over
    DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields or files): nothing was saved."""
    if isinstance(exception, TOO_LARGE):
        return render(request, "413.html", status=413)
    return render(request, "400.html", status=400)
