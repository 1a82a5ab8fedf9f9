"""The site's URLs plus /bench/floor/: the cheapest response Django can give through the
same middleware, the floor every page is measured against."""

from django.http import HttpResponse
from django.urls import path

from archive.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), *site_urlpatterns]
