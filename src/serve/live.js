// unitpress serve: brings this page up to date when a rebuild changes it, and shows build errors
// over the page (the last good version stays served) until they are fixed. Injected by the
// preview server only; built sites never contain it.
//
// An edit to a page's text is swapped into the page in place: the new page is fetched and
// compared with the page as it was served, and where only plain text and markup differ (no
// script, form control, embed or data- attribute in or around the parts that changed, nothing
// changed in the head but the title), those parts are replaced. The scroll position, an open
// menu and the state of a quiz stay as they were, and the change shows without loading the
// page's styles and scripts again. Anything else reloads the page.
(function () {
  "use strict";
  var here = decodeURIComponent(location.pathname.replace(/^\/+/, ""));
  if (here === "" || here.charAt(here.length - 1) === "/") here += "index.html";
  var overlay = null;
  var SELF = "/__unitpress/live.js";
  // Past this many changed places, a reload is as quick and surer.
  var MOST_CHANGES = 64;
  // Parts that scripts may hold on to, or that run or load something: never swapped.
  var LIVELY = /^(SCRIPT|STYLE|LINK|META|BASE|NOSCRIPT|TEMPLATE|FORM|INPUT|BUTTON|SELECT|TEXTAREA|OPTION|LABEL|IFRAME|FRAME|OBJECT|EMBED|VIDEO|AUDIO|SOURCE|TRACK|CANVAS|DIALOG|SLOT)$/;
  var myTag = ownTag(document);
  var generation = myTag && myTag.getAttribute("data-generation");
  // The page as served (not as scripts have since changed it), once fetched; null when not
  // known to be the page on screen.
  var served = null;
  // Updates run one after another, each on the page the last one left.
  var queue = Promise.resolve();

  function ownTag(doc) {
    return doc.querySelector('script[src="' + SELF + '"]');
  }

  // The page as the server has it now, and its generation. The generation is then blanked, so
  // that two versions of the page differ only where their content does.
  function fetchPage() {
    return fetch(location.href, { cache: "no-store" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var tag = ownTag(doc), made = tag && tag.getAttribute("data-generation");
      if (tag) tag.setAttribute("data-generation", "");
      return { doc: doc, generation: made };
    });
  }

  function children(node) {
    return [].slice.call(node.childNodes);
  }

  function sameAttributes(a, b) {
    if (a.attributes.length !== b.attributes.length) return false;
    for (var i = 0; i < a.attributes.length; i++) {
      var at = a.attributes[i];
      if (b.getAttribute(at.name) !== at.value) return false;
    }
    return true;
  }

  // Whether an element is one that scripts leave alone: not a form control, an embed or the
  // like, and with no data- attribute (which is how the theme's scripts find their parts).
  function quiet(element) {
    if (LIVELY.test(element.nodeName)) return false;
    for (var i = 0; i < element.attributes.length; i++) {
      var name = element.attributes[i].name;
      if (name.indexOf("data-") === 0 || name.indexOf("on") === 0) return false;
    }
    return true;
  }

  // Whether a node and everything in it is plain text and markup.
  function plain(node) {
    return node.nodeType !== 1 || (quiet(node) && children(node).every(plain));
  }

  // Whether two elements are the same but for what they hold.
  function sameShell(a, b) {
    return a.nodeType === 1 && b.nodeType === 1 && a.nodeName === b.nodeName && sameAttributes(a, b);
  }

  // The places where what `fresh` holds differs from what `old` holds (elements of the same
  // shell), added to `found` as {path, from, gone, nodes}: under the node at `path` (child
  // indexes from <body>), the children `gone`, from index `from`, give way to `nodes`. False if
  // a difference is one a swap cannot make: anything within a part that is not quiet.
  function differences(old, fresh, path, found) {
    if (!quiet(old)) return false;
    var a = children(old);
    var b = children(fresh);
    if (a.length === b.length) {
      for (var i = 0; i < a.length && found; i++) {
        if (a[i].isEqualNode(b[i])) continue;
        found = sameShell(a[i], b[i])
          ? differences(a[i], b[i], path.concat(i), found)
          : swapOf(path, i, [a[i]], [b[i]], found);
      }
      return found;
    }
    // Children added or taken away: what lies between the unchanged first and last ones.
    var start = 0;
    while (start < a.length && start < b.length && a[start].isEqualNode(b[start])) start++;
    var end = 0;
    while (end < a.length - start && end < b.length - start &&
      a[a.length - 1 - end].isEqualNode(b[b.length - 1 - end])) end++;
    return swapOf(path, start, a.slice(start, a.length - end), b.slice(start, b.length - end), found);
  }

  function swapOf(path, from, gone, nodes, found) {
    if (found.length >= MOST_CHANGES || !gone.every(plain) || !nodes.every(plain)) return false;
    found.push({ path: path, from: from, gone: gone, nodes: nodes });
    return found;
  }

  function at(root, path) {
    var node = root;
    for (var i = 0; node && i < path.length; i++) node = node.childNodes[path[i]];
    return node;
  }

  // Makes `fresh` the page on screen in place, if `old` is the page as served and only plain
  // parts differ; true if it did.
  function swap(old, fresh) {
    var heads = [old.head, fresh.head].map(function (head) {
      return children(head).filter(function (n) { return n.nodeName !== "TITLE"; });
    });
    var sameHead = heads[0].length === heads[1].length && heads[0].every(function (n, i) {
      return n.isEqualNode(heads[1][i]);
    });
    if (!sameHead || !old.body || !fresh.body || !sameShell(old.body, fresh.body)) return false;
    var found = differences(old.body, fresh.body, [], []);
    if (!found || found.length === 0) return false;
    // Each place must still hold, on screen, just what was served there.
    var places = found.map(function (change) { return at(document.body, change.path); });
    var intact = places.every(function (parent, i) {
      var change = found[i];
      return parent && change.gone.every(function (node, j) {
        var there = parent.childNodes[change.from + j];
        return there && there.isEqualNode(node);
      });
    });
    if (!intact) return false;
    found.forEach(function (change, i) {
      var parent = places[i];
      var next = parent.childNodes[change.from + change.gone.length] || null;
      change.gone.forEach(function () { parent.removeChild(parent.childNodes[change.from]); });
      change.nodes.forEach(function (node) {
        parent.insertBefore(document.importNode(node, true), next);
      });
    });
    document.title = fresh.title;
    return true;
  }

  function update() {
    queue = queue.then(function () {
      if (!served) return location.reload();
      return fetchPage().then(function (fresh) {
        if (swap(served, fresh.doc)) served = fresh.doc;
        else location.reload();
      });
    }).catch(function () {
      location.reload();
    });
  }

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
    if (data.all) location.reload();
    else if (data.changed.indexOf(here) >= 0) update();
  });
  events.addEventListener("errors", function (e) {
    show(JSON.parse(e.data));
  });
  events.addEventListener("ok", hide);

  // The page as served, to compare the next version with. If it is already newer than the page
  // on screen, a rebuild came before the page was listening: reload now.
  queue = fetchPage().then(function (page) {
    if (page.generation === generation) served = page.doc;
    else location.reload();
  }).catch(function () {});
})();
