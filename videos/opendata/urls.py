"""The open API's addresses beyond the timeline exports (issue 18), included into the
app's URLs under its namespace."""

from django.urls import path, re_path

from videos.opendata import api, bulk_views, cite

SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"
CITE_FORMAT = r"cite\.(?P<extension>bib|json|ris)"

urlpatterns = [
    path("api/", api.api_page, name="api"),
    path("api/openapi.json", api.openapi_json, name="openapi"),
    path("techniques.json", api.techniques_json, name="techniques_json"),
    path("techniques/<slug:slug>.json", api.technique_json, name="technique_json"),
    path("directors/<slug:slug>.json", api.director_json, name="director_json"),
    path("artists/<slug:slug>.json", api.artist_json, name="artist_json"),
    path("tags/<slug:slug>.json", api.tag_json, name="tag_json"),
    re_path(rf"^videos/{SLUG}/{CITE_FORMAT}$", cite.video_cite, name="video_cite"),
    re_path(
        rf"^techniques/{SLUG}/{CITE_FORMAT}$",
        cite.technique_cite,
        name="technique_cite",
    ),
    re_path(
        rf"^exhibits/{SLUG}/{CITE_FORMAT}$", cite.exhibit_cite, name="exhibit_cite"
    ),
    path("data/", bulk_views.data_page, name="data"),
    path("data/<str:name>", bulk_views.data_file, name="data_file"),
]
