"""Admin widgets that survive whatever a browser or a crafted request sends them."""

import functools

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class _ValidChoicesOnly:
    """Django's autocomplete looks up the submitted values to show them as chosen, and a value
    that is not a key at all ('abc' for a numeric id) makes that look-up fail before the form
    can say what is wrong. Only values the key field accepts are looked up; the field itself
    still refuses the rest with its usual message."""

    def optgroups(self, name, value, attr=None):
        key_field = _key_field(self.field)
        return super().optgroups(name, [v for v in value if _is_key(key_field, v)], attr)


def _key_field(db_field):
    """The field of the related model that a foreign key stores."""
    related = db_field.remote_field.model._meta
    return related.get_field(getattr(db_field.remote_field, "field_name", None) or related.pk.name)


def _is_key(key_field, value):
    try:
        key_field.clean(value, None)
    except (ValidationError, TypeError, ValueError, OverflowError):
        return False
    return True


class SafeAutocompleteSelect(_ValidChoicesOnly, AutocompleteSelect):
    """Django draws the chosen option with a query of its own, once per select: in a table of
    rows, once per row. A formset gives its rows' selects `read_column_labels`, which reads the
    whole column's chosen options at once (preload_chosen_labels); a value that reading did not
    find, or a select no formset prepared, is looked up as Django does."""

    read_column_labels = None  # () -> {str(key): label}, read on the first call only

    def optgroups(self, name, value, attr=None):
        if self.read_column_labels is None:
            return super().optgroups(name, value, attr)
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        labels = self.read_column_labels()
        if not chosen <= labels.keys():
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for key in sorted(chosen):
            options.append(self.create_option(name, key, labels[key], chosen, len(options)))
        return [(None, options, 0)]


class SafeAutocompleteSelectMultiple(_ValidChoicesOnly, AutocompleteSelectMultiple):
    pass


def rendered_widget(field):
    """The widget that writes the field's HTML. The admin wraps a related field's widget in
    RelatedFieldWidgetWrapper, whose own attrs are the form class's, shared by every row (its
    copy keeps the original's), while it renders the inner widget with the inner one's attrs."""
    widget = field.widget
    while hasattr(widget, "widget"):
        widget = widget.widget
    return widget


def make_autocomplete_safe(form_field):
    """Swap Django's autocomplete widget for the safe one, inside its related-field wrapper."""
    if form_field is None:
        return form_field
    holder = getattr(form_field.widget, "widget", None) and form_field.widget
    widget = holder.widget if holder else form_field.widget
    for unsafe, safe in (
        (AutocompleteSelectMultiple, SafeAutocompleteSelectMultiple),
        (AutocompleteSelect, SafeAutocompleteSelect),
    ):
        if type(widget) is unsafe:
            widget.__class__ = safe
            break
    return form_field


def preload_chosen_labels(rows):
    """Let each row's autocompletes find what they have chosen in one query a column, not one a
    row, run when a row is first drawn: a form that is saved and redirected draws none. Each row's
    field is a copy of the form class's, so a column's rows all choose from the same queryset."""
    if not rows:
        return
    for name, field in rows[0].fields.items():
        widget = rendered_widget(field)
        if isinstance(widget, SafeAutocompleteSelect):
            read = functools.cache(functools.partial(_column_labels, rows, name, field, widget))
            for row in rows:
                rendered_widget(row.fields[name]).read_column_labels = read


def _column_labels(rows, name, field, widget):
    key_field = _key_field(widget.field)
    chosen = (row[name].value() for row in rows)
    keys = {key for key in chosen if key not in field.empty_values and _is_key(key_field, key)}
    found = field.queryset.using(widget.db).filter(**{f"{key_field.attname}__in": keys})
    return {str(getattr(obj, key_field.attname)): field.label_from_instance(obj) for obj in found}
