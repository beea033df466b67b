#!/usr/bin/env bash
# Size report: builds the release site and the Leptos counter yardstick (tests/bench/counter/,
# same toolchain and release profile), then prints every file's size raw, gzip -9 and brotli,
# the first-load total of each (what the start page downloads before it is interactive), and
# the ratio of the two. A report: exits 0 whatever the sizes, but says OVER BUDGET when the
# portal's first load is over 86 kB gzip.
#
#   bash tests/bench/size.sh              builds both, then reports
#   bash tests/bench/size.sh --no-build   reports on the dist/ folders as they are
#
# kB here is 1000 bytes (the stricter reading of the budget). Each file is compressed on its
# own, as a server sends it; gzip with -n (no file name in the header, as a server's gzip).
# The first load is measured, not guessed: tests/bench/first-load.mjs opens each site in
# Chromium and lists what it downloaded before it was interactive (the load event fired and the
# control a person uses first was on the page: the portal's start button, the counter's
# button). The portal's start page is plain HTML and its app loads once the page is idle, so the
# app is listed apart, as "later". Files neither page asks for (a service worker) are listed too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUDGET_GZIP=86000
build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "size.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

source "$root/.ci/setup"
for tool in gzip brotli python3; do
  command -v "$tool" >/dev/null || { echo "size.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

main_dist="$root/dist"
counter_dist="$root/target/bench/counter-dist"
if [ "$build" = 1 ]; then
  step "trunk build --release (the portal, into dist/)"
  (cd "$root" && trunk build --release)
  step "trunk build --release (the counter, into target/bench/counter-dist/)"
  # Its own target directory under the portal's ignored target/, so the two builds never
  # share (or fight over) one.
  (cd "$root/tests/bench/counter" &&
    CARGO_TARGET_DIR="$root/target/bench" trunk build --release --dist "$counter_dist")
fi
for d in "$main_dist" "$counter_dist"; do
  [ -f "$d/index.html" ] || { echo "size.sh: no $d/index.html: run without --no-build" >&2; exit 1; }
done

main_first="$(node "$root/tests/bench/first-load.mjs" "$main_dist" "#main form button[type=submit]")"
counter_first="$(node "$root/tests/bench/first-load.mjs" "$counter_dist" "button")"

python3 - "$main_dist" "$counter_dist" "$BUDGET_GZIP" "$main_first" "$counter_first" <<'PY'
import os, re, subprocess, sys

import json

main_dist, counter_dist, budget = sys.argv[1], sys.argv[2], int(sys.argv[3])
measured = {os.path.realpath(main_dist): json.loads(sys.argv[4]), os.path.realpath(counter_dist): json.loads(sys.argv[5])}


def sizes(path):
    raw = os.path.getsize(path)
    gz = len(subprocess.run(["gzip", "-9", "-n", "-c", path], capture_output=True, check=True).stdout)
    br = len(subprocess.run(["brotli", "-q", "11", "-c", path], capture_output=True, check=True).stdout)
    return raw, gz, br


def kb(n):
    return f"{n / 1000:9.1f}"


def report(name, dist):
    dist = os.path.realpath(dist)
    files = []
    for d, dirs, fs in os.walk(dist):
        dirs[:] = [x for x in dirs if not x.startswith(".")]  # Trunk's .stage of a build under way
        files += [os.path.join(d, f) for f in fs]
    files.sort()
    load = {os.path.join(dist, f) for f in measured[dist]}
    print(f"\n== {name}: {os.path.relpath(dist)}")
    print(f"{'file':<44} {'raw kB':>9} {'gzip kB':>9} {'brotli kB':>9}  first load")
    total = [0, 0, 0]
    for path in files:
        s = sizes(path)
        on = path in load
        if on:
            total = [t + x for t, x in zip(total, s)]
        print(f"{os.path.relpath(path, dist):<44} {kb(s[0])} {kb(s[1])} {kb(s[2])}  {'yes' if on else 'later'}")
    print(f"{'first load (' + str(len(load)) + ' files)':<44} {kb(total[0])} {kb(total[1])} {kb(total[2])}")
    print(f"first load bytes: raw {total[0]}  gzip {total[1]}  brotli {total[2]}")
    return total


main = report("Anju (the portal)", main_dist)
counter = report("Leptos counter (tests/bench/counter)", counter_dist)
print("\n== first load, Anju / counter")
for label, a, c in zip(["raw", "gzip -9", "brotli"], main, counter):
    print(f"{label:<8} {kb(a)} kB / {kb(c)} kB = {a / c:5.2f}x")
verdict = "within budget" if main[1] <= budget else "OVER BUDGET"
print(f"\nbudget: first load {main[1] / 1000:.1f} kB gzip, budget {budget / 1000:.0f} kB: {verdict}")
PY
