#include "bert_checkpoint.h"

#include "errors.h"
#include "file_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace orderlens {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& source, const Error& cause) { throw errorInFile(source, cause); }

[[noreturn]] void fail(const std::string& source, const char* messageTemplate, std::vector<std::string> values)
{
    fail(source, fileError(messageTemplate, std::move(values)));
}


// An integer field of config.json (absent or null: HuggingFace's default), never coerced.
int intField(const json& j, const char* key, int fallback, int lowest, int highest, const std::string& source)
{
    if (!j.contains(key) || j.at(key).is_null())
        return fallback;
    try {
        return integerField(j.at(key), key, lowest, highest);
    } catch (const Error& e) {
        fail(source, e);
    }
}

std::string stringField(const json& j, const char* key, const std::string& fallback, const std::string& source)
{
    if (!j.contains(key) || j.at(key).is_null())
        return fallback;
    if (!j.at(key).is_string())
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" must be a string"), {key});
    return j.at(key).get<std::string>();
}

std::optional<bool> boolField(const json& j, const char* key, const std::string& source)
{
    if (!j.contains(key) || j.at(key).is_null())
        return std::nullopt;
    if (!j.at(key).is_boolean())
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" must be true or false"), {key});
    return j.at(key).get<bool>();
}

// A special token is written as "[UNK]" or as {"content": "[UNK]", ...} (AddedToken).
std::string tokenField(const json& j, const char* key, const std::string& fallback, const std::string& source)
{
    if (!j.contains(key) || j.at(key).is_null())
        return fallback;
    const json& v = j.at(key);
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_object() && v.contains("content") && v.at("content").is_string())
        return v.at("content").get<std::string>();
    fail(source, QT_TRANSLATE_NOOP("orderlens::core", "\"%1\" must be a string or an object with \"content\""), {key});
}

// config.json, vocab.txt, tokenizer files: regular files of at most 64 MB (a pipe or a device is
// refused at once, never waited on).
std::string readFile(const fs::path& path) { return readRegularFile(path.string(), 64ull << 20); }

// Our slot name -> HuggingFace BertModel key (without "bert.").
std::string huggingFaceName(const std::string& slot)
{
    static const std::pair<const char*, const char*> kEmbeddings[] = {
        {"embeddings.word", "embeddings.word_embeddings.weight"},
        {"embeddings.position", "embeddings.position_embeddings.weight"},
        {"embeddings.token_type", "embeddings.token_type_embeddings.weight"},
        {"embeddings.norm.weight", "embeddings.LayerNorm.weight"},
        {"embeddings.norm.bias", "embeddings.LayerNorm.bias"},
    };
    for (const auto& [ours, theirs] : kEmbeddings)
        if (slot == ours)
            return theirs;
    // "layers.<n>.<part>.<weight|bias>"
    static const std::pair<const char*, const char*> kLayerParts[] = {
        {"attention.query.", "attention.self.query."},   {"attention.key.", "attention.self.key."},
        {"attention.value.", "attention.self.value."},   {"attention.output.", "attention.output.dense."},
        {"norm1.", "attention.output.LayerNorm."},       {"norm2.", "output.LayerNorm."},
        {"ffn.in.", "intermediate.dense."},              {"ffn.out.", "output.dense."},
    };
    const size_t afterIndex = slot.find('.', 7) + 1;  // past "layers.<n>."
    const std::string layer = slot.substr(7, afterIndex - 8), rest = slot.substr(afterIndex);
    for (const auto& [ours, theirs] : kLayerParts) {
        const std::string prefix = ours;
        if (rest.rfind(prefix, 0) == 0)
            return "encoder.layer." + layer + "." + theirs + rest.substr(prefix.size());
    }
    throw inputError("internal: no HuggingFace name for tensor slot '" + slot + "'");
}

// The key of `name` in the file: with the checkpoint's prefix, and LayerNorm gamma/beta accepted.
std::string fileKey(const SafetensorsFile& file, const std::string& prefix, const std::string& name)
{
    const std::string key = prefix + name;
    if (file.contains(key) || name.find("LayerNorm.") == std::string::npos)
        return key;
    const bool isWeight = key.size() >= 7 && key.compare(key.size() - 7, 7, ".weight") == 0;
    const std::string old = key.substr(0, key.rfind('.') + 1) + (isWeight ? "gamma" : "beta");
    return file.contains(old) ? old : key;
}

}  // namespace

BertConfig parseBertConfig(std::string_view jsonText, const std::string& source)
{
    const json j = parseJsonObject(jsonText, source);
    if (j.contains("model_type")) {
        const std::string type = stringField(j, "model_type", "", source);
        if (type != "bert")
            fail(source,
                 QT_TRANSLATE_NOOP("orderlens::core",
                                   "model_type '%1' is not supported: OrderLens opens BERT checkpoints (model_type \"bert\")"),
                 {type.substr(0, 80)});
    } else {
        bool bertArchitecture = false;
        if (j.contains("architectures") && j.at("architectures").is_array())
            for (const json& a : j.at("architectures"))
                bertArchitecture = bertArchitecture || (a.is_string() && a.get<std::string>().rfind("Bert", 0) == 0);
        if (!bertArchitecture)
            fail(source, QT_TRANSLATE_NOOP("orderlens::core", "no \"model_type\": OrderLens opens BERT checkpoints (model_type \"bert\")"),
                 {});
    }
    const std::string act = stringField(j, "hidden_act", "gelu", source);
    if (act != "gelu" && act != "relu")
        fail(source,
             QT_TRANSLATE_NOOP("orderlens::core", "hidden_act '%1' is not supported: OrderLens runs \"gelu\" (exact erf) and \"relu\""),
             {act.substr(0, 80)});
    const std::string positions = stringField(j, "position_embedding_type", "absolute", source);
    if (positions != "absolute")
        fail(source,
             QT_TRANSLATE_NOOP("orderlens::core",
                               "position_embedding_type '%1' is not supported: OrderLens runs absolute (learned) positions"),
             {positions.substr(0, 80)});
    if (boolField(j, "is_decoder", source).value_or(false))
        fail(source,
             QT_TRANSLATE_NOOP("orderlens::core", "\"is_decoder\" is true: OrderLens runs BERT as an encoder (attention to every token)"),
             {});

    // Defaults are HuggingFace's BertConfig defaults (bert-base).
    BertConfig out;
    ModelConfig& c = out.model;
    c.vocab = intField(j, "vocab_size", 30522, 1, kMaxVocab, source);
    c.d_model = intField(j, "hidden_size", 768, 1, kMaxWidth, source);
    c.n_layers = intField(j, "num_hidden_layers", 12, 0, kMaxLayers, source);
    c.n_heads = intField(j, "num_attention_heads", 12, 1, kMaxWidth, source);
    c.d_ff = intField(j, "intermediate_size", 3072, 1, kMaxFeedForward, source);
    c.max_len = intField(j, "max_position_embeddings", 512, 1, kMaxPositions, source);
    c.type_vocab = intField(j, "type_vocab_size", 2, 0, kMaxTokenTypes, source);
    c.ln_eps = 1e-12f;
    if (j.contains("layer_norm_eps") && !j.at("layer_norm_eps").is_null()) {
        try {  // read wide and range-checked, so it narrows to a normal float
            c.ln_eps = static_cast<float>(numberField(j.at("layer_norm_eps"), "layer_norm_eps", kMinLnEps, kMaxLnEps));
        } catch (const Error& e) {
            fail(source, e);
        }
    }
    c.pe = PositionScheme::Learned;
    c.norm = NormPlacement::Post;
    c.activation = act == "gelu" ? Activation::Gelu : Activation::Relu;
    c.n_roles = 0;
    c.embedding_norm = true;
    c.final_norm = false;
    try {
        c.validate();
    } catch (const Error& e) {
        fail(source, e);
    }
    out.lowerCase = boolField(j, "do_lower_case", source);
    return out;
}

BertTokenizerOptions parseTokenizerConfig(std::string_view jsonText, const std::string& source,
                                          BertTokenizerOptions o)
{
    const json j = parseJsonObject(jsonText, source);
    o.lowerCase = boolField(j, "do_lower_case", source).value_or(o.lowerCase);
    if (const auto strip = boolField(j, "strip_accents", source))
        o.stripAccents = strip;
    o.splitChineseChars = boolField(j, "tokenize_chinese_chars", source).value_or(o.splitChineseChars);
    o.unkToken = tokenField(j, "unk_token", o.unkToken, source);
    o.sepToken = tokenField(j, "sep_token", o.sepToken, source);
    o.padToken = tokenField(j, "pad_token", o.padToken, source);
    o.clsToken = tokenField(j, "cls_token", o.clsToken, source);
    o.maskToken = tokenField(j, "mask_token", o.maskToken, source);
    return o;
}

std::vector<std::string> parseBertVocab(std::string_view text, const std::string& source)
{
    std::vector<std::string> words;
    while (!text.empty()) {
        const size_t nl = text.find('\n');
        words.emplace_back(text.substr(0, nl));
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    }
    if (words.empty())
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "the vocabulary is empty"), {});
    return words;
}

namespace {
std::string bertPrefix(const SafetensorsFile& file)
{
    const std::string prefix = file.contains("bert.embeddings.word_embeddings.weight") ? "bert." : "";
    if (!file.contains(prefix + "embeddings.word_embeddings.weight"))
        fail(file.sourceName(),
             QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1' (or '%2') is missing: not a BERT checkpoint, or an incomplete one"),
             {"embeddings.word_embeddings.weight", "bert.embeddings.word_embeddings.weight"});
    return prefix;
}

std::vector<int64_t> slotShape(const TensorSlot& slot)
{
    return slot.isVector ? std::vector<int64_t>{slot.cols} : std::vector<int64_t>{slot.rows, slot.cols};
}
}  // namespace

std::vector<std::string> requireBertShapes(const SafetensorsFile& file, const ModelConfig& config)
{
    const std::string prefix = bertPrefix(file);
    ModelWeights none;  // tensorSlots() only sizes the list of layers
    std::vector<std::string> keys;
    for (const TensorSlot& slot : tensorSlots(none, config)) {
        keys.push_back(fileKey(file, prefix, huggingFaceName(slot.name)));
        file.requireShape(keys.back(), slotShape(slot));
    }
    return keys;
}

ModelWeights bertWeights(const SafetensorsFile& file, const ModelConfig& config)
{
    const std::vector<std::string> keys = requireBertShapes(file, config);
    ModelWeights w;
    const std::vector<TensorSlot> slots = tensorSlots(w, config);
    for (size_t i = 0; i < slots.size(); ++i)
        *slots[i].value = file.matrix(keys[i], slotShape(slots[i]));
    // The pooler, "cls.*" heads and the rest are not used, but a NaN in them is corruption all the same.
    for (const std::string& name : file.names())
        if (std::find(keys.begin(), keys.end(), name) == keys.end())
            file.requireFinite(name);
    return w;
}

Model loadBertFolder(const std::string& folderPath)
{
    const fs::path folder(folderPath);
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "'%1' is not a folder"), {folderPath});
    auto has = [&](const char* name) { return fs::is_regular_file(folder / name, ec); };
    if (!has("config.json"))
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "'%1' has no config.json: not a HuggingFace model folder"),
                        {folderPath});
    if (!has("model.safetensors")) {
        if (has("model.safetensors.index.json"))
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core",
                                              "'%1' holds a checkpoint split into several safetensors files; "
                                              "OrderLens reads one model.safetensors"),
                            {folderPath});
        if (has("pytorch_model.bin"))
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core",
                                              "'%1' has only pytorch_model.bin (a PyTorch pickle, which OrderLens does "
                                              "not read). Convert it once to model.safetensors with Python and "
                                              "transformers: %2"),
                            {folderPath, "python3 -c \"from transformers import BertModel; m = BertModel.from_pretrained('" +
                                             folderPath + "'); m.save_pretrained('" + folderPath +
                                             "', safe_serialization=True)\""});
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "'%1' has no model.safetensors"), {folderPath});
    }
    if (!has("vocab.txt"))
        throw fileError(
            QT_TRANSLATE_NOOP("orderlens::core", "'%1' has no vocab.txt: the BERT tokenizer needs its word-piece vocabulary"),
            {folderPath});

    const std::string configPath = (folder / "config.json").string();
    const BertConfig config = parseBertConfig(readFile(configPath), configPath);
    BertTokenizerOptions options;
    options.lowerCase = config.lowerCase.value_or(options.lowerCase);
    if (has("tokenizer_config.json")) {
        const std::string path = (folder / "tokenizer_config.json").string();
        options = parseTokenizerConfig(readFile(path), path, options);
    }

    const std::string vocabPath = (folder / "vocab.txt").string();
    std::vector<std::string> words = parseBertVocab(readFile(vocabPath), vocabPath);
    if (static_cast<int>(words.size()) > config.model.vocab)
        fail(vocabPath, QT_TRANSLATE_NOOP("orderlens::core", "lists %1 word pieces, but config.json's vocab_size is %2"),
             {std::to_string(words.size()), std::to_string(config.model.vocab)});
    for (const std::string* special : {&options.unkToken, &options.clsToken, &options.sepToken})
        if (std::find(words.begin(), words.end(), *special) == words.end())
            fail(vocabPath, QT_TRANSLATE_NOOP("orderlens::core", "has no '%1' line, which BERT inputs need"), {*special});
    // Every tensor the config implies must be in the file with its shape before anything sized by
    // the config (the padded vocabulary, the weights) is allocated.
    const SafetensorsFile file = SafetensorsFile::open((folder / "model.safetensors").string());
    requireBertShapes(file, config.model);
    // Rows beyond the listed words (padded embedding tables) get names no text can produce.
    for (int row = static_cast<int>(words.size()); row < config.model.vocab; ++row)
        words.push_back("[row " + std::to_string(row) + " without a word]");
    auto vocabulary =
        std::make_shared<const Vocabulary>(Vocabulary::fromOrderedWords(std::move(words), options.unkToken));
    auto tokenizer = std::make_shared<const BertTokenizer>(vocabulary, options);

    ModelWeights weights = bertWeights(file, config.model);
    return Model(folderPath, config.model, vocabulary, std::move(weights), tokenizer);
}

void saveBertFolder(const Model& model, const std::string& folderPath)
{
    const ModelConfig& c = model.config();
    if (c.pe != PositionScheme::Learned || c.norm != NormPlacement::Post || !c.embedding_norm || c.n_roles != 0)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core",
                                           "only a BERT-shaped model (learned positions, post-LN, embedding LayerNorm, "
                                           "no role head) can be written as a HuggingFace BERT folder"),
                         {});
    if (c.embedding_scale != 1.0f)
        throw usageError(QT_TRANSLATE_NOOP("orderlens::core",
                                           "a HuggingFace BERT folder adds the word rows as stored, but this model "
                                           "multiplies them by embedding_scale %1 first"),
                         {std::to_string(c.embedding_scale)});
    for (const char* special : {"[UNK]", "[CLS]", "[SEP]"})
        if (model.vocabulary().id(special) < 0)
            throw usageError(
                QT_TRANSLATE_NOOP("orderlens::core", "the model's vocabulary has no '%1', which a BERT folder's vocab.txt needs"),
                {special});
    std::error_code ec;
    fs::create_directories(folderPath, ec);
    if (ec)
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "cannot create the folder '%1': %2"), {folderPath, ec.message()});
    const fs::path folder(folderPath);
    auto bytesOf = [](const std::string& text) { return std::vector<uint8_t>(text.begin(), text.end()); };

    json config = {{"architectures", {"BertModel"}},
                   {"model_type", "bert"},
                   {"vocab_size", c.vocab},
                   {"hidden_size", c.d_model},
                   {"num_hidden_layers", c.n_layers},
                   {"num_attention_heads", c.n_heads},
                   {"intermediate_size", c.d_ff},
                   {"max_position_embeddings", c.max_len},
                   {"type_vocab_size", c.type_vocab},
                   {"layer_norm_eps", c.ln_eps},
                   {"hidden_act", c.activation == Activation::Gelu ? "gelu" : "relu"},
                   {"position_embedding_type", "absolute"}};
    writeFileAtomically((folder / "config.json").string(), bytesOf(config.dump(2) + "\n"));

    // Rows past the listed words (padded tables) are left out: the loader pads them back.
    int words = model.vocabulary().size();
    auto isPadding = [&](int id) {
        const std::string& w = model.vocabulary().word(id);
        return w.rfind("[row ", 0) == 0 && w.size() > 16 && w.compare(w.size() - 16, 16, " without a word]") == 0;
    };
    while (words > 0 && isPadding(words - 1))
        --words;
    std::string vocab;
    for (int id = 0; id < words; ++id)
        vocab += model.vocabulary().word(id) + "\n";
    writeFileAtomically((folder / "vocab.txt").string(), bytesOf(vocab));

    // Every matrix (packed ones unpacked); tensorSlots() hands out pointers, here only read.
    ModelWeights weights = model.fullWeights();
    std::vector<NamedTensor> tensors;
    for (const TensorSlot& slot : tensorSlots(weights, c))
        tensors.push_back({huggingFaceName(slot.name), slot.value, slot.isVector});
    writeSafetensors((folder / "model.safetensors").string(), tensors, {{"format", "pt"}});
}

}  // namespace orderlens
