from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from config.sitemaps import SITEMAPS
from practices import views as practice_views

# Machines' addresses and the editors' admin: one language, no prefix. The API
# answers data, not prose; the admin is the editors' workplace, in English
# (its labels are translatable, so a French admin is a prefix away).
urlpatterns = [
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("api/v1/", include("api.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

# Readers' pages: English at today's addresses, French under /fr/ (config/languages.py).
urlpatterns += i18n_patterns(
    path("", practice_views.home, name="home"),
    path("practices/", include("documents.urls")),
    path("practices/", include("practices.urls")),
    path("projects/", include("projects.urls")),
    path("academy/", include("academy.urls")),
    path("contribute/", include("contributions.urls")),
    prefix_default_language=False,
)

# JSON for addresses under /api/, the usual pages elsewhere.
handler400 = "api.errors.bad_request"
handler404 = "api.errors.not_found"
handler500 = "api.errors.server_error"
