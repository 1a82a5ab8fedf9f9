"""How often one client may do something, counted in the cache all app servers share.

A window opens with a client's first attempt and closes `window` seconds later; each
attempt inside it adds one. The count lives in the cache, so a cache that is down or
being skipped (page_cache.cache_call's breaker) lets the attempt through: what the limit
guards (readers' corrections) is also guarded by CSRF and a honeypot, and a reader's
correction is never refused because of our outage (issue 12's rule: a cache is an
optimisation, never a dependency).
"""

import hashlib

from videos.web.client_address import client_address
from videos.web.page_cache import cache_call

SHARED_CACHE = "default"


def attempt_key(request, action):
    # Hashed: an IPv6 address's colons, or a proxy's odd header, never reach a cache key.
    address = client_address(request) or "unknown"
    return f"rate:{action}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def within_limit(request, action, limit, window):
    """Count this attempt at `action` by the request's client; whether it is within
    `limit` attempts per `window` seconds. True when the cache can't count."""
    key = attempt_key(request, action)
    added = cache_call(SHARED_CACHE, "add", key, 1, window)
    if added is None or added:
        return True  # the cache can't count, or this opens a window
    try:
        count = cache_call(SHARED_CACHE, "incr", key)
    except ValueError:
        # The window closed between add() and incr(): this attempt opens the next one.
        cache_call(SHARED_CACHE, "add", key, 1, window)
        return True
    return count is None or count <= limit
