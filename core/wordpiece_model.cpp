#include "wordpiece_model.h"

#include "errors.h"
#include "normalized_text.h"

namespace orderlens {

WordPieceModel::WordPieceModel(ModelVocabulary vocabulary, WordPieceOptions options)
    : vocabulary_(std::move(vocabulary)), options_(std::move(options))
{
}

void WordPieceModel::tokenize(std::u32string_view word, std::vector<SubwordPiece>& out) const
{
    const auto n = static_cast<uint32_t>(word.size());
    const auto unknown = [&] {
        const int id = vocabulary_.idOf(options_.unkToken);
        if (id < 0)
            throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "the unk_token '%1' is not in the vocabulary"), {options_.unkToken});
        out.push_back({id, 0, n});
    };
    if (word.size() > options_.maxInputCharsPerWord)
        return unknown();
    const size_t first = out.size();
    std::string piece;
    for (uint32_t start = 0; start < n;) {
        int found = -1;
        uint32_t end = n;
        for (; end > start; --end) {
            piece = start > 0 ? options_.continuingSubwordPrefix : std::string();
            piece += toUtf8(word.substr(start, end - start));
            found = vocabulary_.idOf(piece);
            if (found >= 0)
                break;
        }
        if (found < 0) {
            out.resize(first);
            return unknown();
        }
        out.push_back({found, start, end});
        start = end;
    }
}

}  // namespace orderlens
