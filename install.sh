#!/usr/bin/env bash
# Installs what rentan needs on a fresh Debian machine, then the package itself.
#   bash install.sh          → the programme (for `rentan demo` and daily use)
#   bash install.sh --test   → also the test tools
# Python packages come from requirements/lock.txt (lock-test.txt with --test), pinned with hashes.
# Debian packages: LibreOffice Writer (opens generated DOCX as Word would), poppler-utils and qpdf
# (PDF checks), TeX Gyre fonts (Bonum, a free Bookman-compatible face), PostgreSQL 15 server
# (the registry's PostgreSQL test starts its own server with initdb), HarfBuzz-Subset (WeasyPrint
# subsets fonts with it; its fontTools fallback does not always give the same bytes twice).
# With --test also Chromium and its ChromeDriver: the web desk's tests drive a real browser.
set -euo pipefail
cd "$(dirname "$0")"

packages=(libreoffice-writer poppler-utils qpdf fonts-texgyre fonts-dejavu-core postgresql-15
          libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
[ "${1:-}" = "--test" ] && packages+=(chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "install.sh: memasang paket Debian: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python packages: exactly the versions in the lock, each checked against its hash, nothing
# resolved anew (requirements/refresh.sh makes the lock). Then rentan itself, built by the locked
# setuptools, with its `rentan` command.
lock=requirements/lock.txt
[ "${1:-}" = "--test" ] && lock=requirements/lock-test.txt
echo "install.sh: memasang paket Python sesuai ${lock} (versi terkunci, diperiksa dengan hash)"
python3 -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r "$lock"
python3 -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
