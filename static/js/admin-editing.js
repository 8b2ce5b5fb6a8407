/* The admin's change forms: a live preview beside each Markdown text, and ordered children moved
   by up/down buttons. Loaded from our static files (no inline script: the CSP forbids it); without
   it the texts are plain text areas and positions plain numbers. */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function labelOf(textarea) {
    var label = document.querySelector("label[for='" + textarea.id + "']");
    return label ? label.textContent.replace(/:\s*$/, "") : "the text";
  }

  function setUpPreview(textarea) {
    var url = textarea.getAttribute("data-markdown-preview");
    var pair = document.createElement("div");
    pair.className = "markdown-pair";
    var preview = document.createElement("div");
    preview.className = "markdown-preview prose";
    preview.setAttribute("role", "region");
    preview.setAttribute("aria-live", "polite");
    preview.setAttribute("aria-label", "Preview of " + labelOf(textarea));
    preview.id = textarea.id + "_preview";
    textarea.parentNode.insertBefore(pair, textarea);
    pair.appendChild(textarea);
    pair.appendChild(preview);

    var timer = null;
    var asked = 0;
    function refresh() {
      var ticket = ++asked;
      var body = new FormData();
      body.append("text", textarea.value);
      fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          if (ticket !== asked) return; // an older answer arriving late
          // Sanitised by the server (editorial/markdown.py), exactly as readers get it.
          preview.innerHTML = html || "<p class=\"preview-empty\">(empty)</p>";
        })
        .catch(function () { preview.textContent = "The preview is not available right now; the text is kept."; });
    }
    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    refresh();
  }

  function rowsOf(body) {
    return Array.prototype.filter.call(body.querySelectorAll("tr.form-row"), function (row) {
      return !row.classList.contains("empty-form") && row.querySelector("input[name$='-position']");
    });
  }

  function renumber(body) {
    rowsOf(body).forEach(function (row, index) {
      row.querySelector("input[name$='-position']").value = index;
    });
  }

  function addMoveButtons(row) {
    var input = row.querySelector("input[name$='-position']");
    if (!input || row.querySelector(".move-buttons")) return;
    var buttons = document.createElement("span");
    buttons.className = "move-buttons";
    [["up", "↑", "Move up"], ["down", "↓", "Move down"]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "move-" + spec[0];
      button.textContent = spec[1];
      button.setAttribute("aria-label", spec[2]);
      button.title = spec[2];
      button.addEventListener("click", function () {
        var body = row.parentNode;
        var rows = rowsOf(body);
        var at = rows.indexOf(row);
        var other = rows[spec[0] === "up" ? at - 1 : at + 1];
        if (!other) return;
        if (spec[0] === "up") body.insertBefore(row, other); else body.insertBefore(other, row);
        renumber(body);
        button.focus();
      });
      buttons.appendChild(button);
    });
    input.parentNode.appendChild(buttons);
  }

  function setUpOrdering(group) {
    group.querySelectorAll("tbody").forEach(function (body) {
      rowsOf(body).forEach(addMoveButtons);
    });
  }

  document.addEventListener("formset:added", function (event) {
    var row = event.target;
    var input = row.querySelector && row.querySelector("input[name$='-position']");
    if (!input) return;
    var body = row.parentNode;
    var highest = -1;
    rowsOf(body).forEach(function (other) {
      if (other === row) return;
      var value = parseInt(other.querySelector("input[name$='-position']").value, 10);
      if (!isNaN(value) && value > highest) highest = value;
    });
    input.value = highest + 1; // the next free position, not 0
    addMoveButtons(row);
  });

  function start() {
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(setUpPreview);
    document.querySelectorAll(".inline-group").forEach(setUpOrdering);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
