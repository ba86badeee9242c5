"""Driving the admin like a browser does: read the form, change fields, post it back."""

from __future__ import annotations

import datetime

from django.urls import reverse


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def transition_url(article, action: str) -> str:
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def form_data(response) -> dict:
    """The POST data the admin change form in ``response`` would submit unchanged."""
    data: dict = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = _plain(form[name].value())
        if value != "" and value != []:
            data[form.add_prefix(name)] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = _plain(management[name].value())
        for subform in formset.forms:
            for name in subform.fields:
                value = _plain(subform[name].value())
                if value != "" and value != []:
                    data[subform.add_prefix(name)] = value
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []
