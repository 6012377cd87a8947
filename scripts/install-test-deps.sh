#!/usr/bin/env bash
# Installs what the test suite needs beyond Python packages: a PostgreSQL server (Debian).
# As root it installs missing packages; otherwise it says what is missing and the PostgreSQL
# tests skip (they never skip under CI=true).
set -euo pipefail

have_pg() {
  command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

missing=()
have_pg || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
  echo "test deps: PostgreSQL server present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test deps: installing ${missing[*]} from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  have_pg || { echo "test deps: PostgreSQL still missing after install" >&2; exit 1; }
else
  echo "test deps: missing ${missing[*]}; not root, so not installing (PostgreSQL tests will skip)." >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
fi
