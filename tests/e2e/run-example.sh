#!/usr/bin/env bash
# Runs one example program (examples/) against radosgw: run-example.sh PROGRAM BUCKET_PREFIX [ARGS...]
# Exit 77 (meson: SKIP) when radosgw is not running.
set -uo pipefail
env_file="${SIGV4_SERVERS_STATE:-/tmp/sigv4-servers}/radosgw/env"
if [ ! -f "$env_file" ]; then
  echo "SKIP: radosgw is not running (no $env_file); start it with ../shared/servers/start-radosgw.sh or run tests/e2e/run-e2e.sh"
  exit 77
fi
set -a; . "$env_file"; set +a
export AWS_ENDPOINT_URL="$ENDPOINT" AWS_REGION="$AWS_DEFAULT_REGION"
unset AWS_SESSION_TOKEN AWS_PROFILE
program=$1 bucket="$2-$(date +%s)-$$"
shift 2
name=$(basename "$program")
if "$program" "$bucket" "$@"; then
  echo "e2e-result: radosgw $name passed=1 failed=0"
else
  echo "e2e-result: radosgw $name passed=0 failed=1"
  exit 1
fi
