"""Atom feeds of newly published essays: the whole archive's, and one per technique.

Which videos, and in what order, comes from the timeline index like every other surface;
SQL only reads the thirty rows shown.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from videos.models import Technique, Video
from videos.timeline.index import current_index
from videos.web.page_cache import version_for

FEED_LENGTH = 30
SITE_AUTHOR = "Good Reason"


@dataclass
class Subject:
    """What a feed is about (a technique, or the whole archive) and its newest essays."""

    technique: Technique | None
    videos: list


def newest_essays(request, fixed):
    """The most recently published public videos with an essay, newest first."""
    index = current_index(version_for(request))
    rows = index.select({}, base=fixed).newest_first()[:FEED_LENGTH]
    pks = index.pks[rows].tolist()
    found = Video.objects.filter(pk__in=pks).newly_published().in_bulk()
    return [found[pk] for pk in pks if pk in found]


class NewEssaysFeed(Feed):
    feed_type = Atom1Feed
    title = "Good Reason: new essays"
    subtitle = (
        "Music videos filed by the technology they used, each with an essay on whether "
        "it served the song's idea."
    )
    author_name = SITE_AUTHOR

    def get_object(self, request):
        return Subject(None, newest_essays(request, {}))

    def link(self):
        return reverse("videos:timeline")

    def items(self, subject):
        return subject.videos

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
        technique = Technique.objects.public().filter(slug=slug).first()
        if technique is None:
            raise Http404(
                f"No technique with a published video has the address “{slug}”."
            )
        return Subject(technique, newest_essays(request, {"technique": technique}))

    def title(self, subject):
        return f"Good Reason: new essays on {subject.technique.name}"

    def subtitle(self, subject):
        return subject.technique.summary

    def link(self, subject):
        return subject.technique.get_absolute_url()
