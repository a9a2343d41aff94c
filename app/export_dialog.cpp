#include "export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

namespace orderlens::app {

namespace {
struct Preset {
    const char* name;
    int width, height;
    double scale;
};
// Sizes people ask for: a 16:9 slide, the same for a 4K projector, a handout figure.
const Preset kPresets[] = {{QT_TRANSLATE_NOOP("orderlens::app::ExportDialog", "Slide 1920×1080, text ×2"), 1920, 1080, 2.0},
                           {QT_TRANSLATE_NOOP("orderlens::app::ExportDialog", "Slide 1920×1080, text ×1.5"), 1920, 1080, 1.5},
                           {QT_TRANSLATE_NOOP("orderlens::app::ExportDialog", "4K 3840×2160, text ×3"), 3840, 2160, 3.0},
                           {QT_TRANSLATE_NOOP("orderlens::app::ExportDialog", "Handout 1600×900"), 1600, 900, 1.0},
                           {QT_TRANSLATE_NOOP("orderlens::app::ExportDialog", "Custom"), 0, 0, 0}};
}  // namespace

ExportDialog::ExportDialog(const ExportOptions& initial, bool askFormat, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Picture size"));
    auto* form = new QFormLayout(this);
    preset_ = new QComboBox(this);
    for (const Preset& p : kPresets)
        preset_->addItem(tr(p.name));
    width_ = new QSpinBox(this);
    height_ = new QSpinBox(this);
    for (QSpinBox* box : {width_, height_}) {
        box->setRange(64, 16384);
        box->setSuffix(tr(" px"));
    }
    scale_ = new QDoubleSpinBox(this);
    scale_->setRange(0.25, 8.0);
    scale_->setSingleStep(0.25);
    scale_->setDecimals(2);
    transparent_ = new QCheckBox(tr("Transparent background (PNG)"), this);
    width_->setValue(initial.size.width());
    height_->setValue(initial.size.height());
    scale_->setValue(initial.scale);
    transparent_->setChecked(initial.transparent);
    preset_->setCurrentIndex(preset_->count() - 1);
    for (int i = 0; i + 1 < preset_->count(); ++i)
        if (kPresets[i].width == initial.size.width() && kPresets[i].height == initial.size.height() &&
            kPresets[i].scale == initial.scale)
            preset_->setCurrentIndex(i);
    connect(preset_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i < 0 || kPresets[i].width == 0)
            return;
        width_->setValue(kPresets[i].width);
        height_->setValue(kPresets[i].height);
        scale_->setValue(kPresets[i].scale);
    });
    form->addRow(tr("Preset:"), preset_);
    form->addRow(tr("Width:"), width_);
    form->addRow(tr("Height:"), height_);
    form->addRow(tr("Text and line scale:"), scale_);
    form->addRow(QString(), transparent_);
    if (askFormat) {
        format_ = new QComboBox(this);
        format_->addItem(tr("PNG picture"), QStringLiteral("png"));
        format_->addItem(tr("SVG drawing"), QStringLiteral("svg"));
        format_->addItem(tr("PDF document"), QStringLiteral("pdf"));
        form->addRow(tr("Format:"), format_);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    o.size = QSize(width_->value(), height_->value());
    o.scale = scale_->value();
    o.transparent = transparent_->isChecked();
    return o;
}

QString ExportDialog::format() const { return format_ ? format_->currentData().toString() : QStringLiteral("png"); }

}  // namespace orderlens::app
