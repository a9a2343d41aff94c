// safetensors reader and writer: round trips are bit-exact, F16/BF16 convert exactly (checked
// against a slow ldexp twin for every bit pattern), every malformed file is rejected with a message
// naming the file and the tensor, and a failed write leaves nothing behind.
#include "errors.h"
#include "safetensors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace orderlens;

namespace {

using Bytes = std::vector<uint8_t>;

Bytes lengthPrefixed(uint64_t headerLength, const std::string& rest)
{
    Bytes out;
    for (int i = 0; i < 8; ++i)
        out.push_back(uint8_t(headerLength >> (8 * i)));
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

// A file as the format lays it out: the true header length, the header, the data buffer.
Bytes fileBytes(const std::string& header, const Bytes& data = {})
{
    Bytes out = lengthPrefixed(header.size(), header);
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

Bytes zeros(size_t n)
{
    return Bytes(n, 0);
}

Bytes u16Bytes(const std::vector<uint16_t>& values)
{
    Bytes out;
    for (uint16_t v : values) {
        out.push_back(uint8_t(v));
        out.push_back(uint8_t(v >> 8));
    }
    return out;
}

// parse() over a heap block of exactly bytes.size(), so ASan sees any read past the end.
SafetensorsFile parseExact(const Bytes& bytes, const std::string& source, std::unique_ptr<uint8_t[]>& storage)
{
    storage.reset(new uint8_t[bytes.size()]);
    if (!bytes.empty())
        std::memcpy(storage.get(), bytes.data(), bytes.size());
    return SafetensorsFile::parse(storage.get(), bytes.size(), source);
}

bool sameBits(float a, float b)
{
    return std::bit_cast<uint32_t>(a) == std::bit_cast<uint32_t>(b);
}

std::string readWhole(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> listDir(const std::string& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

class TempDir : public testing::Test {
protected:
    void SetUp() override
    {
        std::string pattern = (fs::temp_directory_path() / "orderlens_safetensors_XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string path(const std::string& name) const { return dir_ + "/" + name; }

    std::string dir_;
};

// ---------------------------------------------------------------------------------------------
// Round trip

class SafetensorsRoundTrip : public TempDir {};

TEST_F(SafetensorsRoundTrip, WriteThenOpenIsBitIdentical)
{
    Matrix weights(3, 4);
    weights << 1.f / 3.f, -0.f, std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::infinity(),
        -std::numeric_limits<float>::infinity(), std::bit_cast<float>(0x7fc12345u), std::numeric_limits<float>::max(),
        std::numeric_limits<float>::lowest(), 0.5f, -2.5f, 1e-30f, 65504.f;
    Matrix bias(1, 5);
    bias << 0.1f, 0.2f, 0.3f, 0.4f, 0.5f;
    Matrix row(1, 3);
    row << 7.f, 8.f, 9.f;
    Matrix empty(0, 4);
    const std::map<std::string, std::string> metadata = {
        {"format", "pt"}, {"orderlens.config", "{\"pe\": \"rope\"}"}, {"语序", "猫追老鼠"}};
    const std::string file = path("model.safetensors");

    writeSafetensors(file,
                     {{"layers.0.weight", &weights, false},
                      {"layers.0.bias", &bias, true},
                      {"row", &row, false},
                      {"empty", &empty, false}},
                     metadata);

    // Returned by value from an inner scope: the open file lives with the copy.
    const SafetensorsFile loaded = [&] { return SafetensorsFile::open(file); }();
    EXPECT_EQ(loaded.metadata(), metadata);
    EXPECT_EQ(loaded.names(), (std::vector<std::string>{"empty", "layers.0.bias", "layers.0.weight", "row"}));
    EXPECT_EQ(loaded.info("layers.0.weight").shape, (std::vector<int64_t>{3, 4}));
    EXPECT_EQ(loaded.info("layers.0.bias").shape, (std::vector<int64_t>{5}));
    EXPECT_EQ(loaded.info("row").shape, (std::vector<int64_t>{1, 3}));
    EXPECT_EQ(loaded.info("empty").shape, (std::vector<int64_t>{0, 4}));
    EXPECT_EQ(loaded.info("layers.0.weight").dtype, DType::F32);
    EXPECT_EQ(loaded.info("layers.0.weight").dtypeName, "F32");

    const struct {
        const char* name;
        const Matrix* written;
        std::vector<int64_t> shape;
    } rows[] = {{"layers.0.weight", &weights, {3, 4}},
                {"layers.0.bias", &bias, {5}},
                {"row", &row, {1, 3}},
                {"empty", &empty, {0, 4}}};
    for (const auto& r : rows) {
        SCOPED_TRACE(r.name);
        const Matrix read = loaded.matrix(r.name, r.shape);
        ASSERT_EQ(read.rows(), r.written->rows());
        ASSERT_EQ(read.cols(), r.written->cols());
        // An open() file is read, not mapped: nothing to view in place.
        EXPECT_EQ(loaded.f32Data(r.name), nullptr);
        if (read.size() == 0)
            continue;  // an empty Matrix has no data pointer to compare
        EXPECT_EQ(std::memcmp(read.data(), r.written->data(), sizeof(float) * size_t(read.size())), 0);
    }

    // The file holds exactly serializeSafetensors' bytes, the data buffer starts 8-byte aligned,
    // and no temporary file is left next to it.
    const Bytes expected = serializeSafetensors({{"layers.0.weight", &weights, false},
                                                 {"layers.0.bias", &bias, true},
                                                 {"row", &row, false},
                                                 {"empty", &empty, false}},
                                                metadata);
    const std::string onDisk = readWhole(file);
    EXPECT_EQ(onDisk, std::string(expected.begin(), expected.end()));
    uint64_t headerLength = 0;
    std::memcpy(&headerLength, expected.data(), 8);
    EXPECT_EQ((8 + headerLength) % 8, 0u);
    EXPECT_EQ(listDir(dir_), std::vector<std::string>{"model.safetensors"});
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST_F(SafetensorsRoundTrip, OverwritingKeepsTheExistingPermissions)
{
    const std::string file = path("m.safetensors");
    Matrix m = Matrix::Constant(2, 2, 1.f);
    writeSafetensors(file, {{"m", &m, false}}, {});
    ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
    m(1, 1) = 42.f;
    writeSafetensors(file, {{"m", &m, false}}, {});
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u);
    EXPECT_EQ(SafetensorsFile::open(file).matrix("m", {2, 2})(1, 1), 42.f);
}

TEST(Safetensors, AcceptsEmptyTensorsSharingAnOffsetAndAPaddedHeader)
{
    const std::string header = R"({"a": {"dtype": "F32", "shape": [0], "data_offsets": [0, 0]},
                                  "b": {"dtype": "BF16", "shape": [3, 0], "data_offsets": [0, 0]},
                                  "c": {"dtype": "F32", "shape": [], "data_offsets": [0, 4]}}     )";
    Bytes data = {0, 0, 0x80, 0x3f};  // scalar 1.0f
    std::unique_ptr<uint8_t[]> storage;
    const SafetensorsFile file = parseExact(fileBytes(header, data), "ok.safetensors", storage);
    EXPECT_EQ(file.names(), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(file.matrix("a", {0}).cols(), 0);
    EXPECT_EQ(file.info("c").shape, std::vector<int64_t>{});
    EXPECT_TRUE(file.metadata().empty());
}

// ---------------------------------------------------------------------------------------------
// F16 and BF16

struct KnownValue {
    uint16_t bits;
    float value;  // NaN: any NaN
    const char* what;
};

const float kInf = std::numeric_limits<float>::infinity();
const float kNaN = std::numeric_limits<float>::quiet_NaN();

const KnownValue kHalfValues[] = {
    {0x3C00, 1.0f, "one"},
    {0xC100, -2.5f, "minus two and a half"},
    {0x7BFF, 65504.f, "largest finite"},
    {0x0001, 5.9604644775390625e-8f, "smallest subnormal 2^-24"},
    {0x03FF, 6.0975551605224609375e-5f, "largest subnormal 1023 * 2^-24"},
    {0x0400, 6.103515625e-5f, "smallest normal 2^-14"},
    {0x3555, 0.333251953125f, "nearest to 1/3"},
    {0x8000, -0.f, "negative zero"},
    {0x7C00, kInf, "infinity"},
    {0xFC00, -kInf, "negative infinity"},
    {0x7E00, kNaN, "nan"},
};

const KnownValue kBfloatValues[] = {
    {0x3F80, 1.0f, "one"},
    {0xC020, -2.5f, "minus two and a half"},
    {0x477F, 65280.f, "nearest below 65504 (65504 is not a bfloat16)"},
    {0x7F7F, 3.38953139e38f, "largest finite"},
    {0x0001, 9.18354962e-41f, "smallest subnormal 2^-133"},
    {0x0080, 1.17549435e-38f, "smallest normal 2^-126"},
    {0x8000, -0.f, "negative zero"},
    {0x7F80, kInf, "infinity"},
    {0xFF80, -kInf, "negative infinity"},
    {0x7FC0, kNaN, "nan"},
};

TEST(Safetensors, ConvertsKnownF16AndBF16ValuesExactly)
{
    std::vector<uint16_t> halfBits, bfloatBits;
    for (const KnownValue& v : kHalfValues)
        halfBits.push_back(v.bits);
    for (const KnownValue& v : kBfloatValues)
        bfloatBits.push_back(v.bits);
    const size_t nh = halfBits.size(), nb = bfloatBits.size();
    const std::string header = "{\"h\": {\"dtype\": \"F16\", \"shape\": [" + std::to_string(nh) +
                               "], \"data_offsets\": [0, " + std::to_string(2 * nh) +
                               "]}, \"b\": {\"dtype\": \"BF16\", \"shape\": [1, " + std::to_string(nb) +
                               "], \"data_offsets\": [" + std::to_string(2 * nh) + ", " +
                               std::to_string(2 * nh + 2 * nb) + "]}}";
    Bytes data = u16Bytes(halfBits);
    const Bytes b = u16Bytes(bfloatBits);
    data.insert(data.end(), b.begin(), b.end());
    std::unique_ptr<uint8_t[]> storage;
    const SafetensorsFile file = parseExact(fileBytes(header, data), "half.safetensors", storage);

    EXPECT_EQ(file.f32Data("h"), nullptr);
    const Matrix h = file.matrix("h", {int64_t(nh)});
    ASSERT_EQ(h.rows(), 1);
    for (size_t i = 0; i < nh; ++i) {
        SCOPED_TRACE(std::string("F16 ") + kHalfValues[i].what);
        const float got = h(0, Eigen::Index(i));
        if (std::isnan(kHalfValues[i].value))
            EXPECT_TRUE(std::isnan(got));
        else
            EXPECT_TRUE(sameBits(got, kHalfValues[i].value)) << got << " vs " << kHalfValues[i].value;
    }
    const Matrix bf = file.matrix("b", {1, int64_t(nb)});
    for (size_t i = 0; i < nb; ++i) {
        SCOPED_TRACE(std::string("BF16 ") + kBfloatValues[i].what);
        const float got = bf(0, Eigen::Index(i));
        if (std::isnan(kBfloatValues[i].value))
            EXPECT_TRUE(std::isnan(got));
        else
            EXPECT_TRUE(sameBits(got, kBfloatValues[i].value)) << got << " vs " << kBfloatValues[i].value;
    }
}

// Slow twins: the value formula of each format, evaluated with ldexp.
float halfReference(uint16_t bits)
{
    const int sign = bits >> 15, exponent = (bits >> 10) & 0x1f, mantissa = bits & 0x3ff;
    float magnitude;
    if (exponent == 0x1f)
        magnitude = mantissa ? kNaN : kInf;
    else if (exponent == 0)
        magnitude = std::ldexp(float(mantissa), -24);
    else
        magnitude = std::ldexp(float(1024 + mantissa), exponent - 25);
    return sign ? -magnitude : magnitude;
}

float bfloatReference(uint16_t bits)
{
    const int sign = bits >> 15, exponent = (bits >> 7) & 0xff, mantissa = bits & 0x7f;
    float magnitude;
    if (exponent == 0xff)
        magnitude = mantissa ? kNaN : kInf;
    else if (exponent == 0)
        magnitude = std::ldexp(float(mantissa), -133);
    else
        magnitude = std::ldexp(float(128 + mantissa), exponent - 134);
    return sign ? -magnitude : magnitude;
}

TEST(Safetensors, ConvertsEveryF16AndBF16BitPatternLikeTheReference)
{
    std::vector<uint16_t> all(65536);
    for (size_t i = 0; i < all.size(); ++i)
        all[i] = uint16_t(i);
    const Bytes half = u16Bytes(all);
    Bytes data = half;
    data.insert(data.end(), half.begin(), half.end());
    const std::string header = R"({"h": {"dtype": "F16", "shape": [256, 256], "data_offsets": [0, 131072]},
                                   "b": {"dtype": "BF16", "shape": [256, 256], "data_offsets": [131072, 262144]}})";
    std::unique_ptr<uint8_t[]> storage;
    const SafetensorsFile file = parseExact(fileBytes(header, data), "all.safetensors", storage);
    const Matrix h = file.matrix("h", {256, 256});
    const Matrix b = file.matrix("b", {256, 256});
    int halfMismatches = 0, bfloatMismatches = 0;
    for (int i = 0; i < 65536; ++i) {
        const float hr = halfReference(uint16_t(i)), br = bfloatReference(uint16_t(i));
        const float hg = h.data()[i], bg = b.data()[i];
        halfMismatches += std::isnan(hr) ? !std::isnan(hg) : !sameBits(hg, hr);
        bfloatMismatches += std::isnan(br) ? !std::isnan(bg) : !sameBits(bg, br);
    }
    EXPECT_EQ(halfMismatches, 0);
    EXPECT_EQ(bfloatMismatches, 0);
}

// ---------------------------------------------------------------------------------------------
// Malformed files: each is rejected with Error(BadFile) "bad.safetensors: ..." containing the words.

struct MalformedCase {
    std::string name;
    Bytes bytes;
    std::vector<std::string> words;
};

std::string entry(const std::string& name, const std::string& dtype, const std::string& shape,
                  const std::string& offsets)
{
    return "\"" + name + "\": {\"dtype\": " + dtype + ", \"shape\": " + shape + ", \"data_offsets\": " + offsets + "}";
}

// One tensor "w" with the given fields; a 16-byte data buffer.
Bytes oneTensor(const std::string& dtype, const std::string& shape, const std::string& offsets, size_t dataBytes = 16)
{
    return fileBytes("{" + entry("w", dtype, shape, offsets) + "}", zeros(dataBytes));
}

std::vector<MalformedCase> malformedCases()
{
    const std::string w = "tensor 'w'";
    return {
        {"EmptyFile", {}, {"shorter than 8 bytes", "(0 bytes)"}},
        {"SevenBytes", zeros(7), {"shorter than 8 bytes", "(7 bytes)"}},
        {"HeaderLengthBeyondFile", lengthPrefixed(100, "{}"), {"header length 100", "exceeds the file", "truncated"}},
        {"HeaderLengthAboveLimit", lengthPrefixed(200'000'000, "{}"), {"header length 200000000", "100 MB"}},
        {"HeaderLengthMaxUint64", lengthPrefixed(~uint64_t(0), "{}"), {"100 MB"}},
        {"HeaderEmpty", fileBytes(""), {"header is not valid JSON"}},
        {"HeaderNotJson", fileBytes("{\"w\": "), {"header is not valid JSON"}},
        {"HeaderInvalidUtf8", fileBytes("{\"\xff\xfe\": {}}"), {"header is not valid JSON"}},
        {"HeaderIsArray", fileBytes("[1, 2]"), {"header is not a JSON object"}},
        {"HeaderIsString", fileBytes("\"w\""), {"header is not a JSON object"}},
        {"EntryNotObject", fileBytes(R"({"w": [1, 2]})"), {w, "is not a JSON object"}},
        {"MissingDtype", fileBytes(R"({"w": {"shape": [2], "data_offsets": [0, 8]}})", zeros(8)), {w, "no \"dtype\""}},
        {"MissingShape", fileBytes(R"({"w": {"dtype": "F32", "data_offsets": [0, 8]}})", zeros(8)),
         {w, "no \"shape\""}},
        {"MissingDataOffsets", fileBytes(R"({"w": {"dtype": "F32", "shape": [2]}})", zeros(8)),
         {w, "no \"data_offsets\""}},
        {"DtypeNotString", oneTensor("4", "[2, 2]", "[0, 16]"), {w, "\"dtype\" must be a string"}},
        {"ShapeNotArray", oneTensor("\"F32\"", "\"2x2\"", "[0, 16]"), {w, "\"shape\" must be an array"}},
        {"ShapeFractionalDim", oneTensor("\"F32\"", "[2.5, 2]", "[0, 16]"), {w, "\"shape\" must be an array"}},
        {"ShapeStringDim", oneTensor("\"F32\"", "[\"2\", 2]", "[0, 16]"), {w, "\"shape\" must be an array"}},
        {"OffsetsOneNumber", oneTensor("\"F32\"", "[2, 2]", "[0]"), {w, "\"data_offsets\" must be two"}},
        {"OffsetsStrings", oneTensor("\"F32\"", "[2, 2]", "[\"0\", \"16\"]"), {w, "\"data_offsets\" must be two"}},
        {"OffsetsNegative", oneTensor("\"F32\"", "[2, 2]", "[-16, 0]"), {w, "\"data_offsets\" must be two"}},
        {"OffsetsObject", oneTensor("\"F32\"", "[2, 2]", "{}"), {w, "\"data_offsets\" must be two"}},
        {"UnknownDtype", oneTensor("\"Q4\"", "[2, 2]", "[0, 16]"),
         {w, "unknown dtype 'Q4'", "supported dtypes are F32, F16, BF16"}},
        {"NegativeDim", oneTensor("\"F32\"", "[-2, 2]", "[0, 16]"), {w, "negative dimension -2"}},
        {"ElementCountOverflows", oneTensor("\"F32\"", "[4294967296, 4294967296, 16]", "[0, 16]"),
         {w, "[4294967296, 4294967296, 16]", "overflows"}},
        {"ByteCountWrapsToZero", oneTensor("\"F32\"", "[4294967296, 1073741824]", "[0, 0]"), {w, "overflows"}},
        {"DimBeyondInt64", oneTensor("\"U8\"", "[9223372036854775808]", "[0, 16]"),
         {w, "[9223372036854775808]", "overflows"}},
        {"EndBeforeBegin", oneTensor("\"F32\"", "[2, 2]", "[16, 0]"), {w, "[16, 0]", "end is before its begin"}},
        {"SizeNotElementsTimesDtype", oneTensor("\"F32\"", "[2, 2]", "[0, 12]"),
         {w, "holding 12 bytes", "shape [2, 2] of F32 needs 16 bytes"}},
        {"SizeMismatchF16", oneTensor("\"F16\"", "[2, 2]", "[0, 16]"), {w, "holding 16 bytes", "F16 needs 8 bytes"}},
        {"OutsideDataBuffer", oneTensor("\"F32\"", "[2, 2]", "[16, 32]"),
         {w, "[16, 32]", "outside the data buffer of 16 bytes"}},
        {"HugeOffsets", oneTensor("\"U8\"", "[1]", "[18446744073709551614, 18446744073709551615]"),
         {w, "outside the data buffer"}},
        {"TruncatedData",
         fileBytes("{" + entry("a", "\"F32\"", "[4]", "[0, 16]") + ", " +
                       entry("b", "\"F32\"", "[4]", "[16, 32]") + "}",
                   zeros(20)),
         {"tensor 'b'", "outside the data buffer of 20 bytes", "truncated"}},
        {"OverlappingTensors",
         fileBytes("{" + entry("a", "\"F32\"", "[4]", "[0, 16]") + ", " + entry("b", "\"F32\"", "[4]", "[8, 24]") + "}",
                   zeros(24)),
         {"tensors 'a' [0, 16] and 'b' [8, 24] overlap"}},
        {"TensorInsideAnother",
         fileBytes("{" + entry("big", "\"F32\"", "[8]", "[0, 32]") + ", " + entry("late", "\"U8\"", "[8]", "[32, 40]") +
                       ", " + entry("small", "\"F32\"", "[2]", "[8, 16]") + "}",
                   zeros(40)),
         {"'big'", "'small'", "overlap"}},
        {"SameRange",
         fileBytes("{" + entry("a", "\"F32\"", "[4]", "[0, 16]") + ", " +
                       entry("b", "\"I32\"", "[2, 2]", "[0, 16]") + "}",
                   zeros(16)),
         {"'a'", "'b'", "overlap"}},
        {"MetadataNotObject", fileBytes(R"({"__metadata__": ["format", "pt"]})"),
         {"\"__metadata__\" must be a JSON object mapping strings to strings"}},
        {"MetadataValueNotString", fileBytes(R"({"__metadata__": {"format": "pt", "epochs": 3}})"),
         {"\"__metadata__\" entry 'epochs' is not a string"}},
        {"MetadataValueNull", fileBytes(R"({"__metadata__": {"format": null}})"), {"'format' is not a string"}},
    };
}

void PrintTo(const MalformedCase& c, std::ostream* out)
{
    *out << c.name;
}

class Malformed : public testing::TestWithParam<MalformedCase> {};

TEST_P(Malformed, IsRejectedWithAMessageNamingFileAndProblem)
{
    const MalformedCase& c = GetParam();
    std::unique_ptr<uint8_t[]> storage;
    try {
        parseExact(c.bytes, "bad.safetensors", storage);
        FAIL() << "accepted a malformed file";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadFile);
        const std::string message = e.what();
        EXPECT_EQ(message.rfind("bad.safetensors: ", 0), 0u) << message;
        for (const std::string& word : c.words)
            EXPECT_NE(message.find(word), std::string::npos) << "missing \"" << word << "\" in: " << message;
    }
}

INSTANTIATE_TEST_SUITE_P(Safetensors, Malformed, testing::ValuesIn(malformedCases()),
                         [](const testing::TestParamInfo<MalformedCase>& row) { return row.param.name; });

// ---------------------------------------------------------------------------------------------
// Reading tensors: shapes, dtypes, names, in-place views

std::string messageOf(const std::function<void()>& action, ErrorKind expectedKind = ErrorKind::BadFile)
{
    try {
        action();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), expectedKind) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "no error thrown";
    return "";
}

TEST(Safetensors, ShapeMismatchNamesTensorAndBothShapes)
{
    const Matrix query = Matrix::Zero(64, 32);
    const Bytes bytes = serializeSafetensors({{"layers.0.attention.query.weight", &query, false}}, {});
    std::unique_ptr<uint8_t[]> storage;
    const SafetensorsFile file = parseExact(bytes, "model.safetensors", storage);
    EXPECT_EQ(messageOf([&] { file.matrix("layers.0.attention.query.weight", {64, 64}); }),
              "model.safetensors: tensor 'layers.0.attention.query.weight' has shape [64, 32], expected [64, 64]");
    // A (64, 32) tensor is not a vector, nor its transpose.
    EXPECT_NE(messageOf([&] { file.matrix("layers.0.attention.query.weight", {2048}); }).find("expected [2048]"),
              std::string::npos);
    EXPECT_NE(messageOf([&] { file.matrix("layers.0.attention.query.weight", {32, 64}); }).find("expected [32, 64]"),
              std::string::npos);
    // The caller's own mistake is a different kind of error.
    messageOf([&] { file.matrix("layers.0.attention.query.weight", {2, 32, 32}); }, ErrorKind::BadInput);
}

TEST(Safetensors, VectorsComeBackAsOneRowAndAreNotTwoDimensional)
{
    Matrix bias(1, 3);
    bias << 1.f, 2.f, 3.f;
    const Bytes bytes = serializeSafetensors({{"bias", &bias, true}}, {});
    std::unique_ptr<uint8_t[]> storage;
    const SafetensorsFile file = parseExact(bytes, "v.safetensors", storage);
    const Matrix read = file.matrix("bias", {3});
    EXPECT_EQ(read.rows(), 1);
    EXPECT_EQ(read, bias);
    EXPECT_NE(messageOf([&] { file.matrix("bias", {1, 3}); }).find("has shape [3], expected [1, 3]"),
              std::string::npos);
}

TEST(Safetensors, MissingTensorIsNamed)
{
    const Matrix m = Matrix::Zero(2, 2);
    const Bytes bytes = serializeSafetensors({{"present", &m, false}}, {});
    std::unique_ptr<uint8_t[]> storage;
    const SafetensorsFile file = parseExact(bytes, "model.safetensors", storage);
    EXPECT_TRUE(file.contains("present"));
    EXPECT_FALSE(file.contains("embeddings.word_embeddings.weight"));
    const std::string message = messageOf([&] { file.matrix("embeddings.word_embeddings.weight", {2, 2}); });
    EXPECT_NE(message.find("model.safetensors: tensor 'embeddings.word_embeddings.weight' is missing"),
              std::string::npos)
        << message;
    messageOf([&] { file.info("nope"); });
    messageOf([&] { file.f32Data("nope"); });
}

TEST(Safetensors, OtherDtypesAreListedButNotConverted)
{
    // As in BERT checkpoints: I64 position_ids next to float weights.
    const std::string header = "{" + entry("embeddings.position_ids", "\"I64\"", "[1, 4]", "[0, 32]") + ", " +
                               entry("w", "\"F32\"", "[2]", "[32, 40]") + "}";
    Bytes data = zeros(32);
    const float w[2] = {1.5f, -3.f};
    data.insert(data.end(), reinterpret_cast<const uint8_t*>(w), reinterpret_cast<const uint8_t*>(w) + 8);
    std::unique_ptr<uint8_t[]> storage;
    const SafetensorsFile file = parseExact(fileBytes(header, data), "bert.safetensors", storage);
    EXPECT_EQ(file.names(), (std::vector<std::string>{"embeddings.position_ids", "w"}));
    EXPECT_EQ(file.info("embeddings.position_ids").dtype, DType::Other);
    EXPECT_EQ(file.info("embeddings.position_ids").dtypeName, "I64");
    EXPECT_EQ(messageOf([&] { file.matrix("embeddings.position_ids", {1, 4}); }),
              "bert.safetensors: tensor 'embeddings.position_ids' has dtype I64; supported dtypes are F32, F16, BF16");
    EXPECT_EQ(file.f32Data("embeddings.position_ids"), nullptr);
    EXPECT_EQ(file.matrix("w", {2})(0, 1), -3.f);
}

TEST(Safetensors, InPlaceViewOnlyForAlignedF32)
{
    // Header length 7: the data buffer starts at byte 15 of a 16-aligned block, so "w" [0, 8] is
    // misaligned and "x" [9, 17] (at byte 24) is aligned.
    const std::string header = "{" + entry("w", "\"F32\"", "[2]", "[0, 8]") + ", " +
                               entry("pad", "\"U8\"", "[1]", "[8, 9]") + ", " +
                               entry("x", "\"F32\"", "[2]", "[9, 17]") + "}";
    const size_t padTo = 7 + 8 * ((header.size() + 7) / 8);  // header length = 7 mod 8
    const std::string padded = header + std::string(padTo - header.size(), ' ');
    ASSERT_EQ(padded.size() % 8, 7u);
    Bytes data = zeros(17);
    const float values[2] = {0.25f, 4.f};
    std::memcpy(data.data(), values, 8);
    std::memcpy(data.data() + 9, values, 8);
    const Bytes bytes = fileBytes(padded, data);
    std::vector<double> aligned((bytes.size() + 7) / 8);  // 8-byte aligned storage
    std::memcpy(aligned.data(), bytes.data(), bytes.size());
    const uint8_t* base = reinterpret_cast<const uint8_t*>(aligned.data());
    const SafetensorsFile file = SafetensorsFile::parse(base, bytes.size(), "align.safetensors");

    EXPECT_EQ(file.f32Data("w"), nullptr);
    const float* x = file.f32Data("x");
    EXPECT_EQ(reinterpret_cast<const uint8_t*>(x), base + 8 + padded.size() + 9);
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x[1], 4.f);
    EXPECT_EQ(file.matrix("w", {2})(0, 0), 0.25f);  // misaligned still reads through matrix()
}

// ---------------------------------------------------------------------------------------------
// open() and the writer's failures

class SafetensorsFiles : public TempDir {};

TEST_F(SafetensorsFiles, OpenReportsPathAndReason)
{
    const std::string missing = path("absent.safetensors");
    EXPECT_EQ(messageOf([&] { SafetensorsFile::open(missing); }),
              "cannot open '" + missing + "': no such file or folder");
    EXPECT_NE(messageOf([&] { SafetensorsFile::open(dir_); }).find("not a regular file"), std::string::npos);
    const std::string empty = path("empty.safetensors");
    std::ofstream(empty).close();
    EXPECT_EQ(messageOf([&] { SafetensorsFile::open(empty); }).rfind(empty + ": file is shorter than 8 bytes", 0), 0u);
    const std::string text = path("config.json");
    std::ofstream(text) << "{\"hidden_size\": 768}";
    EXPECT_NE(messageOf([&] { SafetensorsFile::open(text); }).find(text + ": header length"), std::string::npos);
}

// A file that shrinks between the header and the tensors (a new checkpoint copied over the one
// being opened): an Error naming the file, never SIGBUS. One row per converting path.
struct ShrinkRow {
    const char* dtype;
    size_t elementBytes;
};

class ShrinkingFile : public TempDir, public testing::WithParamInterface<ShrinkRow> {};

TEST_P(ShrinkingFile, TruncatedAfterOpenIsAnErrorNotASignal)
{
    const ShrinkRow row = GetParam();
    const int64_t rows = 64, cols = 2048;  // 128 pages or more beyond the header
    const uint64_t bytes = uint64_t(rows * cols) * row.elementBytes;
    const std::string header = std::string("{\"w\":{\"dtype\":\"") + row.dtype + "\",\"shape\":[" + std::to_string(rows) +
                               "," + std::to_string(cols) + "],\"data_offsets\":[0," + std::to_string(bytes) + "]}}";
    const Bytes content = fileBytes(header, zeros(bytes));
    const std::string file = path("model.safetensors");
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(content.data()), std::streamsize(content.size()));

    const SafetensorsFile opened = SafetensorsFile::open(file);  // header parsed, nothing read yet
    ASSERT_EQ(::truncate(file.c_str(), off_t(8 + header.size() + 16)), 0);
    const std::string message = messageOf([&] { (void)opened.matrix("w", {rows, cols}); });
    EXPECT_EQ(message.rfind(file + ": the file shrank to " + std::to_string(8 + header.size() + 16) +
                                " bytes while it was being read (it had " + std::to_string(content.size()) +
                                " bytes when opened; reading 'w' needs ",
                            0),
              0u)
        << message;
    // The unused-tensor check reads through the same guard.
    EXPECT_NE(messageOf([&] { opened.requireFinite("w"); }).find("the file shrank"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Dtypes, ShrinkingFile,
                         testing::Values(ShrinkRow{"F32", 4}, ShrinkRow{"F16", 2}, ShrinkRow{"BF16", 2}),
                         [](const testing::TestParamInfo<ShrinkRow>& info) { return std::string(info.param.dtype); });

TEST_F(SafetensorsFiles, RewrittenInPlaceAfterOpenIsAnError)
{
    const std::string file = path("model.safetensors");
    const Matrix m = Matrix::Constant(64, 1024, 1.f);
    writeSafetensors(file, {{"m", &m, false}}, {});
    const SafetensorsFile opened = SafetensorsFile::open(file);
    {
        // The same length, other bytes, the same inode: what `cp new.safetensors model.safetensors` does.
        std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
        out.seekp(-4096, std::ios::end);
        out.write(std::string(4096, '\x7f').data(), 4096);
    }
    const timespec times[2] = {{0, UTIME_OMIT}, {1234567890, 0}};  // a modification time that surely differs
    ASSERT_EQ(::utimensat(AT_FDCWD, file.c_str(), times, 0), 0);
    const std::string message = messageOf([&] { (void)opened.matrix("m", {64, 1024}); });
    EXPECT_EQ(message.rfind(file + ": the file changed while it was being read", 0), 0u) << message;
}

TEST(SafetensorsParse, UnusedTensorsAreCheckedForNaNAndInfinity)
{
    Matrix good = Matrix::Constant(2, 3, 3e38f), nan = good, inf = good;
    nan(1, 2) = std::numeric_limits<float>::quiet_NaN();
    inf(0, 0) = -std::numeric_limits<float>::infinity();
    const Bytes bytes = serializeSafetensors({{"good", &good, false}, {"nan", &nan, false}, {"inf", &inf, false}}, {});
    std::unique_ptr<uint8_t[]> storage;
    const SafetensorsFile file = parseExact(bytes, "model.safetensors", storage);
    EXPECT_NO_THROW(file.requireFinite("good"));
    for (const char* name : {"nan", "inf"})
        EXPECT_EQ(messageOf([&] { file.requireFinite(name); }),
                  std::string("model.safetensors: tensor '") + name +
                      "' holds NaN or infinite values (OrderLens does not use it, but refuses a corrupted file)");
}

TEST_F(SafetensorsFiles, WriteIntoMissingDirectoryLeavesNothing)
{
    const Matrix m = Matrix::Ones(2, 2);
    const std::string target = path("no/such/dir/model.safetensors");
    const std::string message = messageOf([&] { writeSafetensors(target, {{"m", &m, false}}, {}); });
    EXPECT_EQ(message, "cannot write '" + target + "': the folder '" + path("no/such/dir") + "' does not exist");
    EXPECT_TRUE(listDir(dir_).empty());
}

TEST_F(SafetensorsFiles, WriteOverADirectoryRemovesItsTemporaryFile)
{
    const Matrix m = Matrix::Ones(2, 2);
    const std::string target = path("model.safetensors");
    fs::create_directory(target);
    const std::string message = messageOf([&] { writeSafetensors(target, {{"m", &m, false}}, {}); });
    EXPECT_EQ(message.rfind("cannot write '" + target + "': ", 0), 0u) << message;
    EXPECT_EQ(listDir(dir_), std::vector<std::string>{"model.safetensors"});
}

// A write that fails half-way (the file size limit is hit, as on a full disk) must leave the
// previous file untouched and no temporary file. Works as root, unlike a read-only directory.
TEST_F(SafetensorsFiles, FailedWriteKeepsTheExistingFileIntact)
{
    const std::string target = path("model.safetensors");
    const Matrix old = Matrix::Constant(2, 2, 5.f);
    writeSafetensors(target, {{"old", &old, false}}, {{"version", "1"}});
    const std::string before = readWhole(target);

    const Matrix big = Matrix::Ones(256, 256);  // 256 KiB, above the limit below
    struct rlimit saved {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limited = saved;
    limited.rlim_cur = 4096;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
    std::string message;
    try {
        writeSafetensors(target, {{"big", &big, false}}, {});
    } catch (const Error& e) {
        message = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);

    EXPECT_EQ(message, "cannot write '" + target + "': the file is too large");
    EXPECT_EQ(readWhole(target), before);
    EXPECT_EQ(listDir(dir_), std::vector<std::string>{"model.safetensors"});
    EXPECT_EQ(SafetensorsFile::open(target).metadata().at("version"), "1");
}

struct WriterMisuse {
    std::string name;
    std::function<void(const std::string& path)> write;
    std::string words;
};

TEST_F(SafetensorsFiles, WriterRejectsBadInputWithoutCreatingAFile)
{
    static const Matrix square = Matrix::Ones(2, 2);
    const std::vector<WriterMisuse> rows = {
        {"NullValue", [](const std::string& p) { writeSafetensors(p, {{"w", nullptr, false}}, {}); },
         "tensor 'w': no matrix given"},
        {"DuplicateName",
         [](const std::string& p) { writeSafetensors(p, {{"w", &square, false}, {"w", &square, false}}, {}); },
         "two tensors named 'w'"},
        {"ReservedName", [](const std::string& p) { writeSafetensors(p, {{"__metadata__", &square, false}}, {}); },
         "reserved"},
        {"VectorWithTwoRows", [](const std::string& p) { writeSafetensors(p, {{"b", &square, true}}, {}); },
         "tensor 'b' as a vector: it has 2 rows"},
        {"MetadataNotUtf8", [](const std::string& p) { writeSafetensors(p, {}, {{"note", "\xff"}}); },
         "not valid UTF-8"},
    };
    for (const WriterMisuse& row : rows) {
        SCOPED_TRACE(row.name);
        const std::string message = messageOf([&] { row.write(path("out.safetensors")); }, ErrorKind::BadInput);
        EXPECT_NE(message.find(row.words), std::string::npos) << message;
        EXPECT_TRUE(listDir(dir_).empty());
    }
}

}  // namespace
