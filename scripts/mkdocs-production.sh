#!/usr/bin/env bash
# Copyright 2026 The Launchpad Authors
# SPDX-License-Identifier: Apache-2.0
#
# Puts the production TechDocs toolchain (MkDocs 1.6 + mkdocs-material 9, what
# .github/workflows/techdocs.yaml installs with pip) next to Debian bookworm's
# MkDocs 1.4 + mkdocs-material 8.2.5, without installing anything system-wide,
# so the test packages/e2e-tests/src/techdocs/portalDocsProduction.test.ts can
# build the portal's docs with both.
#
# Here PyPI is out of reach, so it takes Debian trixie's packages (mkdocs
# 1.6.1, mkdocs-material 9.6) with `apt-get download` and unpacks them into
# $DEST (default ~/.cache/launchpad/mkdocs-production). Nothing is installed;
# the packages are pure Python and run on bookworm's Python 3.11.
# Where PyPI is reachable (macOS, any OS) the same folder can be made with pip:
#
#   python3 -m venv ~/.cache/launchpad/mkdocs-production
#   ~/.cache/launchpad/mkdocs-production/bin/pip install mkdocs==1.6.1 mkdocs-material==9.5.49
#
# Either way the result is $DEST/bin/mkdocs.
set -euo pipefail

DEST=${1:-${LAUNCHPAD_CACHE:-$HOME/.cache/launchpad}/mkdocs-production}
SUITE=trixie
PACKAGES=(mkdocs mkdocs-material mkdocs-material-extensions mkdocs-get-deps
  python3-pymdownx python3-paginate python3-pathspec python3-pyyaml-env-tag)

if [ -x "$DEST/bin/mkdocs" ] && "$DEST/bin/mkdocs" --version >/dev/null 2>&1; then
  "$DEST/bin/mkdocs" --version
  exit 0
fi
command -v apt-get >/dev/null || {
  echo "mkdocs-production: no apt-get here; make $DEST with pip instead (see the top of $0)" >&2
  exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/state/lists/partial" "$work/cache/archives/partial" "$work/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $SUITE main" \
  >"$work/sources.list"
apt_opts=(-o "Dir::State=$work/state" -o "Dir::Cache=$work/cache"
  -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "APT::Sandbox::User=$(id -un)")
apt-get "${apt_opts[@]}" -qq update
(cd "$work/debs" && apt-get "${apt_opts[@]}" -qq download "${PACKAGES[@]}")

rm -rf "$DEST"
mkdir -p "$DEST/bin"
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$DEST/root"; done
site="$DEST/root/usr/lib/python3/dist-packages"

# Debian's mkdocs puts /usr/share/mkdocs/themes (bookworm's mkdocs-material
# 8.2.5) on sys.path; drop it so the theme comes from trixie's package.
cat >"$DEST/bin/mkdocs" <<EOF
#!/bin/sh
PYTHONPATH="$site\${PYTHONPATH:+:\$PYTHONPATH}" exec /usr/bin/python3 -c '
import sys
import mkdocs
sys.path[:] = [p for p in sys.path if not p.startswith("/usr/share/mkdocs")]
from mkdocs.__main__ import cli
sys.exit(cli(prog_name="mkdocs"))
' "\$@"
EOF
chmod +x "$DEST/bin/mkdocs"

# The theme loads its Python dependencies only when it builds: build one page.
mkdir -p "$work/site/docs"
printf 'site_name: check\ntheme:\n  name: material\nplugins:\n  - search\n' >"$work/site/mkdocs.yml"
printf '# check\n' >"$work/site/docs/index.md"
(cd "$work/site" && "$DEST/bin/mkdocs" build -q -d "$work/site/out")
grep -o 'mkdocs-material-9[0-9.]*' "$work/site/out/index.html" >/dev/null || {
  echo "mkdocs-production: the build did not use mkdocs-material 9" >&2
  exit 1
}
"$DEST/bin/mkdocs" --version
