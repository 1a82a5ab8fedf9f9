"""Tags for what pages say to citers and machines: “Cite this” and JSON-LD (issue 18)."""

from django import template
from django.utils import timezone

from videos.models import Artist, Director, Exhibit, Technique, Video
from videos.pages import citations, structured_data
from videos.web.page_cache import version_for

register = template.Library()

STRUCTURED = {
    Video: structured_data.music_video_object,
    Technique: structured_data.technique_data,
    Director: structured_data.director_data,
    Artist: structured_data.artist_data,
    Exhibit: structured_data.exhibit_data,
}


@register.inclusion_tag("videos/_cite.html", takes_context=True)
def cite_this(context, entry):
    """The entry's citation as Chicago and MLA, with its downloads (a video, a technique
    or an exhibit; a technique reads its version from its history, one query)."""
    request = context["request"]
    absolute, today = request.build_absolute_uri, timezone.localdate()
    if isinstance(entry, Technique):
        version = citations.technique_version(entry, version_for(request))
        citation = citations.technique_citation(entry, absolute, version, today)
        cite_url = "videos:technique_cite"
    elif isinstance(entry, Exhibit):
        citation = citations.exhibit_citation(entry, absolute, today)
        cite_url = "videos:exhibit_cite"
    else:
        citation = citations.video_citation(entry, absolute, today)
        cite_url = "videos:video_cite"
    return {
        "citation": citation,
        "chicago": citations.chicago(citation),
        "mla": citations.mla(citation),
        "cite_url": cite_url,
        "slug": entry.slug,
    }


@register.simple_tag(takes_context=True)
def structured(context, entry):
    """The entry's schema.org JSON-LD, as a dict for `|json_ld`."""
    return STRUCTURED[type(entry)](entry, context["request"])
