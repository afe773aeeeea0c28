#!/usr/bin/env bash
# Streaming endpoint benchmark on loopback: starts the web app (Release) over a throwaway data folder, makes an
# account and an API key, runs the open-loop client at 2,000 messages/s after a discarded warm-up at the same rate
# (and wrk at full speed when installed). Usage: bench/web/run-streaming-bench.sh [rate] [seconds] [warm-up seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-2000}; SECONDS_=${2:-20}; WARMUP=${3:-10}; PORT=5077; URL=http://127.0.0.1:$PORT
DATA=$(mktemp -d); JAR=$DATA/cookies
dotnet build -c Release -v q -nologo src/Amparo.Web >/dev/null
dotnet build -c Release -v q -nologo bench/Amparo.Web.Bench >/dev/null
# The per-key rate limit (10,000/s by default) is lifted so wrk measures capacity, not 429s.
Amparo__DataDirectory=$DATA Amparo__ApiRequestsPerSecond=1000000 Urls=$URL Logging__LogLevel__Default=Warning dotnet src/Amparo.Web/bin/Release/net10.0/Amparo.Web.dll &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 240); do curl -sf $URL/healthz >/dev/null && break; sleep 0.5; done
tok() { curl -s -b "$JAR" -c "$JAR" $URL/app/account/antiforgery | sed -E 's/.*"token":"([^"]+)".*/\1/'; }
curl -sf -b "$JAR" -c "$JAR" -H "X-CSRF-TOKEN: $(tok)" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.org","displayName":"Bench","password":"bench-password-123"}' $URL/app/account/register >/dev/null
KEY=$(curl -sf -b "$JAR" -c "$JAR" -H "X-CSRF-TOKEN: $(tok)" -H 'Content-Type: application/json' -d '{"name":"bench"}' \
  $URL/app/platform/keys | sed -E 's/.*"key":"([^"]+)".*/\1/')
echo "== open-loop client: $RATE messages/s for ${SECONDS_}s"
dotnet bench/Amparo.Web.Bench/bin/Release/net10.0/Amparo.Web.Bench.dll --url $URL --key "$KEY" --rate "$RATE" --seconds "$SECONDS_" --warmup "$WARMUP" || true
if command -v wrk >/dev/null; then
  echo "== wrk (closed loop, as fast as it goes): 2 threads, 32 connections, ${SECONDS_}s"
  AMPARO_API_KEY=$KEY wrk -t2 -c32 -d"${SECONDS_}s" --latency -s bench/web/streaming.lua $URL | tail -n 12
fi
