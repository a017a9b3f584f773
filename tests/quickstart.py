#!/usr/bin/env python3
"""Follows the README's "Quick start for teachers" literally, in a scratch folder.

    python3 tests/quickstart.py --wheels DIR    # installs unitpress from the wheel in DIR
    python3 tests/quickstart.py --binary PATH   # uses that unitpress binary; pip lines skipped

Every line of every `sh` block of the section runs, in order, through bash, and must succeed;
`cd` lines move the scratch folder on. A `text` block right after an `sh` block is what those
commands print: each of its lines must appear in their output, with every number allowed to
differ and `…` standing for any text. Three steps need a stand-in, the rest run as written:

- `pip install unitpress` runs in a fresh virtual environment with pip pointed at the wheel
  folder only (PIP_NO_INDEX, PIP_FIND_LINKS), so it installs the wheel built from this checkout;
- `unitpress serve` gets `--port 0`, since port 1111 may be taken on a shared machine; while it
  runs, the script makes step 4's edit (the title line the README names, in the file it names),
  checks that the served page shows it, and stops the server as Ctrl-C does;
- `git push` goes to a local bare repository: git is told to use it in place of the GitHub
  address (url.<bare>.insteadOf), so the README's commands run unchanged.

Prints `ok - …` / `not ok - …` per step and `N passed, M failed` last; exits 1 on a failure.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECTION = "## Quick start for teachers"
EDIT_FILE = "content/units/first-unit/unit.md"
EDIT_FROM = 'title = "Health and safety in the workplace"'
EDIT_TO = 'title = "Safe working in the salon"'
GITHUB_URL = "https://github.com/YOUR-NAME/my-course.git"

results = {"passed": 0, "failed": 0}


def check(ok, name, details=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok' if ok else 'not ok'} - {name}", flush=True)
    if not ok and details:
        print("\n".join("    " + line for line in details.splitlines()), flush=True)
    return ok


def quick_start():
    """The section's text and its fenced blocks, as (language, lines), in order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    section = text[start : end if end >= 0 else len(text)]
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", section, flags=re.S | re.M)
    return section, [(lang, body.splitlines()) for lang, body in blocks]


def steps(blocks):
    """Each `sh` block with the `text` block right after it (None when there is none)."""
    out = []
    for i, (lang, lines) in enumerate(blocks):
        if lang == "sh":
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            out.append((lines, after[1] if after and after[0] == "text" else None))
    return out


def pattern(line):
    """A printed line as a pattern: numbers may differ, `…` is any text."""
    parts = [re.sub(r"\d+", r"\\d+", re.escape(p)) for p in line.split("…")]
    return re.compile(".*".join(parts))


def printed_as_shown(expected, output, name):
    if expected is None:
        return
    missing = [line for line in expected if line.strip() and not pattern(line).search(output)]
    check(not missing, f"{name} prints what the README shows", "missing:\n" + "\n".join(missing) + "\n--- printed ---\n" + output)


def environment(scratch, args):
    env = dict(os.environ)
    home = scratch / "home"
    home.mkdir()
    bare = scratch / "github-my-course.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="A Teacher",
        GIT_AUTHOR_EMAIL="teacher@example.org",
        GIT_COMMITTER_NAME="A Teacher",
        GIT_COMMITTER_EMAIL="teacher@example.org",
        GIT_CONFIG_COUNT="1",
        GIT_CONFIG_KEY_0=f"url.{bare.as_uri()}.insteadOf",
        GIT_CONFIG_VALUE_0=GITHUB_URL,
    )
    if args.wheels:
        venv = scratch / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        env.update(
            PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}",
            VIRTUAL_ENV=str(venv),
            PIP_NO_INDEX="1",
            PIP_FIND_LINKS=str(Path(args.wheels).resolve()),
            PIP_DISABLE_PIP_VERSION_CHECK="1",
        )
    else:
        env["PATH"] = f"{Path(args.binary).resolve().parent}{os.pathsep}{env['PATH']}"
    return env, bare


def read_lines(stream, into):
    for line in stream:
        into.append(line)


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def serve_and_edit(line, cwd, env, expected, section):
    """`unitpress serve`: started, its page fetched, step 4's edit made and seen, then stopped."""
    server = subprocess.Popen(
        f"exec {line} --port 0", shell=True, executable="/bin/bash", cwd=cwd, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    out, err = [], []
    readers = [threading.Thread(target=read_lines, args=(s, into), daemon=True)
               for s, into in ((server.stdout, out), (server.stderr, err))]
    for r in readers:
        r.start()
    try:
        up = wait_for(lambda: any("Serving" in l for l in out) or server.poll() is not None, 120)
        address = re.search(r"http://\S+/", "".join(out))
        if not check(up and address is not None, f"`{line}` serves the course", "".join(out + err)):
            return
        printed_as_shown(expected, "".join(err + out), f"`{line}`")
        home = fetch(address.group(0) + "index.html")
        check("Health and safety in the workplace" in home, "the served home page shows the example unit", home[:2000])

        check(EDIT_FILE in section and EDIT_FROM in section, "step 4 names the file and the line to edit")
        unit_md = cwd / EDIT_FILE
        unit_md.write_text(unit_md.read_text(encoding="utf-8").replace(EDIT_FROM, EDIT_TO), encoding="utf-8")
        unit_page = address.group(0) + "units/first-unit/index.html"
        seen = wait_for(lambda: "Safe working in the salon" in fetch(unit_page), 60)
        check(seen, "after saving the edit, the served unit page shows the new title", "".join(err))
        check(wait_for(lambda: any("Rebuilt first-unit in" in l for l in err), 10),
              "serve prints the Rebuilt line step 4 shows", "".join(err))
        check("`Rebuilt first-unit in" in section, "step 4 shows serve's Rebuilt line")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        for r in readers:
            r.join(timeout=5)
    check(server.returncode == 0 and any("Stopped." in l for l in out), "Ctrl-C stops serve cleanly", "".join(out + err))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--wheels", help="a folder holding the unitpress wheel")
    how.add_argument("--binary", help="a unitpress binary")
    args = parser.parse_args()

    section, blocks = quick_start()
    with tempfile.TemporaryDirectory(prefix="quickstart-") as tmp:
        scratch = Path(tmp)
        env, bare = environment(scratch, args)
        cwd = scratch / "documents"
        cwd.mkdir()
        for commands, expected in steps(blocks):
            output = []
            for line in (c.strip() for c in commands):
                if not line or line.startswith("#"):
                    continue
                if line.startswith("cd "):
                    cwd = cwd / line[3:]
                    check(cwd.is_dir(), f"`{line}`")
                elif line.startswith("unitpress serve"):
                    serve_and_edit(line, cwd, env, expected, section)
                    expected = None
                elif "pip install" in line and args.binary:
                    print(f"# skipped `{line}`: --binary given, not a wheel", flush=True)
                else:
                    run = subprocess.run(line, shell=True, executable="/bin/bash", cwd=cwd, env=env,
                                         capture_output=True, text=True)
                    output.append(run.stdout + run.stderr)
                    check(run.returncode == 0, f"`{line}`", run.stdout + run.stderr)
            printed_as_shown(expected, "".join(output), f"`{commands[0]}` …")
        shown = subprocess.run(["git", "--git-dir", str(bare), "show", "main:.github/workflows/publish.yml"],
                               capture_output=True, text=True)
        check(shown.returncode == 0 and "deploy-pages" in shown.stdout,
              "the pushed repository holds the course and its GitHub Pages workflow", shown.stderr)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
