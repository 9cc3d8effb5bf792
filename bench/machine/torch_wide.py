"""One training step of the 784-1024-1024-10 ReLU MLP at batch 256 with Adam and softmax cross-entropy, in PyTorch.

    python3 torch_wide.py --threads T [--steps 20] [--warmup 5] [--tag ROUND]

Idiomatic PyTorch (nn.Sequential, CrossEntropyLoss, torch.optim.Adam) on random inputs of MNIST's shape (the time
does not depend on the values). Prints one JSON line: the median step time and the GFLOPS of the step's matrix products
counted as Mlp counts them (2*m*n*k each: three forward products, three weight gradients, two input gradients).
"""
import argparse
import json
import os
import statistics
import time

p = argparse.ArgumentParser()
p.add_argument('--threads', type=int, required=True)
p.add_argument('--steps', type=int, default=20)
p.add_argument('--warmup', type=int, default=5)
p.add_argument('--tag', default='')
args = p.parse_args()
os.environ.setdefault('OMP_WAIT_POLICY', 'PASSIVE')
import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(1)
batch = 256
model = nn.Sequential(nn.Linear(784, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 10))
optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(batch, 784)
y = torch.randint(0, 10, (batch,))


def step():
    optimiser.zero_grad(set_to_none=False)
    loss = loss_fn(model(x), y)
    loss.backward()
    optimiser.step()


for _ in range(args.warmup):
    step()
times = []
for _ in range(args.steps):
    start = time.perf_counter()
    step()
    times.append(time.perf_counter() - start)
median = statistics.median(times)
macs = batch * (2 * (784 * 1024 + 1024 * 1024 + 1024 * 10) + 1024 * 1024 + 1024 * 10)
print(json.dumps({'impl': 'torch', 'exercise': 'wide', 'threads': torch.get_num_threads(), 'tag': args.tag,
                  'torch': torch.__version__, 'median_seconds_per_step': round(median, 6),
                  'gflops': round(2 * macs / median / 1e9, 1)}))
