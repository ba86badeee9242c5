"""Template filters shared by every public page."""

from django import template
from django.template.defaultfilters import date as date_filter

register = template.Library()

# "Jumat, 21 Juli 2023" in Indonesian, "Friday, 21 July 2023" in English.
LONG_DATE_FORMAT = "l, j F Y"


@register.filter
def long_date(value):
    """A date (or a datetime in Asia/Jakarta) written out with its weekday."""
    return date_filter(value, LONG_DATE_FORMAT) if value else ""
