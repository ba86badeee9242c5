from django.urls import path

from . import health

app_name = "ops"

# Also answered by HealthProbeMiddleware before host checks; listed here so that
# reverse() and the URL resolver know them.
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
