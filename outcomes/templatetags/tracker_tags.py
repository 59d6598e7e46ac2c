"""Presentation helpers for every page, public and board alike: rating, judgement and status tags,
figures. Kept in one library so a rating has one colour and one label wherever it is shown."""

from django import template

from councils.formatting import format_figure
from councils.models import Judgement
from councils.parsing import parse_small_number
from outcomes import periods
from outcomes.models import Rating
from outcomes.periods import Quarter
from outcomes.queries import NO_RATING, ROLLUP_LABELS, replaced_and_proposed

register = template.Library()

# GOV.UK tag colours; the text always says the rating too, so colour is never the only signal.
RATING_COLOURS = {
    Rating.ON_TRACK: "govuk-tag--green",
    Rating.AT_RISK: "govuk-tag--orange",
    Rating.OFF_TRACK: "govuk-tag--red",
    Rating.COMPLETE: "govuk-tag--blue",
    Rating.NOT_STARTED: "govuk-tag--grey",
    # Not grey like "not started": an item nobody has rated is unknown, not a rating, so its
    # tag is outlined rather than filled as well as worded differently.
    NO_RATING: "app-tag--unrated",
}
JUDGEMENT_COLOURS = {
    Judgement.OUTSTANDING: "govuk-tag--green",
    Judgement.GOOD: "govuk-tag--turquoise",
    Judgement.REQUIRES_IMPROVEMENT: "govuk-tag--orange",
    Judgement.INADEQUATE: "govuk-tag--red",
}
STATUS_COLOURS = {
    "consultation": "govuk-tag--yellow",
    "published": "govuk-tag--green",
    "archived": "govuk-tag--grey",
    "draft": "govuk-tag--grey",
    "approved": "govuk-tag--purple",
}


@register.inclusion_tag("includes/_tag.html")
def rating_tag(rating, empty=""):
    """`empty` names a missing rating where a page words it its own way: board pages say "No
    update", as they count updates not yet signed off too."""
    if not rating or rating == NO_RATING:
        label = empty or ROLLUP_LABELS[NO_RATING]
        return {"label": label, "colour": RATING_COLOURS[NO_RATING]}
    return {"label": ROLLUP_LABELS.get(rating, rating), "colour": RATING_COLOURS.get(rating, "")}


@register.inclusion_tag("includes/_demonstration_tag.html")
def demonstration_tag(record):
    """The label on a record the demo invented (a model, or a frozen pack's dict); nothing on a
    fact from a council's document."""
    if record is None or isinstance(record, bool):
        return {"invented": bool(record)}
    if isinstance(record, dict):
        return {"invented": bool(record.get("demonstration"))}
    return {"invented": bool(getattr(record, "demonstration", False))}


@register.inclusion_tag("includes/_table_head.html")
def table_head(*headings):
    """A GOV.UK table's row of column headings, one per argument, so each table states only
    what its columns are."""
    return {"headings": headings}


@register.inclusion_tag("includes/_tag.html")
def judgement_tag(inspection, field="overall_effectiveness"):
    """An Ofsted judgement, overall or one of the sub-judgements (`field`). An inspection
    without an overall grade says so: outlined, like any missing rating, never a grade."""
    value = getattr(inspection, field)
    if not value:
        return {"label": "No overall grade", "colour": RATING_COLOURS[NO_RATING]}
    return {"label": Judgement(value).label, "colour": JUDGEMENT_COLOURS.get(value, "")}


@register.inclusion_tag("includes/_status_tag.html")
def status_tag(strategy):
    """A strategy's status as the public should read it: one whose period has passed has ended,
    whatever its status says, and names the public strategies that replaced it where the page
    fetched them (public_successors)."""
    successors, _proposed = replaced_and_proposed(strategy)
    if strategy.has_ended(periods.today_in_london()):
        label, colour = "Ended", STATUS_COLOURS["archived"]
    else:
        label, colour = strategy.get_status_display(), STATUS_COLOURS.get(strategy.status, "")
    return {"label": label, "colour": colour, "successors": successors}


@register.filter
def figure(value, places=0):
    """A measurement as the council publishes it: to its decimal places, with thousands commas."""
    return format_figure(value, places)


@register.filter
def last_item(items):
    """The last of a prefetched list (a queryset cannot be indexed from the end)."""
    items = list(items)
    return items[-1] if items else None


@register.filter
def quarter_label(start):
    return Quarter.containing(start).long_label if start else ""


@register.filter
def member_label(member):
    """A board member as the public sees them: a name only where the member agreed to it."""
    role = member.get_representation_display()
    where = f", {member.organisation}" if member.organisation else ""
    if member.show_name_publicly:
        return f"{member.name} ({role}{where})"
    return f"{role}{where}"


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's absolute address as the request reached it, without filters or search terms
    (they make no new page) but keeping a page number (it does)."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = parse_small_number(request.GET.get("page", ""))
    if page is not None and page > 1:
        url += f"?page={page}"
    return url
