"""The admin's "View on site" shortcut is scoped like every other admin page."""

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.factories import make_strategy

pytestmark = pytest.mark.django_db


def _shortcut(obj, object_id=None):
    content_type = ContentType.objects.get_for_model(obj)
    return f"/admin/r/{content_type.pk}/{object_id or obj.pk}/"


@pytest.fixture
def draft_b(council_b):
    return make_strategy(council_b, status="draft", title="Secret restructure plan")


def test_an_officer_is_sent_to_their_own_councils_draft(client, editor_a, council_a):
    draft = make_strategy(council_a, status="draft", title="Our draft")
    client.force_login(editor_a)
    response = client.get(_shortcut(draft))
    assert response.status_code == 302
    assert response["Location"].endswith(draft.get_absolute_url())


def test_another_councils_draft_address_is_not_revealed(client, editor_a, draft_b):
    client.force_login(editor_a)
    response = client.get(_shortcut(draft_b))
    assert response.status_code == 404
    assert draft_b.slug not in response.content.decode()


@pytest.mark.parametrize("object_id", ["999999", "not-a-number", "²"])
def test_a_missing_or_odd_id_is_not_found(client, editor_a, draft_b, object_id):
    client.force_login(editor_a)
    assert client.get(_shortcut(draft_b, object_id)).status_code == 404


def test_another_councils_draft_address_is_not_revealed_by_other_digits(client, editor_a, draft_b):
    # int() reads Arabic-Indic digits as a number; Django's own, unscoped, shortcut would
    # answer such an address if this one let it through.
    content_type = ContentType.objects.get_for_model(draft_b)
    arabic_indic = str(content_type.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    client.force_login(editor_a)

    response = client.get(f"/admin/r/{arabic_indic}/{draft_b.pk}/")

    assert response.status_code == 404
    assert draft_b.slug not in response.content.decode()


def test_a_site_administrator_is_sent_anywhere(client, site_admin, draft_b):
    client.force_login(site_admin)
    response = client.get(_shortcut(draft_b))
    assert response.status_code == 302
