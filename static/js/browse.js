// After a list updates in place, keep keyboard focus where the reader was:
// on the control they used when it still exists, else on the result count
// (which is also announced to screen readers).
(function () {
  var lastFocusedId = null;
  document.addEventListener("htmx:beforeRequest", function () {
    lastFocusedId = document.activeElement ? document.activeElement.id : null;
  });
  document.addEventListener("htmx:load", function (event) {
    if (!event.detail || !event.detail.elt || event.detail.elt.id !== "browse") {
      return;
    }
    if (document.activeElement && document.activeElement !== document.body) {
      return;
    }
    var target = (lastFocusedId && document.getElementById(lastFocusedId)) || document.getElementById("results-count");
    if (target) {
      target.focus();
    }
  });
})();

// With JavaScript a sort applies as soon as it is chosen (htmx sends the form on
// change): the Sort button, needed without JavaScript, is then hidden.
(function () {
  document.documentElement.classList.add("js");
})();

// Detail pages: a Print button, shown only where it can work.
(function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.closest(".print-action").hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
