"""The editorial admin. Every write goes through ``articles.services``; this module
only scopes what each editor sees and wires buttons and bulk actions to services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.history_admin import HistoryDiffAdmin
from accounts.scope import NotFoundOutsideScopeMixin, agencies_in_scope, articles_in_scope
from agencies.models import Agency, Appointment
from reports.admin_actions import export_selected_csv, export_selected_xlsx

from . import services
from .forms import (
    ArticleAdminForm,
    CommentForm,
    ConfirmForm,
    PreloadedAutocompleteSelect,
    PreloadedChoicesForm,
    PublishForm,
    ReasonForm,
)
from .models import (
    Article,
    ArticleEvent,
    ArticleImage,
    ArticleOfficial,
    ArticleTransition,
    Event,
    EventAlias,
    EventKeyDate,
    Quote,
    Status,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class EventKeyDateInline(admin.TabularInline):
    model = EventKeyDate
    extra = 1


class EventAliasInline(admin.TabularInline):
    model = EventAlias
    extra = 1


@admin.register(EventAlias)
class EventAliasAdmin(admin.ModelAdmin):
    """Editors extend the names the importer recognises an event or campaign by."""

    list_display = ["alias", "event"]
    search_fields = ["alias", "event__name"]
    autocomplete_fields = ["event"]
    list_select_related = ["event"]


@admin.register(Event)
class EventAdmin(HistoryDiffAdmin):
    list_display = ["name", "kind", "start_date", "end_date", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__alias"]
    autocomplete_fields = ["parent", "region", "organiser"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent"]
    date_hierarchy = "start_date"
    inlines = [EventKeyDateInline, EventAliasInline]
    object_history_list_template = "admin/history_list_with_diff.html"


class PreloadedAutocompleteMixin:
    """Autocompletes labelled from the rows' joined objects: the release form does
    a fixed number of queries however many officials, events or quotes it has."""

    form = PreloadedChoicesForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ArticleOfficialInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = ArticleOfficial
    extra = 1
    autocomplete_fields = ["official", "appointment"]
    verbose_name_plural = gettext_lazy(
        "Officials named (leave the role empty: the one held on the event date is filled in)"
    )

    class Media:
        js = [
            "admin/js/vendor/jquery/jquery.min.js",
            "admin/js/jquery.init.js",
            "articles/admin/appointment_autocomplete.js",
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "official", "appointment", "appointment__official", "appointment__agency"
            )
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "appointment":
            # The chosen role is labelled with its official's name.
            kwargs["queryset"] = Appointment.objects.select_related("official")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ArticleEventInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = ArticleEvent
    extra = 1
    autocomplete_fields = ["event"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


class QuoteInline(PreloadedAutocompleteMixin, admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0
    fields = ["file", "alt", "caption", "order"]


class ArticleTransitionInline(admin.TabularInline):
    model = ArticleTransition
    extra = 0
    can_delete = False
    fields = ["at", "action", "from_status", "to_status", "by", "reason"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("Workflow log")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


def state_label(article: Article) -> str:
    label = _("Scheduled") if article.is_scheduled else article.get_status_display()
    if article.needs_review:
        label = _("%(state)s, not yet reviewed") % {"state": label}
    return label


def waiting_for_review_first(user) -> Case:
    """Sort key: what waits for *this* user's review first (others' submissions, then
    forced publications), then their own submissions waiting for someone else."""
    not_own = ~Q(submitted_by_id=user.pk) & ~Q(last_edited_by_id=user.pk)
    return Case(
        When(Q(status=Status.SUBMITTED) & not_own, then=Value(0)),
        When(Q(needs_review=True) & not_own, then=Value(1)),
        When(Q(status=Status.SUBMITTED) | Q(needs_review=True), then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


# action → (button label, form, explanation, who may see the button)
TRANSITIONS = {
    "submit": (gettext_lazy("Submit for review"), ConfirmForm, "articles.change_article"),
    "publish": (gettext_lazy("Publish or schedule"), PublishForm, "articles.publish_article"),
    "return": (gettext_lazy("Return to draft"), CommentForm, "articles.publish_article"),
    "approve": (gettext_lazy("Approve"), ConfirmForm, "articles.publish_article"),
    "withdraw": (gettext_lazy("Withdraw"), ReasonForm, "articles.publish_article"),
    "unpublish": (
        gettext_lazy("Unpublish (published in error)"),
        ReasonForm,
        "articles.publish_article",
    ),
}
BUTTONS_BY_STATUS = {
    Status.DRAFT: ["submit", "publish"],
    Status.SUBMITTED: ["publish", "return"],
    Status.PUBLISHED: ["withdraw", "unpublish"],
    Status.WITHDRAWN: ["unpublish"],
    Status.RETRACTED: [],
}


def run_transition(action: str, *, article: Article, by, data: dict) -> Article:
    """Call the service behind ``action`` with the cleaned form ``data``."""
    if action == "submit":
        return services.article_submit(article=article, by=by)
    if action == "publish":
        return services.article_publish(
            article=article,
            by=by,
            published_at=data.get("published_at"),
            force_reason=data.get("force_reason", ""),
        )
    if action == "return":
        return services.article_return_to_draft(article=article, by=by, comment=data["reason"])
    if action == "approve":
        return services.article_approve(article=article, by=by)
    if action == "withdraw":
        return services.article_withdraw(article=article, by=by, reason=data["reason"])
    if action == "unpublish":
        return services.article_unpublish_in_error(article=article, by=by, reason=data["reason"])
    raise Http404


def _bulk(action: str, description: str, *, needs_form: bool = False):
    """A changelist action that runs ``action`` row by row and reports each refusal."""

    def bulk_action(modeladmin, request, queryset):
        return modeladmin.run_bulk(request, queryset, action, needs_form=needs_form)

    bulk_action.__name__ = f"{action}_selected"
    bulk_action.short_description = description
    return bulk_action


@admin.register(Article)
class ArticleAdmin(HistoryDiffAdmin):
    form = ArticleAdminForm
    list_display = ["title", "state", "published_at", "region", "publisher", "version"]
    list_filter = [
        "status",
        "needs_review",
        ("province", admin.RelatedOnlyFieldListFilter),
        ("publisher", admin.RelatedOnlyFieldListFilter),
        ("events", admin.RelatedOnlyFieldListFilter),
        "published_at",
        "event_date",
    ]
    search_fields = ["title", "slug", "lead"]
    autocomplete_fields = ["region", "publisher", "agencies", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["region", "publisher"]
    date_hierarchy = "published_at"
    inlines = [
        ArticleEventInline,
        ArticleOfficialInline,
        QuoteInline,
        ArticleImageInline,
        ArticleTransitionInline,
    ]
    readonly_fields = [
        "status",
        "published_at",
        "withdrawn_at",
        "withdrawal_reason",
        "version",
        "created_by",
        "created_at",
        "updated_at",
    ]
    object_history_list_template = "admin/history_list_with_diff.html"
    # Other areas (exports) extend this list; keep it a plain list of callables.
    actions = [
        _bulk("submit", gettext_lazy("Submit selected releases for review")),
        _bulk("publish", gettext_lazy("Publish selected submissions now")),
        _bulk("approve", gettext_lazy("Approve selected force-published releases")),
        _bulk("return", gettext_lazy("Return selected submissions to draft…"), needs_form=True),
        _bulk("withdraw", gettext_lazy("Withdraw selected releases…"), needs_form=True),
        _bulk(
            "unpublish", gettext_lazy("Unpublish selected releases (in error)…"), needs_form=True
        ),
        "delete_drafts",
        export_selected_csv,
        export_selected_xlsx,
    ]

    # --- Scope -----------------------------------------------------------------

    def get_queryset(self, request):
        return articles_in_scope(request.user, super().get_queryset(request))

    def get_ordering(self, request):
        return [waiting_for_review_first(request.user).asc(), "-updated_at"]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and object_id is not None:
            # Out of scope or missing: the same 404, also by direct URL.
            raise Http404(_("No such press release."))
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "publisher":
            kwargs["queryset"] = agencies_in_scope(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def view_on_site(self, obj):
        # "View on site" of a release not public yet is its staff preview, not a 404.
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[obj.pk])

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:  # a new draft has no public page to note changes on
            fields = [name for name in fields if name != "change_note"]
        return fields

    def get_inline_instances(self, request, obj=None):
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if obj is not None or not isinstance(inline, ArticleTransitionInline)
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        publisher = form.base_fields.get("publisher")
        if obj is not None and publisher is not None:
            # A release in scope through its region may come from an agency outside
            # the editor's own: it stays a valid choice, so the release can be saved.
            publisher.queryset = publisher.queryset | Agency.objects.filter(pk=obj.publisher_id)
        return form

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (
            obj.status != Status.DRAFT or services.article_was_ever_published(obj)
        ):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Published releases are withdrawn, never deleted: only drafts go, one by one.
        actions.pop("delete_selected", None)
        return actions

    # --- Saving ----------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change:
            services.article_update(
                article=obj,
                by=request.user,
                expected_version=form.cleaned_data.get("expected_version"),
                change_note=form.cleaned_data.get("change_note", ""),
            )
        else:
            services.article_create(article=obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.fill_appointments(article=form.instance)

    def delete_model(self, request, obj):
        services.article_delete(article=obj, by=request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.WorkflowError as error:
            # A refusal found at save time (e.g. a concurrent save): nothing was written.
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["state_label"] = state_label(obj)
            actions = BUTTONS_BY_STATUS[obj.status]
            if obj.is_scheduled:
                actions = ["return", "unpublish"]  # not public yet: unschedule
            context["workflow_buttons"] = [
                (action, TRANSITIONS[action][0])
                for action in actions
                if request.user.has_perm(TRANSITIONS[action][2])
            ]
            if obj.needs_review and request.user.has_perm("articles.publish_article"):
                context["workflow_buttons"].append(("approve", TRANSITIONS["approve"][0]))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- List ------------------------------------------------------------------

    @admin.display(description=gettext_lazy("state"), ordering="status")
    def state(self, obj):
        return state_label(obj)

    def run_bulk(self, request, queryset, action: str, *, needs_form: bool):
        data: dict = {}
        if needs_form:
            form_class = TRANSITIONS[action][1]
            form = form_class(request.POST if "apply" in request.POST else None)
            if not form.is_valid():
                return self.transition_page(
                    request, list(queryset), action, form, action_name=f"{action}_selected"
                )
            data = form.cleaned_data
        done = 0
        for article in queryset.order_by("pk"):
            try:
                run_transition(action, article=article, by=request.user, data=data)
                done += 1
            except services.WorkflowError as error:
                self.message_user(
                    request,
                    _("“%(article)s” was not changed: %(reason)s")
                    % {"article": article, "reason": error},
                    messages.WARNING,
                )
        if done:
            self.message_user(
                request, _("%(count)d release(s) changed.") % {"count": done}, messages.SUCCESS
            )
        return None

    @admin.action(description=gettext_lazy("Delete selected drafts"))
    def delete_drafts(self, request, queryset):
        deleted = 0
        for article in queryset.order_by("pk"):
            try:
                services.article_delete(article=article, by=request.user)
                deleted += 1
            except services.WorkflowError as error:
                self.message_user(
                    request,
                    _("“%(article)s” was not deleted: %(reason)s")
                    % {"article": article, "reason": error},
                    messages.WARNING,
                )
        if deleted:
            self.message_user(request, _("%(count)d draft(s) deleted.") % {"count": deleted})

    # --- Extra pages -----------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/preview/",
                view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/transition/<slug:action>/",
                view(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            *super().get_urls(),
        ]

    def transition_page(self, request, articles, action, form, action_name=""):
        label = TRANSITIONS[action][0]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": label,
            "articles": articles,
            "form": form,
            "action_name": action_name,
            "submit_label": label,
            "explanation": _("Confirm for the releases below."),
        }
        return TemplateResponse(request, "admin/articles/article/transition.html", context)

    def transition_view(self, request, object_id, action):
        if action not in TRANSITIONS:
            raise Http404
        article = self.get_object(request, object_id)
        form_class = TRANSITIONS[action][1]
        form = form_class(request.POST) if request.method == "POST" else form_class()
        if request.method == "POST" and form.is_valid():
            try:
                run_transition(action, article=article, by=request.user, data=form.cleaned_data)
            except services.WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, _("Done: %(label)s.") % {"label": TRANSITIONS[action][0]}
                )
            return redirect("admin:articles_article_change", article.pk)
        return self.transition_page(request, [article], action, form)

    def preview_view(self, request, object_id):
        """The public page of a release in any state, for staff in scope."""
        article = self.get_object(request, object_id)
        article = (
            self.get_queryset(request)
            .select_related("region", "region__parent", "publisher")
            .prefetch_related(
                Prefetch(
                    "official_links",
                    queryset=ArticleOfficial.objects.select_related(
                        "official", "appointment", "appointment__agency"
                    ),
                ),
                "events",
                "topics",
                "agencies",
                "change_notes",
            )
            .get(pk=article.pk)
        )
        response = TemplateResponse(
            request,
            "articles/article_detail.html",
            {"article": article, "preview": True, "preview_state": state_label(article)},
        )
        response["X-Robots-Tag"] = "noindex"
        return response

    def revert(self, request, obj, history_id: int, reason: str):
        return services.article_revert(
            article=obj, by=request.user, history_id=history_id, reason=reason
        )


@admin.register(Quote)
class QuoteAdmin(NotFoundOutsideScopeMixin, admin.ModelAdmin):
    list_display = ["__str__", "speaker", "article", "date"]
    search_fields = ["text", "speaker__name", "speaker_name", "article__title"]
    autocomplete_fields = ["article", "speaker"]
    list_select_related = ["speaker", "article"]

    def get_queryset(self, request):
        in_scope = articles_in_scope(request.user).values("pk")
        return super().get_queryset(request).filter(article__in=in_scope)
