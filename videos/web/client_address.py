"""The client's address as the proxies we trust saw it, for django-axes' lockout.

Each proxy appends the address that connected to it to X-Forwarded-For, so behind
TRUSTED_PROXY_COUNT proxies the client is that many entries from the right (the last
proxy itself is REMOTE_ADDR). Entries further left were written by the client and are
never read: reading the leftmost would let anyone pick the address to lock out.
"""

from django.conf import settings


def client_address(request):
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < trusted:
        # Fewer hops than proxies: the request didn't come through all of them.
        return request.META.get("REMOTE_ADDR")
    return hops[-trusted]
