#!/usr/bin/env python3
"""Prints the quiz figures of `unitpress check --format json` as a Markdown table: per unit,
the questions and their types, how often a single-choice question's right answer is its longest
option (against the number expected by chance), and how the true-or-false answers fall.

    unitpress check --format json | python3 bench/quiz_stats.py
    python3 bench/quiz_stats.py report.json
"""

import json
import sys

TYPES = ["single", "multiple", "truefalse", "match", "order", "written"]


def row(name, c):
    share = c["key_strictly_longest_share"]
    single = c["single_choice"]
    chance = c["key_longest_by_chance"]
    cells = [name, c["quizzes"], c["questions"]]
    cells += [c["types"].get(t, 0) for t in TYPES]
    cells += [
        f"{c['key_strictly_longest']} of {single}",
        "-" if share is None else f"{share:.0%}",
        "-" if not single else f"{chance / single:.0%}",
        c["key_longest_or_tied"],
        f"{c['truefalse_true']} / {c['truefalse_false']}",
    ]
    return "| " + " | ".join(str(x) for x in cells) + " |"


def main():
    source = open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin
    report = json.load(source)
    quizzes = report.get("quizzes")
    if quizzes is None:
        sys.exit(f"the course does not build, so there are no quiz figures: {report['summary']}")
    head = ["unit", "quizzes", "questions"] + TYPES
    head += ["key strictly longest", "share", "by chance", "longest or tied", "true / false"]
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
    for unit in quizzes["units"]:
        print(row(unit["unit"], unit))
    print(row("**all**", quizzes["all"]))


if __name__ == "__main__":
    main()
