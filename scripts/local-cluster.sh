#!/usr/bin/env bash
# A local Orleans cluster for trying sweeps: Redis and three silos of the notebook app, all on 127.0.0.1.
#   scripts/local-cluster.sh start    # builds the app, starts redis-server on 6379 and silos on 11111-11113 (gateways 30000-30002)
#   scripts/local-cluster.sh status   # what is running
#   scripts/local-cluster.sh stop     # stops the silos (SIGTERM: they hand their trials over), then Redis
# Then: dotnet run --project src/Examples -c Release -- sweep --exercise 3 --lr 1e-4,1e-3,1e-2 --epochs 10 --cluster 127.0.0.1:6379
# Settings: MLP_CLUSTER_DIR (pid and log files, default /tmp/mlp-cluster), MLP_REDIS_PORT (6379),
# MLP_SILOS (3), MLP_SILO_PARALLEL (trials per silo, default 1 so three silos share a small machine).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${MLP_CLUSTER_DIR:-/tmp/mlp-cluster}
redis_port=${MLP_REDIS_PORT:-6379}
silos=${MLP_SILOS:-3}
parallel=${MLP_SILO_PARALLEL:-1}
app=src/Examples/bin/Release/net10.0/Mlp.Examples.dll

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  mkdir -p "$dir"
  command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
  dotnet build src/Examples -c Release -v quiet -nologo >/dev/null
  if running "$dir/redis.pid"; then
    echo "redis already running (pid $(cat "$dir/redis.pid"))"
  else
    # In memory only (no dump file): the cluster's state lives as long as this Redis.
    redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$dir" >"$dir/redis.log" 2>&1 &
    echo $! >"$dir/redis.pid"
    for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    echo "redis on 127.0.0.1:$redis_port (pid $(cat "$dir/redis.pid"))"
  fi
  for i in $(seq 1 "$silos"); do
    pidfile="$dir/silo$i.pid"
    if running "$pidfile"; then echo "silo $i already running (pid $(cat "$pidfile"))"; continue; fi
    dotnet "$app" silo --redis "127.0.0.1:$redis_port" --port $((11110 + i)) --gateway-port $((29999 + i)) --parallel "$parallel" \
      >"$dir/silo$i.log" 2>&1 &
    echo $! >"$pidfile"
  done
  for i in $(seq 1 "$silos"); do
    for _ in $(seq 600); do grep -q "silo ready" "$dir/silo$i.log" 2>/dev/null && break; running "$dir/silo$i.pid" || break; sleep 0.1; done
    if grep -q "silo ready" "$dir/silo$i.log"; then echo "silo $i: $(grep "silo ready" "$dir/silo$i.log") (pid $(cat "$dir/silo$i.pid"))"
    else echo "silo $i did not start; see $dir/silo$i.log" >&2; exit 1; fi
  done
}

stop() {
  for pidfile in "$dir"/silo*.pid; do
    [ -f "$pidfile" ] || continue
    if running "$pidfile"; then kill -TERM "$(cat "$pidfile")"; fi
  done
  for pidfile in "$dir"/silo*.pid; do
    [ -f "$pidfile" ] || continue
    for _ in $(seq 300); do running "$pidfile" || break; sleep 0.1; done
    if running "$pidfile"; then echo "$(basename "$pidfile" .pid) did not stop in 30 s; killing it" >&2; kill -KILL "$(cat "$pidfile")"; fi
    rm -f "$pidfile"
  done
  if running "$dir/redis.pid"; then
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || kill -TERM "$(cat "$dir/redis.pid")"
    for _ in $(seq 50); do running "$dir/redis.pid" || break; sleep 0.1; done
  fi
  rm -f "$dir/redis.pid"
  echo "cluster stopped"
}

status() {
  for pidfile in "$dir"/redis.pid "$dir"/silo*.pid; do
    [ -f "$pidfile" ] || continue
    if running "$pidfile"; then echo "$(basename "$pidfile" .pid): running (pid $(cat "$pidfile"))"; else echo "$(basename "$pidfile" .pid): not running"; fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
