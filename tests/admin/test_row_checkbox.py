"""Each row's checkbox in an admin list is written directly, and is the same input Django's
widget would render: same name, value, class and label, so the actions bar still finds it."""

from django.contrib import admin
from django.contrib.admin.sites import site
from django.test.html import parse_html

from strategies.models import Strategy
from tests.factories import make_strategy


def test_the_row_checkbox_is_the_input_django_would_render(council_a):
    strategy = make_strategy(council_a, title="Plan <for> children & families")
    model_admin = site.get_model_admin(Strategy)
    ours = model_admin.action_checkbox(strategy)
    djangos = admin.ModelAdmin.action_checkbox(model_admin, strategy)
    assert type(model_admin).action_checkbox is not admin.ModelAdmin.action_checkbox
    assert parse_html(ours) == parse_html(djangos)


def test_the_officers_list_posts_the_checked_rows(client, editor_a, council_a):
    strategy = make_strategy(council_a, title="Open plan")
    client.force_login(editor_a)
    html = client.get("/admin/strategies/strategy/").content.decode()
    assert f'name="_selected_action" value="{strategy.pk}" class="action-select"' in html
