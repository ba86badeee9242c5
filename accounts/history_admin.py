"""History in the admin for anything with simple-history: a readable diff between
versions and a revert that is itself a recorded change.

Used by the admins of releases, events, agencies, officials and appointments:
``<id>/history/`` lists the versions with who/when/why, ``<id>/versions/<history_id>/``
shows that version against the one before it, field by field (long text as a
line diff), and ``<id>/versions/<history_id>/revert/`` (POST, with a reason)
restores it through ``articles.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from articles.services import WorkflowError, history_diff, history_revert


class HistoryDiffAdmin(SimpleHistoryAdmin):
    version_template = "admin/history_version.html"
    object_history_list_template = "admin/history_list_with_diff.html"
    # A website or source typed without a scheme is taken as https (Django 6's default;
    # saying so now keeps 5.2 from warning and the behaviour from changing on upgrade).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/versions/<int:history_id>/",
                view(self.version_view),
                name="{}_{}_version".format(*info),
            ),
            path(
                "<path:object_id>/versions/<int:history_id>/revert/",
                view(self.revert_view),
                name="{}_{}_revert".format(*info),
            ),
            *super().get_urls(),
        ]

    def get_history_object(self, request, object_id):
        """The object, within what this user may see, or 404."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        return obj

    # simple-history's own revert saves an old form without a reason and, for
    # releases, around the workflow: the revert below replaces it.
    def revert_disabled(self, request, obj=None):
        return True

    def history_view(self, request, object_id, extra_context=None):
        # simple-history falls back to the history of rows it cannot find: scope first.
        self.get_history_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # The list links each version to its diff page (history_list_with_diff.html)
        # instead of showing simple-history's deltas: computing them would cost
        # queries per version (per relation, for releases) for nothing shown.
        return None

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history's read-only form of a version would show today's relations
        # (topics, events…) beside that version's fields, and offers its own revert: the
        # version page below shows the version as recorded, relations included.
        obj = self.get_history_object(request, object_id)  # 404 outside the editor's scope
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        if not obj.history.filter(history_id=version_id).exists():
            raise Http404
        info = self.opts.app_label, self.opts.model_name
        return redirect(
            reverse("admin:{}_{}_version".format(*info), args=[obj.pk, version_id]),
            permanent=False,
        )

    def version_view(self, request, object_id, history_id):
        obj = self.get_history_object(request, object_id)
        record = obj.history.filter(history_id=history_id).first()
        if record is None:
            raise Http404
        previous = record.prev_record
        changes = history_diff(old=previous, new=record) if previous is not None else []
        revert_url = ""
        if self.has_change_permission(request, obj):
            info = self.opts.app_label, self.opts.model_name
            revert_url = reverse(
                "admin:{}_{}_revert".format(*info),
                args=[obj.pk, record.history_id],
                current_app=self.admin_site.name,
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "record": record,
            "previous": previous,
            "changes": changes,
            "revert_url": revert_url,
            "title": _("Changes in this version of %(object)s") % {"object": obj},
        }
        return TemplateResponse(request, self.version_template, context)

    def revert(self, request, obj, history_id: int, reason: str):
        """Restore version ``history_id``; the article admin goes through its workflow."""
        return history_revert(obj=obj, by=request.user, history_id=history_id, reason=reason)

    def revert_view(self, request, object_id, history_id):
        obj = self.get_history_object(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        info = self.opts.app_label, self.opts.model_name
        try:
            self.revert(request, obj, history_id, request.POST.get("reason", ""))
        except WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:{}_{}_version".format(*info), obj.pk, history_id)
        self.message_user(request, _("Reverted; the revert is recorded as a new version."))
        return redirect("admin:{}_{}_change".format(*info), obj.pk)
