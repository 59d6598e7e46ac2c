"""Admin widgets that survive whatever a browser or a crafted request sends them."""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class _ValidChoicesOnly:
    """Django's autocomplete looks up the submitted values to show them as chosen, and a value
    that is not a key at all ('abc' for a numeric id) makes that look-up fail before the form
    can say what is wrong. Only values the key field accepts are looked up; the field itself
    still refuses the rest with its usual message."""

    def optgroups(self, name, value, attr=None):
        key_field = self.field.remote_field.model._meta.get_field(
            getattr(self.field.remote_field, "field_name", None)
            or self.field.remote_field.model._meta.pk.name
        )
        return super().optgroups(name, [v for v in value if _is_key(key_field, v)], attr)


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
