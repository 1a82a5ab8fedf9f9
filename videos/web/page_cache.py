"""Public pages cached whole, and never stale.

Every cache key carries the archive's version, a number in the database that changes with
any editor's change, in the same transaction (videos/models/versions.py), so a change makes
every earlier entry unreachable at once, in every worker, instead of hunting down the pages
it touched. Reading it costs one primary-key query per request. An entry also expires no
later than the next scheduled publication, which changes what visitors see without anyone
saving anything. With Redis, each process keeps its own copies in front of it.

A cache is an optimisation, never a dependency (issue 12): Redis refusing, timing out or
frozen costs a request at most its socket timeouts (archive/settings.py), then a breaker
skips that cache for CACHE_RETRY_SECONDS and pages render uncached; the first request
after that tries it again, so Redis coming back is picked up without a restart. And when
the database can't say the version, a URL's last good copy is served if a cache has one.
"""

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.db.models import Min
from django.utils import timezone
from redis.exceptions import RedisError

from videos.models.versions import current_version

logger = logging.getLogger(__name__)
# What a failing cache raises: redis-py's own errors, and the socket's.
CACHE_ERRORS = (RedisError, OSError)
# What a database that can't be reached raises (psycopg's and sqlite3's, as Django wraps
# them); a bug such as a ProgrammingError is not an outage and stays a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# alias -> time.monotonic() until which that cache is skipped
_skipped_until = {}


def version_for(request):
    """The archive's version as this request first read it: one query per request, shared
    by the page cache's key and the facet index."""
    if not hasattr(request, "archive_version"):
        request.archive_version = current_version()
    return request.archive_version


def page_key(request):
    """One version's page at one absolute address: scheme and host are part of it, as in
    Django's own cache_page, because pages carry absolute links (canonical, JSON `url`)."""
    return f"page:{version_for(request)}:{address_digest(request)}"


def last_good_key(request):
    """Where the latest page rendered at this address is kept, whatever its version: what
    is served while the database can't say which version is current."""
    return f"page:last:{address_digest(request)}"


def address_digest(request):
    address = request.build_absolute_uri(request.get_full_path())
    return hashlib.sha256(address.encode()).hexdigest()[:32]


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
    return [alias for alias in ("local", "default") if alias in settings.CACHES]


def cache_call(alias, method, *args):
    """`caches[alias].method(*args)`, or None when that cache fails or is being skipped
    after a failure: the page is then rendered (or left) uncached."""
    if time.monotonic() < _skipped_until.get(alias, 0):
        return None
    try:
        return getattr(caches[alias], method)(*args)
    except CACHE_ERRORS as error:
        _skipped_until[alias] = time.monotonic() + settings.CACHE_RETRY_SECONDS
        logger.warning(
            "The %r cache failed (%s: %s); pages skip it for %s s and render uncached.",
            alias,
            type(error).__name__,
            error,
            settings.CACHE_RETRY_SECONDS,
        )
        return None


CACHED_STATUSES = {200, 400, 404}


def cached_page(view):
    """Serve a public GET page from the cache; cache successful renders. While the
    database is down, serve the address's last good copy, or let the outage through."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or settings.PAGE_CACHE_SECONDS <= 0:
            return view(request, *args, **kwargs)
        try:
            return cached_or_rendered(request, view, args, kwargs)
        except DATABASE_UNAVAILABLE:
            response = last_good_copy(request)
            if response is None:
                raise  # answered with a 503 by videos/web/outage.py
            return response

    return wrapper


def cached_or_rendered(request, view, args, kwargs):
    key = page_key(request)
    nearer = []
    for alias in page_caches():
        entry = cache_call(alias, "get", key)
        # A copy is good until the next scheduled publication, whatever the cache's own
        # expiry (Redis rounds it to whole seconds).
        if entry is not None and entry[0] > time.time():
            expires, response = entry
            for near in nearer:
                cache_call(near, "set", key, entry, max(1, int(expires - time.time())))
            return response
        nearer.append(alias)
    response = view(request, *args, **kwargs)
    # A 400 or 404 costs a render too, and is as stable as a page for one version.
    if response.status_code in CACHED_STATUSES and not response.streaming:
        if hasattr(response, "render"):
            response.render()
        timeout = settings.PAGE_CACHE_SECONDS
        seconds = min(timeout, seconds_until_next_publication() or timeout)
        entry = (time.time() + seconds, response)
        for alias in nearer:
            cache_call(alias, "set", key, entry, seconds)
        if response.status_code == 200:
            keep_last_good(request, entry)
    return response


def keep_last_good(request, entry):
    """Keep the page as this address's last good copy, in the cache all app servers share
    (one copy per address, kept for PAGE_CACHE_STALE_SECONDS)."""
    shared = page_caches()[-1]
    cache_call(
        shared, "set", last_good_key(request), entry, settings.PAGE_CACHE_STALE_SECONDS
    )


def last_good_copy(request):
    """The last page rendered at this address, if a cache still has it."""
    shared = page_caches()[-1]
    entry = cache_call(shared, "get", last_good_key(request))
    if entry is None:
        return None
    logger.warning(
        "The database is unreachable; serving the last good %s", request.path
    )
    return entry[1]
