#pragma once
// The main window. It only assembles: inputs, token strips, views.
#include <QMainWindow>

namespace orderlens::app {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace orderlens::app
