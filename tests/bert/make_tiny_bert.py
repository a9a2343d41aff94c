#!/usr/bin/env python3
"""Writes the tiny BERT fixtures of tests/fixtures/tiny_bert/ (run with Debian's python3-torch):

    /usr/bin/python3 tests/bert/make_tiny_bert.py tests/fixtures/tiny_bert

A 2-layer, 32-wide, 4-head BERT with random weights (seeded), built from torch.nn modules
assembled as HuggingFace's BertModel (hf_bert.py), saved as a HuggingFace folder in six variants:

    f32/ f16/ bf16/                       BertModel keys ("embeddings.word_embeddings.weight", ...)
    f32_prefixed/ f16_prefixed/ bf16_prefixed/
                                          BertForPreTraining keys ("bert." prefix) plus the pooler,
                                          "cls.*" heads, the I64 "position_ids" buffer, and the old
                                          "gamma"/"beta" names for some LayerNorms

and, per dtype, reference_<dtype>.safetensors: for each input of "__metadata__"["inputs"]
(ids and token types), "case<i>.hidden.<l>" (T, d) for l = 0 (embedding output) .. layers and
"case<i>.attention.<l>" (heads * T, T) (row h*T + q = head h, query q). The reference runs in
float64 on the weights as stored in that dtype, so the C++ float32 forward is compared with the
exact result of the very weights it reads.
"""
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hf_bert import BertModel  # noqa: E402

CONFIG = {
    "architectures": ["BertForPreTraining"],
    "model_type": "bert",
    "vocab_size": 64,
    "hidden_size": 32,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "intermediate_size": 64,
    "hidden_act": "gelu",
    "max_position_embeddings": 24,
    "type_vocab_size": 2,
    "layer_norm_eps": 1e-12,
    "hidden_dropout_prob": 0.1,
    "attention_probs_dropout_prob": 0.1,
    "pad_token_id": 0,
}

# [UNK] is not row 1 and [CLS]/[SEP] are not 2/3, as in real BERT vocabularies.
VOCAB = (["[PAD]", "[unused1]", "[unused2]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
         + list("猫追老鼠被把抓了的大小黑白狗只在很怕")
         + ["，", "。", "！", "?", ".", ",", "[", "]", "-", "'"]
         + ["the", "cat", "chase", "##s", "##d", "mouse", "un", "##aff", "##able", "hello", "world",
            "##ly", "cafe", "naive", "a", "##b", "##c", "b", "c", "x", "##x", "run", "##ning"])
VOCAB += ["[unused%d]" % i for i in range(len(VOCAB), CONFIG["vocab_size"])]
assert len(VOCAB) == CONFIG["vocab_size"], len(VOCAB)

DTYPES = {"f32": (torch.float32, "F32"), "f16": (torch.float16, "F16"), "bf16": (torch.bfloat16, "BF16")}


def ids(words):
    return [VOCAB.index(w) for w in words]


def make_inputs():
    g = torch.Generator().manual_seed(7)
    single = ids(["[CLS]", "猫", "追", "老", "鼠", "。", "[SEP]"])
    pair = ids(["[CLS]", "猫", "追", "老", "鼠", "[SEP]", "老", "鼠", "被", "猫", "追", "[SEP]"])
    full = torch.randint(0, CONFIG["vocab_size"], (CONFIG["max_position_embeddings"],), generator=g).tolist()
    return [
        {"ids": single, "types": [0] * len(single)},
        {"ids": pair, "types": [0] * 6 + [1] * 6},
        {"ids": full, "types": [0] * 10 + [1] * 14},
    ]


def random_state(model):
    """Weights with enough spread that attention is far from uniform (HF's 0.02 init is too flat)."""
    g = torch.Generator().manual_seed(20240611)
    state = {}
    for name, tensor in model.state_dict().items():
        if name.endswith("position_ids"):
            state[name] = tensor.clone()
        elif "LayerNorm.weight" in name:
            state[name] = 1.0 + 0.2 * torch.randn(tensor.shape, generator=g)
        elif name.endswith("bias") or "LayerNorm" in name:
            state[name] = 0.1 * torch.randn(tensor.shape, generator=g)
        elif "embeddings" in name:
            state[name] = torch.randn(tensor.shape, generator=g)
        else:  # Linear weights (out, in)
            state[name] = 1.5 * torch.randn(tensor.shape, generator=g) / tensor.shape[1] ** 0.5
    return state


def tensor_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().tobytes()
    return t.numpy().tobytes()


def write_safetensors(path, tensors, metadata=None):
    """tensors: list of (name, tensor, dtype name). Little-endian, row-major, 8-byte aligned data."""
    header, blobs, offset = {}, [], 0
    for name, t, dtype in tensors:
        blob = tensor_bytes(t)
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def checkpoint_tensors(state, dtype, dtype_name, prefixed):
    g = torch.Generator().manual_seed(99)
    out = []
    for name, t in state.items():
        if name.endswith("position_ids"):
            if prefixed:
                out.append(("bert." + name, t.to(torch.int64), "I64"))
            continue
        if name.startswith("pooler.") and not prefixed:
            continue
        key = name
        if prefixed:
            key = "bert." + name
            # Old TensorFlow-converted names on the embedding and first-layer LayerNorms.
            if "LayerNorm" in name and (name.startswith("embeddings.") or name.startswith("encoder.layer.0.")):
                key = key.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta")
        out.append((key, t.to(dtype), dtype_name))
    if prefixed:  # BertForPreTraining's heads, which OrderLens ignores
        d, v = CONFIG["hidden_size"], CONFIG["vocab_size"]
        for name, shape in [("cls.predictions.transform.dense.weight", (d, d)), ("cls.predictions.transform.dense.bias", (d,)),
                            ("cls.predictions.transform.LayerNorm.weight", (d,)), ("cls.predictions.transform.LayerNorm.bias", (d,)),
                            ("cls.predictions.decoder.weight", (v, d)), ("cls.predictions.bias", (v,)),
                            ("cls.seq_relationship.weight", (2, d)), ("cls.seq_relationship.bias", (2,))]:
            out.append((name, torch.randn(shape, generator=g).to(dtype), dtype_name))
    return out


def main(out_dir):
    torch.manual_seed(0)
    model = BertModel(CONFIG).eval()
    state = random_state(model)
    inputs = make_inputs()
    for short, (dtype, dtype_name) in DTYPES.items():
        for prefixed in (False, True):
            folder = os.path.join(out_dir, short + ("_prefixed" if prefixed else ""))
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "config.json"), "w") as f:
                json.dump(CONFIG, f, indent=2)
            with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8") as f:
                f.write("".join(w + "\n" for w in VOCAB))
            with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
                json.dump({"do_lower_case": True, "model_max_length": CONFIG["max_position_embeddings"]}, f)
            write_safetensors(os.path.join(folder, "model.safetensors"),
                              checkpoint_tensors(state, dtype, dtype_name, prefixed), {"format": "pt"})

        # The reference: float64 arithmetic on the weights exactly as stored in this dtype.
        rounded = {k: (v if k.endswith("position_ids") else v.to(dtype).to(torch.float64)) for k, v in state.items()}
        reference = BertModel(CONFIG).double().eval()
        reference.load_state_dict(rounded)
        tensors = []
        with torch.no_grad():
            for i, case in enumerate(inputs):
                hidden, attentions = reference(torch.tensor([case["ids"]]), torch.tensor([case["types"]]))
                for l, h in enumerate(hidden):
                    tensors.append(("case%d.hidden.%d" % (i, l), h[0].float(), "F32"))
                for l, a in enumerate(attentions):
                    heads, t, _ = a[0].shape
                    tensors.append(("case%d.attention.%d" % (i, l), a[0].reshape(heads * t, t).float(), "F32"))
        write_safetensors(os.path.join(out_dir, "reference_%s.safetensors" % short), tensors,
                          {"inputs": json.dumps(inputs), "torch": torch.__version__})
    print("wrote", out_dir)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "fixtures", "tiny_bert"))
