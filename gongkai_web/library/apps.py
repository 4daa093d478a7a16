from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "gongkai_web.library"
    verbose_name = "年报库"
    default_auto_field = "django.db.models.BigAutoField"
