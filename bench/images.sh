#!/usr/bin/env bash
# Images benchmark (issue 16, acceptance 4): what one photo per knowledge page costs a build.
#
#   bench/images.sh                  # 350 units: 10,500 pages, 3,500 photos of 2000x1333
#   UNITS=35 bench/images.sh         # 1,050 pages, 350 photos
#
# It converts the benchmark corpus twice, without and with images (to_unitpress.py --images:
# one distinct synthetic JPEG per knowledge page, drawn once into $WORKDIR/image-cache), and
# times four builds with hyperfine:
#   plain cold    no images, output folder moved aside before each run
#   plain warm    no images, the previous output in place (what a rebuild replaces)
#   images cold   with images, output moved aside: every smaller copy is made
#   images warm   with images, previous output in place: copies and photos are reused
# It prints a table with each median and the ratio to `plain warm` (the target: images warm
# at most 1.10), then what the copies weigh, and, measured on the photos themselves with the
# resize code of this checkout, the milliseconds a photo takes to copy (one core) and what
# placing a file costs (hard link against copy).
#
# Environment: UNITS (350), WORKDIR (/tmp/unitpress-bench), RUNS (3 warm runs), COLD_RUNS (1),
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
RUNS=${RUNS:-3}
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

# time NAME SITE RUNS cold|warm: hyperfine of one build, its JSON in $RES/NAME.json.
time_build() {
  local name=$1 site=$2 runs=$3 kind=$4
  local cmd="$UP build --content $site/content --out $site/public"
  log "$name: $runs run(s)"
  if [ "$kind" = cold ]; then
    SET_ASIDE_OUT=$site/public TRASH=$TRASH hyperfine --style basic --runs "$runs" \
      --prepare "$(declare -f set_aside); set_aside \"\$SET_ASIDE_OUT\"" \
      --export-json "$RES/$name.json" "$cmd" >&2
  else
    [ -d "$site/public" ] || $cmd >/dev/null
    hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$RES/$name.json" "$cmd" >&2
  fi
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
time_build plain-cold "$plain" "$COLD_RUNS" cold
time_build plain-warm "$plain" "$RUNS" warm
time_build images-cold "$img" "$COLD_RUNS" cold
time_build images-warm "$img" "$RUNS" warm

photos=$(find "$img/content/units" -path '*/files/*.jpg' | wc -l)
python3 - "$RES" "$img/public" "$photos" <<'PY' | tee "$RES/table.md"
import json, os, re, sys
res, out, photos = sys.argv[1], sys.argv[2], int(sys.argv[3])
t = {n: json.load(open("%s/%s.json" % (res, n)))["results"][0]
     for n in ("plain-cold", "plain-warm", "images-cold", "images-warm")}
base = t["plain-warm"]["median"]
print("| build | runs | median s | min s | max s | / plain warm |")
print("| --- | --- | --- | --- | --- | --- |")
for n, r in t.items():
    print("| %s | %d | %.2f | %.2f | %.2f | %.3f |" % (
        n, len(r["times"]), r["median"], r["min"], r["max"], r["median"] / base))
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
