"""The read-only JSON API at ``/api/v1/`` (django-ninja), its OpenAPI description at
``/api/v1/openapi.json``. Each app that offers endpoints has an ``api`` module with ``router``
(a ``ninja.Router``) and ``PREFIX`` (its path under ``/api/v1/``); they are gathered here, so
apps add endpoints without editing this file. Public data only, unless a router says otherwise."""

from __future__ import annotations

import importlib

from django.apps import apps
from ninja import NinjaAPI

api = NinjaAPI(
    title="gongkai 政府信息公开 API",
    version="1",
    description="只读接口：仅提供已公开的数据。",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

for _config in apps.get_app_configs():
    if not _config.name.startswith("gongkai_web."):
        continue
    try:
        _module = importlib.import_module(f"{_config.name}.api")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"{_config.name}.api":
            raise
        continue
    api.add_router(_module.PREFIX, _module.router)


def public_urls() -> tuple[list[object], str, str]:
    """``api.urls`` with every view marked public (the site otherwise requires a login):
    an endpoint that needs a login checks it itself."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        callback = getattr(pattern, "callback", None)
        if callback is not None:
            callback.login_required = False
    return patterns, app_name, namespace
