from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from api import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("practices/", views.practice_list, name="practices"),
    path("practices/<slug:slug>/", views.practice_detail, name="practice"),
    path("projects/", views.project_list, name="projects"),
    path("projects/<slug:slug>/", views.project_detail, name="project"),
    path("courses/", views.course_list, name="courses"),
    path("courses/<slug:slug>/", views.course_detail, name="course"),
    path("modules/", views.module_list, name="modules"),
    path("courses/<slug:course_slug>/modules/<slug:module_slug>/", views.module_detail, name="module"),
    path("vocabulary/", views.vocabulary, name="vocabulary"),
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
]
