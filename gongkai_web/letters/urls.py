from django.urls import path

from gongkai_web.letters import views

app_name = "letters"
urlpatterns = [
    path("cases/<int:pk>/letters/<slug:kind>/", views.preview, name="preview"),
    path("cases/<int:pk>/letters/<slug:kind>.docx", views.download, name="download"),
    path("letters/wording/", views.wording, name="wording"),
]
