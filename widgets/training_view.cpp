#include "training_view.h"

#include "plot_style.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace orderlens::widgets {

namespace {
const QColor kRunColours[4] = {QColor(0, 114, 178), QColor(213, 94, 0), QColor(0, 158, 115), QColor(204, 121, 167)};
}

TrainingView::TrainingView(QWidget* parent) : View(parent)
{
    scheme_ = new QComboBox(this);
    for (const char* s : {"sinusoidal", "learned", "rope", "alibi", "none"})
        scheme_->addItem(QString::fromLatin1(s));
    seed_ = new QSpinBox(this);
    seed_->setRange(1, 1000000);
    steps_ = new QSpinBox(this);
    steps_->setRange(10, 100000);
    steps_->setSingleStep(100);
    steps_->setValue(1500);
    compare_ = new QCheckBox(tr("also train one without positions"), this);
    compare_->setChecked(true);
    start_ = new QPushButton(tr("Train"), this);
    cancel_ = new QPushButton(tr("Cancel"), this);
    use_ = new QPushButton(tr("Use this model"), this);
    controls_->addWidget(new QLabel(tr("Positions:"), this));
    controls_->addWidget(scheme_);
    controls_->addWidget(new QLabel(tr("Seed:"), this));
    controls_->addWidget(seed_);
    controls_->addWidget(new QLabel(tr("Steps:"), this));
    controls_->addWidget(steps_);
    controls_->addWidget(compare_);
    controls_->addStretch(1);
    // The buttons start the second row, beside the progress: one row of every control is wider
    // than the window of a 1024x768 projector.
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(start_);
    statusRow->addWidget(cancel_);
    statusRow->addWidget(use_);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    statusRow->addWidget(progress_, 1);
    statusRow->addWidget(status_, 3);
    layout_->insertLayout(1, statusRow);

    connect(start_, &QPushButton::clicked, this, [this] {
        emit startRequested(scheme_->currentText(), seed_->value(), steps_->value(),
                            compare_->isChecked() && scheme_->currentText() != QLatin1String("none"));
    });
    connect(cancel_, &QPushButton::clicked, this, &TrainingView::cancelRequested);
    connect(use_, &QPushButton::clicked, this, &TrainingView::useRequested);
    setAvailability(false, tr("Training is not available in this build yet: the trainer has not landed."));
}

QString TrainingView::explanation() const
{
    return tr("Train a small model on generated sentences to label who does what (施事 / 动作 / 受事 / 其他). Watch "
              "the right panel: on reversal pairs such as 猫追老鼠 / 老鼠追猫 the model with positions learns who is "
              "the agent, while the twin without positions stays at exactly 50 % — chance — because the two "
              "sentences are the same bag of words to it. Its overall accuracy (middle) still looks high: verbs and "
              "function words need no order.");
}

void TrainingView::setAvailability(bool available, const QString& reason)
{
    available_ = available;
    unavailableReason_ = reason;
    status_->setText(available ? tr("Ready.") : reason);
    setRunning(false);
    use_->setEnabled(false);
    invalidate();  // the message in the picture says whether training can start (and replaces QCustomPlot's empty axes)
}

void TrainingView::setRunning(bool running)
{
    start_->setEnabled(available_ && !running);
    cancel_->setEnabled(available_ && running);
    scheme_->setEnabled(available_ && !running);
    seed_->setEnabled(available_ && !running);
    steps_->setEnabled(available_ && !running);
    compare_->setEnabled(available_ && !running);
}

void TrainingView::startRun(const QString& label)
{
    if (runs_.size() >= 4)
        runs_.erase(runs_.begin());
    runs_.push_back({label, {}, {}, {}, {}, {}});
    setRunning(true);
    use_->setEnabled(false);
    invalidate();
}

void TrainingView::addPoint(int step, double loss, double accuracy, double reversal)
{
    if (runs_.empty())
        return;
    runs_.back().steps << step;
    runs_.back().losses << loss;
    runs_.back().accuracies << accuracy;
    if (std::isfinite(reversal)) {
        runs_.back().reversalSteps << step;
        runs_.back().reversals << reversal;
    }
    invalidate();
}

void TrainingView::setProgress(double fraction, const QString& status)
{
    progress_->setValue(static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000));
    status_->setText(status);
}

void TrainingView::finishRun(const QString& summary, bool canUse)
{
    status_->setText(summary);
    setRunning(false);
    use_->setEnabled(canUse);
}

QString TrainingView::layoutKey() const
{
    // The curves are made anew for every point (invalidate()); the key only tells runs apart.
    return QStringLiteral("%1/%2").arg(available_).arg(runs_.size());
}

void TrainingView::build()
{
    if (runs_.empty()) {
        showMessage(available_ ? tr("Choose a position scheme and press Train.\nLoss and accuracy appear here as "
                                    "the model learns.")
                               : unavailableReason_);
        return;
    }
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    addTitle(plot_, 0, 0, tr("Loss\n(lower is better)"), colours, font, 0);
    addTitle(plot_, 0, 1, tr("Role accuracy,\ntraining sentences"), colours, font, 0);
    addTitle(plot_, 0, 2, tr("Who does what: reversal pairs\n(猫追老鼠 / 老鼠追猫)"), colours, font, 0);
    auto* lossRect = new QCPAxisRect(plot_);
    auto* accRect = new QCPAxisRect(plot_);
    auto* reversalRect = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(1, 0, lossRect);
    plot_->plotLayout()->addElement(1, 1, accRect);
    plot_->plotLayout()->addElement(1, 2, reversalRect);
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    plot_->plotLayout()->setColumnStretchFactor(0, 0.8);
    plot_->plotLayout()->setColumnStretchFactor(2, 1.2);
    // Room on the right of each panel for the last step number, centred on the axis's end.
    const int lastStep = QFontMetrics(font).horizontalAdvance(QStringLiteral("00000")) / 2 + 4;
    for (QCPAxisRect* rect : {lossRect, accRect, reversalRect}) {
        styleAxisRect(rect, colours, font);
        rect->setMinimumMargins(QMargins(0, 0, lastStep, 0));
        rect->axis(QCPAxis::atBottom)->setLabel(tr("step"));
        rect->axis(QCPAxis::atBottom)->ticker()->setTickCount(3);  // step numbers of four digits side by side
    }
    lossRect->axis(QCPAxis::atLeft)->setLabel(tr("loss"));
    accRect->axis(QCPAxis::atLeft)->setLabel(tr("accuracy"));
    reversalRect->axis(QCPAxis::atLeft)->setLabel(tr("agents and patients right"));
    for (QCPAxisRect* rect : {accRect, reversalRect}) {
        rect->axis(QCPAxis::atLeft)->setRange(0, 1.05);
        rect->axis(QCPAxis::atLeft)->setNumberFormat(QStringLiteral("f"));
        rect->axis(QCPAxis::atLeft)->setNumberPrecision(1);
    }
    // Chance: a model that cannot see order gets each pair's nouns right in one sentence of two.
    auto* chance = new QCPItemStraightLine(plot_);
    chance->setClipAxisRect(reversalRect);
    chance->point1->setAxes(reversalRect->axis(QCPAxis::atBottom), reversalRect->axis(QCPAxis::atLeft));
    chance->point2->setAxes(reversalRect->axis(QCPAxis::atBottom), reversalRect->axis(QCPAxis::atLeft));
    chance->point1->setCoords(0, 0.5);
    chance->point2->setCoords(1, 0.5);
    chance->setPen(QPen(colours.subtle, 1.5, Qt::DashLine));
    auto* chanceLabel = new QCPItemText(plot_);
    chanceLabel->setClipAxisRect(reversalRect);
    chanceLabel->position->setAxes(reversalRect->axis(QCPAxis::atBottom), reversalRect->axis(QCPAxis::atLeft));
    chanceLabel->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    chanceLabel->position->setAxisRect(reversalRect);
    chanceLabel->position->setCoords(0.02, 0.5);
    chanceLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    chanceLabel->setFont(font);
    chanceLabel->setColor(colours.text);
    chanceLabel->setText(tr("chance (50 %)"));
    auto* legend = addInsetLegend(accRect, Qt::AlignBottom | Qt::AlignRight, colours, font);
    double maxStep = 1, maxLoss = 0.1;
    for (size_t i = 0; i < runs_.size(); ++i) {
        const Run& run = runs_[i];
        const QColor colour = kRunColours[i % 4];
        auto* loss = plot_->addGraph(lossRect->axis(QCPAxis::atBottom), lossRect->axis(QCPAxis::atLeft));
        loss->setData(run.steps, run.losses, true);
        loss->setPen(QPen(colour, 2));
        auto* accuracy = plot_->addGraph(accRect->axis(QCPAxis::atBottom), accRect->axis(QCPAxis::atLeft));
        accuracy->setData(run.steps, run.accuracies, true);
        accuracy->setPen(QPen(colour, 2));
        accuracy->setName(run.label);
        legend->addItem(new QCPPlottableLegendItem(legend, accuracy));
        auto* reversal = plot_->addGraph(reversalRect->axis(QCPAxis::atBottom), reversalRect->axis(QCPAxis::atLeft));
        reversal->setData(run.reversalSteps, run.reversals, true);
        reversal->setPen(QPen(colour, 2.5));
        reversal->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 6));
        for (double s : run.steps)
            maxStep = std::max(maxStep, s);
        for (double l : run.losses)
            maxLoss = std::max(maxLoss, l);
    }
    lossRect->axis(QCPAxis::atBottom)->setRange(0, maxStep);
    accRect->axis(QCPAxis::atBottom)->setRange(0, maxStep);
    reversalRect->axis(QCPAxis::atBottom)->setRange(0, maxStep);
    lossRect->axis(QCPAxis::atLeft)->setRange(0, maxLoss * 1.05);
    plot_->replot();
}

}  // namespace orderlens::widgets
