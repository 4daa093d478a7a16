from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai_web.accounts"
    label = "accounts"
    verbose_name = "机关与人员"

    def ready(self) -> None:
        # The admin stays Chinese: django-tasks' own task-result admin has English names only
        # (the library's pages show its queue). The admin registered every app's models
        # before this runs (django.contrib.admin comes first in INSTALLED_APPS).
        from django.contrib import admin

        for model in list(admin.site._registry):
            if model._meta.app_label == "django_tasks_database":
                admin.site.unregister(model)
