# Shared by po/update.sh and tests/po/check_catalog.sh: how the message catalog's template is made.
# xgettext_schemec OUT: every N_("…") of interpreter/ and grammar/ into the template OUT. The msgids are fmt
# format strings, never printf ones (no-c-format: msgfmt --check leaves their placeholders to the catalog
# test); positions are left out so that the template changes only when a message does.
xgettext_schemec() {
  find interpreter grammar -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort |
    xgettext --from-code=UTF-8 --language=C++ --keyword= --keyword=N_ --flag=N_:1:no-c-format \
      --no-location --sort-output --no-wrap --package-name=schemec --msgid-bugs-address=schemec@localhost \
      --files-from=- --output="$1"
}
