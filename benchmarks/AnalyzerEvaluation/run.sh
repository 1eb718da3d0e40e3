#!/usr/bin/env bash
# Evaluation and timing for the Asphalt blocking-call analyzers, next to CA1849, MA0042 and
# VSTHRD103. Throwaway tooling: not in Asphalt.sln. Usage:
#   ./run.sh score [SET]    # recall/precision on Cases/ (default) or Independent/
#   ./run.sh timing [N]     # analyzer time on a generated codebase of N classes (default 4000)
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-score}"
out="${TMPDIR:-/tmp}/asphalt-analyzer-eval"
mkdir -p "$out"

case "$mode" in
  score)
    set_name="${2:-Cases}"
    dotnet build AnalyzerEvaluation.csproj -p:UseSharedCompilation=false -p:EvalSet="$set_name" --no-incremental -v:n -clp:NoSummary > "$out/score.log" 2>&1 || true
    python3 score.py "$out/score.log" --set "$set_name" "${@:3}"
    ;;
  timing)
    n="${2:-4000}"
    python3 generate.py Synthetic "$n"
    dotnet build AnalyzerEvaluation.csproj -p:UseSharedCompilation=false -p:EvalSet=Synthetic -p:ReportAnalyzer=true --no-incremental -v:d -clp:NoSummary > "$out/timing.log" 2>&1 || true
    python3 timing.py "$out/timing.log"
    ;;
  *) echo "usage: $0 score|timing [N]"; exit 2 ;;
esac
