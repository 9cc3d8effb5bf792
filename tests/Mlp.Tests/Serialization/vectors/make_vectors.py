#!/usr/bin/env python3
"""Writes the safetensors test vectors byte by byte from the format's specification.

Uses only the standard library (struct); no safetensors, json or numpy, so the files do not depend on any
implementation of the format. Run from this folder: python3 make_vectors.py

The layout, per the specification (https://github.com/huggingface/safetensors, README "Format"):
  8 bytes      N, the header length, unsigned 64-bit little-endian
  N bytes      the header: UTF-8 JSON {"name": {"dtype": ..., "shape": [...], "data_offsets": [begin, end]}, ...}
               with an optional "__metadata__" object of string -> string; the reference writer emits it
               compactly (no whitespace), "__metadata__" first, tensors sorted by name (after dtype alignment,
               moot here: all F32), and pads it with spaces (0x20) to a multiple of 8 bytes
  rest         the tensors' data, little-endian, row-major, offsets relative to the start of this buffer
"""
import struct


def f32(values):
    """Little-endian float32 bytes; every value here is exactly representable."""
    return b"".join(struct.pack("<f", v) for v in values)


def write(path, header, data):
    raw = header.encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)  # pad to an 8-byte boundary, as the reference does
    blob = struct.pack("<Q", len(raw)) + raw + data
    with open(path, "wb") as f:
        f.write(blob)
    print(f"{path}: header {len(raw)} bytes (padded), data {len(data)} bytes, file {len(blob)} bytes")


# 1. What safetensors.torch.save_file(seq.state_dict(), path, metadata={"format": "pt"}) writes for
#    seq = nn.Sequential(nn.Linear(5, 3), nn.ReLU(), nn.Linear(3, 2)) holding the values below.
#    Names sort as 0.bias < 0.weight < 2.bias < 2.weight, and the data follows that order.
bias0 = [0.5, -0.25, 1.5]                              # (3,)
weight0 = [0.125 * i - 1.0 for i in range(15)]          # (3, 5), row-major: -1, -0.875, ..., 0.75
bias2 = [-2.0, 3.75]                                   # (2,)
weight2 = [1.0, -1.0, 0.5, -0.5, 2.0, 0.0625]          # (2, 3)
write(
    "sequential_linear5x3_relu_linear3x2.safetensors",
    '{"__metadata__":{"format":"pt"},'
    '"0.bias":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},'
    '"0.weight":{"dtype":"F32","shape":[3,5],"data_offsets":[12,72]},'
    '"2.bias":{"dtype":"F32","shape":[2],"data_offsets":[72,80]},'
    '"2.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[80,104]}}',
    f32(bias0) + f32(weight0) + f32(bias2) + f32(weight2),
)

# 2. One Affine(3, 2) layer under Mlp's own parameter names, with no "__metadata__" (it is optional).
#    Names sort as layer0.biases < layer0.weights.
biases = [0.25, -4.0]                                   # (2,)
weights = [1.0, 2.0, -3.0, 0.375, -0.0625, 1024.0]      # (2, 3)
write(
    "affine3x2_parameter_names_no_metadata.safetensors",
    '{"layer0.biases":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},'
    '"layer0.weights":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]}}',
    f32(biases) + f32(weights),
)
