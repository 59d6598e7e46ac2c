"""The whole outline of a strategy on its own admin page: aims with their objectives (with each
objective's lead and description) and programmes with their milestones, so an officer checking a
strategy against its document sees it all at once, in two queries however large it is."""

from django.db.models import Prefetch
from django.template.loader import render_to_string

from strategies.admin_breadcrumbs import admin_change_url
from strategies.models import Milestone, Programme

from ..models import Objective


def strategy_outline(strategy):
    aims = strategy.aims.order_by("order", "pk").prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.order_by("order", "pk"))
    )
    programmes = Programme.objects.filter(strategy=strategy).prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk"))
    )
    return render_to_string(
        "admin/strategies/strategy/_outline.html",
        {
            "aims": [
                (
                    aim,
                    admin_change_url(aim),
                    [(o, admin_change_url(o)) for o in aim.objectives.all()],
                )
                for aim in aims
            ],
            "programmes": [
                (programme, admin_change_url(programme), list(programme.milestones.all()))
                for programme in programmes
            ],
        },
    )
