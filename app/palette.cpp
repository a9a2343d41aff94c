#include "palette.h"

#include <QApplication>
#include <QStyle>

namespace orderlens::app {

QPalette darkPalette()
{
    // Grey-on-charcoal, as dark desktop themes draw windows: views read Base, WindowText,
    // Text and Mid, the caption Window.
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230), disabled(130, 130, 130);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(55, 55, 58));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 110, 110));
    p.setColor(QPalette::Light, QColor(80, 80, 84));
    p.setColor(QPalette::Midlight, QColor(66, 66, 70));
    p.setColor(QPalette::Mid, QColor(90, 90, 94));
    p.setColor(QPalette::Dark, QColor(25, 25, 27));
    p.setColor(QPalette::Shadow, QColor(10, 10, 10));
    p.setColor(QPalette::Highlight, QColor(42, 130, 218));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(90, 170, 250));
    p.setColor(QPalette::LinkVisited, QColor(170, 140, 250));
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

QPalette namedPalette(const QString& name, bool* ok)
{
    if (ok)
        *ok = true;
    if (name == QLatin1String("dark"))
        return darkPalette();
    if (name != QLatin1String("light") && ok)
        *ok = false;
    return QApplication::style() ? QApplication::style()->standardPalette() : QPalette();
}

}  // namespace orderlens::app
