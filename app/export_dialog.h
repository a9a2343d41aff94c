#pragma once
// Asks for a picture's size, scale, background (and, for "all views", the format).
#include "exporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace orderlens::app {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const ExportOptions& initial, bool askFormat, QWidget* parent = nullptr);
    ExportOptions options() const;
    QString format() const;  // "png", "svg" or "pdf" (when askFormat)

private:
    QComboBox* preset_ = nullptr;
    QSpinBox* width_ = nullptr;
    QSpinBox* height_ = nullptr;
    QDoubleSpinBox* scale_ = nullptr;
    QCheckBox* transparent_ = nullptr;
    QComboBox* format_ = nullptr;
};

}  // namespace orderlens::app
