"""/data/: the bulk downloads, listed with their size and date, and served."""

from django.http import FileResponse, Http404
from django.shortcuts import render

from videos.opendata import bulk
from videos.opendata.licences import LICENCE
from videos.web.page_cache import version_for

CONTENT_TYPES = {
    ".json": "application/json",
    ".sqlite": "application/vnd.sqlite3",
    ".csv": "text/csv; charset=utf-8",
}


def data_page(request):
    manifest = bulk.read_manifest()
    stale = manifest and manifest["archive_version"] != version_for(request)
    context = {"manifest": manifest, "stale": stale, "licence": LICENCE}
    return render(request, "opendata/data.html", context)


def data_file(request, name):
    manifest = bulk.read_manifest() or {"files": []}
    if name not in {entry["name"] for entry in manifest["files"]}:
        raise Http404(f"The bulk data has no file called “{name}”.")
    path = bulk.directory() / name
    if not path.is_file():
        raise Http404(f"“{name}” is being rewritten; try again in a moment.")
    suffix = path.suffix
    response = FileResponse(
        path.open("rb"), as_attachment=suffix != ".json", filename=name
    )
    response["Content-Type"] = CONTENT_TYPES[suffix]
    response["Access-Control-Allow-Origin"] = "*"
    return response
