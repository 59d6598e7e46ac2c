import datetime as dt

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from councils.models import Inspection
from outcomes.models import Indicator, Measurement, Objective, ProgressUpdate
from outcomes.queries import (
    StrategyPeriod,
    public_successors,
    replaced_and_proposed,
    rollup_strategy,
    with_list_rollups,
    with_whole_strategy,
)
from strategies.models import Programme, Strategy

from .figures import add_figures
from .part_views import readable_strategy
from .public_work import councils_with_public_work
from .search import StrategyFilterForm, describe_matches, search

PAGE_SIZE = 20


def _listed(queryset):
    """What a list row needs, joined or prefetched rather than fetched per row: the lead council,
    and the public strategies that replaced it (an ended strategy names them)."""
    return queryset.select_related("lead_council").prefetch_related(public_successors())


def _with_signed_off_progress(queryset):
    """Annotate period_passed, as Strategy.has_ended() says; has_progress: whether a board has
    signed off any rating in the strategy; and has_parts: whether it has an objective or
    programme a board could rate."""
    signed_off = ProgressUpdate.objects.signed_off()
    return queryset.with_period_passed().annotate(
        has_progress=Exists(signed_off.filter(objective__aim__strategy=OuterRef("pk")))
        | Exists(signed_off.filter(programme__strategy=OuterRef("pk"))),
        has_parts=Exists(Objective.objects.filter(aim__strategy=OuterRef("pk")))
        | Exists(Programme.objects.filter(strategy=OuterRef("pk"))),
    )


class HomeView(TemplateView):
    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        # Strategies a board reports on lead: a plan with no signed-off progress tells a visitor
        # nothing about whether a council is on track, and one with no objectives or programmes
        # (a partnership plan recorded by title only) tells them less than one with some. A plan
        # still in force comes before any that has ended, which is listed as such.
        latest = with_list_rollups(
            _with_signed_off_progress(_listed(Strategy.objects.public()))
            .filter(status__in=["published", "consultation"])
            .order_by("period_passed", "-has_progress", "-has_parts", "-first_public_at", "title")[
                :6
            ]
        )
        councils = councils_with_public_work()
        return super().get_context_data(
            latest_strategies=latest, councils=councils, form=StrategyFilterForm(), **kwargs
        )


class StrategyListView(TemplateView):
    template_name = "public/strategy_list.html"

    def get_context_data(self, **kwargs):
        councils = list(councils_with_public_work())
        form = StrategyFilterForm(self.request.GET or None, councils=councils)
        strategies = _listed(Strategy.objects.public())
        query = ""
        if form.is_bound:
            form.is_valid()
            strategies = form.filter(strategies)
            query = form.query
        if query:
            strategies = search(strategies, query)
        page = Paginator(strategies, PAGE_SIZE).get_page(self.request.GET.get("page"))
        # The page's own objects, which the template then lists, gain their roll-ups.
        page.object_list = with_list_rollups(page.object_list)
        if query:
            describe_matches(page.object_list, query)
        params = self.request.GET.copy()
        params.pop("page", None)
        return super().get_context_data(
            form=form,
            query=query,
            page=page,
            page_links=_page_links(page),
            querystring=params.urlencode(),
            filtered=bool(form.is_bound and any(form.cleaned_data.get(f) for f in form.fields)),
            **kwargs,
        )


def _page_links(page):
    """Page numbers for GOV.UK pagination: first, last, and neighbours of the current page, with
    None where a run is skipped."""
    last = page.paginator.num_pages
    wanted = sorted(
        {1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1))
    )
    links, previous = [], 0
    for number in wanted:
        if number - previous > 1:
            links.append(None)
        links.append(number)
        previous = number
    return links


class StrategyDetailView(DetailView):
    """The strategy whole. Officers and board members may "view on site" a draft they may read;
    everyone else gets 404 for it, so a draft's existence does not leak."""

    template_name = "public/strategy_detail.html"
    context_object_name = "strategy"

    def get_object(self, queryset=None):
        # The overview: each objective's own page shows its indicators.
        queryset = with_whole_strategy(
            Strategy.objects.for_user(self.request.user), indicators=False
        )
        return get_object_or_404(
            queryset, lead_council__slug=self.kwargs["council"], slug=self.kwargs["slug"]
        )

    def get_context_data(self, **kwargs):
        strategy = self.object
        period = StrategyPeriod.of(strategy)
        predecessor = strategy.predecessor
        if predecessor is not None and not predecessor.is_public:
            predecessor = None
        successors, proposed = replaced_and_proposed(strategy)
        return super().get_context_data(
            rollup=rollup_strategy(strategy),
            period=period,
            predecessor=predecessor,
            successors=successors,
            proposed_successors=proposed,
            ended_without_successor=period.has_ended and not successors,
            board_members=getattr(strategy.board, "current_members", []),
            lead_judgement=Inspection.objects.graded()
            .filter(council=strategy.lead_council_id)
            .first(),
            **kwargs,
        )


class IndicatorDetailView(DetailView):
    """One indicator in full: its chart, every figure and where they come from. Readable exactly
    when its strategy is."""

    template_name = "public/indicator.html"
    context_object_name = "indicator"

    def get_object(self, queryset=None):
        strategy = readable_strategy(self.request, self.kwargs)
        indicator = get_object_or_404(
            Indicator.objects.filter(objective__aim__strategy=strategy)
            .select_related("objective__aim__strategy__lead_council", "national_indicator")
            .prefetch_related(
                Prefetch("measurements", queryset=Measurement.objects.order_by("period_end")),
                "targets",
            ),
            pk=self.kwargs["pk"],
        )
        self.strategy = strategy
        add_figures(indicator, compared_for=strategy.lead_council)
        return indicator

    def get_context_data(self, **kwargs):
        return super().get_context_data(strategy=self.strategy, **kwargs)


class AccessibilityStatementView(TemplateView):
    """The statement UK public sector websites must publish, in the structure of GOV.UK's model
    statement. The contact address is the operator's to set (ACCESSIBILITY_CONTACT_EMAIL)."""

    template_name = "public/accessibility.html"
    prepared_on = dt.date(2026, 11, 25)
    reviewed_on = dt.date(2026, 11, 25)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contact_email=settings.ACCESSIBILITY_CONTACT_EMAIL,
            prepared_on=self.prepared_on,
            reviewed_on=self.reviewed_on,
            **kwargs,
        )


@require_safe
def robots_txt(request):
    """Every public page may be crawled; signed-in areas are not worth a crawler's time."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /boards/",
        "Disallow: /accounts/",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('public:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """Liveness for load balancers: 200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
