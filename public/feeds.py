"""Atom feeds of what is new in public: strategies as they are published, and progress as a board
signs it off. Progress awaiting sign-off never appears: the public sees only what a board agreed."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from councils.models import Council
from outcomes import periods
from outcomes.models import ProgressUpdate
from outcomes.queries import public_successors, replaced_and_proposed
from strategies.models import Strategy

from .public_work import public_strategies_of

#: Each feed carries the newest entries of each kind, merged by date: enough for any reader
#: polling daily, and a fixed cost however much has been published.
MAX_ITEMS = 30


@dataclass(frozen=True)
class Entry:
    title: str
    summary: str
    link: str
    when: dt.datetime
    guid: str


@dataclass(frozen=True)
class Scope:
    """What a feed covers, and the host its entry ids are minted under."""

    strategies: object
    host: str
    council: Council | None = None


def _entries(scope):
    strategies = (
        scope.strategies.filter(published_at__isnull=False)
        .select_related("lead_council")
        .prefetch_related(public_successors())
        .order_by("-published_at", "-pk")[:MAX_ITEMS]
    )
    today = periods.today_in_london()
    entries = [
        Entry(
            title=f"{_stage(strategy, today)}: {strategy.title} ({strategy.lead_council.name})"
            + _invented_mark(strategy),
            summary=_invented_note(strategy)
            + _ended_note(strategy, today)
            + (strategy.summary or f"{strategy.lead_council.name} published {strategy.title}."),
            link=strategy.get_absolute_url(),
            when=strategy.published_at,
            guid=f"tag:{scope.host},2026:strategy:{strategy.pk}",
        )
        for strategy in strategies
    ]
    updates = (
        ProgressUpdate.objects.signed_off()
        .filter(
            Q(objective__aim__strategy__in=scope.strategies)
            | Q(programme__strategy__in=scope.strategies)
        )
        .select_related(
            "objective__aim__strategy__lead_council",
            "programme__strategy__lead_council",
            "meeting__board",
        )
        .order_by("-signed_off_at", "-pk")[:MAX_ITEMS]
    )
    for update in updates:
        subject, strategy = update.subject, update.strategy
        entries.append(
            Entry(
                title=(
                    f"{update.get_rating_display()}: {subject.title}, {update.period_label} "
                    f"({strategy.title}, {strategy.lead_council.name})"
                )
                + _invented_mark(update),
                summary=(
                    _invented_note(update)
                    + f"Signed off by {update.meeting.board.name} at its meeting on "
                    f"{update.meeting.date:%-d %B %Y}. {update.commentary}"
                ),
                link=subject.get_absolute_url(),
                when=update.signed_off_at,
                guid=f"tag:{scope.host},2026:progress-update:{update.pk}",
            )
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:MAX_ITEMS]


def _invented_mark(record):
    """A feed reader shows an entry without the site's notice, so an invented one says so in
    its own title and summary."""
    return " [demonstration]" if record.demonstration else ""


def _invented_note(record):
    if not record.demonstration:
        return ""
    return "Demonstration: invented to show how the site works, not from the council's documents. "


def _stage(strategy, today):
    """A reader fetching the feed today learns that a plan whose period has passed has ended,
    not only that it was once published."""
    return "Ended" if strategy.has_ended(today) else "Published"


def _ended_note(strategy, today):
    if not strategy.has_ended(today):
        return ""
    note = f"This strategy ended on {strategy.period_end_date:%-d %B %Y}"
    successors, _proposed = replaced_and_proposed(strategy)
    if successors:
        note += " and was replaced by " + " and ".join(s.title for s in successors)
    return note + ". "


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = "Strategy Tracker: new strategies and signed-off progress"
    subtitle = (
        "Children and Young People strategies as councils publish them, and progress as the "
        "boards overseeing them sign it off."
    )

    def get_object(self, request, *args, **kwargs):
        return Scope(strategies=Strategy.objects.public(), host=_host(request))

    def link(self, scope):
        return reverse("public:home")

    def items(self, scope):
        return _entries(scope)

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.guid

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.when

    def item_updateddate(self, entry):
        return entry.when


class CouncilFeed(UpdatesFeed):
    """One council's strategies, led or co-owned, and their signed-off progress."""

    def get_object(self, request, slug):
        council = get_object_or_404(Council, slug=slug)
        return Scope(strategies=public_strategies_of(council), host=_host(request), council=council)

    def title(self, scope):
        return f"{scope.council.name}: new strategies and signed-off progress"

    def subtitle(self, scope):
        return (
            f"Strategies {scope.council.name} leads or shares, as they are published, and their "
            "progress as the overseeing boards sign it off."
        )

    def link(self, scope):
        return scope.council.get_absolute_url()


def _host(request):
    return request.get_host().split(":")[0]
