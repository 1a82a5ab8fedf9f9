"""Refuse query strings no page of the archive could mean, before any view reads them."""

from collections import Counter
from urllib.parse import unquote_plus

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

# Longer than any real filter, and under the request-line limits of common servers.
MAX_QUERY_STRING_LENGTH = 4000


class QueryStringLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if len(query) > MAX_QUERY_STRING_LENGTH:
            return refusal(request, *longest_parameter(query))
        most = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        if most is not None and query.count("&") >= most:
            return refusal(request, *most_repeated_parameter(query))
        return self.get_response(request)


def name_of(piece):
    return unquote_plus(piece.partition("=")[0])


def longest_parameter(query):
    piece = max(query.split("&"), key=len)
    message = (
        f"the address's parameters are {len(query):,} characters long and this one "
        f"is {len(piece):,}; the archive reads at most {MAX_QUERY_STRING_LENGTH:,}."
    )
    return name_of(piece), message


def most_repeated_parameter(query):
    name, count = Counter(map(name_of, query.split("&"))).most_common(1)[0]
    message = (
        f"it appears {count:,} times; the archive reads at most "
        f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} parameters."
    )
    return name, message


def refusal(request, parameter, message):
    if request.path.endswith((".json", ".csv")):  # as the exports answer a 400
        error = {"messages": [message], "accepts": "a shorter address"}
        return JsonResponse({"errors": {parameter: error}}, status=400)
    whole_page = "/" + request.path.lstrip("/")  # never //host/…
    context = {"parameter": parameter, "message": message, "whole_page": whole_page}
    return render(request, "400.html", context, status=400)
