from django import template

from importer.selectors import quotes_of_official

register = template.Library()


@register.inclusion_tag("importer/_official_quotes.html")
def official_quotes(official):
    """{% official_quotes entity %} on an official's page: what they said, newest first."""
    return {"official": official, "quotes": list(quotes_of_official(official=official))}
