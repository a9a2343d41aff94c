#include "font_check.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QHash>

namespace orderlens::app {

namespace {

bool someFontCovers(char32_t cp)
{
    static QHash<char32_t, bool> cache;
    const auto it = cache.constFind(cp);
    if (it != cache.constEnd())
        return *it;
    bool covered = false;
    const QString preferred = preferredChineseFamily();
    if (!preferred.isEmpty() && QFontMetrics(QFont(preferred)).inFontUcs4(cp))
        covered = true;
    for (const QString& family : QFontDatabase::families()) {
        if (covered)
            break;
        covered = QFontMetrics(QFont(family)).inFontUcs4(cp);
    }
    cache.insert(cp, covered);
    return covered;
}

}  // namespace

QString FontCoverage::message() const
{
    if (complete)
        return {};
    return QCoreApplication::translate("FontCheck",
                                       "No installed font can draw %1; those characters would show as boxes. "
                                       "Install a font that covers them (for Chinese: fonts-wqy-microhei).")
        .arg(missing);
}

FontCoverage checkFontCoverage(const QString& text)
{
    FontCoverage result;
    for (const char32_t cp : text.toUcs4()) {
        if (QChar::isSpace(cp) || QChar::category(cp) == QChar::Other_Control || QChar::category(cp) == QChar::Other_Format ||
            QChar::category(cp) == QChar::Mark_NonSpacing || (cp >= 0xFE00 && cp <= 0xFE0F) ||
            (cp >= 0x1F3FB && cp <= 0x1F3FF))
            continue;  // joiners, variation selectors and skin tones are drawn with their base
        if (!someFontCovers(cp)) {
            const QString ch = QString::fromUcs4(&cp, 1);
            if (!result.missing.contains(ch))
                result.missing += ch;
            result.complete = false;
        }
    }
    return result;
}

QString preferredChineseFamily()
{
    static const QString family = [] {
        for (const QString& f : QFontDatabase::families())
            if (f.contains("WenQuanYi Micro Hei", Qt::CaseInsensitive))
                return f;
        for (const QString& f : QFontDatabase::families(QFontDatabase::SimplifiedChinese))
            return f;
        return QString();
    }();
    return family;
}

}  // namespace orderlens::app
