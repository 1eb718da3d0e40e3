#!/usr/bin/env bash
# The web benchmark, side by side in one run (see benchmarks/README.md, "Web"):
# NativeAOT size, start-to-first-response (hyperfine) and GET /value throughput and latency (wrk) of
# AsphaltWeb (the value read from an Asphalt resource through [FromResource]) against PlainWeb (a
# slim-builder WebApplication, the value from an MS.DI singleton).
# usage: benchmarks/Web/run.sh [rounds]     (default 3 rounds of wrk, alternating)
# Needs clang and zlib1g-dev (NativeAOT), wrk and hyperfine (apt-get install -y wrk hyperfine).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/out"
rounds="${1:-3}"
rm -rf "$out" && mkdir -p "$out"

for app in AsphaltWeb PlainWeb; do
  dotnet publish "$here/$app" -c Release -r linux-x64 -o "$out/$app" -p:PublishAot=true -v:q -nologo > "$out/$app.publish.log" 2>&1 \
    || { echo "publish of $app failed, see $out/$app.publish.log"; exit 1; }
  if grep -qE 'warning IL[23][0-9]{3}' "$out/$app.publish.log"; then echo "$app: AOT warnings:"; grep -E 'warning IL[23]' "$out/$app.publish.log" | sort -u; fi
done

echo "| app | binary size (bytes) |"
echo "|---|---|"
for app in AsphaltWeb PlainWeb; do echo "| $app | $(stat -c %s "$out/$app/$app") |"; done

# Start to the first successful response: start, poll GET /value until it answers, stop.
cat > "$out/first-response.sh" <<'SH'
#!/usr/bin/env bash
"$1" "$2" > /dev/null 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$2/value" > /dev/null; do :; done
kill -TERM "$pid"; wait "$pid" || true
SH
chmod +x "$out/first-response.sh"
hyperfine --warmup 3 --runs 30 -N --export-markdown "$out/start.md" \
  -n AsphaltWeb "$out/first-response.sh $out/AsphaltWeb/AsphaltWeb 5101" \
  -n PlainWeb "$out/first-response.sh $out/PlainWeb/PlainWeb 5102"
cat "$out/start.md"

# Throughput and latency, the two servers alternating, each round on a fresh process.
echo "| round | app | requests/s | p50 | p99 |"
echo "|---|---|---:|---:|---:|"
for round in $(seq "$rounds"); do
  for app in AsphaltWeb PlainWeb; do
    port=$([ "$app" = AsphaltWeb ] && echo 5101 || echo 5102)
    "$out/$app/$app" "$port" > "$out/$app.log" 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/value" > /dev/null; do sleep 0.05; done
    wrk -t1 -c32 -d3s "http://127.0.0.1:$port/value" > /dev/null # warm-up
    wrk -t1 -c32 -d10s --latency "http://127.0.0.1:$port/value" > "$out/$app.$round.wrk"
    kill -TERM "$pid"; wait "$pid" || true
    rps=$(awk '/Requests\/sec/ {print $2}' "$out/$app.$round.wrk")
    p50=$(awk '$1 == "50%" {print $2}' "$out/$app.$round.wrk")
    p99=$(awk '$1 == "99%" {print $2}' "$out/$app.$round.wrk")
    echo "| $round | $app | $rps | $p50 | $p99 |"
  done
done
