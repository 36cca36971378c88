#!/usr/bin/env bash
# ./bench.sh NAME [ARGS]: runs one benchmark in Release; it measures our way and the naive way
# in the same run and ends with one line giving both times and the ratio.
set -euo pipefail
cd "$(dirname "$0")"
./prerequisites.sh
dotnet build benchmarks/CarePortal.Benchmarks -c Release -v quiet -nologo >/dev/null
exec dotnet run -c Release --no-build --project benchmarks/CarePortal.Benchmarks -- "$@"
