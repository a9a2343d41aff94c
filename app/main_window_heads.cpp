// The Heads menu: head surgery in the window. Heads switched off are part of the selection
// (saved in sessions); every view, role and next-token prediction follows.
#include "main_window.h"

#include "session_model.h"

#include <QActionGroup>
#include <QMenu>
#include <QMenuBar>

namespace orderlens::app {

namespace {
widgets::Selection withSurgery(widgets::Selection selection, std::vector<HeadId> heads)
{
    selection.surgery.heads = std::move(heads);
    selection.surgery.normalise();
    return selection;
}
}  // namespace

void MainWindow::addHeadsMenu()
{
    QMenu* menu = menuBar()->addMenu(tr("&Heads"));
    QAction* toggle = menu->addAction(tr("Switch the enlarged head off / on"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(toggle, &QAction::triggered, this, [this] {
        const widgets::Selection& sel = session_->selection();
        std::vector<HeadId> heads = sel.surgery.heads;
        const HeadId id{sel.layer, sel.head};
        const auto it = std::find(heads.begin(), heads.end(), id);
        if (it == heads.end())
            heads.push_back(id);
        else
            heads.erase(it);
        session_->setSelection(withSurgery(sel, std::move(heads)));
    });
    // The kinds of sentence A's heads in the picture on screen.
    auto ofKind = [this](HeadKind kind) {
        std::vector<HeadId> heads;
        if (const SnapshotPtr data = session_->current())
            for (const HeadRole& r : data->a.headRoles)
                if (r.kind == kind)
                    heads.push_back({r.layer, r.head});
        return heads;
    };
    QAction* positional = menu->addAction(tr("Switch off every &positional head"));
    connect(positional, &QAction::triggered, this, [this, ofKind] {
        session_->setSelection(withSurgery(session_->selection(), ofKind(HeadKind::Positional)));
    });
    QAction* content = menu->addAction(tr("Switch off every &content head"));
    connect(content, &QAction::triggered, this, [this, ofKind] {
        session_->setSelection(withSurgery(session_->selection(), ofKind(HeadKind::Content)));
    });
    QAction* layer = menu->addAction(tr("Switch off the enlarged head's whole &layer"));
    connect(layer, &QAction::triggered, this, [this] {
        const widgets::Selection& sel = session_->selection();
        std::vector<HeadId> heads;
        if (const SnapshotPtr data = session_->current())
            for (int h = 0; h < data->config.n_heads; ++h)
                heads.push_back({sel.layer, h});
        session_->setSelection(withSurgery(sel, std::move(heads)));
    });
    QAction* restore = menu->addAction(tr("Switch every head &back on"));
    restore->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    connect(restore, &QAction::triggered, this, [this] { session_->setSelection(withSurgery(session_->selection(), {})); });
    menu->addSeparator();
    auto* methods = new QActionGroup(menu);
    for (const auto& [method, text] : {std::pair{AblationMethod::Zero, tr("Off means: output &zero")},
                                       std::pair{AblationMethod::Mean, tr("Off means: its &mean output over the corpus")},
                                       std::pair{AblationMethod::Uniform, tr("Off means: &uniform attention")}}) {
        QAction* action = menu->addAction(text);
        action->setCheckable(true);
        action->setData(static_cast<int>(method));
        methods->addAction(action);
        const AblationMethod m = method;
        connect(action, &QAction::triggered, this, [this, m] {
            widgets::Selection sel = session_->selection();
            sel.surgery.method = m;
            session_->setSelection(sel);
        });
    }
    // The checked method and the enabled actions follow the selection (sessions, lessons).
    auto sync = [=, this] {
        const widgets::Selection& sel = session_->selection();
        for (QAction* a : methods->actions())
            a->setChecked(a->data().toInt() == static_cast<int>(sel.surgery.method));
        restore->setEnabled(!sel.surgery.empty());
    };
    connect(session_, &SessionModel::selectionChanged, this, sync);
    sync();
}

}  // namespace orderlens::app
