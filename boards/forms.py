"""Forms for the board pages, rendered with the GOV.UK template pack for crispy forms."""

import datetime as dt
import hashlib

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.validators import RegexValidator
from django.urls import reverse

from councils.dates import FIRST_YEAR, LAST_YEAR
from councils.parsing import parse_small_number
from outcomes.models import Challenge, Objective, Rating
from outcomes.periods import today_in_london
from strategies.models import BoardAction, Meeting, Programme


def gov_form_helper():
    helper = FormHelper()
    # GOV.UK services validate on the server and show the error summary, not the browser's
    # own messages, which differ between browsers and are missed by screen readers.
    helper.attrs = {"novalidate": ""}
    return helper


class GovDateField(DateInputField):
    """The GOV.UK date input (day, month, year) with messages that name the date."""

    def __init__(self, label, *, help_text="For example, 15 7 2026", **kwargs):
        super().__init__(label=label, help_text=help_text, require_all_fields=False, **kwargs)
        self.name = label.lower()
        self.error_messages["required"] = f"Enter the {self.name}"
        for part, subfield in zip(("day", "month", "year"), self.fields, strict=True):
            subfield.error_messages["incomplete"] = f"The {self.name} must include a {part}"
            subfield.validators = [
                RegexValidator(r"^\s*[0-9]+\s*$", f"The {self.name} must be a real date")
            ]

    def compress(self, data_list):
        if not data_list or not all(data_list):
            return None
        # The shared parser caps the digits: int() of thousands of digits is refused (or slow).
        day, month, year = (parse_small_number(part.strip()) for part in data_list)
        if None in (day, month):
            raise forms.ValidationError(f"The {self.name} must be a real date")
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(
                f"Enter the year of the {self.name} in full, for example 2026"
            )
        try:
            return dt.date(year, month, day)
        except (ValueError, OverflowError) as exc:
            # A day or month too big for a C integer overflows rather than being out of range.
            raise forms.ValidationError(f"The {self.name} must be a real date") from exc


class MeetingForm(forms.ModelForm):
    date = GovDateField("Meeting date")

    class Meta:
        model = Meeting
        fields = ["date", "title"]
        labels = {"title": "Title (optional)"}
        help_texts = {"title": "For example, Quarterly performance review"}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.helper = gov_form_helper()
        self.helper.form_action = reverse("boards:meeting_create", kwargs={"slug": board.slug})
        self.helper.layout = Layout(
            Field("date", context={"legend_size": Size.for_legend(Size.MEDIUM)}),
            Field.text("title", label_size=Size.MEDIUM),
            Submit("add_meeting", "Add meeting"),
        )

    def clean_date(self):
        date = self.cleaned_data["date"]
        # The database allows one meeting a day per board; say so before it refuses.
        if Meeting.objects.filter(board=self.instance.board, date=date).exists():
            raise forms.ValidationError(
                f"The board already has a meeting on {date:%-d %B %Y}. Choose another date."
            )
        return date


class UpdateChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        # Only ids the page could have sent: SQLite cannot even compare with a huge number.
        if any(parse_small_number(str(pk)) is None for pk in value):
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value"
            )
        return super()._check_values(value)

    def label_from_instance(self, obj):
        subject = obj.objective or obj.programme
        kind = "Objective" if obj.objective_id else "Programme"
        return f"{kind}: {subject} – {obj.get_rating_display()} ({obj.period_label})"


class SignOffForm(forms.Form):
    updates = UpdateChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Updates to sign off",
        help_text="Select each update the board agrees is a fair record of the period.",
        error_messages={
            "invalid_choice": (
                "One of the updates you chose has already been signed off or is not for this "
                "board. The list below is up to date: choose again."
            ),
            "invalid_pk_value": "Choose updates from the list.",
        },
    )
    comment = forms.CharField(
        label="The board's comment (optional)",
        help_text="Recorded with each update you sign off, for example what the board asked to "
        "see next time.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    # Which version of each update the board read: an update an officer changes after the page
    # was opened is refused, so the board signs off only what it has seen.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, awaiting, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["updates"].queryset = awaiting
        self.initial["seen"] = seen_versions(awaiting)
        self.helper = gov_form_helper()
        self.helper.form_action = reverse(
            "boards:sign_off", kwargs={"slug": meeting.board.slug, "pk": meeting.pk}
        )
        self.helper.layout = Layout(
            Field.checkboxes("updates", legend_size=Size.MEDIUM, small=True),
            Field.textarea("comment", label_size=Size.SMALL, rows=3),
            "seen",
            Submit("sign_off_selected", "Sign off selected updates"),
            Submit("sign_off_all", "Sign off all updates", css_class="govuk-button--secondary"),
        )

    @property
    def signing_off_all(self):
        return "sign_off_all" in self.data

    def clean_seen(self):
        versions = {}
        for pair in self.cleaned_data["seen"].split():
            pk, _, version = (parse_small_number(part) for part in pair.partition(":"))
            if pk is None or version is None:
                # Shown against the checkboxes: a hidden field's own error has nowhere to go.
                self.add_error("updates", "Reload the page and sign off again.")
                return None
            versions[pk] = version
        return versions

    def refresh_seen(self):
        """After a refusal the page shows the updates as they are now: remember those."""
        self.data = self.data.copy()
        self.data["seen"] = seen_versions(self.fields["updates"].queryset)

    def clean(self):
        cleaned = super().clean()
        if self.signing_off_all:
            cleaned["updates"] = list(self.fields["updates"].queryset)
            if not cleaned["updates"]:
                raise forms.ValidationError("There are no updates awaiting sign-off.")
        elif "updates" in cleaned and not cleaned["updates"]:
            self.add_error(
                "updates", "Select at least one update to sign off, or sign off all of them."
            )
        return cleaned


def seen_versions(updates):
    return " ".join(f"{update.pk}:{update.version}" for update in updates)


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


class MinutesForm(forms.ModelForm):
    # Two people may write the minutes at once (the clerk and the chair). The form remembers
    # which saved version it started from and refuses to overwrite a newer one.
    based_on = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = ["minutes"]
        labels = {"minutes": "Minutes of this meeting"}
        help_texts = {"minutes": "Who attended, what was discussed and what was decided."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.instance
        self.initial["based_on"] = _digest(meeting.minutes)
        self.conflict_with = None
        self.helper = gov_form_helper()
        self.helper.form_action = reverse(
            "boards:minutes", kwargs={"slug": meeting.board.slug, "pk": meeting.pk}
        )
        self.helper.layout = Layout(
            Field.textarea("minutes", label_size=Size.SMALL, rows=10),
            "based_on",
            Submit("save_minutes", "Save minutes"),
        )

    def clean(self):
        cleaned = super().clean()
        saved = self.instance.minutes
        if cleaned.get("based_on") != _digest(saved):
            self.conflict_with = saved
            # Let the next save go through once the writer has merged the two versions.
            self.data = self.data.copy()
            self.data["based_on"] = _digest(saved)
            raise forms.ValidationError(
                "Someone else saved the minutes while you were writing. Your version is still "
                "in the box; theirs is shown above it. Combine the two and save again."
            )
        return cleaned


class BoardActionForm(forms.ModelForm):
    due_on = GovDateField("Due date")
    status = forms.ChoiceField(
        label="Status",
        # A new action cannot already be done or dropped.
        choices=[
            (BoardAction.Status.OPEN, BoardAction.Status.OPEN.label),
            (BoardAction.Status.IN_PROGRESS, BoardAction.Status.IN_PROGRESS.label),
        ],
        initial=BoardAction.Status.OPEN,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's status"},
    )

    class Meta:
        model = BoardAction
        fields = ["description", "owner", "due_on", "status"]
        labels = {"description": "What needs to be done", "owner": "Owner"}
        help_texts = {"owner": "The person or role responsible, for example Head of Early Help."}
        error_messages = {
            "description": {"required": "Describe what needs to be done"},
            "owner": {"required": "Enter who owns the action"},
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["description"].widget.attrs["rows"] = 3
        self.helper = gov_form_helper()
        self.helper.form_action = reverse(
            "boards:action_create", kwargs={"slug": meeting.board.slug, "pk": meeting.pk}
        )
        self.helper.layout = Layout(
            Field.textarea("description", label_size=Size.SMALL, rows=3),
            Field.text("owner", label_size=Size.SMALL),
            Field("due_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.radios("status", legend_size=Size.SMALL, small=True),
            Submit("raise_action", "Raise action"),
        )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        meeting = self.instance.meeting
        if due_on and due_on < meeting.date:
            raise forms.ValidationError(
                f"The due date must be on or after the meeting, {meeting.date:%-d %B %Y}."
            )
        return due_on


class ActionProgressForm(forms.ModelForm):
    """Move an action on: in progress, done (on a date) or dropped."""

    status = forms.ChoiceField(
        label="Status",
        choices=BoardAction.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's status"},
    )
    completed_on = GovDateField(
        "Date completed",
        required=False,
        help_text="Only if the action is done. Leave empty for today. For example, 15 7 2026",
    )
    due_on = GovDateField("Due date")

    class Meta:
        model = BoardAction
        fields = ["status", "owner", "due_on", "completed_on"]
        labels = {"owner": "Owner"}
        error_messages = {"owner": {"required": "Enter who owns the action"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        action = self.instance
        self.helper = gov_form_helper()
        self.helper.form_action = reverse(
            "boards:action", kwargs={"slug": action.meeting.board.slug, "pk": action.pk}
        )
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.SMALL, small=True),
            Field.text("owner", label_size=Size.SMALL),
            Field("due_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field("completed_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Submit("save_action", "Save action"),
        )

    def clean(self):
        cleaned = super().clean()
        status, completed_on = cleaned.get("status"), cleaned.get("completed_on")
        # The database holds an action done exactly when it has a completion date.
        if status == BoardAction.Status.DONE:
            cleaned["completed_on"] = completed_on or today_in_london()
        elif completed_on:
            self.add_error(
                "completed_on", "Leave the date completed empty unless the action is done"
            )
        else:
            cleaned["completed_on"] = None
        return cleaned


class ChallengeForm(forms.ModelForm):
    """The board puts a question to a named owner about one objective or programme."""

    subject = forms.ChoiceField(
        label="About",
        help_text="The objective or programme the question is about.",
        error_messages={
            "required": "Choose the objective or programme the question is about",
            "invalid_choice": "Choose an objective or programme from the list",
        },
    )
    answer_due = GovDateField("Answer due by")

    class Meta:
        model = Challenge
        fields = ["question", "owner", "answer_due"]
        labels = {"question": "Question", "owner": "Who must answer"}
        help_texts = {
            "owner": "A named person or role, for example Director of Children's Services."
        }
        error_messages = {
            "question": {"required": "Enter the board's question"},
            "owner": {"required": "Enter who must answer"},
        }

    def __init__(self, *args, meeting, **kwargs):
        # The action form on the same page also has an "owner": keep the ids apart.
        kwargs.setdefault("auto_id", "id_challenge_%s")
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        board = meeting.board
        objectives = Objective.objects.for_board(board).select_related("aim__strategy")
        programmes = Programme.objects.for_board(board).select_related("strategy")
        self.subjects = {
            **{f"objective-{o.pk}": o for o in objectives},
            **{f"programme-{p.pk}": p for p in programmes},
        }
        self.fields["subject"].choices = [
            ("", "Choose an objective or programme"),
            *(
                (key, f"{'Objective' if key.startswith('objective') else 'Programme'}: {item}")
                for key, item in self.subjects.items()
            ),
        ]
        self.helper = gov_form_helper()
        self.helper.form_action = reverse(
            "boards:challenge_create", kwargs={"slug": board.slug, "pk": meeting.pk}
        )
        self.helper.layout = Layout(
            Field.select("subject"),
            Field.textarea("question", label_size=Size.SMALL, rows=3),
            Field.text("owner", label_size=Size.SMALL),
            Field("answer_due", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Submit("raise_challenge", "Raise challenge"),
        )
        self.fields["question"].widget.attrs["rows"] = 3

    def clean_answer_due(self):
        due = self.cleaned_data["answer_due"]
        meeting = self.instance.meeting
        if due and due < meeting.date:
            raise forms.ValidationError(
                f"The answer due date must be on or after the meeting, {meeting.date:%-d %B %Y}."
            )
        return due

    def clean(self):
        cleaned = super().clean()
        subject = self.subjects.get(cleaned.get("subject"))
        if subject is not None:
            self.instance.objective = subject if isinstance(subject, Objective) else None
            self.instance.programme = subject if isinstance(subject, Programme) else None
        return cleaned


class ChallengeAnswerForm(forms.Form):
    answer = forms.CharField(
        label="The answer",
        help_text="As the owner gave it, in full.",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the answer"},
    )

    def __init__(self, *args, challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_form_helper()
        self.helper.form_action = reverse(
            "boards:challenge",
            kwargs={"slug": challenge.meeting.board.slug, "pk": challenge.pk},
        )
        self.helper.layout = Layout(
            Field.textarea("answer", label_size=Size.SMALL, rows=5),
            Submit("record_answer", "Record answer"),
        )


class ChallengeAskAgainForm(forms.Form):
    answer_due = GovDateField("New answer due date")

    def __init__(self, *args, challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gov_form_helper()
        self.helper.form_action = reverse(
            "boards:challenge",
            kwargs={"slug": challenge.meeting.board.slug, "pk": challenge.pk},
        )
        self.helper.layout = Layout(
            Field("answer_due", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Submit("ask_again", "Ask again", css_class="govuk-button--secondary"),
        )

    def clean_answer_due(self):
        due = self.cleaned_data["answer_due"]
        if due and due < today_in_london():
            raise forms.ValidationError("The new answer due date must be today or later.")
        return due


NO_UPDATE = "none"


class DashboardFilterForm(forms.Form):
    rating = forms.ChoiceField(
        label="Latest rating",
        required=False,
        choices=[("", "Any rating"), *Rating.choices, (NO_UPDATE, "No update yet")],
        error_messages={"invalid_choice": "Choose a rating from the list."},
    )
    aim = forms.TypedChoiceField(
        label="Aim",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose an aim from the list."},
    )

    def __init__(self, *args, aims, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aim"].choices = [
            ("", "All aims"),
            *((aim.pk, f"{aim.strategy.title}: {aim.title}") for aim in aims),
        ]
        self.helper = gov_form_helper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.select("rating"),
            Field.select("aim"),
            Submit("filter", "Apply filters", css_class="govuk-button--secondary"),
        )
