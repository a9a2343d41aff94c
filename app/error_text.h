#pragma once
// The text of an error for the window: widgets::userMessage (widgets/message_text.h), which the
// views' own messages (a picture that cannot be written) use too.
#include "message_text.h"

namespace orderlens::app {
using widgets::userMessage;
}  // namespace orderlens::app
