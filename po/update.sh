#!/usr/bin/env bash
# Regenerates po/schemec.pot from the sources (every N_("…") msgid) and merges it into po/zh_CN.po with
# GNU gettext's own tools; then translate the new or fuzzy entries of zh_CN.po (po/README.md).
# Usage: bash po/update.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=po/sources.sh
. po/sources.sh
xgettext_schemec po/schemec.pot
msgmerge --quiet --update --backup=none --no-wrap --sort-output po/zh_CN.po po/schemec.pot
echo "po: $(grep -c '^msgid ' po/schemec.pot) msgids; untranslated or fuzzy:" >&2
msgattrib --untranslated --only-fuzzy --no-obsolete po/zh_CN.po 2>/dev/null | grep -c '^msgid ' >&2 || true
