"""Admin widgets that survive whatever a browser or a crafted request sends them."""

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
    pass


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


class RowAutocompleteSelect(SafeAutocompleteSelect):
    """An autocomplete in a table row. Django's draws the row's chosen option with a query of its
    own, once per row; this one takes the option's words from `chosen_labels` where its formset
    has read them for every row at once (name_chosen_rows_at_once), and asks where it has not."""

    chosen_labels = None  # {str(key): label}

    def optgroups(self, name, value, attr=None):
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.chosen_labels is None or not chosen <= self.chosen_labels.keys():
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for key in sorted(chosen):
            options.append(
                self.create_option(name, key, self.chosen_labels[key], chosen, len(options))
            )
        return [(None, options, 0)]


def name_chosen_rows_at_once(rows):
    """Read what each row's autocompletes have chosen in one query a column, not one a row."""
    if not rows:
        return
    for name, field in rows[0].fields.items():
        widget = rendered_widget(field)
        if not isinstance(widget, RowAutocompleteSelect):
            continue
        key_field = _key_field(widget.field)
        chosen = (row[name].value() for row in rows)
        keys = {key for key in chosen if key not in field.empty_values and _is_key(key_field, key)}
        labels = {
            str(getattr(obj, key_field.attname)): field.label_from_instance(obj)
            for obj in field.queryset.filter(**{f"{key_field.attname}__in": keys})
        }
        for row in rows:
            rendered_widget(row.fields[name]).chosen_labels = labels
