"""“Cite this” downloads: an entry's citation as BibTeX, CSL-JSON or RIS.

Not cached: each carries today's date as its access date.
"""

import json

from django.http import Http404, HttpResponse
from django.utils import timezone

from videos.models import Exhibit, Technique, Video
from videos.pages import citations
from videos.web.page_cache import version_for

FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", citations.bibtex),
    "json": (
        "application/vnd.citationstyles.csl+json; charset=utf-8",
        lambda citation: json.dumps(
            citations.csl_json(citation), ensure_ascii=False, indent=1
        ),
    ),
    "ris": ("application/x-research-info-systems; charset=utf-8", citations.ris),
}


def download(citation, slug, extension):
    content_type, write = FORMATS[extension]
    response = HttpResponse(write(citation), content_type=content_type)
    filename = f"good-reason-{slug}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def video_cite(request, slug, extension):
    video = Video.objects.published().for_timeline().filter(slug=slug).first()
    if video is None:
        raise Http404(f"No published video has the address “{slug}”.")
    today = timezone.localdate()
    citation = citations.video_citation(video, request.build_absolute_uri, today)
    return download(citation, slug, extension)


def technique_cite(request, slug, extension):
    technique = Technique.objects.public().filter(slug=slug).first()
    if technique is None:
        raise Http404(f"No technique with a published video has the address “{slug}”.")
    version = citations.technique_version(technique, version_for(request))
    citation = citations.technique_citation(
        technique, request.build_absolute_uri, version, timezone.localdate()
    )
    return download(citation, slug, extension)


def exhibit_cite(request, slug, extension):
    exhibit = Exhibit.objects.published().filter(slug=slug).first()
    if exhibit is None:
        raise Http404(f"No published exhibit has the address “{slug}”.")
    citation = citations.exhibit_citation(
        exhibit, request.build_absolute_uri, timezone.localdate()
    )
    return download(citation, slug, extension)
