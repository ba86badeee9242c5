from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Newsroom in production: health probes, request ids, JSON logs,
    slow-query logging, the primary/replica router and the shared-cache helpers."""

    name = "ops"
    verbose_name = "Operations"
