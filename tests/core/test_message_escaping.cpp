// Untrusted text (sentences, file names, words from a file) in error messages: control
// characters become visible escapes, so what() is one line that cannot drive a terminal.
#include "errors.h"
#include "vocabulary.h"

#include <gtest/gtest.h>

using namespace orderlens;

namespace {

bool hasRawControl(const std::string& s)
{
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F)
            return true;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9F)
            return true;  // C1, U+0080 .. U+009F
    }
    return false;
}

}  // namespace

struct EscapeRow {
    const char* name;
    std::string text, escaped;
};
void PrintTo(const EscapeRow& r, std::ostream* out) { *out << r.name; }

class Escaping : public testing::TestWithParam<EscapeRow> {};

TEST_P(Escaping, ShowsControlCharactersAsEscapes)
{
    const EscapeRow& r = GetParam();
    EXPECT_EQ(escapeControlCharacters(r.text), r.escaped);
    EXPECT_EQ(escapeControlCharacters(r.escaped), r.escaped);  // twice changes nothing more
    EXPECT_FALSE(hasRawControl(escapeControlCharacters(r.text)));
}

INSTANTIATE_TEST_SUITE_P(
    Errors, Escaping,
    testing::Values(EscapeRow{"ChineseUnchanged", "猫追老鼠 cat/a.txt", "猫追老鼠 cat/a.txt"},
                    EscapeRow{"TerminalColour", "\x1b[31mred", "\\x1b[31mred"},
                    EscapeRow{"CarriageReturnAndLineBreak", "a\rb\nc\td", "a\\rb\\nc\\td"},
                    EscapeRow{"BellNulAndDelete", std::string("a\x07\0\x7f", 4), "a\\x07\\x00\\x7f"},
                    EscapeRow{"C1Csi", "a\u009b31m", "a\\u009b31m"},
                    EscapeRow{"BidiOverrideAndLineSeparator", "a\u202eb\u2028c\u2066", "a\\u202eb\\u2028c\\u2066"},
                    EscapeRow{"InvalidAndOverlongBytes", "a\xff\xc0\x9b", "a\\xff\\xc0\\x9b"},
                    EscapeRow{"TruncatedSequence", "猫\xe7\x8c", "猫\\xe7\\x8c"},
                    EscapeRow{"BackslashKept", "C:\\x1b", "C:\\x1b"}),
    [](const testing::TestParamInfo<EscapeRow>& info) { return std::string(info.param.name); });

// A sentence with "\x1b[31m" and "\r" as a value, a plain message and a cause: what() and values()
// hold no raw control byte; the template keeps its text.
TEST(Errors, ValuesPlainMessagesAndCausesAreEscaped)
{
    const std::string hostile = "猫\x1b[31m追\r老鼠\x07";
    const Error withValue = inputError(QT_TRANSLATE_NOOP("orderlens::core", "the sentence '%1' is odd"), {hostile});
    EXPECT_EQ(std::string(withValue.what()), "the sentence '猫\\x1b[31m追\\r老鼠\\x07' is odd");
    EXPECT_EQ(withValue.values().front(), "猫\\x1b[31m追\\r老鼠\\x07");
    const Error plain = fileError("cannot write '" + hostile + "'");
    EXPECT_FALSE(hasRawControl(plain.what()));
    EXPECT_NE(std::string(plain.what()).find("\\x1b[31m"), std::string::npos);
    const Error wrapped = errorInFile("/tmp/" + hostile + ".safetensors", withValue);
    EXPECT_FALSE(hasRawControl(wrapped.what()));
    EXPECT_EQ(std::string(wrapped.what()),
              "/tmp/猫\\x1b[31m追\\r老鼠\\x07.safetensors: the sentence '猫\\x1b[31m追\\r老鼠\\x07' is odd");
}

// Words from a model file's lexicon reach messages too ("lists the word '%1' twice").
TEST(Errors, WordFromAFileIsEscaped)
{
    try {
        const Vocabulary v({{"\x1b]0;owned\x07", "animal"}, {"\x1b]0;owned\x07", "animal"}});
        FAIL() << "a duplicate word was accepted";
    } catch (const Error& e) {
        EXPECT_FALSE(hasRawControl(e.what())) << e.what();
        EXPECT_NE(std::string(e.what()).find("\\x1b]0;owned\\x07"), std::string::npos) << e.what();
    }
}
