// libFuzzer entry point for lesson files (app/lesson.cpp, Qt Core only): any bytes must parse or
// be refused with a LessonError whose message starts "<name> line N:" with N within the text;
// a parsed lesson has steps that name a known view.
// Built and run by tests/fuzz/CMakeLists.txt (preset "fuzz"), for a bounded time in scripts/test.sh.
#include "lesson.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace orderlens::app;
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    try {
        const Lesson lesson = parseLesson(json, QStringLiteral("fuzz.json"));
        for (const LessonStep& step : lesson.steps)
            if (!lessonViewNames().contains(step.view))
                std::abort();
    } catch (const LessonError& e) {
        const int lines = 1 + static_cast<int>(json.count('\n'));
        if (!e.message().startsWith(QStringLiteral("fuzz.json line %1:").arg(e.line())) || e.line() < 1 || e.line() > lines)
            std::abort();  // the message must point at a line of the file
    }
    return 0;
}
