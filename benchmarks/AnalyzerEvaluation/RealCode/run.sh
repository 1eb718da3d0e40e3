#!/usr/bin/env bash
# Extracts the real-code checkouts from the local mirrors (none of their code is committed) and runs
# ASPH and the anchors on each, writing out/<code base>/<ID>.tsv and out/<code base>/run.txt.
# Usage: ./run.sh [name...]   (default: every code base below). See ../RealCode.md.
set -euo pipefail
cd "$(dirname "$0")"
mirrors="${MIRRORS:-/work/.mirror}"
nuget="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
work="${TMPDIR:-/tmp}/asphalt-realcode"

# name | mirror | commit | source folders inside the checkout | the fix commit, for a code base at
# the parent of a documented sync-over-async fix (prefix_check.py then says which changed line is found)
codebases=(
  "redis|StackExchange+StackExchange.Redis|90bbf1fcba1c9cc464c94b96d16c2706f590383f|src/StackExchange.Redis src/RESPite|"
  "mysqlconnector|mysql-net+MySqlConnector|61366757a2ae58e9ec0624518d437212ffae04eb|src/MySqlConnector|"
  "npgsql|npgsql+npgsql|3cb5804b769b000a1fc88ad8e5e764667f0df4a1|src/Npgsql|"
  # aspnet/AspNetSessionState#48: Thread.Sleep in CanRetry, a sync method passed to the *WithRetryAsync helpers
  "sessionstate|aspnet+AspNetSessionState|37a413e1ee9ddeb0a5115b56092fea4e6c2cd260|src/SqlSessionStateProviderAsync src/SessionStateModule|259c0590b4c186475cb1a70b840583869a3c6741"
  # microsoft/OpenAPI.NET#776 (in #767): ReadAsync(stream).GetAwaiter().GetResult() in async ProcessOpenApiDocument
  "openapi|microsoft+OpenAPI.NET|9ce2b2750324112a4c90ba4178d5957a668dce41|src/Microsoft.OpenApi.Hidi src/Microsoft.OpenApi src/Microsoft.OpenApi.Readers|e8a351a52318e09c0d0c41108fdfd2648d982ab8"
)

# The packages these code bases need and the machine has: the same for all three.
refs="$work/refs"
mkdir -p "$refs"
cp "$nuget/microsoft.extensions.logging.abstractions/10.0.5/lib/net10.0/Microsoft.Extensions.Logging.Abstractions.dll" \
   "$nuget/microsoft.extensions.dependencyinjection.abstractions/10.0.5/lib/net10.0/Microsoft.Extensions.DependencyInjection.Abstractions.dll" \
   "$nuget/system.io.hashing/10.0.1/lib/net10.0/System.IO.Hashing.dll" "$refs/"

dotnet build -c Release -v:q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
program=(dotnet "$(find bin/Release -name RealCode.dll | head -1)")

for entry in "${codebases[@]}"; do
  [ -n "$entry" ] || continue
  IFS='|' read -r name mirror commit folders fix <<<"$entry"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  checkout="$work/$name"
  rm -rf "$checkout" && mkdir -p "$checkout"
  # shellcheck disable=SC2086
  git --git-dir="$mirrors/$mirror/repo" archive "$commit" $folders | tar -x -C "$checkout"
  args=()
  for f in $folders; do args+=("$checkout/$f"); done
  mkdir -p "out/$name"
  echo "== $name @ $commit"
  "${program[@]}" "${args[@]}" --ref "$refs" --out "out/$name" > "out/$name/run.txt"
  grep '^#' "out/$name/run.txt"
  if [ -n "$fix" ]; then
    git --git-dir="$mirrors/$mirror/repo" diff -U0 "$commit" "$fix" -- '*.cs' > "out/$name/fix.diff"
    python3 prefix_check.py "out/$name" "${folders%% *}" | tee "out/$name/prefix.md"
  fi
done
