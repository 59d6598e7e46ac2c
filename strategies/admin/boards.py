"""Boards, their members and meetings, and the actions raised at them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from councils.access import is_site_admin
from councils.admin_access import CouncilScopedAdminMixin
from councils.admin_inlines import LabelledTabularInline
from councils.admin_part_history import register_part_history

from ..models import Board, BoardAction, BoardMember, Meeting


class BoardMemberInline(CouncilScopedAdminMixin, LabelledTabularInline):
    model = BoardMember
    fields = [
        "name",
        "representation",
        "organisation",
        "user",
        "joined_on",
        "left_on",
        "show_name_publicly",
    ]
    autocomplete_fields = ["user"]
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not is_site_admin(request.user):
            # Sign-in accounts are the site administrators' to manage: linking one gives its
            # holder the board's unpublished drafts and progress.
            readonly.append("user")
        return readonly


@admin.register(Board)
class BoardAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "council", "slug"]
    list_filter = [("council", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["council"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["council"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BoardMemberInline]


class BoardActionInline(CouncilScopedAdminMixin, LabelledTabularInline):
    model = BoardAction
    fields = ["description", "owner", "due_on", "status", "completed_on"]
    show_change_link = True
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "board", "date", "title", "has_minutes"]
    list_filter = [("board", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["board__council"]
    search_fields = ["title", "board__name", "minutes"]
    autocomplete_fields = ["board"]
    date_hierarchy = "date"
    inlines = [BoardActionInline]

    @admin.display(boolean=True, description="Minutes")
    def has_minutes(self, meeting):
        return bool(meeting.minutes)


@admin.register(BoardAction)
class BoardActionAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "owner", "due_on", "status", "is_done"]
    list_filter = [("meeting__board", admin.RelatedOnlyFieldListFilter), "status"]
    list_select_related = ["meeting__board"]
    search_fields = ["description", "owner"]
    autocomplete_fields = ["meeting"]

    @admin.display(boolean=True, description="Done", ordering="completed_on")
    def is_done(self, action):
        return action.completed_on is not None


# A board's members have no page of their own: their earlier versions are reached from the
# board's history page.
register_part_history(BoardMemberInline, Board)
