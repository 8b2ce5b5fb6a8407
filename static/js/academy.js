// Module pages: a video plays in the page only after the reader asks for it.
// Until the click the page holds a plain link (which works without JavaScript);
// the click swaps it for the player of an allowed host, nothing else.
(function () {
  var ALLOWED = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)[A-Za-z0-9_-]+$/;
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-video-embed]") : null;
    if (!link) {
      return;
    }
    var source = link.getAttribute("data-video-embed");
    if (!ALLOWED.test(source)) {
      return; // follow the plain link
    }
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = source;
    frame.title = link.getAttribute("data-video-title") || "Video";
    frame.className = "video__frame";
    frame.setAttribute("allow", "fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    link.replaceWith(frame);
    frame.focus();
  });
})();
