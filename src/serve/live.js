// unitpress serve: reloads this page when a rebuild changes it, and shows build errors over the
// page (the last good version stays served) until they are fixed. Injected by the preview server
// only; built sites never contain it.
(function () {
  "use strict";
  var here = decodeURIComponent(location.pathname.replace(/^\/+/, ""));
  if (here === "" || here.charAt(here.length - 1) === "/") here += "index.html";
  var overlay = null;

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function show(errors) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "unitpress-errors";
    overlay.setAttribute("role", "alert");
    var s = overlay.style;
    s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
    s.background = "#1b1b1b"; s.color = "#fff"; s.padding = "2rem";
    s.font = "16px/1.5 system-ui, sans-serif";
    var title = document.createElement("h2");
    title.textContent = errors.length === 1
      ? "The site could not be rebuilt: 1 problem"
      : "The site could not be rebuilt: " + errors.length + " problems";
    var note = document.createElement("p");
    note.textContent = "The last good version is still served. Fix the file and save: this goes away by itself.";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide until the next rebuild";
    close.addEventListener("click", hide);
    overlay.append(title, note, close);
    errors.forEach(function (e) {
      var pre = document.createElement("pre");
      pre.textContent = e.text;
      pre.style.whiteSpace = "pre-wrap";
      pre.style.font = "14px/1.4 ui-monospace, monospace";
      pre.style.borderTop = "1px solid #777";
      pre.style.paddingTop = "1rem";
      overlay.append(pre);
    });
    document.body.append(overlay);
  }

  var events = new EventSource("/__unitpress/events");
  events.addEventListener("reload", function (e) {
    var data = JSON.parse(e.data);
    if (data.all || data.changed.indexOf(here) >= 0) location.reload();
  });
  events.addEventListener("errors", function (e) {
    show(JSON.parse(e.data));
  });
  events.addEventListener("ok", hide);
})();
