"""One settings module for every environment, read from the environment.

Production misconfiguration is loud: with DJANGO_DEBUG off and no secret key
the process refuses to start.
"""

import datetime
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from clients.addresses import parse_trusted_proxies
from config.release import code_digest

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG-on"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
# Ports a Host header may carry: none in production (browsers omit 443), any for
# development servers. Another port is a 400, never copied into links.
ALLOWED_HOST_PORTS = env_list("DJANGO_ALLOWED_HOST_PORTS", ["*"] if DEBUG else [])

# The proxies whose forwarding headers are believed: addresses or networks, or
# "unix" for nginx on gunicorn's Unix socket. Nobody's by default.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", [])
try:
    parse_trusted_proxies(TRUSTED_PROXIES)
except ValueError as error:
    raise ImproperlyConfigured(f"DJANGO_TRUSTED_PROXIES: {error}.") from None
# How many trusted proxies append to X-Forwarded-For: the client is that many entries from the right.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 1)
if PROXY_COUNT < 1:
    raise ImproperlyConfigured("DJANGO_PROXY_COUNT must be 1 or more.")

# The admin's URL prefix, without a leading slash ("admin/" by default).
ADMIN_URL = env_str("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

INSTALLED_APPS = [
    # Our apps first: their ready() registers revision history before the admin does.
    "config",
    "vocabulary",
    "editorial",
    "browse",
    "practices",
    "projects",
    "academy",
    "bench",
    "signin",
    "clients",
    "contributions",
    "api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "taggit",
    "reversion",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    # First: nothing may read a forwarding header or the Host before these have judged them.
    "clients.addresses.ProxyHeadersMiddleware",
    "config.middleware.HostPortMiddleware",
    "config.middleware.HeadWithoutBodyMiddleware",
    # Before sessions and CSRF: the API reads no cookie, sets none, and answers any origin.
    "api.middleware.ApiMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.HostileQueryMiddleware",
    # Before the page cache: the home page's answer depends on Accept-Language, every other on its address.
    "config.languages.HomeLanguageMiddleware",
    "browse.page_cache.PageCacheMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the address's (/fr/… French, anything else English); never a header's or a cookie's.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.routers.PrimaryDatabaseMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "config.languages.language_links",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"


def database_url():
    """DATABASE_URL, else the project-local cluster `make db` started, else the default."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    local_cluster_url = BASE_DIR / "var" / "database_url"
    if local_cluster_url.exists():
        return local_cluster_url.read_text().strip()
    return "postgres://postgres@127.0.0.1:5432/compendium"


# Persistent connections, checked before each request reuses them, so a
# restarted PostgreSQL costs one failed check, not a failed request.
DATABASES = {
    "default": dj_database_url.parse(
        database_url(),
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://…).")
# A runaway query is cut off and answered with a 503 instead of holding a worker.
# (manage.py sets 0, no limit, for maintenance commands.)
STATEMENT_TIMEOUT_MS = env_int("DJANGO_STATEMENT_TIMEOUT_MS", 5000)
# Memory for each sort, hash and bitmap of a query. A search's bitmap of hundreds of thousands of matches
# outgrows PostgreSQL's default 4 MB and turns lossy: every row of a lossy page is then checked again,
# its search vector read back, and a search at a million practices took seconds instead of a fraction.
WORK_MEM_MB = env_int("DJANGO_WORK_MEM_MB", 32)
# Parallel workers a page's query may start: none. A page's reads are short and many run at once on few
# cores, where workers only queue behind each other; handing a search's 29,000 matches back from two
# workers took 43-63 ms at 100,000 practices against 22 ms read by one process. Long reads (the facet
# index, `browse.long_reads`) may start PostgreSQL's own default number.
PAGE_PARALLEL_WORKERS = env_int("DJANGO_PAGE_PARALLEL_WORKERS", 0)
LONG_READ_PARALLEL_WORKERS = env_int("DJANGO_LONG_READ_PARALLEL_WORKERS", 2)
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c work_mem={WORK_MEM_MB}MB"
    f" -c max_parallel_workers_per_gather={PAGE_PARALLEL_WORKERS}"
)
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
# A full CSV export streams for longer than a page may take.
EXPORT_STATEMENT_TIMEOUT_MS = env_int("DJANGO_EXPORT_TIMEOUT_MS", 120_000)
# The most practices a PDF dossier of a filtered list may hold. Rendering takes about 0.2 s per
# practice on two cores, so 50 stay well inside a 30 s worker timeout.
DOSSIER_MAX_PRACTICES = env_int("DJANGO_DOSSIER_MAX_PRACTICES", 50)
# Filtered exports (made on demand) a minute, from one client address and from everyone together
# (counted in PostgreSQL); the whole list's export is a kept file and has no limit.
FILTERED_EXPORTS_PER_CLIENT = env_int("DJANGO_FILTERED_EXPORTS_PER_CLIENT", 10)
FILTERED_EXPORTS_OVERALL = env_int("DJANGO_FILTERED_EXPORTS_OVERALL", 60)
# Where each app server keeps the whole lists' CSV files, plain and gzipped, per content generation
# (rebuilt at will), and the lock files that let one worker at a time write them.
EXPORT_FILES_DIR = env_str("DJANGO_EXPORT_FILES_DIR") or str(BASE_DIR / "var" / "exports")
# Behind nginx (deploy/), nginx sends those files itself from this internal location (X-Accel-Redirect):
# an export flood then costs the app server one small answer a request.
EXPORT_FILES_ACCEL_PREFIX = env_str("DJANGO_EXPORT_FILES_ACCEL_PREFIX")
# Addresses whose pages are never kept whole in the shared cache (besides every signed-in person's).
PAGE_CACHE_EXCLUDED_PREFIXES = ["/" + ADMIN_URL, "/contribute/", "/fr/contribute/", "/api/"]
# Quiz answers one client address may give in a window.
QUIZ_ANSWERS_PER_CLIENT = env_int("DJANGO_QUIZ_ANSWERS_PER_CLIENT", 30)
QUIZ_ANSWERS_WINDOW_SECONDS = env_int("DJANGO_QUIZ_ANSWERS_WINDOW_SECONDS", 600)
# The most rows a spreadsheet export holds (about a millisecond each to write; the CSV has no limit).
SPREADSHEET_MAX_ROWS = env_int("DJANGO_SPREADSHEET_MAX_ROWS", 10_000)

# A read replica, when there is one: reads go there, writes and editors to the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"]["OPTIONS"])
    # A replica that is down is noticed fast (psycopg's shortest time-out) and
    # left alone for a few seconds while the primary takes its reads.
    DATABASES["replica"]["OPTIONS"]["connect_timeout"] = 2
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
REPLICA_RETRY_SECONDS = env_int("DJANGO_REPLICA_RETRY_SECONDS", 5)
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]

# Facet counts and other derived reads are cached only in a cache every app
# server shares (Redis), so an editor's save retires them everywhere at once.
if os.environ.get("DJANGO_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["DJANGO_CACHE_URL"],
            "KEY_PREFIX": "compendium",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# The code answering (a digest of its source): what is kept beyond a worker's life is kept under it too,
# so after a deploy nothing the previous code counted, drew or exported is served (config/release.py).
RELEASE = code_digest(BASE_DIR)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses logins for a while after repeated failures (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# One account from one address: locked after this many failures for the cool-off (django-axes).
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "errors/login_locked.html"
# The address ProxyHeadersMiddleware decided, never a header axes would read itself.
AXES_CLIENT_IP_CALLABLE = "clients.addresses.client_address"
# Plus, from any address for one account and from one address for any account, a
# wait that doubles with each failure past these limits (signin/limits.py). The
# account's limit is above axes' so that one address alone cannot reach it.
AXES_HANDLER = "signin.lockout.SignInLimitsHandler"
AXES_LOCKOUT_CALLABLE = "signin.lockout.lockout_response"
SIGN_IN_ACCOUNT_FAILURE_LIMIT = env_int("DJANGO_ACCOUNT_FAILURE_LIMIT", 2 * AXES_FAILURE_LIMIT)
SIGN_IN_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_ADDRESS_FAILURE_LIMIT", 4 * AXES_FAILURE_LIMIT)
SIGN_IN_FIRST_WAIT_SECONDS = env_int("DJANGO_SIGN_IN_FIRST_WAIT_SECONDS", 30)
SIGN_IN_LONGEST_WAIT_SECONDS = env_int("DJANGO_SIGN_IN_LONGEST_WAIT_SECONDS", 3600)
if SIGN_IN_ACCOUNT_FAILURE_LIMIT <= AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        "DJANGO_ACCOUNT_FAILURE_LIMIT must be above DJANGO_LOGIN_FAILURE_LIMIT, "
        "or a single address could make an account wait for everyone."
    )

# A contributor's sign-in link works once, for this long; an editor's invitation for longer.
SESAME_MAX_AGE = 60 * env_int("DJANGO_SIGN_IN_LINK_MINUTES", 30)
SESAME_ONE_TIME = True
CONTRIBUTOR_INVITATION_DAYS = env_int("DJANGO_INVITATION_DAYS", 14)
# Per client address and hour: sign-in links asked for, and submissions started or sent for review.
SIGN_IN_LINKS_PER_HOUR = env_int("DJANGO_SIGN_IN_LINKS_PER_HOUR", 5)
CONTRIBUTIONS_PER_HOUR = env_int("DJANGO_CONTRIBUTIONS_PER_HOUR", 10)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at today's addresses, French under /fr/ (config/urls.py, config/languages.py).
# en-gb stays the code: its formats (3 February 2020) are what English pages have always shown.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = env_str("DJANGO_STATIC_URL", "/static/")
# Where collectstatic writes and nginx (deploy/) reads.
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A file missing from the manifest (collectstatic not yet run) gets its plain
# name instead of breaking every page, error pages included.
WHITENOISE_MANIFEST_STRICT = False

TAGGIT_CASE_INSENSITIVE = True

# Django 6 behaviour now: a URL typed without a scheme means https.
FORMS_URLFIELD_ASSUME_HTTPS = True


SMTP_SCHEMES = {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}
OTHER_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}


def email_settings(url):
    """Django's e-mail settings from an EMAIL_URL.

    smtp://user:password@host:port (plain, port 25), smtp+tls:// (STARTTLS, 587),
    smtp+ssl:// (TLS from the start, 465); console:// and locmem:// for
    development and tests. The user and password are percent-decoded.
    """
    parts = urlsplit(url)
    if parts.scheme in OTHER_EMAIL_BACKENDS:
        return {"EMAIL_BACKEND": OTHER_EMAIL_BACKENDS[parts.scheme]}
    if parts.scheme not in SMTP_SCHEMES:
        known = ", ".join(f"{scheme}://" for scheme in [*SMTP_SCHEMES, *OTHER_EMAIL_BACKENDS])
        raise ImproperlyConfigured(f"EMAIL_URL must start with one of {known}, not {parts.scheme!r}.")
    try:
        port = parts.port or SMTP_SCHEMES[parts.scheme]
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number from 0 to 65535.") from None
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no SMTP host (smtp://user:password@host:port).")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtp+ssl",
    }


# E-mail (contributors' sign-in links, review notices): the console in development;
# in production EMAIL_URL, else an SMTP server on localhost:25 (`check --deploy` warns).
EMAIL_URL = env_str("EMAIL_URL")
_email = email_settings(EMAIL_URL or ("console://" if DEBUG else "smtp://localhost"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
# A mail server that does not answer must not hold a worker.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT_SECONDS", 10)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL") or "Intercultural Compendium <noreply@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint announces every page it lays out at INFO; its warnings still come through.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# Security headers. Behind TLS (the default when debug is off) every cookie is
# secure, plain HTTP redirects to HTTPS and browsers are told to stay on HTTPS.
SECURE_SSL = env_bool("DJANGO_SECURE_SSL", not DEBUG)
SECURE_SSL_REDIRECT = SECURE_SSL
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000) if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", SECURE_SSL)
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    # The proxy terminates TLS and says so in this header; ProxyHeadersMiddleware
    # drops it from anyone but a trusted proxy, so one must be named.
    if not TRUSTED_PROXIES:
        raise ImproperlyConfigured(
            "DJANGO_BEHIND_TLS_PROXY is on but DJANGO_TRUSTED_PROXIES is empty: name the proxy "
            "(its address or network, or 'unix' for nginx on gunicorn's socket)."
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# No inline script anywhere: scripts come from our own static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The admin's templates carry a few style attributes; styles cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        # Academy videos load from their host only after the reader asks for them.
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
if STATIC_URL.startswith("http"):
    # Static files from a CDN.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"].append(STATIC_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"].append(STATIC_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(STATIC_URL)

# The read-only JSON API at /api/v1/ (api/): anonymous, JSON only, errors as {"errors": [...]}.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.JsonOnly",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientAddressRateThrottle"],
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
}
# Requests per client address (clients.addresses.client_address) and period, counted in
# the shared cache; without DJANGO_CACHE_URL the API does not count (nginx's limits stand).
API_RATE_LIMIT = env_str("DJANGO_API_RATE_LIMIT", "300/minute")
if not re.fullmatch(r"[1-9][0-9]*/(second|minute|hour|day)", API_RATE_LIMIT):
    raise ImproperlyConfigured(
        f"DJANGO_API_RATE_LIMIT must read like 300/minute (per second, minute, hour or day), not {API_RATE_LIMIT!r}"
    )
SPECTACULAR_SETTINGS = {
    "TITLE": "Intercultural Compendium API",
    "DESCRIPTION": "Read-only JSON for the good practices, projects, academy courses and modules, and the vocabulary.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
}
