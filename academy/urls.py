from django.urls import path

from academy import views

app_name = "academy"

urlpatterns = [
    path("", views.course_list, name="list"),
    path("export.csv", views.module_export, name="export"),
    path("export.xlsx", views.module_spreadsheet, name="export_xlsx"),
    path("<slug:course_slug>/", views.course_detail, name="course"),
    path("<slug:course_slug>/<slug:module_slug>/", views.module_detail, name="module"),
]
