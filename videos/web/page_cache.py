"""Public pages cached whole, and never stale.

Every cache key carries the archive's version, a number in the database that changes with
any editor's change, in the same transaction (videos/models/versions.py), so a change makes
every earlier entry unreachable at once, in every worker, instead of hunting down the pages
it touched. Reading it costs one primary-key query per request. An entry also expires no
later than the next scheduled publication, which changes what visitors see without anyone
saving anything. With Redis, each process keeps its own copies in front of it.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db.models import Min
from django.utils import timezone

from videos.models.versions import current_version


def version_for(request):
    """The archive's version as this request first read it: one query per request, shared
    by the page cache's key and the facet index."""
    if not hasattr(request, "archive_version"):
        request.archive_version = current_version()
    return request.archive_version


def page_key(request):
    """One version's page at one absolute address: scheme and host are part of it, as in
    Django's own cache_page, because pages carry absolute links (canonical, JSON `url`)."""
    address = request.build_absolute_uri(request.get_full_path())
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"page:{version_for(request)}:{digest}"


def seconds_until_next_publication():
    from videos.models import Video

    upcoming = Video.objects.filter(
        status=Video.Status.PUBLISHED, published_at__gt=timezone.now()
    ).aggregate(next=Min("published_at"))["next"]
    if upcoming is None:
        return None
    return max(1, int((upcoming - timezone.now()).total_seconds()) + 1)


def page_caches():
    """Where a page is looked for, nearest first: this process's memory, then the cache
    all app servers share. A key names one version's page, which never changes, so a copy
    kept near is never stale; it spares a Redis round trip and an 80 KB transfer per hit."""
    return [caches[alias] for alias in ("local", "default") if alias in settings.CACHES]


def cached_page(view):
    """Serve a public GET page from the cache; cache successful renders."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        timeout = settings.PAGE_CACHE_SECONDS
        if request.method != "GET" or timeout <= 0:
            return view(request, *args, **kwargs)
        key = page_key(request)
        nearer = []
        for tier in page_caches():
            entry = tier.get(key)
            if entry is not None:
                expires, response = entry
                for near in nearer:
                    near.set(key, entry, max(1, int(expires - time.time())))
                return response
            nearer.append(tier)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render"):
                response.render()
            seconds = min(timeout, seconds_until_next_publication() or timeout)
            for tier in nearer:
                tier.set(key, (time.time() + seconds, response), seconds)
        return response

    return wrapper
