#!/usr/bin/env python3
"""PyTorch twin of `orderlens bench`'s qwen25_05b_forward_* figures (Debian's python3-torch):

    /usr/bin/python3 tests/perf/torch_decoder_forward.py [--threads N] [--dtype bfloat16|float32] [--json]

A Qwen2.5-0.5B-shaped decoder (24 layers, hidden 896, 14 heads / 2 KV heads, head_dim 64, FFN
4864, vocabulary 151936, tied embeddings, q/k/v biases, rope_theta 1e6) with random weights,
assembled as transformers' Qwen2ForCausalLM (tests/decoders/hf_decoders.py), eval mode, no
autograd, every layer's attention probabilities returned (output_attentions=True) and the
next-token logits of every position. --dtype picks the weights' and activations' dtype
(bfloat16 as the checkpoint ships; float32 for comparison): run both, the faster is PyTorch's
best. Medians over the same repetition counts as the C++ bench.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "decoders"))
from hf_decoders import build  # noqa: E402

CONFIG = {"model_type": "qwen2", "vocab_size": 151936, "hidden_size": 896, "intermediate_size": 4864,
          "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2,
          "max_position_embeddings": 32768, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0,
          "tie_word_embeddings": True, "hidden_act": "silu"}
REPEATS = {8: 9, 32: 7, 128: 5}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--dtype", choices=["bfloat16", "float32"], default="bfloat16")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(5)
    dtype = getattr(torch, args.dtype)
    model = build(CONFIG)
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0, 0.02)
    model = model.to(dtype)
    figures = {}
    if not args.json:
        print("# PyTorch %s, %d threads, %s weights" % (torch.__version__, torch.get_num_threads(), args.dtype), flush=True)
    with torch.no_grad():
        for tokens, repeats in REPEATS.items():
            ids = torch.tensor([[5 + (t * 7) % (CONFIG["vocab_size"] - 5) for t in range(tokens)]])
            model(ids)  # warm-up
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                out = model(ids)
                assert len(out["attentions"]) == CONFIG["num_hidden_layers"]
                times.append((time.perf_counter() - start) * 1000)
            figures["qwen25_05b_forward_%dtok" % tokens] = statistics.median(times)
            if not args.json:
                print("qwen25_05b_forward_%dtok  %10.1f ms" % (tokens, figures["qwen25_05b_forward_%dtok" % tokens]), flush=True)
    if args.json:
        print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "dtype": args.dtype,
                          "figures": figures}))


if __name__ == "__main__":
    main()
