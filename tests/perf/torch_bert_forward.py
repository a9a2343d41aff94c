#!/usr/bin/env python3
"""PyTorch twin of `orderlens bench`'s bert_base_forward_* figures (Debian's python3-torch):

    /usr/bin/python3 tests/perf/torch_bert_forward.py [--threads N] [--json]

Without --threads PyTorch runs as it does by default on this machine (its own choice of intra-op
threads; on the 2-core machine of the README, one torch thread while OpenBLAS uses its own two):
that is its fastest configuration here. `--threads 2` makes torch's OpenMP workers and OpenBLAS's
threads compete for the same cores, PyTorch's slowest configuration; report it only as a labelled
extra.

The same BERT-base shape (12 layers, 768 wide, 12 heads, FFN 3072, 512 positions, vocabulary
21128, post-LN, exact GELU), random weights, eval mode, no autograd, every layer's attention
probabilities returned (as output_attentions=True does), modules assembled as HuggingFace's
BertModel (tests/bert/hf_bert.py). Medians over the same repetition counts as the C++ bench.

Debian's torch does its products through whatever libblas.so.3 the alternatives system points at.
With only the reference BLAS installed it is some 50 times slower than with OpenBLAS; scripts/deps.sh
installs libopenblas-dev (which OrderLens links too), so both sides run on OpenBLAS. The BLAS in
use is printed first.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bert"))
from hf_bert import BertModel  # noqa: E402

CONFIG = {"vocab_size": 21128, "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
          "intermediate_size": 3072, "max_position_embeddings": 512, "type_vocab_size": 2, "layer_norm_eps": 1e-12}
REPEATS = {8: 15, 32: 15, 128: 9, 512: 5}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads (default: torch's own)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(3)
    model = BertModel(CONFIG).eval()
    figures = {}
    blas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    if not args.json:
        print("# PyTorch %s, %d threads (%s), BLAS %s" % (torch.__version__, torch.get_num_threads(),
              "set by --threads" if args.threads > 0 else "its default", blas), flush=True)
    with torch.no_grad():
        for tokens, repeats in REPEATS.items():
            ids = torch.tensor([[5 + (t * 7) % (CONFIG["vocab_size"] - 5) for t in range(tokens)]])
            types = torch.zeros_like(ids)
            model(ids, types)  # warm-up
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                hidden, attentions = model(ids, types)
                times.append(1000 * (time.perf_counter() - start))
            figures["torch_bert_base_forward_%dtok" % tokens] = statistics.median(times)
            if not args.json:
                print("%-34s %10.3f ms" % ("torch_bert_base_forward_%dtok" % tokens, figures["torch_bert_base_forward_%dtok" % tokens]), flush=True)
    if args.json:
        print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                          "threads_chosen_by": "--threads" if args.threads > 0 else "torch's default", "blas": blas,
                          "figures": figures}, indent=2))


if __name__ == "__main__":
    main()
