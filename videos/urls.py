from django.urls import path

from . import views

app_name = "videos"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("videos/<slug:slug>/", views.video_detail, name="video"),
    path("techniques/", views.technique_list, name="techniques"),
    path("techniques/<slug:slug>/", views.technique_detail, name="technique"),
    path("directors/", views.director_list, name="directors"),
    path("directors/<slug:slug>/", views.director_detail, name="director"),
    path("artists/<slug:slug>/", views.artist_detail, name="artist"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("about/", views.about, name="about"),
]
