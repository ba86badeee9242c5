from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.scope import agencies_in_scope
from agencies.models import Agency

from .services import ALLOWED_SUFFIXES

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Files (.txt or .html)"),
        required=False,
        help_text=_("One release per file."),
    )
    text = forms.CharField(
        label=_("Or paste the text of one release"),
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100}),
        required=False,
        max_length=200_000,
    )
    publisher = forms.ModelChoiceField(
        label=_("Publishing agency"),
        queryset=Agency.objects.order_by("name"),
        required=False,
        help_text=_(
            "Leave empty to let the importer recognise it. You can import only for "
            "your own offices and regions."
        ),
    )
    context_year = forms.IntegerField(
        label=_("Year, for dates written without one"),
        required=False,
        min_value=1945,
        max_value=2100,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            # An editor names only agencies of their own offices as the publisher.
            self.fields["publisher"].queryset = agencies_in_scope(
                user, Agency.objects.order_by("name")
            )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise ValidationError(_("At most %(n)d files at a time.") % {"n": MAX_FILES})
        texts = []
        limit = settings.IMPORTER_MAX_UPLOAD_BYTES
        for upload in files:
            name = upload.name or ""
            if not name.lower().endswith(ALLOWED_SUFFIXES):
                raise ValidationError(
                    _("%(name)s: only .txt and .html files can be imported.") % {"name": name}
                )
            if upload.size > limit:
                raise ValidationError(
                    _("%(name)s is too large (at most %(kb)d KB).")
                    % {"name": name, "kb": limit // 1024}
                )
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                text = "\x00"
            if "\x00" in text:  # UTF-16 without a byte-order mark decodes, with NULs
                raise ValidationError(
                    _("%(name)s is not UTF-8 text; save it as UTF-8 and try again.")
                    % {"name": name}
                )
            texts.append((name, text))
        return texts

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("files") and not cleaned.get("text", "").strip():
            raise ValidationError(_("Upload at least one file or paste a release."))
        return cleaned

    def releases(self) -> list[tuple[str, str]]:
        """(file name, text) for every release submitted."""
        releases = list(self.cleaned_data["files"])
        if self.cleaned_data.get("text", "").strip():
            releases.append((_("pasted text"), self.cleaned_data["text"]))
        return releases
