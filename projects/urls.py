from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("export.csv", views.project_export, name="export"),
    path("export.xlsx", views.project_spreadsheet, name="export_xlsx"),
    path("<slug:slug>/", views.project_detail, name="detail"),
]
