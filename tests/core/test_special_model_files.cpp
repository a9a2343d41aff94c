// A model file, or a file of a HuggingFace folder, that is a named pipe or a device is refused at
// once with a message naming it; nothing waits for a writer that never comes.
#include "bert_checkpoint.h"
#include "errors.h"
#include "model.h"
#include "time_guard.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace orderlens;

namespace {

fs::path scratchFolder(const std::string& name)
{
    const fs::path dir = fs::temp_directory_path() / ("orderlens-special-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string refusal(const std::function<void()>& load)
{
    std::string message = "(accepted)";
    finishesWithin(10, "loading a model from a special file", [&] {
        try {
            load();
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::BadFile) << e.what();
            message = e.what();
        }
    });
    return message;
}

}  // namespace

TEST(SpecialModelFiles, NamedPipeAsModelFileIsRefusedAtOnce)
{
    const fs::path dir = scratchFolder("pipe");
    const fs::path fifo = dir / "model.safetensors";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const std::string message = refusal([&] { (void)Model::load(fifo.string()); });
    EXPECT_NE(message.find(fifo.string()), std::string::npos) << message;
    EXPECT_NE(message.find("not a regular file"), std::string::npos) << message;
    fs::remove_all(dir);
}

TEST(SpecialModelFiles, DeviceAsModelFileIsRefused)
{
    const std::string message = refusal([] { (void)Model::load("/dev/zero"); });
    EXPECT_NE(message.find("/dev/zero"), std::string::npos) << message;
}

class SpecialFolderFile : public testing::TestWithParam<const char*> {};

// config.json or vocab.txt of a BERT folder replaced by a named pipe.
TEST_P(SpecialFolderFile, NamedPipeInAFolderIsRefusedAtOnce)
{
    const fs::path dir = scratchFolder(std::string("folder-") + GetParam());
    for (const auto& entry : fs::directory_iterator(fs::path(ORDERLENS_SOURCE_DIR) / "tests/fixtures/tiny_bert/f32"))
        if (entry.path().filename() != GetParam())
            fs::copy_file(entry.path(), dir / entry.path().filename());
    const fs::path fifo = dir / GetParam();
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const std::string message = refusal([&] { (void)loadBertFolder(dir.string()); });
    EXPECT_NE(message.find(GetParam()), std::string::npos) << message;  // the folder has no such regular file
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Files, SpecialFolderFile, testing::Values("config.json", "vocab.txt", "model.safetensors"),
                         [](const auto& info) {
                             std::string name = info.param;
                             for (char& c : name)
                                 if (c == '.')
                                     c = '_';
                             return name;
                         });
