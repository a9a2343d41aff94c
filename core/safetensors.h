#pragma once
// The safetensors format (HuggingFace checkpoints and OrderLens's own model files):
//
//   [N: 8-byte little-endian length][N bytes of JSON header][data buffer]
//   header: {"<name>": {"dtype": "F32", "shape": [rows, cols], "data_offsets": [begin, end]}, ...,
//            "__metadata__": {"<key>": "<value>", ...}}      (metadata optional)
//   offsets are byte offsets into the data buffer; tensors are row-major, little-endian.
//
// Reading validates the whole header up front. Bytes given to parse() are viewed in place; a file
// given to open() is read with pread straight into each tensor's own memory, never mapped: a file
// that shrinks or is copied over while it is being read gives an Error naming the file, never a
// signal (a mapping would raise SIGBUS). F32, F16 and BF16 tensors convert to float32 matrices; tensors of the
// other safetensors dtypes (I64 "position_ids" in BERT checkpoints) are listed but not converted.
// Every problem is an Error(BadFile) whose message starts with the file name.
#include "file_io.h"  // writeFileAtomically, for callers of this header
#include "tensor.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace orderlens {

// Other: a valid safetensors dtype OrderLens does not convert (I64, U8, F64, BOOL, F8_*, ...).
enum class DType { F32, F16, BF16, Other };

struct TensorInfo {
    std::string name;
    DType dtype = DType::Other;
    std::vector<int64_t> shape;  // empty for a scalar
    uint64_t begin = 0, end = 0;  // byte range in the data buffer; end - begin = elements * dtype size
    std::string dtypeName;        // as written in the file: "F32", "I64", ...
};

class SafetensorsFile {
public:
    // Parses and validates `size` bytes. The object views them without copying: the caller keeps
    // them alive as long as the object (and its copies) live. sourceName starts every message.
    static SafetensorsFile parse(const uint8_t* data, size_t size, const std::string& sourceName);
    // Opens the file and reads its header; the tensors are read when asked for. The file stays
    // open as long as the object or any copy of it. Each read checks that the file still has its
    // size and modification time from the open, else Error(BadFile) "the file shrank/changed ...".
    static SafetensorsFile open(const std::string& path);

    const std::string& sourceName() const { return source_; }
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    bool contains(const std::string& name) const { return tensors_.count(name) != 0; }
    // Throws Error(BadFile) naming the missing tensor.
    const TensorInfo& info(const std::string& name) const;
    // All tensor names, sorted (includes tensors of dtypes matrix() rejects).
    std::vector<std::string> names() const;

    // The tensor as float32, after checking its dtype (F32/F16/BF16) and that its shape is exactly
    // expectedShape: {rows, cols} -> (rows, cols); {n} -> (1, n). F16/BF16 convert exactly.
    Matrix matrix(const std::string& name, const std::vector<int64_t>& expectedShape) const;
    // An F16 or BF16 tensor's 16-bit words as stored (row-major), not widened: for weights kept
    // 16-bit in memory (stored_matrix.h). Same checks as matrix(); Error(BadFile) for other dtypes.
    std::vector<uint16_t> halfWords(const std::string& name, const std::vector<int64_t>& expectedShape) const;
    // The checks matrix() makes first (F32/F16/BF16, shape exactly expectedShape), reading and
    // allocating nothing: loaders check every tensor a config implies before reading any.
    const TensorInfo& requireShape(const std::string& name, const std::vector<int64_t>& expectedShape) const;
    // The tensor's floats in place (row-major, info(name).shape) when the bytes came from parse(),
    // the tensor is F32 and 4-byte aligned; nullptr otherwise (then use matrix()). Valid while
    // this object lives.
    const float* f32Data(const std::string& name) const;
    // Reads a tensor OrderLens does not use (in bounded chunks, keeping nothing) and throws
    // Error(BadFile) naming it when it holds NaN or infinity. Tensors of other dtypes pass.
    void requireFinite(const std::string& name) const;

private:
    struct OpenFile;
    SafetensorsFile() = default;
    static SafetensorsFile fromHeader(const char* headerText, uint64_t headerLength, uint64_t bufferSize,
                                      const std::string& sourceName);
    static void convert(DType dtype, const uint8_t* src, size_t count, float* dst);
    // count bytes at file offset `offset` into dst (open() only), checking the file did not change.
    void readAt(uint64_t offset, uint64_t count, uint8_t* dst, const std::string* tensor) const;
    // The tensor's bytes in chunks: convertChunk(bytes, first element, element count). An F32
    // tensor of an open() file is read straight into f32Destination when given (no chunks).
    void forEachChunk(const TensorInfo& t, const std::function<void(const uint8_t*, size_t, size_t)>& convertChunk,
                      uint8_t* f32Destination = nullptr) const;

    std::string source_;
    std::shared_ptr<const OpenFile> file_;  // set by open(); empty after parse()
    uint64_t bufferOffset_ = 0;             // open(): file offset of the data buffer
    const uint8_t* buffer_ = nullptr;       // parse(): start of the data buffer
    uint64_t bufferSize_ = 0;
    std::map<std::string, TensorInfo> tensors_;
    std::map<std::string, std::string> metadata_;
};

// One tensor to write: all F32, row-major. isVector (requires rows() == 1) writes shape [n]
// instead of [1, n].
struct NamedTensor {
    std::string name;
    const Matrix* value;
    bool isVector;
};

// The file's bytes: header padded with spaces so the data buffer starts 8-byte aligned, tensors
// stored in the given order. Throws Error(BadInput) for a null value, a duplicate or reserved
// ("__metadata__") name, a vector with rows() != 1, or strings that are not UTF-8.
std::vector<uint8_t> serializeSafetensors(const std::vector<NamedTensor>& tensors,
                                          const std::map<std::string, std::string>& metadata);

// Writes serializeSafetensors(...) through writeFileAtomically (core/file_io.h): only to a regular
// file, via a temporary file that is synced and renamed over path, so a failure (or a kill) never
// leaves a partial file and never touches an existing file at path.
// Throws Error(BadFile) "cannot write '<path>': <reason>".
void writeSafetensors(const std::string& path, const std::vector<NamedTensor>& tensors,
                      const std::map<std::string, std::string>& metadata);

}  // namespace orderlens
