"""Admin forms of the editorial workflow. Checks live in ``articles.services``;
the forms only turn their refusals into form errors."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from .html import images_without_alt
from .services import StaleEditError, article_check_version


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An admin autocomplete that labels its selected value from an object already
    loaded with the row (``preloaded``), instead of one query per row."""

    preloaded: dict | None = None

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        known = self.preloaded or {}
        if not selected or not selected <= set(known):
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        if not self.is_required:
            default[1].append(self.create_option(name, "", "", False, 0))
        for key in sorted(selected):
            label = self.choices.field.label_from_instance(known[key])
            default[1].append(self.create_option(name, key, label, selected, len(default[1])))
        return [default]


class PreloadedChoicesForm(forms.ModelForm):
    """Inline rows hand their already-joined related objects to their autocompletes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin wrapper
            if not isinstance(widget, PreloadedAutocompleteSelect):
                continue
            model_field = self.instance._meta.get_field(name)
            if model_field.is_cached(self.instance):
                related = getattr(self.instance, name)
                if related is not None:
                    widget.preloaded = {str(related.pk): related}


class ArticleAdminForm(forms.ModelForm):
    """The release form; ``ArticleAdmin`` supplies the model and fields."""

    # The version the editor started from; a save based on an older one is refused.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_note = forms.CharField(
        label=_("Public change note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_('Shown as "Updated …" on the page of a published release edited in substance.'),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # Made from the title and made unique (-2, -3…) on save by the service.
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Made from the title; a number is added if taken.")
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        missing = images_without_alt(body)
        if missing:
            raise forms.ValidationError(
                _(
                    "Every image in the body needs alternative text (alt) describing it; "
                    "%(count)d image(s) have none."
                ),
                code="image_without_alt",
                params={"count": missing},
            )
        return body

    def validate_unique(self):
        exclude = self._get_validation_exclusions()
        exclude.add("slug")
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)

    def clean(self):
        cleaned = super().clean()
        expected = cleaned.get("expected_version")
        if self.instance.pk and expected is not None:
            try:
                article_check_version(article=self.instance, expected_version=expected)
            except StaleEditError as error:
                changes = format_html_join(
                    "", "<li>{}: {} → {}</li>", ((c.label, c.old, c.new) for c in error.changes)
                )
                raise forms.ValidationError(
                    format_html_join("", "{}<ul>{}</ul>", [(str(error), changes)])
                ) from error
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Comment for the author"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PublishForm(forms.Form):
    published_at = forms.SplitDateTimeField(
        label=_("Publish at"),
        required=False,
        # The browser's own date and time pickers: keyboard-friendly, no script.
        widget=forms.SplitDateTimeWidget(
            date_attrs={"type": "date"},
            time_attrs={"type": "time"},
            date_format="%Y-%m-%d",
            time_format="%H:%M",
        ),
        help_text=_("Leave empty to publish now; a future time schedules the release."),
    )
    force_reason = forms.CharField(
        label=_("Reason to publish without a second review"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Administrators only; the release stays flagged until someone approves it."),
    )


class ConfirmForm(forms.Form):
    pass
