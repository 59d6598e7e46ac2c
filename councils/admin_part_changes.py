"""What a record's admin history page lists besides the record's own changes: changes to the
rows edited inline on its page (a strategy's principles, a board's members), so the officer sees
one history for everything the page edits."""

from django.core.exceptions import ObjectDoesNotExist
from django.forms.models import _get_foreign_key
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_history_manager_for_model

#: How many changes to a record's parts its history page lists, newest first.
PART_CHANGES_SHOWN = 200

PART_ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}


def part_changes(model_admin, object_id) -> list[dict]:
    """Changes to the rows edited inline on this record's page, newest first, deletions
    included. The record itself has been checked for scope, and its parts belong to the same
    council."""
    changes = []
    for inline in getattr(model_admin, "inlines", ()):
        model = inline.model
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        parent = _get_foreign_key(model_admin.model, model, fk_name=inline.fk_name)
        records = (
            get_history_manager_for_model(model)
            .filter(**{parent.attname: object_id})
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:PART_CHANGES_SHOWN]
        )
        changes.extend(_describe_part_records(model_admin.admin_site, model, list(records)))
    changes.sort(key=lambda change: change["record"].history_date, reverse=True)
    return changes[:PART_CHANGES_SHOWN]


def _describe_part_records(admin_site, model, records):
    pk_name = model._meta.pk.attname
    # Each change is shown against the version before it, which may be older than the
    # newest changes fetched: fetch it where it is missing.
    by_part = {}
    for record in reversed(records):
        by_part.setdefault(getattr(record, pk_name), []).append(record)
    opts = model._meta
    # A part's name usually mentions what it links (a partner, a council): fetch those for
    # every change at once rather than once per change.
    instances = {record.history_id: record.instance for record in records}
    _fetch_linked(model, instances.values())
    for part_id, part_records in by_part.items():
        first = part_records[0]
        # An added row has nothing before it; only an older change needs the version it
        # replaced fetched.
        previous = None if first.history_type == "+" else first.prev_record
        for record in part_records:
            yield {
                "record": record,
                "when": date_format(localtime(record.history_date), "DATETIME_FORMAT"),
                "who": _person(record.history_user),
                "part": capfirst(opts.verbose_name),
                "name": _describe(instances[record.history_id]),
                "action": PART_ACTIONS.get(record.history_type, record.history_type),
                "changes": _delta(model, record, previous),
                "url": _part_version_url(admin_site, opts, part_id, record.history_id),
            }
            previous = record


def _part_version_url(admin_site, opts, part_id, history_id):
    try:
        return reverse(
            f"{admin_site.name}:{opts.app_label}_{opts.model_name}_simple_history",
            args=[part_id, history_id],
        )
    except NoReverseMatch:
        return None


def _person(user):
    if user is None:
        return "Unknown"
    return user.get_full_name() or user.get_username()


def _fetch_linked(model, instances):
    """Put the records each instance links to into its cache, one query per link."""
    for field in model._meta.concrete_fields:
        if not field.many_to_one:
            continue
        ids = {getattr(instance, field.attname) for instance in instances} - {None}
        linked = field.related_model._base_manager.in_bulk(ids) if ids else {}
        for instance in instances:
            target = linked.get(getattr(instance, field.attname))
            if target is not None:
                field.set_cached_value(instance, target)


def _describe(instance):
    try:
        return str(instance)
    except ObjectDoesNotExist:
        # Its name mentions a record that has since gone.
        return f"{capfirst(instance._meta.verbose_name)} {instance.pk}"


def _delta(model, record, previous):
    if record.history_type != "~" or previous is None:
        return []
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    return HistoricalRecordContextHelper(model, record).context_for_delta_changes(delta)
