"""The settings, read from the environment (see README « Configuration »); the platform's own
knobs (`PTCE_*` of the domain) are in `settings_ptce.py`, imported at the end."""

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY doit être défini quand DEBUG est désactivé (voir README, Configuration)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "dsfr",
    "widget_tweaks",
    "simple_history",
    "axes",
    "ninja",
    "huey.contrib.djhuey",
    "ptce.core",
    "ptce.territories",
    "ptce.sirene",
    "ptce.organisations",
    "ptce.poles",
    "ptce.assessments",
    "ptce.cooperation",
    "ptce.calls",
    "ptce.awards",
    "ptce.imports",
    "ptce.www",
    "ptce.public",
    "ptce.privacy",
]
# The demo data and its `demo_load` command: development and tests only. A pytest run counts as
# a test run: pytest-django reads these settings before any conftest could set the variable.
PTCE_DEMO = DEBUG or env_bool("PTCE_DEMO", default=False) or "pytest" in sys.modules
if PTCE_DEMO:
    INSTALLED_APPS.append("ptce.demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the sessions: an anonymous hit touches neither them nor the database.
    "ptce.core.pages_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "ptce.core.middleware.ContentSecurityPolicyMiddleware",
    # The header's to-do counter is renewed after every write request (www/dashboard/counter.py).
    "ptce.core.middleware.TodoCounterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ptce" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ptce.core.context_processors.site",
            ],
            "string_if_invalid": env_str("TEMPLATE_STRING_IF_INVALID"),
            "builtins": ["ptce.core.templatetags.french"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # DATABASE_CONN_MAX_AGE (CONN_MAX_AGE, its older name): a new connection per request
        # cost a cached API response three quarters of its time (issue #18); persistent by
        # default in production, not in development and tests (runserver's threads).
        conn_max_age=env_int(
            "DATABASE_CONN_MAX_AGE",
            env_int("CONN_MAX_AGE", 0 if DEBUG or "pytest" in sys.modules else 60),
        ),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# --- Database connections (docs/deployment.md « PostgreSQL et ses connexions ») ------------------
# Either a persistent connection per worker (CONN_MAX_AGE seconds, checked before reuse) or, on
# PostgreSQL, a pool per process (DATABASE_POOL_MAX_SIZE > 0: psycopg's pool, Django ≥ 5.1);
# Django refuses both at once, so the pool wins.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = DATABASES["default"]["CONN_MAX_AGE"] != 0
DATABASE_POOL_MAX_SIZE = env_int("DATABASE_POOL_MAX_SIZE", 0)
if DATABASE_POOL_MAX_SIZE and "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1),
        "max_size": DATABASE_POOL_MAX_SIZE,
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
    }
# PostgreSQL's JIT compiled the correlated subqueries of a few queries for ~600 ms to run them
# in 20 (issue #18): off for the application's connections unless DATABASE_JIT=1.
if "postgresql" in DATABASES["default"]["ENGINE"] and not env_bool("DATABASE_JIT"):
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (_options.get("options", "") + " -c jit=off").strip()
# --- end of database connections --------------------------------------------------------------
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "public:home"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
# The reverse proxies in front of the application (nginx, a load balancer): the client address
# is read from X-Forwarded-For accordingly (`ptce.core.throttle.client_ip`), for the lockout and
# the throttles. Behind the documented proxy (BEHIND_HTTPS_PROXY), one by default.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_HTTPS_PROXY") else 0)
AXES_CLIENT_IP_CALLABLE = "ptce.core.throttle.client_ip"
# Forms anyone can post, per client address (django-ratelimit, counted in the shared cache).
PTCE_RATE_PASSWORD_RESET = env_str("PTCE_RATE_PASSWORD_RESET", "5/h")
PTCE_RATE_JOIN_REQUEST = env_str("PTCE_RATE_JOIN_REQUEST", "10/h")
PTCE_RATE_POLE_CREATE = env_str("PTCE_RATE_POLE_CREATE", "10/h")

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "ptce" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
PTCE_EVIDENCE_MAX_BYTES = env_int("PTCE_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)

# --- Files (docs/deployment.md « Stockage objet ») -----------------------------------------------
# `default`: public files (call documents); `private`: evidence, minutes, application files,
# served only by the views that check permissions (`ptce.core.files.private_file_response`).
# Local folders by default; an S3-compatible object storage (any provider) when its bucket is
# set: every web server then reads the same files.
PTCE_PRIVATE_MEDIA_ROOT = Path(env_str("PTCE_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
S3_PRIVATE_BUCKET = env_str("S3_PRIVATE_BUCKET")
S3_PUBLIC_BUCKET = env_str("S3_PUBLIC_BUCKET")
# With S3, a private download may be a redirect to a signed URL valid this many seconds
# (issued by the permission-checking view) instead of a response streamed through Django.
PTCE_PRIVATE_SIGNED_URLS = env_bool("PTCE_PRIVATE_SIGNED_URLS", default=False)
PTCE_PRIVATE_URL_SECONDS = env_int("PTCE_PRIVATE_URL_SECONDS", 60)


def s3_storage(bucket: str, **options) -> dict:
    """A django-storages S3 backend for `bucket`, its connection read from the environment."""
    connection = {
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": env_str("S3_ADDRESSING_STYLE") or None,
    }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": bucket, "file_overwrite": False, **connection, **options},
    }


STORAGES = {
    "default": (
        s3_storage(S3_PUBLIC_BUCKET, querystring_auth=False)
        if S3_PUBLIC_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "private": (
        # Never public: private ACL, every URL signed and short-lived, no custom domain; larger
        # downloads spool to disk rather than memory.
        s3_storage(
            S3_PRIVATE_BUCKET,
            default_acl="private",
            querystring_auth=True,
            querystring_expire=PTCE_PRIVATE_URL_SECONDS,
            custom_domain=None,
            max_memory_size=2 * 1024 * 1024,
        )
        if S3_PRIVATE_BUCKET
        else {"BACKEND": "ptce.core.files.PrivateFileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("PTCE_SIMPLE_STATIC", default=False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# --- end of files ----------------------------------------------------------------------------
DSFR_USE_INTEGRITY_CHECKSUMS = True
# DSFR advice: mark the optional fields, not the required ones (see ptce.core.forms).
DSFR_MARK_OPTIONAL_FIELDS = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PTCE <ne-pas-repondre@ptce.localhost>")

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY") else None
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = env_str(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'",
)

# --- CORS (django-cors-headers) ------------------------------------------------------------------
# The open data and the API may be read from any site (GET, HEAD; conditional requests); the
# preflight grants nothing else. No cookie is ever sent cross-site (no credentials).
INSTALLED_APPS.append("corsheaders")
# Outside the public cache's middleware: a response served from it gets its CORS headers too.
MIDDLEWARE.insert(
    MIDDLEWARE.index("ptce.core.pages_cache.AnonymousPageCacheMiddleware"),
    "corsheaders.middleware.CorsMiddleware",
)
CORS_URLS_REGEX = r"^/(api/v1|donnees)/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-language",
    "content-type",
    "if-modified-since",
    "if-none-match",
]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Disposition"]
CORS_PREFLIGHT_MAX_AGE = 86400
# --- end of CORS ---------------------------------------------------------------------------------

# --- Cache (docs/deployment.md « Cache et invalidation ») ----------------------------------------
# Public responses, their invalidation (ptce/public/cache.py) and the throttles' counters live
# here: every process must see the same cache. Redis when REDIS_URL is set; otherwise, in
# production, the database (`manage.py createcachetable` after `migrate`); a per-process memory
# cache only in development and tests (the `ptce.E001` check refuses it with DEBUG off).
REDIS_URL = env_str("REDIS_URL")
PTCE_TESTING = "pytest" in sys.modules
if REDIS_URL:
    CACHES = {
        # Django's, its client built once per process (ptce/core/redis_cache.py).
        "default": {"BACKEND": "ptce.core.redis_cache.RedisCache", "LOCATION": REDIS_URL}
    }
elif DEBUG or PTCE_TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "ptce_cache",
        }
    }
# --- end of cache ----------------------------------------------------------------------------

# Background jobs (Huey): every email, the webhook, the periodic jobs. The worker is
# `manage.py run_huey`; the tasks live in each app's `tasks.py` (see ptce/core/jobs.py).
# REDIS_URL set: the queue lives in Redis (several machines); otherwise in a SQLite file next to
# the database (one machine, any number of processes). Immediate mode runs each job inline, at
# enqueue time: the default in development and under pytest, so `make run` is one command.
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", default=DEBUG or "pytest" in sys.modules)
HUEY_REDIS_URL = env_str("REDIS_URL")
_database = DATABASES["default"]
_database_dir = Path(_database["NAME"]).parent if "sqlite" in _database["ENGINE"] else BASE_DIR
HUEY_SQLITE_PATH = Path(env_str("HUEY_SQLITE_PATH") or _database_dir / "huey.sqlite3")
HUEY = {
    "name": "ptce",
    "huey_class": "huey.RedisHuey" if HUEY_REDIS_URL else "huey.SqliteHuey",
    "immediate": HUEY_IMMEDIATE,
    "results": False,  # nothing reads a job's return value; its state is in core.JobRecord
    "connection": (
        {"url": HUEY_REDIS_URL} if HUEY_REDIS_URL else {"filename": str(HUEY_SQLITE_PATH)}
    ),
    "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
}
# A running job is leased to its consumer, which renews the lease every quarter of this; a job
# whose lease runs out (its consumer died) is put back in the queue (ptce/core/job_leases.py).
PTCE_JOB_LEASE_SECONDS = max(4, env_int("PTCE_JOB_LEASE_SECONDS", 120))
# First retry of an email, of a webhook delivery, after this many seconds, then twice as long
# each time (lowered only by the multi-process test, scripts/multiprocess/run.py).
PTCE_MAIL_RETRY_SECONDS = env_int("PTCE_MAIL_RETRY_SECONDS", 60)
PTCE_WEBHOOK_RETRY_SECONDS = env_int("PTCE_WEBHOOK_RETRY_SECONDS", 60)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The platform's own settings (PTCE_*: calls, imports, links, retention, reminders…).
from .settings_ptce import *  # noqa: E402, F403
