"""Exhibits: curated paths through the archive (issue 16, item 4): /exhibits/ and
/exhibits/<slug>/. Their TimelineJS JSON is open data (videos/opendata/timelinejs.py)."""

from django.shortcuts import render

from videos.models import Exhibit
from videos.timeline.views import not_found
from videos.web.page_cache import cached_page


@cached_page
def exhibit_list(request):
    exhibits = Exhibit.objects.published().for_list()
    return render(request, "videos/exhibit_list.html", {"exhibits": exhibits})


@cached_page
def exhibit_detail(request, slug):
    exhibit = Exhibit.objects.published().for_page().filter(slug=slug).first()
    if exhibit is None:
        return not_found(request, f"No published exhibit has the address “{slug}”.")
    stops = list(exhibit.stops.all())
    pairs = zip([None, *stops], stops, strict=False)
    context = {"exhibit": exhibit, "stops": [(stop, before) for before, stop in pairs]}
    return render(request, "videos/exhibit_detail.html", context)
