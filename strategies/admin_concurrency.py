"""Conflict detection for the admin's versioned records (strategies, objectives, progress
updates).

The form carries the record's `version` as a hidden field. If someone else saved the record
after the form was opened, the form is refused with a clear message, the officer's typed text
stays in it, and the other person's save stands. `VersionedModel.save` checks again under a row
lock, so two saves that pass form validation at the same moment still cannot both win: the loser
gets the same message rather than an error page."""

import copy

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from councils.parsing import parse_small_number

from .concurrency import StaleEditError

CONFLICT_MESSAGE = (
    "Someone else saved changes to this {name} after you opened it, so your changes have not "
    "been saved. Your changes are still in the form below. Open the {name}’s history in a new "
    "tab to see what they changed. Then either save again to replace their changes with yours, "
    "or reload the page to start again from their version."
)


class VersionedAdminForm(forms.ModelForm):
    """Use as the `form` of any ModelAdmin or inline for a `VersionedModel`."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    #: The live record's version when reverting to a historical copy: the form must be checked
    #: against the record as it is now, not as it was then.
    base_version = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.base_version is not None:
            self.initial["version"] = self.base_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or "version" not in cleaned:
            return cleaned
        model = type(self.instance)
        current = (
            model._base_manager.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is not None and current != cleaned["version"]:
            self.add_error(None, self.conflict_message())
            # Offer the current version, so saving this form again is a deliberate choice to
            # replace the other person's changes rather than the same conflict again.
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = str(current)
        return cleaned

    def conflict_message(self):
        return CONFLICT_MESSAGE.format(name=self.instance._meta.verbose_name)


class VersionedAdminMixin:
    """For a ModelAdmin whose own model, or an inline's, is versioned (give those a
    `VersionedAdminForm`). Turns a `StaleEditError` from the final save into the form's conflict
    message instead of an error page.

    It also catches the record being locked while the form was open (a progress update signed
    off by the board): the save is refused, but with the form shown again, read-only, and a
    message holding what the officer typed, rather than a bare 403 that loses it."""

    #: Errors from the final save that mean someone else got there first. An admin adds its
    #: model's own (a sign-off landing between the form's checks and the save).
    overtaken_errors: tuple[type[Exception], ...] = (StaleEditError,)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        current = getattr(request, "_history_current", None)
        if current is not None and issubclass(form, VersionedAdminForm):
            form.base_version = current.version
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return self._changeform_unless_locked(request, object_id, form_url, extra_context)
        except self.overtaken_errors:
            # The save lost a race after its form was checked. The transaction has been rolled
            # back; showing the same form again now meets the version check (or the lock) with
            # the winner's save in place, so the officer sees why beside their own text.
            return self._retry_after_conflict(
                request,
                lambda: self._changeform_unless_locked(request, object_id, form_url, extra_context),
            )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except self.overtaken_errors:
            return self._retry_after_conflict(
                request,
                lambda: super(VersionedAdminMixin, self).history_form_view(
                    request, object_id, version_id, extra_context
                ),
            )

    def _retry_after_conflict(self, request, view):
        try:
            return view()
        except self.overtaken_errors as error:
            self.message_user(
                request,
                f"{error} Your changes have not been saved: please try again.",
                messages.ERROR,
            )
            return self.response_post_save_change(request, None)

    # --- a record locked while its form was open -------------------------------------------

    def locked_while_editing_message(self, request, obj, refusal):
        """What to tell an officer whose form was opened before the record was locked."""
        name = obj._meta.verbose_name
        return (
            f"This {name} was locked while you were editing it, so your changes have not been "
            f"saved. {refusal}"
        )

    def _changeform_unless_locked(self, request, object_id, form_url, extra_context):
        if request.method == "POST" and object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            message = obj is not None and self._locked_while_editing(request, obj)
            if message:
                self.message_user(
                    request, self._with_typed_text(request, obj, message), messages.ERROR
                )
                # Shown as a fresh page would be: read-only, since it can no longer be changed.
                # Nothing is saved, so there is nothing to protect by refusing the page itself.
                reading = copy.copy(request)
                reading.method = "GET"
                return super().changeform_view(reading, object_id, form_url, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _locked_while_editing(self, request, obj):
        change_refusal = getattr(self, "change_refusal", None)
        refusal = change_refusal(request, obj) if change_refusal else None
        if not refusal or not self.has_view_permission(request, obj):
            return None
        # A form opened before the lock carries an older version: locking saves the record and
        # moves its version on. A post carrying the current version (or none) did not come from
        # a form opened before the lock, and keeps Django's plain refusal.
        posted = parse_small_number(request.POST.get("version", ""))
        if posted is None or posted >= obj.version:
            return None
        return self.locked_while_editing_message(request, obj, refusal)

    def _typed_text(self, request, obj):
        """(label, value) for each editable field whose posted value differs from the record."""
        readonly = set(self.get_readonly_fields(request, obj))
        typed = []
        for name in flatten_fieldsets(self.get_fieldsets(request, obj)):
            if name in readonly or name == "version" or name not in request.POST:
                continue
            try:
                field = obj._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.is_relation or not field.editable:
                continue
            value = request.POST.get(name, "")
            stored = field.value_to_string(obj) or ""
            if _same_text(value, stored):
                continue
            if field.choices:
                value = dict(field.flatchoices).get(value, value)
            typed.append((capfirst(field.verbose_name), str(value)))
        return typed

    def _with_typed_text(self, request, obj, message):
        typed = self._typed_text(request, obj)
        if not typed:
            return message
        return format_html(
            "{} Here is what you typed, so that you can copy it:{}",
            message,
            format_html_join(
                "",
                "<br><strong>{}:</strong> {}",
                ((label, linebreaksbr(value, autoescape=True)) for label, value in typed),
            ),
        )


def _same_text(posted, stored):
    # Browsers send line breaks as CRLF; what is stored may have either.
    def normal(text):
        return text.replace("\r\n", "\n").strip()

    return normal(posted) == normal(stored)
