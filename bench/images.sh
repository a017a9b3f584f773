#!/usr/bin/env bash
# Images benchmark (issue 16, acceptance 4): what one photo per knowledge page costs a build.
#
#   bench/images.sh                  # 350 units: 10,500 pages, 3,500 photos of 2000x1333
#   UNITS=35 bench/images.sh         # 1,050 pages, 350 photos
#
# It converts the benchmark corpus twice, without and with images (to_unitpress.py --images:
# one distinct synthetic JPEG per knowledge page, drawn once into $WORKDIR/image-cache), and
# times four builds:
#   plain cold    no images, output folder moved aside before each run (hyperfine)
#   plain warm    no images, the previous output in place (what a rebuild replaces)
#   images cold   with images, output moved aside: every smaller copy is made (hyperfine)
#   images warm   with images, previous output in place: copies and photos are reused
# The warm builds run in RUNS pairs, plain then images, one straight after the other. It prints
# a table with each median and the ratio to `plain warm`, and each pair's ratio (the target:
# images warm at most 1.10), then what the copies weigh, and, measured on the photos themselves with the
# resize code of this checkout, the milliseconds a photo takes to copy (one core) and what
# placing a file costs (hard link against copy).
#
# Environment: UNITS (350), WORKDIR (/tmp/unitpress-bench), RUNS (5 warm pairs), COLD_RUNS (1),
# SEED (20240601), SHARED_BENCH (../shared/bench), RESIZE_COUNT (20 photos timed).
# Installs what is missing: hyperfine (apt-get), Pillow (pip).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=$(cd "${SHARED_BENCH:-$ROOT/../shared/bench}" && pwd)
export SHARED_BENCH=$SHARED PYTHONDONTWRITEBYTECODE=1
UNITS=${UNITS:-350}
WORK=${WORKDIR:-/tmp/unitpress-bench}
SEED=${SEED:-20240601}
RUNS=${RUNS:-5}
COLD_RUNS=${COLD_RUNS:-1}
RES=$WORK/results/images-$UNITS
# Old outputs wait here until the end (see run.sh: freeing inodes slows the next build).
TRASH=$WORK/trash
export IMAGE_CACHE=$WORK/image-cache

log() { printf '\n== %s\n' "$*" >&2; }

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
python3 -c 'import PIL' 2>/dev/null || python3 -m pip install -q Pillow

log "building unitpress (release)"
(cd "$ROOT" && cargo build --release --quiet)
mkdir -p "$WORK/bin" "$RES"
UP=$WORK/bin/unitpress-images
cp "$ROOT/target/release/unitpress" "$UP"

c=$WORK/corpus-$UNITS
if [ ! -f "$c/manifest.json" ]; then
  log "generating corpus: $UNITS units"
  python3 "$SHARED/gen_corpus.py" --units "$UNITS" --seed "$SEED" --out "$c"
fi
convert() { # convert SITE [--images]: unless SITE/.stamp is newer than the corpus and converter
  local site=$1; shift
  if [ -f "$site/.stamp" ] && [ "$site/.stamp" -nt "$c/manifest.json" ] &&
     [ "$site/.stamp" -nt "$HERE/to_unitpress.py" ] && [ "$site/.stamp" -nt "$HERE/bench_images.py" ]; then
    return
  fi
  log "converting $(basename "$c") -> $site $*"
  python3 "$HERE/to_unitpress.py" "$@" "$c" "$site"
  touch "$site/.stamp"
  sleep 31 # let the inodes the conversion freed age (see run.sh)
}
plain=$WORK/unitpress-$UNITS
img=$WORK/unitpress-img-$UNITS
convert "$plain"
convert "$img" --images

set_aside() {
  [ -e "$1" ] || return 0
  mkdir -p "$TRASH"
  mv "$1" "$(mktemp -d "$TRASH/old.XXXXXX")/"
}
trap 'rm -rf "$TRASH"' EXIT

# time_cold NAME SITE RUNS: hyperfine of one build into an empty output, its JSON in
# $RES/NAME.json.
time_cold() {
  local name=$1 site=$2 runs=$3
  local cmd="$UP build --content $site/content --out $site/public"
  log "$name: $runs run(s)"
  SET_ASIDE_OUT=$site/public TRASH=$TRASH hyperfine --style basic --runs "$runs" \
    --prepare "$(declare -f set_aside); set_aside \"\$SET_ASIDE_OUT\"" \
    --export-json "$RES/$name.json" "$cmd" >&2
}
# A unitpress without the course files pipeline refuses a unit's files/ folder: then only the
# resize and placement measurements below can be made.
if ! "$UP" build --content "$img/content" --out "$WORK/images-trial" >"$RES/trial.log" 2>&1; then
  rm -rf "$WORK/images-trial"
  echo "NOTE: this unitpress cannot build the course with images (it does not publish course" \
       "files yet?); its first error, of $(grep -c '^error' "$RES/trial.log") (all in $RES/trial.log):" | tee "$RES/table.md"
  head -3 "$RES/trial.log" | tee -a "$RES/table.md"
else
rm -rf "$WORK/images-trial"
time_cold plain-cold "$plain" "$COLD_RUNS"
time_cold images-cold "$img" "$COLD_RUNS"
# The warm builds, the one the target is about, run in pairs one after the other (plain, then
# images), after one unmeasured build of each: on a machine shared with other work the load
# drifts over minutes, and a ratio of two builds run seconds apart is what it leaves alone.
log "warm builds: $RUNS pairs, plain then images"
build_cmd() { "$UP" build --content "$1/content" --out "$1/public" >/dev/null; }
build_cmd "$plain"; build_cmd "$img"
: >"$RES/warm-pairs.tsv"
for _ in $(seq "$RUNS"); do
  pair=""
  for site in "$plain" "$img"; do
    start=$(date +%s.%N); build_cmd "$site"; end=$(date +%s.%N)
    pair="$pair$(awk "BEGIN { print $end - $start }")	"
  done
  printf "${pair}%s\n" "$(cut -d' ' -f1 /proc/loadavg)" >>"$RES/warm-pairs.tsv"
done

photos=$(find "$img/content/units" -path '*/files/*.jpg' | wc -l)
python3 - "$RES" "$img/public" "$photos" <<'PY' | tee "$RES/table.md"
import json, os, re, sys
res, out, photos = sys.argv[1], sys.argv[2], int(sys.argv[3])
from statistics import median
t = {n: json.load(open("%s/%s.json" % (res, n)))["results"][0]
     for n in ("plain-cold", "images-cold")}
pairs = [line.split("\t") for line in open("%s/warm-pairs.tsv" % res).read().split("\n") if line]
t["plain-warm"] = {"times": [float(p[0]) for p in pairs]}
t["images-warm"] = {"times": [float(p[1]) for p in pairs]}
for r in t.values():
    r["median"] = median(r["times"])
base = t["plain-warm"]["median"]
print("| build | runs | median s | min s | max s | / plain warm |")
print("| --- | --- | --- | --- | --- | --- |")
for n in ("plain-cold", "plain-warm", "images-cold", "images-warm"):
    r = t[n]
    print("| %s | %d | %.2f | %.2f | %.2f | %.3f |" % (
        n, len(r["times"]), r["median"], min(r["times"]), max(r["times"]), r["median"] / base))
ratios = [float(p[1]) / float(p[0]) for p in pairs]
print()
print("warm pairs (plain s, images s, images / plain, load average after): " + "; ".join(
    "%.2f, %.2f, %.3f, %s" % (float(p[0]), float(p[1]), r, p[2]) for p, r in zip(pairs, ratios)))
print("median of the pairs' ratios: %.3f (target: at most 1.10)" % median(ratios))
copies = originals = 0
ncopies = 0
for d, _, files in os.walk(os.path.join(out, "units")):
    if "/files/" not in d + "/":
        continue
    for f in files:
        size = os.path.getsize(os.path.join(d, f))
        if re.search(r"-\d+w\.[a-z]+$", f):
            copies, ncopies = copies + size, ncopies + 1
        else:
            originals += size
print()
print("%d photos in the content; the site holds %d smaller copies (%.1f MB, %.0f KB a photo) "
      "beside %.1f MB of photos" % (photos, ncopies, copies / 1e6,
                                    copies / 1024 / max(photos, 1), originals / 1e6))
if ncopies == 0:
    print("NOTE: the site holds no smaller copies: this unitpress does not make them yet, so "
          "the image rows measure publishing the photos only.")
else:
    cold = (t["images-cold"]["median"] - t["plain-cold"]["median"]) * 1000 / photos
    print("cold: %.0f ms of wall time a photo on this machine (all cores)" % cold)
PY
fi

log "resize and placement, measured on ${RESIZE_COUNT:-20} photos with this checkout's code"
(cd "$ROOT" && RESIZE_BENCH_DIR=$IMAGE_CACHE RESIZE_BENCH_COUNT=${RESIZE_COUNT:-20} \
  cargo test --release --quiet --lib -- --ignored --nocapture --test-threads=1 resize_throughput place_throughput 2>&1 |
  grep -v '^running\|^test result\|^\.*$' | sed 's/^\.\+ / /') | tee "$RES/resize.txt"
echo "Results: $RES" >&2
