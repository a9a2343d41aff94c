#!/usr/bin/env python3
"""Checks the fixtures make_tiny_decoders.py wrote (run with Debian's python3-torch):

    /usr/bin/python3 tests/decoders/check_tiny_decoders.py tests/fixtures/tiny_decoders

For every variant it reloads config.json and the checkpoint with our own safetensors reader and
  - checks the key names, dtypes and shapes against HuggingFace's layout for that variant,
  - reruns the float64 forward of hf_decoders.py on the stored weights and compares every
    reference tensor, and reruns it with an independent numpy forward written from the formulas
    (explicit per-head loops, RoPE as rotations of the pairs (x_i, x_{i + d/2})),
  - checks that attention rows sum to 1, that masked (future) entries are exactly 0, that
    attention is far from uniform, and that top5 agrees with the stored logits,
  - reports how far a float32 forward of the same weights is from the reference,
  - compares the text inputs with tests/fixtures/tokenizer_reference/<tokenizer>.json.
It prints the llama3 frequency bands, the YaRN ramp, the dynamic-NTK bases, and checks that the
rotary logit of q at position m and k at position n depends only on m - n.
Exits non-zero on any failure.
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hf_decoders  # noqa: E402
import make_tiny_decoders as mk  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FAILURES = []


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print("  FAIL:", what)


# ------------------------------------------------------------------- expected checkpoint layout

def expected_keys(c, layout):
    keys = {}
    if c["model_type"] == "gpt2":
        d, inner, n = c["n_embd"], c.get("n_inner") or 4 * c["n_embd"], c["n_positions"]
        keys["transformer.wte.weight"] = [c["vocab_size"], d]
        keys["transformer.wpe.weight"] = [n, d]
        for l in range(c["n_layer"]):
            p = "transformer.h.%d." % l
            keys.update({p + "ln_1.weight": [d], p + "ln_1.bias": [d], p + "ln_2.weight": [d], p + "ln_2.bias": [d],
                         p + "attn.c_attn.weight": [d, 3 * d], p + "attn.c_attn.bias": [3 * d],
                         p + "attn.c_proj.weight": [d, d], p + "attn.c_proj.bias": [d],
                         p + "mlp.c_fc.weight": [d, inner], p + "mlp.c_fc.bias": [inner],
                         p + "mlp.c_proj.weight": [inner, d], p + "mlp.c_proj.bias": [d],
                         p + "attn.bias": [1, 1, n, n], p + "attn.masked_bias": []})
        keys["transformer.ln_f.weight"] = [d]
        keys["transformer.ln_f.bias"] = [d]
        if layout == "gpt2_legacy":
            keys = {k[len("transformer."):]: v for k, v in keys.items()}
        return keys
    d, i = c["hidden_size"], c["intermediate_size"]
    h, kv = c["num_attention_heads"], c["num_key_value_heads"]
    hd = c.get("head_dim") or d // h
    keys["model.embed_tokens.weight"] = [c["vocab_size"], d]
    for l in range(c["num_hidden_layers"]):
        p = "model.layers.%d." % l
        keys.update({p + "input_layernorm.weight": [d], p + "post_attention_layernorm.weight": [d],
                     p + "self_attn.q_proj.weight": [h * hd, d], p + "self_attn.k_proj.weight": [kv * hd, d],
                     p + "self_attn.v_proj.weight": [kv * hd, d], p + "self_attn.o_proj.weight": [d, h * hd],
                     p + "mlp.gate_proj.weight": [i, d], p + "mlp.up_proj.weight": [i, d],
                     p + "mlp.down_proj.weight": [d, i]})
        if c["model_type"] == "qwen2":
            keys.update({p + "self_attn.q_proj.bias": [h * hd], p + "self_attn.k_proj.bias": [kv * hd],
                         p + "self_attn.v_proj.bias": [kv * hd]})
        if c["model_type"] == "qwen3":
            keys.update({p + "self_attn.q_norm.weight": [hd], p + "self_attn.k_norm.weight": [hd]})
    keys["model.norm.weight"] = [d]
    if not c.get("tie_word_embeddings"):
        keys["lm_head.weight"] = [c["vocab_size"], d]
    return keys


# ------------------------------------------------------------------- independent numpy forward

def np_layernorm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def np_rmsnorm(x, w, eps):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * w


def np_softmax_causal(s):
    t = s.shape[0]
    out = np.zeros_like(s)
    for q in range(t):
        row = s[q, : q + 1]
        e = np.exp(row - row.max())
        out[q, : q + 1] = e / e.sum()
    return out


def np_rope(x, pos, inv_freq, scaling):
    """Rotate each pair (x_j, x_{j + d/2}) by pos * inv_freq_j, then scale (YaRN's attention factor)."""
    half = x.shape[-1] // 2
    out = np.empty_like(x)
    for j in range(half):
        a = pos * inv_freq[j]
        c, s = math.cos(a), math.sin(a)
        out[j] = (x[j] * c - x[j + half] * s) * scaling
        out[j + half] = (x[j] * s + x[j + half] * c) * scaling
    return out


def np_inv_freq(c, seq_len):
    """inv_freq and attention scaling straight from the formulas (numpy, float64)."""
    hd = c.get("head_dim") or c["hidden_size"] // c["num_attention_heads"]
    theta = c["rope_theta"]
    s = c.get("rope_scaling") or {"rope_type": "default"}
    kind = s.get("rope_type", s.get("type"))
    j = np.arange(hd // 2, dtype=np.float64)
    base_freq = theta ** (-2 * j / hd)
    if kind == "default":
        return base_freq, 1.0
    if kind == "linear":
        return base_freq / s["factor"], 1.0
    if kind == "dynamic":
        L, f = c["max_position_embeddings"], s["factor"]
        if seq_len <= L:
            return base_freq, 1.0
        base = theta * (f * seq_len / L - (f - 1)) ** (hd / (hd - 2))
        return base ** (-2 * j / hd), 1.0
    if kind == "llama3":
        f, lo, hi, old = s["factor"], s["low_freq_factor"], s["high_freq_factor"], s["original_max_position_embeddings"]
        out = []
        for w in base_freq:
            wl = 2 * math.pi / w
            if wl < old / hi:
                out.append(w)
            elif wl > old / lo:
                out.append(w / f)
            else:
                sm = (old / wl - lo) / (hi - lo)
                out.append((1 - sm) * w / f + sm * w)
        return np.array(out), 1.0
    if kind == "yarn":
        f = s["factor"]
        orig = s.get("original_max_position_embeddings") or c["max_position_embeddings"]
        dim_for = lambda rot: hd * math.log(orig / (rot * 2 * math.pi)) / (2 * math.log(theta))  # noqa: E731
        low, high = max(math.floor(dim_for(32)), 0), min(math.ceil(dim_for(1)), hd - 1)
        ramp = np.clip((j - low) / (high - low), 0, 1)
        keep = 1 - ramp
        return base_freq / f * (1 - keep) + base_freq * keep, 0.1 * math.log(f) + 1
    raise ValueError(kind)


def np_forward(c, w, ids):
    """Returns hidden list, final norm, attentions (H, T, T) per layer, logits — float64 numpy."""
    T = len(ids)
    if c["model_type"] == "gpt2":
        d, H, eps = c["n_embd"], c["n_head"], c["layer_norm_epsilon"]
        hd = d // H
        x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][:T]
        hidden, atts = [x], []
        for l in range(c["n_layer"]):
            p = "transformer.h.%d." % l
            a = np_layernorm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
            qkv = a @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]
            ctx = np.zeros((T, d))
            probs = np.zeros((H, T, T))
            for h in range(H):
                q = qkv[:, h * hd:(h + 1) * hd]
                k = qkv[:, d + h * hd: d + (h + 1) * hd]
                v = qkv[:, 2 * d + h * hd: 2 * d + (h + 1) * hd]
                probs[h] = np_softmax_causal(q @ k.T / math.sqrt(hd))
                ctx[:, h * hd:(h + 1) * hd] = probs[h] @ v
            x = x + ctx @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
            m = np_layernorm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
            u = m @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"]
            u = 0.5 * u * (1 + np.tanh(math.sqrt(2 / math.pi) * (u + 0.044715 * u ** 3)))
            x = x + u @ w[p + "mlp.c_proj.weight"] + w[p + "mlp.c_proj.bias"]
            hidden.append(x)
            atts.append(probs)
        fn = np_layernorm(x, w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
        return hidden, fn, atts, fn @ w["transformer.wte.weight"].T
    d, H, KV, eps = c["hidden_size"], c["num_attention_heads"], c["num_key_value_heads"], c["rms_norm_eps"]
    hd = c.get("head_dim") or d // H
    inv_freq, scaling = np_inv_freq(c, T)
    x = w["model.embed_tokens.weight"][ids]
    hidden, atts = [x], []

    def lin(name, v):
        y = v @ w[name + ".weight"].T
        return y + w[name + ".bias"] if name + ".bias" in w else y

    for l in range(c["num_hidden_layers"]):
        p = "model.layers.%d." % l
        a = np_rmsnorm(x, w[p + "input_layernorm.weight"], eps)
        q_all, k_all, v_all = lin(p + "self_attn.q_proj", a), lin(p + "self_attn.k_proj", a), lin(p + "self_attn.v_proj", a)
        ctx = np.zeros((T, H * hd))
        probs = np.zeros((H, T, T))
        for h in range(H):
            g = h // (H // KV)  # the KV head serving query head h
            q = q_all[:, h * hd:(h + 1) * hd]
            k = k_all[:, g * hd:(g + 1) * hd]
            v = v_all[:, g * hd:(g + 1) * hd]
            if c["model_type"] == "qwen3":
                q = np_rmsnorm(q, w[p + "self_attn.q_norm.weight"], eps)
                k = np_rmsnorm(k, w[p + "self_attn.k_norm.weight"], eps)
            q = np.stack([np_rope(q[t], t, inv_freq, scaling) for t in range(T)])
            k = np.stack([np_rope(k[t], t, inv_freq, scaling) for t in range(T)])
            probs[h] = np_softmax_causal(q @ k.T / math.sqrt(hd))
            ctx[:, h * hd:(h + 1) * hd] = probs[h] @ v
        x = x + lin(p + "self_attn.o_proj", ctx)
        m = np_rmsnorm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate = lin(p + "mlp.gate_proj", m)
        x = x + lin(p + "mlp.down_proj", gate / (1 + np.exp(-gate)) * lin(p + "mlp.up_proj", m))
        hidden.append(x)
        atts.append(probs)
    fn = np_rmsnorm(x, w["model.norm.weight"], eps)
    head = w["lm_head.weight"] if "lm_head.weight" in w else w["model.embed_tokens.weight"]
    return hidden, fn, atts, fn @ head.T


# ------------------------------------------------------------------------------------- checks

def rel_err(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.abs(a - b).max() / max(np.abs(b).max(), 1e-30))


def check_variant(out_dir, name, spec):
    print("== %s" % name)
    folder = os.path.join(out_dir, name)
    with open(os.path.join(folder, "config.json")) as f:
        c = json.load(f)
    check(c == json.loads(json.dumps(spec["config"])), "config.json differs from the generator's")
    tensors = mk.read_checkpoint(folder)
    exp = expected_keys(c, spec["layout"])
    check(set(tensors) == set(exp), "keys: missing %s, extra %s" % (sorted(set(exp) - set(tensors)),
                                                                      sorted(set(tensors) - set(exp))))
    for k, shape in exp.items():
        if k in tensors:
            check(list(tensors[k].shape) == shape, "%s shape %s != %s" % (k, list(tensors[k].shape), shape))
    dtypes = {}
    for k, t in tensors.items():
        dtypes.setdefault(mk.SAFETENSORS_DTYPES[t.dtype], []).append(k)
    print("  dtypes:", {k: len(v) for k, v in dtypes.items()}, " tensors:", len(tensors),
          " files:", sorted(os.listdir(folder)))
    weight_dtype = mk.SAFETENSORS_DTYPES[mk.TORCH_DTYPES[spec["dtype"]]]
    for k, t in tensors.items():
        if k.endswith(".attn.bias") and c["model_type"] == "gpt2":
            check(torch.equal(t.to(torch.bool), torch.tril(torch.ones(t.shape[-2:], dtype=torch.bool)).view(t.shape)),
                  k + " not a causal tril")
        elif k.endswith(".attn.masked_bias"):
            check(float(t) == -1e4, k)
        else:
            check(mk.SAFETENSORS_DTYPES[t.dtype] == weight_dtype, "%s stored as %s" % (k, t.dtype))

    state = mk.weights_of_checkpoint(tensors, c)
    ref, meta = mk.read_safetensors(os.path.join(out_dir, "reference_%s.safetensors" % name))
    inputs = json.loads(meta["inputs"])
    check(meta["tokenizer"] == spec["tokenizer"], "tokenizer in metadata")
    model64 = hf_decoders.build(c).double()
    mk.load_state(model64, {k: v.to(torch.float64) for k, v in state.items()})
    model32 = hf_decoders.build(c).float()
    mk.load_state(model32, {k: v.to(torch.float32) for k, v in state.items()})
    w64 = {k: v.to(torch.float64).numpy() for k, v in state.items()}
    n_layers = c.get("n_layer") or c["num_hidden_layers"]
    heads = c.get("n_head") or c["num_attention_heads"]
    worst = {"torch64": 0.0, "numpy64": 0.0}
    worst32 = {"hidden": 0.0, "attention": 0.0, "logits": 0.0}
    for i, case in enumerate(inputs):
        ids = case["ids"]
        T = len(ids)
        with torch.no_grad():
            out = model64(torch.tensor([ids]))
            out32 = model32(torch.tensor([ids]))
        nh, nfn, natt, nlogits = np_forward(c, w64, ids)
        logit_ids = ref["case%d.logit_ids" % i].numpy()
        pairs = []
        for l in range(n_layers + 1):
            pairs.append(("hidden.%d" % l, out["hidden"][l][0], nh[l], out32["hidden"][l][0]))
        pairs.append(("final_norm", out["final_norm"][0], nfn, out32["final_norm"][0]))
        for l in range(n_layers):
            pairs.append(("attention.%d" % l, out["attentions"][l][0].reshape(heads * T, T), natt[l].reshape(heads * T, T),
                          out32["attentions"][l][0].reshape(heads * T, T)))
        pairs.append(("logits", out["logits"][0][:, logit_ids], nlogits[:, logit_ids], out32["logits"][0][:, logit_ids]))
        for key, t64, n64, t32 in pairs:
            stored = ref["case%d.%s" % (i, key)].numpy()
            check(stored.shape == tuple(t64.shape), "case%d.%s shape" % (i, key))
            e1, e2 = rel_err(stored, t64.numpy()), rel_err(stored, n64)
            worst["torch64"], worst["numpy64"] = max(worst["torch64"], e1), max(worst["numpy64"], e2)
            check(e1 < 1e-6 and e2 < 1e-6, "case%d.%s differs from the recomputation (%g, %g)" % (i, key, e1, e2))
            kind = key.split(".")[0].replace("final_norm", "hidden")
            worst32[kind] = max(worst32[kind], float(np.abs(stored - t32.numpy()).max()))
        # attention: rows sum to 1, future entries exactly 0, far from uniform
        for l in range(n_layers):
            a = ref["case%d.attention.%d" % (i, l)].numpy().reshape(heads, T, T)
            check(np.abs(a.sum(-1) - 1).max() < 1e-5, "case%d.attention.%d rows do not sum to 1" % (i, l))
            future = np.triu(np.ones((T, T), dtype=bool), 1)
            check((a[:, future] == 0).all(), "case%d.attention.%d masked entries are not exactly 0" % (i, l))
            check((a[:, ~future] > 0).all(), "case%d.attention.%d visible entries not positive" % (i, l))
        # top-5 against the logits
        p = torch.softmax(out["logits"][0], dim=-1)
        p5, i5 = torch.topk(p, 5, dim=-1)
        check(torch.equal(i5, ref["case%d.top5_ids" % i]), "case%d.top5_ids" % i)
        check(rel_err(ref["case%d.top5_probs" % i].numpy(), p5.numpy()) < 1e-6, "case%d.top5_probs" % i)
        check(set(i5.flatten().tolist()) <= set(logit_ids.tolist()), "case%d top5 ids not among logit_ids" % i)
        check(set(mk.fixed_ids(c["vocab_size"])) <= set(logit_ids.tolist()), "case%d fixed ids" % i)
        lg = ref["case%d.logits" % i].numpy()
        check((logit_ids[lg.argmax(1)] == ref["case%d.top5_ids" % i].numpy()[:, 0]).all(), "case%d argmax" % i)
        if "inv_freq" in out:
            nf, ns = np_inv_freq(c, T)
            check(rel_err(ref["case%d.inv_freq" % i].numpy(), nf) < 1e-6, "case%d.inv_freq" % i)
            check(abs(out["attention_scaling"] - ns) < 1e-12, "attention scaling")
    # the smallest logit gap among each position's six best (a near-tie would make top-5 order fragile)
    gaps = []
    for i, case in enumerate(inputs):
        with torch.no_grad():
            top6 = torch.topk(model64(torch.tensor([case["ids"]]))["logits"][0], 6, dim=-1).values
        gaps.append(float((top6[:, :-1] - top6[:, 1:]).min()))
    print("  smallest gap between consecutive top-6 logits: %.2e" % min(gaps))
    check(min(gaps) > 1e-4, "near-tie among the top-6 logits (float32 forwards differ by ~3e-5)")
    # attention sharpness over all cases and layers: mean of each row's largest weight vs uniform
    sharp, unif = [], []
    for i, case in enumerate(inputs):
        T = len(case["ids"])
        for l in range(n_layers):
            a = ref["case%d.attention.%d" % (i, l)].numpy().reshape(heads, T, T)
            sharp.append(a[:, 1:, :].max(-1).mean())
            unif.append((1.0 / np.arange(2, T + 1)).mean())
    print("  inputs: %s" % [len(x["ids"]) for x in inputs],
          " mean max attention %.2f (uniform would be %.2f)" % (np.mean(sharp), np.mean(unif)),
          " top-1 prob range %.3g..%.3g" % (float(ref["case0.top5_probs"][:, 0].min()), float(ref["case0.top5_probs"][:, 0].max())))
    check(np.mean(sharp) > 2 * np.mean(unif), "attention too close to uniform")
    print("  reference vs recomputation (relative): torch float64 %.1e, numpy float64 %.1e" % (worst["torch64"], worst["numpy64"]))
    print("  float32 forward vs reference (absolute max): hidden %.1e, attention %.1e, logits %.1e"
          % (worst32["hidden"], worst32["attention"], worst32["logits"]))
    # inputs against the tokenizer reference of tests/fixtures/tokenizer_reference
    path = os.path.join(ROOT, "tests", "fixtures", "tokenizer_reference", spec["tokenizer"] + ".json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            tok = json.load(f)
        with open(os.path.join(ROOT, "tests", "fixtures", "tokenizer_corpus.json"), encoding="utf-8") as f:
            corpus = json.load(f)
        for case in inputs:
            if case.get("random"):
                check(all(0 <= x < c["vocab_size"] for x in case["ids"]), "random ids out of range")
                continue
            j = corpus.index(case["text"])
            check(tok["ids_with_special_tokens"][j] == case["ids"], "ids of %r differ from the tokenizer reference" % case["text"])
    else:
        print("  (no %s: token ids not re-checked)" % path)
    return c


def check_rope(configs):
    print("== RoPE")
    c = configs["llama3_scaled"]
    bands = hf_decoders.llama3_bands(c)
    inv_default, _ = hf_decoders.rope_parameters(dict(c, rope_scaling=None))
    inv, _ = hf_decoders.rope_parameters(c)
    print("  llama3_scaled: wavelengths", ["%.1f" % (2 * math.pi / f) for f in inv_default.tolist()])
    print("  llama3_scaled: bands      ", bands)
    print("  llama3_scaled: inv_freq / default", ["%.4f" % r for r in (inv / inv_default).tolist()])
    check({"high", "medium", "low"} <= set(bands), "llama3 bands: not all three occur")
    factor = c["rope_scaling"]["factor"]
    for b, r in zip(bands, (inv / inv_default).tolist()):
        if b == "high":
            check(abs(r - 1) < 1e-12, "llama3 high band not kept")
        elif b == "low":
            check(abs(r - 1 / factor) < 1e-12, "llama3 low band not divided")
        else:
            check(1 / factor < r < 1, "llama3 medium band not between")
    c = configs["llama_yarn"]
    inv, scale = hf_decoders.rope_parameters(c)
    inv_default, _ = hf_decoders.rope_parameters(dict(c, rope_scaling=None))
    print("  llama_yarn: inv_freq / default", ["%.4f" % r for r in (inv / inv_default).tolist()],
          " attention factor %.6f" % scale)
    c = configs["llama_dynamic"]
    for T in (6, 13, 16, 17, 40):
        inv, _ = hf_decoders.rope_parameters(c, seq_len=T)
        hd = c["head_dim"]
        base = inv[1].item() ** (-hd / 2)
        print("  llama_dynamic: T=%d base %.1f" % (T, base))
    # rotary logit depends on m - n only (every variant's parameters, including YaRN's scaling)
    g = torch.Generator().manual_seed(5)
    for name, c in configs.items():
        if c["model_type"] == "gpt2":
            continue
        hd = c.get("head_dim") or c["hidden_size"] // c["num_attention_heads"]
        rope = hf_decoders.LlamaRotaryEmbedding(c)
        P = 40
        x = torch.zeros(1, P, hd, dtype=torch.float64)
        cos, sin, inv_freq, scaling = rope(x, torch.arange(P)[None, :])
        q = torch.randn(1, 1, 1, hd, generator=g, dtype=torch.float64).expand(1, 1, P, hd)
        k = torch.randn(1, 1, 1, hd, generator=g, dtype=torch.float64).expand(1, 1, P, hd)
        rq, rk = hf_decoders.apply_rotary_pos_emb(q, k, cos, sin)
        scores = (rq[0, 0] @ rk[0, 0].T).numpy()  # scores[m, n] = <R_m q, R_n k>
        spread = max(np.ptp(np.diagonal(scores, offset=o)) for o in range(-P + 2, P - 1))
        check(spread < 1e-9 * np.abs(scores).max(), "%s: rotary logit depends on more than m - n" % name)
        # the HF rotate_half layout equals rotating the pairs (x_j, x_{j + d/2})
        nf, ns = np_inv_freq(c, P)
        direct = np.stack([np_rope(q[0, 0, 0].numpy(), m, nf, ns) for m in range(P)])
        check(rel_err(rq[0, 0].numpy(), direct) < 1e-9, "%s: rotate_half RoPE != pairwise rotation" % name)
    print("  rotary logit depends only on m - n; rotate_half layout == rotation of pairs (j, j + d/2): checked")


def main(out_dir):
    configs = {}
    for name, spec in mk.VARIANTS.items():
        configs[name] = check_variant(out_dir, name, spec)
    check_rope(configs)
    total = 0
    for dirpath, _, files in os.walk(out_dir):
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
    print("== total size of %s: %d bytes (%.2f MB, %.2f MiB)" % (out_dir, total, total / 1e6, total / 2 ** 20))
    check(total < 20e6, "fixtures over 20 MB")
    print("check_tiny_decoders: %s" % ("OK" if not FAILURES else "%d FAILURES" % len(FAILURES)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "fixtures", "tiny_decoders")))
