import pytest


@pytest.fixture
def statement(client, db):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_statement_has_every_section_the_regulations_ask_for(statement):
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Compliance status",
        "What we’re doing to improve accessibility",
        "Preparation of this accessibility statement",
    ):
        assert heading in statement


def test_the_statement_names_the_standard_the_enforcer_and_how_we_test(statement):
    assert "WCAG" in statement
    assert "2.2 AA" in statement
    assert "Equality Advisory and Support Service (EASS)" in statement
    assert "Equality and Human Rights Commission" in statement
    assert "axe-core" in statement
    assert "Chromium" in statement
    assert "This statement was prepared on" in statement


def test_the_contact_address_comes_from_settings(client, db, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "access@wyvern.example"
    html = client.get("/accessibility/").content.decode()
    assert 'href="mailto:access@wyvern.example"' in html


def test_the_footer_links_the_statement(client, db):
    html = client.get("/").content.decode()
    assert 'href="/accessibility/"' in html
