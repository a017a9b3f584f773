#!/usr/bin/env python3
"""How small a unitpress search index could be: the least possible size of its postings.

    python3 bench/index_floor.py SITE_DIR

Reads every search/units/*.js of a built site, decodes the postings (the format of
src/search/postings.rs) and prints, for the whole course, what each part of the index takes gzipped
beside a floor for the postings: for each term in df of a unit's N documents, log2(C(N, df))
bits, the fewest any encoding needs to say which documents hold it when nothing else is known
about them. The benchmark corpus draws every word independently at random, so no encoding can do
much better. The same floor is given for postings per page rather than per section, which is what
one document per page (as Zola and mdBook index) would need.
"""
import glob
import gzip
import json
import math
import os
import sys

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
VALUE = {c: i for i, c in enumerate(DIGITS)}


def rice_parameter(n, documents):
    k = 0
    while (n << (k + 1)) * 10 <= documents * 7:
        k += 1
    return k


def postings(field, documents):
    """{term: [document, ...]} of one field."""
    bits = (VALUE[c] >> i & 1 for c in field["code"] for i in range(6))

    def read(width):
        return sum(next(bits) << i for i in range(width))

    def gamma():
        zeros = 0
        while read(1) == 0:
            zeros += 1
        return (1 << zeros) | read(zeros)

    out = {}
    for term in field["terms"].split():
        n, doc, docs = gamma(), 0, []
        k = rice_parameter(n, documents)
        for _ in range(n):
            q = 0
            while read(1):
                q += 1
            doc += (q << k) | read(k)
            docs.append(doc)
            gamma()  # the term's count in the document
            doc += 1
        out[term] = docs
    return out


def log2_choose(n, k):
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)) / math.log(2)


def gz(text):
    return len(gzip.compress(text.encode(), 9))


def main(site):
    files = sorted(glob.glob(os.path.join(site, "search", "units", "*.js")))
    if not files:
        sys.exit(f"no search/units/*.js under {site}: build the site first")
    parts = {}
    floor_sections = floor_pages = count = 0
    for f in files:
        text = open(f, encoding="utf-8").read()
        data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
        docs = data["docs"]
        n_docs, n_pages = len(docs), len(data["pages"])
        for name, value in data.items():
            if name != "terms":
                parts[name] = parts.get(name, 0) + gz(json.dumps(value, ensure_ascii=False))
        for field, value in data["terms"].items():
            parts[f"{field} terms"] = parts.get(f"{field} terms", 0) + gz(value["terms"])
            parts[f"{field} postings"] = parts.get(f"{field} postings", 0) + gz(value["code"])
            for ds in postings(value, n_docs).values():
                count += len(ds)
                floor_sections += log2_choose(n_docs, len(ds))
                floor_pages += log2_choose(n_pages, len({docs[d][0] for d in ds}))
    mb = lambda b: f"{b / 1e6:.2f} MB"
    print(f"{len(files)} units, {count:,} (term, document) postings")
    print("gzipped, each part of every unit's index compressed on its own:")
    for name, size in sorted(parts.items(), key=lambda p: -p[1]):
        print(f"  {name:<16} {mb(size)}")
    print(f"  {'total':<16} {mb(sum(parts.values()))}")
    print(f"floor for the postings, one document per section: {mb(floor_sections / 8)}")
    print(f"floor for the postings, one document per page:    {mb(floor_pages / 8)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "public")
