#!/usr/bin/env bash
# Builds the Linux artefacts from a clean checkout into dist/:
#   gemini-desktop-<version>-linux-x86_64.tar.gz  a one-folder PyInstaller bundle
#   gemini-desktop_<version>_amd64.deb             the same bundle in /opt/gemini-desktop
# Needs python3 (3.11+, with venv), dpkg-deb and PyPI. Validators (desktop-file-validate,
# appstreamcli, lintian) run when they are installed: see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(python3 -c 'import re,sys; print(re.search(r"__version__ = \"([^\"]+)\"", open("desktop/__init__.py").read())[1])')
arch=$(uname -m)
deb_arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
app_id=io.github.geminidesktop.GeminiDesktop
build="$root/build"
dist="$root/dist"
mkdir -p "$build" "$dist"

echo "== build environment (build/venv)"
if [ ! -x "$build/venv/bin/python" ]; then
    python3 -m venv "$build/venv"
fi
"$build/venv/bin/python" -m pip install -q --upgrade pip
"$build/venv/bin/python" -m pip install -q "$root" "pyinstaller>=6.10" "pillow>=10"

echo "== icons"
"$build/venv/bin/python" packaging/make_icons.py "$build/icons"

echo "== PyInstaller (one folder)"
rm -rf "$build/pyinstaller"
"$build/venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$build/pyinstaller" --workpath "$build/work" packaging/gemini-desktop.spec
bundle="$build/pyinstaller/gemini-desktop"
echo "bundle size: $(du -sm "$bundle" | cut -f1) MB (limit 250 MB)"

echo "== tarball"
tarball="$dist/gemini-desktop-$version-linux-$arch.tar.gz"
tar -C "$build/pyinstaller" -czf "$tarball" gemini-desktop
echo "$tarball: $(du -h "$tarball" | cut -f1)"

echo "== Debian package"
pkg="$build/deb"
rm -rf "$pkg"
install -d "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" \
    "$pkg/usr/share/metainfo" "$pkg/usr/share/doc/gemini-desktop"
cp -a "$bundle" "$pkg/opt/gemini-desktop"
# Debian policy: no executable bits on shared libraries and data.
find "$pkg/opt/gemini-desktop" -type f \( -name '*.so*' -o ! -perm -u+x \) -exec chmod 0644 {} +
chmod 0755 "$pkg/opt/gemini-desktop/gemini-desktop"
# Strip debug symbols from the shared objects (never the bootloader: its archive is appended to it)
# and drop the build machine's library search path that some extension modules carry.
find "$pkg/opt/gemini-desktop/_internal" -type f -name '*.so*' -exec strip --strip-unneeded {} + 2>/dev/null || true
if command -v patchelf >/dev/null; then
    find "$pkg/opt/gemini-desktop/_internal" -type f -name '*.so*' -print0 | while IFS= read -r -d '' so; do
        if patchelf --print-rpath "$so" 2>/dev/null | grep -q "^/"; then patchelf --remove-rpath "$so"; fi
    done
fi
ln -s /opt/gemini-desktop/gemini-desktop "$pkg/usr/bin/gemini-desktop"
install -m644 resources/gemini-desktop.desktop "$pkg/usr/share/applications/gemini-desktop.desktop"
install -m644 "resources/$app_id.metainfo.xml" "$pkg/usr/share/metainfo/$app_id.metainfo.xml"
for dir in resources/icons/hicolor/*/apps; do
    size=$(basename "$(dirname "$dir")")
    install -Dm644 "$dir/gemini-desktop.png" "$pkg/usr/share/icons/hicolor/$size/apps/gemini-desktop.png"
done
install -Dm644 resources/icons/gemini-desktop.svg "$pkg/usr/share/icons/hicolor/scalable/apps/gemini-desktop.svg"
install -Dm644 packaging/debian/lintian-overrides "$pkg/usr/share/lintian/overrides/gemini-desktop"
install -m644 packaging/debian/copyright "$pkg/usr/share/doc/gemini-desktop/copyright"
gzip -9n -c packaging/debian/changelog > "$pkg/usr/share/doc/gemini-desktop/changelog.gz"
chmod 0644 "$pkg/usr/share/doc/gemini-desktop/changelog.gz"
installed_kb=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$deb_arch/" -e "s/@SIZE@/$installed_kb/" \
    packaging/debian/control.in > "$pkg/DEBIAN/control"
deb="$dist/gemini-desktop_${version}_${deb_arch}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$deb" >/dev/null
echo "$deb: $(du -h "$deb" | cut -f1)"

echo "== validators"
# Each one that is installed fails the build on an error. (In "a && b && c", set -e ignores a
# failing b: the desktop entry's errors used to pass unnoticed.)
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate resources/gemini-desktop.desktop
    echo "desktop-file-validate: ok"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "resources/$app_id.metainfo.xml"
fi
if command -v lintian >/dev/null; then
    lintian --fail-on error "$deb" || { echo "lintian found errors"; exit 1; }
fi
echo "== done: $(ls "$dist")"
