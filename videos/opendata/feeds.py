"""Atom feeds of newly published essays: the whole archive's, and one per technique."""

from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from videos.models import Technique, Video, VideoTechnique

FEED_LENGTH = 30
SITE_AUTHOR = "Good Reason"


class NewEssaysFeed(Feed):
    feed_type = Atom1Feed
    title = "Good Reason: new essays"
    subtitle = (
        "Music videos filed by the technology they used, each with an essay on whether "
        "it served the song's idea."
    )
    author_name = SITE_AUTHOR

    def link(self):
        return reverse("videos:timeline")

    def items(self):
        return Video.objects.newly_published()[:FEED_LENGTH]

    def item_title(self, video):
        return f"{video.title} ({video.year}): {video.essay.headline}"

    def item_description(self, video):
        # Atom's <summary type="html"> is read as HTML; the opening is plain text.
        return escape(video.essay.opening)

    def item_pubdate(self, video):
        return video.published_at

    def item_updateddate(self, video):
        return max(video.published_at, video.essay.updated_at)

    def item_author_name(self, video):
        author = video.essay.author
        # Editors' logins stay private; only a name they gave themselves is shown.
        return (author and author.get_full_name()) or SITE_AUTHOR


class TechniqueFeed(NewEssaysFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Technique, slug=slug)

    def title(self, technique):
        return f"Good Reason: new essays on {technique.name}"

    def subtitle(self, technique):
        return technique.summary

    def link(self, technique):
        return technique.get_absolute_url()

    def items(self, technique):
        claims = VideoTechnique.objects.filter(
            video=OuterRef("pk"), technique=technique
        )
        return Video.objects.newly_published().filter(Exists(claims))[:FEED_LENGTH]
