"""Operations middleware. Order in settings.MIDDLEWARE matters (see base.py):

1. ``RequestIdMiddleware`` first: a request id on every log line and response (probes
   included), slow-query timing.
2. ``HealthProbeMiddleware``: probes are answered before host validation, the HTTPS
   redirect and sessions, so a load balancer can probe a server by its IP over HTTP.
3. ``ReadRoutingMiddleware``: tells the database router whether this request may read
   from a replica.
"""

import re
import uuid
from contextlib import ExitStack

from django.conf import settings
from django.db import connections
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

from . import context
from .health import PROBES
from .slow_queries import SlowQueryLogger

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy-supplied id is kept only if it is short and harmless to write in logs.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class HealthProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)


class RejectNulMiddleware:
    """400 for a NUL byte in the path. PostgreSQL text cannot hold one, so any view that
    looks a path parameter up (``/regions/<str:code>/``…) would otherwise fail with a
    server error; no real URL of the site contains one. (Query parameters go through
    forms and filters, whose fields already refuse NUL with a 400 naming the parameter.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            return HttpResponseBadRequest(
                _("The address contains a NUL character."), content_type="text/plain"
            )
        return self.get_response(request)


def request_id_from(request) -> str:
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    if VALID_REQUEST_ID.match(offered):
        return offered
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request)
        token = context.request_id.set(request.request_id)
        try:
            with ExitStack() as stack:
                for alias in connections:
                    stack.enter_context(connections[alias].execute_wrapper(SlowQueryLogger(alias)))
                response = self.get_response(request)
        finally:
            context.request_id.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


def admin_prefix() -> str:
    return "/" + settings.ADMIN_URL


class ReadRoutingMiddleware:
    """Public reads may go to a replica; a client that has just written reads from the
    primary for ``REPLICA_LAG_SECONDS`` (a cookie), so it always sees its own write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wrote = request.method not in SAFE_METHODS
        may_use_replica = (
            not wrote
            and settings.RECENT_WRITE_COOKIE not in request.COOKIES
            and not request.path_info.startswith(admin_prefix())
        )
        token = context.replica_reads_allowed.set(may_use_replica)
        try:
            response = self.get_response(request)
        finally:
            context.replica_reads_allowed.reset(token)
        if wrote and response.status_code < 400:
            response.set_cookie(
                settings.RECENT_WRITE_COOKIE,
                "1",
                max_age=settings.REPLICA_LAG_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
