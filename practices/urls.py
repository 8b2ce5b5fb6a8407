from django.urls import path

from practices import views

app_name = "practices"

urlpatterns = []
