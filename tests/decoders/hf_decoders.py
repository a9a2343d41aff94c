"""Decoder-only Transformers as HuggingFace transformers assembles them, from plain torch.nn modules.

GPT2LMHeadModel (modeling_gpt2.py), LlamaForCausalLM (modeling_llama.py), Qwen2ForCausalLM
(modeling_qwen2.py) and Qwen3ForCausalLM (modeling_qwen3.py), with the RoPE variants of
modeling_rope_utils.py ("default", "linear", "dynamic", "yarn", "llama3"). The module tree, and so
the state_dict keys, are HuggingFace's:

    GPT-2:  transformer.wte / transformer.wpe / transformer.h.N.{ln_1, attn.c_attn, attn.c_proj, ln_2,
            mlp.c_fc, mlp.c_proj} / transformer.ln_f / lm_head (tied to wte)
    LLaMA:  model.embed_tokens / model.layers.N.{input_layernorm, self_attn.{q,k,v,o}_proj,
            post_attention_layernorm, mlp.{gate,up,down}_proj} / model.norm / lm_head
    Qwen2:  LLaMA with biases on q/k/v (not on o_proj)
    Qwen3:  LLaMA plus self_attn.q_norm / self_attn.k_norm (RMSNorm over head_dim, before RoPE)

and so is the arithmetic of eager attention in eval mode (no dropout, no KV cache, batch of one
sequence without padding). The configs are plain dicts with HuggingFace's config.json field names.

Every module runs in the dtype of its input, as HuggingFace's do, except where HuggingFace
upcasts: RMSNorm computes the variance in float32 (float64 stays float64 here, so that a
float64 model is an exact reference), LLaMA-family softmax runs in float32 (or float64), and the
rotary angles are computed in float32 (or float64).

A forward returns a dict:
    "hidden":     [embedding output, residual after layer 1, ..., after layer L]  (before the final norm)
    "final_norm": output of ln_f / model.norm
    "attentions": per layer, (batch, heads, T, T) softmax probabilities (after repeat_kv for GQA)
    "logits":     (batch, T, vocab)
    "inv_freq", "attention_scaling" (LLaMA family): the RoPE parameters this forward used.
Used by make_tiny_decoders.py and check_tiny_decoders.py.
"""
import math

import torch
from torch import nn


def _work_dtype(t):
    """HuggingFace upcasts to float32 for norms, softmax and RoPE; a float64 model stays float64."""
    return torch.float64 if t.dtype == torch.float64 else torch.float32


def causal_keep(t_q, t_k):
    """(t_q, t_k) bool, True where key k is visible from query q (k <= q, queries are the last t_q)."""
    return torch.ones(t_q, t_k, dtype=torch.bool).tril(t_k - t_q)


def masked_softmax(scores, upcast):
    """Softmax over the last axis with future keys masked by the dtype's most negative value, as
    HuggingFace does (exp of it underflows to an exact 0)."""
    work = scores.to(_work_dtype(scores)) if upcast else scores
    keep = causal_keep(scores.shape[-2], scores.shape[-1])
    work = work.masked_fill(~keep, torch.finfo(work.dtype).min)
    return torch.softmax(work, dim=-1).to(scores.dtype)


# ----------------------------------------------------------------------------------------- GPT-2

def gelu_new(x):
    """GPT-2's "gelu_new": the tanh approximation of GELU."""
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Conv1D(nn.Module):
    """GPT-2's transposed linear layer: weight is stored (in_features, out_features), y = x W + b."""

    def __init__(self, nf, nx):
        super().__init__()
        self.nf = nf
        self.weight = nn.Parameter(torch.empty(nx, nf))
        self.bias = nn.Parameter(torch.zeros(nf))

    def forward(self, x):
        return torch.matmul(x, self.weight) + self.bias


class GPT2Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embed_dim = c["n_embd"]
        self.num_heads = c["n_head"]
        self.head_dim = self.embed_dim // self.num_heads
        n = c["n_positions"]
        # The causal-mask buffers of older checkpoints; not persistent (as in current transformers),
        # so they are no part of state_dict(). make_tiny_decoders.py writes them into some fixtures.
        self.register_buffer("bias", torch.tril(torch.ones(n, n, dtype=torch.bool)).view(1, 1, n, n), persistent=False)
        self.register_buffer("masked_bias", torch.tensor(-1e4), persistent=False)
        self.c_attn = Conv1D(3 * self.embed_dim, self.embed_dim)
        self.c_proj = Conv1D(self.embed_dim, self.embed_dim)

    def split_heads(self, x):  # (B, T, d) -> (B, H, T, dh)
        b, t, _ = x.shape
        return x.view(b, t, self.num_heads, self.head_dim).permute(0, 2, 1, 3)

    def forward(self, x):
        q, k, v = self.c_attn(x).split(self.embed_dim, dim=2)
        q, k, v = self.split_heads(q), self.split_heads(k), self.split_heads(v)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        probs = masked_softmax(scores, upcast=False)
        out = torch.matmul(probs, v).permute(0, 2, 1, 3).contiguous().view(x.shape)
        return self.c_proj(out), probs


class GPT2MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        inner = c.get("n_inner") or 4 * c["n_embd"]
        self.c_fc = Conv1D(inner, c["n_embd"])
        self.c_proj = Conv1D(c["n_embd"], inner)

    def forward(self, x):
        return self.c_proj(gelu_new(self.c_fc(x)))


class GPT2Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.ln_1 = nn.LayerNorm(c["n_embd"], eps=c["layer_norm_epsilon"])
        self.attn = GPT2Attention(c)
        self.ln_2 = nn.LayerNorm(c["n_embd"], eps=c["layer_norm_epsilon"])
        self.mlp = GPT2MLP(c)

    def forward(self, x):
        a, probs = self.attn(self.ln_1(x))
        x = x + a
        x = x + self.mlp(self.ln_2(x))
        return x, probs


class GPT2Model(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.wte = nn.Embedding(c["vocab_size"], c["n_embd"])
        self.wpe = nn.Embedding(c["n_positions"], c["n_embd"])
        self.h = nn.ModuleList([GPT2Block(c) for _ in range(c["n_layer"])])
        self.ln_f = nn.LayerNorm(c["n_embd"], eps=c["layer_norm_epsilon"])

    def forward(self, input_ids):
        positions = torch.arange(input_ids.shape[1])[None, :]
        x = self.wte(input_ids) + self.wpe(positions)
        hidden, attentions = [x], []
        for block in self.h:
            x, probs = block(x)
            hidden.append(x)
            attentions.append(probs)
        return {"hidden": hidden, "attentions": attentions, "final_norm": self.ln_f(x)}


class GPT2LMHeadModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.config = c
        self.transformer = GPT2Model(c)
        self.lm_head = nn.Linear(c["n_embd"], c["vocab_size"], bias=False)
        self.lm_head.weight = self.transformer.wte.weight  # GPT-2 always ties

    def forward(self, input_ids):
        out = self.transformer(input_ids)
        out["logits"] = self.lm_head(out["final_norm"])
        return out


# ------------------------------------------------------------------------------- RoPE parameters

def rope_type(c):
    s = c.get("rope_scaling")
    if not s:
        return "default"
    return s.get("rope_type", s.get("type", "default"))  # "type" is the older spelling


def rope_dim(c):
    head_dim = c.get("head_dim") or c["hidden_size"] // c["num_attention_heads"]
    return int(head_dim * c.get("partial_rotary_factor", 1.0))


def _exponents(dim, dtype):
    return torch.arange(0, dim, 2, dtype=torch.int64).to(dtype) / dim


def _rope_default(c, seq_len, dtype):
    dim = rope_dim(c)
    return 1.0 / (c["rope_theta"] ** _exponents(dim, dtype)), 1.0


def _rope_linear(c, seq_len, dtype):
    inv_freq, scale = _rope_default(c, seq_len, dtype)
    return inv_freq / c["rope_scaling"]["factor"], scale


def _rope_dynamic(c, seq_len, dtype):
    """Dynamic NTK: once the sequence is longer than max_position_embeddings, the base grows with it."""
    dim, factor, max_pos = rope_dim(c), c["rope_scaling"]["factor"], c["max_position_embeddings"]
    seq_len = seq_len if seq_len is not None and seq_len > max_pos else max_pos
    base = c["rope_theta"] * ((factor * seq_len / max_pos) - (factor - 1)) ** (dim / (dim - 2))
    return 1.0 / (base ** _exponents(dim, dtype)), 1.0


def _yarn_mscale(scale, mscale=1.0):
    return 1.0 if scale <= 1 else 0.1 * mscale * math.log(scale) + 1.0


def _rope_yarn(c, seq_len, dtype):
    """YaRN: per-frequency blend of interpolated (inv_freq / factor) and extrapolated (unchanged)
    frequencies, with a linear ramp between the dimensions that turn beta_fast and beta_slow times
    over the original context; cos and sin are multiplied by the attention factor."""
    s = c["rope_scaling"]
    base, dim, factor = c["rope_theta"], rope_dim(c), s["factor"]
    original = s.get("original_max_position_embeddings") or c["max_position_embeddings"]
    attention_factor = s.get("attention_factor")
    if attention_factor is None:
        mscale, mscale_all_dim = s.get("mscale"), s.get("mscale_all_dim")
        if mscale and mscale_all_dim:
            attention_factor = _yarn_mscale(factor, mscale) / _yarn_mscale(factor, mscale_all_dim)
        else:
            attention_factor = _yarn_mscale(factor)
    beta_fast = s.get("beta_fast") or 32
    beta_slow = s.get("beta_slow") or 1

    def correction_dim(rotations):
        return (dim * math.log(original / (rotations * 2 * math.pi))) / (2 * math.log(base))

    low, high = correction_dim(beta_fast), correction_dim(beta_slow)
    if s.get("truncate", True):
        low, high = math.floor(low), math.ceil(high)
    low, high = max(low, 0), min(high, dim - 1)
    if low == high:
        high += 0.001
    ramp = ((torch.arange(dim // 2, dtype=dtype) - low) / (high - low)).clamp(0, 1)
    extrapolation = 1 - ramp  # 1: keep the frequency, 0: divide it by factor
    pos_freqs = base ** _exponents(dim, dtype)
    inv_freq = (1.0 / (factor * pos_freqs)) * (1 - extrapolation) + (1.0 / pos_freqs) * extrapolation
    return inv_freq, float(attention_factor)


def llama3_bands(c, dtype=torch.float64):
    """For each frequency of the default RoPE: "high" (wavelength below the high-frequency
    wavelength: kept), "low" (above the low-frequency wavelength: divided by factor) or "medium"
    (smoothly interpolated)."""
    s = c["rope_scaling"]
    inv_freq, _ = _rope_default(c, None, dtype)
    wavelen = 2 * math.pi / inv_freq
    low_wl = s["original_max_position_embeddings"] / s["low_freq_factor"]
    high_wl = s["original_max_position_embeddings"] / s["high_freq_factor"]
    return ["high" if w < high_wl else "low" if w > low_wl else "medium" for w in wavelen.tolist()]


def _rope_llama3(c, seq_len, dtype):
    s = c["rope_scaling"]
    inv_freq, scale = _rope_default(c, seq_len, dtype)
    factor, lo, hi, old = s["factor"], s["low_freq_factor"], s["high_freq_factor"], s["original_max_position_embeddings"]
    wavelen = 2 * math.pi / inv_freq
    low_wl, high_wl = old / lo, old / hi
    scaled = torch.where(wavelen > low_wl, inv_freq / factor, inv_freq)
    smooth = (old / wavelen - lo) / (hi - lo)
    smoothed = (1 - smooth) * scaled / factor + smooth * scaled
    medium = ~(wavelen < high_wl) & ~(wavelen > low_wl)
    return torch.where(medium, smoothed, scaled), scale


ROPE_FUNCTIONS = {
    "default": _rope_default,
    "linear": _rope_linear,
    "dynamic": _rope_dynamic,
    "yarn": _rope_yarn,
    "llama3": _rope_llama3,
}


def rope_parameters(c, seq_len=None, dtype=torch.float64):
    """(inv_freq (rope_dim/2,), attention_scaling) for a forward over seq_len positions."""
    return ROPE_FUNCTIONS[rope_type(c)](c, seq_len, dtype)


# --------------------------------------------------------------------------------- LLaMA family

class LlamaRMSNorm(nn.Module):
    def __init__(self, hidden_size, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(hidden_size))
        self.variance_epsilon = eps

    def forward(self, x):
        input_dtype = x.dtype
        h = x.to(_work_dtype(x))
        variance = h.pow(2).mean(-1, keepdim=True)
        h = h * torch.rsqrt(variance + self.variance_epsilon)
        return self.weight * h.to(input_dtype)


class LlamaRotaryEmbedding(nn.Module):
    """cos and sin (B, T, rope_dim) in HuggingFace's layout: the angles of the rope_dim/2 frequencies
    repeated twice ([f0..f_{n-1}, f0..f_{n-1}]), times the attention scaling (YaRN's factor, 1
    otherwise). Dynamic NTK recomputes inv_freq from the length of the current sequence (HuggingFace
    caches the longest length seen and resets below max_position_embeddings; for one forward on a
    fresh model, or sequences in growing order, that is the same)."""

    def __init__(self, c):
        super().__init__()
        self.config = c

    def forward(self, x, position_ids):
        seq_len = int(position_ids.max()) + 1
        inv_freq, scaling = rope_parameters(self.config, seq_len if rope_type(self.config) == "dynamic" else None,
                                            dtype=_work_dtype(x))
        freqs = position_ids[:, :, None].to(inv_freq.dtype) * inv_freq[None, None, :]
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos() * scaling, emb.sin() * scaling
        return cos.to(x.dtype), sin.to(x.dtype), inv_freq, scaling


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def apply_rotary_pos_emb(q, k, cos, sin):
    cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)  # broadcast over heads
    return q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin


def repeat_kv(x, n_rep):
    """(B, kv_heads, T, dh) -> (B, kv_heads * n_rep, T, dh): each KV head serves n_rep query heads in a row."""
    if n_rep == 1:
        return x
    b, kv, t, dh = x.shape
    return x[:, :, None, :, :].expand(b, kv, n_rep, t, dh).reshape(b, kv * n_rep, t, dh)


class LlamaAttention(nn.Module):
    qkv_bias = None  # None: config["attention_bias"]
    o_bias = None
    qk_norm = False

    def __init__(self, c):
        super().__init__()
        d = c["hidden_size"]
        self.num_heads = c["num_attention_heads"]
        self.num_key_value_heads = c.get("num_key_value_heads") or self.num_heads
        self.num_key_value_groups = self.num_heads // self.num_key_value_heads
        self.head_dim = c.get("head_dim") or d // self.num_heads
        self.scaling = self.head_dim ** -0.5
        qkv_bias = c.get("attention_bias", False) if self.qkv_bias is None else self.qkv_bias
        o_bias = c.get("attention_bias", False) if self.o_bias is None else self.o_bias
        self.q_proj = nn.Linear(d, self.num_heads * self.head_dim, bias=qkv_bias)
        self.k_proj = nn.Linear(d, self.num_key_value_heads * self.head_dim, bias=qkv_bias)
        self.v_proj = nn.Linear(d, self.num_key_value_heads * self.head_dim, bias=qkv_bias)
        self.o_proj = nn.Linear(self.num_heads * self.head_dim, d, bias=o_bias)
        if self.qk_norm:
            self.q_norm = LlamaRMSNorm(self.head_dim, eps=c["rms_norm_eps"])
            self.k_norm = LlamaRMSNorm(self.head_dim, eps=c["rms_norm_eps"])

    def forward(self, x, cos, sin):
        b, t, _ = x.shape
        shape = (b, t, -1, self.head_dim)
        q, k = self.q_proj(x).view(shape), self.k_proj(x).view(shape)
        if self.qk_norm:  # Qwen3: per-head RMSNorm over head_dim, before RoPE
            q, k = self.q_norm(q), self.k_norm(k)
        q, k = q.transpose(1, 2), k.transpose(1, 2)
        v = self.v_proj(x).view(shape).transpose(1, 2)
        q, k = apply_rotary_pos_emb(q, k, cos, sin)
        k, v = repeat_kv(k, self.num_key_value_groups), repeat_kv(v, self.num_key_value_groups)
        scores = torch.matmul(q, k.transpose(2, 3)) * self.scaling
        probs = masked_softmax(scores, upcast=True)
        out = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, -1)
        return self.o_proj(out), probs


class Qwen2Attention(LlamaAttention):
    qkv_bias = True
    o_bias = False


class Qwen3Attention(LlamaAttention):
    qk_norm = True


class LlamaMLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        d, i = c["hidden_size"], c["intermediate_size"]
        bias = c.get("mlp_bias", False)
        self.gate_proj = nn.Linear(d, i, bias=bias)
        self.up_proj = nn.Linear(d, i, bias=bias)
        self.down_proj = nn.Linear(i, d, bias=bias)

    def forward(self, x):
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


ATTENTION_CLASSES = {"llama": LlamaAttention, "qwen2": Qwen2Attention, "qwen3": Qwen3Attention}


class LlamaDecoderLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self_attn = ATTENTION_CLASSES[c["model_type"]](c)
        self.mlp = LlamaMLP(c)
        self.input_layernorm = LlamaRMSNorm(c["hidden_size"], eps=c["rms_norm_eps"])
        self.post_attention_layernorm = LlamaRMSNorm(c["hidden_size"], eps=c["rms_norm_eps"])

    def forward(self, x, cos, sin):
        a, probs = self.self_attn(self.input_layernorm(x), cos, sin)
        x = x + a
        x = x + self.mlp(self.post_attention_layernorm(x))
        return x, probs


class LlamaModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embed_tokens = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.layers = nn.ModuleList([LlamaDecoderLayer(c) for _ in range(c["num_hidden_layers"])])
        self.norm = LlamaRMSNorm(c["hidden_size"], eps=c["rms_norm_eps"])
        self.rotary_emb = LlamaRotaryEmbedding(c)

    def forward(self, input_ids):
        x = self.embed_tokens(input_ids)
        position_ids = torch.arange(input_ids.shape[1])[None, :]
        cos, sin, inv_freq, scaling = self.rotary_emb(x, position_ids)
        hidden, attentions = [x], []
        for layer in self.layers:
            x, probs = layer(x, cos, sin)
            hidden.append(x)
            attentions.append(probs)
        return {"hidden": hidden, "attentions": attentions, "final_norm": self.norm(x),
                "inv_freq": inv_freq, "attention_scaling": scaling}


class LlamaForCausalLM(nn.Module):
    """Also Qwen2ForCausalLM and Qwen3ForCausalLM: config["model_type"] picks the attention."""

    def __init__(self, c):
        super().__init__()
        self.config = c
        self.model = LlamaModel(c)
        self.lm_head = nn.Linear(c["hidden_size"], c["vocab_size"], bias=False)
        if c.get("tie_word_embeddings", False):
            self.lm_head.weight = self.model.embed_tokens.weight

    def forward(self, input_ids):
        out = self.model(input_ids)
        out["logits"] = self.lm_head(out["final_norm"])
        return out


def build(c):
    """The causal-LM module for a config dict (model_type gpt2, llama, qwen2 or qwen3), in eval mode."""
    if c["model_type"] == "gpt2":
        return GPT2LMHeadModel(c).eval()
    return LlamaForCausalLM(c).eval()


def tied(c):
    return c["model_type"] == "gpt2" or bool(c.get("tie_word_embeddings", False))
