from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.generic import ListView

from .selectors import quote_search

MAX_QUERY_LENGTH = 200


class QuoteSearchView(ListView):
    """/quotes/?q=…: who said what, with a link to the release."""

    template_name = "importer/quote_search.html"
    context_object_name = "quotes"
    paginate_by = settings.ARTICLES_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.query = request.GET.get("q", "")
        if len(self.query) > MAX_QUERY_LENGTH:
            message = _("The parameter q is too long (at most %(n)d characters).") % {
                "n": MAX_QUERY_LENGTH
            }
            return HttpResponseBadRequest(
                render_to_string(
                    "importer/quote_search.html",
                    {"query": "", "error": message, "quotes": []},
                    request=request,
                )
            )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return quote_search(query=self.query)

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)
