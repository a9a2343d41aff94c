// libFuzzer entry point for session files (app/session.cpp, Qt Core only): any bytes must be
// refused with a message or give a state that saves and reads back to the same state.
// Built and run by tests/fuzz/CMakeLists.txt (preset "fuzz"), for a bounded time in scripts/test.sh.
#include "session.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace orderlens::app;
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    SessionState state;
    QString error;
    if (!sessionFromJson(json, &state, &error)) {
        if (error.isEmpty() || !(state == SessionState{}))
            std::abort();  // a refusal must say why and leave the state untouched
        return 0;
    }
    SessionState again;
    QString againError;
    if (!sessionFromJson(sessionToJson(state), &again, &againError) || !(again == state))
        std::abort();  // what was read must save and read back unchanged
    return 0;
}
