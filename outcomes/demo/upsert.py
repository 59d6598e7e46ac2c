"""Create-or-update that leaves unchanged rows alone.

``update_or_create`` saves every row it finds, and each save writes a history row and moves
auto-updated timestamps and version counters. Loading the demo twice must change nothing, so a
row is saved only when a value really differs."""

from collections import Counter, defaultdict

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class Tally:
    """Counts what happened to each model's rows, for the command's report."""

    def __init__(self):
        self.counts = defaultdict(Counter)

    def add(self, model, outcome):
        self.counts[model._meta.label][outcome] += 1

    def lines(self):
        width = max((len(name) for name in self.counts), default=0)
        return [
            f"  {name:<{width}}  {c[CREATED]:>3} created, {c[UPDATED]:>3} updated, "
            f"{c[UNCHANGED]:>3} unchanged"
            for name, c in sorted(self.counts.items())
        ]

    def total(self, outcome):
        return sum(c[outcome] for c in self.counts.values())


def same_value(obj, name, value):
    field = obj._meta.get_field(name)
    if field.is_relation and field.many_to_one:
        return getattr(obj, field.attname) == (value.pk if value is not None else None)
    return getattr(obj, name) == value


def upsert(tally, model, lookup, defaults=None):
    """The row matching ``lookup`` (its natural key), created or brought up to ``defaults``."""
    defaults = defaults or {}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **defaults)
        obj.save()
        tally.add(model, CREATED)
        return obj
    changed = {name: value for name, value in defaults.items() if not same_value(obj, name, value)}
    if changed:
        for name, value in changed.items():
            setattr(obj, name, value)
        obj.save()
        tally.add(model, UPDATED)
    else:
        tally.add(model, UNCHANGED)
    return obj
