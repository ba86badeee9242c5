"""A readable diff between two versions of anything with simple-history, in the admin.

Used by the admins of releases, events, agencies, officials and appointments:
``<id>/versions/`` lists the versions with who/when/why, ``<id>/versions/<history_id>/``
shows that version against the one before it, field by field (long text as a
line diff).
"""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from articles.services import history_diff


class HistoryDiffAdmin(SimpleHistoryAdmin):
    version_template = "admin/history_version.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/versions/<int:history_id>/",
                self.admin_site.admin_view(self.version_view),
                name="{}_{}_version".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_history_object(self, request, object_id):
        """The object, within what this user may see, or 404."""
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        return obj

    def version_context(self, request, obj, record) -> dict:
        return {}

    def version_view(self, request, object_id, history_id):
        obj = self.get_history_object(request, object_id)
        record = obj.history.filter(history_id=history_id).first()
        if record is None:
            raise Http404
        previous = record.prev_record
        changes = history_diff(old=previous, new=record) if previous is not None else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "record": record,
            "previous": previous,
            "changes": changes,
            "title": _("Changes in this version of %(object)s") % {"object": obj},
            **self.version_context(request, obj, record),
        }
        return TemplateResponse(request, self.version_template, context)
