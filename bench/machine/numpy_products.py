"""The matrix products of one training step of the 784-1024-1024-10 MLP at batch 256, timed in NumPy (OpenBLAS).

    python3 numpy_products.py --threads T [--repeats 15] [--tag ROUND]

Prints one JSON line: the median time of the step's eight products (three forward, three weight gradients, two input
gradients; the five with a 1,024 dimension hold 99% of the flops), their GFLOPS counted as Mlp counts them
(2*m*n*k each), and the kernel OpenBLAS chose (openblas_get_corename). The thread count must reach OpenBLAS before
NumPy loads it, so this script sets OPENBLAS_NUM_THREADS itself; run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
unset (env -u ...) so that OpenBLAS picks its own kernel for the CPU.
"""
import argparse
import ctypes
import json
import os
import statistics
import sys
import time

p = argparse.ArgumentParser()
p.add_argument('--threads', type=int, required=True)
p.add_argument('--repeats', type=int, default=15)
p.add_argument('--tag', default='')
args = p.parse_args()
os.environ['OPENBLAS_NUM_THREADS'] = str(args.threads)
os.environ['OMP_NUM_THREADS'] = str(args.threads)
import numpy as np  # noqa: E402  (after the thread count is set)


def corename():
    # Debian's libopenblas exports openblas_get_corename; NumPy 2's wheels bundle scipy-openblas, whose symbols carry a
    # prefix and, in the 64-bit-integer build, a suffix. Try each loaded OpenBLAS under each spelling.
    names = ('openblas_get_corename', 'scipy_openblas_get_corename64_', 'scipy_openblas_get_corename',
             'openblas_get_corename64_')
    libs = sorted({l for l in open('/proc/self/maps').read().split() if 'openblas' in l})
    for lib in libs:
        try:
            handle = ctypes.CDLL(lib)
        except OSError:
            continue
        for name in names:
            f = getattr(handle, name, None)
            if f is not None:
                f.restype = ctypes.c_char_p
                return f().decode()
    return 'unknown'


batch, sizes = 256, [784, 1024, 1024, 10]
rng = np.random.default_rng(1)
f32 = np.float32
x = rng.random((batch, sizes[0]), dtype=f32)
w = [rng.standard_normal((sizes[i + 1], sizes[i]), dtype=f32) * f32(0.03) for i in range(3)]
h1 = rng.random((batch, sizes[1]), dtype=f32)
h2 = rng.random((batch, sizes[2]), dtype=f32)
d3 = rng.random((batch, sizes[3]), dtype=f32)
d2 = rng.random((batch, sizes[2]), dtype=f32)
d1 = rng.random((batch, sizes[1]), dtype=f32)


def step():
    # Forward: X·W1ᵀ, H1·W2ᵀ, H2·W3ᵀ. Backward: dW3 = D3ᵀ·H2, dH2 = D3·W3, dW2 = D2ᵀ·H1, dH1 = D2·W2, dW1 = D1ᵀ·X.
    x @ w[0].T
    h1 @ w[1].T
    h2 @ w[2].T
    d3.T @ h2
    d3 @ w[2]
    d2.T @ h1
    d2 @ w[1]
    d1.T @ x


macs = batch * (2 * (784 * 1024 + 1024 * 1024 + 1024 * 10) + 1024 * 1024 + 1024 * 10)
for _ in range(3):
    step()
times = []
for _ in range(args.repeats):
    start = time.perf_counter()
    step()
    times.append(time.perf_counter() - start)
median = statistics.median(times)
print(json.dumps({'impl': 'numpy-products', 'exercise': 'wide', 'threads': args.threads, 'tag': args.tag,
                  'numpy': np.__version__, 'openblas_core': corename(),
                  'median_seconds_per_step': round(median, 6), 'gflops': round(2 * macs / median / 1e9, 1)}))
sys.stdout.flush()
