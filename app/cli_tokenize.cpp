#include "cli_tokenize.h"

#include "cli.h"
#include "errors.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace orderlens::app {

namespace {

struct Cli {
    Q_DECLARE_TR_FUNCTIONS(orderlens::app::Cli)
};

std::string hex(const std::string& bytes)
{
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (size_t k = 0; k < bytes.size(); ++k) {
        const auto b = static_cast<unsigned char>(bytes[k]);
        if (k > 0)
            out += ' ';
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

}  // namespace

nlohmann::json encodingToJson(const std::string& text, const HfEncoding& e)
{
    using nlohmann::json;
    json ids = json::array(), tokens = json::array(), display = json::array(), offsets = json::array(), parts = json::array(),
         bytes = json::array(), special = json::array();
    for (size_t k = 0; k < e.tokens.size(); ++k) {
        const EncodedToken& t = e.tokens[k];
        const TokenReading& r = e.readings[k];
        ids.push_back(t.id);
        tokens.push_back(t.token);
        display.push_back(r.text);
        offsets.push_back({t.offsets.start, t.offsets.end});
        parts.push_back(r.partCount == 0 ? json(nullptr)
                                         : json{{"character", r.partialCharacter}, {"part", r.part}, {"of", r.partCount}});
        bytes.push_back(hex(r.bytes));
        special.push_back(t.special);
    }
    return {{"text", text},       {"ids", ids},     {"tokens", tokens},   {"display", display},
            {"offsets", offsets}, {"parts", parts}, {"bytes", bytes},     {"special", special}};
}

int runTokenize(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Tokenize each TEXT with a HuggingFace tokenizer (tokenizer.json, or a model folder holding tokenizer.json or "
        "vocab.json + merges.txt) and print JSON: {\"texts\": [{\"ids\", \"tokens\", \"display\", \"offsets\", ...}]}.");
    parser.addOption({"tokenizer", "A tokenizer.json file or a model folder.", "PATH"});
    parser.addOption({"add-special-tokens", "Add the special tokens the tokenizer puts around a text (<s>, [CLS] ...)."});
    parser.addPositionalArgument("TEXT", "One or more texts.", "TEXT...");
    parser.addHelpOption();
    addLanguageOption(parser);
    const auto usage = [](const QString& message) {
        std::fprintf(stderr, "orderlens: %s\n", escapeControlCharacters(message.toStdString()).c_str());
        return 2;
    };
    if (!parser.parse(arguments))
        return usage(commandLineError(parser, arguments));
    if (parser.isSet("help")) {
        std::fputs(parser.helpText().toUtf8().constData(), stdout);
        return 0;
    }
    if (!parser.isSet("tokenizer"))
        return usage(Cli::tr("tokenize needs --tokenizer PATH (a tokenizer.json or a model folder), e.g. "
                             "orderlens tokenize --tokenizer tokenizer.json 猫追老鼠"));
    const QStringList texts = parser.positionalArguments();
    if (texts.isEmpty())
        return usage(Cli::tr("tokenize needs at least one TEXT, e.g. orderlens tokenize --tokenizer tokenizer.json 猫追老鼠"));
    const auto tokenizer = HfTokenizer::open(parser.value("tokenizer").toStdString());
    // Every text is encoded before anything is written: a failure leaves stdout empty.
    nlohmann::json out = {{"texts", nlohmann::json::array()}};
    for (const QString& text : texts) {
        const std::string utf8 = text.toStdString();
        out["texts"].push_back(encodingToJson(utf8, tokenizer->encode(utf8, parser.isSet("add-special-tokens"))));
    }
    const std::string document = out.dump() + "\n";
    if (std::fwrite(document.data(), 1, document.size(), stdout) != document.size() || std::fflush(stdout) != 0) {
        std::fprintf(stderr, "orderlens: %s\n", Cli::tr("could not write to standard output").toUtf8().constData());
        return 3;
    }
    return 0;
}

}  // namespace orderlens::app
