from django.urls import path

from gongkai_web.catalogue import mailbox_views, register_views, views

app_name = "catalogue"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_new, name="new"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/steps/<slug:name>/", views.item_step, name="step"),
    path("<int:pk>/attachments/", views.attach, name="attach"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("settings/<int:agency_pk>/", views.agency_settings, name="settings"),
    path("registers/", register_views.registers_page, name="registers"),
    path("import/", register_views.import_page, name="import"),
    path("import/template.csv", register_views.import_template, name="import_template"),
    path("mailbox/", mailbox_views.letters, name="letters"),
    path("mailbox/<int:pk>/", mailbox_views.letter, name="letter"),
]
