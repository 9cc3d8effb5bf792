#!/usr/bin/python3
"""Writes activations.json: PyTorch's outputs and input gradients for each activation layer, on fixed inputs.

Run with the interpreter that has PyTorch (1.13 here): /usr/bin/python3 make_fixtures.py, from this folder.
Tests read the JSON (PyTorch is never called from a test): tests/Mlp.Tests/Catalogue/TorchAgreementTests.cs
runs the same inputs through a generated model, Affine(9, 9) with identity weights then the activation, and
compares Forward's outputs and Backward's input gradients.

Each case is (batch 3, width 9) float32: fifteen fixed values spanning the ranges where the formulas switch
branches or saturate (±100, ±30, ±10, ±3, ±1, ±0.5, ±0.001, 0), then standard normals times 3; the upstream
gradients are standard normals. Each case seeds its own generator from its name, so adding a case leaves the
others' numbers as they were.
"""
import json
import zlib

import torch

BATCH, WIDTH = 3, 9
FIXED = [-100.0, -30.0, -10.0, -3.0, -1.0, -0.5, -0.001, 0.0, 0.001, 0.5, 1.0, 3.0, 10.0, 30.0, 100.0]

# (layer kind, PyTorch module, the module's argument name, the argument as the test model declares it)
CASES = [
    ("Relu", "torch.nn.ReLU", None, None),
    ("LeakyRelu", "torch.nn.LeakyReLU", "negative_slope", 0.1),
    ("Elu", "torch.nn.ELU", "alpha", 0.7),
    ("Sigmoid", "torch.nn.Sigmoid", None, None),
    ("Tanh", "torch.nn.Tanh", None, None),
    ("Softmax", "torch.nn.Softmax", None, None),
    ("Selu", "torch.nn.SELU", None, None),
    ("Softplus", "torch.nn.Softplus", None, None),
]


def module(name, argument_name, argument):
    cls = eval(name)  # a name from the table above
    kwargs = {"dim": -1} if cls is torch.nn.Softmax else {}
    if argument_name is not None:
        kwargs[argument_name] = argument
    return cls(**kwargs)


def floats(tensor):
    # float() of a float32 value is exact, and repr() of it is the shortest text that reads back as the same value.
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def case(kind, name, argument_name, argument):
    generator = torch.Generator().manual_seed(zlib.crc32(kind.encode()))
    count = BATCH * WIDTH
    x = torch.cat([torch.tensor(FIXED), 3 * torch.randn(count - len(FIXED), generator=generator)]).float()
    x = x.reshape(BATCH, WIDTH).requires_grad_(True)
    g = torch.randn(BATCH, WIDTH, generator=generator).float()
    y = module(name, argument_name, argument)(x)
    y.backward(g)
    return {
        "kind": kind,
        "module": name,
        "argumentName": argument_name,
        "argument": argument,
        "batch": BATCH,
        "width": WIDTH,
        "inputs": floats(x),
        "gradsWrtOutputs": floats(g),
        "outputs": floats(y),
        "gradsWrtInputs": floats(x.grad),
    }


fixture = {
    "torch": torch.__version__,
    "cases": [case(*c) for c in CASES],
}
# One field to a line: the arrays stay readable as rows of numbers and a regenerated file diffs by case.
lines = ["{", f'  "torch": {json.dumps(fixture["torch"])},', '  "cases": [']
for i, c in enumerate(fixture["cases"]):
    fields = [f'    {json.dumps(k)}: {json.dumps(v)}' for k, v in c.items()]
    lines.append("   {\n" + ",\n".join(fields) + "\n   }" + ("," if i < len(fixture["cases"]) - 1 else ""))
lines += ["  ]", "}"]
with open("activations.json", "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"activations.json: {len(fixture['cases'])} cases from torch {torch.__version__}")
