#!/usr/bin/env bash
# Publishes every variant of the reference app with NativeAOT and times start-to-exit side by side.
# usage: benchmarks/Startup/run.sh [N ...]   (default: 50 500)
# Needs clang and zlib1g-dev (NativeAOT) and hyperfine (apt-get install -y hyperfine).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/out"
sizes=("${@:-50 500}")
[ $# -eq 0 ] && sizes=(50 500)
rm -rf "$out" && mkdir -p "$out"

# The native binary is named after the project: <variant with _ for ->_<N>.
executable() { local variant="${1%-*}"; echo "${variant//-/_}_${1##*-}"; }
python3 "$here/generate_apps.py" "$out" "${sizes[@]}" > "$out/projects.txt"

for folder in $(cat "$out/projects.txt"); do
  name=$(basename "$folder")
  dotnet publish "$folder" -c Release -r linux-x64 -o "$out/bin/$name" -p:PublishAot=true -v:q -nologo > "$out/$name.publish.log" 2>&1 \
    || { echo "publish of $name failed, see $out/$name.publish.log"; exit 1; }
  if grep -qE 'warning IL[23][0-9]{3}' "$out/$name.publish.log"; then echo "$name: AOT warnings:"; grep -E 'warning IL[23]' "$out/$name.publish.log" | sort -u; fi
done

echo "| variant | N | binary size (bytes) |"
echo "|---|---|---|"
for folder in $(cat "$out/projects.txt"); do
  name=$(basename "$folder"); exe=$(executable "$name")
  echo "| ${name%-*} | ${name##*-} | $(stat -c %s "$out/bin/$name/$exe") |"
done

for n in "${sizes[@]}"; do
  cmds=()
  for folder in $(grep -E -- "-$n\$" "$out/projects.txt"); do
    name=$(basename "$folder"); exe=$(executable "$name")
    cmds+=(-n "${name%-*}" "$out/bin/$name/$exe")
  done
  hyperfine -N --warmup 10 --runs 60 --export-markdown "$out/hyperfine-$n.md" "${cmds[@]}"
  cat "$out/hyperfine-$n.md"
done
