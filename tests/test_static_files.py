"""Static files: hashed and compressed by WhiteNoise, or from a CDN when configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_pages_link_hashed_files_that_whitenoise_serves_compressed(client):
    html = client.get("/").content.decode()
    stylesheet = next(part.split('"')[0] for part in html.split('href="')[1:] if "/static/css/site." in part)
    assert (
        stylesheet.startswith("/static/css/site.")
        and stylesheet.endswith(".css")
        and stylesheet != "/static/css/site.css"
    )
    response = client.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response["Cache-Control"]


def test_a_cdn_address_is_used_for_static_files_and_allowed_by_the_policy():
    code = (
        "import django; django.setup(); from django.conf import settings as s; from django.templatetags.static import static;"
        "print(static('css/site.css').split('/css/')[0]);"
        "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src']))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1",
           "DJANGO_STATIC_URL": "https://cdn.example.org/static/"}  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    prefix, script_sources = result.stdout.strip().splitlines()[-2:]
    assert prefix == "https://cdn.example.org/static"
    assert "https://cdn.example.org/static/" in script_sources.split()
