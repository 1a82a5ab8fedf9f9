"""A database outage answers the archive's own 503 page with Retry-After, never a bare 500.

Pages a cache can answer without the database are still served (videos/web/page_cache.py);
everything else says the archive is briefly unavailable, as HTML or, on the JSON and CSV
exports, as `{"error": ...}`. Nothing here reads the database, and neither does
templates/503.html. Each request tries the database afresh, so the site recovers by itself.
"""

import logging
import sys

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults

from videos.web.page_cache import DATABASE_UNAVAILABLE

logger = logging.getLogger(__name__)
MESSAGE = "The archive's database can't be reached just now; try again in a moment."


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return unavailable(request, exception)
        return None


def unavailable(request, exception):
    logger.error("Database unavailable for %s: %s", request.path, exception)
    if request.path.endswith((".json", ".csv")):  # as the exports answer errors
        response = JsonResponse({"error": MESSAGE}, status=503)
    else:
        response = render(request, "503.html", {"message": MESSAGE}, status=503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: a database error raised outside any view (a middleware's) is an outage
    too; anything else is Django's own 500."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_UNAVAILABLE):
        return unavailable(request, exception)
    return defaults.server_error(request)
