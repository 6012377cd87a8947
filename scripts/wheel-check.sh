#!/usr/bin/env bash
# The install a user gets from `pip install .`: build sitrep's wheel, install it into a fresh
# virtual environment outside the checkout, and run the whole pipeline on a copy of samples/
# from a folder where no source file can be found by accident. Fails when the wheel lacks a
# data file the code reads, or when a dependency is missing from pyproject.toml.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "wheel check: building the wheel"
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install -q --upgrade pip
"$work/venv/bin/pip" wheel -q --no-deps -w "$work/dist" "$repo"
wheel=$(ls "$work"/dist/sitrep-*.whl)
echo "wheel check: installing $(basename "$wheel") into a fresh venv"
# torch first and exactly this CPU build (any other spec pulls a multi-GB CUDA build).
"$work/venv/bin/pip" install -q torch==2.13.0
"$work/venv/bin/pip" install -q "$wheel"

cp -r "$repo/samples" "$work/samples"
cd "$work"
echo "wheel check: sitrep run samples/ from outside the checkout"
env -u COLUMNS -u PYTHONPATH "$work/venv/bin/sitrep" run samples/ --db "sqlite:///$work/demo.db" \
  --out "$work/out" --quiet > "$work/run.log" 2>&1 || { cat "$work/run.log"; echo "wheel check: sitrep run failed" >&2; exit 1; }
for f in articles.jsonl claims.jsonl events.jsonl events_acled.csv events_ucdp.csv events.geojson \
  events.parquet claims_acled.csv; do
  [ -s "$work/out/$f" ] || { echo "wheel check: $f missing or empty" >&2; exit 1; }
done
# verify ran with the packaged credibility model: every article has a verdict.
"$work/venv/bin/python" - "$work/out/articles.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
missing = [r["id"] for r in rows if not r.get("credibility")]
assert rows and not missing, f"{len(missing)} of {len(rows)} articles have no credibility verdict"
import sitrep
assert "site-packages" in sitrep.__file__, sitrep.__file__
print(f"wheel check: ok ({len(rows)} articles, all with verdicts; sitrep imported from the wheel)")
PY

# The dashboard from the wheel: templates, static files and outlines must be package data.
port=$("$work/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "wheel check: sitrep serve on 127.0.0.1:$port"
env -u PYTHONPATH "$work/venv/bin/sitrep" serve --db "sqlite:///$work/demo.db" --port "$port" \
  > "$work/serve.log" 2>&1 &
serve_pid=$!
"$work/venv/bin/python" - "$port" <<'PY' || { kill "$serve_pid" 2>/dev/null || true; cat "$work/serve.log"; exit 1; }
import json, sys, time, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
for _ in range(100):
    try:
        page = urllib.request.urlopen(base + "/").read().decode()
        break
    except OSError:
        time.sleep(0.2)
else:
    raise SystemExit("wheel check: sitrep serve did not answer")
events = json.load(urllib.request.urlopen(base + "/api/events"))
assert events["total"] > 0 and 'id="map"' in page, events["total"]
for path in ("/static/app/world/countries.geojson", "/static/leaflet/leaflet.js",
             "/static/markercluster/leaflet.markercluster.js", "/static/app/overview.js"):
    assert urllib.request.urlopen(base + path).status == 200, path
print(f"wheel check: serve ok ({events['total']} events, static files and outlines served)")
PY
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
