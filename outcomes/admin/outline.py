"""The whole outline of a strategy on its own admin page: aims with their objectives (with each
objective's lead and description) and programmes with their milestones, so an officer checking a
strategy against its document sees it all at once, in two queries however large it is."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse

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
                (aim, _change_url(aim), [(o, _change_url(o)) for o in aim.objectives.all()])
                for aim in aims
            ],
            "programmes": [
                (programme, _change_url(programme), list(programme.milestones.all()))
                for programme in programmes
            ],
        },
    )


def _change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
