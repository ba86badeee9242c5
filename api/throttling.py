"""Limits for anonymous clients: a per-minute burst and a per-day allowance.

The rates are read from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` on every
request (DRF's own classes read them once, at import), so an operator can
change them in settings and a test can override them.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class _SettingsRateThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonBurstRateThrottle(_SettingsRateThrottle):
    scope = "anon_burst"


class AnonSustainedRateThrottle(_SettingsRateThrottle):
    scope = "anon_sustained"
