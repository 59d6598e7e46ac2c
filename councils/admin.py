from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .admin_access import NONE, VIEW, CouncilScopedAdminMixin
from .admin_choices import autocomplete_view
from .models import Council, CouncilMembership, Inspection, Partner, Role

admin.site.site_header = "Strategy Tracker: council officers"
admin.site.site_title = "Strategy Tracker admin"
admin.site.index_title = "Your councils’ strategies and progress"
# Autocomplete choices name where each row sits, and leave out archived strategies' parts.
admin.site.autocomplete_view = autocomplete_view


class InspectionInline(CouncilScopedAdminMixin, admin.TabularInline):
    model = Inspection
    officer_access = VIEW
    extra = 0
    fields = ["published_on", "framework", "overall_effectiveness", "url"]


@admin.register(Council)
class CouncilAdmin(CouncilScopedAdminMixin, admin.ModelAdmin):
    # The register of councils is kept by site administrators; officers may look at their own.
    officer_access = VIEW
    list_display = ["name", "kind", "region", "gss_code", "register_code", "is_current"]
    list_filter = ["kind", "region", "nation"]
    search_fields = ["name", "official_name", "gss_code", "register_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [InspectionInline]

    @admin.display(boolean=True, description="Current", ordering="end_date")
    def is_current(self, council):
        return council.end_date is None


@admin.register(Partner)
class PartnerAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "sector", "council", "has_website"]
    list_filter = [("council", admin.RelatedOnlyFieldListFilter), "sector"]
    list_select_related = ["council"]
    search_fields = ["name"]
    autocomplete_fields = ["council"]

    @admin.display(boolean=True, description="Website")
    def has_website(self, partner):
        return bool(partner.website)


@admin.register(Inspection)
class InspectionAdmin(CouncilScopedAdminMixin, admin.ModelAdmin):
    # Ofsted's judgements are public record, entered by site administrators.
    officer_access = VIEW
    list_display = ["council", "published_on", "framework", "overall_effectiveness", "has_report"]
    list_filter = [("council", admin.RelatedOnlyFieldListFilter), "overall_effectiveness"]
    list_select_related = ["council"]
    search_fields = ["council__name", "summary"]
    autocomplete_fields = ["council"]
    date_hierarchy = "published_on"

    @admin.display(boolean=True, description="Report link")
    def has_report(self, inspection):
        return bool(inspection.url)


@admin.register(CouncilMembership)
class CouncilMembershipAdmin(CouncilScopedAdminMixin, SimpleHistoryAdmin):
    # Who may edit what is the site administrators' decision alone.
    officer_access = NONE
    list_display = ["user", "council", "role", "is_publisher"]
    list_filter = ["role", "council"]
    list_select_related = ["user", "council"]
    search_fields = ["user__username", "user__email", "user__last_name", "council__name"]
    autocomplete_fields = ["user", "council"]

    @admin.display(boolean=True, description="Publisher", ordering="role")
    def is_publisher(self, membership):
        return membership.role == Role.PUBLISHER
