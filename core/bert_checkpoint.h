#pragma once
// HuggingFace BERT checkpoints: a folder holding
//   config.json             model_type "bert": sizes, layer_norm_eps, hidden_act "gelu" (exact erf)
//   vocab.txt               one word piece per line; the line number is the id
//   tokenizer_config.json   optional: do_lower_case, strip_accents, tokenize_chinese_chars, special tokens
//   model.safetensors       F32, F16 or BF16; keys with or without the "bert." prefix
// becomes a Model with pe = learned, norm = post, embedding LayerNorm and token types.
// Pooler, "cls.*" heads and "embeddings.position_ids" are ignored; LayerNorm "gamma"/"beta"
// (old TensorFlow-converted names) are read as "weight"/"bias".
// Every problem is an Error(BadFile) naming the file and what is wrong.
#include "bert_tokenizer.h"
#include "model.h"
#include "safetensors.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace orderlens {

// config.json -> the encoder's configuration. Also reads do_lower_case when config.json has it.
struct BertConfig {
    ModelConfig model;
    std::optional<bool> lowerCase;
};
BertConfig parseBertConfig(std::string_view jsonText, const std::string& sourceName);

// tokenizer_config.json on top of `base` (HuggingFace's defaults plus config.json's do_lower_case).
BertTokenizerOptions parseTokenizerConfig(std::string_view jsonText, const std::string& sourceName,
                                          BertTokenizerOptions base);

// vocab.txt as HuggingFace reads it: each line without its "\n" is a word; ids are line numbers.
std::vector<std::string> parseBertVocab(std::string_view text, const std::string& sourceName);

// The weights of `file` for `config` (HuggingFace key names). F32/F16/BF16 convert to float32,
// read straight into the weights' own memory, so memory stays near the file size.
// Unused tensors (pooler, "cls.*") are read in chunks and refused when they hold NaN or infinity.
ModelWeights bertWeights(const SafetensorsFile& file, const ModelConfig& config);
// The checks bertWeights() makes first, reading nothing: every tensor `config` implies is in the
// file with its shape and a float dtype. Returns the file's key for each of tensorSlots()' slots.
std::vector<std::string> requireBertShapes(const SafetensorsFile& file, const ModelConfig& config);

// Opens a whole folder (see above). The model's id is the folder path.
Model loadBertFolder(const std::string& folder);

// Writes a BERT-shaped model (learned positions, post-LN, embedding LayerNorm) as such a folder:
// config.json, vocab.txt (the model's words in id order) and an F32 model.safetensors with
// BertModel's key names. Creates the folder; each file is written whole or not at all.
// Throws Error(Usage) for a model of another shape, Error(BadFile) when a file cannot be written.
void saveBertFolder(const Model& model, const std::string& folder);

}  // namespace orderlens
