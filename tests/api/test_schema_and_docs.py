"""The OpenAPI 3 schema at /api/v1/schema/ and its documentation page, served from our own files."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests import factories as make

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3_with_no_warning(tmp_path):
    # drf-spectacular validates against the OpenAPI 3 meta-schema and fails on any warning.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"),
                 stderr=io.StringIO())  # fmt: skip
    assert "openapi: 3" in (tmp_path / "schema.yaml").read_text()


def test_the_schema_documents_each_lists_filters_from_its_filterset(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/practices/"]["get"]["parameters"]}
    assert set(parameters) == {
        "q", "country", "level", "theme", "area", "type", "tag", "ongoing", "place", "year_from", "year_to", "sort",
        "cursor", "page_size", "If-None-Match", "If-Modified-Since",
    }  # fmt: skip
    assert parameters["country"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert parameters["country"]["explode"] is True
    assert parameters["year_from"]["schema"] == {"type": "integer", "minimum": 1900, "maximum": 2100}
    assert parameters["q"]["schema"] == {"type": "string", "maxLength": 200}
    assert parameters["sort"]["schema"]["enum"] == ["relevance", "title", "start", "-start", "country", "newest"]
    assert parameters["level"]["schema"]["enum"] == ["local", "regional", "national", "european"]
    modules = {p["name"] for p in schema["paths"]["/api/v1/modules/"]["get"]["parameters"]}
    assert {"course", "area", "tag", "kind", "q", "sort"} <= modules
    responses = schema["paths"]["/api/v1/practices/{slug}/"]["get"]["responses"]
    assert set(responses) == {"200", "304", "400", "404", "429"}
    assert set(responses["200"]["content"]["application/json"]["schema"].values()) == {
        "#/components/schemas/PracticeDetail"
    }


RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 1280])
def test_the_documentation_page_renders_the_schema_with_no_csp_violation(page, axe_violations, width):
    make.practice("Anti-rumours strategy", slug="bilbao")
    page.set_viewport_size({"width": width, "height": 900})
    problems, requests = [], []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto(page.base_url + reverse("api:docs"))
    # Swagger UI has read the schema and shows each operation.
    page.locator(".opblock-summary-path", has_text="/api/v1/practices/{slug}/").first.wait_for()
    assert page.locator(".opblock").count() >= 10
    violations = page.evaluate("() => window.__cspViolations || []")
    assert violations == []
    assert not [text for text in problems if "Content Security Policy" in text or "Refused" in text], problems
    # Everything came from our own server: no CDN, no font service.
    assert all(url.startswith(page.base_url) or url.startswith("data:") for url in requests), requests
    assert page.get_by_role("heading", level=1).all_inner_texts() == ["API"]
    assert axe_violations(page) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_trying_an_operation_from_the_documentation_page(page):
    make.practice("Anti-rumours strategy", slug="bilbao", country=make.country("ES", "Spain"))
    page.goto(page.base_url + reverse("api:docs"))
    operation = page.locator(
        ".opblock", has=page.locator(".opblock-summary-path", has_text=re.compile(r"^/api/v1/practices/$"))
    )
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    answer = operation.locator(".live-responses-table")
    answer.wait_for()
    assert "Anti-rumours strategy" in answer.inner_text()
