"""Public pages cached whole, and never stale.

Every cache key carries the archive's version, a number in the database that changes with
any editor's change, in the same transaction (see videos/signals.py), so a change makes every earlier entry
unreachable at once, in every worker, instead of hunting down the pages it touched. Reading
it costs one primary-key query per request. An entry also expires no later than the next
scheduled publication, which changes what visitors see without anyone saving anything.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Min, Value
from django.db.models.functions import Greatest
from django.utils import timezone


def archive_version():
    from .models import ArchiveState

    version = (
        ArchiveState.objects.filter(pk=1).values_list("version", flat=True).first()
    )
    return 1 if version is None else version


def bump_archive_version(using="default"):
    """Give the archive a version it has never had, inside the caller's transaction.

    Inside: the new version commits (or rolls back) together with the change, so no reader
    ever sees one without the other. Never had: the clock in microseconds, or one more than
    now if that is larger — a counter alone would hand the same number out again after a
    rolled-back change, and a process that had already seen it would keep what it built.
    """
    from .models import ArchiveState

    fresh = Greatest(F("version") + 1, Value(time.time_ns() // 1000))
    if not ArchiveState.objects.using(using).filter(pk=1).update(version=fresh):
        ArchiveState.objects.using(using).get_or_create(
            pk=1, defaults={"version": time.time_ns() // 1000}
        )


def page_key(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page:{archive_version()}:{digest}"


def seconds_until_next_publication():
    from .models import Video

    upcoming = Video.objects.filter(
        status=Video.Status.PUBLISHED, published_at__gt=timezone.now()
    ).aggregate(next=Min("published_at"))["next"]
    if upcoming is None:
        return None
    return max(1, int((upcoming - timezone.now()).total_seconds()) + 1)


def cached_page(view):
    """Serve a public GET page from the cache; cache successful renders."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        timeout = settings.PAGE_CACHE_SECONDS
        if request.method != "GET" or timeout <= 0:
            return view(request, *args, **kwargs)
        key = page_key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render"):
                response.render()
            upcoming = seconds_until_next_publication()
            cache.set(key, response, min(timeout, upcoming or timeout))
        return response

    return wrapper
