#!/usr/bin/env bash
# The whole test suite: installs what the tests need (idempotently), checks formatting, builds, runs every
# test, and ends with the line "N passed, N failed". Usage: ./test.sh [extra dotnet test args, e.g. --filter X]
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- system packages the tests use: a real browser, OCR, PDF tools, openssl for the bundle check ---
need=()
for pkg in chromium tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa poppler-utils openssl libjpeg-turbo-progs fonts-dejavu-core fonts-liberation2; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "could not install ${need[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

echo "== restore"
dotnet restore Amparo.slnx -v q >/dev/null || { echo "restore failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== format check"
if ! dotnet format Amparo.slnx --verify-no-changes --no-restore -v q; then
  echo "dotnet format found unformatted code (run: dotnet format Amparo.slnx)"
  echo "0 passed, 1 failed"; exit 1
fi

echo "== build"
if ! dotnet build Amparo.slnx --no-restore -c Release -v q -nologo; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

echo "== test"
log=$(mktemp)
dotnet test Amparo.slnx --no-build -c Release -v q --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" \
  | grep -E "^\s+(Failed|Passed|Skipped) |Passed!|Failed!|error|Error Message|^\s+at " | grep -vE "^\s+Passed " || true
status=${PIPESTATUS[0]}
passed=0; failed=0; skipped=0
while read -r f p s; do
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done < <(grep -E "(Passed|Failed)! +- +Failed: +[0-9]+" "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
