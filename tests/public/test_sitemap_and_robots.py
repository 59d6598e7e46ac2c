"""Search engines get a sitemap of the public pages and a robots.txt pointing at it; every public
page type names its canonical address and describes itself."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_aim, make_council, make_indicator, make_objective, make_strategy

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def strategies(council_a):
    return {
        "published": make_strategy(council_a, status="published", title="Published plan"),
        "consultation": make_strategy(council_a, status="consultation"),
        "draft": make_strategy(council_a, status="draft", title="Draft plan"),
        "approved": make_strategy(make_council("Quiet Vale"), status="approved"),
    }


def _locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap, not untrusted input)
    return {loc.text for loc in root.iter(f"{SITEMAP}loc")}


def test_the_sitemap_lists_public_strategies_and_not_drafts(client, strategies):
    locations = _locations(client)
    for status in ("published", "consultation"):
        assert f"http://testserver{strategies[status].get_absolute_url()}" in locations
    for status in ("draft", "approved"):
        assert f"http://testserver{strategies[status].get_absolute_url()}" not in locations


def test_the_sitemap_lists_the_public_pages_and_councils_with_public_strategies(
    client, strategies, council_a
):
    locations = _locations(client)
    for path in ("/", "/councils/", "/strategies/", "/data/", "/accessibility/"):
        assert f"http://testserver{path}" in locations
    assert f"http://testserver{council_a.get_absolute_url()}" in locations
    quiet = strategies["approved"].lead_council
    assert f"http://testserver{quiet.get_absolute_url()}" not in locations


def test_robots_txt_allows_public_pages_and_gives_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *" in body
    for private in ("/admin/", "/boards/", "/accounts/"):
        assert f"Disallow: {private}\n" in body
    assert "Disallow: /\n" not in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def _head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split("</head>")[0]


def test_every_public_page_type_has_a_canonical_link_and_a_description(
    client, strategies, council_a
):
    strategy = strategies["published"]
    indicator = make_indicator(make_objective(make_aim(strategy)))
    pages = [
        "/",
        "/councils/",
        council_a.get_absolute_url(),
        "/strategies/",
        strategy.get_absolute_url(),
        f"{strategy.get_absolute_url()}indicators/{indicator.pk}/",
        "/data/",
        "/accessibility/",
    ]
    descriptions = set()
    for url in pages:
        head = _head(client, url)
        assert f'<link rel="canonical" href="http://testserver{url}">' in head, url
        description = re.search(r'<meta name="description" content="([^"]+)">', head).group(1)
        assert len(description) > 40, url
        descriptions.add(description)
    assert len(descriptions) == len(pages)


def test_the_canonical_link_drops_filters_but_keeps_the_page_number(client, strategies):
    head = _head(client, "/strategies/?q=plan&status=published&page=1")
    assert '<link rel="canonical" href="http://testserver/strategies/">' in head
    for _ in range(25):
        make_strategy(strategies["published"].lead_council, status="published")
    head = _head(client, "/strategies/?status=published&page=2")
    assert '<link rel="canonical" href="http://testserver/strategies/?page=2">' in head
