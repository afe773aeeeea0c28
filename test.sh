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
results=$(mktemp -d)
# Each test project writes its own TRX file; the totals below come from those, not from console text.
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  echo "-- $name"
  dotnet test "$proj" --no-build -c Release -v q --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=normal" --results-directory "$results" "$@" 2>&1 \
    | grep -E --line-buffered "^\s+Failed |Error Message|^\s+at Amparo|Passed!|Failed!|error" || true
done
passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
projects=$(grep -c '<Project Path="tests/' Amparo.slnx)
if [ "$files" -lt "$projects" ]; then
  echo "only $files of $projects test projects reported results (a test host crashed or did not start)"
  failed=$((failed + projects - files))
fi
rm -rf "$results"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
