"""Settings shared by every environment, read from environment variables (django-environ)."""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env is a convenience for development; production passes real environment variables.
if (BASE_DIR / ".env").is_file():
    env.read_env(str(BASE_DIR / ".env"))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# A form refused for its CSRF token gets the portal's 403 page with a reason a clerk can act on.
CSRF_FAILURE_VIEW = "utilities.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "csp",
    # The project's apps, from the foundation up (docs/architecture.md): each imports only those above it here.
    "councils",
    "oversight",
    "voters",
    "compliance",
    "notifications",
    "documents",
    "public",
    "portal",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Every change a request makes is recorded with the path it came through (councils/middleware.py).
    "councils.middleware.ChangeSourceMiddleware",
    # A temporary password issued by the secretariat is changed before anything else (councils/accounts.py).
    "councils.middleware.PasswordChangeRequiredMiddleware",
    "utilities.session_lifetime.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A page's PermissionDenied: the 403 page, logged in one line (utilities/security_log.py).
    "utilities.security_log.RefusedAccessMiddleware",
    # Last, as django-axes asks: it turns a sign-in refused by the lock-out into a 429 (utilities/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hdnd_portal.urls"
WSGI_APPLICATION = "hdnd_portal.wsgi.application"
ASGI_APPLICATION = "hdnd_portal.asgi.application"

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
                "django.template.context_processors.i18n",
                "councils.context_processors.portal",
                "notifications.context_processors.bell",
                "utilities.ui.context_processors.js_texts",
            ],
        },
    },
]

# Content-Security-Policy (django-csp), in every environment so that tests run under it: the portal's own
# scripts, styles, fonts and images only, no inline script or style, no eval. Scripts' data comes through
# json_script or data- attributes (static/js/). img-src allows data: because Bootstrap draws its small icons
# (a select's arrow, the close button, the navbar toggler) as data: SVGs in its stylesheet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The embedded default is a SQLite file in the project, so `make run` needs no server.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No parallel workers per query (20 users on 2 cores: 15 → 20 req/s) and random_page_cost 1.1, the SSD value
    # (at 4 a province's bounded count took a sequential scan: 5 or 300 ms by where it began). README "Capacity".
    _options = (f"-c max_parallel_workers_per_gather={env.int('HDND_PG_PARALLEL_WORKERS', default=0)} "
                f"-c random_page_cost={env.float('HDND_PG_RANDOM_PAGE_COST', default=1.1)}")
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", _options)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the in-process scheduler read while one of them writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The reverse proxies in front of the portal (compose behind TLS: 1). The client's address is the one the outermost
# wrote into X-Forwarded-For (0: the TCP peer's); throttles and lock-out count by it (utilities/net.py), nothing else.
NUM_PROXIES = env.int("HDND_NUM_PROXIES", default=0)
AUTHENTICATION_BACKENDS = [
    "utilities.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock-out after repeated sign-in failures (django-axes), at the sign-in form, the admin and the token endpoint:
# after AXES_FAILURE_LIMIT failures of one account (from anywhere) or from one address (on any account),
# every attempt of that account or address is refused, the right password included, for AXES_COOLOFF_TIME
# after the last counted failure. Failures are kept in the database, so every web worker sees them.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("HDND_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("HDND_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
# The address the throttles count by too; axes' own ipware settings (AXES_IPWARE_*) are then unused.
AXES_CLIENT_IP_CALLABLE = "utilities.net.client_address"
AXES_LOCKOUT_CALLABLE = "utilities.lockout.lockout_response"
# Attempts refused during a lock-out do not prolong it: it ends when the message said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A success does not wipe the failures: they are kept by address too, and one's own account must not be a
# way to wipe the count of the accounts one is guessing at. They are forgotten AXES_COOLOFF_TIME after the last.
AXES_RESET_ON_SUCCESS = False
# A session ends SESSION_COOKIE_AGE after its last request, and in any case SESSION_LIFETIME after the sign-in:
# an office day, not Django's 14 days. utilities/session_lifetime.py renews the idle timeout (at most once a
# minute: SESSION_SAVE_EVERY_REQUEST would add a write to every page) and ends sessions past their lifetime.
SESSION_COOKIE_AGE = 60 * env.int("HDND_SESSION_IDLE_MINUTES", default=30)
SESSION_LIFETIME = datetime.timedelta(hours=env.int("HDND_SESSION_LIFETIME_HOURS", default=12))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first, English available; dates dd/mm/yyyy in Hanoi time.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["hdnd_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from npm (package.json) and are served by the portal itself, never a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/tom-select", NODE_MODULES / "tom-select" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded files are served only through views that check who may see them. No URL pattern serves
# MEDIA_URL: it is set only because Django's live server and storage backends expect a string.
MEDIA_URL = "/_media-not-served/"
UPLOAD_MAX_BYTES = env.int("HDND_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
UPLOAD_ALLOWED_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png"]

EMAIL_BACKEND = env.str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
# Links in emails are absolute: the address the portal is served at.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://localhost:8000")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="Cổng HĐND <noreply@hdnd.local>")

REST_FRAMEWORK = {
    # Token first: an anonymous caller then gets a 401 with "WWW-Authenticate: Token", not a bare 403.
    # Session authentication enforces CSRF on unsafe methods.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "utilities.api.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "utilities.api.pagination.StandardPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "utilities.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "utilities.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["utilities.api.throttling.AnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("HDND_THROTTLE_ANON", default="60/minute"),
        "login": env.str("HDND_THROTTLE_LOGIN", default="10/minute"),
        # Public lookups by tracking code and key (page and API), and the feedback sent with them.
        "lookup": env.str("HDND_THROTTLE_LOOKUP", default="20/minute"),
    },
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "NUM_PROXIES": NUM_PROXIES,
}
# An API token lasts this long from when it was issued (POST /api/v1/auth/token/ then issues a new one); signing
# out of the portal or changing one's password revokes it at once.
API_TOKEN_LIFETIME = datetime.timedelta(hours=env.int("HDND_API_TOKEN_LIFETIME_HOURS", default=12))
SPECTACULAR_SETTINGS = {
    "TITLE": "HĐND portal API",
    "DESCRIPTION": """API v1 of the HĐND work-tracking portal. Every list is scoped to the caller's councils.

On every list of council records, `council=<id>` keeps the records of exactly that council, and
`subtree_of=<id>` those of that council and of every council below it.

## Changelog

### 1.2.0

- A token from `POST /api/v1/auth/token/` lasts 12 hours from when it was issued (the operator may change it):
  then it is refused with a 401 `token_expired` and the next login issues a new one. Signing out of the portal
  or changing one's password revokes it (401 `authentication_failed`).
- After 5 failed logins of one account, or from one address, every login of that account or address is refused
  for 15 minutes, the right password included: `POST /api/v1/auth/token/` answers 429 `locked_out` with
  `Retry-After`. The portal's sign-in form and the admin count the same failures.

### 1.1.0

- `council` means exactly that council on every list. The oversight lists (`/api/v1/oversight/...`: programmes,
  activities, recommendations, questions, commitments, work items, trainings, briefings, and the rates computed
  from them) used to read it as the council and those below it: pass `subtree_of` for that now.
- `subtree_of` is accepted wherever `council` is: new on the oversight and voters lists, agencies and
  compliance runs.
- Both are documented as a council's id (an integer).
""",
    "VERSION": "1.2.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Many models have a "status" or "kind": name each choice set after its class, not after a hash.
    "ENUM_NAME_OVERRIDES": {
        "AgencyKindEnum": "councils.choices.AgencyKind",
        "BodyKindEnum": "councils.choices.BodyKind",
        "SessionKindEnum": "councils.choices.SessionKind",
        "ActivityKindEnum": "oversight.choices.ActivityKind",
        "ActivityStatusEnum": "oversight.choices.ActivityStatus",
        "DocumentKindEnum": "oversight.choices.DocumentKind",
        "FollowUpStatusEnum": "oversight.choices.FollowUpStatus",
        "WorkItemStatusEnum": "oversight.choices.WorkItemStatus",
        "ForwardingStatusEnum": "voters.choices.ForwardingStatus",
        "MeetingKindEnum": "voters.choices.MeetingKind",
        "PetitionKindEnum": "voters.choices.PetitionKind",
        "PetitionStatusEnum": "voters.choices.PetitionStatus",
        "LetterKindEnum": "voters.choices.letter_kind_choices",
        "ResultStatusEnum": "compliance.choices.ResultStatus",
        "RunStatusEnum": "compliance.choices.RunStatus",
    },
}

# Celery. With no broker configured the jobs run in this process (see hdnd_portal/celery.py).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# The full compliance run split by province is a chord, which needs a result backend: the broker's Redis
# unless told otherwise. Results are kept a day (CELERY_RESULT_EXPIRES' default).
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=720)
# The one task allowed longer than the default: the nightly evaluation of every council
# (compliance.tasks.evaluate_all). Its run lock lasts as long as this hard limit.
COMPLIANCE_FULL_RUN_SOFT_TIME_LIMIT = env.int("COMPLIANCE_FULL_RUN_SOFT_TIME_LIMIT", default=1800)
COMPLIANCE_FULL_RUN_TIME_LIMIT = env.int("COMPLIANCE_FULL_RUN_TIME_LIMIT", default=1900)
# Tasks are acknowledged when they end (acks_late), and Redis hands a task nobody acknowledged to another
# worker after the visibility timeout (an hour by default). It must outlast the longest hard time limit, or
# a task still running is started a second time; past it, the task of a worker that was killed runs again.
_LONGEST_TIME_LIMIT = max(CELERY_TASK_TIME_LIMIT, COMPLIANCE_FULL_RUN_TIME_LIMIT)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=_LONGEST_TIME_LIMIT + 120),
}
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= _LONGEST_TIME_LIMIT:
    raise ImproperlyConfigured(
        f"CELERY_VISIBILITY_TIMEOUT must be longer than the longest task time limit ({_LONGEST_TIME_LIMIT} s).")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queues: one per kind of work, so that a long nightly evaluation or a large export never holds back an
# e-mail, and each kind can get its own workers (docker-compose.yml runs one worker service per queue).
# Every task is routed here by its name; a task not listed goes to "default" (councils.tasks.move_deadlines
# on purpose: a day off moves a few deadlines, quickly). Workers must consume every queue in HDND_CELERY_QUEUES
# (`make serve` and CI's `make run` start one worker with `-Q` all of them); tests/test_celery_routes.py
# fails when a task is added without a decision here.
CELERY_TASK_DEFAULT_QUEUE = "default"
HDND_CELERY_QUEUES = ("default", "compliance", "notifications", "exports")
CELERY_TASK_ROUTES = {
    # Evaluations (nightly full run, coalesced per-council runs) and their sweeps.
    "compliance.tasks.*": {"queue": "compliance"},
    # E-mails, digests and the escalation ladder: short, and should not wait behind an evaluation.
    "notifications.tasks.*": {"queue": "notifications"},
    # Large, slow files in and out: documents built in the background and queued imports.
    "documents.tasks.build_document_job": {"queue": "exports"},
    "councils.tasks.run_import_job": {"queue": "exports"},
}
# Redis for locks and coalescing when a broker is configured; the local-memory cache otherwise.
CACHE_URL = env.str("CACHE_URL", default="")
if CACHE_URL:
    CACHES = {"default": env.cache_url_config(CACHE_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"refusal_without_traceback": {"()": "utilities.security_log.RefusalWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["refusal_without_traceback"]}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Sign-ins, lock-outs, sign-outs, tokens and refused accesses, one line each (utilities/security_log.py),
        # kept whatever DJANGO_LOG_LEVEL says.
        "hdnd.security": {"level": "INFO"},
        # hdnd.security says what axes would, once and with the address; axes' own errors still show.
        "axes": {"level": "ERROR"},
        # WeasyPrint logs each step of every PDF at INFO; its warnings (a missing font) still show.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Domain settings (defaults that councils can adjust).
HDND_DEMO_PASSWORD = "hdnd-demo-2026"

# The right-hand side of every calendar event's UID ("session-12@<this>"): set it once to the portal's host name
# and never change it, or calendar applications will see every event as new (portal/feeds.py).
HDND_CALENDAR_UID_DOMAIN = env.str("HDND_CALENDAR_UID_DOMAIN", default="hdnd-portal.local")

# Deadlines of petitions and letters, in working days (weekends, Vietnamese public holidays and the
# councils' own days off are skipped; see councils/workdays.py).
HDND_DEADLINES = {
    # The secretariat forwards a petition or letter to the competent agency within this many working days.
    "forward_working_days": env.int("HDND_FORWARD_WORKING_DAYS", default=5),
    # An agency answers within this many working days of the forwarding...
    "answer_working_days": env.int("HDND_ANSWER_WORKING_DAYS", default=30),
    # ...or, by default, before the council's next regular session when one is scheduled,
    "answer_before_next_session": env.bool("HDND_ANSWER_BEFORE_NEXT_SESSION", default=True),
    # provided that session leaves the agency at least this many working days.
    "answer_min_working_days": env.int("HDND_ANSWER_MIN_WORKING_DAYS", default=10),
    # Items due within this many working days are listed (and reminded) as "due soon".
    "due_soon_working_days": env.int("HDND_DUE_SOON_WORKING_DAYS", default=3),
}

# Official documents: a session report over this many petitions is built by a background job (documents app).
DOCUMENTS_ASYNC_PETITIONS = env.int("HDND_DOCUMENTS_ASYNC_PETITIONS", default=300)
