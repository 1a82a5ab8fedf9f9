from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from videos.opendata.sitemaps import SITEMAPS, robots_txt

admin.site.site_header = "Good Reason — editors"
admin.site.site_title = "Good Reason editors"
admin.site.index_title = "The archive"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("", include("videos.urls")),
]

# A database error outside any view still answers 503, not 500 (videos/web/outage.py).
handler500 = "videos.web.outage.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
