#!/usr/bin/env bash
# A throwaway single-node OpenStack Swift with the S3 API (s3api + tempauth) on 127.0.0.1, for the upload tests and
# the upload benchmark (see ../shared/docs/toolchain.md, "Swift as a local S3 server").
#
#   scripts/swift-test-server.sh start [folder]   create the folder (or a new one under $TMPDIR), write the configs,
#                                                 build the rings, start the four servers, wait for /healthcheck;
#                                                 prints SWIFT_DIR=..., SWIFT_ENDPOINT=http://127.0.0.1:<port>
#   scripts/swift-test-server.sh stop <folder>    kill exactly the PIDs `start` recorded, then remove the folder
#   scripts/swift-test-server.sh stop-proxy <folder>    stop only the proxy (a "server gone" test)
#   scripts/swift-test-server.sh start-proxy <folder>   start it again on the same port
#
# S3 credentials: access key `test:tester`, secret `testing` (or `ferry:uploader` / `Ferry-Secret-7f3a9c`), region
# us-east-1, path-style addressing.
# Ports: SWIFT_PROXY_PORT (default: a free port); the storage servers always take free ports. SWIFT_PROXY_WORKERS:
# proxy processes (default 1, as in toolchain.md).
set -euo pipefail

die() {
  echo "swift-test-server: $*" >&2
  exit 1
}

require_swift() {
  local missing=()
  for cmd in swift-proxy-server swift-object-server swift-container-server swift-account-server swift-ring-builder; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    die "OpenStack Swift is not installed (missing: ${missing[*]}). Install Debian's packages: apt-get install swift-proxy swift-object swift-container swift-account (.ci/run does this)."
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The storage servers drop privileges to this user; root runs them as `swift` (which must own the data), anyone else
# as themselves.
run_user() {
  if [ "$(id -u)" -eq 0 ]; then echo swift; else id -un; fi
}

write_server_conf() { # kind port folder
  local kind=$1 port=$2 dir=$3
  cat >"$dir/etc/$kind-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $port
workers = 1
user = $(run_user)
devices = $dir/node
mount_check = false
swift_dir = $dir/etc
log_name = ferry-swift-$kind
log_level = WARNING

[pipeline:main]
pipeline = $kind-server

[app:$kind-server]
use = egg:swift#$kind
recon_cache_path = $dir/cache
EOF
}

write_proxy_conf() { # port folder
  local port=$1 dir=$2
  cat >"$dir/etc/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $port
workers = ${SWIFT_PROXY_WORKERS:-1}
user = $(run_user)
swift_dir = $dir/etc
log_name = ferry-swift-proxy
log_level = WARNING

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk s3api tempauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:s3api]
use = egg:swift#s3api
location = us-east-1
s3_acl = false
max_upload_part_num = 10000

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin
# A second account whose key and secret are distinctive enough to grep for (the upload tests' no-secret-on-disk check).
user_ferry_uploader = Ferry-Secret-7f3a9c .admin

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:cache]
use = egg:swift#memcache

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:bulk]
use = egg:swift#bulk

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo
EOF
}

start_server() { # kind folder
  local kind=$1 dir=$2
  # setsid: the servers get a process group of their own, so a test runner's Ctrl-C does not reach them twice and
  # `stop` can take the whole group (Swift's servers fork a worker) down by the leader's PID.
  setsid "swift-$kind-server" "$dir/etc/$kind-server.conf" >>"$dir/log/$kind.log" 2>&1 </dev/null &
  echo $! >"$dir/run/$kind.pid"
}

stop_server() { # kind folder
  local kind=$1 dir=$2 pid
  [ -f "$dir/run/$kind.pid" ] || return 0
  pid=$(cat "$dir/run/$kind.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/run/$kind.pid"
}

wait_healthy() { # folder
  local dir=$1 port
  port=$(cat "$dir/run/proxy.port")
  for _ in $(seq 1 150); do
    if curl -fsS "http://127.0.0.1:$port/healthcheck" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$(cat "$dir/run/proxy.pid")" 2>/dev/null; then break; fi
    sleep 0.1
  done
  tail -n 20 "$dir/log/proxy.log" >&2 || true
  return 1
}

cmd_start() {
  require_swift
  local dir=${1:-}
  if [ -z "$dir" ]; then dir=$(mktemp -d "${TMPDIR:-/tmp}/ferry-swift-XXXXXX"); else mkdir -p "$dir"; fi
  dir=$(cd "$dir" && pwd)
  # The servers run as `swift`: it must be able to walk into the folder.
  chmod 755 "$dir"
  mkdir -p "$dir/etc" "$dir/node/sdb1" "$dir/log" "$dir/run" "$dir/cache"
  local proxy_port=${SWIFT_PROXY_PORT:-$(free_port)}
  local account_port container_port object_port
  account_port=$(free_port)
  container_port=$(free_port)
  object_port=$(free_port)
  echo "$proxy_port" >"$dir/run/proxy.port"

  # swift.conf: the hash prefix/suffix only have to be stable for this folder's lifetime.
  cat >"$dir/etc/swift.conf" <<EOF
[swift-hash]
swift_hash_path_suffix = ferry-test
swift_hash_path_prefix = ferry-test

[storage-policy:0]
name = Policy-0
default = yes
EOF
  write_proxy_conf "$proxy_port" "$dir"
  write_server_conf account "$account_port" "$dir"
  write_server_conf container "$container_port" "$dir"
  write_server_conf object "$object_port" "$dir"

  (
    cd "$dir/etc"
    for ring in account:$account_port container:$container_port object:$object_port; do
      swift-ring-builder "${ring%%:*}.builder" create 6 1 1 >/dev/null
      swift-ring-builder "${ring%%:*}.builder" add "r1z1-127.0.0.1:${ring##*:}/sdb1" 1 >/dev/null
      swift-ring-builder "${ring%%:*}.builder" rebalance >/dev/null
    done
  )
  # Without this every request fails with 503: the servers write as `swift`.
  if [ "$(id -u)" -eq 0 ]; then chown -R swift:swift "$dir/node" "$dir/cache"; fi

  for kind in account container object proxy; do start_server "$kind" "$dir"; done
  if ! wait_healthy "$dir"; then
    cmd_stop "$dir"
    die "the proxy did not answer /healthcheck within 15 s (logs above)"
  fi
  echo "SWIFT_DIR=$dir"
  echo "SWIFT_ENDPOINT=http://127.0.0.1:$proxy_port"
}

cmd_stop() {
  local dir=${1:?give the folder printed by start}
  [ -d "$dir/run" ] || die "$dir is not a folder made by swift-test-server.sh start"
  for kind in proxy object container account; do stop_server "$kind" "$dir"; done
  rm -rf "$dir"
}

case "${1:-}" in
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  stop-proxy)
    stop_server proxy "${2:?give the folder}"
    ;;
  start-proxy)
    start_server proxy "${2:?give the folder}"
    wait_healthy "$2" || die "the proxy did not come back"
    ;;
  *)
    echo "Usage: $0 start [folder] | stop <folder> | stop-proxy <folder> | start-proxy <folder>" >&2
    exit 2
    ;;
esac
