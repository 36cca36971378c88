#!/usr/bin/env bash
# Installs what the tests need on a fresh machine (Debian's chromium for the browser tests),
# then builds and runs every test: domain, components (bUnit), integration (Kestrel, SQLite,
# SignalR) and browser (headless Chromium).
set -euo pipefail
cd "$(dirname "$0")"

# Chromium for the browser tests, a Chinese font so their screenshots are legible, and a real
# SMTP server (Debian's aiosmtpd, run with Debian's own python3) for the e-mail tests.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-zenhei)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} for the tests..."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

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
