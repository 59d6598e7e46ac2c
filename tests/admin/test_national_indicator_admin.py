"""Site administrators keep national indicators and their figures in the admin: a bad figure
gets a clear message and the page keeps what was typed, never a server error."""

import pytest
from django.urls import reverse

from outcomes.models import NationalFigure, NationalIndicator

pytestmark = pytest.mark.django_db


def post_figures(client, national, *rows):
    data = {
        "name": national.name,
        "slug": national.slug,
        "description": "",
        "unit_label": national.unit_label,
        "decimal_places": 1,
        "polarity": "lower_better",
        "frequency": "annual",
        "year_type": "financial",
        "source": "",
        "source_url": "",
        "framework_outcome": "",
        "framework_theme": "",
        "framework_metric": "",
        "framework_filters": "",
        "framework_order": "",
        "figures-TOTAL_FORMS": str(len(rows)),
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
    }
    for n, (period_end, value, status) in enumerate(rows):
        data.update(
            {
                f"figures-{n}-council": "",
                f"figures-{n}-period_end": period_end,
                f"figures-{n}-value": value,
                f"figures-{n}-status": status,
                f"figures-{n}-source": "DfE",
                f"figures-{n}-source_url": "",
            }
        )
    url = reverse("admin:outcomes_nationalindicator_change", args=[national.pk])
    return client.post(url, data)


@pytest.fixture
def national():
    return NationalIndicator.objects.create(slug="cin", name="Children in need", unit_label="%")


def test_england_figures_are_saved(client, site_admin, national):
    client.force_login(site_admin)

    response = post_figures(client, national, ("2025-03-31", "21.5", "final"))

    assert response.status_code == 302
    assert NationalFigure.objects.get(council=None).value == 21.5


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("2025-03-15", "21.5", "final")], "date an annual figure on the last day of its year"),
        ([("2025-03-31", "", "final")], "Enter a value, or set the status"),
        ([("2025-03-31", "3", "suppressed")], "Leave the value empty"),
        (
            [("2025-03-31", "21.5", "final"), ("2025-03-31", "22", "final")],
            "England has another figure for this period end above",
        ),
    ],
)
def test_a_bad_figure_is_refused_with_a_message(client, site_admin, national, rows, message):
    client.force_login(site_admin)

    response = post_figures(client, national, *rows)

    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not NationalFigure.objects.exists()


def test_an_officer_cannot_open_it(client, editor_a, national):
    client.force_login(editor_a)

    response = client.get(reverse("admin:outcomes_nationalindicator_change", args=[national.pk]))

    assert response.status_code == 403


def test_a_second_england_figure_for_a_period_already_held_is_refused(client, site_admin, national):
    NationalFigure.objects.create(
        national_indicator=national, period_end="2025-03-31", value=20, source="DfE"
    )
    client.force_login(site_admin)

    url = reverse("admin:outcomes_nationalfigure_add")
    response = client.post(
        url,
        {
            "national_indicator": national.pk,
            "council": "",
            "period_end": "2025-03-31",
            "value": "21",
            "status": "final",
            "source": "DfE",
            "source_url": "",
        },
    )

    assert response.status_code == 200
    assert "England already has a figure" in response.content.decode()
    assert NationalFigure.objects.count() == 1
