from tests.factories import make_strategy


def test_home_page_lists_latest_public_strategies_and_their_councils(client, council_a, council_b):
    make_strategy(council_a, status="published", title="Shown plan")
    make_strategy(council_b, status="draft", title="Hidden plan")
    html = client.get("/").content.decode()
    assert "Shown plan" in html
    assert "Hidden plan" not in html
    assert 'href="/councils/wyvern-vale/"' in html
    assert 'href="/councils/brackenfield/"' not in html


def test_home_page_search_box_searches_strategies(client, db):
    html = client.get("/").content.decode()
    assert 'action="/strategies/"' in html
    assert 'name="q"' in html


def test_service_navigation_links_every_public_section(client, db):
    html = client.get("/").content.decode()
    for url in ("/strategies/", "/councils/", "/data/"):
        assert f'class="govuk-service-navigation__link" href="{url}"' in html
