"""
Settings for Strategy Tracker, read from the environment.

One file for every place the site runs: development, tests and production differ only by
environment variables (see `.env.example`). `DJANGO_ENV=production` switches on the secure
defaults; everything else has a safe default for a developer's machine.
"""

import datetime as dt
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DJANGO_ENV = env("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development or production, not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production")
    # Only ever used on a developer's machine: production refuses to start without its own.
    SECRET_KEY = "development-only-not-secret-strategy-tracker-key-0123456789"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    # Otherwise the site starts and answers every request with 400.
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when DJANGO_ENV=production: the site's host names, "
        "separated by commas"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    "councils",
    "strategies",
    "outcomes",
    "public",
    "boards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Signed-in pages must not stay in a shared computer's cache after sign-out.
    "councils.middleware.PrivatePagesMiddleware",
    "councils.middleware.DatabaseOutageMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Sign-in throttling (django-axes), kept in the database so every app server sees the same
# count. Failures are counted per account and, separately, per address; once either reaches the
# limit, further attempts are refused for the cool-off period before any password is hashed, so
# a guessing loop cannot tie up the workers. Site administrators see and lift lockouts in the
# admin ("Access attempts": delete the row).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "councils.signin.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
# Behind the TLS proxy the client's address is the last one the proxy added.
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# The policy is on everywhere, tests and development included, so a page that would break under
# it fails in the browser tests rather than in production. The one inline script (GOV.UK's
# js-enabled switch) carries the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "strategy_tracker.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "public.context_processors.navigation",
                "outcomes.demonstration.demonstration_notice",
            ],
        },
    },
]

WSGI_APPLICATION = "strategy_tracker.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections: measured 164 -> 748 requests/s on a list page.
        conn_max_age=env_int("CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names in production. Elsewhere plain names served straight from the
        # source folders, so tests and runserver never depend on a stale collectstatic manifest.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
    # A spreadsheet waits here between its preview and the officer's confirmation. With several
    # app servers the confirmation may reach another one: point SPREADSHEET_UPLOAD_DIR at a folder
    # they share, or name another storage backend here.
    "spreadsheet_uploads": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": Path(
                env(
                    "SPREADSHEET_UPLOAD_DIR",
                    str(Path(tempfile.gettempdir()) / "strategy-tracker-spreadsheets"),
                )
            ),
            # Councils' unpublished figures: readable by the app's own user only.
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}
# Seconds an uploaded spreadsheet may wait for confirmation before it must be uploaded again.
SPREADSHEET_UPLOAD_MAX_AGE = env_int("SPREADSHEET_UPLOAD_MAX_AGE", 60 * 60)
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache every app server shares: public pages and the bulk downloads' freshness live in it,
# so an edit made through one server shows on the next request to any other. Redis in
# production (and in the tests, through .ci/with-redis); one process's memory in development.
# Production without REDIS_URL caches nothing (`check --deploy` warns): each server's own
# memory would go on serving pages another server had changed.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "strategy-tracker"),
        }
    }
elif PRODUCTION:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds a cached public page is kept. Edits never wait for it (they move the generation on);
# it only bounds how long unused pages take up room.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)

# The whole public dataset (`/data/all.json`, `/data/all-csv.zip`) is written here, away from the
# page workers, and served as files. With several app servers, point it at a folder they share.
OPEN_DATA_DIR = Path(
    env("OPEN_DATA_DIR", str(Path(tempfile.gettempdir()) / "strategy-tracker-open-data"))
)
# "background": a change starts `manage.py build_open_data` in its own process, and a download
# is served from the last finished build meanwhile. "inline": the request that finds the files
# out of date rebuilds them itself, fine for the demo's handful of strategies.
OPEN_DATA_BUILD = env("OPEN_DATA_BUILD", "background" if PRODUCTION else "inline")
if OPEN_DATA_BUILD not in {"background", "inline"}:
    raise ImproperlyConfigured(
        f"OPEN_DATA_BUILD must be background or inline, not {OPEN_DATA_BUILD!r}"
    )
# Behind nginx, the proxy sends those files itself: a download answers with the file's address
# under this internal prefix (X-Accel-Redirect) and the page worker is free at once, however slow
# the client. Empty: the worker sends them (sendfile). `.ci/nginx.conf` holds the matching block.
OPEN_DATA_ACCEL_REDIRECT = env("OPEN_DATA_ACCEL_REDIRECT")
if OPEN_DATA_ACCEL_REDIRECT and not (
    OPEN_DATA_ACCEL_REDIRECT.startswith("/") and OPEN_DATA_ACCEL_REDIRECT.endswith("/")
):
    raise ImproperlyConfigured(
        "OPEN_DATA_ACCEL_REDIRECT must be a path that starts and ends with /, like /_open_data/,"
        f" not {OPEN_DATA_ACCEL_REDIRECT!r}"
    )

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "boards:home"
LOGOUT_REDIRECT_URL = "public:home"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Production sends through SMTP; development prints each email to the console instead.
EMAIL_BACKEND_PATH = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": (
            {
                "host": env("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env("EMAIL_HOST_USER"),
                "password": env("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=False),
            }
            if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Strategy Tracker <noreply@localhost>")

SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# Where the public reports accessibility problems; the operator must set a real address.
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", "accessibility@example.org")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # Django's own default handlers would print each of its messages a second time.
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        # Lockouts are warnings; every attempt and reset at INFO would drown them.
        "axes": {"level": "WARNING"},
    },
}

if PRODUCTION:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe over plain HTTP inside the network and count a redirect as down.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
