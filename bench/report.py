#!/usr/bin/env python3
"""Print the benchmark's results as one Markdown table (used by run.sh).

    python3 report.py RESULTS_DIR

Reads RESULTS_DIR/rows.jsonl (one line per tool and size, written by run.sh) and unitpress's
build output (RESULTS_DIR/unitpress-<units>.log: its stage timings when the build has
--timings), and prints: the table, the issue's targets checked at the
largest size, how time and memory grow with size, and unitpress's stage timings.
"""
import json
import os
import sys

MB = 1048576
UNIT_INDEX_LIMIT = 300 * 1024  # gzipped bytes a search within one unit may download
BUSY_WARN = 10  # % of the CPU used by other processes just before or after a build


def fmt_int(n):
    return "{:,}".format(int(round(n)))


def fmt_s(s):
    return "%.2f" % s if s < 100 else "%.0f" % s


def fmt_mb(b):
    return "%.1f" % (b / MB) if b < 100 * MB else fmt_int(b / MB)


def ratio(a, b):
    return "%.2f" % (a / b) if b else "-"


def main():
    res = sys.argv[1]
    rows = [json.loads(l) for l in open(os.path.join(res, "rows.jsonl"), encoding="utf-8") if l.strip()]
    if not rows:
        sys.exit("no results in %s/rows.jsonl" % res)
    sizes = sorted({r["units"] for r in rows})
    by = {(r["units"], r["tool"]): r for r in rows}

    out = []
    out.append("| pages | tool | runs | median s | pages/s | peak RSS MB | output MB | HTML files "
               "| search index MB raw / gz | largest unit index KB gz "
               "| unitpress ÷ tool: time | unitpress ÷ tool: memory |")
    out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for units in sizes:
        up = by.get((units, "unitpress"))
        up_ok = up and not up.get("failed")
        for tool in ("unitpress", "hugo", "mdbook"):
            r = by.get((units, tool))
            if not r:
                continue
            name = "%s %s" % (tool, r["version"])
            if r.get("failed"):
                out.append("| %s | %s | build failed | | | | | | | | | |" % (fmt_int(r["pages"]), name))
                continue
            if r["index_raw_bytes"]:
                index = "%.2f / %.2f" % (r["index_raw_bytes"] / MB, r["index_gz_bytes"] / MB)
            else:
                index = "none"
            unit_idx = ("%.0f" % (r["unit_index_max_gz_bytes"] / 1024)
                        if r["unit_index_max_gz_bytes"] else "")
            if tool == "unitpress" or not up_ok:
                rt = rm = ""
            else:
                rt = ratio(up["median_s"], r["median_s"])
                rm = ratio(up["peak_rss_kb"], r["peak_rss_kb"])
            out.append("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                fmt_int(r["pages"]), name, r["runs"], fmt_s(r["median_s"]),
                fmt_int(r["pages"] / r["median_s"]), fmt_int(r["peak_rss_kb"] / 1024),
                fmt_mb(r["output_bytes"]), fmt_int(r["html_files"]), index, unit_idx, rt, rm))
    out.append("")
    out.append("pages = corpus pages (the same Markdown bodies for every tool); pages/s = pages / "
               "median s; ratios below 1 mean unitpress is faster or lighter.")
    busy = [r for r in rows if r.get("other_cpu_busy_pct", 0) >= BUSY_WARN]
    if busy:
        out.append("")
        out.append("Warning: the CPU was busy (other processes, or the kernel still writing files) "
                   "just before or after these builds, so their times may be inflated: " + "; ".join(
                       "%s at %s pages (%d%%)" % (r["tool"], fmt_int(r["pages"]),
                                                  r["other_cpu_busy_pct"]) for r in busy) + ".")

    # The targets of issue 8, at the largest size measured (they are set for 10,500 pages).
    units = sizes[-1]
    up, hugo = by.get((units, "unitpress")), by.get((units, "hugo"))
    if up and not up.get("failed"):
        out.append("")
        out.append("Targets at %s pages (set for 10,500):" % fmt_int(up["pages"]))

        def check(ok, text):
            out.append("- [%s] %s" % ("x" if ok else " ", text))

        if hugo and not hugo.get("failed"):
            r = up["median_s"] / hugo["median_s"]
            check(r <= 0.5, "build time at most half Hugo's: %.2f" % r)
        rss = up["peak_rss_kb"] / 1024
        check(rss < 800, "peak memory under 800 MB: %s MB" % fmt_int(rss))
        gz = up["index_gz_bytes"] / MB
        check(gz < 5, "whole search index under 5 MB gzipped: %.2f MB" % gz)
        worst = max((by[(u, "unitpress")] for u in sizes if (u, "unitpress") in by
                     and not by[(u, "unitpress")].get("failed")),
                    key=lambda r: r["unit_index_max_gz_bytes"])
        check(worst["unit_index_max_gz_bytes"] <= UNIT_INDEX_LIMIT,
              "largest unit index at most 300 KB gzipped: %.0f KB (%s)" % (
                  worst["unit_index_max_gz_bytes"] / 1024, worst["unit_index_max_name"]))

    # Growth with size: time and memory per 1,000 pages at each size.
    if len(sizes) > 1:
        out.append("")
        out.append("Growth (per 1,000 pages: median s / peak RSS MB):")
        for tool in ("unitpress", "hugo", "mdbook"):
            cells = []
            for u in sizes:
                r = by.get((u, tool))
                if r and not r.get("failed"):
                    k = r["pages"] / 1000
                    cells.append("%s pages: %.2f s / %s MB" % (
                        fmt_int(r["pages"]), r["median_s"] / k, fmt_int(r["peak_rss_kb"] / 1024 / k)))
            if cells:
                out.append("- %s: %s" % (tool, "; ".join(cells)))

    # unitpress's own report of the build (stage timings when it has --timings).
    logs = []
    for u in sizes:
        path = os.path.join(res, "unitpress-%d.log" % u)
        if os.path.exists(path) and (u, "unitpress") in by:
            text = open(path, encoding="utf-8").read().strip("\n")
            if text:
                logs.append("%s pages:\n%s" % (fmt_int(by[(u, "unitpress")]["pages"]), text))
    if logs:
        out.append("")
        out.append("unitpress build output (its --timings build when `unitpress build` has the flag, "
                   "else its `time -v` build):")
        out.append("")
        out.append("```text")
        out.append("\n\n".join(logs))
        out.append("```")
    print("\n".join(out))


if __name__ == "__main__":
    main()
