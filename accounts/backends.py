"""Login throttling."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes for every login that comes with a request.

    Every login form and API authentication passes the request. Calls without one
    (``Client.login`` in tests, ``authenticate()`` in a management command) cannot
    be attributed to an IP address, so they are not throttled instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str:
    """The address a login attempt came from, for django-axes.

    Behind ``LOGIN_THROTTLE_PROXY_COUNT`` trusted reverse proxies, each appending to
    ``X-Forwarded-For``, the client is that many entries from the right; entries
    further left are whatever the client sent and are not trusted. Without proxies
    (the default) it is ``REMOTE_ADDR``. Otherwise every login would seem to come from
    the proxy, and five wrong passwords would lock an editor out for everyone.
    """
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "LOGIN_THROTTLE_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote
