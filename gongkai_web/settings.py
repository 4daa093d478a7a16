"""Django settings of the gongkai disclosure office.

Nothing to set up by default: SQLite in ``$GONGKAI_DATA`` (default ``./var``). PostgreSQL
through ``DATABASE_URL`` (``postgres://user:pass@host/db``). Production by default: DEBUG
off (``GONGKAI_DEBUG=1`` or ``gongkai serve --dev`` for development), the secret key made
on first start into ``$GONGKAI_DATA/secret_key`` (or ``GONGKAI_SECRET_KEY``),
``GONGKAI_HTTPS=1`` behind an HTTPS proxy; ``GONGKAI_ALLOWED_HOSTS`` comma-separated.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA", Path.cwd() / "var"))

DEBUG = os.environ.get("GONGKAI_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get(
    "GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver"
).split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai_web.accounts",
    "gongkai_web.applications",
    "gongkai_web.letters",  # issue 11 point 4: letters for every step
    "gongkai_web.annual",
    "gongkai_web.portal",
    "gongkai_web.catalogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "gongkai_web.urls"
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
                "gongkai_web.menu.menu",
            ]
        },
    }
]
WSGI_APPLICATION = "gongkai_web.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            # Take the write lock when a transaction begins, waiting up to the timeout: a
            # transaction that read first and wrote later would fail at once ("database is
            # locked") instead of waiting (issue 9).
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("GONGKAI_CACHE_TABLE"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": os.environ["GONGKAI_CACHE_TABLE"],
    }

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Attachments: what the office accepts (size in bytes, content types by extension).
ATTACHMENT_MAX_BYTES = int(os.environ.get("GONGKAI_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".txt": "text/plain",
}
# The public pages' limits (portal/ratelimit.py), counted in the database by every process:
# submissions per address per hour (an office or school may share one address), per applicant
# (identity document) per hour, status look-ups per address per hour; and the least seconds
# between showing the form and submitting it (portal/humancheck.py).
PUBLIC_FORM_RATE = int(os.environ.get("GONGKAI_PUBLIC_FORM_RATE", 30))
PUBLIC_FORM_RATE_PER_APPLICANT = int(os.environ.get("GONGKAI_PUBLIC_FORM_RATE_PER_APPLICANT", 5))
PUBLIC_STATUS_RATE = int(os.environ.get("GONGKAI_PUBLIC_STATUS_RATE", 60))
PUBLIC_FORM_MIN_SECONDS = float(os.environ.get("GONGKAI_PUBLIC_FORM_MIN_SECONDS", 3))
# Whether the days from a fee notice to payment stop the reply clock (the 条例 is silent).
FEE_STOPS_CLOCK = os.environ.get("GONGKAI_FEE_STOPS_CLOCK", "1") == "1"


# --- Production hardening (issue 9) ----------------------------------------------------------
from gongkai_web.secret import secret_key  # noqa: E402

SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY") or secret_key(DATA_DIR)
WHITENOISE_USE_FINDERS = DEBUG  # production serves the collected copies (gongkai serve)
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before checking it
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE += ["axes.middleware.AxesMiddleware", "gongkai_web.errors.BusyDatabaseMiddleware"]
# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one login name from one
# address, that pair is locked for the cool-off time (a colleague elsewhere is not).
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURES", 5))
AXES_COOLOFF_TIME = float(os.environ.get("GONGKAI_LOGIN_COOLOFF_HOURS", 0.25))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "gongkai_web.errors.login_locked"
AXES_ENABLE_ADMIN = False  # its models have no Chinese names; the admin stays Chinese
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
CSRF_FAILURE_VIEW = "gongkai_web.errors.csrf_failure"

from csp.constants import NONE, SELF  # noqa: E402

# No inline script or style anywhere: scripts and styles come from our own static files.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/v1/docs"],  # django-ninja's Swagger page is inline
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
if os.environ.get("GONGKAI_HTTPS") == "1":
    # Behind an HTTPS proxy (README: behind nginx), which sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Behind a reverse proxy (README: behind nginx) every request comes from the proxy: the
# client's address is then the last one in X-Forwarded-For, which the proxy sets. Never on
# without a proxy that overwrites the header: clients could choose their own address.
BEHIND_PROXY = os.environ.get("GONGKAI_BEHIND_PROXY") == "1"
if BEHIND_PROXY:
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("GONGKAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]
# Passwords set through the office's pages and `gongkai init` (messages in Chinese).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# ---- The report library (gongkai_web.library): the task queue runs on this same database
# (django-tasks' database backend; `gongkai serve` starts a worker, production runs
# `python -m gongkai_web db_worker`), and the limits on reading one untrusted file.
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "gongkai_web.library"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LIBRARY_READ_SECONDS = int(os.environ.get("GONGKAI_LIBRARY_READ_SECONDS", 120))
LIBRARY_READ_MEMORY_MB = int(os.environ.get("GONGKAI_LIBRARY_READ_MEMORY_MB", 2048))
LIBRARY_UPLOAD_MAX_BYTES = int(os.environ.get("GONGKAI_LIBRARY_UPLOAD_MAX_BYTES", 50 * 1024 * 1024))
LIBRARY_ZIP_MAX_BYTES = int(os.environ.get("GONGKAI_LIBRARY_ZIP_MAX_BYTES", 2 * 1024 * 1024 * 1024))
DATA_UPLOAD_MAX_NUMBER_FILES = 1000

# --- e-mail to applicants (issue 11 point 5; applications/notify.py sends every message) ---
# Printed to the console unless an SMTP host is set: GONGKAI_EMAIL_HOST, _PORT, _USER,
# _PASSWORD, _TLS=1 / _SSL=1, _FROM.
if os.environ.get("GONGKAI_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["GONGKAI_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", 25))
    EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("GONGKAI_EMAIL_TLS") == "1"
    EMAIL_USE_SSL = os.environ.get("GONGKAI_EMAIL_SSL") == "1"
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_EMAIL_FROM", "gongkai@localhost")
