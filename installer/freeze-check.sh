#!/usr/bin/env bash
# Prove the frozen app works: build the PyInstaller one-folder app (Linux) from
# installer/tambon_desk.spec, run its smoke test under Xvfb (main window on a fresh demo
# database, logged in; a PDF and an XLSX report written), check the files, and compare its
# start with the same smoke run from source. Exit status non-zero on any failure.
#
#   bash installer/freeze-check.sh            (CI runs it after the tests: .ci/run)
#
# PyInstaller's work folder is kept in build/freeze-check/ so a second run only rebuilds
# what changed. Prints BENCH lines (DESIGN §9).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PY="${PYTHON:-python3}"

if [ -z "${DISPLAY:-}" ] && [ -z "${FREEZE_CHECK_INNER:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "freeze-check: needs a display or xvfb-run" >&2; exit 1; }
  FREEZE_CHECK_INNER=1 exec xvfb-run -a -s "-screen 0 1280x1024x24 -dpi 96" bash "$0" "$@"
fi

started=$(date +%s)
"$PY" -m pip install -q pyinstaller
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"     # freeze this checkout's tambon_desk
unset MPLBACKEND                                          # the app picks its own backends
OUT="$ROOT/build/freeze-check"
mkdir -p "$OUT"
RUNS="$(mktemp -d)"
trap 'rm -rf "$RUNS"' EXIT

echo "freeze-check: building the one-folder app" >&2
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$OUT/dist" \
  --workpath "$OUT/work" installer/tambon_desk.spec
APP="$OUT/dist/TambonDesk/TambonDesk"
[ -x "$APP" ] || { echo "freeze-check: $APP was not built" >&2; exit 1; }

# One smoke run: $1 = name, rest = command. Prints its wall time (s); fails if the run
# fails or its reports are not a PDF and an XLSX workbook.
smoke() {
  local name="$1"; shift
  local dir="$RUNS/$name"
  rm -rf "$dir"; mkdir -p "$dir/cache"
  local t0 t1
  t0=$(date +%s.%N)
  if ! TAMBON_DESK_CACHE="$dir/cache" "$@" --smoke-test "$dir/out" >"$dir/log" 2>&1; then
    echo "freeze-check: the $name smoke run failed:" >&2; cat "$dir/log" >&2; return 1
  fi
  t1=$(date +%s.%N)
  "$PY" - "$dir/out" "$name" <<'EOF' >&2
import shutil, subprocess, sys, unicodedata, zipfile
from pathlib import Path
out, name = Path(sys.argv[1]), sys.argv[2]
pdf, xlsx = out / "tambon-profile.pdf", out / "household-register.xlsx"
problems = []
if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF-") \
        or b"%%EOF" not in pdf.read_bytes()[-64:]:
    problems.append(f"{pdf} is not a PDF")
elif shutil.which("pdftotext"):
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    if unicodedata.normalize("NFKC", "ข้อมูลพื้นฐานตำบล") not in unicodedata.normalize("NFKC", text):
        problems.append(f"{pdf} does not hold the Thai title as text")
if shutil.which("pdffonts") and pdf.is_file() and not problems:
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    if "Sarabun" not in fonts:
        problems.append(f"{pdf} does not embed Sarabun")
if not zipfile.is_zipfile(xlsx):
    problems.append(f"{xlsx} is not an XLSX (zip) file")
else:
    with zipfile.ZipFile(xlsx) as z:
        if "xl/workbook.xml" not in z.namelist() or z.testzip() is not None:
            problems.append(f"{xlsx} is not a sound workbook")
if problems:
    sys.exit(f"freeze-check ({name}): " + "; ".join(problems))
print(f"freeze-check ({name}): PDF and XLSX are sound")
EOF
  "$PY" -c "print(round($t1 - $t0, 3))"
}

# Twice each, alternating, the faster of each kept (the first may read cold files).
src1=$(smoke source "$PY" installer/launch.py)
frz1=$(smoke frozen env -u PYTHONPATH "$APP")
src2=$(smoke source "$PY" installer/launch.py)
frz2=$(smoke frozen env -u PYTHONPATH "$APP")
read -r ratio src frz < <("$PY" -c "s=min($src1,$src2); f=min($frz1,$frz2); print(round(f/s, 2), s, f)")
mb=$(du -sm "$OUT/dist/TambonDesk" | cut -f1)
echo "freeze-check: smoke run from source ${src} s, frozen ${frz} s; took $(( $(date +%s) - started )) s in all" >&2
echo "BENCH frozen_start_ratio $ratio ratio target <= 2"
echo "BENCH frozen_folder_mb $mb MB target <= 400"
"$PY" -c "import sys; sys.exit(0 if $ratio <= 2 else 1)" || {
  echo "freeze-check: the frozen app starts more than twice as slowly as from source" >&2; exit 1; }
