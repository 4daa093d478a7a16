from django.urls import path

from gongkai_web.library import region, views

app_name = "library"
urlpatterns = [
    path("", views.home, name="home"),
    path("upload/", views.upload, name="upload"),
    path("batches/<int:pk>/", views.batch, name="batch"),
    path("batches/<int:pk>/progress/", views.batch_progress, name="progress"),
    path("reports/", views.report_list, name="list"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/original/", views.original, name="original"),
    path("reports/<int:pk>/retry/", views.retry, name="retry"),
    path("reports/<int:pk>/match/", views.match, name="match"),
    path("reports/<int:pk>/correct/", views.correct, name="correct"),
    path("reports/<int:pk>/compare/", views.compare_view, name="compare"),
    path("reports/<int:pk>/cells/<str:cell_id>/", views.cell, name="cell"),
    path("reports/<int:pk>/cells/<str:cell_id>/page.png", views.crop, name="crop"),
    path("findings/<int:pk>/decide/", views.decide, name="decide"),
    path("overview/", region.overview_page, name="overview"),
    path("overview/sums/", region.sums_page, name="sums"),
    path("overview/export.<str:fmt>", region.export_file, name="export"),
]
