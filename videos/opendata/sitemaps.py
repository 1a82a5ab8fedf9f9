"""Discovery: the sitemap's sections and robots.txt."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse

from videos.models import Director, Technique, Video


class VideoSitemap(Sitemap):
    def items(self):
        return Video.objects.published().order_by("slug")

    def lastmod(self, video):
        return video.updated_at


class TechniqueSitemap(Sitemap):
    def items(self):
        return Technique.objects.public().order_by("slug")


class DirectorSitemap(Sitemap):
    def items(self):
        return Director.objects.public().order_by("slug")


class StaticPageSitemap(Sitemap):
    def items(self):
        return [
            "videos:timeline",
            "videos:techniques",
            "videos:directors",
            "videos:artists",
            "videos:tags",
            "videos:about",
        ]

    def location(self, url_name):
        return reverse(url_name)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "videos": VideoSitemap,
    "techniques": TechniqueSitemap,
    "directors": DirectorSitemap,
}


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
