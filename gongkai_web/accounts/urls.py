from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai_web.accounts import forms, office_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=forms.LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Setting up and keeping the office (office_views.py)
    path("office/", office_views.office, name="office"),
    path("office/agencies/", office_views.agencies, name="office-agencies"),
    path("office/agencies/new/", office_views.agency_form, name="office-agency-new"),
    path("office/agencies/<int:pk>/", office_views.agency_form, name="office-agency-edit"),
    path("office/agencies/<int:pk>/settings/", office_views.agency_settings, name="office-agency"),
    path("office/agencies/<int:pk>/staff/new/", office_views.staff_new, name="office-staff-new"),
    path(
        "office/agencies/<int:pk>/staff/<int:user_pk>/",
        office_views.staff_edit,
        name="office-staff",
    ),
    path(
        "office/agencies/<int:pk>/staff/<int:user_pk>/password/",
        office_views.staff_password,
        name="office-staff-password",
    ),
]
