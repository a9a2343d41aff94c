#pragma once
// WordPiece as HuggingFace's tokenizers runs it (models/wordpiece): greedy longest match from the
// left, pieces after the first looked up with continuing_subword_prefix ("##"); a word longer
// than max_input_chars_per_word code points, or one the vocabulary cannot cover, is one unk_token.
#include "model_vocabulary.h"
#include "subword_model.h"

namespace orderlens {

struct WordPieceOptions {
    std::string unkToken = "[UNK]";
    std::string continuingSubwordPrefix = "##";
    size_t maxInputCharsPerWord = 100;
};

class WordPieceModel : public SubwordModel {
public:
    WordPieceModel(ModelVocabulary vocabulary, WordPieceOptions options);
    void tokenize(std::u32string_view word, std::vector<SubwordPiece>& out) const override;
    int idOf(std::string_view token) const override { return vocabulary_.idOf(token); }
    const std::string* tokenOf(int id) const override { return vocabulary_.tokenOf(id); }
    int idLimit() const override { return vocabulary_.idLimit(); }
    size_t vocabularySize() const override { return vocabulary_.size(); }

private:
    ModelVocabulary vocabulary_;
    WordPieceOptions options_;
};

}  // namespace orderlens
