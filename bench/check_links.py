#!/usr/bin/env python3
"""Check that every relative link in a built site leads to a file that exists.

    python3 check_links.py OUT_DIR [--max N]

Reads every .html file under OUT_DIR, resolves each relative href/src (fragments and queries
dropped; absolute URLs, mailto:, javascript:, data: and same-page #anchors skipped) against the
page's folder, and reports the links whose target file is missing, grouped by the kind of page
they are on (the page path with unit and item names replaced by *).  Exit status 1 if any link
is broken.  Used by run.sh on the smallest size to prove the converted links work.
"""
import html as htmllib
import os
import re
import sys
from collections import Counter, defaultdict

HREF = re.compile(r'(?:href|src)="([^"]*)"')
SKIP = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#|//)", re.I)


def page_kind(rel):
    """units/unit-001-x/criteria/p1/index.html -> units/*/criteria/*/index.html"""
    parts = rel.split("/")
    if len(parts) >= 3 and parts[0] == "units":
        parts[1] = "*"
        if len(parts) >= 5:
            parts[3] = "*"
    return "/".join(parts)


def main():
    root = sys.argv[1]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--max" else 5
    pages = links = 0
    broken = defaultdict(list)  # page kind -> [(page, href)]
    exists = {}
    for d, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".html"):
                continue
            path = os.path.join(d, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            pages += 1
            with open(path, encoding="utf-8") as f:
                html = f.read()
            for href in map(htmllib.unescape, HREF.findall(html)):
                if not href or SKIP.match(href):
                    continue
                links += 1
                target = os.path.normpath(os.path.join(d, href.split("#")[0].split("?")[0]))
                if target not in exists:
                    exists[target] = os.path.exists(target)
                if not exists[target]:
                    broken[page_kind(rel)].append((rel, href))
    total = sum(len(v) for v in broken.values())
    print("links: %d pages, %d relative links, %d broken" % (pages, links, total))
    for kind, items in sorted(broken.items(), key=lambda kv: -len(kv[1])):
        hrefs = Counter(h for _, h in items)
        print("  %6d broken on %s, e.g." % (len(items), kind))
        for page, href in items[:limit]:
            print("         %s -> %s" % (page, href))
        if len(hrefs) > limit:
            print("         (%d distinct targets)" % len(hrefs))
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
