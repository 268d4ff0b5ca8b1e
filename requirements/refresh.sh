#!/usr/bin/env bash
# Refreshes the lock files from pyproject.toml: the one command to run after changing a dependency.
#   bash requirements/refresh.sh                        → add/drop what pyproject.toml changed, keep every other pin
#   bash requirements/refresh.sh --upgrade-package babel → also move one package (and what it needs) to its newest
#   bash requirements/refresh.sh --upgrade               → move everything to the newest versions allowed
# Then: bash install.sh --test && python3 -m pytest -q, and commit requirements/ saying why.
#
# requirements/lock.txt       the programme: [project.dependencies] + build tools (requirements/build.in)
# requirements/lock-test.txt  the same + the `test` extra, compiled against lock.txt so every shared
#                             package has the same version in both
# Every package is pinned with its hashes; setuptools and wheel too (--allow-unsafe), because
# install.sh builds the editable install with --no-build-isolation from the locked ones.
# Resolving and hashing takes several minutes (it reads every file of every pinned release).
set -euo pipefail
cd "$(dirname "$0")/.."

piptools="pip-tools==7.6.2"
if ! python3 -c "import piptools" 2>/dev/null; then
  echo "refresh.sh: memasang ${piptools} (hanya untuk memperbarui kunci)"
  python3 -m pip install -q --disable-pip-version-check "${piptools}"
fi

export CUSTOM_COMPILE_COMMAND="bash requirements/refresh.sh"
flags=(--quiet --generate-hashes --allow-unsafe --strip-extras
       --no-emit-index-url --no-emit-find-links --no-emit-trusted-host)

echo "refresh.sh: menyusun requirements/lock.txt"
python3 -m piptools compile "${flags[@]}" "$@" \
  -o requirements/lock.txt pyproject.toml requirements/build.in
echo "refresh.sh: menyusun requirements/lock-test.txt"
python3 -m piptools compile "${flags[@]}" "$@" --extra test -c requirements/lock.txt \
  -o requirements/lock-test.txt pyproject.toml requirements/build.in
echo "refresh.sh: selesai; jalankan bash install.sh --test && python3 -m pytest -q, lalu commit requirements/"
