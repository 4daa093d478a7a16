from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "gongkai_web.letters"
    verbose_name = "文书"
    default_auto_field = "django.db.models.BigAutoField"
