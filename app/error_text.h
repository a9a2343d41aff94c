#pragma once
// Messages of core errors for the user (placeholder until the translated version lands).
#include "errors.h"

#include <QString>

#include <exception>

namespace orderlens::app {

QString userMessage(const orderlens::Error& e);
QString userMessage(const std::exception& e);

}  // namespace orderlens::app
