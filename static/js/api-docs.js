// Shows the API's OpenAPI schema with Swagger UI on /api/v1/docs/. A file of its own:
// the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", function () {
  var container = document.getElementById("swagger-ui");
  if (!container || typeof window.SwaggerUIBundle === "undefined") {
    return;
  }
  window.SwaggerUIBundle({
    url: container.dataset.schemaUrl,
    domNode: container,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // Deep links put a link inside each operation's toggle button (nested interactive controls).
    deepLinking: false,
    validatorUrl: null,
    defaultModelsExpandDepth: 0,
  });
});
