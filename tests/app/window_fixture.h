#pragma once
// The window of the app tests, set up once: a MainWindow that restores no settings, resized
// and shown as asked; load() sets a model and waits for its snapshot; showView() brings a view
// to the front and lets it draw. Returns bools for QVERIFY at the call site.
//
//     WindowFixture f(kWindowSize);
//     QVERIFY(f.load("random:sinusoidal"));
//     widgets::View* v = f.showView("pca");
#include "main_window.h"
#include "session_model.h"
#include "view.h"

#include <QCoreApplication>
#include <QSize>
#include <QString>

namespace orderlens::testing {

inline constexpr QSize kWindowSize(1400, 900);         // the window's first size
inline constexpr QSize kPictureWindowSize(1500, 950);  // the picture tests' window
inline constexpr QSize kOwnSize;                       // invalid: the window keeps its own size

class WindowFixture {
public:
    // kOwnSize leaves the window at its own size; show = false keeps it hidden.
    explicit WindowFixture(QSize size = kWindowSize, bool show = true)
    {
        if (size.isValid())
            window.resize(size);
        if (show)
            window.show();
    }

    app::SessionModel* session() const { return window.session(); }

    // Sets the model (the window's default when empty) and waits until its snapshot (and, by
    // default, its recoverability curve) is computed and handed to the views.
    [[nodiscard]] bool load(const QString& model = {})
    {
        if (!model.isEmpty())
            session()->setModelSpec(model);
        return session()->waitForIdle();
    }

    // Brings the view of `key` to the front and lets it draw; null for an unknown key.
    widgets::View* showView(const QString& key)
    {
        window.showView(key);
        QCoreApplication::processEvents();
        return window.view(key);
    }
    template <typename V>
    V* showViewAs(const QString& key)
    {
        return static_cast<V*>(showView(key));
    }

    app::MainWindow window{nullptr, false};
};

}  // namespace orderlens::testing
