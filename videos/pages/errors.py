"""The archive's own 404 page while DEBUG is on (`make run`).

With DEBUG off Django renders templates/404.html for an unknown address; with it on it
shows its technical page instead, listing the URL patterns. Visitors to a local copy
should see what production shows (issue 15), so this middleware answers such a request
with the archive's page. Tracebacks for real errors are untouched.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

MESSAGE = "The page you asked for is not in the archive."


def archive_not_found(request):
    return render(request, "404.html", {"message": MESSAGE}, status=404)


class ArchiveNotFoundInDebug:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        unresolved = getattr(request, "resolver_match", None) is None
        if settings.DEBUG and response.status_code == 404 and unresolved:
            return archive_not_found(request)
        return response

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return archive_not_found(request)
        return None
