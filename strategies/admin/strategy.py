"""The strategy's admin: its page, the parts edited on it, and who may make it public.

StrategyAdmin is registered by outcomes.admin, which adds the aims inline: this app may not
import aims."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from councils.access import (
    can_publish_for,
    is_site_admin,
    officer_council_ids,
    publisher_council_ids,
)
from councils.admin_access import CouncilScopedAdminMixin
from councils.admin_inlines import LabelledTabularInline
from councils.admin_part_history import register_part_history

from ..admin_concurrency import VersionedAdminForm, VersionedAdminMixin
from ..admin_ordering import NextOrderInlineMixin
from ..concurrency import StaleEditError
from ..models import (
    PUBLIC_STATUSES,
    Principle,
    Programme,
    Strategy,
    StrategyCouncil,
    StrategyPartner,
    StrategyRelation,
    StrategyStatus,
)
from ..services import strategy_archive, strategy_publish

PUBLISHER_ONLY_MESSAGE = (
    "Only a publisher for the strategy’s lead council can make it public (draft for "
    "consultation, published or archived). Save it as a draft or as approved, then ask a "
    "publisher for your council to publish it."
)


def may_publish_somewhere(request) -> bool:
    user = request.user
    return is_site_admin(user) or bool(officer_council_ids(user) & publisher_council_ids(user))


ONCE_PUBLIC_MESSAGE = (
    "This strategy has been public, so it cannot go back to draft or approved: the public "
    "record must stay. Archive it instead, or keep it public while you correct it."
)

LEAVING_PUBLIC_MESSAGE = (
    "Only a publisher for the strategy’s lead council can change the status of a public "
    "strategy. Your other changes can be saved with the status left as it is."
)


def live_strategy(strategy):
    """The strategy as saved now. The admin's revert view hands over a historical copy, whose
    status is what it was then; the rules about status are about what it is now."""
    if strategy is None or strategy.pk is None:
        return None
    return Strategy._base_manager.filter(pk=strategy.pk).first()


#: The two buttons of the confirmation page shown before a save that makes a strategy public or
#: archives it (templates/admin/strategies/strategy/confirm_status_change.html).
CONFIRMED, NOT_CONFIRMED = "_confirmed_status", "_not_confirmed_status"

NOT_CONFIRMED_MESSAGE = (
    "Nothing has been saved: you chose not to {change}. Everything you typed is still in the "
    "form. To save your other changes, set the status back to “{status}” and save."
)

#: What each change that cannot be undone is called, by the status it sets, and how the
#: confirmation page asks it.
STATUS_CHANGES = {
    StrategyStatus.CONSULTATION: "publish it as a draft for consultation",
    StrategyStatus.PUBLISHED: "publish it",
    StrategyStatus.ARCHIVED: "archive it",
}
STATUS_QUESTIONS = {
    StrategyStatus.CONSULTATION: "Publish “{}” as a draft for consultation?",
    StrategyStatus.PUBLISHED: "Publish “{}”?",
    StrategyStatus.ARCHIVED: "Archive “{}”?",
}


class StrategyAdminForm(VersionedAdminForm):
    #: Set by StrategyAdmin.get_form: publishing rights depend on who is asking, and whether
    #: they have already answered the confirmation page, and how.
    request_user = None
    answer = None

    #: The status change that waits for the confirmation page, when one does.
    needs_confirmation = None

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        live = live_strategy(instance)
        if "status" in self.fields:
            status = cleaned.get("status")
        else:
            # A read-only status is kept as it is now, even when reverting to an older version.
            status = live.status if live else instance.status
        if status is None:
            return cleaned
        council = cleaned.get("lead_council")
        if council is None and instance.lead_council_id:
            council = instance.lead_council
        status_changes = live is None or status != live.status or "status" in self.changed_data
        council_changes = "lead_council" in self.changed_data or (
            live is not None and council is not None and council.pk != live.lead_council_id
        )
        field = "status" if "status" in self.fields else None
        # An editor may go on editing a public strategy's content; what they may not do is make
        # a strategy public, or move a public one to a council they cannot publish for.
        making_public = status in PUBLIC_STATUSES and (status_changes or council_changes)
        if making_public and council and not can_publish_for(self.request_user, council.pk):
            self.add_error(field, PUBLISHER_ONLY_MESSAGE)
            return cleaned
        first_public = status in PUBLIC_STATUSES and (live is None or not live.is_public)
        archiving = status == StrategyStatus.ARCHIVED and (live is None or live.status != status)
        if (first_public or archiving) and self.answer != CONFIRMED:
            # The second, explicit choice before what cannot be undone: the admin shows the
            # confirmation page in place of the form, carrying everything typed.
            self.needs_confirmation = status
            live_status = live.get_status_display() if live else StrategyStatus.DRAFT.label
            message = (
                NOT_CONFIRMED_MESSAGE.format(change=STATUS_CHANGES[status], status=live_status)
                if self.answer == NOT_CONFIRMED
                else "Making a strategy public or archiving it cannot be undone, so it is "
                "confirmed on a page of its own once everything else in the form is in order."
            )
            self.add_error(None, message)
        if live is None or status == live.status:
            return cleaned
        if live.is_public and not can_publish_for(self.request_user, live.lead_council_id):
            self.add_error(field, LEAVING_PUBLIC_MESSAGE)
        elif live.was_ever_public and status not in PUBLIC_STATUSES:
            # Not even a publisher: the public saw it, so it stays on show, as archived if need be.
            self.add_error(field, ONCE_PUBLIC_MESSAGE)
        return cleaned


class PrincipleInline(NextOrderInlineMixin, CouncilScopedAdminMixin, LabelledTabularInline):
    model = Principle
    fields = ["order", "title", "description"]
    extra = 0


class StrategyCouncilInline(CouncilScopedAdminMixin, LabelledTabularInline):
    model = StrategyCouncil
    row_related = ("council",)
    # Which councils exist is public register data: any of them may co-own a strategy.
    unscoped_choice_fields = ("council",)
    fields = ["council", "role"]
    extra = 0


class StrategyPartnerInline(CouncilScopedAdminMixin, LabelledTabularInline):
    model = StrategyPartner
    row_related = ("partner",)
    autocomplete_fields = ["partner"]
    fields = ["partner", "role"]
    extra = 0


class StrategyRelationInline(CouncilScopedAdminMixin, LabelledTabularInline):
    model = StrategyRelation
    fk_name = "from_strategy"
    row_related = ("to_strategy",)
    autocomplete_fields = ["to_strategy"]
    fields = ["to_strategy", "kind"]
    extra = 0


class ProgrammeInline(NextOrderInlineMixin, CouncilScopedAdminMixin, LabelledTabularInline):
    model = Programme
    fields = ["order", "title", "status", "delivery_year"]
    show_change_link = True
    extra = 0


class StrategyAdmin(VersionedAdminMixin, CouncilScopedAdminMixin, SimpleHistoryAdmin):
    form = StrategyAdminForm
    list_display = [
        "title",
        "lead_council",
        "period_label",
        "status",
        "is_public",
        "was_ever_public",
        "has_board",
        "updated_at",
    ]
    list_filter = [
        ("lead_council", admin.RelatedOnlyFieldListFilter),
        "status",
        "kind",
        "start_year",
    ]
    list_select_related = ["lead_council", "board"]
    search_fields = ["title", "slug", "summary", "lead_council__name"]
    autocomplete_fields = ["lead_council", "predecessor", "board"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "parts",
        "first_public_at",
        "published_at",
        "archived_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "lead_council",
                    "title",
                    "slug",
                    "kind",
                    ("start_year", "end_year"),
                    "status",
                    "version",
                ]
            },
        ),
        ("The document", {"fields": ["summary", "vision", "document_url", "progress_frequency"]}),
        ("How it fits", {"fields": ["predecessor", "board"]}),
        ("Its other parts", {"fields": ["parts"]}),
        (
            "Record",
            {
                "fields": [
                    "first_public_at",
                    "published_at",
                    "archived_at",
                    "created_at",
                    "updated_at",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [
        PrincipleInline,
        ProgrammeInline,
        StrategyCouncilInline,
        StrategyPartnerInline,
        StrategyRelationInline,
    ]
    actions = [*CouncilScopedAdminMixin.actions, "publish_selected", "archive_selected"]

    @admin.display(description="Period", ordering="start_year")
    def period_label(self, strategy):
        return strategy.period_label

    @admin.display(boolean=True, description="Public")
    def is_public(self, strategy):
        return strategy.is_public

    @admin.display(boolean=True, description="Ever public", ordering="first_public_at")
    def was_ever_public(self, strategy):
        return strategy.was_ever_public

    @admin.display(boolean=True, description="Board")
    def has_board(self, strategy):
        return strategy.board_id is not None

    #: The admin lists of a strategy's parts edited on pages of their own, as (admin URL name,
    #: link text); each list filters by strategy. An app adding such a part adds its list.
    part_changelists = [
        ("strategies_decision", "Decisions that approved it"),
        ("strategies_engagement", "Consultation and engagement"),
    ]

    @admin.display(description="Records on pages of their own")
    def parts(self, strategy):
        if strategy.pk is None:
            return "Save the strategy first: links to its other records follow."
        rows = [
            (reverse(f"admin:{name}_changelist") + f"?strategy__id__exact={strategy.pk}", label)
            for name, label in self.part_changelists
        ]
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', rows)
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request_user = request.user
        if request.method == "POST":
            form.answer = next((a for a in (CONFIRMED, NOT_CONFIRMED) if a in request.POST), None)
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        formsets = [inline.formset for inline in context["inline_admin_formsets"]]
        if awaits_confirmation(context["adminform"].form, formsets):
            # All else is in order: say what will happen before doing what cannot be undone.
            return self.confirm_status_change(request, context["adminform"].form, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_history_view(self, request, template, context, **kwargs):
        # Reverting to an archived version archives it: confirmed the same way.
        adminform = context.get("adminform")
        if template == self.object_history_form_template and awaits_confirmation(
            adminform.form, []
        ):
            return self.confirm_status_change(request, adminform.form, context["original"])
        return super().render_history_view(request, template, context, **kwargs)

    def confirm_status_change(self, request, form, obj):
        status = form.needs_confirmation
        live = live_strategy(obj)
        title = form.cleaned_data.get("title") or (obj.title if obj else "")
        return TemplateResponse(
            request,
            "admin/strategies/strategy/confirm_status_change.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": live,
                "title": STATUS_QUESTIONS[status].format(title),
                "strategy_title": title,
                "status": status,
                "change": STATUS_CHANGES[status],
                "parts": self.counted_parts(live) if live else [],
                "other_changes": [
                    form.fields[name].label or name
                    for name in form.changed_data
                    if name not in ("status", "version")
                ],
                # Everything posted goes back with the answer, so nothing typed is lost.
                "posted": [
                    (name, value)
                    for name, values in request.POST.lists()
                    if name not in ("csrfmiddlewaretoken", CONFIRMED, NOT_CONFIRMED)
                    for value in values
                ],
                "confirmed": CONFIRMED,
                "not_confirmed": NOT_CONFIRMED,
            },
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        councils = officer_council_ids(request.user)
        if "lead_council" not in initial and len(councils) == 1 and not is_site_admin(request.user):
            # An officer of one council is entering their own council's strategy.
            initial["lead_council"] = next(iter(councils))
        return initial

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not may_publish_somewhere(request):
            kwargs["choices"] = [
                choice for choice in db_field.choices if choice[0] not in PUBLIC_STATUSES
            ]
        formfield = super().formfield_for_choice_field(db_field, request, **kwargs)
        if db_field.name == "status":
            formfield.error_messages["invalid_choice"] = PUBLISHER_ONLY_MESSAGE
        return formfield

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Decided on the live record: when reverting, `obj` is the historical copy, and a copy
        # from before publication would otherwise hand an editor the status of a public
        # strategy. A public copy counts too: an editor cannot restore a public status either.
        live = live_strategy(obj)
        if (
            live is not None
            and (live.is_public or obj.is_public)
            and not can_publish_for(request.user, live.lead_council_id)
        ):
            # Editors keep a public strategy's content up to date; its status is a publisher's.
            readonly.append("status")
        return readonly

    def delete_refusal(self, request, strategy):
        if strategy.was_ever_public:
            return (
                f"“{strategy.title}” has been public, so it cannot be deleted: the public record "
                "must stay. Archive it instead."
            )
        return None

    def has_publish_permission(self, request):
        return may_publish_somewhere(request)

    @admin.action(permissions=["publish"], description="Publish the selected strategies")
    def publish_selected(self, request, queryset):
        return self._change_status(request, queryset, strategy_publish, "publish")

    @admin.action(permissions=["publish"], description="Archive the selected strategies")
    def archive_selected(self, request, queryset):
        return self._change_status(request, queryset, strategy_archive, "archive")

    def counted_parts(self, strategy):
        """What a status change takes with it, as (count, noun in the right number) pairs."""
        return [
            (count, noun if count == 1 else f"{noun}s")
            for count, noun in self.status_change_parts(strategy)
        ]

    def status_change_parts(self, strategy):
        """What goes public with a strategy, as (count, noun) pairs; the outcomes admin adds
        the aims, objectives and signed-off progress this app cannot see."""
        return [(strategy.programmes.count(), "programme")]

    def _change_status(self, request, queryset, service, verb):
        strategies = list(queryset.select_related("lead_council").order_by("title", "pk"))
        if request.POST.get("confirmed") != "yes":
            # Neither can be undone: a published strategy never returns to draft. Say what
            # will happen to each, and act only on the confirmation page's own button.
            return TemplateResponse(
                request,
                "admin/strategies/strategy/confirm_status.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.opts,
                    "title": f"{verb.capitalize()} {len(strategies)} "
                    f"strateg{'y' if len(strategies) == 1 else 'ies'}?",
                    "verb": verb,
                    "done_word": f"{verb.removesuffix('e')}ed",
                    "action": f"{verb}_selected",
                    "rows": [
                        {
                            "strategy": strategy,
                            "refusal": status_change_refusal(request.user, strategy, verb),
                            # Only publishing says what goes public with it.
                            "parts": self.counted_parts(strategy) if verb == "publish" else [],
                        }
                        for strategy in strategies
                    ],
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        done_word = {"publish": "Published", "archive": "Archived"}[verb]
        done = []
        for strategy in strategies:
            try:
                service(strategy=strategy, user=request.user)
            except (PermissionDenied, ValidationError, StaleEditError) as error:
                reason = error.messages[0] if isinstance(error, ValidationError) else str(error)
                self.message_user(request, reason, messages.ERROR)
            else:
                done.append(strategy.title)
        if done:
            self.message_user(request, f"{done_word}: {', '.join(done)}.", messages.SUCCESS)
        return None


def awaits_confirmation(form, formsets):
    """Whether the only thing between this form and its save is the confirmation of a status
    change that cannot be undone."""
    return (
        form.needs_confirmation
        and form.answer != NOT_CONFIRMED
        and len(form.errors) == 1
        and len(form.non_field_errors()) == 1
        and all(formset.is_valid() for formset in formsets)
    )


def status_change_refusal(user, strategy, verb):
    """Why publishing or archiving this strategy will be refused, said before anyone confirms;
    the services check again when it is done."""
    if not can_publish_for(user, strategy.lead_council_id):
        return f"Only a publisher for {strategy.lead_council} can {verb} it."
    if verb == "publish" and strategy.status == StrategyStatus.PUBLISHED:
        return "It is already published."
    if verb == "archive" and strategy.status == StrategyStatus.ARCHIVED:
        return "It is already archived."
    if verb == "archive" and strategy.status not in PUBLIC_STATUSES:
        return "It has not been made public, so it cannot be archived: publish it first."
    return ""


# These rows have no page of their own: officers see and restore their earlier versions, deleted
# ones included, from the strategy's history page.
for inline in (
    PrincipleInline,
    StrategyCouncilInline,
    StrategyPartnerInline,
    StrategyRelationInline,
):
    register_part_history(inline, Strategy)
