"""What every open-data response carries (issue 18, item 5): `Access-Control-Allow-Origin:
*`, so a notebook or a chart on another origin can read it, and validators taken from the
collection's version, so a repeat request is answered `304 Not Modified`.

The version changes with every change a visitor could see (videos/models/versions.py);
the one thing that changes a response without a new version is a scheduled video going
public, so its time joins the validators too. Both are read without SQL beyond the
version query the request makes anyway (the timeline index holds publication times).
"""

from functools import wraps

from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from videos.timeline.index import current_index, microseconds
from videos.web.page_cache import version_for

ALLOWED = ["GET", "HEAD", "OPTIONS"]
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
}
PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


def validators(request):
    """(ETag, last modified as a Unix time) of everything public now: the version, and the latest
    scheduled publication that has come due since it was taken."""
    version = version_for(request)
    due_at = current_index(version).due_at
    due = due_at[due_at <= microseconds(timezone.now())]
    latest_due = int(due.max()) if due.size else 0
    etag = f'"{version}-{latest_due}"'
    # HTTP dates count whole seconds.
    return etag, max(version, latest_due) // 1_000_000


def set_headers(response, headers):
    for name, value in headers.items():
        response[name] = value


def open_data(view):
    """CORS for any origin, ETag and Last-Modified on a 200, 304 when they match, and
    405 naming the allowed methods for anything but GET, HEAD and OPTIONS."""

    @csrf_exempt  # it changes nothing, so any method gets its answer (405), not CSRF's 403
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204, headers={"Allow": ", ".join(ALLOWED)})
            set_headers(response, PREFLIGHT)
        elif request.method not in ("GET", "HEAD"):
            response = HttpResponseNotAllowed(ALLOWED)
        else:
            response = conditional(request, view, args, kwargs)
        set_headers(response, CORS)
        return response

    return wrapper


def conditional(request, view, args, kwargs):
    etag, modified = validators(request)
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response.headers.setdefault("ETag", etag)
            response.headers.setdefault("Last-Modified", http_date(modified))
    return response


JSON_OPTIONS = {"ensure_ascii": False}


def json_response(body, status=200):
    return JsonResponse(body, status=status, json_dumps_params=JSON_OPTIONS)


def error_response(status, errors):
    """Every open-data error has this shape: `errors` names each parameter (or path
    part) that went wrong, with its messages and what it accepts; `error` says it in
    one line."""
    summary = " ".join(message for e in errors.values() for message in e["messages"])
    return json_response({"error": summary, "errors": errors}, status=status)


def not_found(parameter, label, message, accepts):
    error = {"label": label, "messages": [message], "accepts": accepts}
    return error_response(404, {parameter: error})
