#!/usr/bin/env bash
# Every figure of issue 10's measurement on a machine without a .NET SDK, in one interleaved run (about 5 minutes on
# 16 cores with the default 5 rounds): the published benchmark app (see bench/Mlp.Benchmarks/README.md) beside NumPy
# and PyTorch.
#
#   bench/machine/run.sh APP_DIR ANCHORS_DIR [--data DIR] [--rounds N] [--python PYTHON] [--threads N]
#
# APP_DIR       the folder `dotnet publish bench/Mlp.Benchmarks -c Release -p:MachinePublish=true -o bench-out` wrote
# ANCHORS_DIR   the folder holding numpy_ref.py (../shared/anchors)
# --data DIR    MNIST's four .gz files (default: $MLP_DATA_DIR, else data/mnist in this repository when it holds them,
#               else ANCHORS_DIR/../data/mnist)
# --rounds N    interleaved rounds (default 5); each figure is the median over the rounds
# --python P    the Python with NumPy and PyTorch (default: python3 on PATH)
# --threads N   "all threads" for every contender (default: the physical cores Mlp finds, `Mlp.Benchmarks info`)
#
# Measured, each at 1 thread and at all threads: the wide step (784-1024-1024-10, batch 256, Adam) in Mlp and in
# PyTorch, the step's matrix products in NumPy (OpenBLAS, its own kernel: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are
# unset for the Python commands alone, and the kernel it chose is printed), Mlp's batch-1,000 evaluation pass over the
# 50,000 training images (ex2's autoencoder and the wide model); and at 1 thread the notebook's ex1 and ex2 epochs in
# Mlp against the course-style NumPy reference. Raw JSON lines are kept in a file named at the end.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ $# -lt 2 ]; then sed -n '2,22p' "$0"; exit 2; fi
app=$(cd "$1" && pwd); anchors=$(cd "$2" && pwd); shift 2
rounds=5
python=python3
threads=
data=${MLP_DATA_DIR:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$data" ]; then
  if [ -f "$root/data/mnist/train-images-idx3-ubyte.gz" ]; then data=$root/data/mnist; else data=$anchors/../data/mnist; fi
fi
[ -f "$data/train-images-idx3-ubyte.gz" ] || { echo "run.sh: no MNIST in $data (pass --data DIR)" >&2; exit 2; }
data=$(cd "$data" && pwd)
bench="$app/Mlp.Benchmarks"
[ -x "$bench" ] || { echo "run.sh: $bench is not an executable (publish with -p:MachinePublish=true)" >&2; exit 2; }
[ -f "$anchors/numpy_ref.py" ] || { echo "run.sh: no numpy_ref.py in $anchors" >&2; exit 2; }
"$python" -c 'import numpy, torch' || { echo "run.sh: $python cannot import numpy and torch (pass --python)" >&2; exit 2; }

info=$("$bench" info)
all=${threads:-$(echo "$info" | "$python" -c 'import json, sys; print(json.load(sys.stdin)["default_threads"])')}
results=$(mktemp /tmp/mlp-machine-run.XXXXXX)
echo "Mlp: $info" >&2
echo "All threads = $all; $rounds rounds; raw results in $results" >&2

# The references get OpenBLAS's own kernel: the tuning variables some machines set are removed for them alone.
py=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python")
tag() { sed "s/^{/{\"round\":$round,/" >> "$results"; }
mlp_wide() { "$bench" epoch --exercise wide --threads "$1" --epochs 3 --warmup 1 --data-dir "$data" | tag; }
mlp_eval() { "$bench" eval --model ex2,wide --threads "$1" --repeats 3 --warmup 1 --data-dir "$data" | tag; }
mlp_epochs() { "$bench" epoch --exercise ex1,ex2 --threads 1 --epochs 3 --warmup 1 --data-dir "$data" | tag; }
torch_wide() { "${py[@]}" "$here/torch_wide.py" --threads "$1" | tag; }
numpy_products() { "${py[@]}" "$here/numpy_products.py" --threads "$1" | tag; }
numpy_epochs() {
  for exercise in ex1 ex2; do
    (cd "$anchors" && OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "${py[@]}" numpy_ref.py --exercise "$exercise" --epochs 4 \
      --threads 1 --data-dir "$data" 2>/dev/null) | tag
  done
}

started=$(date +%s)
for round in $(seq 1 "$rounds"); do
  echo "Round $round of $rounds ($(( $(date +%s) - started )) s so far)..." >&2
  # Alternate the order from round to round so that no contender always runs first or after the same one.
  steps=(mlp_wide:1 torch_wide:1 numpy_products:1 mlp_wide:$all torch_wide:$all numpy_products:$all
         mlp_eval:1 mlp_eval:$all mlp_epochs:1 numpy_epochs:1)
  if [ $((round % 2)) = 0 ]; then
    for ((i = ${#steps[@]} - 1; i >= 0; i--)); do "${steps[i]%%:*}" "${steps[i]##*:}"; done
  else
    for s in "${steps[@]}"; do "${s%%:*}" "${s##*:}"; done
  fi
done
elapsed=$(( $(date +%s) - started ))

"$python" - "$results" "$all" "$rounds" "$elapsed" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
  "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'EOF'
import json, statistics, sys
path, all_threads, rounds, elapsed, date, cpu, nproc, load = sys.argv[1:9]
all_threads = int(all_threads)
runs = [json.loads(line) for line in open(path) if line.strip()]

def pick(impl, exercise, threads, key):
    values = [r[key] for r in runs if r["impl"] == impl and r["exercise"] == exercise and r.get("threads", 1) == threads and key in r]
    return statistics.median(values) if values else None

def per_epoch(impl, exercise):
    # The first timed epoch of a reference run is dropped (cold caches), as bench/compare.sh does.
    values = [statistics.mean(r["epoch_seconds"][1:]) if impl == "numpy" else r["train_seconds_per_epoch"]
              for r in runs if r["impl"] == impl and r["exercise"] == exercise]
    return statistics.median(values) if values else None

def f(value, digits=1, scale=1.0):
    return "—" if value is None else f"{value * scale:.{digits}f}"

def ratio(a, b):
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}×"

cores = sorted({r.get("openblas_core", "") for r in runs if r["impl"] == "numpy-products"})
versions = sorted({f"NumPy {r['numpy']}" for r in runs if "numpy" in r} | {f"PyTorch {r['torch']}" for r in runs if "torch" in r})
print(f"{date}; {cpu}; {nproc} processors, all threads = {all_threads}; median of {rounds} interleaved rounds ({elapsed} s); load at the end {load}")
print(f"{', '.join(versions)}; OpenBLAS kernel: {', '.join(cores) or 'unknown'}")
print()
print("| wide step 784-1024-1024-10, batch 256, Adam | 1 thread: ms | GFLOPS | all threads: ms | GFLOPS | speed-up |")
print("|---|---|---|---|---|---|")
for label, impl in [("Mlp", "mlp"), ("PyTorch", "torch"), ("NumPy (OpenBLAS), the step's matrix products only", "numpy-products")]:
    key = "median_seconds_per_step"
    one, many = pick(impl, "wide", 1, key), pick(impl, "wide", all_threads, key)
    print(f"| {label} | {f(one, 2, 1e3)} | {f(pick(impl, 'wide', 1, 'gflops'))} | {f(many, 2, 1e3)} | "
          f"{f(pick(impl, 'wide', all_threads, 'gflops'))} | {ratio(one, many)} |")
mlp1, mlpn = pick("mlp", "wide", 1, "median_seconds_per_step"), pick("mlp", "wide", all_threads, "median_seconds_per_step")
t1, tn = pick("torch", "wide", 1, "median_seconds_per_step"), pick("torch", "wide", all_threads, "median_seconds_per_step")
print()
print(f"- Mlp / PyTorch speed, all threads: {ratio(tn, mlpn)} (goal ≥ 1.3×); 1 thread: {ratio(t1, mlp1)}")
print(f"- Mlp all threads / 1 thread: {ratio(mlp1, mlpn)} (goal ≥ 10× on 16 cores)")
print(f"- Mlp 1 thread GFLOPS / NumPy's products 1 thread: "
      f"{ratio(pick('mlp', 'wide', 1, 'gflops'), pick('numpy-products', 'wide', 1, 'gflops'))}")
print()
print("| evaluation pass, 50,000 training images, batch 1,000 | 1 thread: s | all threads: s | speed-up |")
print("|---|---|---|---|")
for model in ("ex2", "wide"):
    one, many = pick("mlp", f"eval-{model}", 1, "seconds"), pick("mlp", f"eval-{model}", all_threads, "seconds")
    print(f"| Mlp, {model} | {f(one, 3)} | {f(many, 3)} | {ratio(one, many)} |")
print()
print("| notebook epoch, 50,000 images, batch 50, 1 thread | ex1 s | ex2 s |")
print("|---|---|---|")
m1, m2, n1, n2 = per_epoch("mlp", "ex1"), per_epoch("mlp", "ex2"), per_epoch("numpy", "ex1"), per_epoch("numpy", "ex2")
print(f"| Mlp | {f(m1, 3)} | {f(m2, 3)} |")
print(f"| course-style NumPy (OpenBLAS) | {f(n1, 3)} | {f(n2, 3)} |")
print(f"| NumPy / Mlp | {ratio(n1, m1)} | {ratio(n2, m2)} |")
EOF
echo "Raw results: $results" >&2
