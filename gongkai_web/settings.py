"""Django settings of the gongkai disclosure office.

Nothing to set up by default: SQLite in ``$GONGKAI_DATA`` (default ``./var``). PostgreSQL
through ``DATABASE_URL`` (``postgres://user:pass@host/db``). ``GONGKAI_SECRET_KEY`` and
``GONGKAI_DEBUG=0`` for production; ``GONGKAI_ALLOWED_HOSTS`` comma-separated.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA", Path.cwd() / "var"))

DEBUG = os.environ.get("GONGKAI_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
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
    "gongkai_web.annual",
    "gongkai_web.portal",
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
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
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
# The public form: at most this many submissions per address per hour.
PUBLIC_FORM_RATE = int(os.environ.get("GONGKAI_PUBLIC_FORM_RATE", 5))
# Whether the days from a fee notice to payment stop the reply clock (the 条例 is silent).
FEE_STOPS_CLOCK = os.environ.get("GONGKAI_FEE_STOPS_CLOCK", "1") == "1"

# ---- The report library (gongkai_web.library): the task queue runs on this same database
# (django-tasks' database backend; `gongkai serve` starts a worker, production runs
# `python -m gongkai_web db_worker`), and the limits on reading one untrusted file.
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "gongkai_web.library"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LIBRARY_READ_SECONDS = int(os.environ.get("GONGKAI_LIBRARY_READ_SECONDS", 60))
LIBRARY_READ_MEMORY_MB = int(os.environ.get("GONGKAI_LIBRARY_READ_MEMORY_MB", 1024))
LIBRARY_UPLOAD_MAX_BYTES = int(os.environ.get("GONGKAI_LIBRARY_UPLOAD_MAX_BYTES", 200 * 1024 * 1024))
DATA_UPLOAD_MAX_NUMBER_FILES = 1000
