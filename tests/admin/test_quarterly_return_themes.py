"""Officers tick each aim's and objective's national themes on the quarterly return, saved with
the return's updates in its one save, all or nothing; themes are not progress."""

import datetime as dt

import pytest
from django.urls import reverse

from outcomes.admin.return_themes import ReturnThemes
from outcomes.models import Aim, Objective, ProgressUpdate, Theme
from outcomes.periods import Quarter
from tests.factories import make_aim, make_objective, make_strategy, make_update
from tests.live_servers import form_fields

pytestmark = pytest.mark.django_db

Q2 = Quarter.containing(dt.date(2026, 7, 1))


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 20, 9, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def themes():
    return [
        Theme.objects.create(title="Start well", slug="start-well", order=1),
        Theme.objects.create(title="Keep safe", slug="keep-safe", order=2),
        Theme.objects.create(title="Enjoy and achieve", slug="enjoy-and-achieve", order=3),
    ]


@pytest.fixture
def strategy(council_a, board_a):
    strategy = make_strategy(council_a, title="Wyvern Vale children's plan", board=board_a)
    early_years = make_aim(strategy, title="Early years", order=1)
    make_objective(early_years, title="Ready for school", order=1)
    make_objective(early_years, title="Healthy first years", order=2)
    return strategy


def return_url(strategy):
    return reverse("admin:strategies_strategy_return", args=[strategy.pk, Q2.start])


def page_data(response):
    """What a browser would post back from the page as rendered, as a dict of lists."""
    data = {}
    for name, value in form_fields(response.content.decode()):
        data.setdefault(name, []).append(value)
    return data


def tick(data, subject, *themes):
    noun = "aim" if isinstance(subject, Aim) else "objective"
    data[f"{noun}-{subject.pk}-themes"] = [str(theme.pk) for theme in themes]


def test_ticking_themes_on_the_return_saves_them_with_their_history(
    client, editor_a, strategy, themes
):
    start_well, keep_safe, _ = themes
    aim = strategy.aims.get()
    ready = Objective.objects.get(title="Ready for school")
    client.force_login(editor_a)
    page = client.get(return_url(strategy))
    html = page.content.decode()
    assert "Themes of the aim “Early years”" in html
    assert "Themes of the objective “Ready for school”" in html
    data = page_data(page)
    tick(data, aim, start_well)
    tick(data, ready, start_well, keep_safe)

    response = client.post(return_url(strategy), data)

    assert response.status_code == 302
    assert list(aim.themes.all()) == [start_well]
    assert set(ready.themes.all()) == {start_well, keep_safe}
    assert not Objective.objects.get(title="Healthy first years").themes.exists()
    # Kept as history with who did it, as on the aim's and objective's own pages.
    assert ready.history.first().history_user == editor_a
    assert aim.history.first().history_user == editor_a
    # Themes are not progress: no update is posted for a row whose only change is its themes.
    assert not ProgressUpdate.objects.exists()
    said = client.get(response["Location"]).content.decode()
    assert "No progress update was changed for Q2 2026-27" in said
    assert "Saved the themes of 2 aims and objectives" in said


def test_themes_are_saved_beside_a_progress_update_in_one_save(client, editor_a, strategy, themes):
    ready = Objective.objects.get(title="Ready for school")
    client.force_login(editor_a)
    data = page_data(client.get(return_url(strategy)))
    data[f"objective-{ready.pk}-rating"] = ["on_track"]
    data[f"objective-{ready.pk}-commentary"] = ["Every child checked at two."]
    tick(data, ready, themes[0])

    response = client.post(return_url(strategy), data)

    assert response.status_code == 302
    assert list(ready.themes.all()) == [themes[0]]
    assert ProgressUpdate.objects.get().objective == ready
    said = client.get(response["Location"]).content.decode()
    assert "Saved 1 update for Q2 2026-27. Saved the themes of 1 aim or objective." in said


def test_unticking_a_theme_keeps_one_someone_else_ticked_meanwhile(
    client, editor_a, strategy, themes
):
    start_well, keep_safe, enjoy = themes
    ready = Objective.objects.get(title="Ready for school")
    ready.themes.add(start_well)
    client.force_login(editor_a)
    data = page_data(client.get(return_url(strategy)))
    ready.themes.add(enjoy)  # another officer, on the objective's own page
    tick(data, ready, keep_safe)  # this officer unticks "Start well" and ticks "Keep safe"

    assert client.post(return_url(strategy), data).status_code == 302

    assert set(ready.themes.all()) == {keep_safe, enjoy}


def test_a_bad_progress_row_saves_no_theme_change(client, editor_a, strategy, themes):
    aim = strategy.aims.get()
    ready = Objective.objects.get(title="Ready for school")
    healthy = Objective.objects.get(title="Healthy first years")
    ready.themes.add(themes[2])
    client.force_login(editor_a)
    data = page_data(client.get(return_url(strategy)))
    tick(data, aim, themes[0])
    tick(data, ready, themes[1])
    # At risk without next steps: the model refuses it.
    data[f"objective-{healthy.pk}-rating"] = ["at_risk"]
    data[f"objective-{healthy.pk}-commentary"] = ["Posts unfilled."]

    response = client.post(return_url(strategy), data)

    assert response.status_code == 200
    assert "Nothing has been saved" in response.content.decode()
    assert not aim.themes.exists()
    assert list(ready.themes.all()) == [themes[2]]
    assert not ProgressUpdate.objects.exists()
    # The ticks are still as the officer left them, and are saved once the row is put right.
    again = page_data(response)
    assert again[f"aim-{aim.pk}-themes"] == [str(themes[0].pk)]
    assert again[f"objective-{ready.pk}-themes"] == [str(themes[1].pk)]
    again[f"objective-{healthy.pk}-next_steps"] = ["Recruit in the autumn."]
    assert client.post(return_url(strategy), again).status_code == 302
    assert list(aim.themes.all()) == [themes[0]]
    assert list(ready.themes.all()) == [themes[1]]


def test_a_theme_that_no_longer_exists_is_an_error_on_its_row(client, editor_a, strategy, themes):
    ready = Objective.objects.get(title="Ready for school")
    client.force_login(editor_a)
    data = page_data(client.get(return_url(strategy)))
    tick(data, ready, themes[0])
    data[f"objective-{ready.pk}-themes"].append("999999")

    response = client.post(return_url(strategy), data)

    assert response.status_code == 200
    assert response.context["rows"][0].has_errors
    assert not ready.themes.exists()


def test_another_councils_objectives_never_appear_and_cannot_be_changed(
    client, editor_a, strategy, themes, council_b
):
    theirs = make_aim(make_strategy(council_b, title="Brackenfield plan"), title="Their aim")
    their_objective = make_objective(theirs, title="Their objective")
    client.force_login(editor_a)
    page = client.get(return_url(strategy))
    assert "Their objective" not in page.content.decode()
    assert "Their aim" not in page.content.decode()
    data = page_data(page)
    tick(data, theirs, themes[0])
    tick(data, their_objective, themes[0])

    assert client.post(return_url(strategy), data).status_code == 302

    assert not theirs.themes.exists()
    assert not their_objective.themes.exists()


def test_no_theme_boxes_are_shown_before_any_theme_is_loaded(client, editor_a, strategy):
    client.force_login(editor_a)

    page = client.get(return_url(strategy))

    assert "return-themes" not in page.content.decode()


def test_the_themes_are_read_once_for_the_whole_return(
    client, editor_a, strategy, themes, django_assert_max_num_queries
):
    for objective in Objective.objects.all():
        objective.themes.add(*themes)
    client.force_login(editor_a)
    client.get(return_url(strategy))  # warm the session and content types
    with django_assert_max_num_queries(12):
        client.get(return_url(strategy))
    for number in range(10):
        aim = make_aim(strategy, title=f"Aim {number}", order=number + 2)
        aim.themes.add(themes[number % 3])
        for count in range(4):
            objective = make_objective(aim, title=f"Objective {number}.{count}")
            objective.themes.add(*themes[: count % 3 + 1])
            make_update(objective=objective, quarter=Q2.previous)
    with django_assert_max_num_queries(12):
        page = client.get(return_url(strategy))
    assert len(page.context["rows"]) == 42
    assert len(page.context["groups"]) == 11


def test_a_theme_deleted_while_the_return_is_saved_saves_nothing_and_says_why(
    client, editor_a, strategy, themes, monkeypatch
):
    ready = Objective.objects.get(title="Ready for school")
    client.force_login(editor_a)
    data = page_data(client.get(return_url(strategy)))
    tick(data, ready, themes[0], themes[1])
    data[f"objective-{ready.pk}-rating"] = ["on_track"]
    data[f"objective-{ready.pk}-commentary"] = ["Every child checked at two."]
    checked = ReturnThemes.is_valid

    def deleted_after_the_check(self):
        valid = checked(self)
        themes[1].delete()  # a site administrator, between the checks and the save
        return valid

    monkeypatch.setattr(ReturnThemes, "is_valid", deleted_after_the_check)

    response = client.post(return_url(strategy), data)

    assert response.status_code == 200
    assert "removed by a site administrator" in response.content.decode()
    assert not ready.themes.exists()
    assert not ProgressUpdate.objects.exists()
    # The row's update is still there to save once the theme is unticked.
    monkeypatch.undo()
    data[f"objective-{ready.pk}-themes"] = [str(themes[0].pk)]
    assert client.post(return_url(strategy), data).status_code == 302
    assert ProgressUpdate.objects.get().commentary == "Every child checked at two."
    assert list(ready.themes.all()) == [themes[0]]
