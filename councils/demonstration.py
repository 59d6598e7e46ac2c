"""The mark on a record that the demo invented rather than took from a council's document.

A council could not put its name to a rating, a minute or a date nobody published, so every such
row says so in the database and every page that shows it labels it. Officers never set it: only
the demo loader does, which is why the admin does not offer it."""

from django.db import models

#: The one sentence every page carries while any invented record is present.
DEMONSTRATION_NOTICE = (
    "This site holds demonstration data. The councils, their strategies' titles, aims, "
    "programmes, decisions and Ofsted judgements come from the councils' published documents; "
    "everything marked \u201cDemonstration\u201d (ratings, progress commentary, figures, "
    "milestone dates, board members, meetings and actions, and some objectives and consultation "
    "findings) was invented to show how the site works."
)


def demonstration_flag():
    return models.BooleanField(
        default=False,
        editable=False,
        help_text=(
            "Invented for the demonstration, not taken from a council's document. Public pages, "
            "board packs and open data label it."
        ),
    )


def demonstration_index(model_name):
    """Only the flagged rows, so asking on every page whether any are present costs an index
    probe, not a scan of a national dataset's updates."""
    return models.Index(
        fields=["demonstration"],
        condition=models.Q(demonstration=True),
        name=f"{model_name}_demo_idx",
    )
