#include "error_text.h"

namespace orderlens::app {

QString userMessage(const orderlens::Error& e) { return QString::fromStdString(e.what()); }
QString userMessage(const std::exception& e)
{
    if (const auto* error = dynamic_cast<const orderlens::Error*>(&e))
        return userMessage(*error);
    return QString::fromStdString(e.what());
}

}  // namespace orderlens::app
