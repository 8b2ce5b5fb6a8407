from django.urls import path

from documents import views

app_name = "documents"

# Served under /practices/, beside the list they print.
urlpatterns = [
    path("compendium.pdf", views.compendium_pdf, name="compendium"),
    path("dossier.pdf", views.dossier_pdf, name="dossier"),
]
