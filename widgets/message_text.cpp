#include "message_text.h"

#include "errors.h"

#include <QCoreApplication>

namespace orderlens::widgets {

QString userMessage(const orderlens::Error& e)
{
    const QString translated = QCoreApplication::translate("orderlens::core", e.messageTemplate().c_str());
    std::vector<std::string> values = e.values();
    if (const Error* cause = e.cause())
        values.back() = userMessage(*cause).toStdString();
    // Filled as core fills what(): %n is the n-th value, in one pass (as QString::arg does for
    // %1 .. %n), so a value holding "%2" (a file name, say) is not filled again.
    return QString::fromStdString(fillPlaceholders(translated.toStdString(), values));
}

QString userMessage(const std::exception& e)
{
    if (const auto* error = dynamic_cast<const orderlens::Error*>(&e))
        return userMessage(*error);
    return QString::fromStdString(e.what());
}

}  // namespace orderlens::widgets
