from django.urls import path

from gongkai_web.applications import views

app_name = "applications"
urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.intake, name="intake"),
    path("cases/export", views.export_cases, name="export"),
    path("cases/<int:pk>/", views.detail, name="detail"),
    path("cases/<int:pk>/steps/<slug:name>/", views.step, name="step"),
    path("cases/<int:pk>/attachments/", views.attach, name="attach"),
    path("cases/<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("cases/<int:pk>/letter.docx", views.letter, name="letter"),
]
