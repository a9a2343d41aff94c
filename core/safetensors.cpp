#include "safetensors.h"

#include "errors.h"
#include "file_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <functional>
#include <limits>
#include <set>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace orderlens {

namespace {

using nlohmann::json;

// The reference implementation's limit: a header this large is corruption, not a model.
constexpr uint64_t kMaxHeaderBytes = 100'000'000;
constexpr const char* kSupportedDTypes = "F32, F16, BF16";

struct DTypeSpec {
    const char* name;
    DType dtype;
    uint64_t bytes;  // size of one element
};

// Every byte-sized safetensors dtype; only the first three convert to float.
constexpr DTypeSpec kDTypes[] = {
    {"F32", DType::F32, 4},       {"F16", DType::F16, 2},       {"BF16", DType::BF16, 2},
    {"F64", DType::Other, 8},     {"C64", DType::Other, 8},     {"I64", DType::Other, 8},
    {"U64", DType::Other, 8},     {"I32", DType::Other, 4},     {"U32", DType::Other, 4},
    {"I16", DType::Other, 2},     {"U16", DType::Other, 2},     {"I8", DType::Other, 1},
    {"U8", DType::Other, 1},      {"BOOL", DType::Other, 1},    {"F8_E4M3", DType::Other, 1},
    {"F8_E5M2", DType::Other, 1}, {"F8_E8M0", DType::Other, 1},
};

const DTypeSpec* findDType(const std::string& name)
{
    for (const DTypeSpec& spec : kDTypes)
        if (name == spec.name)
            return &spec;
    return nullptr;
}

// Names come from untrusted files: keep messages readable (the templates quote them).
std::string shownName(const std::string& text)
{
    constexpr size_t kMaxShown = 120;
    if (text.size() <= kMaxShown)
        return text;
    return text.substr(0, kMaxShown) + "...";
}

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string out = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

std::string rangeText(uint64_t begin, uint64_t end)
{
    // (Built with append: GCC 12 warns falsely (-Wrestrict) on "[" + std::to_string(...).)
    std::string out("[");
    out.append(std::to_string(begin)).append(", ").append(std::to_string(end)).append("]");
    return out;
}

std::string errnoText(int err)
{
    return std::error_code(err, std::generic_category()).message();
}

// Error(BadFile) "<source>: <what is wrong>", each part translated on its own.
[[noreturn]] void fail(const std::string& source, const char* messageTemplate, std::vector<std::string> values)
{
    throw errorInFile(source, fileError(messageTemplate, std::move(values)));
}

uint16_t readLE16(const uint8_t* p)
{
    return static_cast<uint16_t>(p[0] | (p[1] << 8));
}

uint32_t readLE32(const uint8_t* p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

uint64_t readLE64(const uint8_t* p)
{
    return uint64_t(readLE32(p)) | uint64_t(readLE32(p + 4)) << 32;
}

// IEEE half: 1 sign, 5 exponent (bias 15), 10 mantissa bits. Every half is exactly a float.
float halfToFloat(uint16_t h)
{
    const uint32_t sign = uint32_t(h >> 15) << 31;
    uint32_t exponent = (h >> 10) & 0x1f;
    uint32_t mantissa = h & 0x3ff;
    uint32_t bits;
    if (exponent == 0x1f) {  // inf, nan (payload kept, quiet bit lands on the float's)
        bits = sign | 0x7f800000u | mantissa << 13;
    } else if (exponent != 0) {  // normal: rebias 15 -> 127
        bits = sign | (exponent + 112) << 23 | mantissa << 13;
    } else if (mantissa == 0) {  // +-0
        bits = sign;
    } else {  // subnormal mantissa * 2^-24: normalize, it is a normal float
        int e = 1;
        while (!(mantissa & 0x400)) {
            mantissa <<= 1;
            --e;
        }
        bits = sign | uint32_t(e + 112) << 23 | (mantissa & 0x3ff) << 13;
    }
    return std::bit_cast<float>(bits);
}

// bfloat16 is the top half of a float32.
float bfloat16ToFloat(uint16_t b)
{
    return std::bit_cast<float>(uint32_t(b) << 16);
}

// Checked member access: message "tensor 'w': "shape" must be ...".
TensorInfo parseEntry(const std::string& source, const std::string& name, const json& entry)
{
    const std::string shown = shownName(name);
    if (!entry.is_object())
        fail(source,
             QT_TRANSLATE_NOOP("orderlens::core",
                               "tensor '%1' is not a JSON object with \"dtype\", \"shape\" and \"data_offsets\""),
             {shown});
    for (const char* key : {"dtype", "shape", "data_offsets"})
        if (!entry.contains(key))
            fail(source, QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1' has no \"%2\""), {shown, key});

    TensorInfo info;
    info.name = name;

    const json& dtype = entry.at("dtype");
    if (!dtype.is_string())
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1': \"dtype\" must be a string such as \"F32\""),
             {shown});
    info.dtypeName = dtype.get<std::string>();
    const DTypeSpec* spec = findDType(info.dtypeName);
    if (!spec)
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1' has unknown dtype '%2'; supported dtypes are %3"),
             {shown, shownName(info.dtypeName), kSupportedDTypes});
    info.dtype = spec->dtype;

    const json& shape = entry.at("shape");
    if (!shape.is_array())
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1': \"shape\" must be an array of non-negative integers"),
             {shown});
    bool overflow = false;  // a dimension beyond int64 or a product beyond uint64
    std::string dimsText;   // the dimensions as written, for the overflow message
    for (const json& dim : shape) {
        if (!dim.is_number_integer())
            fail(source,
                 QT_TRANSLATE_NOOP("orderlens::core",
                                   "tensor '%1': \"shape\" must be an array of non-negative integers, got '%2'"),
                 {shown, shownName(shape.dump().substr(0, 100))});
        if (!dim.is_number_unsigned())
            fail(source, QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1' has a negative dimension %2 in its shape"),
                 {shown, std::to_string(dim.get<int64_t>())});
        const uint64_t value = dim.get<uint64_t>();
        dimsText += (dimsText.empty() ? "" : ", ") + std::to_string(value);
        overflow = overflow || value > uint64_t(std::numeric_limits<int64_t>::max());
        info.shape.push_back(int64_t(std::min<uint64_t>(value, std::numeric_limits<int64_t>::max())));
    }
    // bytes = prod(shape) * element size; an empty dimension makes 0 bytes whatever the others are.
    uint64_t bytes = 0;
    if (std::find(info.shape.begin(), info.shape.end(), 0) == info.shape.end()) {
        bytes = spec->bytes;
        for (int64_t dim : info.shape)
            overflow = overflow || __builtin_mul_overflow(bytes, uint64_t(dim), &bytes);
        if (overflow)
            fail(source, QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1' has shape [%2] whose element count overflows"),
                 {shown, dimsText});
    }

    const json& offsets = entry.at("data_offsets");
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
        !offsets[1].is_number_unsigned())
        fail(source,
             QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1': \"data_offsets\" must be two non-negative integers [begin, end]"),
             {shown});
    info.begin = offsets[0].get<uint64_t>();
    info.end = offsets[1].get<uint64_t>();
    if (info.end < info.begin)
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1' has data_offsets %2 whose end is before its begin"),
             {shown, rangeText(info.begin, info.end)});
    if (info.end - info.begin != bytes)
        fail(source,
             QT_TRANSLATE_NOOP("orderlens::core",
                               "tensor '%1' has data_offsets %2 holding %3 bytes, but shape %4 of %5 needs %6 bytes"),
             {shown, rangeText(info.begin, info.end), std::to_string(info.end - info.begin), shapeText(info.shape),
              info.dtypeName, std::to_string(bytes)});
    return info;
}

std::map<std::string, std::string> parseMetadata(const std::string& source, const json& metadata)
{
    if (!metadata.is_object())
        fail(source, QT_TRANSLATE_NOOP("orderlens::core", "\"__metadata__\" must be a JSON object mapping strings to strings"),
             {});
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : metadata.items()) {
        if (!value.is_string())
            fail(source,
                 QT_TRANSLATE_NOOP("orderlens::core",
                                   "\"__metadata__\" entry '%1' is not a string (metadata maps strings to strings)"),
                 {shownName(key)});
        out.emplace(key, value.get<std::string>());
    }
    return out;
}

// Non-empty tensors must not share bytes. Sorted by begin, each must start at or after the
// furthest end seen so far.
void checkNoOverlap(const std::string& source, const std::map<std::string, TensorInfo>& tensors)
{
    std::vector<const TensorInfo*> byBegin;
    for (const auto& [name, info] : tensors)
        if (info.end > info.begin)
            byBegin.push_back(&info);
    std::sort(byBegin.begin(), byBegin.end(), [](const TensorInfo* a, const TensorInfo* b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    const TensorInfo* furthest = nullptr;
    for (const TensorInfo* info : byBegin) {
        if (furthest && info->begin < furthest->end)
            fail(source, QT_TRANSLATE_NOOP("orderlens::core", "tensors '%1' %2 and '%3' %4 overlap in the data buffer"),
                 {shownName(furthest->name), rangeText(furthest->begin, furthest->end), shownName(info->name),
                  rangeText(info->begin, info->end)});
        if (!furthest || info->end > furthest->end)
            furthest = info;
    }
}

void appendLE64(std::vector<uint8_t>& out, uint64_t value)
{
    for (int i = 0; i < 8; ++i)
        out.push_back(uint8_t(value >> (8 * i)));
}

void appendFloatsLE(std::vector<uint8_t>& out, const float* values, size_t count)
{
    const size_t at = out.size();
    out.resize(at + count * sizeof(float));
    if constexpr (std::endian::native == std::endian::little) {
        if (count)
            std::memcpy(out.data() + at, values, count * sizeof(float));
    } else {
        for (size_t i = 0; i < count; ++i) {
            const uint32_t bits = std::bit_cast<uint32_t>(values[i]);
            for (int b = 0; b < 4; ++b)
                out[at + 4 * i + b] = uint8_t(bits >> (8 * b));
        }
    }
}

}  // namespace

namespace {
// The 8-byte length against the limit and the file; the message names both.
void checkHeaderLength(uint64_t headerLength, uint64_t size, const std::string& sourceName)
{
    if (headerLength > kMaxHeaderBytes)
        fail(sourceName,
             QT_TRANSLATE_NOOP("orderlens::core",
                               "header length %1 is above the 100 MB limit: not a safetensors file, or corrupted"),
             {std::to_string(headerLength)});
    if (headerLength > size - 8)
        fail(sourceName,
             QT_TRANSLATE_NOOP("orderlens::core", "header length %1 exceeds the file (%2 bytes follow the length): "
                                                  "the file is truncated or not a safetensors file"),
             {std::to_string(headerLength), std::to_string(size - 8)});
}

[[noreturn]] void failShort(const std::string& sourceName, uint64_t size)
{
    fail(sourceName, QT_TRANSLATE_NOOP("orderlens::core", "file is shorter than 8 bytes (%1 bytes): not a safetensors file"),
         {std::to_string(size)});
}
}  // namespace

// An open() file: read with pread into the caller's memory, never mapped (a mapped file that
// shrinks raises SIGBUS on the next touch; a short pread is an error we can report).
struct SafetensorsFile::OpenFile {
    int fd = -1;
    uint64_t size = 0;      // at open
    timespec modified {};   // st_mtim at open
    ~OpenFile()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

SafetensorsFile SafetensorsFile::fromHeader(const char* headerText, uint64_t headerLength, uint64_t bufferSize,
                                            const std::string& sourceName)
{
    json header;
    try {
        header = json::parse(headerText, headerText + headerLength);
    } catch (const json::exception& e) {
        fail(sourceName, QT_TRANSLATE_NOOP("orderlens::core", "header is not valid JSON (%1)"),
             {std::string(e.what()).substr(0, 200)});
    }
    if (!header.is_object())
        fail(sourceName, QT_TRANSLATE_NOOP("orderlens::core", "header is not a JSON object"), {});

    SafetensorsFile file;
    file.source_ = sourceName;
    file.bufferSize_ = bufferSize;
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__") {
            file.metadata_ = parseMetadata(sourceName, entry);
            continue;
        }
        TensorInfo info = parseEntry(sourceName, name, entry);
        if (info.end > file.bufferSize_)
            fail(sourceName,
                 QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1' has data_offsets %2 outside the data buffer of %3 "
                                                      "bytes: the file is truncated or corrupted"),
                 {shownName(name), rangeText(info.begin, info.end), std::to_string(file.bufferSize_)});
        file.tensors_.emplace(name, std::move(info));
    }
    checkNoOverlap(sourceName, file.tensors_);
    return file;
}

SafetensorsFile SafetensorsFile::parse(const uint8_t* data, size_t size, const std::string& sourceName)
{
    if (size < 8 || data == nullptr)
        failShort(sourceName, size);
    const uint64_t headerLength = readLE64(data);
    checkHeaderLength(headerLength, size, sourceName);
    SafetensorsFile file =
        fromHeader(reinterpret_cast<const char*>(data + 8), headerLength, size - 8 - headerLength, sourceName);
    file.buffer_ = data + 8 + headerLength;
    return file;
}

SafetensorsFile SafetensorsFile::open(const std::string& path)
{
    constexpr const char* kCannotOpen = QT_TRANSLATE_NOOP("orderlens::core", "cannot open '%1': %2");
    auto opened = std::make_shared<OpenFile>();
    // Non-blocking: a named pipe is refused below instead of waiting for a writer (no effect on
    // the reads of a regular file).
    opened->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (opened->fd < 0)
        throw Error(ErrorKind::BadFile, kCannotOpen, {path}, systemError(errno));
    struct stat st {};
    if (::fstat(opened->fd, &st) != 0)
        throw Error(ErrorKind::BadFile, kCannotOpen, {path}, systemError(errno));
    if (!S_ISREG(st.st_mode))
        throw fileError(QT_TRANSLATE_NOOP("orderlens::core", "cannot open '%1': not a regular file"), {path});
    opened->size = uint64_t(st.st_size);
    opened->modified = st.st_mtim;
    if (opened->size < 8)
        failShort(path, opened->size);

    SafetensorsFile probe;  // reads through the same checked path as the tensors
    probe.source_ = path;
    probe.file_ = opened;
    uint8_t lengthBytes[8];
    probe.readAt(0, sizeof lengthBytes, lengthBytes, nullptr);
    const uint64_t headerLength = readLE64(lengthBytes);
    checkHeaderLength(headerLength, opened->size, path);
    std::string headerText(size_t(headerLength), '\0');
    probe.readAt(8, headerLength, reinterpret_cast<uint8_t*>(headerText.data()), nullptr);

    SafetensorsFile file = fromHeader(headerText.data(), headerLength, opened->size - 8 - headerLength, path);
    file.file_ = std::move(opened);
    file.bufferOffset_ = 8 + headerLength;
    return file;
}

void SafetensorsFile::readAt(uint64_t offset, uint64_t count, uint8_t* dst, const std::string* tensor) const
{
    if (!file_) {  // parse(): the bytes are in memory and parse() checked every range
        if (count)
            std::memcpy(dst, buffer_ + (offset - bufferOffset_), size_t(count));
        return;
    }
    const std::string what = tensor ? "'" + shownName(*tensor) + "'" : std::string("header");
    uint64_t done = 0;
    while (done < count) {
        const size_t chunk = size_t(std::min<uint64_t>(count - done, uint64_t(1) << 30));
        const ssize_t got = ::pread(file_->fd, dst + done, chunk, off_t(offset + done));
        if (got < 0) {
            if (errno == EINTR)
                continue;
            fail(source_, QT_TRANSLATE_NOOP("orderlens::core", "cannot read %1: %2"), {what, errnoText(errno)});
        }
        if (got == 0) {
            struct stat st {};
            const std::string now = ::fstat(file_->fd, &st) == 0 ? std::to_string(st.st_size) : "?";
            fail(source_,
                 QT_TRANSLATE_NOOP("orderlens::core", "the file shrank to %1 bytes while it was being read (it had %2 "
                                                      "bytes when opened; reading %3 needs %4): open it again once it "
                                                      "is complete"),
                 {now, std::to_string(file_->size), what, std::to_string(offset + count)});
        }
        done += uint64_t(got);
    }
    // Same length, new bytes (a copy over the file): the modification time tells.
    struct stat st {};
    if (::fstat(file_->fd, &st) != 0)
        fail(source_, QT_TRANSLATE_NOOP("orderlens::core", "cannot read %1: %2"), {what, errnoText(errno)});
    if (uint64_t(st.st_size) != file_->size || st.st_mtim.tv_sec != file_->modified.tv_sec ||
        st.st_mtim.tv_nsec != file_->modified.tv_nsec)
        fail(source_,
             QT_TRANSLATE_NOOP("orderlens::core", "the file changed while it was being read (now %1 bytes, %2 when "
                                                  "opened; reading %3): open it again once it is complete"),
             {std::to_string(st.st_size), std::to_string(file_->size), what});
}

const TensorInfo& SafetensorsFile::info(const std::string& name) const
{
    const auto it = tensors_.find(name);
    if (it == tensors_.end())
        fail(source_,
             QT_TRANSLATE_NOOP("orderlens::core",
                               "tensor '%1' is missing (the file holds %2 tensors): the model is corrupted or incomplete"),
             {shownName(name), std::to_string(tensors_.size())});
    return it->second;
}

std::vector<std::string> SafetensorsFile::names() const
{
    std::vector<std::string> out;
    out.reserve(tensors_.size());
    for (const auto& entry : tensors_)
        out.push_back(entry.first);
    return out;
}

Matrix SafetensorsFile::matrix(const std::string& name, const std::vector<int64_t>& expectedShape) const
{
    if (expectedShape.size() != 1 && expectedShape.size() != 2)
        throw inputError("SafetensorsFile::matrix: expected shape " + shapeText(expectedShape) +
                         " must have 1 or 2 dimensions");
    const TensorInfo& t = requireShape(name, expectedShape);

    // The shape matched the header, whose byte size parse() checked against the buffer.
    const Eigen::Index rows = expectedShape.size() == 2 ? expectedShape[0] : 1;
    const Eigen::Index cols = expectedShape.back();
    Matrix out(rows, cols);
    forEachChunk(t, [&](const uint8_t* src, size_t first, size_t count) { convert(t.dtype, src, count, out.data() + first); },
                 reinterpret_cast<uint8_t*>(out.data()));
    return out;
}

std::vector<uint16_t> SafetensorsFile::halfWords(const std::string& name, const std::vector<int64_t>& expectedShape) const
{
    const TensorInfo& t = requireShape(name, expectedShape);
    if (t.dtype != DType::F16 && t.dtype != DType::BF16)
        fail(source_, QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1' has dtype %2, expected F16 or BF16"),
             {shownName(name), t.dtypeName});
    std::vector<uint16_t> out((t.end - t.begin) / 2);
    if (file_ && std::endian::native == std::endian::little) {  // straight into place, read once
        readAt(bufferOffset_ + t.begin, t.end - t.begin, reinterpret_cast<uint8_t*>(out.data()), &t.name);
        return out;
    }
    forEachChunk(t, [&](const uint8_t* src, size_t first, size_t count) {
        std::memcpy(out.data() + first, src, count * 2);  // little-endian words, as the file holds them
    });
    return out;
}

const TensorInfo& SafetensorsFile::requireShape(const std::string& name, const std::vector<int64_t>& expectedShape) const
{
    const TensorInfo& t = info(name);
    if (t.dtype == DType::Other)
        fail(source_, QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1' has dtype %2; supported dtypes are %3"),
             {shownName(name), t.dtypeName, kSupportedDTypes});
    if (t.shape != expectedShape)
        fail(source_, QT_TRANSLATE_NOOP("orderlens::core", "tensor '%1' has shape %2, expected %3"),
             {shownName(name), shapeText(t.shape), shapeText(expectedShape)});
    return t;
}

void SafetensorsFile::convert(DType dtype, const uint8_t* src, size_t count, float* dst)
{
    switch (dtype) {
    case DType::F32:
        if constexpr (std::endian::native == std::endian::little) {
            if (count && reinterpret_cast<const uint8_t*>(dst) != src)
                std::memcpy(dst, src, count * sizeof(float));
        } else {
            for (size_t i = 0; i < count; ++i)
                dst[i] = std::bit_cast<float>(readLE32(src + 4 * i));
        }
        break;
    case DType::F16:
        for (size_t i = 0; i < count; ++i)
            dst[i] = halfToFloat(readLE16(src + 2 * i));
        break;
    case DType::BF16:
        for (size_t i = 0; i < count; ++i)
            dst[i] = bfloat16ToFloat(readLE16(src + 2 * i));
        break;
    case DType::Other:
        break;  // callers reject it first
    }
}

void SafetensorsFile::forEachChunk(const TensorInfo& t,
                                   const std::function<void(const uint8_t*, size_t, size_t)>& convertChunk,
                                   uint8_t* f32Destination) const
{
    const size_t elementBytes = t.dtype == DType::F32 ? 4 : 2;
    const size_t count = size_t((t.end - t.begin) / elementBytes);
    if (!file_) {
        convertChunk(buffer_ + t.begin, 0, count);
        return;
    }
    if (f32Destination && t.dtype == DType::F32 && std::endian::native == std::endian::little) {
        readAt(bufferOffset_ + t.begin, t.end - t.begin, f32Destination, &t.name);  // straight into place
        return;
    }
    // Converted dtypes (and checks that keep nothing) go through a bounded buffer.
    constexpr size_t kChunkElements = size_t(1) << 18;
    std::vector<uint8_t> chunk(std::min(count, kChunkElements) * elementBytes);
    for (size_t first = 0; first < count; first += kChunkElements) {
        const size_t n = std::min(kChunkElements, count - first);
        readAt(bufferOffset_ + t.begin + first * elementBytes, n * elementBytes, chunk.data(), &t.name);
        convertChunk(chunk.data(), first, n);
    }
}

void SafetensorsFile::requireFinite(const std::string& name) const
{
    const TensorInfo& t = info(name);
    if (t.dtype == DType::Other)
        return;  // not numbers OrderLens reads (I64 position ids)
    bool finite = true;
    std::vector<float> floats;
    forEachChunk(t, [&](const uint8_t* src, size_t, size_t count) {
        floats.resize(count);
        convert(t.dtype, src, count, floats.data());
        uint32_t bad = 0;
        for (float f : floats)
            bad |= uint32_t((std::bit_cast<uint32_t>(f) & 0x7f800000u) == 0x7f800000u);
        finite = finite && bad == 0;
    });
    if (!finite)
        fail(source_,
             QT_TRANSLATE_NOOP("orderlens::core",
                               "tensor '%1' holds NaN or infinite values (OrderLens does not use it, but refuses a "
                               "corrupted file)"),
             {shownName(name)});
}

const float* SafetensorsFile::f32Data(const std::string& name) const
{
    const TensorInfo& t = info(name);
    if (file_ || t.dtype != DType::F32 || std::endian::native != std::endian::little)
        return nullptr;
    const uint8_t* start = buffer_ + t.begin;
    if (reinterpret_cast<uintptr_t>(start) % alignof(float) != 0)
        return nullptr;
    return reinterpret_cast<const float*>(start);
}

std::vector<uint8_t> serializeSafetensors(const std::vector<NamedTensor>& tensors,
                                          const std::map<std::string, std::string>& metadata)
{
    json header = json::object();
    std::set<std::string> seen;
    uint64_t offset = 0;
    for (const NamedTensor& t : tensors) {
        if (!t.value)
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "cannot write tensor '%1': no matrix given"),
                             {shownName(t.name)});
        if (t.name == "__metadata__")
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core",
                                               "cannot write a tensor named '__metadata__': the name is reserved for metadata"),
                             {});
        if (!seen.insert(t.name).second)
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "cannot write two tensors named '%1'"), {shownName(t.name)});
        if (t.isVector && t.value->rows() != 1)
            throw inputError(QT_TRANSLATE_NOOP("orderlens::core", "cannot write tensor '%1' as a vector: it has %2 rows"),
                             {shownName(t.name), std::to_string(t.value->rows())});
        const json shape =
            t.isVector ? json::array({t.value->cols()}) : json::array({t.value->rows(), t.value->cols()});
        const uint64_t bytes = uint64_t(t.value->size()) * sizeof(float);
        json entry = json::object();
        entry["dtype"] = "F32";
        entry["shape"] = shape;
        entry["data_offsets"] = json::array({offset, offset + bytes});
        header[t.name] = std::move(entry);
        offset += bytes;
    }
    if (!metadata.empty())
        header["__metadata__"] = metadata;

    std::string text;
    try {
        text = header.dump();
    } catch (const json::exception&) {
        throw inputError(
            QT_TRANSLATE_NOOP("orderlens::core", "cannot write safetensors: a tensor name or metadata string is not valid UTF-8"),
            {});
    }
    text.append((8 - (8 + text.size()) % 8) % 8, ' ');  // the data buffer starts 8-byte aligned

    std::vector<uint8_t> out;
    out.reserve(8 + text.size() + offset);
    appendLE64(out, text.size());
    out.insert(out.end(), text.begin(), text.end());
    for (const NamedTensor& t : tensors)
        appendFloatsLE(out, t.value->data(), size_t(t.value->size()));
    return out;
}

void writeSafetensors(const std::string& path, const std::vector<NamedTensor>& tensors,
                      const std::map<std::string, std::string>& metadata)
{
    writeFileAtomically(path, serializeSafetensors(tensors, metadata));
}

}  // namespace orderlens
