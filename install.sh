#!/usr/bin/env bash
# Installs what rentan needs on a fresh Debian machine, then the package itself.
#   bash install.sh          → the programme (for `rentan demo` and daily use)
#   bash install.sh --test   → also the test tools
# Debian packages: LibreOffice Writer (opens generated DOCX as Word would), poppler-utils and qpdf
# (PDF checks), TeX Gyre fonts (Bonum, a free Bookman-compatible face), PostgreSQL 15 server
# (the registry's PostgreSQL test starts its own server with initdb), HarfBuzz-Subset (WeasyPrint
# subsets fonts with it; its fontTools fallback does not always give the same bytes twice).
set -euo pipefail
cd "$(dirname "$0")"

packages=(libreoffice-writer poppler-utils qpdf fonts-texgyre fonts-dejavu-core postgresql-15
          libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
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

extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
python3 -m pip install -q --disable-pip-version-check -e ".${extra}"
