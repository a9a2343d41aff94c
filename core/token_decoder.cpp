#include "token_decoder.h"

#include "byte_level.h"
#include "normalized_text.h"
#include "tokenizer_json.h"
#include "unicode_regex.h"

namespace orderlens {

namespace {

using tokenizer_json::Json;
const std::string kReplacementChar = "\xEF\xBF\xBD";

// The length of the valid UTF-8 sequence at s[i], or 0.
size_t validSequence(const std::string& s, size_t i)
{
    std::u32string cps;
    for (size_t len = 1; len <= 4 && i + len <= s.size(); ++len)
        if (toCodePoints(std::string_view(s).substr(i, len), cps) && cps.size() == 1)
            return len;
    return 0;
}

// The length of the longest prefix at s[i] that could start a valid sequence (at least 1).
size_t invalidPart(const std::string& s, size_t i)
{
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t need = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 1;
    size_t len = 1;
    for (; len < need && i + len < s.size(); ++len) {
        const auto c = static_cast<unsigned char>(s[i + len]);
        unsigned char lo = 0x80, hi = 0xBF;
        if (len == 1) {
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        }
        if (c < lo || c > hi)
            break;
    }
    return len;
}

class ByteLevelDecoder : public TokenDecoder {
public:
    std::vector<std::string> decodeChain(std::vector<std::string> tokens) const override
    {
        std::string bytes;
        for (const std::string& t : tokens) {
            const auto b = byte_level::bytesOfPiece(t);
            bytes += b ? *b : t;
        }
        return {utf8Lossy(bytes)};
    }
    void describe(PieceReading& r) const override { r.byteLevel = true; }
};

bool byteToken(const std::string& t, uint8_t& value)
{
    if (t.size() != 6 || t.compare(0, 3, "<0x") != 0 || t[5] != '>')
        return false;
    const auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    const int hi = hex(t[3]), lo = hex(t[4]);
    if (hi < 0 || lo < 0)
        return false;
    value = static_cast<uint8_t>(hi * 16 + lo);
    return true;
}

class ByteFallbackDecoder : public TokenDecoder {
public:
    std::vector<std::string> decodeChain(std::vector<std::string> tokens) const override
    {
        std::vector<std::string> out;
        std::string run;
        const auto flush = [&] {
            if (run.empty())
                return;
            std::u32string cps;
            if (toCodePoints(run, cps))
                out.push_back(run);
            else
                out.insert(out.end(), run.size(), kReplacementChar);
            run.clear();
        };
        for (std::string& t : tokens) {
            uint8_t b;
            if (byteToken(t, b)) {
                run += static_cast<char>(b);
                continue;
            }
            flush();
            out.push_back(std::move(t));
        }
        flush();
        return out;
    }
    void describe(PieceReading& r) const override { r.byteFallback = true; }
};

class FuseDecoder : public TokenDecoder {
public:
    std::vector<std::string> decodeChain(std::vector<std::string> tokens) const override
    {
        std::string all;
        for (const std::string& t : tokens)
            all += t;
        return {all};
    }
    void describe(PieceReading&) const override {}
};

class StripDecoder : public TokenDecoder {
public:
    StripDecoder(char32_t content, size_t start, size_t stop) : content_(content), start_(start), stop_(stop) {}
    std::vector<std::string> decodeChain(std::vector<std::string> tokens) const override
    {
        for (std::string& t : tokens) {
            const std::u32string s = toCodePoints(t);
            size_t begin = 0, end = s.size();
            while (begin < start_ && begin < s.size() && s[begin] == content_)
                ++begin;
            for (size_t k = 0; k < stop_ && end > begin && s[end - 1] == content_; ++k)
                --end;
            t = toUtf8(std::u32string_view(s).substr(begin, end - begin));
        }
        return tokens;
    }
    void describe(PieceReading&) const override {}

private:
    char32_t content_;
    size_t start_, stop_;
};

class ReplaceDecoder : public TokenDecoder {
public:
    ReplaceDecoder(const tokenizer_json::PatternField& p, std::string content)
        : pattern_(p.regex ? UnicodeRegex(p.text) : UnicodeRegex::literal(p.text)), literal_(p.regex ? "" : p.text),
          content_(std::move(content))
    {
    }
    std::vector<std::string> decodeChain(std::vector<std::string> tokens) const override
    {
        for (std::string& t : tokens) {
            const std::u32string s = toCodePoints(t);
            std::string out;
            size_t at = 0;
            for (const auto& [b, e] : pattern_.findAll(s)) {
                out += toUtf8(std::u32string_view(s).substr(at, b - at)) + content_;
                at = e;
            }
            out += toUtf8(std::u32string_view(s).substr(at));
            t = std::move(out);
        }
        return tokens;
    }
    void describe(PieceReading& r) const override
    {
        if (!literal_.empty())
            r.replacements.emplace_back(literal_, content_);
    }

private:
    UnicodeRegex pattern_;
    std::string literal_, content_;
};

class MetaspaceDecoder : public TokenDecoder {
public:
    MetaspaceDecoder(char32_t replacement, bool prepends) : replacement_(replacement), prepends_(prepends) {}
    std::vector<std::string> decodeChain(std::vector<std::string> tokens) const override
    {
        for (size_t i = 0; i < tokens.size(); ++i) {
            std::u32string out;
            for (char32_t c : toCodePoints(tokens[i])) {
                if (c != replacement_)
                    out += c;
                else if (!(i == 0 && prepends_))
                    out += U' ';
            }
            tokens[i] = toUtf8(out);
        }
        return tokens;
    }
    void describe(PieceReading& r) const override { r.replacements.emplace_back(toUtf8(std::u32string(1, replacement_)), " "); }

private:
    char32_t replacement_;
    bool prepends_;
};

void replaceAll(std::string& s, const std::string& from, const std::string& to)
{
    for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
}

class WordPieceDecoder : public TokenDecoder {
public:
    WordPieceDecoder(std::string prefix, bool cleanup) : prefix_(std::move(prefix)), cleanup_(cleanup) {}
    std::vector<std::string> decodeChain(std::vector<std::string> tokens) const override
    {
        for (size_t i = 0; i < tokens.size(); ++i) {
            std::string& t = tokens[i];
            if (i != 0) {
                if (!prefix_.empty() && t.compare(0, prefix_.size(), prefix_) == 0)
                    t.erase(0, prefix_.size());
                else
                    t.insert(0, " ");
            }
            if (cleanup_) {
                // HuggingFace's cleanup of spaces before punctuation and contractions.
                for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
                         {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"}, {" n't", "n't"}, {" 'm", "'m"},
                         {" do not", " don't"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"}})
                    replaceAll(t, from, to);
            }
        }
        return tokens;
    }
    void describe(PieceReading& r) const override { r.wordPiecePrefix = prefix_; }

private:
    std::string prefix_;
    bool cleanup_;
};

class SequenceDecoder : public TokenDecoder {
public:
    explicit SequenceDecoder(std::vector<std::unique_ptr<TokenDecoder>> steps) : steps_(std::move(steps)) {}
    std::vector<std::string> decodeChain(std::vector<std::string> tokens) const override
    {
        for (const auto& s : steps_)
            tokens = s->decodeChain(std::move(tokens));
        return tokens;
    }
    void describe(PieceReading& r) const override
    {
        for (const auto& s : steps_)
            s->describe(r);
    }

private:
    std::vector<std::unique_ptr<TokenDecoder>> steps_;
};

char32_t oneChar(const Json& c, const char* name, const std::string& fallback, const std::string& where)
{
    const std::u32string s = toCodePoints(tokenizer_json::stringField(c, name, fallback, where));
    if (s.size() != 1)
        throw tokenizer_json::wrongType(where, name, tokenizer_json::Expected::OneCharacter);
    return s[0];
}

}  // namespace

std::string utf8Lossy(const std::string& bytes)
{
    std::string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) {
        const size_t ok = validSequence(bytes, i);
        if (ok > 0) {
            out.append(bytes, i, ok);
            i += ok;
        } else {
            out += kReplacementChar;
            i += invalidPart(bytes, i);
        }
    }
    return out;
}

std::unique_ptr<TokenDecoder> readDecoder(const Json& c)
{
    using namespace tokenizer_json;
    const std::string type = componentType("decoder", c);
    const std::string where = "decoder " + type;
    if (type == "ByteLevel")
        return std::make_unique<ByteLevelDecoder>();
    if (type == "ByteFallback")
        return std::make_unique<ByteFallbackDecoder>();
    if (type == "Fuse")
        return std::make_unique<FuseDecoder>();
    if (type == "Strip")
        return std::make_unique<StripDecoder>(oneChar(c, "content", " ", where),
                                              static_cast<size_t>(intField(c, "start", 0, 0, 1 << 20, where)),
                                              static_cast<size_t>(intField(c, "stop", 0, 0, 1 << 20, where)));
    if (type == "Replace")
        return std::make_unique<ReplaceDecoder>(patternField(c, "pattern", where), stringField(c, "content", where));
    if (type == "Metaspace") {
        std::string scheme = choiceField(c, "prepend_scheme", {"always", "first", "never"}, "always", where);
        if (!c.contains("prepend_scheme") && c.contains("add_prefix_space"))
            scheme = boolField(c, "add_prefix_space", true, where) ? "always" : "never";
        return std::make_unique<MetaspaceDecoder>(oneChar(c, "replacement", "\xE2\x96\x81", where), scheme != "never");
    }
    if (type == "WordPiece")
        return std::make_unique<WordPieceDecoder>(stringField(c, "prefix", "##", where), boolField(c, "cleanup", true, where));
    if (type == "Sequence") {
        std::vector<std::unique_ptr<TokenDecoder>> steps;
        for (const Json& step : arrayField(c, "decoders", where))
            steps.push_back(readDecoder(step));
        return std::make_unique<SequenceDecoder>(std::move(steps));
    }
    throw unsupported("decoder", type, "ByteLevel, Metaspace, ByteFallback, Fuse, Strip, Replace, WordPiece, Sequence");
}

}  // namespace orderlens
