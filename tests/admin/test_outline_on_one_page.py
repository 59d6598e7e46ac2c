"""A strategy's whole outline edited on one admin page: aims with their objectives (descriptions,
leads, themes), programmes with their milestones, saved together in one post or not at all."""

import datetime as dt

import pytest
from django.urls import reverse

from outcomes.models import Aim, Objective, Theme
from strategies.models import Milestone, Programme
from tests.factories import make_aim, make_objective, make_programme, make_strategy, make_update
from tests.live_servers import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy(council_a):
    strategy = make_strategy(council_a, title="Wyvern Vale children's plan")
    start_well = make_aim(strategy, title="Start well", order=1)
    make_aim(strategy, title="Keep safe", order=2)
    make_objective(start_well, title="Ready for school", order=1)
    make_objective(start_well, title="Healthy first years", order=2)
    programme = make_programme(strategy, title="Family hubs")
    Milestone.objects.create(programme=programme, title="First hub open")
    return strategy


@pytest.fixture
def theme():
    return Theme.objects.create(title="Safe and secure", slug="safe-and-secure", order=1)


def outline_url(strategy):
    return reverse("admin:strategies_strategy_outline", args=[strategy.pk])


def page_data(response):
    """What a browser would post back from the page as it was rendered, as a dict of lists."""
    data = {}
    for name, value in form_fields(response.content.decode()):
        data.setdefault(name, []).append(value)
    return data


def set_field(data, name, value):
    data[name] = [value]


def prefix_of(response, title):
    """The form prefix of the aim, objective, programme or milestone with this title."""
    outline = response.context["outline"]
    forms = [branch.form for branch in outline.branches] + [
        form for branch in outline.branches for form in branch.children.forms
    ]
    (form,) = [form for form in forms if form.instance.pk and form.instance.title == title]
    return form.prefix


def new_prefix(response, parent_title=None, kind="aims"):
    """The prefix of the empty row offered for a new aim or programme, or for a new objective or
    milestone under the named parent."""
    outline = response.context["outline"]
    if parent_title is None:
        formset = outline.aims if kind == "aims" else outline.programmes
        return formset.forms[-1].prefix
    (branch,) = [b for b in outline.branches if b.form.instance.title == parent_title]
    return branch.children.forms[-1].prefix


def test_the_strategy_page_links_to_its_outline_page(client, editor_a, strategy):
    client.force_login(editor_a)

    html = client.get(reverse("admin:strategies_strategy_change", args=[strategy.pk])).content

    assert outline_url(strategy).encode() in html


def test_the_whole_outline_is_saved_in_one_post(client, editor_a, strategy, theme):
    client.force_login(editor_a)
    response = client.get(outline_url(strategy))
    data = page_data(response)
    ready = prefix_of(response, "Ready for school")
    set_field(data, f"{ready}-description", "Children reach a good level of development.")
    set_field(data, f"{ready}-lead", "Head of Early Years")
    data[f"{ready}-themes"] = [str(theme.pk)]
    set_field(data, f"{prefix_of(response, 'Keep safe')}-description", "Safe at home and online.")
    new_objective = new_prefix(response, "Keep safe")
    set_field(data, f"{new_objective}-title", "Fewer children on protection plans")
    set_field(data, f"{new_objective}-lead", "Director of Children's Services")
    new_aim = new_prefix(response)
    set_field(data, f"{new_aim}-title", "Enjoy and achieve")
    new_aim_objective = "aim-new0-objectives-0"
    set_field(data, f"{new_aim_objective}-title", "Everyone in school every day")
    set_field(data, f"{prefix_of(response, 'Family hubs')}-status", "in_progress")
    milestone = new_prefix(response, "Family hubs")
    set_field(data, f"{milestone}-title", "All hubs open")
    set_field(data, f"{milestone}-due_on", "2027-03-31")
    new_programme = new_prefix(response, kind="programmes")
    set_field(data, f"{new_programme}-title", "Family safeguarding")

    response = client.post(outline_url(strategy), data)

    assert response.status_code == 302, response.context and response.context["outline"]
    ready = Objective.objects.get(title="Ready for school")
    assert ready.description == "Children reach a good level of development."
    assert ready.lead == "Head of Early Years"
    assert list(ready.themes.all()) == [theme]
    assert Aim.objects.get(title="Keep safe").description == "Safe at home and online."
    assert Objective.objects.get(title="Fewer children on protection plans").aim.title == (
        "Keep safe"
    )
    assert Objective.objects.get(title="Everyone in school every day").aim.title == (
        "Enjoy and achieve"
    )
    hubs = Programme.objects.get(title="Family hubs")
    assert hubs.status == "in_progress"
    assert hubs.milestones.get(title="All hubs open").due_on == dt.date(2027, 3, 31)
    assert strategy.programmes.filter(title="Family safeguarding").exists()
    # Kept as history with who did it, as on each record's own page.
    assert ready.history.first().history_user == editor_a


def test_new_rows_take_the_next_order_numbers(client, editor_a, strategy):
    client.force_login(editor_a)
    response = client.get(outline_url(strategy))
    data = page_data(response)
    new_aim = new_prefix(response)
    new_objective = new_prefix(response, "Start well")

    assert data[f"{new_aim}-order"] == ["3"]
    assert data[f"{new_objective}-order"] == ["3"]
    assert data["aim-new0-objectives-0-order"] == ["1"]

    set_field(data, f"{new_aim}-title", "Enjoy and achieve")
    set_field(data, f"{new_objective}-title", "Fewer low birth weight babies")
    set_field(data, "aim-new0-objectives-0-title", "Everyone in school every day")
    assert client.post(outline_url(strategy), data).status_code == 302

    assert list(strategy.aims.order_by("order").values_list("title", "order")) == [
        ("Start well", 1),
        ("Keep safe", 2),
        ("Enjoy and achieve", 3),
    ]
    assert Objective.objects.get(title="Fewer low birth weight babies").order == 3
    assert Objective.objects.get(title="Everyone in school every day").order == 1


def test_more_empty_rows_are_offered_on_asking(client, editor_a, strategy):
    client.force_login(editor_a)
    data = page_data(client.get(outline_url(strategy)))
    set_field(data, "aim-new0-objectives-0-title", "Everyone in school every day")
    set_field(data, "aims-2-title", "Enjoy and achieve")
    data["_more"] = ["Save and add more empty rows"]

    response = client.post(outline_url(strategy), data)

    assert response.status_code == 302
    assert response["Location"] == outline_url(strategy) + "?more=3"
    response = client.get(response["Location"])
    outline = response.context["outline"]
    assert len(outline.aims.extra_forms) == 3
    assert all(len(branch.children.extra_forms) == 3 for branch in outline.branches)


def test_a_new_strategy_is_outlined_in_one_save(client, editor_a, council_a):
    strategy = make_strategy(council_a, title="Wyvern Vale children's plan")
    client.force_login(editor_a)
    data = page_data(client.get(outline_url(strategy) + "?more=3"))
    for aim, title in enumerate(["Start well", "Stay well", "Keep safe"]):
        set_field(data, f"aims-{aim}-title", title)
        for number in range(3):
            set_field(data, f"aim-new{aim}-objectives-{number}-title", f"{title} {number + 1}")
    set_field(data, "programmes-0-title", "Family hubs")
    set_field(data, "programme-new0-milestones-0-title", "First hub open")

    assert client.post(outline_url(strategy), data).status_code == 302

    assert list(strategy.aims.values_list("title", "order")) == [
        ("Start well", 1),
        ("Stay well", 2),
        ("Keep safe", 3),
    ]
    keep_safe = strategy.aims.get(title="Keep safe")
    assert list(keep_safe.objectives.values_list("title", "order")) == [
        ("Keep safe 1", 1),
        ("Keep safe 2", 2),
        ("Keep safe 3", 3),
    ]
    assert strategy.programmes.get().milestones.get().title == "First hub open"


def test_aims_and_objectives_are_reordered_by_their_order_numbers(client, editor_a, strategy):
    client.force_login(editor_a)
    response = client.get(outline_url(strategy))
    data = page_data(response)
    set_field(data, f"{prefix_of(response, 'Start well')}-order", "2")
    set_field(data, f"{prefix_of(response, 'Keep safe')}-order", "1")
    set_field(data, f"{prefix_of(response, 'Ready for school')}-order", "2")
    set_field(data, f"{prefix_of(response, 'Healthy first years')}-order", "1")

    assert client.post(outline_url(strategy), data).status_code == 302

    assert list(strategy.aims.values_list("title", flat=True)) == ["Keep safe", "Start well"]
    start_well = strategy.aims.get(title="Start well")
    assert list(start_well.objectives.values_list("title", flat=True)) == [
        "Healthy first years",
        "Ready for school",
    ]
    page = client.get(outline_url(strategy)).content.decode()
    assert page.index("Aim 1: Keep safe") < page.index("Aim 2: Start well")


def test_a_bad_row_shows_its_error_and_nothing_is_saved(client, editor_a, strategy):
    client.force_login(editor_a)
    response = client.get(outline_url(strategy))
    data = page_data(response)
    set_field(data, f"{prefix_of(response, 'Keep safe')}-description", "Safe at home.")
    set_field(data, f"{new_prefix(response)}-title", "Enjoy and achieve")
    ready = prefix_of(response, "Ready for school")
    set_field(data, f"{ready}-title", "")

    response = client.post(outline_url(strategy), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing has been saved." in html
    assert "This field is required." in html
    # The error summary names the row and leads to it.
    assert response.context["outline"].error_rows == [
        (ready, "Objective: Ready for school (under Start well)")
    ]
    assert f'href="#{ready}"' in html
    # What was typed elsewhere is still on the page, and none of it has been saved.
    assert "Safe at home." in html
    assert 'value="Enjoy and achieve"' in html
    assert Aim.objects.get(title="Keep safe").description == ""
    assert not Aim.objects.filter(title="Enjoy and achieve").exists()
    assert Objective.objects.filter(title="Ready for school").exists()


def test_objectives_typed_under_an_untitled_new_aim_are_refused(client, editor_a, strategy):
    client.force_login(editor_a)
    data = page_data(client.get(outline_url(strategy)))
    set_field(data, "aim-new0-objectives-0-title", "Everyone in school every day")

    response = client.post(outline_url(strategy), data)

    assert response.status_code == 200
    assert "Give the new aim a title" in response.content.decode()
    assert not Objective.objects.filter(title="Everyone in school every day").exists()


def test_an_objective_with_signed_off_progress_cannot_be_deleted_from_the_outline(
    client, editor_a, strategy, board_a
):
    from tests.factories import make_meeting, sign_off

    objective = Objective.objects.get(title="Ready for school")
    sign_off(make_update(objective=objective), make_meeting(board_a))
    client.force_login(editor_a)
    response = client.get(outline_url(strategy))
    data = page_data(response)
    data[f"{prefix_of(response, 'Ready for school')}-DELETE"] = ["on"]

    response = client.post(outline_url(strategy), data)

    assert response.status_code == 200
    assert "Nothing has been saved." in response.content.decode()
    assert "would require deleting the following protected" in response.content.decode()
    assert Objective.objects.filter(pk=objective.pk).exists()


def test_an_objective_changed_by_someone_else_meanwhile_is_a_conflict(client, editor_a, strategy):
    client.force_login(editor_a)
    response = client.get(outline_url(strategy))
    data = page_data(response)
    ready = prefix_of(response, "Ready for school")
    set_field(data, f"{ready}-lead", "Head of Early Years")
    theirs = Objective.objects.get(title="Ready for school")
    theirs.lead = "Public health"
    theirs.save()

    response = client.post(outline_url(strategy), data)

    assert response.status_code == 200
    assert "Someone else saved changes to this objective" in response.content.decode()
    assert Objective.objects.get(pk=theirs.pk).lead == "Public health"


def test_another_councils_officer_finds_no_outline(client, editor_b, strategy):
    client.force_login(editor_b)

    assert client.get(outline_url(strategy)).status_code == 404
    assert client.post(outline_url(strategy), {}).status_code == 404


def test_a_stranger_is_sent_to_sign_in(client, stranger, strategy):
    client.force_login(stranger)

    response = client.get(outline_url(strategy))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_an_editor_edits_the_outline_of_a_published_strategy(client, editor_a, council_a):
    # Editors keep a public strategy's content up to date; only its status is a publisher's.
    strategy = make_strategy(council_a, title="Published plan", status="published")
    make_aim(strategy, title="Start well", order=1)
    client.force_login(editor_a)
    response = client.get(outline_url(strategy))
    data = page_data(response)
    set_field(data, f"{prefix_of(response, 'Start well')}-description", "From birth to five.")

    assert client.post(outline_url(strategy), data).status_code == 302
    assert strategy.aims.get().description == "From birth to five."


@pytest.mark.parametrize("size", [1, 6])
def test_the_outline_page_runs_a_fixed_number_of_queries(
    client, editor_a, council_a, django_assert_max_num_queries, size
):
    strategy = make_strategy(council_a, title="Wyvern Vale children's plan")
    theme = Theme.objects.create(title="Safe and secure", slug="safe-and-secure", order=1)
    for number in range(size):
        aim = make_aim(strategy, title=f"Aim {number}", order=number)
        aim.themes.add(theme)
        for count in range(size):
            make_objective(aim, title=f"Objective {number}.{count}").themes.add(theme)
        programme = make_programme(strategy, title=f"Programme {number}")
        Milestone.objects.create(programme=programme, title="Begun")
    client.force_login(editor_a)

    with django_assert_max_num_queries(18):
        assert client.get(outline_url(strategy)).status_code == 200


def test_an_aim_changed_by_someone_else_meanwhile_is_a_conflict(client, editor_a, strategy):
    client.force_login(editor_a)
    response = client.get(outline_url(strategy))
    data = page_data(response)
    set_field(data, f"{prefix_of(response, 'Keep safe')}-description", "Mine.")
    Aim.objects.filter(title="Keep safe").update(description="Theirs.")

    response = client.post(outline_url(strategy), data)

    assert response.status_code == 200
    assert "Someone else changed this aim after you opened the page" in response.content.decode()
    assert Aim.objects.get(title="Keep safe").description == "Theirs."
    # Saving the page as it came back is the choice to replace their change.
    assert client.post(outline_url(strategy), page_data(response)).status_code == 302
    assert Aim.objects.get(title="Keep safe").description == "Mine."


def test_someone_elses_change_to_a_row_left_alone_stands(client, editor_a, strategy):
    client.force_login(editor_a)
    response = client.get(outline_url(strategy))
    data = page_data(response)
    set_field(data, f"{prefix_of(response, 'Keep safe')}-description", "Mine.")
    Aim.objects.filter(title="Start well").update(description="Theirs.")
    Milestone.objects.filter(title="First hub open").update(title="First hub opened")

    assert client.post(outline_url(strategy), data).status_code == 302

    assert Aim.objects.get(title="Keep safe").description == "Mine."
    assert Aim.objects.get(title="Start well").description == "Theirs."
    assert Milestone.objects.filter(title="First hub opened").exists()


def test_themes_ticked_on_a_page_sent_back_for_an_error_are_saved_without_a_false_conflict(
    client, editor_a, strategy, theme
):
    client.force_login(editor_a)
    response = client.get(outline_url(strategy))
    data = page_data(response)
    keep_safe = prefix_of(response, "Keep safe")
    data[f"{keep_safe}-themes"] = [str(theme.pk)]
    ready = prefix_of(response, "Ready for school")
    set_field(data, f"{ready}-title", "")
    response = client.post(outline_url(strategy), data)
    assert "Nothing has been saved." in response.content.decode()

    data = page_data(response)
    set_field(data, f"{ready}-title", "Ready for school")
    response = client.post(outline_url(strategy), data)

    assert response.status_code == 302, response.context["outline"].error_rows
    assert list(Aim.objects.get(title="Keep safe").themes.all()) == [theme]
