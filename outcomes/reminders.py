"""Reminders to post progress: one email per person listing their councils' objectives and
programmes with no update for the current period, each linking straight to its update form.
Sent at most once per person per period (`ReminderSent`), so the command can run daily or weekly
from cron without anyone hearing twice."""

import smtplib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse

from councils.models import CouncilMembership
from strategies.models import Programme, StrategyStatus

from .models import Objective, ProgressUpdate, ReminderSent


@dataclass
class DueItem:
    kind: str  # "Objective" or "Programme"
    subject: object
    strategy: object
    council: object
    update_url: str
    no_change_url: str  # empty when there is no previous update to carry forward
    return_url: str  # the strategy's quarterly return: every item of it on one page


def _absolute(path, params=None):
    query = f"?{urlencode(params)}" if params else ""
    return f"{settings.SITE_URL.rstrip('/')}{path}{query}"


def due_items(council_ids, period):
    """Objectives and programmes of these councils' strategies (not archived) with no update
    for `period`, each with the links an officer needs. Programmes that have finished are not
    due. Two queries, however many councils."""
    this_period = ProgressUpdate.objects.filter(period_start=period.start)
    last_period = ProgressUpdate.objects.filter(period_start=period.previous.start)
    objectives = (
        Objective.objects.for_councils(council_ids)
        .exclude(aim__strategy__status=StrategyStatus.ARCHIVED)
        .annotate(
            reported=Exists(this_period.filter(objective=OuterRef("pk"))),
            carryable=Exists(last_period.filter(objective=OuterRef("pk"))),
        )
        .filter(reported=False)
        .select_related("aim__strategy__lead_council")
        .order_by(
            "aim__strategy__lead_council__name", "aim__strategy__title", "aim__order", "order"
        )
    )
    programmes = (
        Programme.objects.for_councils(council_ids)
        .exclude(strategy__status=StrategyStatus.ARCHIVED)
        .exclude(status__in=Programme.FINISHED)
        .annotate(
            reported=Exists(this_period.filter(programme=OuterRef("pk"))),
            carryable=Exists(last_period.filter(programme=OuterRef("pk"))),
        )
        .filter(reported=False)
        .select_related("strategy__lead_council")
        .order_by("strategy__lead_council__name", "strategy__title", "title")
    )
    add_path = reverse("admin:outcomes_progressupdate_add")
    no_change_path = reverse("admin:outcomes_progressupdate_no_change")
    dates = {"period_start": period.start.isoformat(), "period_end": period.end.isoformat()}
    items = []
    for kind, name, rows in (
        ("Objective", "objective", objectives),
        ("Programme", "programme", programmes),
    ):
        for row in rows:
            strategy = row.aim.strategy if kind == "Objective" else row.strategy
            return_path = reverse(
                "admin:strategies_strategy_return", args=[strategy.pk, period.start.isoformat()]
            )
            items.append(
                DueItem(
                    kind=kind,
                    subject=row,
                    strategy=strategy,
                    council=strategy.lead_council,
                    update_url=_absolute(add_path, {name: row.pk, **dates}),
                    no_change_url=_absolute(no_change_path, {name: row.pk})
                    if row.carryable
                    else "",
                    return_url=_absolute(return_path),
                )
            )
    items.sort(key=lambda item: (item.council.name, item.strategy.title, item.kind))
    return items


def recipients():
    """Every active council member with an email address, and their councils: editors and
    publishers both post progress. Only staff can open the admin the email links to, so a
    membership without it (access being set up, or withdrawn) gets no email."""
    people = {}
    memberships = (
        CouncilMembership.objects.filter(user__is_active=True, user__is_staff=True)
        .exclude(user__email="")
        .select_related("user")
    )
    for membership in memberships.order_by("user__username", "council_id"):
        people.setdefault(membership.user, set()).add(membership.council_id)
    return people


@dataclass
class Outcome:
    sent: list = field(default_factory=list)
    already: list = field(default_factory=list)
    nothing_due: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (user, reason): tried again on the next run


def reminders_send(*, period, dry_run=False):
    """Email each person their councils' overdue items once this period. Returns who was sent
    what, who had already been reminded and who had nothing due."""
    already_ids = set(
        ReminderSent.objects.filter(period_start=period.start).values_list("user_id", flat=True)
    )
    outcome = Outcome()
    cache = {}
    for user, council_ids in recipients().items():
        if user.pk in already_ids:
            outcome.already.append(user)
            continue
        key = frozenset(council_ids)
        if key not in cache:
            cache[key] = due_items(council_ids, period)
        items = cache[key]
        if not items:
            outcome.nothing_due.append(user)
            continue
        if not dry_run:
            try:
                with transaction.atomic():
                    # Recorded first, in the same transaction as the send: if the mail server
                    # refuses, the record goes too and the next run tries again.
                    ReminderSent.objects.create(
                        user=user, period_start=period.start, items=len(items)
                    )
                    _message(user, items, period).send()
            except IntegrityError:
                # Another run reminded this person a moment ago.
                outcome.already.append(user)
                continue
            except (OSError, smtplib.SMTPException) as error:
                outcome.failed.append((user, str(error)))
                continue
        outcome.sent.append((user, items))
    return outcome


def _message(user, items, period):
    context = {
        "user": user,
        "name": user.get_full_name() or user.get_username(),
        "items": items,
        "period": period,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    count = len(items)
    subject = f"Progress due for {period.label}: {count} update{'' if count == 1 else 's'} to post"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("emails/update_reminder.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("emails/update_reminder.html", context), "text/html"
    )
    return message
