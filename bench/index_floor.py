#!/usr/bin/env python3
"""How small a unitpress search index could be: the least possible size of its postings.

    python3 bench/index_floor.py SITE_DIR

Reads the course-wide search index of a built site (search/manifest.js and the parts under
search/<kind>/<n>.js, the layout of src/search/layout.rs), decodes the postings (the code of
src/search/postings.rs) and prints what each kind of part takes, raw and gzipped each file on its
own as a server would send it, beside a floor for the postings: for each term in df of a unit's
n documents, log2(C(n, df)) bits, the fewest any encoding needs to say which documents of the
unit hold it when nothing else is known about them (the ranking needs each unit's df, so the
floor is taken unit by unit). That is the floor for an encoding that knows nothing else of the
documents: the index codes them kind by kind (a long document holds a word far more often than a
short one) and takes less. The counts of a term in each document come on top: their floor is
their entropy, field by field (how often each count occurs).
"""
import glob
import gzip
import json
import math
import os
import re
import sys

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
# Each digit's 6 bits as '0'/'1' characters, least significant first: the code is read by
# searching the string for the end of each unary run, fast enough for millions of postings.
BITS = {c: "".join(str(i >> b & 1) for b in range(6)) for i, c in enumerate(DIGITS)}


def rice_parameter(n, documents):
    k = 0
    while n and (n << (k + 1)) * 10 <= documents * 9:
        k += 1
    return k


class Reader:
    def __init__(self, code):
        self.s = "".join(BITS[c] for c in code)
        self.pos = 0

    def read(self, width):
        v = int(self.s[self.pos : self.pos + width][::-1] or "0", 2)
        self.pos += width
        return v

    def gamma(self):
        one = self.s.index("1", self.pos)
        zeros = one - self.pos
        self.pos = one + 1
        return (1 << zeros) | self.read(zeros)

    def rice(self, k):
        zero = self.s.index("0", self.pos)
        q = zero - self.pos
        self.pos = zero + 1
        return (q << k) | self.read(k)


def kind_classes(manifest):
    """Per kind, its documents ascending: the postings number documents within their kind."""
    classes = [[] for _ in manifest["kinds"]]
    doc = 0
    for u in manifest["units"]:
        for k, count in enumerate(u["kinds"]):
            classes[k].extend(range(doc, doc + count))
            doc += count
    return classes


def decode(code, classes):
    """[(document, count)] of one term in one field, kind by kind, then sorted."""
    r = Reader(code)
    out = []
    for glob_docs in classes:
        n = r.gamma() - 1
        if not n:
            continue
        k = rice_parameter(n, len(glob_docs))
        lst, local = [], 0
        for _ in range(n):
            local += r.rice(k)
            lst.append([glob_docs[local], 1])
            local += 1
        # Then the postings whose count is not 1, and their counts.
        more = r.gamma() - 1
        k, i = rice_parameter(more, n), -1
        for _ in range(more):
            i += 1 + r.rice(k)
            lst[i][1] = r.gamma() + 1
        out.extend(lst)
    out.sort()
    return out


def log2_choose(n, k):
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)) / math.log(2)


def call_json(path):
    """The JSON argument of a part's script: `UnitpressSearch.f(n,{...});` or `f({...});`."""
    text = open(path, encoding="utf-8").read()
    start = text.index("(") + 1
    m = re.match(r"\d+,", text[start:])
    if m:
        start += m.end()
    return text, json.loads(text[start : text.rindex(")")])


def main(site):
    root = os.path.join(site, "search")
    if not os.path.exists(os.path.join(root, "manifest.js")):
        sys.exit(f"no search/manifest.js under {site}: build the site first")
    _, manifest = call_json(os.path.join(root, "manifest.js"))
    documents = manifest["documents"]
    # The first document of each unit, to split each term's postings by unit.
    bases, next_doc = [], 0
    for u in manifest["units"]:
        bases.append(next_doc)
        next_doc += sum(u["kinds"])
    counts = [sum(u["kinds"]) for u in manifest["units"]]
    classes = kind_classes(manifest)

    sizes = {}
    for path in glob.glob(os.path.join(root, "**", "*.js"), recursive=True):
        kind = os.path.relpath(os.path.dirname(path), root)
        kind = os.path.basename(path) if kind == "." else f"{kind}/"
        raw = open(path, "rb").read()
        files, r, g = sizes.get(kind, (0, 0, 0))
        sizes[kind] = (files + 1, r + len(raw), g + len(gzip.compress(raw, 9)))

    postings = floor = 0
    tally = {"title": {}, "body": {}}
    for path in glob.glob(os.path.join(root, "terms", "*.js")):
        _, part = call_json(path)
        for field in ("title", "body"):
            for code in part[field]:
                if not code:
                    continue
                unit, per_unit = 0, {}
                for doc, count in decode(code, classes):
                    tally[field][count] = tally[field].get(count, 0) + 1
                    while unit + 1 < len(bases) and bases[unit + 1] <= doc:
                        unit += 1
                    per_unit[unit] = per_unit.get(unit, 0) + 1
                    postings += 1
                for unit, df in per_unit.items():
                    floor += log2_choose(counts[unit], df)

    mb = lambda b: f"{b / 1e6:.2f} MB"
    print(f"{len(counts)} units, {documents:,} documents, {postings:,} (term, field, document) postings")
    print("each kind of part, every file compressed on its own (gzip -9):")
    print(f"  {'part':<14} {'files':>6} {'raw':>10} {'gzipped':>10}")
    for kind, (files, r, g) in sorted(sizes.items(), key=lambda p: -p[1][2]):
        print(f"  {kind:<14} {files:>6} {mb(r):>10} {mb(g):>10}")
    total = [sum(s[i] for s in sizes.values()) for i in range(3)]
    print(f"  {'total':<14} {total[0]:>6} {mb(total[1]):>10} {mb(total[2]):>10}")
    print(f"floor for which documents hold each term, unit by unit: {mb(floor / 8)}")
    entropy = 0
    for counts_of in tally.values():
        n = sum(counts_of.values())
        entropy -= sum(c * math.log2(c / n) for c in counts_of.values())
    print(f"floor for their counts (entropy, field by field):       {mb(entropy / 8)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "public")
