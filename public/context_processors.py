from django.urls import NoReverseMatch, reverse

# (label, URL name) in the order they appear; names not yet routed are skipped so the menu never
# links to a page that does not exist.
NAVIGATION = [
    ("Strategies", "public:strategy_list"),
    ("Councils", "public:council_list"),
    ("Open data", "public:data"),
]
FOOTER = [
    ("Accessibility statement", "public:accessibility"),
    ("Open data", "public:data"),
    ("Sign in", "login"),
    ("Council officers", "admin:index"),
]


def _resolve(entries):
    for label, name in entries:
        try:
            yield label, reverse(name)
        except NoReverseMatch:
            continue


def navigation(request):
    path = request.path
    items = [
        {"label": label, "url": url, "active": path.startswith(url)}
        for label, url in _resolve(NAVIGATION)
    ]
    footer = [{"label": label, "url": url} for label, url in _resolve(FOOTER)]
    return {"navigation_items": items, "footer_links": footer}
