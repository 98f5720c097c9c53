"""One settings file, read from the environment (see README « Configuration »)."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


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
    "ptce.core",
    "ptce.territories",
    "ptce.sirene",
    "ptce.organisations",
    "ptce.poles",
    "ptce.assessments",
    "ptce.cooperation",
    "ptce.calls",
    "ptce.www",
    "ptce.public",
]
# The demo data and its `demo_load` command: development and tests only. A pytest run counts as
# a test run: pytest-django reads these settings before any conftest could set the variable.
PTCE_DEMO = DEBUG or env_bool("PTCE_DEMO", default=False) or "pytest" in sys.modules
if PTCE_DEMO:
    INSTALLED_APPS.append("ptce.demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
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
# Evidence and minutes: never served by the web server, only through permission-checked views.
PTCE_PRIVATE_MEDIA_ROOT = Path(env_str("PTCE_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
PTCE_EVIDENCE_MAX_BYTES = env_int("PTCE_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("PTCE_SIMPLE_STATIC", default=False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
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

# Public responses are cached (see ptce/public/cache.py). Several processes must share one
# cache for invalidation to reach them all: set REDIS_URL in production.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Map base layer: empty means the offline département outlines only (tests, intranets).
PTCE_MAP_TILE_URL = env_str("PTCE_MAP_TILE_URL")
PTCE_MAP_TILE_ATTRIBUTION = env_str(
    "PTCE_MAP_TILE_ATTRIBUTION", "© les contributeurs d’OpenStreetMap"
)
# Calls: an application without a decision this many days after submission is overdue.
PTCE_CALLS_OVERDUE_DAYS = env_int("PTCE_CALLS_OVERDUE_DAYS", 60)
PTCE_APPLICATION_FILE_MAX_BYTES = env_int("PTCE_APPLICATION_FILE_MAX_BYTES", 10 * 1024 * 1024)
# Webhook for partners' tools: state changes of applications, signed with the secret.
PTCE_WEBHOOK_URL = env_str("PTCE_WEBHOOK_URL")
PTCE_WEBHOOK_SECRET = env_str("PTCE_WEBHOOK_SECRET")

# Experts' and external raters' links stop working this many days after the decision on the
# application or the validation of the evaluation.
PTCE_LINK_DAYS_AFTER_CLOSING = env_int("PTCE_LINK_DAYS_AFTER_CLOSING", 30)
# Invitation links sent by coordinators stay valid this many days.
PTCE_INVITATION_DAYS = env_int("PTCE_INVITATION_DAYS", 14)
# Animation alert: no meeting or event for more than this many months.
PTCE_ANIMATION_ALERT_MONTHS = env_int("PTCE_ANIMATION_ALERT_MONTHS", 3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
