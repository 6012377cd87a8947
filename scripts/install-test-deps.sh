#!/usr/bin/env bash
# Installs what the test suite needs beyond Python packages, from Debian packages: a PostgreSQL
# server, and chromium for the dashboard's browser tests (driven by Playwright through
# executable_path; Playwright never downloads a browser here). As root it installs what is
# missing; otherwise it says what is missing and those tests skip (they never skip under CI=true).
set -euo pipefail

have_pg() {
  command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

have_chromium() {
  [ -x "${SITREP_CHROMIUM:-/usr/bin/chromium}" ]
}

missing=()
have_pg || missing+=(postgresql)
have_chromium || missing+=(chromium chromium-driver)

if [ ${#missing[@]} -eq 0 ]; then
  echo "test deps: PostgreSQL server and chromium present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test deps: installing ${missing[*]} from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  have_pg || { echo "test deps: PostgreSQL still missing after install" >&2; exit 1; }
  have_chromium || { echo "test deps: chromium still missing after install" >&2; exit 1; }
else
  echo "test deps: missing ${missing[*]}; not root, so not installing (their tests will skip)." >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
fi
