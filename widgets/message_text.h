#pragma once
// The text of an error for the window. An orderlens::Error carries an English template and its
// values (core/errors.h); here the template is looked up in the interface language
// (QCoreApplication::translate, context "orderlens::core") and the values are filled in.
#include <QString>

#include <exception>

namespace orderlens {
class Error;
}

namespace orderlens::widgets {

// The message in the interface language: the translated template with %1 %2 ... replaced by
// the values; a wrapped cause (Error::cause()) is translated the same way before it fills its
// placeholder. Without a translation, or in English, this is e.what().
QString userMessage(const orderlens::Error& e);
// An orderlens::Error as above; any other exception's what() as it is.
QString userMessage(const std::exception& e);

}  // namespace orderlens::widgets
