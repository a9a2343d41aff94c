#include "model.h"

#include "decomposition.h"
#include "errors.h"
#include "layers.h"
#include "positional_encoding.h"
#include "rope_terms.h"
#include "safetensors.h"
#include "threads.h"

#include <nlohmann/json.hpp>
#include <omp.h>

#include <bit>
#include <cstdint>

#include <algorithm>
#include <cmath>
#include <random>

namespace orderlens {

namespace {

std::string shapeText(Eigen::Index rows, Eigen::Index cols, bool isVector)
{
    return isVector ? "[" + std::to_string(cols) + "]" : "[" + std::to_string(rows) + ", " + std::to_string(cols) + "]";
}

}  // namespace

std::vector<TensorSlot> tensorSlots(ModelWeights& w, const ModelConfig& c)
{
    const int d = c.d_model;
    std::vector<TensorSlot> slots;
    slots.push_back({"embeddings.word", &w.wordTable, c.vocab, d, false});
    if (c.pe == PositionScheme::Learned)
        slots.push_back({"embeddings.position", &w.positionTable, c.max_len, d, false});
    if (c.type_vocab > 0)
        slots.push_back({"embeddings.token_type", &w.tokenTypeTable, c.type_vocab, d, false});
    if (c.embedding_norm) {
        slots.push_back({"embeddings.norm.weight", &w.embeddingNormGain, 1, d, true});
        slots.push_back({"embeddings.norm.bias", &w.embeddingNormBias, 1, d, true});
    }
    w.layers.resize(static_cast<size_t>(c.n_layers));
    for (int l = 0; l < c.n_layers; ++l) {
        auto& L = w.layers[static_cast<size_t>(l)];
        const std::string p = "layers." + std::to_string(l) + ".";
        slots.push_back({p + "attention.query.weight", &L.queryWeight, d, d, false});
        slots.push_back({p + "attention.query.bias", &L.queryBias, 1, d, true});
        slots.push_back({p + "attention.key.weight", &L.keyWeight, d, d, false});
        slots.push_back({p + "attention.key.bias", &L.keyBias, 1, d, true});
        slots.push_back({p + "attention.value.weight", &L.valueWeight, d, d, false});
        slots.push_back({p + "attention.value.bias", &L.valueBias, 1, d, true});
        slots.push_back({p + "attention.output.weight", &L.outputWeight, d, d, false});
        slots.push_back({p + "attention.output.bias", &L.outputBias, 1, d, true});
        slots.push_back({p + "norm1.weight", &L.norm1Gain, 1, d, true});
        slots.push_back({p + "norm1.bias", &L.norm1Bias, 1, d, true});
        slots.push_back({p + "norm2.weight", &L.norm2Gain, 1, d, true});
        slots.push_back({p + "norm2.bias", &L.norm2Bias, 1, d, true});
        slots.push_back({p + "ffn.in.weight", &L.ffnInWeight, c.d_ff, d, false});
        slots.push_back({p + "ffn.in.bias", &L.ffnInBias, 1, c.d_ff, true});
        slots.push_back({p + "ffn.out.weight", &L.ffnOutWeight, d, c.d_ff, false});
        slots.push_back({p + "ffn.out.bias", &L.ffnOutBias, 1, d, true});
    }
    if (c.final_norm && c.norm == NormPlacement::Pre && c.n_layers > 0) {
        slots.push_back({"final_norm.weight", &w.finalNormGain, 1, d, true});
        slots.push_back({"final_norm.bias", &w.finalNormBias, 1, d, true});
    }
    if (c.n_roles > 0) {
        slots.push_back({"roles.weight", &w.roleWeight, c.n_roles, d, false});
        slots.push_back({"roles.bias", &w.roleBias, 1, c.n_roles, true});
    }
    return slots;
}

namespace {
// NaN or infinity: all exponent bits set. A plain loop over the bits vectorizes (Eigen's
// allFinite() is several times slower on a 400 MB checkpoint).
bool allFinite(const MatrixRef& m)
{
    const float* data = m.data();
    std::uint32_t bad = 0;
    for (Eigen::Index i = 0; i < m.size(); ++i)
        bad |= static_cast<std::uint32_t>((std::bit_cast<std::uint32_t>(data[i]) & 0x7f800000u) == 0x7f800000u);
    return bad == 0;
}

bool allFinite(const std::vector<Matrix>& perHead)
{
    return std::all_of(perHead.begin(), perHead.end(), [](const Matrix& m) { return allFinite(m); });
}

// Finite weights can still overflow float32 in the forward pass (3e38 times anything above 1):
// each stage's results are checked once, so nothing non-finite reaches a trace, a JSON or a picture.
[[noreturn]] void overflowed(const std::string& id, const char* messageTemplate, std::vector<std::string> values = {})
{
    values.insert(values.begin(), id);
    throw fileError(messageTemplate, std::move(values));
}

bool layerIsFinite(const LayerTrace& lt)
{
    return allFinite(lt.attentionInput) && allFinite(lt.queries) && allFinite(lt.keys) && allFinite(lt.values) &&
           allFinite(lt.logits) && allFinite(lt.attention) && allFinite(lt.output);
}
}  // namespace

Model::Model(std::string id, ModelConfig config, std::shared_ptr<const Vocabulary> vocabulary, ModelWeights weights,
             std::shared_ptr<const Tokenizer> tokenizer)
    : id_(std::move(id)), config_(config), vocabulary_(std::move(vocabulary)), weights_(std::move(weights)),
      tokenizer_(std::move(tokenizer))
{
    config_.validate();
    if (!vocabulary_)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "model '%1' has no vocabulary"), {id_});
    if (vocabulary_->size() != config_.vocab)
        throw fileError(
            QT_TRANSLATE_NOOP("orderlens::core", "model '%1': the vocabulary has %2 words but the word table has %3 rows"),
            {id_, std::to_string(vocabulary_->size()), std::to_string(config_.vocab)});
    for (const auto& slot : tensorSlots(weights_, config_)) {
        if (slot.value->rows() != slot.rows || slot.value->cols() != slot.cols)
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core",
                                              "model '%1' is corrupted or incomplete: tensor '%2' has shape %3, expected %4"),
                            {id_, slot.name, shapeText(slot.value->rows(), slot.value->cols(), slot.isVector),
                             shapeText(slot.rows, slot.cols, slot.isVector)});
        if (!allFinite(*slot.value))
            throw fileError(
                QT_TRANSLATE_NOOP("orderlens::core", "model '%1' is corrupted: tensor '%2' holds NaN or infinite values"),
                {id_, slot.name});
    }
    for (const auto& [name, m] : weights_.extra)
        if (!allFinite(m))
            throw fileError(
                QT_TRANSLATE_NOOP("orderlens::core", "model '%1' is corrupted: tensor '%2' holds NaN or infinite values"),
                {id_, name});
    if (!tokenizer_)
        tokenizer_ = std::make_shared<LexiconModelTokenizer>(vocabulary_);
    if (config_.pe == PositionScheme::Sinusoidal)
        sinusoidal_ = sinusoidalTable(config_.max_len, config_.d_model);
    packWeights();
}

Model Model::random(PositionScheme scheme, std::uint64_t seed, ModelConfig config)
{
    auto vocabulary = std::make_shared<const Vocabulary>(Vocabulary::builtin());
    config.vocab = vocabulary->size();
    config.pe = scheme;
    config.validate();
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    ModelWeights w;
    for (auto& slot : tensorSlots(w, config)) {
        const bool isGain = slot.name.find("norm") != std::string::npos && slot.name.find(".weight") != std::string::npos;
        const bool isBias = slot.isVector && !isGain;
        // Tables ~ N(0, 1); projections ~ N(0, 1/fan_in) so random attention is not flat.
        const float scale = slot.name.rfind("embeddings.", 0) == 0 ? 1.0f : 1.0f / std::sqrt(static_cast<float>(slot.cols));
        *slot.value = Matrix(slot.rows, slot.cols);
        for (Eigen::Index i = 0; i < slot.value->size(); ++i)
            slot.value->data()[i] = isGain ? 1.0f : isBias ? 0.0f : scale * normal(rng);
    }
    return Model("random:" + toString(scheme), config, vocabulary, std::move(w));
}

Model Model::handmade()
{
    auto vocabulary = std::make_shared<const Vocabulary>(Vocabulary::builtin());
    ModelConfig c;
    c.vocab = vocabulary->size();
    c.d_model = 3;
    c.n_heads = 1;
    c.n_layers = 0;
    c.d_ff = 3;
    c.max_len = 16;
    c.pe = PositionScheme::Learned;
    c.n_roles = 0;
    c.final_norm = false;
    ModelWeights w;
    tensorSlots(w, c);
    // Readable one-decimal values from a fixed seed, then the classic example on top.
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<int> tenth(-5, 5);
    w.wordTable = Matrix(c.vocab, 3);
    w.positionTable = Matrix(c.max_len, 3);
    for (Eigen::Index i = 0; i < w.wordTable.size(); ++i)
        w.wordTable.data()[i] = 0.1f * static_cast<float>(tenth(rng));
    for (Eigen::Index i = 0; i < w.positionTable.size(); ++i)
        w.positionTable.data()[i] = 0.1f * static_cast<float>(tenth(rng));
    w.wordTable.row(vocabulary->id("猫")) << 0.5f, 0.3f, -0.2f;
    w.positionTable.row(2) << 0.1f, -0.4f, 0.3f;
    return Model("handmade", c, vocabulary, std::move(w));
}

std::vector<Token> Tokenizer::tokenizePair(std::string_view, std::string_view) const
{
    throw usageError(QT_TRANSLATE_NOOP("orderlens::core", "this model reads one sentence at a time; a sentence pair "
                                                          "([CLS] A [SEP] B [SEP]) needs a BERT model folder"),
                     {});
}

std::vector<Token> Model::tokenize(std::string_view sentence) const { return tokenizer_->tokenize(sentence); }

Matrix Model::positionRows(const std::vector<int>& positions) const
{
    const auto T = static_cast<Eigen::Index>(positions.size());
    Matrix rows = Matrix::Zero(T, config_.d_model);
    for (Eigen::Index t = 0; t < T; ++t) {
        const int p = positions[static_cast<size_t>(t)];
        if (config_.pe == PositionScheme::Sinusoidal)
            rows.row(t) = sinusoidal_.row(p);
        else if (config_.pe == PositionScheme::Learned)
            rows.row(t) = weights_.positionTable.row(p);
    }
    return rows;
}

Matrix Model::positionTable() const
{
    std::vector<int> all(static_cast<size_t>(config_.max_len));
    for (int i = 0; i < config_.max_len; ++i)
        all[static_cast<size_t>(i)] = i;
    return positionRows(all);
}

Trace Model::trace(std::string_view sentence, const HeadAblation* ablation) const
{
    return trace(tokenize(sentence), ablation);
}

std::vector<Token> Model::checkedTokens(std::string_view sentence) const
{
    std::vector<Token> tokens = tokenize(sentence);
    checkLength(tokens);
    return tokens;
}

void Model::checkLength(const std::vector<Token>& tokens) const
{
    if (tokens.empty())
        throw emptySentenceError();
    if (static_cast<int>(tokens.size()) > config_.max_len)
        throw inputError(
            QT_TRANSLATE_NOOP("orderlens::core", "the sentence has %1 tokens, but model %2 handles at most %3 positions"),
            {std::to_string(tokens.size()), id_, std::to_string(config_.max_len)});
}

Trace Model::trace(std::vector<Token> tokens, const HeadAblation* ablation) const
{
    checkLength(tokens);
    std::vector<int> ids, positions, types;
    for (const auto& t : tokens) {
        ids.push_back(t.id);
        positions.push_back(t.position);
        types.push_back(t.type);
    }
    Trace trace = forward(ids, positions, types, true, ablation);
    trace.tokens = std::move(tokens);
    return trace;
}

Trace Model::forward(const std::vector<int>& ids, const std::vector<int>& positions, const std::vector<int>& types,
                     bool withTerms, const HeadAblation* ablation) const
{
    const auto T = static_cast<Eigen::Index>(ids.size());
    if (T == 0)
        throw emptySentenceError();
    if (positions.size() != ids.size() || (!types.empty() && types.size() != ids.size()))
        throw inputError("internal: ids, positions and types differ in length");
    for (size_t t = 0; t < ids.size(); ++t) {
        if (ids[t] < 0 || ids[t] >= config_.vocab)
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "token id %1 is outside the vocabulary of %2"),
                             {std::to_string(ids[t]), id_});
        if (positions[t] < 0 || positions[t] >= config_.max_len)
            throw inputError(
                QT_TRANSLATE_NOOP("orderlens::core", "position %1 is beyond what model %2 handles (at most %3 positions)"),
                {std::to_string(positions[t]), id_, std::to_string(config_.max_len)});
        if (!types.empty() && types[t] != 0 && (types[t] < 0 || types[t] >= config_.type_vocab))
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "token type %1 is not known to model %2"),
                             {std::to_string(types[t]), id_});
    }
    const int d = config_.d_model, H = config_.n_heads, dh = config_.headDim();
    const SerialEigen serial(d < 256);  // small models: threads cost more than they save
    const float scale = 1.0f / std::sqrt(static_cast<float>(dh));

    if (ablation && !ablation->active())
        ablation = nullptr;
    Trace tr;
    tr.modelId = id_;
    tr.config = config_;
    if (ablation) {
        checkAblation(*ablation, config_.n_layers, H, dh);
        tr.surgery = ablation->surgery;
    }
    tr.tokens.reserve(ids.size());
    for (size_t t = 0; t < ids.size(); ++t)
        tr.tokens.push_back({vocabulary_->word(ids[t]), ids[t], positions[t], types.empty() ? 0 : types[t],
                             ids[t] == vocabulary_->unknownId()});

    // The word rows as they are added: embedding_scale x the stored row (sqrt(d_model) for the
    // sinusoidal built-in, so the word is not drowned by the position rows of norm sqrt(d/2)).
    tr.embedding = Matrix(T, d);
    for (Eigen::Index t = 0; t < T; ++t)
        tr.embedding.row(t) = config_.embedding_scale * weights_.wordTable.row(ids[static_cast<size_t>(t)]);
    tr.position = positionRows(positions);
    Matrix sum = tr.embedding + tr.position;
    if (config_.type_vocab > 0)
        for (Eigen::Index t = 0; t < T; ++t)
            sum.row(t) += weights_.tokenTypeTable.row(types.empty() ? 0 : types[static_cast<size_t>(t)]);
    tr.input = config_.embedding_norm
                   ? layerNorm(sum, weights_.embeddingNormGain, weights_.embeddingNormBias, config_.ln_eps)
                   : std::move(sum);
    if (!allFinite(tr.embedding) || !allFinite(tr.input))
        overflowed(id_, QT_TRANSLATE_NOOP("orderlens::core",
                                          "model '%1' overflows in its embeddings (the word, position and type rows "
                                          "added give NaN or infinity): its weights are too large to compute with"));

    const std::vector<float> slopes = config_.pe == PositionScheme::Alibi ? alibiSlopes(H) : std::vector<float>{};
    Matrix x = tr.input;
    tr.layers.resize(static_cast<size_t>(config_.n_layers));
    for (int l = 0; l < config_.n_layers; ++l) {
        const LayerWeights& w = weights_.layers[static_cast<size_t>(l)];
        LayerTrace& lt = tr.layers[static_cast<size_t>(l)];
        const bool pre = config_.norm == NormPlacement::Pre;
        lt.attentionInput = pre ? layerNorm(x, w.norm1Gain, w.norm1Bias, config_.ln_eps) : x;
        // q, k, v: (T, d); head h owns columns [h*dh, (h+1)*dh).
        const Matrix q = project(l, Query, lt.attentionInput, w.queryWeight, w.queryBias);
        const Matrix k = project(l, Key, lt.attentionInput, w.keyWeight, w.keyBias);
        const Matrix v = project(l, Value, lt.attentionInput, w.valueWeight, w.valueBias);
        Matrix context(T, d);
        for (auto* perHead : {&lt.queries, &lt.keys, &lt.values, &lt.logits, &lt.attention})
            perHead->resize(static_cast<size_t>(H));
        // Heads are independent: one per thread when the sentence is long enough to pay for it.
        const bool parallelHeads = double(T) * double(T) * double(d) > 1e6 && !omp_in_parallel();
#pragma omp parallel for schedule(dynamic) if (parallelHeads)
        for (int h = 0; h < H; ++h) {
            const auto hh = static_cast<size_t>(h);
            Matrix qh = q.middleCols(h * dh, dh), kh = k.middleCols(h * dh, dh);
            if (config_.pe == PositionScheme::Rope) {
                applyRope(qh, positions, config_.rope_base);
                applyRope(kh, positions, config_.rope_base);
            }
            Matrix logits = timesTransposed(qh, kh) * scale;
            if (config_.pe == PositionScheme::Alibi)
                for (Eigen::Index a = 0; a < T; ++a)
                    for (Eigen::Index b = 0; b < T; ++b)
                        logits(a, b) += alibiBias(slopes[hh], h, positions[static_cast<size_t>(a)],
                                                  positions[static_cast<size_t>(b)]);
            Matrix att = logits;
            softmaxRows(att);
            Matrix vh = v.middleCols(h * dh, dh);
            // (a v)^T = v^T a^T: the value columns as the kernel's token rows, the attention rows
            // as its weight rows (read in place, not packed).
            Matrix headOutput = timesTransposed(vh.transpose(), att).transpose();
            if (ablation)
                ablateHead(*ablation, l, h, false, att, headOutput, vh);
            context.middleCols(h * dh, dh) = headOutput;
            lt.queries[hh] = std::move(qh);
            lt.keys[hh] = std::move(kh);
            lt.values[hh] = std::move(vh);
            lt.logits[hh] = std::move(logits);
            lt.attention[hh] = std::move(att);
        }
        const Matrix attended = project(l, Output, context, w.outputWeight, w.outputBias);
        lt.context = std::move(context);
        if (pre) {
            x += attended;
            Matrix hidden = project(l, FfnIn, layerNorm(x, w.norm2Gain, w.norm2Bias, config_.ln_eps), w.ffnInWeight, w.ffnInBias);
            activate(hidden, config_.activation);
            x += project(l, FfnOut, hidden, w.ffnOutWeight, w.ffnOutBias);
        } else {
            x = layerNorm(x + attended, w.norm1Gain, w.norm1Bias, config_.ln_eps);
            Matrix hidden = project(l, FfnIn, x, w.ffnInWeight, w.ffnInBias);
            activate(hidden, config_.activation);
            x = layerNorm(x + project(l, FfnOut, hidden, w.ffnOutWeight, w.ffnOutBias), w.norm2Gain, w.norm2Bias, config_.ln_eps);
        }
        lt.output = x;
        if (!layerIsFinite(lt))
            overflowed(id_,
                       QT_TRANSLATE_NOOP("orderlens::core",
                                         "model '%1' overflows in layer %2 of %3 (its attention or output holds NaN or "
                                         "infinity): its weights are too large to compute with"),
                       {std::to_string(l), std::to_string(config_.n_layers)});
    }
    if (config_.n_roles > 0) {
        const bool finalNorm = config_.final_norm && config_.norm == NormPlacement::Pre && config_.n_layers > 0;
        Matrix z = finalNorm ? layerNorm(x, weights_.finalNormGain, weights_.finalNormBias, config_.ln_eps) : x;
        tr.roleProbabilities = linear(z, weights_.roleWeight, weights_.roleBias);
        softmaxRows(tr.roleProbabilities);
        if (!allFinite(tr.roleProbabilities))
            overflowed(id_, QT_TRANSLATE_NOOP("orderlens::core",
                                              "model '%1' overflows in its role head (NaN or infinity): its weights "
                                              "are too large to compute with"));
    }
    if (withTerms && config_.pe == PositionScheme::Rope) {
        tr.ropeTerms = ropeTerms(*this, tr);
        for (const auto& layer : tr.ropeTerms)
            for (const RopeHeadTerms& head : layer)
                if (!allFinite(head.content) || !allFinite(head.position) || !allFinite(head.pairs) ||
                    !allFinite(head.pairPositions))
                    overflowed(id_, QT_TRANSLATE_NOOP("orderlens::core",
                                                      "model '%1' overflows in the RoPE terms of its logits (content, "
                                                      "position and frequency-pair parts give NaN or infinity): its "
                                                      "weights are too large to compute with"));
    }
    if (withTerms && config_.n_layers > 0 && config_.pe != PositionScheme::Rope) {
        tr.terms = decomposeLayer0(*this, tr, types);
        const LogitTerms& t = *tr.terms;
        if (!allFinite(t.ee) || !allFinite(t.ep) || !allFinite(t.pe) || !allFinite(t.pp) || !allFinite(t.bias))
            overflowed(id_, QT_TRANSLATE_NOOP("orderlens::core",
                                              "model '%1' overflows in the terms of layer 0's logits (content and "
                                              "position parts give NaN or infinity): its weights are too large to "
                                              "compute with"));
    }
    return tr;
}

// ---- files ---------------------------------------------------------------------------

namespace {
constexpr const char* kConfigKey = "orderlens_config";
constexpr const char* kVocabularyKey = "orderlens_vocabulary";
constexpr const char* kFormatKey = "orderlens_format";

std::vector<NamedTensor> namedTensors(ModelWeights& w, const ModelConfig& c)
{
    std::vector<NamedTensor> out;
    for (const auto& s : tensorSlots(w, c))
        out.push_back({s.name, s.value, s.isVector});
    for (const auto& [name, m] : w.extra)
        out.push_back({name, &m, false});
    return out;
}

std::map<std::string, std::string> fileMetadata(const ModelConfig& c, const Vocabulary& v)
{
    nlohmann::json words = nlohmann::json::array();
    for (const auto& e : v.entries())
        words.push_back({e.word, e.wordClass});
    return {{kFormatKey, "1"}, {kConfigKey, nlohmann::json(c).dump()}, {kVocabularyKey, words.dump()}};
}

// The lexicon in the metadata: a JSON array of [word, word class] pairs.
std::vector<LexiconEntry> metadataLexicon(const std::string& text, const std::string& id)
{
    nlohmann::json words;
    try {
        words = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: the model's metadata is not valid: %2"),
                        {id, std::string(e.what()).substr(0, 200)});
    }
    constexpr const char* kBadEntry =
        QT_TRANSLATE_NOOP("orderlens::core", "%1: metadata '%2' entry %3 must be [word, word class] (two strings)");
    if (!words.is_array())
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: metadata '%2' must be a JSON array of [word, word class]"),
                        {id, kVocabularyKey});
    std::vector<LexiconEntry> entries;
    entries.reserve(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
        const nlohmann::json& item = words[i];
        if (!item.is_array() || item.size() != 2 || !item[0].is_string() || !item[1].is_string())
            throw fileError(kBadEntry, {id, kVocabularyKey, std::to_string(i)});
        entries.push_back({item[0].get<std::string>(), item[1].get<std::string>()});
    }
    return entries;
}

std::vector<int64_t> slotShape(const TensorSlot& slot)
{
    return slot.isVector ? std::vector<int64_t>{slot.cols} : std::vector<int64_t>{slot.rows, slot.cols};
}

Model modelFromFile(const SafetensorsFile& file, const std::string& id)
{
    const auto& meta = file.metadata();
    if (!meta.count(kConfigKey) || !meta.count(kVocabularyKey))
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core",
                                          "%1: not an OrderLens model file (no '%2' in the safetensors metadata); "
                                          "a HuggingFace folder is opened by its folder path"),
                        {id, kConfigKey});
    ModelConfig config;
    try {
        config = nlohmann::json::parse(meta.at(kConfigKey)).get<ModelConfig>();
    } catch (const nlohmann::json::exception& e) {
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1: the model's metadata is not valid: %2"),
                        {id, std::string(e.what()).substr(0, 200)});
    } catch (const Error& e) {
        throw errorInFile(id, e);
    }
    const std::vector<LexiconEntry> entries = metadataLexicon(meta.at(kVocabularyKey), id);
    if (static_cast<long long>(entries.size()) != config.vocab)
        throw fileError(
            QT_TRANSLATE_NOOP("orderlens::core", "model '%1': the vocabulary has %2 words but the word table has %3 rows"),
            {id, std::to_string(entries.size()), std::to_string(config.vocab)});

    // Every tensor the config implies must be in the header with its shape before anything sized
    // by the config is allocated: the file bounds the config, not the other way round.
    ModelWeights w;
    std::vector<TensorSlot> slots = tensorSlots(w, config);
    for (const TensorSlot& slot : slots) {
        if (!file.contains(slot.name))
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "%1 is corrupted or incomplete: tensor '%2' is missing"),
                            {id, slot.name});
        file.requireShape(slot.name, slotShape(slot));
    }
    std::vector<std::string> known;
    for (const TensorSlot& slot : slots) {
        *slot.value = file.matrix(slot.name, slotShape(slot));
        known.push_back(slot.name);
    }
    // Tensors the forward pass does not use: 2-D ones are kept (and saved again); all are refused
    // when they hold NaN or infinity.
    for (const auto& name : file.names())
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            const auto& info = file.info(name);
            if (info.shape.size() == 2 && info.dtype != DType::Other)
                w.extra[name] = file.matrix(name, info.shape);
            else
                file.requireFinite(name);
        }
    std::shared_ptr<const Vocabulary> vocabulary;
    try {
        vocabulary = std::make_shared<const Vocabulary>(entries);
    } catch (const Error& e) {  // e.g. a word listed twice: say which file
        throw errorInFile(id, e);
    }
    return Model(id, config, std::move(vocabulary), std::move(w));
}
}  // namespace

Model Model::fromSafetensorsBytes(const std::uint8_t* data, size_t size, const std::string& id)
{
    return modelFromFile(SafetensorsFile::parse(data, size, id), id);
}

void Model::packWeights()
{
    packed_.clear();
    const auto large = [](const Matrix& m) { return double(m.size()) >= double(1 << 18); };
    if (!hasLibraryProduct() || weights_.layers.empty() || !large(weights_.layers[0].ffnInWeight))
        return;
    packed_.resize(weights_.layers.size());
    for (size_t l = 0; l < weights_.layers.size(); ++l) {
        LayerWeights& w = weights_.layers[l];
        const std::array<Matrix*, kSlots> slots{&w.queryWeight, &w.keyWeight,    &w.valueWeight,
                                                &w.outputWeight, &w.ffnInWeight, &w.ffnOutWeight};
        for (int s = 0; s < kSlots; ++s)
            if (large(*slots[size_t(s)]))
                packed_[l][size_t(s)] = PackedWeights::pack(slots[size_t(s)]->data(), slots[size_t(s)]->rows(),
                                                            slots[size_t(s)]->cols(), slots[size_t(s)]->outerStride());
        for (const Slot s : {FfnIn, FfnOut})
            if (packed_[l][s])
                *slots[s] = Matrix();  // kept packed only
    }
}

ModelWeights Model::fullWeights() const
{
    ModelWeights copy = weights_;
    for (size_t l = 0; l < packed_.size(); ++l)
        for (const Slot s : {FfnIn, FfnOut}) {
            Matrix& m = s == FfnIn ? copy.layers[l].ffnInWeight : copy.layers[l].ffnOutWeight;
            if (const auto& p = packed_[l][s]; p && m.size() == 0) {
                m = Matrix(p->out(), p->depth());
                p->unpack(m.data());
            }
        }
    return copy;
}

ModelWeights& Model::mutableWeights()
{
    if (!packed_.empty()) {
        weights_ = fullWeights();
        packed_.clear();
    }
    return weights_;
}

size_t Model::packedBytes() const
{
    size_t bytes = 0;
    for (const auto& layer : packed_)
        for (const auto& p : layer)
            bytes += p ? p->bytes() : 0;
    return bytes;
}

Matrix Model::project(int layer, Slot slot, const MatrixRef& x, const Matrix& weight, const Matrix& bias) const
{
    if (!packed_.empty())
        if (const auto& p = packed_[size_t(layer)][slot]) {
            Matrix y(x.rows(), p->out());
            if (p->product(x.data(), x.outerStride(), x.rows(), bias.data(), y.data(), y.outerStride()))
                return y;
            if (weight.size() == 0) {  // refused, and kept packed only: from a row-major copy
                Matrix w(p->out(), p->depth());
                p->unpack(w.data());
                return linear(x, w, bias);
            }
        }
    return linear(x, weight, bias);
}

Model Model::load(const std::string& path) { return modelFromFile(SafetensorsFile::open(path), path); }

void Model::save(const std::string& path) const
{
    ModelWeights copy = fullWeights();
    writeSafetensors(path, namedTensors(copy, config_), fileMetadata(config_, *vocabulary_));
}

std::vector<std::uint8_t> Model::serialize() const
{
    ModelWeights copy = fullWeights();
    return serializeSafetensors(namedTensors(copy, config_), fileMetadata(config_, *vocabulary_));
}

// ---- Trace helpers -------------------------------------------------------------------

std::vector<int> Trace::tokenIds() const
{
    std::vector<int> ids;
    for (const auto& t : tokens)
        ids.push_back(t.id);
    return ids;
}

int Trace::predictedRole(int token) const
{
    if (roleProbabilities.size() == 0)
        return -1;
    Eigen::Index best = 0;
    roleProbabilities.row(token).maxCoeff(&best);
    return static_cast<int>(best);
}

}  // namespace orderlens
