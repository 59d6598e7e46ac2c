"""Every council-scoped admin takes its rows from the model's own queryset method, so a model
says once how its rows reach their council, and no admin repeats it."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

from councils.access import CouncilScopedQuerySet
from councils.admin_access import NONE, CouncilScopedAdminMixin
from outcomes.models import Challenge
from strategies.models import ProgrammeCouncil, StrategyCouncil, StrategyRelation
from tests.factories import make_board_member, make_council, make_strategy, make_update

from .conftest import admin_url


def registered_admins():
    """Every ModelAdmin registered on the site, in a stable order."""
    return [
        admin.site.get_model_admin(model)
        for model in apps.get_models()
        if admin.site.is_registered(model)
    ]


def scoped_admins_and_inlines():
    """Every council-scoped admin and every council-scoped inline on a registered admin."""
    found = []
    for model_admin in registered_admins():
        if isinstance(model_admin, CouncilScopedAdminMixin):
            found.append(model_admin)
        for inline_class in model_admin.inlines:
            if issubclass(inline_class, CouncilScopedAdminMixin):
                found.append(inline_class(model_admin.model, admin.site))
    return found


def label(model_admin):
    kind = "inline" if isinstance(model_admin, admin.options.InlineModelAdmin) else "admin"
    return f"{model_admin.model._meta.label} {kind} {type(model_admin).__name__}"


SCOPED = scoped_admins_and_inlines()


def test_no_admin_or_inline_declares_a_council_path():
    classes = [type(model_admin) for model_admin in registered_admins()]
    classes += [inline for model_admin in registered_admins() for inline in model_admin.inlines]
    declaring = [cls.__name__ for cls in classes if hasattr(cls, "council_path")]
    assert declaring == []


@pytest.mark.parametrize("model_admin", SCOPED, ids=label)
def test_every_scoped_admins_model_says_how_it_reaches_its_council(model_admin):
    rows = model_admin.model._default_manager.all()
    assert isinstance(rows, CouncilScopedQuerySet)
    assert type(rows).for_councils is not CouncilScopedQuerySet.for_councils


@pytest.fixture
def every_part(records_a, records_b, council_a, council_b):
    """Rows of every council-scoped model for both councils, including those the shared
    records leave out and those that reach their council by a programme rather than an
    objective."""
    for records, other in ((records_a, records_b), (records_b, records_a)):
        strategy = records["strategy"]
        make_board_member(records["board"], name="Sam Smith")
        # Each council co-owns the other's strategy: the row belongs to the lead council.
        StrategyCouncil.objects.create(strategy=strategy, council=other["council"])
        StrategyRelation.objects.create(from_strategy=strategy, to_strategy=other["strategy"])
        programme = records["programme"]
        # And runs the other's programme with it: the row belongs to the programme's lead council.
        ProgrammeCouncil.objects.create(programme=programme, council=other["council"])
        make_update(programme=programme)
        Challenge.objects.create(
            meeting=records["meeting"],
            programme=programme,
            question="When does the hub open?",
            owner="Head of Early Help",
            answer_due=dt.date(2026, 9, 30),
        )
    return {council_a.pk: records_a, council_b.pk: records_b}


def admin_rows(model_admin, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return set(model_admin.get_queryset(request).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("model_admin", SCOPED, ids=label)
@pytest.mark.parametrize("persona", ["editor_a", "editor_b"])
def test_an_officers_rows_are_the_models_rows_for_their_councils(
    request, every_part, model_admin, persona
):
    user = request.getfixturevalue(persona)
    (own,) = user.council_memberships.values_list("council_id", flat=True)
    other = next(council for council in every_part if council != own)
    model = model_admin.model

    expected = set(model.objects.for_councils({own}).values_list("pk", flat=True))
    theirs = set(model.objects.for_councils({other}).values_list("pk", flat=True))

    if model_admin.officer_access is NONE:
        assert admin_rows(model_admin, user) == set()
    else:
        assert admin_rows(model_admin, user) == expected
    # The scope says something: each council has rows, and no row is both councils'.
    assert expected
    assert theirs
    assert not expected & theirs


@pytest.mark.django_db
@pytest.mark.parametrize("model_admin", SCOPED, ids=label)
def test_a_site_administrators_rows_are_every_row(every_part, site_admin, model_admin):
    model = model_admin.model

    assert admin_rows(model_admin, site_admin) == set(model.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_a_co_owning_councils_officer_does_not_reach_the_strategy_in_the_admin(
    client, editor_b, council_b
):
    # Co-owners are named on the public page; only the lead council's officers edit.
    strategy = make_strategy(make_council("Lead council"))
    StrategyCouncil.objects.create(strategy=strategy, council=council_b)
    client.force_login(editor_b)

    listed = client.get(admin_url(strategy, "changelist")).context["cl"].queryset

    assert strategy not in listed
    assert client.get(admin_url(strategy)).status_code == 404
