#!/usr/bin/env bash
# Side-by-side speed of the course notebook's training epochs: Mlp (one and two kernel threads) against the
# course-style NumPy and PyTorch reference scripts ("anchors"), and a wide model's training step against OpenBLAS's
# large-sgemm rate. Every contender runs in the same session, interleaved, several rounds; the table shows medians.
#
#   bench/compare.sh [--anchors DIR] [--rounds N] [--epochs N] [--no-wide]
#
# --anchors DIR  the folder holding numpy_ref.py and torch_ref.py (default: $MLP_ANCHORS_DIR, else ../shared/anchors
#                beside the repository, else ../../shared/anchors); the scripts are run from there, never copied.
# --rounds N     interleaved rounds (default 3); --epochs N epochs per run (default 4).
# Each run's first epoch is dropped (JIT tier-up for Mlp, cold caches for all) and the rest averaged; NumPy and PyTorch
# run when Debian's python3-numpy and python3-torch are importable by /usr/bin/python3, and are skipped otherwise.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# The anchors live outside the repository: ../shared/anchors beside it (or beside the folder holding a worktree).
anchors=${MLP_ANCHORS_DIR:-}
if [ -z "$anchors" ]; then
  for candidate in "$root/../shared/anchors" "$root/../../shared/anchors"; do
    if [ -d "$candidate" ]; then anchors=$(cd "$candidate" && pwd); break; fi
  done
  anchors=${anchors:-$root/../shared/anchors}
fi
rounds=3
epochs=4
wide=1
while [ $# -gt 0 ]; do
  case "$1" in
    --anchors) anchors=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --no-wide) wide=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$epochs" -lt 2 ]; then
  echo "compare.sh: --epochs must be at least 2 (the first epoch of each run is dropped)" >&2
  exit 2
fi

data=$root/data/mnist
python=/usr/bin/python3
results=$(mktemp)
trap 'rm -f "$results"' EXIT

echo "Building bench/Mlp.Benchmarks (Release)..." >&2
dotnet build "$root/bench/Mlp.Benchmarks" -c Release -v quiet -nologo >/dev/null
bench=(dotnet "$root/bench/Mlp.Benchmarks/bin/Release/net10.0/Mlp.Benchmarks.dll")

# OpenBLAS tuning variables set for other work on the machine would skew the references: unset them for them only.
pyenv=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
have() { [ -x "$python" ] && [ -f "$anchors/$2" ] && "${pyenv[@]}" "$python" -c "import $1" >/dev/null 2>&1; }
have_numpy=0; have numpy numpy_ref.py && have_numpy=1
have_torch=0; have torch torch_ref.py && have_torch=1
[ $have_numpy = 1 ] || echo "NumPy reference skipped: needs /usr/bin/python3 with numpy (apt-get install python3-numpy) and $anchors/numpy_ref.py" >&2
[ $have_torch = 1 ] || echo "PyTorch reference skipped: needs /usr/bin/python3 with torch (apt-get install python3-torch) and $anchors/torch_ref.py" >&2

# Each contender appends one JSON line per run to $results, tagged with the round.
ours() { "${bench[@]}" epoch --exercise "$1" --threads "$2" --epochs "$epochs" --warmup 0 --data-dir "$data" | sed "s/^{/{\"round\":$round,/" >> "$results"; }
anchor() { (cd "$anchors" && "${pyenv[@]}" "$python" "$1" --exercise "$2" --epochs "$epochs" --threads 1 --data-dir "$data" 2>/dev/null) | sed "s/^{/{\"round\":$round,/" >> "$results"; }
sgemm() {
  "${pyenv[@]}" OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$python" - "$round" >> "$results" <<'EOF'
import json, sys, time
import numpy as np
n = 2000
rng = np.random.default_rng(1)
a = rng.random((n, n), dtype=np.float32)
b = rng.random((n, n), dtype=np.float32)
a @ b
best = min((lambda t: (a @ b, time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(7))
print(json.dumps({"round": int(sys.argv[1]), "impl": "openblas-sgemm", "exercise": "sgemm2000", "threads": 1,
                  "gflops": round(2 * n ** 3 / best / 1e9, 1)}))
EOF
}

for round in $(seq 1 "$rounds"); do
  echo "Round $round of $rounds..." >&2
  # Alternate the order from round to round so that no contender always runs first.
  if [ $((round % 2)) = 1 ]; then order="ours1 numpy ours2 torch"; else order="torch ours2 numpy ours1"; fi
  for exercise in ex1 ex2; do
    for contender in $order; do
      case $contender in
        ours1) ours "$exercise" 1 ;;
        ours2) ours "$exercise" 2 ;;
        numpy) [ $have_numpy = 0 ] || anchor numpy_ref.py "$exercise" ;;
        torch) [ $have_torch = 0 ] || anchor torch_ref.py "$exercise" ;;
      esac
    done
  done
  if [ $wide = 1 ]; then
    ours wide 1
    [ $have_numpy = 0 ] || sgemm
    ours wide 2
  fi
done

if [ ! -x "$python" ]; then
  echo "No $python to tabulate the results; the raw runs:" >&2
  cat "$results"
  exit 0
fi
"$python" - "$results" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$rounds" "$epochs" <<'EOF'
import json, statistics, sys
path, date, cpu, cores, load, rounds, epochs = sys.argv[1:8]
runs = [json.loads(line) for line in open(path) if line.strip()]

def per_epoch(run):
    # The first epoch of every run is dropped, the rest averaged.
    return statistics.mean(run["epoch_seconds"][1:])

def median(impl, exercise, threads=1, key=None):
    values = [(run[key] if key else per_epoch(run)) for run in runs
              if run["impl"] == impl and run["exercise"] == exercise and run.get("threads", 1) == threads]
    return statistics.median(values) if values else None

def cell(value, digits=3):
    return "—" if value is None else f"{value:.{digits}f}"

def ratio(a, b):
    return "—" if a is None or b is None else f"{a / b:.2f}×"

print(f"Mlp vs course-style NumPy and PyTorch, seconds per training epoch (50,000 images, batch 50), median of {rounds} interleaved rounds")
print(f"{date}; {cpu}, {cores} cores; load average at the end {load}; each run {epochs} epochs, the first dropped")
print()
print("| | ex1 linear AE, SGD | ex2 ReLU/sigmoid AE, Adam |")
print("|---|---|---|")
rows = [("Mlp, 1 thread", "mlp", 1), ("Mlp, 2 threads", "mlp", 2), ("course-style NumPy (OpenBLAS), 1 thread", "numpy", 1),
        ("PyTorch, 1 thread", "torch", 1)]
table = {(impl, threads, ex): median(impl, ex, threads) for _, impl, threads in rows for ex in ("ex1", "ex2")}
for label, impl, threads in rows:
    print(f"| {label} | {cell(table[impl, threads, 'ex1'])} | {cell(table[impl, threads, 'ex2'])} |")
for label, (impl, threads), (base, base_threads) in [
        ("NumPy / Mlp (1 thread): Mlp is this much faster", ("numpy", 1), ("mlp", 1)),
        ("PyTorch / Mlp (1 thread)", ("torch", 1), ("mlp", 1)),
        ("Mlp 1 thread / Mlp 2 threads: speed-up of the second thread", ("mlp", 1), ("mlp", 2))]:
    print(f"| {label} | {ratio(table[impl, threads, 'ex1'], table[base, base_threads, 'ex1'])} | "
          f"{ratio(table[impl, threads, 'ex2'], table[base, base_threads, 'ex2'])} |")

wide1, wide2 = median("mlp", "wide", 1, "gflops"), median("mlp", "wide", 2, "gflops")
sgemm = median("openblas-sgemm", "sgemm2000", 1, "gflops")
if wide1 is not None:
    step = median("mlp", "wide", 1, "seconds_per_step")
    print()
    print("| wide model 784-1024-1024-10, batch 256, Adam: one training step | GFLOPS (matrix products / step time) |")
    print("|---|---|")
    print(f"| Mlp, 1 thread ({step * 1e3:.1f} ms per step) | {cell(wide1, 1)} |")
    print(f"| Mlp, 2 threads | {cell(wide2, 1)} |")
    print(f"| OpenBLAS sgemm 2000×2000, 1 thread (numpy a @ b) | {cell(sgemm, 1)} |")
    if sgemm:
        print(f"| Mlp 1 thread / OpenBLAS sgemm | {100 * wide1 / sgemm:.0f}% |")
EOF
