#!/usr/bin/env python3
"""Turn a neutral corpus (../shared/bench/gen_corpus.py) into unitpress content.

    python3 to_unitpress.py [--images] CORPUS_DIR SITE_DIR
    unitpress build --content SITE_DIR/content --out SITE_DIR/public

With --images (or IMAGES=1 in the environment) every knowledge page also shows one photo of its
own: a distinct synthetic 2000x1333 JPEG (bench_images.py, made once and kept in IMAGE_CACHE,
by default SITE_DIR/../image-cache), put in the unit's files/ folder and shown after the page's
first paragraph with `![...](../files/<slug>.jpg)`.

Every corpus page body is used once, on the unitpress page of the matching kind, so that
unitpress renders the same Markdown as the Hugo, Zola and mdBook sites:

    corpus page            unitpress file                        shown on
    overview               units/<u>/unit.md (body)              units/<u>/index.html
    lo-<n>                 units/<u>/outcomes/<n>.md             units/<u>/outcomes/<n>/index.html
    criterion-<x>          units/<u>/notes/<id>.md               units/<u>/criteria/<id>/index.html
    knowledge-<nn>         units/<u>/knowledge/<slug>.md         units/<u>/knowledge/<slug>/index.html
    assignment-<n>         units/<u>/briefs/<slug>.md            units/<u>/briefs/<slug>/index.html

The corpus names its ten criteria P1-P6, M1-M3, D1; a unitpress graded unit here has P1-P6,
M1-M2, D1-D2, so the corpus's criterion pages are taken in order (its M3 page becomes D1 and its
D1 page D2).  The structure added on top of the bodies (criterion wording and outcome, which
knowledge items support which criteria, which brief covers which criteria, and a quiz of six
questions per criterion) is derived deterministically from the corpus, so the same corpus always
gives the same content.

Sibling links `[text](page-slug.md)` become unitpress site links (`@/units/<u>/…/index.html`),
which unitpress checks and makes relative to each page that shows the body: a brief's scenario
appears both on its own page and in the unit's print pack, one folder apart.
"""
import json
import os
import random
import re
import sys

# corpus_io.py lives with the other adapters in ../shared/bench (beside this repository);
# SHARED_BENCH overrides where to find it.
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("SHARED_BENCH") or os.path.join(HERE, "..", "..", "shared", "bench")
sys.path.insert(0, os.path.abspath(SHARED))

from corpus_io import fresh_dir, load_manifest, read_page, rewrite_links, write  # noqa: E402

# --------------------------------------------------------------------------------------------
# The fixed shape of a benchmark unit
# --------------------------------------------------------------------------------------------

# unitpress criterion id, grade band and learning outcome, in the order of the corpus's
# criterion pages (criterion-p1 … criterion-p6, criterion-m1, -m2, -m3, -d1).
CRITERIA = [
    ("P1", "pass", 1), ("P2", "pass", 1), ("P3", "pass", 2), ("P4", "pass", 2),
    ("P5", "pass", 3), ("P6", "pass", 4),
    ("M1", "merit", 1), ("M2", "merit", 3),
    ("D1", "distinction", 2), ("D2", "distinction", 4),
]
CORPUS_CRITERIA = ["p1", "p2", "p3", "p4", "p5", "p6", "m1", "m2", "m3", "d1"]

# The criteria each of the five assignment briefs covers: every criterion exactly once.
BRIEFS = [("P1", "P2"), ("P3", "P4"), ("P5", "P6"), ("M1", "M2"), ("D1", "D2")]

# What each command verb used by the generated criteria asks (gen_corpus.py's CRIT_VERBS).
VERB_ASKS = {
    "describe": "Give a detailed account of what something is like or how it works.",
    "explain": "Make clear how or why something happens, giving reasons.",
    "outline": "Set out the main points briefly, with a little detail on each.",
    "identify": "Pick out and name the relevant items or facts.",
    "demonstrate": "Show in practice that you can do something.",
    "compare": "Say how two or more things are alike and how they differ.",
    "analyse": "Break a topic into parts and examine how they connect.",
    "assess": "Weigh up how important or effective something is.",
    "justify": "Give reasons and evidence that support a decision or conclusion.",
    "evaluate": "Weigh up strengths and weaknesses and reach a supported judgement.",
}

SITE_TOML = '''title = "Benchmark course"
centre = "Benchmark Centre"
language = "en-GB"
description = "A generated course for measuring build time, memory and output size."
'''

QUESTIONS_PER_QUIZ = 6
# The mix of question types in every quiz (all four kinds unitpress quizzes mostly use).
QUESTION_TYPES = ["single", "multiple", "truefalse", "match", "single", "truefalse"]


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

def q(s):
    """A TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(s, ensure_ascii=False)


def slugify(s):
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]", "-", s.lower())).strip("-")


def after_colon(title):
    """'Criterion P1: Describe x' -> 'Describe x' (corpus titles name the kind first)."""
    return title.split(": ", 1)[1] if ": " in title else title


MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain(md):
    """Markdown inline text without markup: links keep their text, emphasis and code marks go."""
    return re.sub(r"[*`]", "", MD_LINK.sub(r"\1", md))


def first_sentence(body):
    """The first sentence of a body's first paragraph, without markup."""
    para = plain(body.strip().split("\n\n", 1)[0])
    m = re.match(r"(.+?[.?])(\s|$)", para)
    return (m.group(1) if m else para).strip()


def heading_id(text, taken):
    """The id unitpress gives a heading (src/markdown.rs unique_id): words in lower case joined
    by dashes, numbered from 2 when repeated within the body."""
    base = "-".join(w.lower() for w in re.split(r"[^0-9A-Za-z]+", text) if w) or "section"
    hid, n = base, 1
    while hid in taken:
        n += 1
        hid = "%s-%d" % (base, n)
    taken.add(hid)
    return hid


def sections(body):
    """[(heading text, heading id, plain text of its section)] for every h2/h3 of a body."""
    out, taken, cur = [], set(), None
    for line in body.split("\n"):
        m = re.match(r"(#{1,6}) (.*)", line)
        if m:
            cur = [m.group(2).strip(), heading_id(m.group(2).strip(), taken), []]
            out.append(cur)
        elif cur is not None and line.strip():
            cur[2].append(line)
    return [(h, hid, plain(" ".join(lines))) for h, hid, lines in out]


def words_of(text):
    return re.findall(r"[a-z]{4,}", text.lower())


def sentences_of(text):
    """Plain sentences of 8+ words (table rows and list markers removed)."""
    text = re.sub(r"\|[^\n]*", " ", text)
    text = re.sub(r"(^|\s)(- |\d+\. )", " ", text)
    return [s.strip() for s in re.findall(r"[A-Z][^.?]*[.?]", text) if len(s.split()) >= 8]


# --------------------------------------------------------------------------------------------
# Quizzes: six deterministic questions per criterion, built from the words of the knowledge
# items that support it (topic) and the headings of their teaching notes (heading).
# --------------------------------------------------------------------------------------------

class Topic:
    """A knowledge item as the quiz generator sees it."""

    def __init__(self, slug, title, body):
        self.slug = slug
        self.title = title
        # Sections with enough text to ask about ("Related pages" is a list of links).
        self.sections = [s for s in sections(body)
                         if s[0] != "Related pages" and len(words_of(s[2])) >= 12]
        self.sentences = sentences_of(plain(body))
        self.words = sorted(set(words_of(plain(body))))


def question_single(rng, topic, section, other):
    """Which phrase comes from the section: the right one and three from another item."""
    head, hid, text = section
    right = " ".join(rng.choice(sentences_of(text) or [text]).split()[:6]).rstrip(".?")
    wrong = [" ".join(s.split()[:6]).rstrip(".?") for s in rng.sample(other.sentences, 3)]
    options = [(right, True, "Yes: the section “%s” of “%s” says “%s”." % (head, topic.title, right))]
    options += [(w, False, "No: “%s” comes from “%s”, not from this section." % (w, other.title))
                for w in wrong if w != right]
    rng.shuffle(options)
    return {
        "prompt": "Which of these phrases opens a sentence of “%s” in “%s”?" % (head, topic.title),
        "explanation": "Read the section “%s” again for the full sentence." % head,
        "options": options,
    }


def question_multiple(rng, topic, section, other):
    """Which words occur in the section: two or three that do, and two or three that do not."""
    head, hid, text = section
    inside = set(words_of(text))
    right = rng.sample(sorted(inside), min(3, len(inside)))
    outside = sorted(set(other.words) - set(topic.words)) or sorted(set(other.words) - inside)
    wrong = rng.sample(outside, min(3, len(outside)))
    options = [(w, True, "Yes: “%s” is used in “%s”." % (w, head)) for w in right]
    options += [(w, False, "No: “%s” does not appear in “%s”." % (w, head)) for w in wrong]
    rng.shuffle(options)
    return {
        "prompt": "Which of these words does the section “%s” use? Select all that apply." % head,
        "explanation": "The section “%s” of “%s” uses %s." % (head, topic.title, ", ".join(right)),
        "options": options,
    }


def question_truefalse(rng, topic, section, other):
    """A sentence of the section, as written (true) or with one word swapped (false)."""
    head, hid, text = section
    sentence = rng.choice(sentences_of(text) or [text])
    toks = sentence.split()
    answer = rng.random() < 0.5
    words = [i for i, t in enumerate(toks) if t.isalpha()]
    if not answer and words:
        i = rng.choice(words)
        swap = rng.choice([w for w in other.words if w != toks[i].lower()])
        explanation = "False: the notes say “%s”, not “%s”." % (toks[i], swap)
        toks[i] = swap
    else:
        explanation = "True: this is what the section “%s” says." % head
    return {
        "prompt": "The section “%s” says: “%s”" % (head, " ".join(toks)),
        "answer": answer,
        "explanation": explanation,
    }


def question_match(rng, topic, section, other):
    """Match three or four section headings to the words their sections start with."""
    picks = rng.sample(topic.sections, min(4, len(topic.sections)))
    pairs = [(h, " ".join(t.split()[:5]).rstrip(".?")) for h, _, t in picks]
    return {
        "prompt": "Match each section of “%s” to the words it starts with." % topic.title,
        "explanation": "Each section of “%s” starts as shown: %s." % (
            topic.title, "; ".join("%s: %s" % p for p in pairs)),
        "pairs": pairs,
    }


MAKERS = {"single": question_single, "multiple": question_multiple,
          "truefalse": question_truefalse, "match": question_match}


def quiz_toml(unit_slug, cid, topics, others):
    """quizzes/<id>.toml for criterion `cid`: six questions on the topics that support it."""
    rng = random.Random("%s/%s" % (unit_slug, cid))  # str seeds are stable across runs
    out = ["criterion = %s\n" % q(cid)]
    for n, kind in enumerate(QUESTION_TYPES[:QUESTIONS_PER_QUIZ], start=1):
        topic = topics[(n - 1) % len(topics)]
        other = rng.choice([t for t in others if t.slug != topic.slug])
        section = rng.choice(topic.sections)
        if kind == "match" and len(topic.sections) < 2:
            kind = "single"
        spec = MAKERS[kind](rng, topic, section, other)
        out.append("[[question]]")
        out.append("id = %s" % q("q%d-%s" % (n, kind)))
        out.append("type = %s" % q(kind))
        out.append("prompt = %s" % q(spec["prompt"]))
        out.append("topic = %s" % q(topic.slug))
        if kind != "match":
            out.append("heading = %s" % q(section[1]))
        out.append("explanation = %s" % q(spec["explanation"]))
        if kind == "truefalse":
            out.append("answer = %s" % ("true" if spec["answer"] else "false"))
        out.append("")
        for text, correct, feedback in spec.get("options", []):
            out += ["[[question.option]]", "text = %s" % q(text),
                    "correct = %s" % ("true" if correct else "false"),
                    "feedback = %s" % q(feedback), ""]
        for left, right in spec.get("pairs", []):
            out += ["[[question.pair]]", "left = %s" % q(left), "right = %s" % q(right), ""]
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# One unit
# --------------------------------------------------------------------------------------------

def with_image(body, slug, title):
    """`body` with the photo `../files/<slug>.jpg` after its first paragraph."""
    image = "![A photo illustrating %s](../files/%s.jpg)" % (title.lower(), slug)
    head, sep, rest = body.strip().partition("\n\n")
    return head + "\n\n" + image + (sep + rest if sep else "") + "\n"


def convert_unit(corpus, content, unit, images=None):
    us = unit["slug"]
    udir = "%s/units/%s" % (content, us)
    pages = {p["slug"]: p for p in unit["pages"]}
    body = {s: read_page(corpus, us, s)[1] for s in pages}
    title = {s: p["title"] for s, p in pages.items()}

    # Where each corpus page's body is shown in the built site (path from the site root).
    crit_of = dict(zip(CORPUS_CRITERIA, CRITERIA))  # corpus code -> (id, band, outcome)
    knowledge = []  # (corpus slug, unitpress slug, title)
    for i in range(1, 11):
        s = "knowledge-%02d" % i
        t = after_colon(title[s])
        knowledge.append((s, slugify(t), t))
    brief_slug = {"assignment-%d" % i: "-".join(c.lower() for c in cs)
                  for i, cs in enumerate(BRIEFS, start=1)}
    url = {"overview": "units/%s/index.html" % us}
    for n in range(1, 5):
        url["lo-%d" % n] = "units/%s/outcomes/%d/index.html" % (us, n)
    for code, (cid, _, _) in crit_of.items():
        url["criterion-" + code] = "units/%s/criteria/%s/index.html" % (us, cid.lower())
    for s, ks, _ in knowledge:
        url[s] = "units/%s/knowledge/%s/index.html" % (us, ks)
    for s, bs in brief_slug.items():
        url[s] = "units/%s/briefs/%s/index.html" % (us, bs)
    assert set(url) == set(pages), sorted(set(pages) ^ set(url))

    def shown(slug):
        """The body of corpus page `slug`, its sibling links written as unitpress site links."""
        return rewrite_links(body[slug], lambda t: "@/" + url[t])

    # unit.md: facts in front matter, the overview page's body as the introduction.
    unit_title = after_colon(unit["title"])
    write("%s/unit.md" % udir, "\n".join([
        "+++",
        "title = %s" % q(unit_title),
        'awarding_body = "Benchmark"',
        'qualification = "Benchmark course"',
        "unit_number = %s" % q(str(unit["weight"])),
        "level = 2",
        'grading = "graded"',
        "order = %d" % unit["weight"],
        "aim = %s" % q(first_sentence(body["overview"])),
        "+++",
        shown("overview")]))

    # outcomes/1..4.md
    for n in range(1, 5):
        s = "lo-%d" % n
        write("%s/outcomes/%d.md" % (udir, n),
              "+++\ntitle = %s\n+++\n%s" % (q(after_colon(title[s])), shown(s)))

    # criteria.toml (wording = the criterion page's title) and notes/<id>.md (its body).
    crit_toml = []
    for code, (cid, band, outcome) in crit_of.items():
        s = "criterion-" + code
        crit_toml += ["[[criterion]]", "id = %s" % q(cid), "band = %s" % q(band),
                      "outcome = %d" % outcome, "text = %s" % q(after_colon(title[s])), ""]
        write("%s/notes/%s.md" % (udir, cid.lower()), shown(s))
    write("%s/criteria.toml" % udir, "\n".join(crit_toml))

    # knowledge/<slug>.md: item i belongs to the outcome of the i-th criterion and supports
    # the criteria of that outcome (two or three), so every criterion has teaching content.
    by_outcome = {}
    for cid, _, outcome in CRITERIA:
        by_outcome.setdefault(outcome, []).append(cid)
    supports = {cid: [] for cid, _, _ in CRITERIA}
    topics = {}
    for i, (s, ks, kt) in enumerate(knowledge):
        cid, _, outcome = CRITERIA[i]
        crits = by_outcome[outcome][:3]
        for c in crits:
            supports[c].append(ks)
        write("%s/knowledge/%s.md" % (udir, ks), "\n".join([
            "+++",
            "title = %s" % q(kt),
            "outcome = %d" % outcome,
            "criteria = [%s]" % ", ".join(q(c) for c in crits),
            "order = %d" % (i + 1),
            "+++",
            with_image(shown(s), ks, kt) if images else shown(s)]))
        if images:
            images.place("%s/units/%s/%s" % (us, ks, ks), "%s/files/%s.jpg" % (udir, ks))
        topics[ks] = Topic(ks, kt, body[s])

    # briefs/<slug>.md: the assignment page's body as the scenario, one task per criterion.
    wording = {cid: after_colon(title["criterion-" + code]) for code, (cid, _, _) in crit_of.items()}
    for i, crits in enumerate(BRIEFS, start=1):
        s = "assignment-%d" % i
        lines = [
            "+++",
            "title = %s" % q(after_colon(title[s])),
            "criteria = [%s]" % ", ".join(q(c) for c in crits),
            "order = %d" % i,
            "evidence = [%s]" % ", ".join(q(e) for e in (
                "A written report covering %s (about 800 to 1,000 words)" % " and ".join(crits),
                "Notes of your research, with sources listed")),
            "",
        ]
        for c in crits:
            lines += ["[[task]]", "title = %s" % q("Task for %s" % c),
                      "criteria = [%s]" % q(c),
                      "text = %s" % q("**%s.** Use the teaching notes of this unit and give "
                                      "examples from the scenario." % wording[c]), ""]
        lines += ["+++", shown(s)]
        write("%s/briefs/%s.md" % (udir, brief_slug[s]), "\n".join(lines))

    # quizzes/<id>.toml: six questions per criterion on the knowledge items that support it.
    all_topics = list(topics.values())
    for cid, _, _ in CRITERIA:
        write("%s/quizzes/%s.toml" % (udir, cid.lower()),
              quiz_toml(us, cid, [topics[k] for k in supports[cid]], all_topics))

    return {w.split()[0].lower() for w in wording.values()}


def main():
    args = sys.argv[1:]
    with_images = os.environ.get("IMAGES") == "1"
    if args[:1] == ["--images"]:
        with_images, args = True, args[1:]
    if len(args) != 2:
        sys.exit("usage: to_unitpress.py [--images] CORPUS_DIR SITE_DIR")
    corpus, site = args
    m = load_manifest(corpus)
    fresh_dir(site)
    content = site + "/content"
    write(content + "/site.toml", SITE_TOML)
    images = None
    if with_images:
        from bench_images import Images
        cache = os.environ.get("IMAGE_CACHE") or os.path.join(os.path.dirname(
            os.path.abspath(site)), "image-cache")
        images = Images(cache)
    verbs = set()
    for u in m["units"]:
        verbs |= convert_unit(corpus, content, u, images)
    if images:
        images.finish()
    write(content + "/command-verbs.toml", "\n".join(
        "[[verb]]\nword = %s\nasks = %s\n" % (q(v), q(VERB_ASKS.get(v, "Do what the word says.")))
        for v in sorted(verbs)))
    print("unitpress content: %s/content (%d units, %d pages)" % (
        site, len(m["units"]), m["pages"]), file=sys.stderr)


if __name__ == "__main__":
    main()
