#!/usr/bin/env python3
"""Writes the ONNX Runtime twin of `orderlens bench`'s bert_base_forward_* figures:

    /usr/bin/python3 tests/perf/onnx_bert_export.py OUT.onnx

The same BERT-base shape and module as tests/perf/torch_bert_forward.py (tests/bert/hf_bert.py,
random weights from the same seed), exported with torch.onnx (opset 14, the sequence length
dynamic), with the last hidden state and all 12 layers' attention probabilities as outputs, so
ONNX Runtime computes what OrderLens's forward with attention capture does. Run it with
tests/perf/ort_bert_forward.js.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bert"))
from hf_bert import BertModel  # noqa: E402
from torch_bert_forward import CONFIG  # noqa: E402


class Exported(torch.nn.Module):
    """BertModel returning (last hidden state, attention of layer 0, ..., attention of layer 11)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, token_type_ids):
        hidden, attentions = self.model(input_ids, token_type_ids)
        return (hidden[-1],) + tuple(attentions)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: onnx_bert_export.py OUT.onnx")
    torch.manual_seed(3)
    model = Exported(BertModel(CONFIG).eval())
    layers = CONFIG["num_hidden_layers"]
    ids = torch.tensor([[5 + (t * 7) % (CONFIG["vocab_size"] - 5) for t in range(8)]])
    outputs = ["hidden"] + ["attention_%d" % l for l in range(layers)]
    axes = {"input_ids": {1: "tokens"}, "token_type_ids": {1: "tokens"}, "hidden": {1: "tokens"}}
    axes.update({"attention_%d" % l: {2: "tokens", 3: "tokens"} for l in range(layers)})
    with torch.no_grad():
        torch.onnx.export(model, (ids, torch.zeros_like(ids)), sys.argv[1], opset_version=14,
                          input_names=["input_ids", "token_type_ids"], output_names=outputs, dynamic_axes=axes)
    print("# wrote %s (%.0f MiB)" % (sys.argv[1], os.path.getsize(sys.argv[1]) / 2**20))


if __name__ == "__main__":
    main()
