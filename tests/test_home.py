def test_home_page_renders_with_the_govuk_layout(client, db):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" class="govuk-template">' in html
    assert 'class="govuk-skip-link"' in html
    assert '<main class="govuk-main-wrapper" id="main-content">' in html
    assert "govuk-phase-banner" in html
    assert "govuk-footer" in html
    assert "<title>Children and Young People strategies – Strategy Tracker</title>" in html
