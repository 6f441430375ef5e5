#!/usr/bin/env bash
# The Debian package (scripts/package.sh): cpack makes the .deb from the build directory; its control data
# names the libraries the binary needs (dpkg-shlibdeps), and the binary unpacked from it runs R1 on its
# sample data, installed as documentation examples, with the golden result.
# Usage: bash tests/cli/package.sh BUILD_DIR   (from the repository root). Exit 77 (skipped) without dpkg-dev.
set -u
build=$(realpath "$1")
command -v dpkg-shlibdeps >/dev/null 2>&1 || { echo "package: dpkg-dev is not installed; skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

(cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack failed"; }
deb=$(ls "$tmp"/out/schemec_*.deb 2>/dev/null | head -1)
if [ -z "$deb" ]; then
  fail "no .deb made"
else
  ok
  dpkg-deb -f "$deb" Package | grep -qx schemec && ok || fail "package name"
  depends=$(dpkg-deb -f "$deb" Depends)
  for lib in libc6 libstdc++6 libfmt; do
    case "$depends" in *"$lib"*) ok ;; *) fail "Depends lacks $lib: $depends" ;; esac
  done
  mkdir "$tmp/root"
  dpkg-deb -x "$deb" "$tmp/root"
  bin=$tmp/root/usr/bin/schemec
  ex=$tmp/root/usr/share/doc/schemec/examples/social-worker-annual
  [ -x "$bin" ] && ok || fail "no usr/bin/schemec in the package"
  [ -f "$tmp/root/usr/share/doc/schemec/language.md" ] && ok || fail "no language.md in the package"
  # 指南, its English version and 速查 link to each other and to language.md: all four are installed.
  for doc in guide.md guide.en.md quickref.md language.zh.md; do
    [ -f "$tmp/root/usr/share/doc/schemec/$doc" ] && ok || fail "no $doc in the package"
  done
  "$bin" --version | grep -q "^schemec " && ok || fail "the packaged binary does not run"
  # the Chinese catalog (issue 16), found by the installed binary in ../share/locale
  [ -f "$tmp/root/usr/share/locale/zh_CN/LC_MESSAGES/schemec.mo" ] && ok || fail "no Chinese message catalog in the package"
  "$bin" --lang zh --help | grep -q "检查一个或多个方案文件" && ok || fail "the packaged binary does not find its Chinese catalog"
  # Run where the example's path is the one its golden names (schemes/social-worker-annual/participants.csv).
  mkdir -p "$tmp/run/schemes" && cp -r "$ex" "$tmp/run/schemes/"
  (cd "$tmp/run" && "$bin" run schemes/social-worker-annual/social-worker-annual.scheme \
     schemes/social-worker-annual/participants.csv >"$tmp/r1.csv" 2>/dev/null)
  want=schemes/social-worker-annual/expected/sample.csv
  cmp -s "$tmp/r1.csv" "$want" && ok || fail "the packaged binary's R1 result differs from $want"
fi
echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
