"""The base of every tabular inline in the admin. Django's tabular rows carry no label of their
own (the column heading is the only one, and a screen reader in a row does not hear it), so each
field of each row is named by its column and its row: "Title, aim 2", "Delete, new objective"."""

import functools

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin
from django.utils.functional import cached_property

from .admin_widgets import preload_chosen_labels, rendered_widget


class LabelledTabularInline(admin.TabularInline):
    #: The relations a row reads to show its title (its __str__, above its fields) or a
    #: read-only field: joined in the one query for all the rows, not fetched for each row.
    #: Never the parent: each row is handed the one the page has (get_queryset below).
    row_related: tuple[str, ...] = ()
    #: Whether each field is named by its column and row. A page that stacks the rows, each
    #: field with its own visible label in a fieldset naming the row, turns it off: the name
    #: would hide that label.
    names_fields_by_row = True

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.row_related:
            queryset = queryset.select_related(*self.row_related)
        return queryset

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        noun = self.model._meta.verbose_name
        names_fields_by_row = self.names_fields_by_row
        for name, field in formset.form.base_fields.items():
            # The parent's own field is swapped for a hidden one in every row: never drawn.
            if name != formset.fk.name:
                _choices_read_once(field)

        class LabelledFormSet(formset):
            @cached_property
            def forms(self):
                rows = super().forms
                preload_chosen_labels(rows)
                return rows

            @cached_property
            def empty_form(self):
                # Django builds a new blank row each time it is asked for one, and the admin
                # asks six times a page (template, media, the "Add another" data).
                return super().empty_form

            def get_queryset(self):
                # Django gives each saved row only its parent's id: a row whose form or title
                # reads its parent would fetch it again, once per row. Hand each the one we have.
                if not hasattr(self, "_queryset"):
                    for row in super().get_queryset():
                        setattr(row, self.fk.name, self.instance)
                return self._queryset

            def add_fields(self, form, index):
                # Called for every row, the blank row "Add another" copies included (index None),
                # after the delete box is added, so every field in the row is named.
                super().add_fields(form, index)
                if not names_fields_by_row:
                    return
                if index is not None and index < self.initial_form_count():
                    row = f"{noun} {index + 1}"
                else:
                    row = f"new {noun}"
                for field in form.fields.values():
                    if not field.widget.is_hidden:
                        label_widget(field, f"{field.label}, {row}")

        return LabelledFormSet


def label_widget(field, label):
    """Name this row's field and no other: a new dict, never one shared with other rows."""
    widget = rendered_widget(field)
    widget.attrs = {**widget.attrs, "aria-label": label}


def _choices_read_once(field):
    """A select's choices, read when a row is first drawn and shared by every row's copy of the
    field. Django's model choices are a query each time a row's select is drawn, so a table of
    co-owning councils read every council once per row. Read lazily: the admin builds a form
    class more than once a page (once only to learn its fields), and a save that redirects
    draws nothing. An autocomplete draws only the chosen row: left alone."""
    widget = rendered_widget(field)
    drawn_whole = isinstance(widget, forms.widgets.ChoiceWidget) and not isinstance(
        widget, AutocompleteMixin
    )
    if isinstance(field, forms.ModelChoiceField) and drawn_whole:
        choices = field.choices
        # On the field, not only its widget: each row's copy of the field sets its widget's
        # choices again from the field's; a callable is kept as it is through those copies.
        # iter() first: list() of the choices themselves would count the rows, a query more.
        field.choices = functools.cache(lambda: list(iter(choices)))
