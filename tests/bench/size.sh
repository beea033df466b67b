#!/usr/bin/env bash
# Size report: builds the release site and the Leptos counter yardstick (tests/bench/counter/,
# same toolchain and release profile), then prints every file of the site raw, gzip -9 and
# brotli with what it is for (a page family's program or stylesheet, a data bundle, every page),
# each family's program and stylesheets in total, the start page's files against their budget,
# and the journey's program against the bare counter. A report: exits 0 whatever the sizes, but
# says OVER BUDGET when the start page's files are over 10 kB gzip.
#
#   bash tests/bench/size.sh              builds both, then reports
#   bash tests/bench/size.sh --no-build   reports on the dist/ folders as they are
#
# kB here is 1000 bytes. Each file is compressed on its own, as a server sends it (gzip -9 -n,
# brotli -q 11; the build's own .gz and .br copies are not listed). What a page actually
# downloads before it shows something is measured in Chromium by `node tests/bench/families.mjs
# bytes`; the start page downloads index.html and the stylesheet every page links (its program
# starts only when the person acts), which is what the budget line adds up.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUDGET_START_GZIP=10000
build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "size.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

source "$root/.ci/setup"
for tool in gzip brotli python3; do
  command -v "$tool" >/dev/null || { echo "size.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

main_dist="${ANJU_DIST:-$root/dist}"
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

python3 - "$main_dist" "$counter_dist" "$BUDGET_START_GZIP" <<'PY'
import json, os, re, subprocess, sys

main_dist, counter_dist, budget = sys.argv[1], sys.argv[2], int(sys.argv[3])


def sizes(path):
    raw = os.path.getsize(path)
    gz = len(subprocess.run(["gzip", "-9", "-n", "-c", path], capture_output=True, check=True).stdout)
    br = len(subprocess.run(["brotli", "-q", "11", "-c", path], capture_output=True, check=True).stdout)
    return raw, gz, br


def kb(n):
    return f"{n / 1000:9.1f}"


def files_of(dist):
    out = []
    for d, dirs, fs in os.walk(dist):
        dirs[:] = [x for x in dirs if not x.startswith(".")]  # Trunk's .stage of a build under way
        out += [os.path.relpath(os.path.join(d, f), dist) for f in fs if not f.endswith((".gz", ".br"))]
    return sorted(out)


# What each file of the portal is for, from the manifest the build wrote into index.html.
html = open(os.path.join(main_dist, "index.html"), encoding="utf-8").read()
m = re.search(r"const M = (\{.*\});$", html, re.M)
if not m:
    sys.exit("size.sh: no manifest in index.html: has the loader changed?")
manifest = json.loads(m.group(1))
# Each data bundle is [hash, size]; the loader names its file so.
for name, (digest, size) in list(manifest["files"].items()):
    manifest["files"][name] = {"file": f"data/{name.replace('/', '-')}-{digest}.bin", "size": size}
role = {}
for family, f in manifest["families"].items():
    role[f["js"]] = role[f["wasm"]] = f"program: {family}"
    for sheet in f.get("css", []):
        role[sheet] = f"{role[sheet]}, {family}" if sheet in role else f"stylesheet: {family}"
for name, f in manifest["files"].items():
    role[f["file"]] = f"data: {name}"
# The stylesheet every page links (the families' own are the loader's).
css = re.findall(r'<link rel="stylesheet" href="\./([^"]+\.css)"', html)
for f in ["index.html", *css]:
    role[f] = "every page (the start page's only files)"
role["sw.js"] = "service worker"

print(f"\n== Anju (the portal): {os.path.relpath(main_dist)}")
print(f"{'file':<46} {'raw kB':>9} {'gzip kB':>9} {'brotli kB':>9}  for")
measured = {}
for f in files_of(main_dist):
    s = measured[f] = sizes(os.path.join(main_dist, f))
    print(f"{f:<46} {kb(s[0])} {kb(s[1])} {kb(s[2])}  {role.get(f, '?')}")


def total(files):
    return [sum(measured[f][i] for f in files) for i in range(3)]


print("\n== each family's program (its .js and _bg.wasm) and own stylesheets")
programs = {}
for family, f in manifest["families"].items():
    programs[family] = t = total([f["js"], f["wasm"]])
    own = total(f.get("css", []))
    print(f"{family:<46} {kb(t[0])} {kb(t[1])} {kb(t[2])}  + stylesheets {own[1] / 1000:.1f} kB gzip")
data = [f["file"] for f in manifest["files"].values()]
t = total(data)
print(f"{'every data bundle (' + str(len(data)) + ' files)':<46} {kb(t[0])} {kb(t[1])} {kb(t[2])}")

print(f"\n== Leptos counter (tests/bench/counter): {os.path.relpath(counter_dist)}")
counter = [0, 0, 0]
for f in files_of(counter_dist):
    s = sizes(os.path.join(counter_dist, f))
    if f.endswith((".js", ".wasm")):
        counter = [a + b for a, b in zip(counter, s)]
    print(f"{f:<46} {kb(s[0])} {kb(s[1])} {kb(s[2])}")

print("\n== the journey's program / the bare Leptos counter's (.js and .wasm)")
for label, a, c in zip(["raw", "gzip -9", "brotli"], programs["journey"], counter):
    print(f"{label:<8} {kb(a)} kB / {kb(c)} kB = {a / c:5.2f}x")

start = total(["index.html", *css])
verdict = "within budget" if start[1] <= budget else "OVER BUDGET"
print(f"\nbudget: the start page's files (index.html and the stylesheet) {start[1] / 1000:.1f} kB gzip"
      f" ({start[2] / 1000:.1f} kB brotli), budget {budget / 1000:.0f} kB gzip: {verdict}")
PY
