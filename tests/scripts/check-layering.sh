#!/usr/bin/env bash
# The layering rule, checked on the sources: core/ never includes QtWidgets, widget-world types,
# ui/ or app/; ui/ never includes app/; only core/db/ includes libpqxx.
# usage: check-layering.sh REPO_ROOT
set -uo pipefail
root=${1:?usage: check-layering.sh REPO_ROOT}
cd "$root" || exit 2
status=0
report() { echo "layering: $1"; status=1; }

widgets='#include[[:space:]]*<(QtWidgets/|QWidget|QApplication|QMainWindow|QDialog|QMessageBox|QPixmap|QIcon|QPainter|QColor|QAction|QLabel|QPushButton|QTreeView|QTableView)[>/]'
hits=$(grep -rnE "$widgets" core/ --include='*.h' --include='*.cpp' || true)
[ -n "$hits" ] && report "core/ includes QtWidgets or widget-world types:"$'\n'"$hits"

hits=$(grep -rnE '#include[[:space:]]*[<"](ui|app)/' core/ --include='*.h' --include='*.cpp' || true)
[ -n "$hits" ] && report "core/ includes ui/ or app/:"$'\n'"$hits"

hits=$(grep -rnE '\b(QWidget|QApplication|qApp|QMessageBox|QPixmap|QIcon|QPainter)\b' core/ --include='*.h' --include='*.cpp' | grep -v '^\s*//' || true)
[ -n "$hits" ] && report "core/ uses widget-world types:"$'\n'"$hits"

if [ -d ui ]; then
    hits=$(grep -rnE '#include[[:space:]]*[<"]app/' ui/ --include='*.h' --include='*.cpp' || true)
    [ -n "$hits" ] && report "ui/ includes app/:"$'\n'"$hits"
fi

hits=$(grep -rlE '#include[[:space:]]*<pqxx/' core/ ui/ app/ --include='*.h' --include='*.cpp' 2>/dev/null | grep -v '^core/db/' || true)
[ -n "$hits" ] && report "libpqxx used outside core/db/:"$'\n'"$hits"

# The linked libraries, too: core's CMake files never name Qt6::Widgets.
hits=$(grep -rn 'Qt6::Widgets' core/ --include='CMakeLists.txt' || true)
[ -n "$hits" ] && report "core/ links Qt6::Widgets:"$'\n'"$hits"

[ $status = 0 ] && echo "layering: core/ is free of QtWidgets, ui/ and app/; ui/ is free of app/"
exit $status
