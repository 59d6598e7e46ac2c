"""Addresses people and robots make up: every one gets a page, never a server error."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.public.showcase import build_showcase, error_pages, public_pages

pytestmark = pytest.mark.django_db

# "²" is a digit to str.isdigit() but not to int(); Python refuses to read over 4,300 digits.
ODD_PAGE_NUMBERS = ["²", "9" * 5000, "-1", "1e3", "0x10", " 2"]


@pytest.mark.parametrize("page", ODD_PAGE_NUMBERS)
def test_every_public_page_type_takes_any_page_number(client, council_a, page):
    strategy = build_showcase(council_a)
    for name, url in public_pages(strategy).items():
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}page={page}")
        assert response.status_code == 200, name


def test_a_real_page_number_stays_in_the_canonical_link(client, council_a):
    build_showcase(council_a)
    html = client.get("/strategies/", {"page": "1"}).content.decode()
    assert '<link rel="canonical" href="http://testserver/strategies/">' in html


def test_a_guessed_address_gets_a_styled_page_not_found(client, council_a):
    strategy = build_showcase(council_a)
    url, status = error_pages(strategy)["not-found"]
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == status
    assert "<title>Page not found – Strategy Tracker</title>" in html
    assert 'class="govuk-header' in html or "govuk-generic-header" in html
    assert 'href="/strategies/"' in html
    assert 'rel="canonical"' not in html


def test_the_server_error_page_needs_no_request_context():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-generic-header" in html


@pytest.mark.parametrize("path", ["/healthz", "/robots.txt", "/data/all.json"])
def test_head_requests_are_answered(client, path):
    assert client.head(path).status_code == 200


def test_head_requests_are_answered_for_a_strategys_downloads(client, council_a):
    strategy = build_showcase(council_a)
    for download in ("data.csv", "data.json"):
        assert client.head(strategy.get_absolute_url() + download).status_code == 200
