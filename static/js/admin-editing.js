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
    preview.tabIndex = 0; // it scrolls: keyboard users must be able to reach it
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

  /* Django's autocomplete (select2) leaves its search box and its combobox without a name that
     assistive technology can read; give them the field's own label. select2 rebuilds them as
     values are picked, so this watches the form for them. */
  function labelForSelect(select) {
    var label = select && select.id && document.querySelector("label[for='" + select.id + "']");
    if (label && !label.id) label.id = select.id + "_label";
    return label;
  }

  function nameSelect2(root) {
    root.querySelectorAll(".select2-container").forEach(function (container) {
      var select = container.previousElementSibling;
      var label = labelForSelect(select);
      if (!label) return;
      var name = label.textContent.replace(/:\s*$/, "");
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        if (field.getAttribute("aria-label") !== name) field.setAttribute("aria-label", name);
      });
      container.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
        var shown = box.querySelector(".select2-selection__rendered");
        var wanted = shown && shown.id && shown.getAttribute("role") === "textbox" ? shown.id : label.id;
        if (box.getAttribute("aria-labelledby") !== wanted) box.setAttribute("aria-labelledby", wanted);
      });
      container.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(function (shown) {
        var spoken = name + ": " + (shown.textContent.replace("×", "").trim() || "none");
        if (shown.getAttribute("aria-label") !== spoken) shown.setAttribute("aria-label", spoken);
      });
      container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        if (list.getAttribute("role") !== "presentation") list.setAttribute("role", "presentation");
      });
    });
  }

  function watchSelect2() {
    var form = document.querySelector("#content-main form") || document.body;
    nameSelect2(form);
    new MutationObserver(function () { nameSelect2(form); }).observe(form, { childList: true, subtree: true });
  }

  function start() {
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(setUpPreview);
    document.querySelectorAll(".inline-group").forEach(setUpOrdering);
  }

  // After every DOMContentLoaded handler, Django's select2 set-up included.
  window.addEventListener("load", watchSelect2);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
