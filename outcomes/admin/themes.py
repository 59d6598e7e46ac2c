"""The national themes: kept by site administrators (the admin's own permissions, which only
they hold); officers meet them as tick boxes on their aims and objectives."""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.db.models import Count

from ..models import Theme


class ThemeChoicesMixin:
    """Themes as tick boxes, in the national order: a handful, each worth reading."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name != "themes":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        kwargs["widget"] = forms.CheckboxSelectMultiple
        kwargs["queryset"] = Theme.objects.all()
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        # Read once a request and shared by every row's copy of the field: an inline of aims or
        # objectives, or the outline page's objectives under each aim, would otherwise read the
        # themes again for each row.
        if not hasattr(request, "_theme_choices"):
            request._theme_choices = list(field.choices)
        field.choices = request._theme_choices
        return field

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if isinstance(self, InlineModelAdmin):
            # Every row's ticked themes in one query, not one for each row.
            queryset = queryset.prefetch_related("themes")
        return queryset


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["title", "framework", "order", "aim_count", "objective_count"]
    list_filter = ["framework"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        # Counted per row in one query; distinct, as each count joins a different table.
        return (
            super()
            .get_queryset(request)
            .annotate(
                aim_total=Count("aims", distinct=True),
                objective_total=Count("objectives", distinct=True),
            )
        )

    @admin.display(description="Aims", ordering="aim_total")
    def aim_count(self, theme):
        return theme.aim_total

    @admin.display(description="Objectives", ordering="objective_total")
    def objective_count(self, theme):
        return theme.objective_total
