from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from config.sitemaps import SITEMAPS
from practices import views as practice_views

urlpatterns = [
    path("", practice_views.home, name="home"),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("practices/", include("documents.urls")),
    path("practices/", include("practices.urls")),
    path("projects/", include("projects.urls")),
    path("academy/", include("academy.urls")),
    path("contribute/", include("contributions.urls")),
    path("api/v1/", include("api.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# JSON for addresses under /api/, the usual pages elsewhere.
handler400 = "api.errors.bad_request"
handler404 = "api.errors.not_found"
handler500 = "api.errors.server_error"
