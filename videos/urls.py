from django.urls import path

from .editorial import share
from .opendata import exports, feeds, timelinejs
from .opendata import urls as opendata_urls
from .pages import compare, corrections, exhibits, lineage, verdicts
from .pages import views as pages
from .timeline import views as timeline

app_name = "videos"

urlpatterns = [
    path("", timeline.timeline, name="timeline"),
    path("timeline.json", exports.timeline_json, name="timeline_json"),
    path("timeline.csv", exports.timeline_csv, name="timeline_csv"),
    path("feed/", feeds.NewEssaysFeed(), name="feed"),
    path("videos/<slug:slug>.json", exports.video_json, name="video_json"),
    path("videos/<slug:slug>/", pages.video_detail, name="video"),
    # Readers' corrections (issue 17): uncached, unlike the video page that links here.
    path(
        "videos/<slug:slug>/correction/",
        corrections.suggest_correction,
        name="correction",
    ),
    path(
        "videos/<slug:slug>/correction/thanks/",
        corrections.correction_thanks,
        name="correction_thanks",
    ),
    # A draft shared by an editor: read-only, never cached or indexed (issue 17).
    path("share/<str:token>/", share.shared_video, name="shared_video"),
    path("techniques/", pages.technique_list, name="techniques"),
    path("techniques/<slug:slug>/", pages.technique_detail, name="technique"),
    path("techniques/<slug:slug>/feed/", feeds.TechniqueFeed(), name="technique_feed"),
    path("directors/", pages.director_list, name="directors"),
    path("directors/<slug:slug>/", pages.director_detail, name="director"),
    path("artists/", pages.artist_list, name="artists"),
    path("artists/<slug:slug>/", pages.artist_detail, name="artist"),
    path("tags/", pages.tag_list, name="tags"),
    path("tags/<slug:slug>/", pages.tag_detail, name="tag"),
    path("about/", pages.about, name="about"),
    *opendata_urls.urlpatterns,  # the open API, citations and bulk data (issue 18)
    # The archive's instruments (issue 16).
    path("compare/", compare.compare_pick, name="compare_pick"),
    path("compare/<slug:first>/<slug:second>/", compare.compare, name="compare"),
    path("verdicts/", verdicts.verdicts, name="verdicts"),
    path("lineage/", lineage.lineage, name="lineage"),
    path("exhibits/", exhibits.exhibit_list, name="exhibits"),
    path("exhibits/<slug:slug>.json", timelinejs.exhibit_json, name="exhibit_json"),
    path("exhibits/<slug:slug>/", exhibits.exhibit_detail, name="exhibit"),
]
