from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "gongkai_web.catalogue"
    label = "catalogue"
    verbose_name = "主动公开"
