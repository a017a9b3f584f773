#!/usr/bin/env python3
"""Makes the learner's self-review sheet for Unit 10's M2 and D2 brief, a Word document:

    python3 tools/make_self_review.py            # writes content/units/unit-10/files/self-review-m2-d2.docx
    python3 tools/make_self_review.py --check    # opens the committed file and checks it

The criteria, the command verbs' meanings and the evidence list are read from the course's own
files (criteria.toml, command-verbs.toml, briefs/m2-d2.md), so the sheet quotes them exactly and
follows them when they change. Needs python-docx (`pip install python-docx`).
"""
import io
import sys
import tomllib
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "content" / "units" / "unit-10"
OUT = UNIT / "files" / "self-review-m2-d2.docx"
MAX_BYTES = 100 * 1024

M2_QUESTIONS = [
    "Have I written about all three skill areas: presentation, communication and interpersonal skills?",
    "For each skill area, have I picked out my strengths and my weaknesses?",
    "Have I used different customer service situations (for example face to face, on the phone "
    "or in writing, a difficult customer), not just one?",
    "For each strength or weakness, have I explained why it happened?",
    "Have I explained what effect it had on the customer?",
    "Have I compared situations: did a skill work well in one situation but not in another?",
    "Have I backed up each point with evidence, such as an observation record, a witness "
    "statement or a customer's comment?",
    "Have I gone further than retelling what happened? A list of what I did, or \u201cI was good "
    "with customers\u201d, is not an analysis.",
]

D2_QUESTIONS = [
    "Have I weighed up what went well against what did not, using evidence?",
    "Have I judged how much each strength and weakness matters to customers and to the business?",
    "Have I reached a clear judgement on how effective I was overall?",
    "Have I said which improvements matter most, and why?",
    "Does every target in my personal development plan come from something I found in my evaluation?",
    "For each priority, does my plan give a clear target, the actions I will take, the support or "
    "training I need, a date to review it and how I will know I have improved?",
    "Are my targets specific and measurable, not general intentions such as \u201cbe more confident\u201d?",
]


def course_text():
    """The criteria M2 and D2, the meanings of their verbs and the brief's evidence list."""
    criteria = tomllib.loads((UNIT / "criteria.toml").read_text("utf-8"))["criterion"]
    texts = {c["id"]: c["text"] for c in criteria if c["id"] in ("M2", "D2")}
    verbs = tomllib.loads((ROOT / "content" / "command-verbs.toml").read_text("utf-8"))["verb"]
    asks = {v["word"]: v["asks"] for v in verbs}
    brief = (UNIT / "briefs" / "m2-d2.md").read_text("utf-8")
    front = tomllib.loads(brief.split("+++")[1])
    return texts, asks, front


def header_row(table, labels):
    """Bold labels in the first row, marked as a header row so it repeats and is read as one."""
    row = table.rows[0]
    for cell, label in zip(row.cells, labels):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True
    props = row._tr.get_or_add_trPr()
    props.append(OxmlElement("w:tblHeader"))


def roomy(row, cm):
    """Gives a row at least `cm` of height, room to write by hand on a printed copy, and keeps
    it on one page so a question is never split from its answer space."""
    row.height = Cm(cm)
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def grid(doc, labels):
    """A bordered table with a header row of `labels`."""
    table = doc.add_table(rows=1, cols=len(labels))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header_row(table, labels)
    return table


def set_widths(table, widths):
    """Column widths, on the grid (read by LibreOffice) and on every cell (read by Word)."""
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def question_table(doc, questions):
    """One row per question, with room to answer Yes or Not yet and say where in the work."""
    widths = [Cm(7.6), Cm(3.2), Cm(6.2)]
    labels = ["Question to ask myself", "Yes or not yet", "Where this is in my work, or what is missing"]
    table = grid(doc, labels)
    for question in questions:
        row = table.add_row()
        row.cells[0].text = question
        row.cells[1].text = "Yes / Not yet"
        roomy(row, 1.6)
    set_widths(table, widths)


def build(texts, asks, front):
    """The whole sheet as the bytes of a .docx file."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    # Word reads the language from the run defaults; en-GB for spelling checks and screen readers.
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)

    props = doc.core_properties
    props.title = "Self-review: M2 and D2"
    props.subject = "Unit 10 Customer relations in business"
    props.author = "Customer relations in business course"
    props.language = "en-GB"
    # A fixed date keeps the file the same from one run to the next, so git shows real changes only.
    props.created = props.modified = datetime(2025, 1, 1, tzinfo=timezone.utc)
    props.last_modified_by = ""
    props.revision = 1

    doc.add_heading("Self-review: M2 and D2", level=0)
    doc.add_paragraph(f"Unit 10 Customer relations in business. Brief: {front['title']}.")
    names = doc.add_table(rows=2, cols=2)
    names.style = "Table Grid"
    for row, label in zip(names.rows, ["My name", "Date"]):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        roomy(row, 1.0)
    set_widths(names, [Cm(4), Cm(13)])

    doc.add_heading("How to use this sheet", level=1)
    doc.add_paragraph(
        "Use this sheet before you hand in your work for M2 and D2. Read each question, look at "
        "your work and answer honestly: write Yes or Not yet. Say where in your work it is, such "
        "as a page or paragraph, or what is missing. Everything marked Not yet goes into the last "
        "table, What I will improve."
    )

    doc.add_heading("The criteria", level=1)
    for cid, band in (("M2", "merit"), ("D2", "distinction")):
        p = doc.add_paragraph()
        p.add_run(f"{cid} ({band}): ").bold = True
        p.add_run(texts[cid])

    doc.add_heading("What the command verbs ask", level=1)
    for word in ("analyse", "evaluate"):
        p = doc.add_paragraph()
        p.add_run(f"{word.capitalize()}: ").bold = True
        p.add_run(asks[word])

    doc.add_heading("M2: have I analysed my strengths and weaknesses?", level=1)
    question_table(doc, M2_QUESTIONS)
    doc.add_heading("D2: have I evaluated my skills and made a plan?", level=1)
    question_table(doc, D2_QUESTIONS)

    doc.add_heading("Before I hand in", level=1)
    intro = doc.add_paragraph("The brief asks for this evidence. Tick each one you have included.")
    intro.paragraph_format.keep_with_next = True
    widths = [Cm(14), Cm(3)]
    table = grid(doc, ["Evidence", "Included"])
    checks = list(front["evidence"]) + [
        "The work is my own. If I used an AI tool, I have said what I used it for."
    ]
    for item in checks:
        row = table.add_row()
        row.cells[0].text = item
        roomy(row, 1.0)
    set_widths(table, widths)

    doc.add_heading("What I will improve", level=1)
    intro = doc.add_paragraph(
        "Look back at every Not yet. For each one, write what you will change in your work before "
        "you hand it in. This is about your written work: the ways you will improve your skills "
        "belong in your personal development plan."
    )
    intro.paragraph_format.keep_with_next = True
    widths = [Cm(6.5), Cm(8), Cm(2.5)]
    table = grid(doc, ["What is missing or weak", "What I will do to improve it", "Done"])
    for _ in range(4):
        roomy(table.add_row(), 1.8)
    set_widths(table, widths)

    raw = io.BytesIO()
    doc.save(raw)
    return steady_zip(raw.getvalue())


def steady_zip(data):
    """The same document with fixed dates on its zip entries, so a rebuild is byte for byte alike."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def check(texts, fresh):
    """Problems with the committed file: unreadable, too big, a criterion not quoted, or stale."""
    if not OUT.exists():
        return [f"{OUT} is missing: run tools/make_self_review.py"]
    problems = []
    data = OUT.read_bytes()
    if len(data) > MAX_BYTES:
        problems.append(f"{OUT.name} is {len(data)} bytes, over {MAX_BYTES}")
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    for cid, text in texts.items():
        if not any(p.endswith(text) and p.startswith(cid) for p in paragraphs):
            problems.append(f"{cid} is not quoted exactly: {text!r}")
    if len(doc.tables) != 5:
        problems.append(f"expected 5 tables, found {len(doc.tables)}")
    if data != fresh:
        problems.append(f"{OUT.name} differs from a fresh build: run tools/make_self_review.py")
    return problems


def main():
    texts, asks, front = course_text()
    fresh = build(texts, asks, front)
    if "--check" in sys.argv[1:]:
        problems = check(texts, fresh)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            sys.exit(1)
        print(f"{OUT.relative_to(ROOT)}: valid, {len(OUT.read_bytes())} bytes, up to date")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(fresh)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(fresh)} bytes)")


if __name__ == "__main__":
    main()
