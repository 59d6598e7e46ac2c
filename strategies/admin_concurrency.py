"""Conflict detection for the admin's versioned records (strategies, objectives, progress
updates).

The form carries the record's `version` as a hidden field. If someone else saved the record
after the form was opened, the form is refused with a clear message, the officer's typed text
stays in it, and the other person's save stands. `VersionedModel.save` checks again under a row
lock, so two saves that pass form validation at the same moment still cannot both win: the loser
gets the same message rather than an error page."""

from django import forms
from django.contrib import messages

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
    message instead of an error page."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        current = getattr(request, "_history_current", None)
        if current is not None and issubclass(form, VersionedAdminForm):
            form.base_version = current.version
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEditError:
            # The save lost a race after its form was checked. The transaction has been rolled
            # back; showing the same form again now meets the version check with the winner's
            # save in place, so the officer sees the conflict message beside their own text.
            return self._retry_after_conflict(
                request,
                lambda: super(VersionedAdminMixin, self).changeform_view(
                    request, object_id, form_url, extra_context
                ),
            )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except StaleEditError:
            return self._retry_after_conflict(
                request,
                lambda: super(VersionedAdminMixin, self).history_form_view(
                    request, object_id, version_id, extra_context
                ),
            )

    def _retry_after_conflict(self, request, view):
        try:
            return view()
        except StaleEditError as error:
            self.message_user(
                request,
                f"{error} Your changes have not been saved: please try again.",
                messages.ERROR,
            )
            return self.response_post_save_change(request, None)
