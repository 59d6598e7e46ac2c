"""The downloads, and the open data page that says what they hold."""

import csv
import datetime as dt
import json

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from outcomes import periods
from outcomes.queries import with_whole_strategy
from strategies.models import Strategy

from .columns import COLUMN_NAMES, CSV_COLUMNS, RECORD_TYPES
from .data import strategy_data
from .fields import JSON_SECTIONS, LICENCE, LICENCE_URL
from .rows import csv_rows


def _public_strategy(council, slug):
    """Only public strategies, whoever asks: a download never carries a draft."""
    try:
        return with_whole_strategy(Strategy.objects.public()).get(
            lead_council__slug=council, slug=slug
        )
    except Strategy.DoesNotExist:
        raise Http404("No public strategy at this address.") from None


def _generated_at():
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@require_safe
def strategy_json(request, council, slug):
    strategy = _public_strategy(council, slug)
    payload = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        # "Out of date" and the shares of the period depend on the day; say which day.
        "generated_at": _generated_at(),
        **strategy_data(strategy, request),
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_safe
def strategy_csv(request, council, slug):
    strategy = _public_strategy(council, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{council}-{slug}.csv"'
    # A byte order mark so Excel reads the file as UTF-8.
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    writer.writerows(csv_rows(strategy_data(strategy, request)))
    return response


@require_safe
def all_json(request):
    strategies = with_whole_strategy(Strategy.objects.public())
    today = periods.today_in_london()
    payload = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "generated_at": _generated_at(),
        "strategies": [strategy_data(strategy, request, today) for strategy in strategies],
    }
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="strategy-tracker.json"'
    return response


class DataView(TemplateView):
    template_name = "public/data.html"

    def get_context_data(self, **kwargs):
        example = Strategy.objects.public().select_related("lead_council").first()
        return super().get_context_data(
            csv_columns=CSV_COLUMNS,
            record_types=RECORD_TYPES,
            json_sections=JSON_SECTIONS,
            example=example,
            all_url=reverse("public:data_all"),
            licence=LICENCE,
            licence_url=LICENCE_URL,
            **kwargs,
        )
