#!/usr/bin/env bash
# Installs what the tests need on a fresh machine (Debian's chromium for the browser tests),
# then builds and runs every test: domain, components (bUnit), integration (Kestrel, SQLite,
# SignalR) and browser (headless Chromium).
set -euo pipefail
cd "$(dirname "$0")"

./prerequisites.sh

mkdir -p artifacts
rm -f artifacts/tests.trx
started=$(date +%s)
set +e
dotnet test CarePortal.sln --logger "trx;LogFileName=tests.trx" --results-directory artifacts 2>&1 | tee artifacts/test-output.txt
status=${PIPESTATUS[0]}
set -e

# Per-test timings, slowest first, and per class (artifacts/test-timings.txt; the README says which dominate).
if [ -f artifacts/tests.trx ]; then
  grep -o '<UnitTestResult [^>]*>' artifacts/tests.trx \
    | sed -E 's/.*testName="([^"]*)".*duration="([0-9]+):([0-9]+):([0-9.]+)".*/\2 \3 \4 \1/' \
    | awk '{ s = $1 * 3600 + $2 * 60 + $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); printf "%8.2f s  %s\n", s, $0 }' \
    | sed 's/&quot;/"/g' | sort -rn > artifacts/test-timings-by-test.txt
  {
    echo "whole run: $(( $(date +%s) - started )) s (build included)"
    echo
    echo "by class:"
    awk '{ name = $3; sub(/\(.*/, "", name); n = split(name, part, "."); cls = part[n - 2] "." part[n - 1]; sum[cls] += $1; count[cls]++ }
         END { for (c in sum) printf "%8.2f s  %3d tests  %s\n", sum[c], count[c], c }' artifacts/test-timings-by-test.txt | sort -rn
    echo
    echo "slowest tests:"
    head -n 25 artifacts/test-timings-by-test.txt
  } > artifacts/test-timings.txt
fi

# One plain closing line for readers and CI: "N passed, N failed".
summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' artifacts/test-output.txt | tail -n 1 || true)
if [ -n "$summary" ]; then
  failed=$(echo "$summary" | grep -Eo 'Failed: +[0-9]+' | grep -Eo '[0-9]+')
  passed=$(echo "$summary" | grep -Eo 'Passed: +[0-9]+' | grep -Eo '[0-9]+')
  echo "tests: ${passed} passed, ${failed} failed"
fi
exit "$status"
