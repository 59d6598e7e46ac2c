"""Challenges the board has put to a named owner, answered here by officers."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from councils.access import is_site_admin
from councils.admin_access import CouncilScopedAdminMixin
from councils.dates import today_in_london

from ..models import Challenge
from .progress import StrategyListFilter


class ChallengeAdminForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = ["question", "owner", "answer_due", "answer", "answered_on"]

    def clean(self):
        cleaned = super().clean()
        challenge = self.instance
        if challenge.pk is None:
            return cleaned
        answer = (cleaned.get("answer") or "").strip()
        if challenge.status == Challenge.Status.ACCEPTED and answer != challenge.answer:
            raise forms.ValidationError(
                "The board has accepted the answer to this challenge, so it cannot be changed."
            )
        if not answer and challenge.answer:
            self.add_error("answer", "An answer cannot be removed once recorded.")
        elif not answer and cleaned.get("answered_on"):
            self.add_error("answer", "Enter the answer, or leave the date answered empty.")
        return cleaned


@admin.register(Challenge)
class ChallengeAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    """Questions the board has put to a named owner. The board raises them on its own pages;
    officers of the owning council record the owner's answer here."""

    form = ChallengeAdminForm
    list_display = ["__str__", "subject_title", "owner", "answer_due", "status", "meeting"]
    list_filter = ["status", StrategyListFilter, "answer_due"]
    list_select_related = ["objective", "programme", "meeting__board"]
    search_fields = ["question", "answer", "owner", "objective__title", "programme__title"]
    autocomplete_fields = ["objective", "programme"]
    fields = [
        "meeting",
        "objective",
        "programme",
        "question",
        "owner",
        "answer_due",
        "status",
        "answer",
        "answered_on",
        "raised_by",
    ]
    #: What the board decided; an officer records only the answer and when it was given.
    board_fields = [
        "meeting",
        "objective",
        "programme",
        "question",
        "owner",
        "answer_due",
        "status",
        "raised_by",
    ]

    @admin.display(description="About")
    def subject_title(self, challenge):
        return challenge.subject

    def get_readonly_fields(self, request, obj=None):
        return self.board_fields if obj is not None else ["raised_by"]

    def has_add_permission(self, request, obj=None):
        # The board raises challenges at its meetings; only a site administrator adds one here.
        return is_site_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_site_admin(request.user)

    def save_model(self, request, obj, form, change):
        if change and "answer" in form.changed_data and obj.answer.strip():
            obj.answer = obj.answer.strip()
            obj.answered_on = obj.answered_on or today_in_london()
            obj.status = Challenge.Status.ANSWERED
        super().save_model(request, obj, form, change)
