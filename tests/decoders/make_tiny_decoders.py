#!/usr/bin/env python3
"""Writes the tiny decoder fixtures of tests/fixtures/tiny_decoders/ (run with Debian's python3-torch):

    /usr/bin/python3 tests/decoders/make_tiny_decoders.py tests/fixtures/tiny_decoders

Two-layer GPT-2, LLaMA, Qwen2 and Qwen3 models with random weights (seeded), built from torch.nn
modules assembled as HuggingFace's (hf_decoders.py) and saved as HuggingFace folders,
<out>/<variant>/config.json + model.safetensors (or shards + model.safetensors.index.json).
Their vocabularies have the real models' sizes, so that each pairs with a real tokenizer of
build/tokenizers/ (see TOKENIZER below; scripts/fetch-tokenizers.sh fills that folder). See
tests/fixtures/tiny_decoders/README.md for what each variant tests.

Beside the folders, <out>/reference_<variant>.safetensors holds, for each input i of
"__metadata__"["inputs"] (a JSON list of {"ids", "text", "add_special_tokens"|"random"}):
    case<i>.hidden.<l>     (T, d) F32   l = 0: embedding output (GPT-2: wte + wpe); l = 1..L: the
                                        residual stream after layer l (before the final norm)
    case<i>.final_norm     (T, d) F32   after ln_f / model.norm
    case<i>.attention.<l>  (H*T, T) F32 layer l+1's attention probabilities, row h*T + q = head h,
                                        query q (l = 0..L-1, as in tiny_bert)
    case<i>.logit_ids      (K,) I64     ascending: the top-8 ids of every position and 16 fixed ids
    case<i>.logits         (T, K) F32   logits of those ids (column j = id logit_ids[j])
    case<i>.top5_ids       (T, 5) I64   the five most probable next tokens, most probable first
    case<i>.top5_probs     (T, 5) F32   their softmax probabilities (over the whole vocabulary)
    case<i>.inv_freq       (rope_dim/2,) F32  LLaMA family: the RoPE inverse frequencies the case used
The reference runs in float64 on the weights exactly as stored (rounded to the variant's dtype),
so a float32 forward is compared with the exact result of the very weights it reads.
"""
import json
import os
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hf_decoders  # noqa: E402

# ------------------------------------------------------------------------------------- configs


def gpt2_config(n_embd, dtype):
    return {
        "activation_function": "gelu_new",
        "architectures": ["GPT2LMHeadModel"],
        "attn_pdrop": 0.1,
        "bos_token_id": 50256,
        "embd_pdrop": 0.1,
        "eos_token_id": 50256,
        "initializer_range": 0.02,
        "layer_norm_epsilon": 1e-05,
        "model_type": "gpt2",
        "n_ctx": 32,
        "n_embd": n_embd,
        "n_head": 4,
        "n_inner": None,
        "n_layer": 2,
        "n_positions": 32,
        "resid_pdrop": 0.1,
        "scale_attn_weights": True,
        "summary_activation": None,
        "summary_first_dropout": 0.1,
        "summary_proj_to_labels": True,
        "summary_type": "cls_index",
        "summary_use_proj": True,
        "torch_dtype": dtype,
        "use_cache": True,
        "vocab_size": 50257,
    }


def llama_config(hidden, intermediate, kv_heads, max_pos, dtype, tie, rope_theta=10000.0, rope_scaling=None,
                 head_dim=None, vocab=32000, bos=1, eos=2):
    c = {
        "architectures": ["LlamaForCausalLM"],
        "attention_bias": False,
        "attention_dropout": 0.0,
        "bos_token_id": bos,
        "eos_token_id": eos,
        "hidden_act": "silu",
        "hidden_size": hidden,
        "initializer_range": 0.02,
        "intermediate_size": intermediate,
        "max_position_embeddings": max_pos,
        "mlp_bias": False,
        "model_type": "llama",
        "num_attention_heads": 4,
        "num_hidden_layers": 2,
        "num_key_value_heads": kv_heads,
        "pretraining_tp": 1,
        "rms_norm_eps": 1e-05,
        "rope_scaling": rope_scaling,
        "rope_theta": rope_theta,
        "tie_word_embeddings": tie,
        "torch_dtype": dtype,
        "use_cache": True,
        "vocab_size": vocab,
    }
    if head_dim is not None:
        c["head_dim"] = head_dim
    return c


def qwen2_config():
    return {
        "architectures": ["Qwen2ForCausalLM"],
        "attention_dropout": 0.0,
        "bos_token_id": 151643,
        "eos_token_id": 151643,
        "hidden_act": "silu",
        "hidden_size": 16,
        "initializer_range": 0.02,
        "intermediate_size": 44,
        "max_position_embeddings": 32,
        "max_window_layers": 2,
        "model_type": "qwen2",
        "num_attention_heads": 4,
        "num_hidden_layers": 2,
        "num_key_value_heads": 2,
        "rms_norm_eps": 1e-06,
        "rope_scaling": None,
        "rope_theta": 1000000.0,
        "sliding_window": 32,
        "tie_word_embeddings": True,
        "torch_dtype": "bfloat16",
        "use_cache": True,
        "use_sliding_window": False,
        "vocab_size": 151936,
    }


def qwen3_config():
    return {
        "architectures": ["Qwen3ForCausalLM"],
        "attention_bias": False,
        "attention_dropout": 0.0,
        "bos_token_id": 151643,
        "eos_token_id": 151645,
        "head_dim": 16,
        "hidden_act": "silu",
        "hidden_size": 8,
        "initializer_range": 0.02,
        "intermediate_size": 24,
        "max_position_embeddings": 32,
        "max_window_layers": 2,
        "model_type": "qwen3",
        "num_attention_heads": 4,
        "num_hidden_layers": 2,
        "num_key_value_heads": 2,
        "rms_norm_eps": 1e-06,
        "rope_scaling": None,
        "rope_theta": 1000000.0,
        "sliding_window": None,
        "tie_word_embeddings": True,
        "torch_dtype": "bfloat16",
        "use_cache": True,
        "use_sliding_window": False,
        "vocab_size": 151936,
    }


# Each variant: config, storage dtype, checkpoint layout, the tokenizer folder of build/tokenizers/
# it pairs with, the length of its random-ids case.
VARIANTS = {
    "gpt2_prefixed": dict(config=gpt2_config(8, "float32"), dtype="F32", layout="gpt2_prefixed",
                          tokenizer="gpt2", random_len=32),
    "gpt2_legacy": dict(config=gpt2_config(16, "float16"), dtype="F16", layout="gpt2_legacy",
                        tokenizer="gpt2", random_len=32),
    "llama_gqa": dict(config=llama_config(8, 20, 2, 32, "float32", tie=False, head_dim=8),
                      dtype="F32", layout="single", tokenizer="llama2", random_len=32),
    # head_dim 16 and theta 500: wavelengths 2 pi 500^(i/8) = 6.3, 13.7 (kept), 29.7, 64.6 (smoothed),
    # 140, 306, 665, 1446 (divided by 8) against 100/4 = 25 and 100/1 = 100.
    "llama3_scaled": dict(config=llama_config(8, 20, 2, 800, "bfloat16", tie=True, head_dim=16, rope_theta=500.0,
                                              rope_scaling={"factor": 8.0, "high_freq_factor": 4.0,
                                                            "low_freq_factor": 1.0,
                                                            "original_max_position_embeddings": 100,
                                                            "rope_type": "llama3"},
                                              vocab=128256, bos=128000, eos=128001),
                          dtype="BF16", layout="sharded", tokenizer="llama3", random_len=32),
    # max_position_embeddings = factor * original_max_position_embeddings, so every transformers
    # version agrees on the factor; ramp over dimensions [0, 3): extrapolation weights 1, 2/3, 1/3, 0...
    "llama_yarn": dict(config=llama_config(8, 20, 2, 256, "float32", tie=True, head_dim=16,
                                           rope_scaling={"factor": 4.0, "original_max_position_embeddings": 64,
                                                         "rope_type": "yarn"}),
                       dtype="F32", layout="single", tokenizer="llama2", random_len=32),
    "llama_linear": dict(config=llama_config(16, 44, 4, 32, "float16", tie=True,
                                             rope_scaling={"factor": 2.0, "rope_type": "linear"}),
                         dtype="F16", layout="single", tokenizer="llama2", random_len=32),
    # max_position_embeddings 16: cases 0 and 1 (6 and 13 tokens) keep the base, case 2 (40 random
    # ids) runs with base 10000 * (2 * 40 / 16 - 1) ** (16 / 14).
    "llama_dynamic": dict(config=llama_config(8, 20, 2, 16, "float32", tie=True, head_dim=16,
                                              rope_scaling={"factor": 2.0, "rope_type": "dynamic"}),
                          dtype="F32", layout="single", tokenizer="llama2", random_len=40),
    "qwen2_bf16": dict(config=qwen2_config(), dtype="BF16", layout="single", tokenizer="qwen3", random_len=32),
    "qwen3": dict(config=qwen3_config(), dtype="BF16", layout="single", tokenizer="qwen3", random_len=32),
}

TORCH_DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}

# Texts of tests/fixtures/tokenizer_corpus.json and the ids HuggingFace's tokenizers (npm 0.23.2)
# gives for them with the tokenizer files of build/tokenizers/<name>/, special tokens added as the
# tokenizer adds them (tests/fixtures/tokenizer_reference/<name>.json, "ids_with_special_tokens";
# check_tiny_decoders.py compares). The llama2 tokenizer adds <s> = 1; the others add nothing.
TEXTS = {
    "gpt2": [
        ("The cat chases the mouse.", [464, 3797, 442, 1386, 262, 10211, 13]),
        ("A Transformer adds a position vector to each word vector.",
         [32, 3602, 16354, 6673, 257, 2292, 15879, 284, 1123, 1573, 15879, 13]),
    ],
    "llama2": [
        ("猫追老鼠", [1, 28705, 31664, 30346, 30209, 31106]),
        ("A Transformer adds a position vector to each word vector.",
         [1, 330, 4335, 20700, 13633, 264, 2840, 7206, 298, 1430, 1707, 7206, 28723]),
    ],
    "llama3": [
        ("The cat chases the mouse.", [791, 8415, 523, 2315, 279, 8814, 13]),
        ("小猫在院子里追一只灰色的老鼠。",
         [31809, 108429, 19000, 94923, 45829, 70349, 104862, 15120, 92780, 118954, 118458, 92877, 124142, 1811]),
    ],
    "qwen3": [
        ("The cat chases the mouse.", [785, 8251, 521, 2264, 279, 8644, 13]),
        ("小猫在院子里追一只灰色的老鼠。",
         [30709, 100472, 18493, 118184, 99626, 102292, 109288, 105759, 101547, 1773]),
    ],
}
# Random ids are drawn from the tokenizer's ordinary tokens (no special or padding ids).
RANDOM_RANGE = {"gpt2": (0, 50256), "llama2": (3, 32000), "llama3": (0, 128000), "qwen3": (0, 151643)}

TOP_K = 8
FIXED_IDS = 16


def make_inputs(name, spec):
    tok = spec["tokenizer"]
    inputs = [{"ids": ids, "text": text, "add_special_tokens": True} for text, ids in TEXTS[tok]]
    g = torch.Generator().manual_seed(1000 + sorted(VARIANTS).index(name))
    lo, hi = RANDOM_RANGE[tok]
    inputs.append({"ids": torch.randint(lo, hi, (spec["random_len"],), generator=g).tolist(), "text": "",
                   "random": True})
    return inputs


# ------------------------------------------------------------------------------------- weights


def random_state(model, seed):
    """Weights with enough spread that attention is far from uniform (HF's 0.02 init is too flat);
    norm gains near 1."""
    g = torch.Generator().manual_seed(seed)
    state = {}
    for name, t in model.state_dict().items():
        if name == "lm_head.weight" and hf_decoders.tied(model.config):
            continue
        module = name.rsplit(".", 1)[0].rsplit(".", 1)[-1]  # "ln_1", "input_layernorm", "q_norm", "c_attn"...
        is_norm = module.startswith("ln_") or module.endswith("norm")
        if is_norm and name.endswith(".weight"):
            state[name] = 1.0 + 0.2 * torch.randn(t.shape, generator=g)
        elif name.endswith(".bias"):  # LayerNorm shifts 0.1, projection biases 0.2
            state[name] = (0.1 if is_norm else 0.2) * torch.randn(t.shape, generator=g)
        elif name.endswith("wpe.weight"):
            state[name] = 0.5 * torch.randn(t.shape, generator=g)
        elif name.endswith("wte.weight") or name.endswith("embed_tokens.weight") or name == "lm_head.weight":
            state[name] = torch.randn(t.shape, generator=g)
        elif ".attn.c_" in name or ".mlp.c_" in name:  # GPT-2 Conv1D (in, out)
            state[name] = 1.5 * torch.randn(t.shape, generator=g) / t.shape[0] ** 0.5
        else:  # nn.Linear (out, in)
            state[name] = 1.5 * torch.randn(t.shape, generator=g) / t.shape[1] ** 0.5
    return state


def load_state(model, state):
    """Loads a checkpoint's weights (lm_head.weight may be absent when tied)."""
    missing, unexpected = model.load_state_dict(state, strict=False)
    allowed = {"lm_head.weight"} if hf_decoders.tied(model.config) else set()
    assert set(missing) <= allowed and not unexpected, (missing, unexpected)


# --------------------------------------------------------------------------------- safetensors

SAFETENSORS_DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64",
                      torch.bool: "BOOL", torch.uint8: "U8"}


def tensor_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().tobytes()
    return t.numpy().tobytes()


def write_safetensors(path, tensors, metadata=None):
    """tensors: dict name -> tensor (its dtype is the stored one). Header with "__metadata__" first and
    the names in ascending order, data in the same order, little-endian, row-major, header padded
    with spaces to a multiple of 8 bytes (as the safetensors library writes)."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        t = tensors[name]
        blob = tensor_bytes(t)
        header[name] = {"dtype": SAFETENSORS_DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    return offset


NUMPY_DTYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32,
                "U8": np.uint8, "BOOL": np.bool_}


def read_safetensors(path):
    """Our own reader: (dict name -> torch tensor in the stored dtype, metadata dict)."""
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n].decode())
    metadata = header.pop("__metadata__", {})
    body = data[8 + n:]
    out, end = {}, 0
    for name, info in header.items():
        a, b = info["data_offsets"]
        end = max(end, b)
        raw = body[a:b]
        if info["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            t = torch.from_numpy(bits.view(np.float32).copy()).to(torch.bfloat16)
        else:
            t = torch.from_numpy(np.frombuffer(raw, dtype=np.dtype(NUMPY_DTYPES[info["dtype"]]).newbyteorder("<")).copy())
        out[name] = t.reshape(info["shape"])
    assert end == len(body), (path, end, len(body))
    return out, metadata


def read_checkpoint(folder):
    """All tensors of a HuggingFace folder: model.safetensors, or the shards of model.safetensors.index.json."""
    index = os.path.join(folder, "model.safetensors.index.json")
    if not os.path.exists(index):
        return read_safetensors(os.path.join(folder, "model.safetensors"))[0]
    with open(index) as f:
        weight_map = json.load(f)["weight_map"]
    out = {}
    for shard in sorted(set(weight_map.values())):
        tensors, _ = read_safetensors(os.path.join(folder, shard))
        for name, t in tensors.items():
            assert weight_map[name] == shard, name
            out[name] = t
    assert set(out) == set(weight_map)
    return out


def weights_of_checkpoint(tensors, c):
    """Checkpoint tensors -> the module's state_dict keys (drops GPT-2's mask buffers, adds the prefix)."""
    state = {}
    for name, t in tensors.items():
        if name.endswith(".attn.bias") or name.endswith(".attn.masked_bias"):
            continue
        if c["model_type"] == "gpt2" and not name.startswith("transformer.") and name != "lm_head.weight":
            name = "transformer." + name
        state[name] = t
    return state


# ------------------------------------------------------------------------------------- writing


def checkpoint_tensors(state, spec):
    """The tensors as the variant's checkpoint stores them."""
    c, dtype = spec["config"], TORCH_DTYPES[spec["dtype"]]
    out = {name: t.to(dtype) for name, t in state.items()}
    if spec["layout"] in ("gpt2_prefixed", "gpt2_legacy"):
        n = c["n_positions"]
        tril = torch.tril(torch.ones(n, n, dtype=torch.bool)).view(1, 1, n, n)
        for layer in range(c["n_layer"]):
            prefix = "transformer.h.%d.attn." % layer
            if spec["layout"] == "gpt2_prefixed":  # transformers 4.2x: BOOL mask buffer, persistent
                out[prefix + "bias"] = tril.clone()
            else:  # the original conversion: float32 buffers, even beside float16 weights
                out[prefix + "bias"] = tril.to(torch.float32)
            out[prefix + "masked_bias"] = torch.tensor(-1e4, dtype=torch.float32)
        if spec["layout"] == "gpt2_legacy":  # GPT2Model keys: no "transformer." prefix
            out = {name[len("transformer."):]: t for name, t in out.items()}
    return out


def write_checkpoint(folder, tensors, spec):
    if spec["layout"] != "sharded":
        write_safetensors(os.path.join(folder, "model.safetensors"), tensors, {"format": "pt"})
        return ["model.safetensors"]
    # Two shards split inside layer 1 (HuggingFace splits by size at tensor granularity, in
    # state_dict order): the embedding, layer 0 and layer 1's attention half in the first.
    def first(name):
        return (name.startswith("model.embed_tokens.") or name.startswith("model.layers.0.")
                or name.startswith("model.layers.1.self_attn.") or name.startswith("model.layers.1.input_layernorm."))
    files = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]
    parts = [{k: v for k, v in tensors.items() if first(k)}, {k: v for k, v in tensors.items() if not first(k)}]
    total = 0
    for file, part in zip(files, parts):
        total += write_safetensors(os.path.join(folder, file), part, {"format": "pt"})
    weight_map = {name: files[0] if first(name) else files[1] for name in sorted(tensors)}
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2)
        f.write("\n")
    return files + ["model.safetensors.index.json"]


def fixed_ids(vocab):
    return sorted(set(np.linspace(0, vocab - 1, FIXED_IDS).round().astype(np.int64).tolist()))


def reference_tensors(model64, inputs, c):
    vocab = c["vocab_size"]
    tensors = {}
    with torch.no_grad():
        for i, case in enumerate(inputs):
            out = model64(torch.tensor([case["ids"]]))
            for l, h in enumerate(out["hidden"]):
                tensors["case%d.hidden.%d" % (i, l)] = h[0].float()
            tensors["case%d.final_norm" % i] = out["final_norm"][0].float()
            for l, a in enumerate(out["attentions"]):
                heads, t, _ = a[0].shape
                tensors["case%d.attention.%d" % (i, l)] = a[0].reshape(heads * t, t).float()
            logits = out["logits"][0]  # (T, vocab) float64
            top = torch.topk(logits, TOP_K, dim=-1).indices
            ids = sorted(set(top.flatten().tolist()) | set(fixed_ids(vocab)))
            ids_t = torch.tensor(ids, dtype=torch.int64)
            tensors["case%d.logit_ids" % i] = ids_t
            tensors["case%d.logits" % i] = logits[:, ids_t].float()
            probs = torch.softmax(logits, dim=-1)
            p5, i5 = torch.topk(probs, 5, dim=-1)
            tensors["case%d.top5_ids" % i] = i5.to(torch.int64)
            tensors["case%d.top5_probs" % i] = p5.float()
            if "inv_freq" in out:
                tensors["case%d.inv_freq" % i] = out["inv_freq"].float()
    return tensors


def variant_seed(name):
    return 20240611 + 17 * sorted(VARIANTS).index(name)


def main(out_dir):
    torch.manual_seed(0)
    os.makedirs(out_dir, exist_ok=True)
    manifest = {}
    for name, spec in VARIANTS.items():
        c = spec["config"]
        folder = os.path.join(out_dir, name)
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):  # a re-run may change the layout
            os.remove(os.path.join(folder, old))
        with open(os.path.join(folder, "config.json"), "w") as f:
            json.dump(c, f, indent=2, sort_keys=True)
            f.write("\n")
        state = random_state(hf_decoders.build(c), variant_seed(name))
        files = write_checkpoint(folder, checkpoint_tensors(state, spec), spec)

        # The reference: float64 arithmetic on the weights exactly as stored in this dtype.
        dtype = TORCH_DTYPES[spec["dtype"]]
        model64 = hf_decoders.build(c).double()
        load_state(model64, {k: v.to(dtype).to(torch.float64) for k, v in state.items()})
        inputs = make_inputs(name, spec)
        meta = {"inputs": json.dumps(inputs, ensure_ascii=False), "variant": name, "tokenizer": spec["tokenizer"],
                "torch": torch.__version__, "top_k": str(TOP_K), "fixed_ids": json.dumps(fixed_ids(c["vocab_size"]))}
        if c["model_type"] != "gpt2":
            meta["rope_type"] = hf_decoders.rope_type(c)
            meta["attention_scaling"] = repr(hf_decoders.rope_parameters(c)[1])
        write_safetensors(os.path.join(out_dir, "reference_%s.safetensors" % name),
                          reference_tensors(model64, inputs, c), meta)
        manifest[name] = {"tokenizer": spec["tokenizer"], "dtype": spec["dtype"], "files": files,
                          "reference": "reference_%s.safetensors" % name}
        print("wrote", folder)
    with open(os.path.join(out_dir, "variants.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "fixtures", "tiny_decoders"))
