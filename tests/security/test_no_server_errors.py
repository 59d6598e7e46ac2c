"""No input makes any page answer 500.

Property-based: hypothesis sends arbitrary text, Unicode, NUL bytes, huge numbers, very long
values, and repeated and missing parameters to every public filter, search and page parameter,
every board form, and every admin changelist filter, search, facet link, autocomplete and
add/change form, signed in as an officer. Every response must be below 500, and a form that is
refused must leave the database as it was. Examples are derandomised so a run is repeatable;
the list of nasty values below is always among them."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.admin.conftest import build_records

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9" * 30,
    "9" * 5000,
    "²",
    "١٢",
    "'; DROP TABLE strategies_strategy; --",
    "<script>alert(1)</script>",
    "%",
    "\\",
    "None",
    "2026-13-45",
    "../../etc/passwd",
    "😀" * 50,
    "x" * 10_000,
    "ſtrategy",
    "on_track",
    "2026-04-01",
]
#: The values most likely to break one parameter on its own: not a number, too big a number,
#: another script's digits, too long, NUL.
POINTED = ["abc", "-1", "9" * 5000, "1e309", "²", "x" * 10_000, "a\x00b", "2026-13-45"]
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
)
FEW_EXAMPLES = settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def params_for(names):
    """A query or form: some of `names` (and one unknown name), each once or repeated."""
    return st.dictionaries(
        keys=st.sampled_from([*names, "unexpected"]),
        values=st.lists(values, min_size=1, max_size=3),
        max_size=len(names) + 1,
    )


def every_nasty_value(names):
    """Each nasty value in every one of `names` at once, then repeated: always tried, before
    hypothesis's own examples."""
    for value in NASTY:
        yield dict.fromkeys(names, value)
        yield {name: [value, value] for name in names}


def form_field_names(html):
    names = set(re.findall(r'name="([^"]+)"', html)) - {"csrfmiddlewaretoken"}
    return sorted(names)


def link_parameter_names(html):
    """The query parameters a page's own links use: its filters, facets and sort links."""
    names = set()
    for href in re.findall(r'href="(\?[^"]*)"', html):
        names.update(key for key, _ in parse_qsl(urlsplit(href.replace("&amp;", "&")).query))
    return sorted(names)


def table_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"councils", "strategies", "outcomes"}
        and not model._meta.label.split(".")[1].startswith("Historical")
    }


def request(client, method, path, data):
    # Each request in its own savepoint, as it would be in its own transaction in production,
    # so one refused write cannot poison the next example.
    with transaction.atomic():
        return getattr(client, method)(path, data)


def assert_refused_cleanly(response, before):
    assert response.status_code < 500, response.status_code
    if response.status_code not in (301, 302, 303):
        assert table_counts() == before, "a refused form changed the database"


@pytest.fixture
def world(council_a, board_a, editor_a, board_member):
    records = build_records(council_a, board_a)
    records["strategy"].status = "published"
    records["strategy"].save()
    return records


def browser(user=None):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


# --- public pages ------------------------------------------------------------------------


def public_paths(world):
    strategy, council = world["strategy"], world["council"]
    args = [council.slug, strategy.slug]
    return [
        "/",
        reverse("public:strategy_list"),
        reverse("public:council_list"),
        reverse("public:council", args=[council.slug]),
        reverse("public:strategy", args=args),
        reverse("public:strategy_csv", args=args),
        reverse("public:strategy_json", args=args),
        reverse("public:indicator", args=[*args, world["indicator"].pk]),
        reverse("public:data"),
        reverse("public:feed"),
        reverse("public:council_feed", args=[council.slug]),
        reverse("public:sitemap"),
    ]


PUBLIC_PARAMETERS = ["q", "council", "status", "period", "aim", "region", "kind", "page"]


@pytest.mark.django_db
@pytest.mark.parametrize("index", range(12))
def test_public_pages_never_answer_500(world, index):
    path = public_paths(world)[index]
    client = browser()

    for query in every_nasty_value(PUBLIC_PARAMETERS):
        assert request(client, "get", path, query).status_code < 500, query

    @EXAMPLES
    @given(query=params_for(PUBLIC_PARAMETERS))
    def check(query):
        assert request(client, "get", path, query).status_code < 500

    check()


# --- board forms -------------------------------------------------------------------------


def board_form_pages(world):
    """(page that shows the form, address it posts to) for every board form."""
    board, meeting = world["board"], world["meeting"]
    action = world["boardaction"]
    meeting_page = reverse("boards:meeting", args=[board.slug, meeting.pk])
    return [
        (
            reverse("boards:meetings", args=[board.slug]),
            reverse("boards:meeting_create", args=[board.slug]),
        ),
        (meeting_page, reverse("boards:sign_off", args=[board.slug, meeting.pk])),
        (meeting_page, reverse("boards:minutes", args=[board.slug, meeting.pk])),
        (meeting_page, reverse("boards:action_create", args=[board.slug, meeting.pk])),
        (meeting_page, reverse("boards:challenge_create", args=[board.slug, meeting.pk])),
        (meeting_page, reverse("boards:meeting_hold", args=[board.slug, meeting.pk])),
        (meeting_page, reverse("boards:action", args=[board.slug, action.pk])),
        (reverse("boards:detail", args=[board.slug]),) * 2,
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("index", range(8))
def test_board_forms_never_answer_500_and_refuse_whole(world, board_member, index):
    page, target = board_form_pages(world)[index]
    client = browser(board_member)
    shown = client.get(page)
    assert shown.status_code == 200
    names = form_field_names(shown.text) or ["rating", "aim"]

    method = "get" if target == page and "meetings" not in target else "post"
    for form in every_nasty_value(names):
        before = table_counts()
        assert_refused_cleanly(request(client, method, target, form), before)

    @EXAMPLES
    @given(form=params_for(names))
    def check(form):
        before = table_counts()
        assert_refused_cleanly(request(client, method, target, form), before)

    check()


# --- the admin, signed in as an officer --------------------------------------------------


def admin_models():
    return sorted(
        (
            model
            for model in apps.get_models()
            if admin.site.is_registered(model) and model._meta.app_label != "auth"
        ),
        key=lambda model: model._meta.label,
    )


ADMIN_MODELS = [model._meta.label for model in admin_models()]


def _admin_url(label, view, *args):
    app_label, model_name = label.lower().split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_admin_changelists_never_answer_500(world, editor_a, label):
    client = browser(editor_a)
    path = _admin_url(label, "changelist")
    shown = client.get(path)
    assert shown.status_code < 500, shown.status_code
    names = [*link_parameter_names(shown.text), "q", "o", "p", "_facets", "e", "all"]
    for query in every_nasty_value(names):
        assert request(client, "get", path, query).status_code < 500, query
    for name in names:
        # Each filter alone, as a person following one link would send it.
        for value in POINTED:
            assert request(client, "get", path, {name: value}).status_code < 500, (name, value)

    @EXAMPLES
    @given(query=params_for(names))
    def check(query):
        assert request(client, "get", path, query).status_code < 500

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_admin_add_and_change_forms_never_answer_500_and_refuse_whole(world, editor_a, label):
    client = browser(editor_a)
    model = apps.get_model(label)
    key = model._meta.model_name
    paths = [_admin_url(label, "add")]
    if key in world:
        paths.append(_admin_url(label, "change", world[key].pk))
    for path in paths:
        shown = client.get(path)
        if shown.status_code != 200:
            assert shown.status_code < 500
            continue
        names = form_field_names(shown.text)
        # Admin forms are the slowest pages, so the pointed values only, and repeated once.
        for form in [*(dict.fromkeys(names, v) for v in POINTED), {n: ["1", "2"] for n in names}]:
            assert request(client, "get", path, form).status_code < 500
            before = table_counts()
            assert_refused_cleanly(request(client, "post", path, form), before)

        fuzz_form(client, path, names)


#: The admin's own pages beyond a model's standard ones that take a form.
CUSTOM_ADMIN_FORMS = ["admin:strategies_strategy_outline"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", CUSTOM_ADMIN_FORMS)
def test_the_admins_own_form_pages_never_answer_500_and_refuse_whole(world, editor_a, name):
    client = browser(editor_a)
    path = reverse(name, args=[world["strategy"].pk])
    shown = client.get(path)
    assert shown.status_code == 200
    names = form_field_names(shown.text)
    for form in [*(dict.fromkeys(names, v) for v in POINTED), {n: ["1", "2"] for n in names}]:
        before = table_counts()
        assert_refused_cleanly(request(client, "post", path, form), before)

    fuzz_form(client, path, names)


def fuzz_form(client, path, names):
    @FEW_EXAMPLES
    @given(form=params_for(names), initial=params_for(names))
    def check(form, initial):
        # GET with the fields as initial values (how the admin pre-fills a link's choice),
        # then POST them.
        assert request(client, "get", path, initial).status_code < 500
        before = table_counts()
        assert_refused_cleanly(request(client, "post", path, form), before)

    check()


@pytest.mark.django_db
def test_admin_autocomplete_never_answers_500(world, editor_a):
    client = browser(editor_a)
    path = reverse("admin:autocomplete")
    names = ["term", "app_label", "model_name", "field_name", "page"]
    real = st.fixed_dictionaries(
        {
            "app_label": st.sampled_from(["outcomes", "strategies", "councils", "auth"]),
            "model_name": st.sampled_from(["progressupdate", "objective", "strategy", "x"]),
            "field_name": st.sampled_from(["objective", "programme", "strategy", "aim", "x"]),
            "term": values,
            "page": values,
        }
    )

    @EXAMPLES
    @given(query=st.one_of(params_for(names), real))
    def check(query):
        assert request(client, "get", path, query).status_code < 500

    check()
