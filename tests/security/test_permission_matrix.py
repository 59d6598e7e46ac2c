"""Every address the site answers, against every role, from one table.

The URL patterns are read from the root URLconf, the admin's from every registered ModelAdmin.
Each pattern needs a rule here: the answer each role gets, with the address filled from a real
record of council A. A new view, admin model, custom admin page or autocomplete field without a
rule fails `test_every_url_pattern_has_a_rule` (or its admin twin) with its name, so nothing is
added unguarded. Who may change what (a POST that saves) is tested beside each feature and in
tests/admin/test_permission_grid.py; this is the whole map of who may reach what.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from strategies.models import BoardMember, ProgrammeCouncil, StrategyCouncil, StrategyRelation
from tests.admin.conftest import build_records
from tests.factories import make_aim, make_indicator, make_objective, make_strategy

ROLES = (
    "anonymous",
    "editor_a",  # edits council A's records in the admin
    "publisher_a",  # also publishes them
    "editor_b",  # edits council B's: must reach nothing of A's
    "board_member",  # sits on A's board (the records' board), not staff
    "board_b_member",  # sits on B's board
    "site_admin",
)

# What a role gets. Numbers are the status itself; the words check more than a status.
OK, FORBIDDEN, MISSING = 200, 403, 404
LOGIN = "sent to sign in"  # 302 to the admin's sign-in page (admin addresses) or the site's
REDIRECT = "redirected"  # 302 anywhere but a sign-in page
LISTED = "listed"  # an autocomplete answers 200 and offers council A's record
UNLISTED = "not listed"  # an autocomplete answers 200 and does not offer it

# One outcome per role, in the order of ROLES. BOARDS_HOME: a member of one board goes straight
# to it; ADMIN_SIGN_IN: staff already signed in go to the admin's index.
# fmt: off
#                         anonymous   editor_a    publisher_a  editor_b    board_member  board_b_member  site_admin
EVERYONE = (              OK,         OK,         OK,          OK,         OK,           OK,             OK)
NO_ONE = (                MISSING,    MISSING,    MISSING,     MISSING,    MISSING,      MISSING,        MISSING)
DRAFT_READERS = (         MISSING,    OK,         OK,          MISSING,    OK,           MISSING,        OK)
SIGNED_IN = (             LOGIN,      OK,         OK,          OK,         OK,           OK,             OK)
SIGNED_OUT = (            OK,         REDIRECT,   REDIRECT,    REDIRECT,   REDIRECT,     REDIRECT,       REDIRECT)
EVERYONE_REDIRECTED = (   REDIRECT,   REDIRECT,   REDIRECT,    REDIRECT,   REDIRECT,     REDIRECT,       REDIRECT)
BOARD_A = (               LOGIN,      MISSING,    MISSING,     MISSING,    OK,           MISSING,        OK)
BOARD_A_REDIRECTED = (    LOGIN,      MISSING,    MISSING,     MISSING,    REDIRECT,     MISSING,        REDIRECT)
BOARDS_HOME = (           LOGIN,      OK,         OK,          OK,         REDIRECT,     REDIRECT,       OK)
STAFF = (                 LOGIN,      OK,         OK,          OK,         LOGIN,        LOGIN,          OK)
STAFF_REDIRECTED = (      LOGIN,      REDIRECT,   REDIRECT,    REDIRECT,   LOGIN,        LOGIN,          REDIRECT)
STAFF_MISSING = (         LOGIN,      MISSING,    MISSING,     MISSING,    LOGIN,        LOGIN,          MISSING)
ADMIN_SIGN_IN = (         OK,         REDIRECT,   REDIRECT,    REDIRECT,   OK,           OK,             REDIRECT)
OWN_COUNCIL = (           LOGIN,      OK,         OK,          MISSING,    LOGIN,        LOGIN,          OK)
OWN_COUNCIL_REDIRECTED = (LOGIN,      REDIRECT,   REDIRECT,    MISSING,    LOGIN,        LOGIN,          REDIRECT)
OWN_COUNCIL_LISTED = (    LOGIN,      LISTED,     LISTED,      UNLISTED,   LOGIN,        LOGIN,          LISTED)
SITE_ADMIN = (            LOGIN,      FORBIDDEN,  FORBIDDEN,   FORBIDDEN,  LOGIN,        LOGIN,          OK)
SITE_ADMIN_MISSING = (    LOGIN,      MISSING,    MISSING,     MISSING,    LOGIN,        LOGIN,          OK)
SITE_ADMIN_LISTED = (     LOGIN,      FORBIDDEN,  FORBIDDEN,   FORBIDDEN,  LOGIN,        LOGIN,          LISTED)
NOBODY_STAFF = (          LOGIN,      FORBIDDEN,  FORBIDDEN,   FORBIDDEN,  LOGIN,        LOGIN,          FORBIDDEN)
# fmt: on


@dataclass(frozen=True)
class Case:
    """One request to a pattern and what each role gets. `args`, `kwargs` and `query` are read
    from the records; `path` builds the address of a pattern that has no name; `autocomplete`
    names the field ("app.model.field") an autocomplete request is for."""

    expect: tuple
    about: str = ""
    method: str = "GET"
    args: Callable | None = None
    kwargs: Callable | None = None
    query: Callable | None = None
    path: Callable | None = None
    autocomplete: str = ""


def strategy_address(key):
    return lambda r: {"council": r[key].lead_council.slug, "slug": r[key].slug}


def part_address(strategy_key, part_key):
    """An aim's, objective's or indicator's page: the strategy's address and the part's number."""
    return lambda r: {**strategy_address(strategy_key)(r), "pk": r[part_key].pk}


def board_address(key=None):
    if key is None:
        return lambda r: {"slug": r["board"].slug}
    return lambda r: {"slug": r["board"].slug, "pk": r[key].pk}


DRAFT = "a draft strategy of council A"
PUBLISHED = "a published strategy of council A"

#: The site's own pages, by URL name.
RULES = {
    # --- public pages ------------------------------------------------------------------------
    "public:home": [Case(EVERYONE)],
    "public:healthz": [Case(EVERYONE)],
    "public:robots": [Case(EVERYONE)],
    "public:sitemap": [Case(EVERYONE)],
    "public:accessibility": [Case(EVERYONE)],
    "public:feed": [Case(EVERYONE)],
    "public:council_list": [Case(EVERYONE)],
    # A council is public record, published strategies or not.
    "public:council": [Case(EVERYONE, kwargs=lambda r: {"slug": r["council"].slug})],
    "public:council_feed": [Case(EVERYONE, kwargs=lambda r: {"slug": r["council"].slug})],
    "public:strategy_list": [Case(EVERYONE)],
    # A draft is read by its council's officers and its board; to anyone else it is not there.
    "public:strategy": [
        Case(DRAFT_READERS, DRAFT, kwargs=strategy_address("strategy")),
        Case(EVERYONE, PUBLISHED, kwargs=strategy_address("published")),
    ],
    # An aim's and an objective's pages are read exactly as their strategy's is.
    "public:aim": [
        Case(DRAFT_READERS, DRAFT, kwargs=part_address("strategy", "aim")),
        Case(EVERYONE, PUBLISHED, kwargs=part_address("published", "published_aim")),
    ],
    "public:objective": [
        Case(DRAFT_READERS, DRAFT, kwargs=part_address("strategy", "objective")),
        Case(EVERYONE, PUBLISHED, kwargs=part_address("published", "published_objective")),
    ],
    "public:indicator": [
        Case(DRAFT_READERS, DRAFT, kwargs=part_address("strategy", "indicator")),
        Case(EVERYONE, PUBLISHED, kwargs=part_address("published", "published_indicator")),
    ],
    # Open data is what the public may read, whoever downloads it.
    "public:strategy_csv": [
        Case(NO_ONE, DRAFT, kwargs=strategy_address("strategy")),
        Case(EVERYONE, PUBLISHED, kwargs=strategy_address("published")),
    ],
    "public:strategy_json": [
        Case(NO_ONE, DRAFT, kwargs=strategy_address("strategy")),
        Case(EVERYONE, PUBLISHED, kwargs=strategy_address("published")),
    ],
    # The common outcome frame is national and public; a draft's aims never show on it.
    "public:theme_list": [Case(EVERYONE)],
    "public:theme": [Case(EVERYONE, kwargs=lambda r: {"slug": r["theme"].slug})],
    "public:data": [Case(EVERYONE)],
    "public:data_all": [Case(EVERYONE)],
    "public:data_all_csv": [Case(EVERYONE)],
    # --- board pages: council A's board, which oversees the draft ----------------------------
    "boards:home": [Case(BOARDS_HOME)],
    "boards:detail": [Case(BOARD_A, kwargs=board_address())],
    "boards:meetings": [Case(BOARD_A, kwargs=board_address())],
    "boards:meeting_create": [Case(BOARD_A, "an empty form", "POST", kwargs=board_address())],
    "boards:meeting": [Case(BOARD_A, kwargs=board_address("meeting"))],
    "boards:sign_off": [Case(BOARD_A, "an empty form", "POST", kwargs=board_address("meeting"))],
    "boards:minutes": [Case(BOARD_A, "an empty form", "POST", kwargs=board_address("meeting"))],
    "boards:action_create": [
        Case(BOARD_A, "an empty form", "POST", kwargs=board_address("meeting"))
    ],
    "boards:challenge_create": [
        Case(BOARD_A, "an empty form", "POST", kwargs=board_address("meeting"))
    ],
    # Holding a meeting asks first: the first POST answers with the confirmation page.
    "boards:meeting_hold": [
        Case(BOARD_A, "asking to hold it", "POST", kwargs=board_address("meeting"))
    ],
    "boards:pack": [Case(BOARD_A, kwargs=board_address("meeting"))],
    "boards:pack_pdf": [Case(BOARD_A, kwargs=board_address("meeting"))],
    "boards:action": [Case(BOARD_A, kwargs=board_address("boardaction"))],
    "boards:challenge": [Case(BOARD_A, kwargs=board_address("challenge"))],
    # --- signing in and out --------------------------------------------------------------------
    "login": [Case(SIGNED_OUT)],
    "logout": [Case(EVERYONE_REDIRECTED, method="POST")],
    "password_change": [Case(SIGNED_IN)],
    "password_change_done": [Case(SIGNED_IN)],
    "password_reset": [Case(EVERYONE)],
    "password_reset_done": [Case(EVERYONE)],
    "password_reset_confirm": [
        Case(EVERYONE, "a link that is no longer valid", kwargs=lambda r: r["stale_reset_link"])
    ],
    "password_reset_complete": [Case(EVERYONE)],
    # --- the admin's own pages -------------------------------------------------------------------
    "admin:index": [Case(STAFF)],
    "admin:login": [Case(ADMIN_SIGN_IN)],
    "admin:logout": [Case(EVERYONE_REDIRECTED, method="POST")],
    "admin:password_change": [Case(STAFF)],
    "admin:password_change_done": [Case(STAFF)],
    "admin:jsi18n": [Case(STAFF)],
    # "View on site", scoped: it would tell another council's officer a draft's address.
    "scoped_view_on_site": [
        Case(
            OWN_COUNCIL_REDIRECTED,
            DRAFT,
            kwargs=lambda r: {
                "content_type_id": r["strategy_type"].pk,
                "object_id": r["strategy"].pk,
            },
        )
    ],
    # Django's own, unscoped, shortcut: the scoped one above must answer every address it
    # would, including digits that are not ASCII (int() reads "٣" as 3).
    "admin:view_on_site": [
        Case(
            OWN_COUNCIL_REDIRECTED,
            f"{DRAFT}, by its content type's number",
            kwargs=lambda r: {
                "content_type_id": r["strategy_type"].pk,
                "object_id": r["strategy"].pk,
            },
        ),
        Case(
            STAFF_MISSING,
            f"{DRAFT}, by its content type's number in Arabic-Indic digits",
            kwargs=lambda r: {
                "content_type_id": str(r["strategy_type"].pk).translate(ARABIC_INDIC_DIGITS),
                "object_id": r["strategy"].pk,
            },
        ),
    ],
    "admin/(?P<url>.*)$": [
        Case(
            STAFF_MISSING,
            "an address the admin does not have",
            path=lambda r: "/admin/no-such-page/",
        )
    ],
    # --- the admin's custom pages --------------------------------------------------------------
    "admin:outcomes_measurement_import": [Case(STAFF)],
    "admin:outcomes_measurement_export": [Case(STAFF)],
    "admin:outcomes_objective_import": [Case(STAFF)],
    "admin:outcomes_objective_export": [Case(STAFF)],
    "admin:outcomes_progressupdate_import": [Case(STAFF)],
    "admin:outcomes_progressupdate_export": [Case(STAFF)],
    "admin:outcomes_progressupdate_no_change": [
        Case(
            OWN_COUNCIL,
            "for an objective of council A",
            query=lambda r: {"objective": r["objective"].pk},
        )
    ],
    # The quarterly return posts progress, so it is the progress admin's to give: officers
    # of the strategy's council and site administrators; another council's is not there.
    "admin:strategies_strategy_return_latest": [
        Case(OWN_COUNCIL_REDIRECTED, DRAFT, kwargs=lambda r: {"object_id": r["strategy"].pk})
    ],
    "admin:strategies_strategy_return": [
        Case(
            OWN_COUNCIL,
            f"{DRAFT}, a quarter that has ended",
            kwargs=lambda r: {"object_id": r["strategy"].pk, "quarter": "2025-04-01"},
        )
    ],
    # The outline page edits the strategy's parts, so it is the strategy's to give: its
    # council's officers and site administrators; another council's is not there.
    "admin:strategies_strategy_outline": [
        Case(OWN_COUNCIL, DRAFT, kwargs=lambda r: {"object_id": r["strategy"].pk})
    ],
    "admin:auth_user_password_change": [Case(SITE_ADMIN, args=lambda r: [r["user"].pk])],
}

ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

#: What each role gets from each of a ModelAdmin's standard pages, by the kind of access
#: officers have to the model.
ADMIN_PAGES = {
    # Officers add, change and delete their own councils' records.
    "edit": {
        "changelist": STAFF,
        "add": STAFF,
        "change": OWN_COUNCIL,
        "delete": OWN_COUNCIL,
        "history": OWN_COUNCIL,
        "simple_history": OWN_COUNCIL,
        "object": STAFF_REDIRECTED,
    },
    # Officers see their own councils' records (and record a challenge's answer) but neither
    # add nor delete them.
    "view": {
        "changelist": STAFF,
        "add": SITE_ADMIN,
        "change": OWN_COUNCIL,
        "delete": SITE_ADMIN,
        "history": OWN_COUNCIL,
        "simple_history": OWN_COUNCIL,
        "object": STAFF_REDIRECTED,
    },
    # Site administrators only: sign-in accounts and groups.
    "site_admin": {
        "changelist": SITE_ADMIN,
        "add": SITE_ADMIN,
        "change": SITE_ADMIN,
        "delete": SITE_ADMIN,
        "history": SITE_ADMIN,
        "simple_history": SITE_ADMIN,
        "object": STAFF_REDIRECTED,
    },
    # Who is an officer of which council: site administrators only. Its history pages answer
    # 404, as every council-scoped history page does for a record out of reach.
    "memberships": {
        "changelist": SITE_ADMIN,
        "add": SITE_ADMIN,
        "change": SITE_ADMIN,
        "delete": SITE_ADMIN,
        "history": SITE_ADMIN_MISSING,
        "simple_history": SITE_ADMIN_MISSING,
        "object": STAFF_REDIRECTED,
    },
    # The sign-in throttling's records: site administrators read them and delete a lockout to
    # lift it; nobody writes one by hand.
    "sign_in_records": {
        "changelist": SITE_ADMIN,
        "add": NOBODY_STAFF,
        "change": SITE_ADMIN,
        "delete": SITE_ADMIN,
        "history": SITE_ADMIN,
        "object": STAFF_REDIRECTED,
    },
    # Rows edited inline on another record's page: their own pages lead to the parent's, and
    # only their history (view an old version, restore it) is theirs.
    "part": {
        "changelist": STAFF_REDIRECTED,
        "add": NOBODY_STAFF,
        "change": OWN_COUNCIL_REDIRECTED,
        "delete": OWN_COUNCIL_REDIRECTED,
        "history": OWN_COUNCIL,
        "simple_history": OWN_COUNCIL,
        "object": STAFF_REDIRECTED,
    },
}

#: Every registered admin model and the access officers have to it.
ADMIN_MODELS = {
    "auth.group": "site_admin",
    "auth.user": "site_admin",
    "axes.accessattempt": "sign_in_records",
    "axes.accesslog": "sign_in_records",
    "axes.accessfailurelog": "sign_in_records",
    "councils.council": "view",
    "councils.partner": "edit",
    "councils.inspection": "view",
    "councils.councilmembership": "memberships",
    "strategies.strategy": "edit",
    "strategies.principle": "part",
    "strategies.strategycouncil": "part",
    "strategies.strategypartner": "part",
    "strategies.strategyrelation": "part",
    "strategies.programme": "edit",
    "strategies.milestone": "part",
    "strategies.programmeobjective": "part",
    "strategies.programmecouncil": "part",
    "strategies.decision": "edit",
    "strategies.engagement": "edit",
    "strategies.board": "edit",
    "strategies.boardmember": "part",
    "strategies.meeting": "edit",
    "strategies.boardaction": "edit",
    "outcomes.aim": "edit",
    "outcomes.objective": "edit",
    "outcomes.indicator": "edit",
    "outcomes.indicatortarget": "part",
    "outcomes.measurement": "edit",
    "outcomes.progressupdate": "edit",
    "outcomes.challenge": "view",
    # National themes: officers choose among them on their aims' pages; only site
    # administrators keep them.
    "outcomes.theme": "site_admin",
    # National indicators and England's and councils' figures for them: officers adopt one on
    # their indicator's page; only site administrators keep them.
    "outcomes.nationalindicator": "site_admin",
    "outcomes.nationalfigure": "site_admin",
}

#: Each app's page in the admin.
ADMIN_APPS = {
    "auth": SITE_ADMIN_MISSING,
    "axes": SITE_ADMIN_MISSING,
    "councils": STAFF,
    "strategies": STAFF,
    "outcomes": STAFF,
}

#: Every autocomplete field (a ModelAdmin's or an inline's), as "app.model.field", and who is
#: offered council A's record of the model it points to.
AUTOCOMPLETE = {
    "councils.partner.council": OWN_COUNCIL_LISTED,
    "councils.inspection.council": OWN_COUNCIL_LISTED,
    "councils.councilmembership.user": SITE_ADMIN_LISTED,
    "councils.councilmembership.council": OWN_COUNCIL_LISTED,
    "strategies.strategy.lead_council": OWN_COUNCIL_LISTED,
    "strategies.strategy.predecessor": OWN_COUNCIL_LISTED,
    "strategies.strategy.board": OWN_COUNCIL_LISTED,
    "strategies.strategypartner.partner": OWN_COUNCIL_LISTED,
    "strategies.strategyrelation.to_strategy": OWN_COUNCIL_LISTED,
    "strategies.programme.strategy": OWN_COUNCIL_LISTED,
    "strategies.programme.lead_partner": OWN_COUNCIL_LISTED,
    "strategies.programmeobjective.objective": OWN_COUNCIL_LISTED,
    "strategies.decision.strategy": OWN_COUNCIL_LISTED,
    "strategies.engagement.strategy": OWN_COUNCIL_LISTED,
    "strategies.board.council": OWN_COUNCIL_LISTED,
    "strategies.boardmember.user": SITE_ADMIN_LISTED,
    "strategies.meeting.board": OWN_COUNCIL_LISTED,
    "strategies.boardaction.meeting": OWN_COUNCIL_LISTED,
    "outcomes.aim.strategy": OWN_COUNCIL_LISTED,
    "outcomes.objective.aim": OWN_COUNCIL_LISTED,
    "outcomes.indicator.objective": OWN_COUNCIL_LISTED,
    "outcomes.measurement.indicator": OWN_COUNCIL_LISTED,
    "outcomes.progressupdate.objective": OWN_COUNCIL_LISTED,
    "outcomes.progressupdate.programme": OWN_COUNCIL_LISTED,
    "outcomes.challenge.objective": OWN_COUNCIL_LISTED,
    "outcomes.challenge.programme": OWN_COUNCIL_LISTED,
    "outcomes.nationalfigure.national_indicator": SITE_ADMIN_LISTED,
    # The autocomplete asks the council admin, as for any field pointing at a council; only
    # site administrators can open a national figure's page to use it.
    "outcomes.nationalfigure.council": OWN_COUNCIL_LISTED,
}


# --- reading the URLconf and the admin -----------------------------------------------------------


def url_patterns():
    """Every pattern of the root URLconf: {key: route}, the key being the pattern's
    namespaced name, or its whole route when it has none."""
    found = {}

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, route, inner)
            elif pattern.name:
                found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = route
            else:
                found[route] = route

    walk(get_resolver().url_patterns, "", "")
    return found


def admin_model_pages():
    """{key: (model label, page kind)} for every page of every registered ModelAdmin, keyed as
    url_patterns() keys them."""
    pages = {}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"{opts.app_label}_{opts.model_name}_"
        for pattern in model_admin.get_urls():
            if pattern.name:
                kind = pattern.name.removeprefix(prefix)
                pages[f"admin:{pattern.name}"] = (opts.label_lower, kind)
            else:
                route = f"admin/{opts.app_label}/{opts.model_name}/{pattern.pattern}"
                pages[route] = (opts.label_lower, "object")
    return pages


def autocomplete_fields():
    """Every autocomplete field of every ModelAdmin and inline, as "app.model.field"."""
    found = set()
    for model_admin in admin.site._registry.values():
        for owner in (model_admin, *model_admin.inlines):
            for name in owner.autocomplete_fields:
                found.add(f"{owner.model._meta.label_lower}.{name}")
    return found


def admin_model_case(label, kind, expect):
    app_label, model_name = label.split(".")
    name = f"admin:{app_label}_{model_name}_{kind}"
    if kind in ("changelist", "add"):
        return name, Case(expect)
    if kind == "simple_history":
        return name, Case(expect, args=lambda r: [r[label].pk, r[label].history.first().pk])
    if kind == "object":
        route = f"admin/{app_label}/{model_name}/<path:object_id>/"
        return route, Case(expect, path=lambda r: f"/admin/{app_label}/{model_name}/{r[label].pk}/")
    return name, Case(expect, args=lambda r: [r[label].pk])


def autocomplete_case(source, expect):
    app_label, model_name, field_name = source.split(".")

    def query(r):
        return {"app_label": app_label, "model_name": model_name, "field_name": field_name}

    return Case(expect, f"for {source}", query=query, autocomplete=source)


def all_cases():
    """(key, case) for every rule above, the admin's generated from its tables."""
    cases = [(key, case) for key, rule in RULES.items() for case in rule]
    for label, kind in admin_model_pages().values():
        pages = ADMIN_PAGES.get(ADMIN_MODELS.get(label), {})
        if kind in pages:
            cases.append(admin_model_case(label, kind, pages[kind]))
    for app_label, expect in ADMIN_APPS.items():
        cases.append(
            (
                "admin:app_list",
                Case(expect, app_label, kwargs=lambda r, a=app_label: {"app_label": a}),
            )
        )
    for source, expect in AUTOCOMPLETE.items():
        cases.append(("admin:autocomplete", autocomplete_case(source, expect)))
    return cases


# --- the records every address is filled from ---------------------------------------------------


@pytest.fixture
def matrix_records(council_a, council_b, board_a, board_member, board_b_member, editor_a):
    """A record of council A for every parameter: build_records' one of each admin model, and
    what it leaves out (a co-owner, a related strategy, a board member, a published strategy,
    a sign-in account, the throttling's records)."""
    records = build_records(council_a, board_a)
    strategy = records["strategy"]
    published = make_strategy(council_a, status="published", title="Wyvern Vale published plan")
    published_aim = make_aim(published, title="Stay well")
    published_objective = make_objective(published_aim)
    records.update(
        published=published,
        published_aim=published_aim,
        published_objective=published_objective,
        published_indicator=make_indicator(published_objective, title="Immunisations"),
        strategycouncil=StrategyCouncil.objects.create(strategy=strategy, council=council_b),
        programmecouncil=ProgrammeCouncil.objects.create(
            programme=records["programme"], council=council_b
        ),
        strategyrelation=StrategyRelation.objects.create(
            from_strategy=strategy, to_strategy=published
        ),
        boardmember=BoardMember.objects.get(board=board_a, user=board_member),
        user=editor_a,
        group=Group.objects.create(name="Reviewers"),
        strategy_type=ContentType.objects.get_for_model(strategy),
        stale_reset_link={
            "uidb64": urlsafe_base64_encode(force_bytes(editor_a.pk)),
            "token": "no-longer-valid",
        },
    )
    seen = {
        "user_agent": "Firefox",
        "http_accept": "text/html",
        "path_info": "/admin/login/",
        "ip_address": "192.0.2.1",
        # Not a persona's: signing one in clears the attempts recorded against its name.
        "username": "someone_guessing",
    }
    records["accessattempt"] = AccessAttempt.objects.create(
        **seen, get_data="", post_data="", failures_since_start=3
    )
    records["accesslog"] = AccessLog.objects.create(**seen)
    records["accessfailurelog"] = AccessFailureLog.objects.create(**seen)
    # Keyed by model label too, as the admin's generated cases look them up.
    for key, obj in list(records.items()):
        if hasattr(obj, "_meta") and obj._meta.model_name == key:
            records[obj._meta.label_lower] = obj
    return records


# --- asking and judging ---------------------------------------------------------------------------


def address(key, case, records):
    if case.path is not None:
        return case.path(records)
    args = case.args(records) if case.args else None
    kwargs = case.kwargs(records) if case.kwargs else None
    return reverse(key, args=args, kwargs=kwargs)


def ask(client, key, case, records):
    url = address(key, case, records)
    query = case.query(records) if case.query else {}
    cookies = copy.deepcopy(client.cookies)
    # Each request is undone, and the session cookie put back, so none changes what the next
    # one sees (marking a meeting held, signing out).
    with transaction.atomic():
        response = client.post(url) if case.method == "POST" else client.get(url, query)
        transaction.set_rollback(True)
    client.cookies = cookies
    return url, response


def is_sign_in(location, url):
    sign_in = reverse("admin:login") if url.startswith("/admin/") else reverse("login")
    return urlsplit(location).path == sign_in


def outcome(response, url, records, case):
    """What the role got, in the words of the table."""
    status = response.status_code
    if status == 302:
        return LOGIN if is_sign_in(response["Location"], url) else REDIRECT
    if status == 200 and case.autocomplete:
        target = autocomplete_target(case.autocomplete)
        offered = {item["id"] for item in response.json()["results"]}
        return LISTED if str(records[target].pk) in offered else UNLISTED
    return status


def autocomplete_target(source):
    app_label, model_name, field_name = source.split(".")
    remote = apps.get_model(app_label, model_name)._meta.get_field(field_name).remote_field.model
    return remote._meta.label_lower


# --- the tests ------------------------------------------------------------------------------------


def test_every_url_pattern_has_a_rule():
    admin_pages = admin_model_pages()
    ruled = {key for key, _ in all_cases()}
    unruled = [
        f"{key} ({route})"
        for key, route in url_patterns().items()
        if key not in ruled and key not in admin_pages
    ]
    assert not unruled, "These URL patterns have no rule in the permission matrix:\n" + "\n".join(
        unruled
    )
    stale = sorted(ruled - set(url_patterns()))
    assert not stale, f"These rules name URL patterns that no longer exist: {stale}"


def test_every_admin_model_and_page_has_a_rule():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert not registered - set(ADMIN_MODELS), (
        f"These admin models have no rule in ADMIN_MODELS: {sorted(registered - set(ADMIN_MODELS))}"
    )
    assert not set(ADMIN_MODELS) - registered, "ADMIN_MODELS names models no longer in the admin"
    unruled = [
        f"{key} ({label}, {kind})"
        for key, (label, kind) in admin_model_pages().items()
        if kind not in ADMIN_PAGES[ADMIN_MODELS[label]] and key not in RULES
    ]
    assert not unruled, "These admin pages have no rule:\n" + "\n".join(unruled)
    apps_in_admin = {label.split(".")[0] for label in registered}
    assert set(ADMIN_APPS) == apps_in_admin, "ADMIN_APPS must name each app in the admin"


def test_every_autocomplete_field_has_a_rule():
    assert autocomplete_fields() == set(AUTOCOMPLETE), (
        "Autocomplete fields without a rule: "
        f"{sorted(autocomplete_fields() - set(AUTOCOMPLETE))}; "
        f"rules for fields that are gone: {sorted(set(AUTOCOMPLETE) - autocomplete_fields())}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_address_answers_each_role_as_its_rule_says(client, request, matrix_records, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    # A page that fails is reported with the rest, not raised at the first.
    client.raise_request_exception = False
    column = ROLES.index(role)
    wrong = []
    for key, case in all_cases():
        url, response = ask(client, key, case, matrix_records)
        got = outcome(response, url, matrix_records, case)
        expected = case.expect[column]
        if got != expected:
            about = f" ({case.about})" if case.about else ""
            error = getattr(response, "exc_info", None)
            detail = f": {error[1]!r}" if error else ""
            wrong.append(
                f"{case.method} {url}  [{key}{about}]: expected {expected}, got {got}{detail}"
            )
    assert not wrong, f"{len(wrong)} addresses answer {role} wrongly:\n" + "\n".join(wrong)
