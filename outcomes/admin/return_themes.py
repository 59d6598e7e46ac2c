"""The national themes on the quarterly return: tick boxes under each aim's heading and in each
objective's row, saved with the return's updates in its one save, all or nothing.

Themes are not progress: a row whose only change is its themes posts no update. The page
carries the ticks the officer was shown, and only the ticks they changed are written, so a
theme someone else ticked or unticked on the aim's page meanwhile is kept rather than undone.
Each change goes through the aim's or objective's own `themes`, so its history records it."""

from django import forms
from django.db.models import prefetch_related_objects

from ..models import Aim, Objective, Theme

GONE = (
    "A theme ticked here has just been removed by a site administrator, so nothing has been "
    "saved. Untick it (or reload the page to see the themes as they are now) and save again."
)


class ThemesRefused(Exception):
    """A ticked theme was deleted while the return was being saved: the whole return is rolled
    back, and the aim's or objective's tick boxes say why."""


def may_change_themes(admin_site, request):
    """Whether this officer may tick themes on aims and on objectives: the permissions of the
    aim's and objective's own pages."""
    return {
        "aims": admin_site.get_model_admin(Aim).has_change_permission(request),
        "objectives": admin_site.get_model_admin(Objective).has_change_permission(request),
    }


class ThemeTicks(forms.Form):
    """One aim's or objective's themes as tick boxes."""

    themes = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    #: The ticks the officer was shown, as one value: a field's own hidden initial value posts
    #: nothing for "none", so a page shown again after an error would forget it.
    shown = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, subject, noun, choices):
        ticked = [str(theme.pk) for theme in subject.themes.all()]
        super().__init__(
            data,
            prefix=f"{noun}-{subject.pk}",
            initial={"themes": ticked, "shown": ",".join(ticked)},
            use_required_attribute=False,
        )
        self.subject = subject
        self.noun = noun
        field = self.fields["themes"]
        # Every form on the page offers the same list, read once.
        field.choices = choices
        field.label = "Themes"

    def changes(self):
        """(ticked, unticked): the theme ids the officer changed from what they were shown."""
        offered = {value for value, _ in self.fields["themes"].choices}
        shown = set(self.cleaned_data["shown"].split(",")) & offered
        chosen = set(self.cleaned_data["themes"])
        now = {str(theme.pk) for theme in self.subject.themes.all()}
        return (chosen - shown) - now, (shown - chosen) & now

    def save(self, ticked, unticked):
        """Write the officer's changes; whether there were any."""
        if unticked:
            self.subject.themes.remove(*(int(pk) for pk in unticked))
        if ticked:
            self.subject.themes.add(*(int(pk) for pk in ticked))
        return bool(ticked or unticked)


class ReturnThemes:
    """The theme tick boxes of one return: by aim, and by objective. Three queries for the whole
    page (the themes, the aims' and the objectives' ticks), however many rows it has."""

    def __init__(self, rows, data=None, *, aims=True, objectives=True):
        choices = [(str(theme.pk), theme.title) for theme in Theme.objects.all()]
        subjects = [row.subject for row in rows if row.kind == "objective"]
        self.by_aim = {}
        self.by_objective = {}
        if not choices:
            # Nothing to tick until the site administrators have loaded the themes.
            return
        if aims:
            unique = list({objective.aim_id: objective.aim for objective in subjects}.values())
            prefetch_related_objects(unique, "themes")
            for aim in unique:
                self.by_aim[aim.pk] = ThemeTicks(data, subject=aim, noun="aim", choices=choices)
        if objectives:
            prefetch_related_objects(subjects, "themes")
            for objective in subjects:
                self.by_objective[objective.pk] = ThemeTicks(
                    data, subject=objective, noun="objective", choices=choices
                )

    @property
    def forms(self):
        return [*self.by_aim.values(), *self.by_objective.values()]

    def for_aim(self, aim):
        return None if aim is None else self.by_aim.get(aim.pk)

    def for_objective(self, row):
        return self.by_objective.get(row.subject.pk) if row.kind == "objective" else None

    def is_valid(self):
        # Every form is checked, not just up to the first bad one, so all errors show at once.
        valid = [form.is_valid() for form in self.forms]
        return all(valid)

    def save(self):
        """Save every aim's and objective's changed ticks; how many aims and objectives changed.
        Called inside the return's transaction, so a refused row undoes these too."""
        changes = [(form, *form.changes()) for form in self.forms]
        wanted = set().union(*(ticked for _, ticked, _ in changes))
        # Locked until the return is saved: a theme a site administrator deleted since the page
        # was checked is then found here, with a message, rather than failing the commit.
        there = Theme.objects.filter(pk__in=[int(pk) for pk in wanted]).select_for_update()
        gone = wanted - {str(pk) for pk in there.values_list("pk", flat=True)}
        if gone:
            for form, ticked, _ in changes:
                if ticked & gone:
                    form.add_error("themes", GONE)
            raise ThemesRefused
        return sum(form.save(ticked, unticked) for form, ticked, unticked in changes)
