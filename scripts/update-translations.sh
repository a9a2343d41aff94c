#!/usr/bin/env bash
# Refreshes resources/translations/*.ts from the sources with Qt 6's lupdate (not the Qt 5
# one that libqcustomplot-dev pulls in). Translate new entries with Qt Linguist
# (/usr/lib/qt6/bin/linguist); tests/app/test_translations.cpp fails while any is unfinished.
# core/ holds no tr() calls but marks the templates of its error messages with QT_TRANSLATE_NOOP
# (context "orderlens::core"; widgets/message_text.h translates them).
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=/usr/lib/qt6/bin/lupdate
common=(core app widgets -no-obsolete -locations none -source-language en)
"$LUPDATE" "${common[@]}" -target-language zh_CN -ts resources/translations/orderlens_zh_CN.ts
"$LUPDATE" "${common[@]}" -target-language en -pluralonly -ts resources/translations/orderlens_en.ts
