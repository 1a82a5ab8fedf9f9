"""/exhibits/<slug>.json: an exhibit in TimelineJS's JSON format (issue 16, item 4), so
anyone can present it with Knight Lab's TimelineJS
(https://timeline.knightlab.com/docs/json-format.html).

The document is `{"title": slide, "events": [slide, …]}`; each stop is one event slide:
`start_date` (the video's year, with month and day when the release date is known),
`text` (headline and HTML), `media` (the watch link at the stop's moment when the host
can start there, else our title card), `group` (the primary technique) and `unique_id`.
TimelineJS orders events by date; `unique_id` keeps the exhibit's own order ("stop-1"…).
Text is the archive's sanitised Markdown HTML, with links made absolute.
"""

from django.http import JsonResponse
from django.utils.html import escape
from django.views.decorators.http import require_safe

from videos.models import Exhibit
from videos.pages.markdown import render_markdown
from videos.web.page_cache import cached_page

JSON_OPTIONS = {"ensure_ascii": False}


def absolute_links(html, absolute):
    """The archive's own links in `html` (href="/…") made absolute, for other sites."""
    return html.replace('href="/', f'href="{absolute("/")}')


def start_date(video):
    date = {"year": video.year}
    if video.release_date and video.release_date.year == video.year:
        date.update(month=video.release_date.month, day=video.release_date.day)
    return date


def media(stop, absolute):
    """The stop's picture: the video itself at the moment if its host can start there,
    else our title card; TimelineJS shows either."""
    video = stop.video
    thumbnail = absolute(video.thumbnail.url) if video.thumbnail else None
    url = stop.moment_link or video.watch_url or thumbnail
    if not url:
        return None
    document = {
        "url": url,
        "caption": f"{video.title} ({video.year})",
        "link": absolute(video.get_absolute_url()),
        "alt": (
            f"A still from {video.title}"
            if video.still
            else f"Title card: {video.title}, {video.year}"
        ),
    }
    if thumbnail:
        document["thumbnail"] = thumbnail
    return document


def stop_text(stop):
    """The curator's text, then the moment and the verdict, as HTML."""
    parts = [render_markdown(stop.text)]
    if stop.moment:
        label, what = stop.moment.time_label, escape(stop.moment.what)
        parts.append(f"<p><strong>At {label}:</strong> {what}</p>")
    essay = getattr(stop.video, "essay", None)
    if essay:
        verdict = escape(essay.get_verdict_display())
        parts.append(f"<p><em>Verdict: {verdict}.</em> {escape(essay.headline)}</p>")
    return "".join(parts)


def stop_slide(number, stop, absolute):
    video = stop.video
    artists = ", ".join(artist.name for artist in video.artists.all())
    link = absolute(video.get_absolute_url())
    slide = {
        "unique_id": f"stop-{number}",
        "start_date": start_date(video),
        "text": {
            "headline": f'<a href="{escape(link)}">{escape(video.title)}</a>',
            "text": absolute_links(
                f"<p>{escape(artists)}</p>{stop_text(stop)}", absolute
            ),
        },
        "autolink": False,
    }
    primary = next(iter(video.claims.all()), None)
    if primary:
        slide["group"] = primary.technique.name
    picture = media(stop, absolute)
    if picture:
        slide["media"] = picture
    return slide


def timeline_document(exhibit, absolute):
    url = absolute(exhibit.get_absolute_url())
    return {
        "title": {
            "unique_id": "title",
            "text": {
                "headline": f'<a href="{escape(url)}">{escape(exhibit.title)}</a>',
                "text": absolute_links(render_markdown(exhibit.introduction), absolute),
            },
            "autolink": False,
        },
        "events": [
            stop_slide(number, stop, absolute)
            for number, stop in enumerate(exhibit.stops.all(), start=1)
        ],
    }


@require_safe
@cached_page
def exhibit_json(request, slug):
    exhibit = Exhibit.objects.published().for_page().filter(slug=slug).first()
    if exhibit is None:
        body = {"error": f"No published exhibit has the address “{slug}”."}
        response = JsonResponse(body, status=404, json_dumps_params=JSON_OPTIONS)
    else:
        document = timeline_document(exhibit, request.build_absolute_uri)
        response = JsonResponse(document, json_dumps_params=JSON_OPTIONS)
    # TimelineJS reads the document from the presenter's own page, another origin.
    response["Access-Control-Allow-Origin"] = "*"
    return response
