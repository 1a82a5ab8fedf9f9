from django.urls import path

from . import exports, feeds, views

app_name = "videos"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("timeline.json", exports.timeline_json, name="timeline_json"),
    path("timeline.csv", exports.timeline_csv, name="timeline_csv"),
    path("feed/", feeds.NewEssaysFeed(), name="feed"),
    path("videos/<slug:slug>.json", exports.video_json, name="video_json"),
    path("videos/<slug:slug>/", views.video_detail, name="video"),
    path("techniques/", views.technique_list, name="techniques"),
    path("techniques/<slug:slug>/", views.technique_detail, name="technique"),
    path("techniques/<slug:slug>/feed/", feeds.TechniqueFeed(), name="technique_feed"),
    path("directors/", views.director_list, name="directors"),
    path("directors/<slug:slug>/", views.director_detail, name="director"),
    path("artists/<slug:slug>/", views.artist_detail, name="artist"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("about/", views.about, name="about"),
]
