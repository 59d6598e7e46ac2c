"""The downloads, and the open data page that says what they hold."""

import datetime as dt
import re

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from councils.caching import generation
from councils.middleware import RETRY_AFTER
from outcomes.queries import with_whole_strategy
from strategies.models import Strategy

from . import bulk
from .columns import CSV_COLUMNS, RECORD_TYPES
from .data import strategy_data
from .fields import JSON_SECTIONS, LICENCE, LICENCE_URL
from .rows import write_csv


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
    write_csv(response, strategy_data(strategy, request))
    return response


_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _current_build(request):
    """The build to serve, asking for a new one when a change has made it out of date. Inline
    (development, tests) the request builds it itself; in the background this one gets the last
    finished build, at most one rebuild behind."""
    inline = settings.OPEN_DATA_BUILD == "inline"
    # Inline builds are made for the address asked, as the strategy's own download is.
    origin = request.build_absolute_uri("/").rstrip("/") if inline else bulk.site_origin()
    build = bulk.current()
    if not bulk.is_fresh(build, origin, generation()):
        if inline:
            build = bulk.build(origin)
        else:
            bulk.start_background_build()
    return build


def _being_prepared():
    response = HttpResponse(
        "The whole-dataset download is being prepared. Please try again in a minute.\n",
        content_type="text/plain; charset=utf-8",
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def _serve_file(request, build, *, name, etag, content_type, encoding=None):
    """A finished build's file, with validators: a client holding the same build gets 304 and
    nothing else. Behind nginx the proxy sends the file (see OPEN_DATA_ACCEL_REDIRECT)."""
    last_modified = build.built_at.timestamp()
    not_modified = get_conditional_response(request, etag=etag, last_modified=int(last_modified))
    if not_modified is not None:
        response = not_modified
    elif settings.OPEN_DATA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=bulk.DOWNLOAD_NAMES[name]
        )
        # Names from the manifest and this module only: nothing a client sent reaches the path.
        response["X-Accel-Redirect"] = (
            f"{settings.OPEN_DATA_ACCEL_REDIRECT}{build.folder.name}/{name}"
        )
    else:
        response = FileResponse(
            open(build.path(name), "rb"),  # noqa: SIM115 - FileResponse closes it
            content_type=content_type,
            as_attachment=True,
            filename=bulk.DOWNLOAD_NAMES[name],
        )
    if encoding and not_modified is None:
        response["Content-Encoding"] = encoding
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Caches may keep it, but must ask each time whether a newer build exists.
    patch_cache_control(response, public=True, no_cache=True)
    return response


@require_safe
def all_json(request):
    build = _current_build(request)
    if build is None:
        return _being_prepared()
    tag = build.etags["json"]
    if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = _serve_file(
            request,
            build,
            name=bulk.JSON_NAME + ".gz",
            etag=f'"{tag}-gzip"',
            content_type="application/json",
            encoding="gzip",
        )
    else:
        response = _serve_file(
            request, build, name=bulk.JSON_NAME, etag=f'"{tag}"', content_type="application/json"
        )
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


@require_safe
def all_csv_zip(request):
    build = _current_build(request)
    if build is None:
        return _being_prepared()
    return _serve_file(
        request,
        build,
        name=bulk.ZIP_NAME,
        etag=f'"{build.etags["zip"]}"',
        content_type="application/zip",
    )


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
            all_csv_url=reverse("public:data_all_csv"),
            licence=LICENCE,
            licence_url=LICENCE_URL,
            **kwargs,
        )
