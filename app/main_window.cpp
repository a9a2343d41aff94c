#include "main_window.h"

#include <QLabel>

namespace orderlens::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("OrderLens 语序透镜"));
    auto* label = new QLabel(tr("猫追老鼠 · 老鼠追猫 — the views arrive with the next release."), this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    resize(1200, 800);
}

}  // namespace orderlens::app
