#pragma once
// Where the window's file dialogs open. A dialog lists its folder on the GUI thread, so a folder
// of special files (/proc, /sys, /dev: reading /proc/kmsg blocks for good) would freeze the app;
// a folder that is gone or not writable is no place to save either. The dialogs remember a folder
// only after a save into it succeeded, and open in it only while it is still a good one.
#include <QString>

namespace orderlens::app {

// true for an existing, writable folder outside /proc, /sys and /dev (after resolving links).
bool isGoodStartFolder(const QString& folder);
// `remembered` when isGoodStartFolder(remembered), else the pictures folder or the home folder
// (the first of them that is good), else QDir::tempPath(). Never touches a file inside a folder.
QString dialogStartFolder(const QString& remembered);

}  // namespace orderlens::app
