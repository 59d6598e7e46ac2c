"""The board pack as a PDF: the same template as the printable page, laid out by WeasyPrint
with the print styles. Static files are read from disk through the staticfiles finders, so the
PDF needs no web server and works the same under runserver, gunicorn or a test."""

import mimetypes
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")


def _static_file(url):
    """The file behind a /static/ address, or None."""
    path = urlparse(url).path
    if path.startswith(STATIC_PREFIX):
        found = finders.find(path[len(STATIC_PREFIX) :])
        if found:
            return Path(found)
    return None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves /static/ addresses from disk and refuses everything else: a PDF built on the
        server must never fetch from the network (fonts, images or links in an update)."""

        def fetch(self, url, headers=None):
            found = _static_file(url)
            if found is None:
                raise ValueError(f"The board pack PDF does not fetch {url}")
            mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": mime})

    return StaticOnlyFetcher()


def render_pdf(request, template_name, context):
    from weasyprint import HTML

    html = render_to_string(template_name, {**context, "for_pdf": True}, request=request)
    # PDF/UA: tagged, with a title and language, so a screen reader can read the pack in order.
    return HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_fetcher()
    ).write_pdf(pdf_variant="pdf/ua-1")
