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
