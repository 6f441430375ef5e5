#!/usr/bin/env bash
# The VS Code extension (editors/vscode): its TextMate grammar is what scripts/generate_grammar.js makes of
# grammar/*.hpp and stdlib/ (no hand-kept keyword list can drift), it tokenizes every shipped scheme with
# keywords, labels, numbers and comments scoped (test/grammar_test.js, vscode-textmate + vscode-oniguruma),
# and `vsce package` makes the .vsix in the build directory (BUILD_DIR/editors/schemec-VERSION.vsix).
# Usage: bash tests/cli/vscode_grammar.sh BUILD_DIR   (from the repository root).
# Exit 77 (skipped) when node is not installed; the npm packages come from `bash scripts/setup.sh --test`.
set -u
build=$(realpath "$1")
ext=editors/vscode
command -v node >/dev/null 2>&1 || { echo "skipped: node not installed"; exit 77; }
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

node "$ext/scripts/generate_grammar.js" --check && ok || fail "the checked-in grammar is not the generated one"

if [ ! -d "$ext/node_modules/vscode-textmate" ] || [ ! -d "$ext/node_modules/vscode-oniguruma" ]; then
  fail "the npm packages of $ext are not installed: run bash scripts/setup.sh --test (npm ci in $ext)"
else
  node "$ext/test/grammar_test.js" . && ok || fail "tokenizing the shipped schemes"
  node "$ext/test/extension_loads.js" && ok || fail "extension.js does not load"
fi

if [ -x "$ext/node_modules/.bin/vsce" ]; then
  version=$(node -p "require('./$ext/package.json').version")
  vsix=$build/editors/schemec-$version.vsix
  mkdir -p "$build/editors"
  rm -f "$vsix"
  if (cd "$ext" && node_modules/.bin/vsce package --out "$vsix" </dev/null >"$build/editors/vsce.log" 2>&1); then
    # The package holds the grammar, the client and its runtime library, and none of the test tools.
    listing=$(/usr/bin/python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$vsix")
    for f in extension/package.json extension/extension.js extension/language-configuration.json \
             extension/syntaxes/schemec.tmLanguage.json extension/README.md extension/package.nls.json extension/package.nls.zh-cn.json \
             extension/node_modules/vscode-languageclient/node.js; do
      grep -qx "$f" <<<"$listing" && ok || fail "$vsix lacks $f"
    done
    for f in extension/node_modules/vscode-textmate/ extension/node_modules/@vscode/vsce/ extension/test/ extension/scripts/; do
      grep -q "^$f" <<<"$listing" && fail "$vsix holds $f" || ok
    done
  else
    cat "$build/editors/vsce.log"
    fail "vsce package failed"
  fi
else
  echo "vscode_grammar: @vscode/vsce is not installed; the .vsix is not made"
fi

echo "vscode_grammar: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
