"""Choices that say what they are. An admin whose rows are chosen elsewhere (an objective for a
progress update, an indicator for a measurement) may define:

- `choice_label(obj)`: the text of the choice, naming where the row sits ("Ready for school —
  Start well · Children's plan 2024-27"), used in autocomplete results and for the chosen value;
- `choice_queryset(queryset, *, show_archived)`: the rows to offer (what to load for the label,
  and leaving out the parts of archived strategies unless the officer asks for them).

An officer asks for archived strategies' rows by typing the word "archived" in the search."""

import re

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView

ASK_FOR_ARCHIVED = re.compile(r"\barchived\b", re.IGNORECASE)


def wants_archived(term):
    """(whether the search asks for archived rows, the search without that word)."""
    asked = bool(ASK_FOR_ARCHIVED.search(term or ""))
    return asked, " ".join(ASK_FOR_ARCHIVED.sub(" ", term or "").split())


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        self.show_archived, term = wants_archived(term)
        return term, model_admin, source_field, to_field_name

    def get_queryset(self):
        queryset = super().get_queryset()
        narrow = getattr(self.model_admin, "choice_queryset", None)
        return narrow(queryset, show_archived=self.show_archived) if narrow else queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "choice_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


def autocomplete_view(request):
    return LabelledAutocompleteJsonView.as_view(admin_site=admin.site)(request)


def loaded_for_labels(admin_site, queryset):
    """The rows a form's choice is made from, with what their labels read loaded alongside:
    `choice_queryset` with archived strategies' rows kept, since a choice already made must
    stay valid. Without it a table of chosen objectives read each one's aim and strategy."""
    model = queryset.model
    if not admin_site.is_registered(model):
        return queryset
    narrow = getattr(admin_site.get_model_admin(model), "choice_queryset", None)
    return narrow(queryset, show_archived=True) if narrow else queryset


def labelled_formfield(admin_site, db_field, formfield):
    """Give a foreign-key field the chosen model's labels, where its admin defines them."""
    model = db_field.remote_field.model
    if formfield is None or not admin_site.is_registered(model):
        return formfield
    label = getattr(admin_site.get_model_admin(model), "choice_label", None)
    if label is not None:
        formfield.label_from_instance = label
    return formfield
