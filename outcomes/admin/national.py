"""National indicators and their figures: kept by site administrators only (the admin's own
permissions, which only they hold). Officers meet a national indicator as a choice on their own
indicator's page."""

from django import forms
from django.contrib import admin
from django.db.models import Count

from councils.admin_inlines import LabelledTabularInline
from councils.formatting import format_figure

from ..models import NationalFigure, NationalIndicator


class NationalFigureFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """Two rows for one area and period in the same save: the database's rule is conditional
        (England's rows have no council), which the formset's own check does not cover."""
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("period_end"):
                continue
            council = data.get("council")
            key = (council.pk if council else None, data["period_end"])
            if key in seen:
                area = council.name if council else "England"
                form.add_error(
                    "period_end",
                    f"{area} has another figure for this period end above. Keep one of them.",
                )
            seen.add(key)


class NationalFigureInline(LabelledTabularInline):
    model = NationalFigure
    formset = NationalFigureFormSet
    fields = ["council", "period_end", "value", "status", "source", "source_url"]
    autocomplete_fields = ["council"]
    extra = 0


@admin.register(NationalIndicator)
class NationalIndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit_label", "polarity", "framework_theme", "adoption_count"]
    list_filter = ["polarity", "framework_outcome"]
    search_fields = ["name", "description", "framework_metric"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "description"]}),
        (
            "How it is counted",
            {"fields": ["unit_label", "decimal_places", "polarity", "frequency", "year_type"]},
        ),
        ("Where it comes from", {"fields": ["source", "source_url"]}),
        (
            "Its place in the national framework",
            {
                "fields": [
                    "framework_outcome",
                    "framework_theme",
                    "framework_metric",
                    "framework_filters",
                    "framework_order",
                ]
            },
        ),
    ]
    inlines = [NationalFigureInline]

    def get_queryset(self, request):
        # Ordered again: a counting query drops the model's own ordering.
        return (
            super()
            .get_queryset(request)
            .annotate(adoption_total=Count("adoptions"))
            .order_by("framework_order", "name")
        )

    @admin.display(description="Councils' indicators adopting it", ordering="adoption_total")
    def adoption_count(self, indicator):
        return indicator.adoption_total


@admin.register(NationalFigure)
class NationalFigureAdmin(admin.ModelAdmin):
    """Figures are entered on their indicator's page; this list is for finding them."""

    list_display = ["national_indicator", "area", "period_end", "figure", "status", "source"]
    list_filter = ["national_indicator", "status", "demonstration", "period_end"]
    list_select_related = ["national_indicator", "council"]
    search_fields = ["national_indicator__name", "council__name", "source"]
    autocomplete_fields = ["national_indicator", "council"]
    readonly_fields = ["demonstration"]

    @admin.display(description="Area", ordering="council__name")
    def area(self, figure):
        return figure.area_name

    @admin.display(description="Value", ordering="value")
    def figure(self, figure):
        return format_figure(figure.value, figure.national_indicator.decimal_places) or "–"
