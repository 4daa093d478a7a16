from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai_web.applications"
    label = "applications"
    verbose_name = "依申请公开"
