#!/usr/bin/env bash
# The Debian package as a user installs it: `cpack -G DEB` in the build folder, the
# package's name, files and declared dependencies, then the binary unpacked into a
# temporary root (dpkg-deb -x) solving the installed dataset, reporting the build's
# version, and `corridor serve` from an unrelated folder finding its installed web page
# and dataset.
#   package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack"; }
version=$(sed -n 's/^project(corridor VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt")
deb="$tmp/pkg/corridor_${version}_amd64.deb"
[ -f "$deb" ] || { ls "$tmp/pkg"; fail "no $deb"; }

dpkg-deb -f "$deb" Package Version Architecture Depends >"$tmp/fields"
grep -q "^Package: corridor$" "$tmp/fields" || fail "package name: $(cat "$tmp/fields")"
grep -q "^Architecture: amd64$" "$tmp/fields" || fail "architecture"
for lib in libclp libcbc libfmt libspdlog libsqlite3 libc6 libstdc++6; do
  grep -q "^Depends:.*$lib" "$tmp/fields" || fail "Depends lacks $lib: $(grep Depends "$tmp/fields")"
done

dpkg-deb -c "$deb" >"$tmp/contents"
for f in ./usr/bin/corridor ./usr/share/man/man1/corridor.1.gz ./usr/share/corridor/default_dataset \
         ./usr/share/corridor/data/china-russia-2022/dataset.toml \
         ./usr/share/corridor/data/china-russia-2022/links.csv \
         ./usr/share/corridor/data/china-russia-2022/scenarios/; do
  grep -q " $f\$" "$tmp/contents" || fail "package lacks $f"
done
web_built=0
if [ -f "$source/web/dist/index.html" ]; then
  web_built=1
  grep -q " ./usr/share/corridor/web/index.html$" "$tmp/contents" || fail "package lacks the web page"
fi

root="$tmp/root"
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/corridor"
zcat "$root/usr/share/man/man1/corridor.1.gz" | grep -q "corridor solve" || fail "man page lacks the commands"

# The installed binary reports the version of the build it was packaged from.
[ "$("$bin" --version)" = "$("$build/apps/corridor/corridor" --version)" ] || fail "version differs"

cd "$tmp"
"$bin" solve "$root/usr/share/corridor/data/china-russia-2022" --out "$tmp/out" >"$tmp/solve.txt" \
  || fail "solve exited $?: $(cat "$tmp/solve.txt")"
grep -q "optimal" "$tmp/solve.txt" || fail "solve summary: $(head -20 "$tmp/solve.txt")"
[ -s "$tmp/out/result.json" ] || fail "no result.json"

# serve from a folder without web/ or scripts/: the installed page and dataset are found.
"$bin" serve --db "$tmp/corridor.db" --port 0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!
for _ in $(seq 1 100); do
  grep -q "token=" "$tmp/serve.out" && break
  sleep 0.1
done
url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$tmp/serve.out")
[ -n "$url" ] || fail "serve did not start: $(cat "$tmp/serve.err")"
token=$(sed -n 's/.*login?token=\([0-9a-f]*\).*/\1/p' "$tmp/serve.out")
[ -n "$token" ] || fail "serve printed no start token"
curl -sf -H "Authorization: Bearer $token" "$url/v1/datasets" | grep -q '"name":"china-russia-2022"' || fail "built-in dataset not imported"
if [ "$web_built" = 1 ]; then
  curl -sf "$url/" | grep -qi "<html" || fail "web page not served"
fi
echo "package test passed: $(basename "$deb") (web page: $([ $web_built = 1 ] && echo yes || echo not built))"
