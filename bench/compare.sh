#!/usr/bin/env bash
# Side-by-side speed of the course notebook's training epochs: Mlp (one thread and all threads) against the
# course-style NumPy and PyTorch reference scripts ("anchors", PyTorch on one thread and on all), and a wide model's
# training step (784-1024-1024-10, batch 256, Adam) in Mlp and PyTorch, one thread and all, against NumPy's products of
# the same step and OpenBLAS's large-sgemm rate. NumPy and PyTorch run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
# unset (for their commands alone), so OpenBLAS picks its own kernel for the CPU; the kernel it chose is printed.
# "All threads" is Mlp's default kernel thread count (the physical cores). Every contender runs in the same session,
# interleaved, several rounds; the table shows medians and ratios.
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
all=$("${bench[@]}" info | sed -n 's/.*"default_threads":\([0-9]*\).*/\1/p')

# OpenBLAS tuning variables set for other work on the machine would skew the references: unset them for them only.
pyenv=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
have() { [ -x "$python" ] && [ -f "$anchors/$2" ] && "${pyenv[@]}" "$python" -c "import $1" >/dev/null 2>&1; }
have_numpy=0; have numpy numpy_ref.py && have_numpy=1
have_torch=0; have torch torch_ref.py && have_torch=1
[ $have_numpy = 1 ] || echo "NumPy reference skipped: needs /usr/bin/python3 with numpy (apt-get install python3-numpy) and $anchors/numpy_ref.py" >&2
[ $have_torch = 1 ] || echo "PyTorch reference skipped: needs /usr/bin/python3 with torch (apt-get install python3-torch) and $anchors/torch_ref.py" >&2

# Each contender appends one JSON line per run to $results, tagged with the round.
ours() { "${bench[@]}" epoch --exercise "$1" --threads "$2" --epochs "$epochs" --warmup 0 --data-dir "$data" | sed "s/^{/{\"round\":$round,/" >> "$results"; }
anchor() { (cd "$anchors" && "${pyenv[@]}" "$python" "$1" --exercise "$2" --epochs "$epochs" --threads "$3" --data-dir "$data" 2>/dev/null) | sed "s/^{/{\"round\":$round,/" >> "$results"; }
machine() { "${pyenv[@]}" "$python" "$root/bench/machine/$1" --threads "$2" | sed "s/^{/{\"round\":$round,/" >> "$results"; }
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
  if [ $((round % 2)) = 1 ]; then order="ours1 numpy torch1 oursN torchN"; else order="torchN oursN torch1 numpy ours1"; fi
  for exercise in ex1 ex2; do
    for contender in $order; do
      case $contender in
        ours1) ours "$exercise" 1 ;;
        oursN) ours "$exercise" "$all" ;;
        numpy) [ $have_numpy = 0 ] || anchor numpy_ref.py "$exercise" 1 ;;
        torch1) [ $have_torch = 0 ] || anchor torch_ref.py "$exercise" 1 ;;
        torchN) [ $have_torch = 0 ] || anchor torch_ref.py "$exercise" "$all" ;;
      esac
    done
  done
  if [ $wide = 1 ]; then
    ours wide 1
    [ $have_numpy = 0 ] || { sgemm; machine numpy_products.py 1; machine numpy_products.py "$all"; }
    [ $have_torch = 0 ] || { machine torch_wide.py 1; machine torch_wide.py "$all"; }
    ours wide "$all"
  fi
done

if [ ! -x "$python" ]; then
  echo "No $python to tabulate the results; the raw runs:" >&2
  cat "$results"
  exit 0
fi
"$python" - "$results" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$rounds" "$epochs" "$all" <<'EOF'
import json, statistics, sys
path, date, cpu, cores, load, rounds, epochs, all_threads = sys.argv[1:9]
all_threads = int(all_threads)
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

cores_chosen = sorted({run["openblas_core"] for run in runs if "openblas_core" in run})
print(f"Mlp vs course-style NumPy and PyTorch, seconds per training epoch (50,000 images, batch 50), median of {rounds} interleaved rounds")
print(f"{date}; {cpu}, {cores} processors, all threads = {all_threads}; load average at the end {load}; each run {epochs} epochs, the first dropped")
print(f"OpenBLAS kernel (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for NumPy and PyTorch): {', '.join(cores_chosen) or 'not measured'}")
print()
print("| | ex1 linear AE, SGD | ex2 ReLU/sigmoid AE, Adam |")
print("|---|---|---|")
rows = [("Mlp, 1 thread", "mlp", 1), (f"Mlp, {all_threads} threads", "mlp", all_threads),
        ("course-style NumPy (OpenBLAS), 1 thread", "numpy", 1),
        ("PyTorch, 1 thread", "torch", 1), (f"PyTorch, {all_threads} threads", "torch", all_threads)]
table = {(impl, threads, ex): median(impl, ex, threads) for _, impl, threads in rows for ex in ("ex1", "ex2")}
for label, impl, threads in rows:
    print(f"| {label} | {cell(table[impl, threads, 'ex1'])} | {cell(table[impl, threads, 'ex2'])} |")
for label, (impl, threads), (base, base_threads) in [
        ("NumPy / Mlp (1 thread): Mlp is this much faster", ("numpy", 1), ("mlp", 1)),
        ("PyTorch / Mlp (1 thread)", ("torch", 1), ("mlp", 1)),
        (f"PyTorch / Mlp ({all_threads} threads)", ("torch", all_threads), ("mlp", all_threads)),
        (f"Mlp 1 thread / Mlp {all_threads} threads: speed-up", ("mlp", 1), ("mlp", all_threads))]:
    print(f"| {label} | {ratio(table[impl, threads, 'ex1'], table[base, base_threads, 'ex1'])} | "
          f"{ratio(table[impl, threads, 'ex2'], table[base, base_threads, 'ex2'])} |")

if median("mlp", "wide", 1, "gflops") is not None:
    print()
    print("| wide model 784-1024-1024-10, batch 256, Adam: one training step | ms per step | GFLOPS (matrix products / step time) |")
    print("|---|---|---|")
    entries = [("Mlp, 1 thread", "mlp", 1, "seconds_per_step"), (f"Mlp, {all_threads} threads", "mlp", all_threads, "seconds_per_step"),
               ("PyTorch, 1 thread", "torch", 1, "median_seconds_per_step"),
               (f"PyTorch, {all_threads} threads", "torch", all_threads, "median_seconds_per_step"),
               ("NumPy, the step's matrix products alone, 1 thread", "numpy-products", 1, "median_seconds_per_step"),
               (f"NumPy, the step's matrix products alone, {all_threads} threads", "numpy-products", all_threads, "median_seconds_per_step")]
    for label, impl, threads, key in entries:
        step = median(impl, "wide", threads, key)
        print(f"| {label} | {cell(None if step is None else step * 1e3, 2)} | {cell(median(impl, 'wide', threads, 'gflops'), 1)} |")
    sgemm = median("openblas-sgemm", "sgemm2000", 1, "gflops")
    print(f"| OpenBLAS sgemm 2000×2000, 1 thread (numpy a @ b) | — | {cell(sgemm, 1)} |")
    wide1, wideN = median("mlp", "wide", 1, "gflops"), median("mlp", "wide", all_threads, "gflops")
    torchN = median("torch", "wide", all_threads, "gflops")
    print()
    print(f"- Mlp {all_threads} threads / 1 thread: {ratio(wideN, wide1)}; Mlp / PyTorch at {all_threads} threads: {ratio(wideN, torchN)}")
    if sgemm:
        print(f"- Mlp 1 thread / OpenBLAS sgemm: {100 * wide1 / sgemm:.0f}%")
EOF
