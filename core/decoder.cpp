#include "decoder.h"

#include "config.h"
#include "errors.h"
#include "file_io.h"
#include "layers.h"
#include "library_product.h"
#include "safetensors.h"
#include "threads.h"
#include "tokenizer.h"

#include <nlohmann/json.hpp>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <numeric>
#include <set>

namespace orderlens {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The longest input a decoder runs here (a view of 4096 tokens has 16 M attention cells a head).
constexpr int kMaxDecoderTokens = 4096;

[[noreturn]] void fail(const std::string& source, const char* messageTemplate, std::vector<std::string> values)
{
    throw errorInFile(source, fileError(messageTemplate, std::move(values)));
}


bool present(const json& j, const char* key) { return j.contains(key) && !j.at(key).is_null(); }

// A field the family needs: named in the message when it is missing.
int requiredInt(const json& j, const char* key, const std::string& family, int lowest, int highest,
                const std::string& source)
{
    if (!present(j, key))
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "a %1 config needs \"%2\", which is missing"), {family, key});
    try {
        return integerField(j.at(key), key, lowest, highest);
    } catch (const Error& e) {
        throw errorInFile(source, e);
    }
}

int optionalInt(const json& j, const char* key, int fallback, int lowest, int highest, const std::string& source)
{
    if (!present(j, key))
        return fallback;
    try {
        return integerField(j.at(key), key, lowest, highest);
    } catch (const Error& e) {
        throw errorInFile(source, e);
    }
}

double optionalNumber(const json& j, const char* key, double fallback, double lowest, double highest,
                      const std::string& source)
{
    if (!present(j, key))
        return fallback;
    try {
        return numberField(j.at(key), key, lowest, highest);
    } catch (const Error& e) {
        throw errorInFile(source, e);
    }
}

bool optionalBool(const json& j, const char* key, bool fallback, const std::string& source)
{
    if (!present(j, key))
        return fallback;
    try {
        return booleanField(j.at(key), key);
    } catch (const Error& e) {
        throw errorInFile(source, e);
    }
}

std::string optionalString(const json& j, const char* key, const std::string& fallback, const std::string& source)
{
    if (!present(j, key))
        return fallback;
    try {
        return stringField(j.at(key), key);
    } catch (const Error& e) {
        throw errorInFile(source, e);
    }
}

std::optional<DecoderFamily> familyOf(const std::string& modelType)
{
    if (modelType == "gpt2")
        return DecoderFamily::Gpt2;
    if (modelType == "llama" || modelType == "mistral")
        return DecoderFamily::Llama;
    if (modelType == "qwen2")
        return DecoderFamily::Qwen2;
    if (modelType == "qwen3")
        return DecoderFamily::Qwen3;
    return std::nullopt;
}

RopeScaling parseRopeScaling(const json& j, const std::string& source)
{
    RopeScaling s;
    if (!present(j, "rope_scaling"))
        return s;
    const json& r = j.at("rope_scaling");
    if (!r.is_object())
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "\"rope_scaling\" must be an object or null"), {});
    // "type" is the older spelling of "rope_type".
    s.type = optionalString(r, "rope_type", optionalString(r, "type", "default", source), source);
    static const std::set<std::string> kTypes{"default", "linear", "dynamic", "yarn", "llama3"};
    if (!kTypes.count(s.type))
        fail(source,
             QT_TRANSLATE_NOOP("orderlens::core",
                               "rope_scaling type '%1' is not one OrderLens computes (default, linear, dynamic, yarn, llama3)"),
             {s.type});
    if (s.type == "default")
        return s;
    if (!present(r, "factor"))
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "rope_scaling of type %1 needs \"%2\", which is missing"),
             {s.type, "factor"});
    s.factor = optionalNumber(r, "factor", 1, 1e-3, 1e4, source);
    s.originalMaxPositions = optionalInt(r, "original_max_position_embeddings", 0, 1, 1 << 24, source);
    if (s.type == "llama3") {
        for (const char* key : {"low_freq_factor", "high_freq_factor", "original_max_position_embeddings"})
            if (!present(r, key))
                fail(source, QT_TRANSLATE_NOOP("orderlens::core", "rope_scaling of type %1 needs \"%2\", which is missing"),
                     {s.type, key});
        s.lowFreqFactor = optionalNumber(r, "low_freq_factor", 1, 1e-6, 1e6, source);
        s.highFreqFactor = optionalNumber(r, "high_freq_factor", 4, 1e-6, 1e6, source);
        if (!(s.highFreqFactor > s.lowFreqFactor))
            fail(source, QT_TRANSLATE_NOOP("orderlens::core", "rope_scaling: high_freq_factor must be larger than low_freq_factor"),
                 {});
    }
    if (s.type == "yarn") {
        s.betaFast = optionalNumber(r, "beta_fast", 32, 1e-6, 1e6, source);
        s.betaSlow = optionalNumber(r, "beta_slow", 1, 1e-6, 1e6, source);
        if (present(r, "attention_factor"))
            s.attentionFactor = optionalNumber(r, "attention_factor", 1, 1e-6, 1e6, source);
        if (present(r, "mscale"))
            s.mscale = optionalNumber(r, "mscale", 1, 0, 1e6, source);
        if (present(r, "mscale_all_dim"))
            s.mscaleAllDim = optionalNumber(r, "mscale_all_dim", 1, 0, 1e6, source);
        s.truncate = optionalBool(r, "truncate", true, source);
    }
    return s;
}

double yarnMscale(double scale, double mscale = 1)
{
    return scale <= 1 ? 1.0 : 0.1 * mscale * std::log(scale) + 1.0;
}

Matrix zeros(Eigen::Index n) { return Matrix::Zero(1, n); }

// RMSNorm as transformers computes it: x / sqrt(mean(x^2) + eps), times the gain.
Matrix rmsNorm(const MatrixRef& x, const MatrixRef& gain, double eps)
{
    Matrix y(x.rows(), x.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const double meanSquare = x.row(r).cast<double>().squaredNorm() / static_cast<double>(x.cols());
        const float inv = static_cast<float>(1.0 / std::sqrt(meanSquare + eps));
        y.row(r) = (x.row(r).array() * inv * gain.row(0).array()).matrix();
    }
    return y;
}

void geluTanh(Matrix& x)
{
    const float c = 0.7978845608028654f;  // sqrt(2 / pi)
    x = (0.5f * x.array() * (1.0f + (c * (x.array() + 0.044715f * x.array().cube())).tanh())).matrix();
}

// A decoded piece as valid UTF-8: a piece holding part of a character's bytes shows U+FFFD.
std::string readable(const std::string& bytes)
{
    std::string out;
    for (char32_t cp : decodeUtf8(bytes))
        out += encodeUtf8(cp);
    return out;
}


// rotate_half RoPE on (T, head_dim) rows at positions 0..T-1: dimension i pairs with i + half.
void rotate(Matrix& m, const std::vector<float>& cosines, const std::vector<float>& sines, int half)
{
    for (Eigen::Index t = 0; t < m.rows(); ++t)
        for (int i = 0; i < half; ++i) {
            const size_t at = static_cast<size_t>(t) * static_cast<size_t>(half) + static_cast<size_t>(i);
            const float a = m(t, i), b = m(t, i + half);
            m(t, i) = a * cosines[at] - b * sines[at];
            m(t, i + half) = b * cosines[at] + a * sines[at];
        }
}

void causalSoftmax(Matrix& logits, Matrix& attention)
{
    const auto T = logits.rows();
    attention = Matrix::Zero(T, T);
    for (Eigen::Index q = 0; q < T; ++q) {
        for (Eigen::Index k = q + 1; k < T; ++k)
            logits(q, k) = -std::numeric_limits<float>::infinity();
        const auto row = logits.row(q).head(q + 1);
        const float m = row.maxCoeff();
        auto out = attention.row(q).head(q + 1);
        out = (row.array() - m).exp().matrix();
        out /= out.sum();
    }
}

// ---------------------------------------------------------------------------------- loading

// Every tensor of a checkpoint, by name, in whichever file (one, or the shards) holds it.
class Checkpoint {
public:
    explicit Checkpoint(const fs::path& folder)
    {
        std::error_code ec;
        const fs::path single = folder / "model.safetensors", index = folder / "model.safetensors.index.json";
        if (fs::is_regular_file(single, ec)) {
            files_.push_back(SafetensorsFile::open(single.string()));
            for (const std::string& name : files_.back().names())
                where_[name] = 0;
            return;
        }
        if (!fs::is_regular_file(index, ec)) {
            if (fs::is_regular_file(folder / "pytorch_model.bin", ec))
                throw fileError(QT_TRANSLATE_NOOP("orderlens::core",
                                                  "'%1' has only pytorch_model.bin (a PyTorch pickle, which OrderLens "
                                                  "does not read): save the model with safetensors"),
                                {folder.string()});
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core",
                                              "'%1' has neither model.safetensors nor model.safetensors.index.json"),
                            {folder.string()});
        }
        const std::string indexName = index.string();
        const json j = parseJsonObject(readRegularFile(indexName, 64ull << 20), indexName);
        if (!j.contains("weight_map") || !j.at("weight_map").is_object())
            fail(indexName, QT_TRANSLATE_NOOP("orderlens::core", "has no \"weight_map\" object"), {});
        std::map<std::string, int> shardIndex;
        for (const auto& [tensor, file] : j.at("weight_map").items()) {
            if (!file.is_string())
                fail(indexName, QT_TRANSLATE_NOOP("orderlens::core", "weight_map entry '%1' is not a file name"), {tensor});
            const std::string shard = file.get<std::string>();
            // A shard is a plain file name inside the folder: never a path elsewhere.
            if (shard.empty() || shard.find('/') != std::string::npos || shard.find('\\') != std::string::npos ||
                shard == "." || shard == "..")
                fail(indexName, QT_TRANSLATE_NOOP("orderlens::core", "weight_map names '%1', which is not a file name in the folder"),
                     {shard});
            auto it = shardIndex.find(shard);
            if (it == shardIndex.end()) {
                const fs::path path = folder / shard;
                if (!fs::is_regular_file(path, ec))
                    fail(indexName, QT_TRANSLATE_NOOP("orderlens::core", "names the shard '%1', which is missing"), {shard});
                files_.push_back(SafetensorsFile::open(path.string()));
                it = shardIndex.emplace(shard, static_cast<int>(files_.size()) - 1).first;
            }
            if (!files_[static_cast<size_t>(it->second)].contains(tensor))
                fail(indexName, QT_TRANSLATE_NOOP("orderlens::core", "says tensor '%1' is in '%2', which does not hold it"),
                     {tensor, shard});
            where_[tensor] = it->second;
        }
    }

    bool contains(const std::string& name) const { return where_.count(name) != 0; }
    const SafetensorsFile& file(const std::string& name) const
    {
        auto it = where_.find(name);
        if (it == where_.end())
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the checkpoint has no tensor '%1'"), {name});
        return files_[static_cast<size_t>(it->second)];
    }
    void require(const std::string& name, const std::vector<int64_t>& shape) const { file(name).requireShape(name, shape); }
    Matrix read(const std::string& name, const std::vector<int64_t>& shape) const { return file(name).matrix(name, shape); }
    StoredMatrix readStored(const std::string& name, const std::vector<int64_t>& shape) const
    {
        return StoredMatrix::read(file(name), name, shape);
    }

private:
    std::vector<SafetensorsFile> files_;
    std::map<std::string, int> where_;
};

// One tensor to read: its key in the file, the shape it must have, where it goes; transposed
// for GPT-2's Conv1D ([in, out] stored, (out, in) used).
struct Slot {
    std::string key;
    std::vector<int64_t> shape;
    Matrix* into;                    // float32, or
    StoredMatrix* stored = nullptr;  // as stored (the products' weights)
    bool transpose = false;
};
Slot kept(std::string key, std::vector<int64_t> shape, StoredMatrix* into, bool transpose = false)
{
    return {std::move(key), std::move(shape), nullptr, into, transpose};
}

std::vector<Slot> slotsOf(const DecoderConfig& c, DecoderWeights& w, const Checkpoint& file)
{
    const int64_t d = c.d_model, V = c.vocab, F = c.d_ff;
    const int64_t qWidth = int64_t(c.n_heads) * c.head_dim, kvWidth = int64_t(c.n_kv_heads) * c.head_dim;
    std::vector<Slot> slots;
    w.layers.resize(static_cast<size_t>(c.n_layers));
    if (c.family == DecoderFamily::Gpt2) {
        // "transformer." (GPT2LMHeadModel) or no prefix (GPT2Model, old checkpoints).
        const std::string p = file.contains("transformer.wte.weight") ? "transformer." : "";
        slots.push_back(kept(p + "wte.weight", {V, d}, &w.tokenTable));
        slots.push_back({p + "wpe.weight", {c.max_positions, d}, &w.positionTable});
        for (int l = 0; l < c.n_layers; ++l) {
            DecoderLayerWeights& L = w.layers[static_cast<size_t>(l)];
            const std::string h = p + "h." + std::to_string(l) + ".";
            slots.push_back({h + "ln_1.weight", {d}, &L.norm1Gain});
            slots.push_back({h + "ln_1.bias", {d}, &L.norm1Bias});
            slots.push_back(kept(h + "attn.c_attn.weight", {d, 3 * d}, &L.query, true));  // split below
            slots.push_back({h + "attn.c_attn.bias", {3 * d}, &L.queryBias});
            slots.push_back(kept(h + "attn.c_proj.weight", {d, d}, &L.output, true));
            slots.push_back({h + "attn.c_proj.bias", {d}, &L.outputBias});
            slots.push_back({h + "ln_2.weight", {d}, &L.norm2Gain});
            slots.push_back({h + "ln_2.bias", {d}, &L.norm2Bias});
            slots.push_back(kept(h + "mlp.c_fc.weight", {d, F}, &L.ffnIn, true));
            slots.push_back({h + "mlp.c_fc.bias", {F}, &L.ffnInBias});
            slots.push_back(kept(h + "mlp.c_proj.weight", {F, d}, &L.ffnOut, true));
            slots.push_back({h + "mlp.c_proj.bias", {d}, &L.ffnOutBias});
        }
        slots.push_back({p + "ln_f.weight", {d}, &w.finalNormGain});
        slots.push_back({p + "ln_f.bias", {d}, &w.finalNormBias});
        return slots;
    }
    const std::string p = file.contains("model.embed_tokens.weight") ? "model." : "";
    slots.push_back(kept(p + "embed_tokens.weight", {V, d}, &w.tokenTable));
    for (int l = 0; l < c.n_layers; ++l) {
        DecoderLayerWeights& L = w.layers[static_cast<size_t>(l)];
        const std::string h = p + "layers." + std::to_string(l) + ".";
        slots.push_back({h + "input_layernorm.weight", {d}, &L.norm1Gain});
        slots.push_back(kept(h + "self_attn.q_proj.weight", {qWidth, d}, &L.query));
        slots.push_back(kept(h + "self_attn.k_proj.weight", {kvWidth, d}, &L.key));
        slots.push_back(kept(h + "self_attn.v_proj.weight", {kvWidth, d}, &L.value));
        slots.push_back(kept(h + "self_attn.o_proj.weight", {d, qWidth}, &L.output));
        if (c.qkvBias) {
            slots.push_back({h + "self_attn.q_proj.bias", {qWidth}, &L.queryBias});
            slots.push_back({h + "self_attn.k_proj.bias", {kvWidth}, &L.keyBias});
            slots.push_back({h + "self_attn.v_proj.bias", {kvWidth}, &L.valueBias});
        }
        if (c.outputBias)
            slots.push_back({h + "self_attn.o_proj.bias", {d}, &L.outputBias});
        if (c.qkNorm) {
            slots.push_back({h + "self_attn.q_norm.weight", {c.head_dim}, &L.queryNorm});
            slots.push_back({h + "self_attn.k_norm.weight", {c.head_dim}, &L.keyNorm});
        }
        slots.push_back({h + "post_attention_layernorm.weight", {d}, &L.norm2Gain});
        slots.push_back(kept(h + "mlp.gate_proj.weight", {F, d}, &L.gate));
        slots.push_back(kept(h + "mlp.up_proj.weight", {F, d}, &L.up));
        slots.push_back(kept(h + "mlp.down_proj.weight", {d, F}, &L.down));
        if (c.mlpBias) {
            slots.push_back({h + "mlp.gate_proj.bias", {F}, &L.gateBias});
            slots.push_back({h + "mlp.up_proj.bias", {F}, &L.upBias});
            slots.push_back({h + "mlp.down_proj.bias", {d}, &L.downBias});
        }
    }
    slots.push_back({p + "norm.weight", {d}, &w.finalNormGain});
    if (!c.tied)
        slots.push_back(kept("lm_head.weight", {V, d}, &w.lmHead));
    return slots;
}

}  // namespace

size_t DecoderWeights::bytes() const
{
    size_t total = tokenTable.bytes() + lmHead.bytes() + size_t(positionTable.size()) * 4 +
                   size_t(finalNormGain.size() + finalNormBias.size()) * 4;
    for (const DecoderLayerWeights& L : layers) {
        for (const StoredMatrix* m : {&L.query, &L.key, &L.value, &L.output, &L.ffnIn, &L.ffnOut, &L.gate, &L.up, &L.down,
                                      &L.queryKeyValue, &L.gateUp})
            total += m->bytes();
        for (const Matrix* m : {&L.norm1Gain, &L.norm1Bias, &L.norm2Gain, &L.norm2Bias, &L.queryBias, &L.keyBias,
                                &L.valueBias, &L.outputBias, &L.queryNorm, &L.keyNorm, &L.ffnInBias, &L.ffnOutBias,
                                &L.gateBias, &L.upBias, &L.downBias})
            total += size_t(m->size()) * 4;
    }
    return total;
}

std::string toString(DecoderFamily family)
{
    switch (family) {
    case DecoderFamily::Gpt2: return "gpt2";
    case DecoderFamily::Llama: return "llama";
    case DecoderFamily::Qwen2: return "qwen2";
    case DecoderFamily::Qwen3: return "qwen3";
    }
    return "?";
}

bool isDecoderConfig(std::string_view jsonText)
{
    try {
        const json j = json::parse(jsonText.begin(), jsonText.end());
        return j.is_object() && j.contains("model_type") && j.at("model_type").is_string() &&
               familyOf(j.at("model_type").get<std::string>()).has_value();
    } catch (const json::exception&) {
        return false;
    }
}

DecoderConfig parseDecoderConfig(std::string_view jsonText, const std::string& source)
{
    const json j = parseJsonObject(jsonText, source);
    DecoderConfig c;
    c.modelType = optionalString(j, "model_type", "", source);
    if (c.modelType.empty())
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "has no \"model_type\": cannot tell which model this is"), {});
    const auto family = familyOf(c.modelType);
    if (!family)
        fail(source,
             QT_TRANSLATE_NOOP("orderlens::core",
                               "model_type '%1' is not one OrderLens opens (it opens bert, gpt2, llama, mistral, qwen2 and qwen3)"),
             {c.modelType});
    c.family = *family;
    const std::string& m = c.modelType;
    if (c.family == DecoderFamily::Gpt2) {
        c.vocab = requiredInt(j, "vocab_size", m, 1, kMaxVocab, source);
        c.d_model = requiredInt(j, "n_embd", m, 1, kMaxWidth, source);
        c.n_layers = requiredInt(j, "n_layer", m, 1, kMaxLayers, source);
        c.n_heads = requiredInt(j, "n_head", m, 1, kMaxWidth, source);
        c.max_positions = requiredInt(j, "n_positions", m, 1, kMaxPositions, source);
        c.d_ff = optionalInt(j, "n_inner", 4 * c.d_model, 1, kMaxFeedForward, source);
        c.norm_eps = optionalNumber(j, "layer_norm_epsilon", 1e-5, kMinLnEps, kMaxLnEps, source);
        const std::string activation = optionalString(j, "activation_function", "gelu_new", source);
        if (activation != "gelu_new" && activation != "gelu_pytorch_tanh")
            fail(source, QT_TRANSLATE_NOOP("orderlens::core", "activation_function '%1' is not GPT-2's gelu_new"), {activation});
        if (c.d_model % c.n_heads != 0)
            fail(source, QT_TRANSLATE_NOOP("orderlens::core", "n_embd %1 is not divisible by n_head %2"),
                 {std::to_string(c.d_model), std::to_string(c.n_heads)});
        c.n_kv_heads = c.n_heads;
        c.head_dim = c.d_model / c.n_heads;
        c.tied = true;
        return c;
    }
    c.vocab = requiredInt(j, "vocab_size", m, 1, kMaxVocab, source);
    c.d_model = requiredInt(j, "hidden_size", m, 1, kMaxWidth, source);
    c.d_ff = requiredInt(j, "intermediate_size", m, 1, kMaxFeedForward, source);
    c.n_layers = requiredInt(j, "num_hidden_layers", m, 1, kMaxLayers, source);
    c.n_heads = requiredInt(j, "num_attention_heads", m, 1, kMaxWidth, source);
    c.max_positions = requiredInt(j, "max_position_embeddings", m, 1, 1 << 24, source);
    c.norm_eps = optionalNumber(j, "rms_norm_eps", 1e-6, kMinLnEps, kMaxLnEps, source);
    if (!present(j, "rms_norm_eps"))
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "a %1 config needs \"%2\", which is missing"), {m, "rms_norm_eps"});
    c.n_kv_heads = optionalInt(j, "num_key_value_heads", c.n_heads, 1, kMaxWidth, source);
    if (c.family == DecoderFamily::Qwen3 && !present(j, "head_dim"))
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "a %1 config needs \"%2\", which is missing"), {m, "head_dim"});
    if (!present(j, "head_dim") && c.d_model % c.n_heads != 0)
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "hidden_size %1 is not divisible by num_attention_heads %2 (and there is no head_dim)"),
             {std::to_string(c.d_model), std::to_string(c.n_heads)});
    c.head_dim = optionalInt(j, "head_dim", c.d_model / std::max(1, c.n_heads), 1, kMaxWidth, source);
    if (c.head_dim < 4)
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "head_dim %1 is below 4: too few dimensions for RoPE's pairs"),
             {std::to_string(c.head_dim)});
    if (c.head_dim % 2 != 0)
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "head_dim %1 is odd: RoPE rotates pairs of dimensions"),
             {std::to_string(c.head_dim)});
    if (c.n_heads % c.n_kv_heads != 0)
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "num_attention_heads %1 is not divisible by num_key_value_heads %2"),
             {std::to_string(c.n_heads), std::to_string(c.n_kv_heads)});
    if (static_cast<long long>(c.n_heads) * c.head_dim > kMaxWidth * 4LL)
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "num_attention_heads x head_dim is %1, more than OrderLens handles"),
             {std::to_string(static_cast<long long>(c.n_heads) * c.head_dim)});
    c.rope_theta = optionalNumber(j, "rope_theta", 10000, kMinRopeBase, kMaxRopeBase, source);
    c.rope = parseRopeScaling(j, source);
    const std::string activation = optionalString(j, "hidden_act", "silu", source);
    if (activation != "silu")
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "hidden_act '%1' is not the SwiGLU activation silu"), {activation});
    if (optionalNumber(j, "partial_rotary_factor", 1, 0, 1, source) != 1)
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "partial_rotary_factor other than 1 is not supported"), {});
    if (optionalBool(j, "use_sliding_window", false, source))
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "use_sliding_window is true: sliding-window attention is not supported"),
             {});
    if (m == "mistral" && present(j, "sliding_window"))
        fail(source, QT_TRANSLATE_NOOP("orderlens::core",
                                       "a mistral config with a sliding_window is not supported (only without one)"),
             {});
    c.tied = optionalBool(j, "tie_word_embeddings", false, source);
    const bool attentionBias = optionalBool(j, "attention_bias", false, source);
    c.qkvBias = c.family == DecoderFamily::Qwen2 || (c.family == DecoderFamily::Llama && attentionBias) ||
                (c.family == DecoderFamily::Qwen3 && attentionBias);
    c.outputBias = c.family != DecoderFamily::Qwen2 && attentionBias;
    c.mlpBias = optionalBool(j, "mlp_bias", false, source);
    c.qkNorm = c.family == DecoderFamily::Qwen3;
    return c;
}

std::vector<double> DecoderConfig::unscaledFrequencies() const
{
    std::vector<double> inverse(static_cast<size_t>(head_dim / 2));
    for (int i = 0; i < head_dim / 2; ++i)
        inverse[static_cast<size_t>(i)] = 1.0 / std::pow(rope_theta, (2.0 * i) / head_dim);
    return inverse;
}

DecoderConfig::Frequencies DecoderConfig::ropeFrequencies(int length) const
{
    Frequencies f;
    const int dim = head_dim, half = dim / 2;
    f.inverse = unscaledFrequencies();
    const std::string& type = rope.type;
    if (type == "linear") {
        for (double& v : f.inverse)
            v /= rope.factor;
    } else if (type == "dynamic") {
        // Dynamic NTK: past max_position_embeddings the base grows with the sequence.
        const double seq = std::max(length, max_positions);
        const double base =
            rope_theta * std::pow(rope.factor * seq / max_positions - (rope.factor - 1), dim / (dim - 2.0));
        for (int i = 0; i < half; ++i)
            f.inverse[static_cast<size_t>(i)] = 1.0 / std::pow(base, (2.0 * i) / dim);
    } else if (type == "llama3") {
        const double old = rope.originalMaxPositions;
        const double lowWavelength = old / rope.lowFreqFactor, highWavelength = old / rope.highFreqFactor;
        for (double& v : f.inverse) {
            const double wavelength = 2 * M_PI / v;
            if (wavelength < highWavelength)
                continue;  // high frequencies kept
            if (wavelength > lowWavelength) {
                v /= rope.factor;  // low frequencies interpolated
                continue;
            }
            const double smooth = (old / wavelength - rope.lowFreqFactor) / (rope.highFreqFactor - rope.lowFreqFactor);
            v = (1 - smooth) * v / rope.factor + smooth * v;
        }
    } else if (type == "yarn") {
        const double original = rope.originalMaxPositions > 0 ? rope.originalMaxPositions : max_positions;
        if (rope.attentionFactor)
            f.attentionScaling = *rope.attentionFactor;
        else if (rope.mscale && rope.mscaleAllDim && *rope.mscale != 0 && *rope.mscaleAllDim != 0)
            f.attentionScaling = yarnMscale(rope.factor, *rope.mscale) / yarnMscale(rope.factor, *rope.mscaleAllDim);
        else
            f.attentionScaling = yarnMscale(rope.factor);
        auto correction = [&](double rotations) {
            return (dim * std::log(original / (rotations * 2 * M_PI))) / (2 * std::log(rope_theta));
        };
        double low = correction(rope.betaFast), high = correction(rope.betaSlow);
        if (rope.truncate) {
            low = std::floor(low);
            high = std::ceil(high);
        }
        low = std::max(low, 0.0);
        high = std::min(high, dim - 1.0);
        if (low == high)
            high += 0.001;
        for (int i = 0; i < half; ++i) {
            const double ramp = std::clamp((i - low) / (high - low), 0.0, 1.0);
            const double keep = 1 - ramp;  // 1: the frequency unchanged, 0: divided by factor
            const double v = f.inverse[static_cast<size_t>(i)];
            f.inverse[static_cast<size_t>(i)] = v / rope.factor * (1 - keep) + v * keep;
        }
    }
    return f;
}

DecoderModel::DecoderModel(std::string id, DecoderConfig config, DecoderWeights weights,
                           std::shared_ptr<const HfTokenizer> tokenizer)
    : id_(std::move(id)), config_(std::move(config)), weights_(std::move(weights)), tokenizer_(std::move(tokenizer))
{
    const DecoderConfig& c = config_;
    auto check = [&](const auto& m, Eigen::Index rows, Eigen::Index cols, const std::string& what) {
        if (m.rows() != rows || m.cols() != cols)
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "decoder tensor %1 is %2 x %3, expected %4 x %5"),
                             {what, std::to_string(m.rows()), std::to_string(m.cols()), std::to_string(rows),
                              std::to_string(cols)});
    };
    check(weights_.tokenTable, c.vocab, c.d_model, "token table");
    if (weights_.layers.size() != static_cast<size_t>(c.n_layers))
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "decoder has %1 layers of weights, expected %2"),
                         {std::to_string(weights_.layers.size()), std::to_string(c.n_layers)});
    const Eigen::Index q = Eigen::Index(c.n_heads) * c.head_dim, kv = Eigen::Index(c.n_kv_heads) * c.head_dim;
    for (size_t l = 0; l < weights_.layers.size(); ++l) {
        DecoderLayerWeights& L = weights_.layers[l];
        const std::string at = "layer " + std::to_string(l);
        check(L.query, q, c.d_model, at + " query");
        check(L.key, kv, c.d_model, at + " key");
        check(L.value, kv, c.d_model, at + " value");
        check(L.output, c.d_model, q, at + " output");
        // Biases the family does not have are zeros, so the forward adds them uniformly.
        if (L.queryBias.size() == 0)
            L.queryBias = zeros(q);
        if (L.keyBias.size() == 0)
            L.keyBias = zeros(kv);
        if (L.valueBias.size() == 0)
            L.valueBias = zeros(kv);
        if (L.outputBias.size() == 0)
            L.outputBias = zeros(c.d_model);
        if (c.family == DecoderFamily::Gpt2) {
            check(L.ffnIn, c.d_ff, c.d_model, at + " c_fc");
            check(L.ffnOut, c.d_model, c.d_ff, at + " mlp c_proj");
            continue;
        }
        check(L.gate, c.d_ff, c.d_model, at + " gate_proj");
        check(L.up, c.d_ff, c.d_model, at + " up_proj");
        check(L.down, c.d_model, c.d_ff, at + " down_proj");
        if (L.gateBias.size() == 0)
            L.gateBias = zeros(c.d_ff);
        if (L.upBias.size() == 0)
            L.upBias = zeros(c.d_ff);
        if (L.downBias.size() == 0)
            L.downBias = zeros(c.d_model);
    }
    if (!c.tied)
        check(weights_.lmHead, c.vocab, c.d_model, "lm_head");
    // The inexact BF16 products (library_product.h): every BF16 layer matrix packed for them. The
    // token table stays as it is (a token's row is read for the embedding); its next-token
    // products round the tokens to BF16 in place.
    if (orderlens::bf16Products() && weights_.tokenTable.kind() == StoredMatrix::Kind::BF16) {
        const auto concatenated = [](const Matrix& a, const Matrix& b, const Matrix& c) {
            Matrix all(1, a.cols() + b.cols() + c.cols());
            all << a, b, c;
            return all;
        };
        for (DecoderLayerWeights& L : weights_.layers) {
            // Products that share their tokens in one (one rounding of them, one hand-off).
            const auto bf16 = [](const StoredMatrix& m) { return m.kind() == StoredMatrix::Kind::BF16; };
            if (c.family != DecoderFamily::Gpt2 && bf16(L.query) && bf16(L.key) && bf16(L.value)) {
                StoredMatrix qkv = StoredMatrix::stacked({&L.query, &L.key, &L.value});
                if (qkv.packForBf16Products()) {
                    L.queryKeyValue = std::move(qkv);
                    L.queryKeyValueBias = concatenated(L.queryBias, L.keyBias, L.valueBias);
                    L.query = L.key = L.value = StoredMatrix();  // read from the stacked one
                }
            }
            if (c.family != DecoderFamily::Gpt2 && bf16(L.gate) && bf16(L.up)) {
                StoredMatrix both = StoredMatrix::stacked({&L.gate, &L.up});
                if (both.packForBf16Products()) {
                    L.gateUp = std::move(both);
                    L.gateUpBias = concatenated(L.gateBias, L.upBias, Matrix(1, 0));
                    L.gate = StoredMatrix();
                    L.up = StoredMatrix();
                }
            }
            for (StoredMatrix* m : {&L.query, &L.key, &L.value, &L.output, &L.gate, &L.up, &L.down, &L.ffnIn, &L.ffnOut})
                bf16Products_ = m->packForBf16Products() || bf16Products_;
            bf16Products_ = bf16Products_ || L.gateUp.bf16Packed();
        }
    }
}

std::shared_ptr<const DecoderModel> DecoderModel::open(const std::string& folderPath)
{
    const fs::path folder(folderPath);
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "'%1' is not a folder"), {folderPath});
    const std::string configPath = (folder / "config.json").string();
    if (!fs::is_regular_file(configPath, ec))
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "'%1' has no config.json: not a HuggingFace model folder"),
                        {folderPath});
    const DecoderConfig config = parseDecoderConfig(readRegularFile(configPath, 64ull << 20), configPath);
    const Checkpoint checkpoint(folder);
    DecoderWeights w;
    std::vector<Slot> slots = slotsOf(config, w, checkpoint);
    // Every tensor present with its shape and a float dtype before any is read.
    for (const Slot& s : slots)
        checkpoint.require(s.key, s.shape);
    // Each tensor read once, into its own memory (16-bit weights stay 16-bit).
    for (Slot& s : slots) {
        if (s.stored) {
            StoredMatrix m = checkpoint.readStored(s.key, s.shape);
            *s.stored = s.transpose ? m.transposed() : std::move(m);
        } else {
            *s.into = checkpoint.read(s.key, s.shape);
        }
    }
    if (config.family == DecoderFamily::Gpt2)
        for (DecoderLayerWeights& L : w.layers) {
            // c_attn fused [q | k | v] along its outputs: (3d, d) after the transpose.
            const int d = config.d_model;
            const StoredMatrix fused = std::move(L.query);
            const Matrix bias = std::move(L.queryBias);
            L.query = fused.middleRows(0, d);
            L.key = fused.middleRows(d, d);
            L.value = fused.middleRows(2 * d, d);
            L.queryBias = bias.middleCols(0, d);
            L.keyBias = bias.middleCols(d, d);
            L.valueBias = bias.middleCols(2 * d, d);
        }
    std::shared_ptr<const HfTokenizer> tokenizer;
    if (fs::is_regular_file(folder / "tokenizer.json", ec) || fs::is_regular_file(folder / "vocab.json", ec))
        tokenizer = HfTokenizer::open(folderPath);
    return std::make_shared<const DecoderModel>(folderPath, config, std::move(w), std::move(tokenizer));
}

ModelConfig DecoderModel::traceConfig() const
{
    ModelConfig m;
    m.vocab = config_.vocab;
    m.d_model = config_.d_model;
    m.n_heads = config_.n_heads;
    m.n_layers = config_.n_layers;
    m.d_ff = config_.d_ff;
    m.max_len = config_.rotary() ? kMaxDecoderTokens : std::min(config_.max_positions, kMaxDecoderTokens);
    m.pe = config_.rotary() ? PositionScheme::Rope : PositionScheme::Learned;
    m.norm = NormPlacement::Pre;
    m.ln_eps = static_cast<float>(config_.norm_eps);
    m.rope_base = static_cast<float>(config_.rope_theta);
    m.n_roles = 0;
    m.final_norm = true;
    m.causal = true;
    m.head_dim = config_.head_dim;
    m.bf16_products = bf16Products_;
    return m;
}

Matrix DecoderModel::lmLogits(const Matrix& finalNorm) const
{
    const StoredMatrix& head = config_.tied ? weights_.tokenTable : weights_.lmHead;
    return linear(finalNorm, head, zeros(head.rows()));
}

namespace {

// A layer's queries, keys and (unless null) values of rows x: with BF16 products one product of
// the stacked matrix, split; else one product each.
void queriesKeysValues(const DecoderLayerWeights& w, const MatrixRef& x, Eigen::Index nq, Eigen::Index nkv, Matrix& q,
                       Matrix& k, Matrix* v)
{
    if (!w.queryKeyValue.empty()) {
        const Matrix qkv = linear(x, w.queryKeyValue, w.queryKeyValueBias);
        q = qkv.leftCols(nq);
        k = qkv.middleCols(nq, nkv);
        if (v)
            *v = qkv.rightCols(nkv);
        return;
    }
    q = linear(x, w.query, w.queryBias);
    k = linear(x, w.key, w.keyBias);
    if (v)
        *v = linear(x, w.value, w.valueBias);
}

// The vocabulary's rows a chunk of the next-token ranking takes: its logits for 128 tokens
// (2 MB) stay in cache while they are ranked, where the whole vocabulary's (78 MB for
// Qwen's 151,936) would be written to fresh memory and read back.
constexpr Eigen::Index kVocabChunk = 4096;

// One position's best candidates in a part of the vocabulary, and its softmax total there
// relative to the part's highest logit.
struct Ranked {
    std::vector<std::pair<float, int>> top;  // most likely first; a tie goes to the smaller id
    float highest = -std::numeric_limits<float>::infinity();
    double total = 0;
};

// `candidate` into `top` (at most k, most likely first, a tie to the smaller id).
void offer(std::vector<std::pair<float, int>>& top, int k, float value, int id)
{
    const auto before = [](const std::pair<float, int>& a, const std::pair<float, int>& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    };
    if (static_cast<int>(top.size()) == k && !before({value, id}, top.back()))
        return;
    top.insert(std::upper_bound(top.begin(), top.end(), std::pair{value, id}, before), {value, id});
    if (static_cast<int>(top.size()) > k)
        top.pop_back();
}

}  // namespace

std::vector<std::vector<NextToken>> DecoderModel::nextTokens(const Matrix& finalNorm, int topK) const
{
    const StoredMatrix& head = config_.tied ? weights_.tokenTable : weights_.lmHead;
    const Eigen::Index T = finalNorm.rows(), vocab = head.rows();
    const int k = static_cast<int>(std::min<Eigen::Index>(topK, vocab));
    const Eigen::Index chunks = (vocab + kVocabChunk - 1) / kVocabChunk;
    // Each chunk's logits (its product on one thread), ranked and summed at once, the chunks
    // taken by the threads in turn; then the chunks' rankings and totals are merged in order.
    std::vector<Ranked> parts(static_cast<size_t>(chunks * T));
    parallelFor(static_cast<int>(chunks), chunks > 1, [&](int chunk) {
        const Eigen::Index first = chunk * kVocabChunk, count = std::min(kVocabChunk, vocab - first);
        const Matrix logits = linearRows(finalNorm, head, first, count, nullptr, bf16Products_);
        Eigen::ArrayXf exps(count);
        for (Eigen::Index t = 0; t < T; ++t) {
            const float* row = logits.row(t).data();
            Ranked& r = parts[static_cast<size_t>(chunk * T + t)];
            // Below the k-th best so far a logit is out at once: a block of 64 whose largest is
            // below it is passed over whole (its maximum found with vector instructions).
            float worst = -std::numeric_limits<float>::infinity();
            for (Eigen::Index at = 0; at < count; at += 64) {
                const Eigen::Index n = std::min<Eigen::Index>(64, count - at);
                if (logits.row(t).segment(at, n).maxCoeff() < worst)
                    continue;
                for (Eigen::Index i = at; i < at + n; ++i)
                    if (row[i] >= worst) {
                        offer(r.top, k, row[i], static_cast<int>(first + i));
                        if (static_cast<int>(r.top.size()) == k)
                            worst = r.top.back().first;
                    }
            }
            r.highest = logits.row(t).maxCoeff();
            // exp in float, vectorized (apart from the cast, which would make it a scalar loop),
            // summed in double
            exps = (logits.row(t).array().transpose() - r.highest).exp();
            r.total = exps.cast<double>().sum();
        }
    });
    std::vector<std::vector<NextToken>> out(static_cast<size_t>(T));
    for (Eigen::Index t = 0; t < T; ++t) {
        float highest = -std::numeric_limits<float>::infinity();
        for (Eigen::Index chunk = 0; chunk < chunks; ++chunk)
            highest = std::max(highest, parts[static_cast<size_t>(chunk * T + t)].highest);
        double total = 0;
        std::vector<std::pair<float, int>> top;
        for (Eigen::Index chunk = 0; chunk < chunks; ++chunk) {
            const Ranked& r = parts[static_cast<size_t>(chunk * T + t)];
            if (std::isfinite(r.highest))  // a chunk of -infinity logits adds nothing
                total += r.total * std::exp(static_cast<double>(r.highest) - highest);
            for (const auto& [value, id] : r.top)
                offer(top, k, value, id);
        }
        for (const auto& [value, id] : top)
            out[static_cast<size_t>(t)].push_back({id, tokenizer_ ? readable(tokenizer_->decode({id})) : std::to_string(id),
                                                   std::exp(static_cast<double>(value) - highest) / total});
    }
    return out;
}

DecoderTrace DecoderModel::forward(const std::vector<int>& ids, int topK, const HeadAblation* ablation,
                                   const std::vector<int>* positions) const
{
    if (ablation && !ablation->active())
        ablation = nullptr;
    const DecoderConfig& c = config_;
    const auto T = static_cast<Eigen::Index>(ids.size());
    if (T == 0)
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "the sentence is empty"), {});
    // GPT-2 has a row of wpe per position; RoPE computes any position (past
    // max_position_embeddings it extrapolates, as transformers does: dynamic NTK is made for it).
    const int longest = c.rotary() ? kMaxDecoderTokens : std::min(c.max_positions, kMaxDecoderTokens);
    if (T > longest)
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "%1 tokens are more than model %2 takes (at most %3)"),
                         {std::to_string(T), id_, std::to_string(longest)});
    for (int id : ids)
        if (id < 0 || id >= c.vocab)
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "token id %1 is outside the vocabulary of %2"),
                             {std::to_string(id), id_});
    if (positions && positions->size() != ids.size())
        throw inputError("internal: a decoder's positions must be one per token");
    if (positions)
        for (int p : *positions)
            if (p < 0 || p >= longest)
                throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "position %1 is outside what model %2 takes"),
                                 {std::to_string(p), id_});
    const auto at = [&](Eigen::Index t) {
        return positions ? static_cast<Eigen::Index>((*positions)[static_cast<size_t>(t)]) : t;
    };
    const int d = c.d_model, H = c.n_heads, dh = c.head_dim, group = c.n_heads / c.n_kv_heads;
    const SerialEigen serial(d < 256);
    const float scale = 1.0f / std::sqrt(static_cast<float>(dh));
    const bool gpt2 = c.family == DecoderFamily::Gpt2;

    DecoderTrace out;
    out.family = c.family;
    Trace& tr = out.trace;
    tr.modelId = id_;
    tr.config = traceConfig();
    if (ablation) {
        checkAblation(*ablation, c.n_layers, H, dh);
        tr.surgery = ablation->surgery;
    }
    for (Eigen::Index t = 0; t < T; ++t) {
        const int id = ids[static_cast<size_t>(t)];
        tr.tokens.push_back({tokenizer_ ? readable(tokenizer_->decode({id})) : std::to_string(id), id, static_cast<int>(at(t)), 0, false});
    }
    tr.embedding = Matrix(T, d);
    for (Eigen::Index t = 0; t < T; ++t)
        tr.embedding.row(t) = weights_.tokenTable.rowsAsFloat(ids[static_cast<size_t>(t)], 1);
    tr.position = Matrix::Zero(T, d);
    if (gpt2)
        for (Eigen::Index t = 0; t < T; ++t)
            tr.position.row(t) = weights_.positionTable.row(at(t));
    tr.input = tr.embedding + tr.position;

    // RoPE's angles for positions 0..T-1, computed in double, times the attention scaling.
    std::vector<float> cosines, sines;
    if (!gpt2) {
        const auto f = c.ropeFrequencies(static_cast<int>(T));
        const int half = dh / 2;
        cosines.resize(static_cast<size_t>(T) * half);
        sines.resize(cosines.size());
        for (Eigen::Index t = 0; t < T; ++t)
            for (int i = 0; i < half; ++i) {
                const double angle = static_cast<double>(at(t)) * f.inverse[static_cast<size_t>(i)];
                cosines[static_cast<size_t>(t) * half + i] = static_cast<float>(std::cos(angle) * f.attentionScaling);
                sines[static_cast<size_t>(t) * half + i] = static_cast<float>(std::sin(angle) * f.attentionScaling);
            }
    }

    Matrix x = tr.input;
    tr.layers.resize(static_cast<size_t>(c.n_layers));
    for (int l = 0; l < c.n_layers; ++l) {
        const DecoderLayerWeights& w = weights_.layers[static_cast<size_t>(l)];
        LayerTrace& lt = tr.layers[static_cast<size_t>(l)];
        lt.attentionInput = gpt2 ? layerNorm(x, w.norm1Gain, w.norm1Bias, static_cast<float>(c.norm_eps))
                                 : rmsNorm(x, w.norm1Gain, c.norm_eps);
        Matrix q, k, v;
        queriesKeysValues(w, lt.attentionInput, H * dh, c.n_kv_heads * dh, q, k, &v);
        // Keys and values per KV head, normed and rotated once, shared by its group of query heads.
        std::vector<Matrix> keys(static_cast<size_t>(c.n_kv_heads)), values(keys.size());
        for (int g = 0; g < c.n_kv_heads; ++g) {
            Matrix kh = k.middleCols(g * dh, dh);
            if (c.qkNorm)
                kh = rmsNorm(kh, w.keyNorm, c.norm_eps);
            if (!gpt2)
                rotate(kh, cosines, sines, dh / 2);
            keys[static_cast<size_t>(g)] = std::move(kh);
            values[static_cast<size_t>(g)] = v.middleCols(g * dh, dh);
        }
        for (auto* perHead : {&lt.queries, &lt.keys, &lt.values, &lt.logits, &lt.attention})
            perHead->resize(static_cast<size_t>(H));
        Matrix context(T, H * dh);
        const bool parallelHeads = double(T) * double(T) * double(dh) * H > 5e5 && !omp_in_parallel();
        parallelFor(H, parallelHeads, [&](int h) {
            const auto hh = static_cast<size_t>(h);
            const auto g = static_cast<size_t>(h / group);
            Matrix qh = q.middleCols(h * dh, dh);
            if (c.qkNorm)
                qh = rmsNorm(qh, w.queryNorm, c.norm_eps);
            if (!gpt2)
                rotate(qh, cosines, sines, dh / 2);
            Matrix logits = (qh * keys[g].transpose()) * scale;
            Matrix attention;
            causalSoftmax(logits, attention);
            Matrix headOutput = attention * values[g];
            if (ablation)
                ablateHead(*ablation, l, h, true, attention, headOutput, values[g]);
            context.middleCols(h * dh, dh) = headOutput;
            lt.queries[hh] = std::move(qh);
            lt.keys[hh] = keys[g];
            lt.values[hh] = values[g];
            lt.logits[hh] = std::move(logits);
            lt.attention[hh] = std::move(attention);
        });
        x += linear(context, w.output, w.outputBias);
        lt.context = std::move(context);
        if (gpt2) {
            Matrix hidden = linear(layerNorm(x, w.norm2Gain, w.norm2Bias, static_cast<float>(c.norm_eps)), w.ffnIn, w.ffnInBias);
            geluTanh(hidden);
            x += linear(hidden, w.ffnOut, w.ffnOutBias);
        } else {
            const Matrix m = rmsNorm(x, w.norm2Gain, c.norm_eps);
            // silu(gate) * up in place of gate, in row blocks across the threads (a 128-token row
            // block of Qwen's 4864-wide FFN is 623k exponentials: serial, it kept a core idle)
            const auto swiglu = [&](Eigen::Ref<Matrix> gate, const MatrixRef& up) {
                const Eigen::Index blocks = std::min<Eigen::Index>(T, 8);
                parallelFor(static_cast<int>(blocks), T * c.d_ff >= (1 << 16), [&](int b) {
                    const Eigen::Index first = T * b / blocks, rows = T * (b + 1) / blocks - first;
                    auto g = gate.middleRows(first, rows).array();
                    g = g / (1.0f + (-g).exp()) * up.middleRows(first, rows).array();
                });
            };
            if (!w.gateUp.empty()) {  // BF16 products: gate | up in one product
                Matrix both = linear(m, w.gateUp, w.gateUpBias);
                swiglu(both.leftCols(c.d_ff), both.rightCols(c.d_ff));
                x += linear(both.leftCols(c.d_ff), w.down, w.downBias);
            } else {
                Matrix gate = linear(m, w.gate, w.gateBias);
                swiglu(gate, linear(m, w.up, w.upBias));
                x += linear(gate, w.down, w.downBias);
            }
        }
        if (!x.allFinite())
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core",
                                               "model '%1' overflows in layer %2 (NaN or infinity): its weights are too "
                                               "large to compute with"),
                             {id_, std::to_string(l + 1)});
        lt.output = x;
    }
    out.finalNorm = gpt2 ? layerNorm(x, weights_.finalNormGain, weights_.finalNormBias, static_cast<float>(c.norm_eps))
                         : rmsNorm(x, weights_.finalNormGain, c.norm_eps);
    if (topK > 0)
        out.nextTokens = nextTokens(out.finalNorm, topK);
    return out;
}

HfEncoding DecoderModel::encode(std::string_view sentence) const
{
    if (!tokenizer_)
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "model '%1' has no tokenizer files (tokenizer.json or vocab.json + merges.txt)"),
                         {id_});
    const bool blank = std::all_of(sentence.begin(), sentence.end(),
                                   [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
    if (blank)
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "the sentence is empty"), {});
    HfEncoding encoding = tokenizer_->encode(sentence, true);
    if (encoding.tokens.empty())
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "the sentence is empty"), {});
    const int longest = traceConfig().max_len;
    if (static_cast<int>(encoding.tokens.size()) > longest)
        throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "%1 tokens are more than model %2 takes (at most %3)"),
                         {std::to_string(encoding.tokens.size()), id_, std::to_string(longest)});
    return encoding;
}

bool ropeTermsAreSmall(const DecoderConfig& c, int length)
{
    const double T = length;
    return c.rotary() && T * T * (c.head_dim / 2) * c.n_heads * c.n_layers <= double(1 << 23);
}

DecoderTrace DecoderModel::forward(const HfEncoding& encoding, int topK, const HeadAblation* ablation) const
{
    DecoderTrace out = forward(encoding.ids(), topK, ablation);
    for (size_t i = 0; i < out.trace.tokens.size() && i < encoding.readings.size(); ++i)
        out.trace.tokens[i].text = encoding.readings[i].text;
    return out;
}

DecoderTrace DecoderModel::trace(std::string_view sentence, int topK, const HeadAblation* ablation) const
{
    return forward(encode(sentence), topK, ablation);
}

std::vector<std::vector<RopeHeadTerms>> decoderRopeTerms(const DecoderModel& model, const DecoderTrace& trace)
{
    const DecoderConfig& c = model.config();
    std::vector<std::vector<RopeHeadTerms>> out;
    if (!c.rotary())
        return out;
    const Trace& tr = trace.trace;
    const int H = c.n_heads, dh = c.head_dim, half = dh / 2, group = c.n_heads / c.n_kv_heads;
    const auto T = static_cast<Eigen::Index>(tr.length());
    const double scale = 1.0 / std::sqrt(static_cast<double>(dh));
    const double s = c.ropeFrequencies(static_cast<int>(T)).attentionScaling;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.resize(tr.layers.size());
    for (size_t l = 0; l < tr.layers.size(); ++l) {
        const LayerTrace& lt = tr.layers[l];
        const DecoderLayerWeights& w = model.weights().layers[l];
        // The queries and keys before the rotation, from the rows the attention read.
        Matrix q, k;
        queriesKeysValues(w, lt.attentionInput, H * dh, c.n_kv_heads * dh, q, k, nullptr);
        out[l].resize(static_cast<size_t>(H));
        for (int h = 0; h < H; ++h) {
            Matrix qh = q.middleCols(h * dh, dh), kh = k.middleCols((h / group) * dh, dh);
            if (c.qkNorm) {
                qh = rmsNorm(qh, w.queryNorm, c.norm_eps);
                kh = rmsNorm(kh, w.keyNorm, c.norm_eps);
            }
            const auto hh = static_cast<size_t>(h);
            const Matrix& rq = lt.queries[hh];
            const Matrix& rk = lt.keys[hh];
            const Matrix& logits = lt.logits[hh];
            RopeHeadTerms& terms = out[l][hh];
            terms.content.resize(T, T);
            terms.position.resize(T, T);
            terms.pairs.assign(static_cast<size_t>(half), Matrix(T, T));
            terms.pairPositions.assign(static_cast<size_t>(half), Matrix(T, T));
            for (Eigen::Index a = 0; a < T; ++a)
                for (Eigen::Index b = 0; b < T; ++b) {
                    const bool future = b > a;
                    double content = 0;
                    for (int i = 0; i < half; ++i) {
                        const auto ii = static_cast<size_t>(i);
                        const double unrotated =
                            s * s * scale * (double(qh(a, i)) * kh(b, i) + double(qh(a, i + half)) * kh(b, i + half));
                        const double rotated = scale * (double(rq(a, i)) * rk(b, i) + double(rq(a, i + half)) * rk(b, i + half));
                        content += unrotated;
                        terms.pairs[ii](a, b) = static_cast<float>(future ? nan : rotated);
                        terms.pairPositions[ii](a, b) = static_cast<float>(future ? nan : rotated - unrotated);
                    }
                    terms.content(a, b) = static_cast<float>(future ? nan : content);
                    terms.position(a, b) = static_cast<float>(future ? nan : double(logits(a, b)) - content);
                }
        }
    }
    return out;
}

}  // namespace orderlens
