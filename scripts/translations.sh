#!/usr/bin/env bash
# Keeps the English catalogue in step with the texts in the code and templates.
#
#   scripts/translations.sh           extract every marked text, add new ones to the English
#                                     catalogue (with an empty msgstr: translate those), drop
#                                     texts that are gone, then compile
#   scripts/translations.sh compile   only compile the .po into the .mo the app reads
#
# Dutch needs no catalogue: the message ids are the Dutch texts (see babel.cfg).
# tests/ui/test_language.py fails while a text is untranslated or the .mo is stale.
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh" requirements.txt
CATALOGUES=consult/translations

if [ "${1:-}" != "compile" ]; then
  POT="$(mktemp --suffix=.pot)"
  trap 'rm -f "$POT"' EXIT
  .venv/bin/pybabel -q extract -F babel.cfg -k lazy_gettext -k _l -k lazy_ngettext:1,2 \
    -c Translators: --add-location=file --sort-by-file --project=Consult -o "$POT" .
  .venv/bin/pybabel -q update -i "$POT" -d "$CATALOGUES" -l en -N --ignore-obsolete -w 100
fi
.venv/bin/pybabel compile -d "$CATALOGUES" -l en --statistics
