from django.urls import path

from gongkai_web.portal import views

app_name = "portal"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.submitted, name="submitted"),
    path("status/", views.status, name="status"),
    path("status/correction/", views.correction, name="correction"),
    path("status/letter.docx", views.letter, name="letter"),
]
