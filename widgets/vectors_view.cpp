#include "vectors_view.h"

#include <QRegularExpression>

#include "colour_scales.h"
#include "plot.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMouseEvent>
#include <QTableWidget>

#include <algorithm>
#include <cmath>
#include <limits>

namespace orderlens::widgets {

namespace {

const QColor kWordColour(0, 114, 178);       // E: blue
const QColor kPositionColour(230, 159, 0);   // P: orange
const QColor kSumColour(204, 121, 167);      // E + P: reddish purple

QString vectorText(const QVector<double>& v)
{
    QStringList parts;
    for (double x : v)
        parts << formatValue(x, 2);
    return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
}

QVector<double> rowOf(const Matrix& m, int row)
{
    QVector<double> out;
    if (row < 0 || row >= m.rows())
        return out;
    for (int c = 0; c < m.cols(); ++c)
        out << static_cast<double>(m(row, c));
    return out;
}

// A cabinet view of 3-D space: d1 to the right, d3 up, d2 receding at 35 degrees, half length.
QPointF project3(const QVector<double>& v)
{
    constexpr double angle = 0.61, depth = 0.5;
    const double x = v.value(0), y = v.value(1), z = v.value(2);
    return {x + depth * y * std::cos(angle), z + depth * y * std::sin(angle)};
}

}  // namespace

VectorsView::VectorsView(QWidget* parent) : View(parent)
{
    tokenChooser_ = new QComboBox(this);
    tokenChooser_->setMinimumContentsLength(12);
    dimensionLabel_ = new QLabel(tr("Dimensions:"), this);
    dimensionChooser_ = new QComboBox(this);
    dimensionChooser_->addItem(tr("2-D"), 2);
    dimensionChooser_->addItem(tr("3-D"), 3);
    dimensionChooser_->setCurrentIndex(1);
    controls_->addWidget(new QLabel(tr("Selected token:"), this));
    controls_->addWidget(tokenChooser_);
    controls_->addWidget(dimensionLabel_);
    controls_->addWidget(dimensionChooser_);
    controls_->addStretch(1);

    tablesBox_ = new QWidget(this);
    auto* tables = new QHBoxLayout(tablesBox_);
    tables->setContentsMargins(0, 0, 0, 0);
    auto makeTable = [this](const QString& caption, QTableWidget** table) {
        auto* box = new QWidget(tablesBox_);
        auto* column = new QVBoxLayout(box);
        column->setContentsMargins(0, 0, 0, 0);
        column->addWidget(new QLabel(caption, box));
        *table = new QTableWidget(box);
        (*table)->setMaximumHeight(150);
        (*table)->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        column->addWidget(*table);
        return box;
    };
    tables->addWidget(makeTable(tr("Word table E (edit a value, press Enter)"), &wordTable_));
    tables->addWidget(makeTable(tr("Position table P"), &positionTable_));
    layout_->insertWidget(1, tablesBox_);
    tablesBox_->hide();

    connect(tokenChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (syncing_ || index < 0)
            return;
        const QPoint choice = tokenChooser_->itemData(index).toPoint();
        selectToken(choice.x(), choice.y());
    });
    connect(dimensionChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!syncing_)
            emit handmadeDimensionChanged(dimensionChooser_->itemData(index).toInt());
    });
    connect(wordTable_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (syncing_)
            return;
        QVector<double> row;
        for (int c = 0; c < wordTable_->columnCount(); ++c)
            row << (wordTable_->item(item->row(), c) ? wordTable_->item(item->row(), c)->text().toDouble() : 0.0);
        emit handmadeWordEdited(wordTable_->verticalHeaderItem(item->row())->text(), row);
    });
    connect(positionTable_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (syncing_)
            return;
        QVector<double> row;
        for (int c = 0; c < positionTable_->columnCount(); ++c)
            row << (positionTable_->item(item->row(), c) ? positionTable_->item(item->row(), c)->text().toDouble()
                                                          : 0.0);
        emit handmadePositionEdited(item->row(), row);
    });
    plot_->installEventFilter(this);
}

QString VectorsView::explanation() const
{
    if (data_ && data_->handmade)
        return tr("Adding is drawing one arrow after the other: the word arrow E, then the position arrow P, ends at "
                  "E + P. The sum is a new point, yet both arrows can still be read back from it. Edit the tables "
                  "to move the arrows.");
    return tr("Each row is one token: its word vector E, its position vector P and the sum E + P that enters the "
              "model. The same word has the same E in both sentences; only P changes with its place. Red is "
              "positive, blue negative, on one scale for A and B.");
}

QString VectorsView::selectionCaption() const
{
    const TokenChoice shown = shownToken();
    const SentenceSnapshot* s = sentence(shown.sentence);
    if (!s || shown.token >= s->length())
        return {};
    return tr("token %1 (pos %2)").arg(QString::fromStdString(s->tokens[static_cast<size_t>(shown.token)])).arg(shown.token);
}

const SentenceSnapshot* VectorsView::sentence(int index) const
{
    if (!data_)
        return nullptr;
    if (index == 0)
        return &data_->a;
    if (index == 1 && data_->b)
        return &*data_->b;
    return nullptr;
}

void VectorsView::selectToken(int sentence, int token)
{
    Selection next = selection_;
    next.sentence = sentence;
    next.token = token;
    requestSelection(next);
}

VectorsView::TokenChoice VectorsView::shownToken() const
{
    if (!data_)
        return {};
    if (selection_.token < 0) {
        // The hand-made model starts on the classic example: 猫 in third place.
        if (data_->handmade)
            for (const int s : {1, 0})
                if (const SentenceSnapshot* candidate = sentence(s))
                    if (candidate->length() > 2 && candidate->tokens[2] == "猫")
                        return {s, 2};
        return {};
    }
    const int s = selection_.sentence == 1 && data_->b ? 1 : 0;
    return {s, std::clamp(selection_.token, 0, std::max(0, sentence(s)->length() - 1))};
}

bool VectorsView::drawsArrows() const { return data_ && data_->handmade && data_->config.d_model <= 3; }

QString VectorsView::layoutKey() const
{
    if (!data_ || !data_->a.trace)
        return QStringLiteral("message");
    QString key = QStringLiteral("maps b=%1 d=%2 scale=%3")
                      .arg(data_->b.has_value())
                      .arg(data_->config.d_model)
                      .arg(static_cast<double>(data_->config.embedding_scale), 0, 'g', 9);
    if (!drawsArrows())
        return key + QStringLiteral(" bars");
    // The arrow panel (items placed for one token's vectors) is made anew when they change.
    const TokenChoice shown = shownToken();
    const SentenceSnapshot& sd = *sentence(shown.sentence);
    key += QStringLiteral(" arrows %1 %2 %3").arg(shown.sentence).arg(shown.token).arg(QString::fromStdString(
        shown.token < sd.length() ? sd.tokens[static_cast<size_t>(shown.token)] : std::string()));
    for (const Matrix* m : {&sd.trace->embedding, &sd.trace->position, &sd.trace->input})
        for (double v : rowOf(*m, shown.token))
            key += QLatin1Char(' ') + QString::number(v, 'g', 17);
    return key;
}

// The token chooser lists the snapshot's tokens and shows the selected one; the hand-made
// model's controls and tables show its tables.
void VectorsView::showSelection()
{
    syncing_ = true;
    shown_ = shownToken();
    tokenChooser_->clear();
    if (data_)
        for (int s = 0; s < 2; ++s)
            if (const SentenceSnapshot* sd = sentence(s))
                for (int t = 0; t < sd->length(); ++t) {
                    tokenChooser_->addItem(tr("%1: %2 (pos %3)")
                                               .arg(s == 0 ? tr("A") : tr("B"),
                                                    QString::fromStdString(sd->tokens[static_cast<size_t>(t)]))
                                               .arg(t),
                                           QPoint(s, t));
                    if (s == shown_.sentence && t == shown_.token)
                        tokenChooser_->setCurrentIndex(tokenChooser_->count() - 1);
                }
    const bool handmade = data_ && data_->handmade;
    dimensionLabel_->setVisible(handmade);
    dimensionChooser_->setVisible(handmade);
    tablesBox_->setVisible(handmade);
    if (handmade)
        dimensionChooser_->setCurrentIndex(data_->config.d_model == 2 ? 0 : 1);
    syncing_ = false;
    if (handmade)
        fillTables();
}

void VectorsView::fillTables()
{
    syncing_ = true;
    const int d = data_->config.d_model;
    QStringList words;
    std::vector<QVector<double>> wordRows;
    int positions = 0;
    for (const SentenceSnapshot* s : data_->sentences()) {
        positions = std::max(positions, s->length());
        for (int t = 0; t < s->length(); ++t)
            if (const QString word = QString::fromStdString(s->tokens[static_cast<size_t>(t)]); !words.contains(word)) {
                words << word;
                wordRows.push_back(rowOf(s->trace->embedding, t));
            }
    }
    QStringList dims;
    for (int c = 0; c < d; ++c)
        dims << tr("d%1").arg(c + 1);
    auto fill = [&](QTableWidget* table, const QStringList& rowNames, auto rowValues) {
        table->clear();
        table->setColumnCount(d);
        table->setRowCount(static_cast<int>(rowNames.size()));
        table->setHorizontalHeaderLabels(dims);
        table->setVerticalHeaderLabels(rowNames);
        for (int r = 0; r < rowNames.size(); ++r) {
            const QVector<double> values = rowValues(r);
            for (int c = 0; c < d; ++c)
                table->setItem(r, c, new QTableWidgetItem(QString::number(values.value(c), 'g', 4)));
        }
    };
    fill(wordTable_, words, [&](int r) { return wordRows[static_cast<size_t>(r)]; });
    QStringList positionNames;
    for (int p = 0; p < positions; ++p)
        positionNames << tr("pos %1").arg(p);
    const SentenceSnapshot* longest = &data_->a;
    for (const SentenceSnapshot* s : data_->sentences())
        if (s->length() > longest->length())
            longest = s;
    fill(positionTable_, positionNames, [&](int r) { return rowOf(longest->trace->position, r); });
    syncing_ = false;
}

void VectorsView::selectRows()
{
    for (auto& rows : selectedRows_)
        rows.clear();
    if (const SentenceSnapshot* sd = sentence(shown_.sentence); sd && sd->trace) {
        selectedRows_[Word] = rowOf(sd->trace->embedding, shown_.token);
        selectedRows_[Position] = rowOf(sd->trace->position, shown_.token);
        selectedRows_[Sum] = rowOf(sd->trace->input, shown_.token);
    }
}

namespace {
// text broken into lines no wider than width: between words, or between any two characters of
// a script written without spaces (Chinese).
QString wrapped(const QString& text, const QFontMetricsF& metrics, double width)
{
    QStringList lines;
    QString line;
    QString word;
    auto flushWord = [&] {
        if (word.isEmpty())
            return;
        const QString candidate = line.isEmpty() ? word : line + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(candidate.trimmed()) > width) {
            lines << line.trimmed();
            line = word.trimmed() + (word.endsWith(QLatin1Char(' ')) ? QStringLiteral(" ") : QString());
        } else {
            line = candidate;
        }
        word.clear();
    };
    for (const QChar c : text) {
        word += c;
        if (c == QLatin1Char(' ') || c.script() == QChar::Script_Han || c.unicode() >= 0x3000)
            flushWord();
    }
    flushWord();
    if (!line.trimmed().isEmpty())
        lines << line.trimmed();
    return lines.join(QLatin1Char('\n'));
}
}  // namespace

void VectorsView::build()
{
    maps_.clear();
    barTitle_ = nullptr;
    valueBar_ = nullptr;
    for (auto*& bars : bars_)
        bars = nullptr;
    sumText_.clear();
    if (!data_ || !data_->a.trace) {
        selectRows();
        showMessage(tr("Type a sentence to see its vectors."));
        return;
    }
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    const QCPRange range(-data_->vectorRange, data_->vectorRange);
    QCPColorGradient gradient = divergingGradient();
    const int d = data_->config.d_model;

    // Heatmaps on top and bars below; for the hand-made model the arrows sit on the right.
    const bool arrows = drawsArrows();
    auto* heatmaps = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(0, 0, heatmaps);
    auto* bottom = new QCPLayoutGrid;
    if (arrows) {
        plot_->plotLayout()->addElement(0, 2, bottom);
        plot_->plotLayout()->setColumnStretchFactor(0, 1.0);
        plot_->plotLayout()->setColumnStretchFactor(2, 1.2);
    } else {
        plot_->plotLayout()->addElement(1, 0, bottom);
        // Long sentences give their rows of words the room: the bars keep about the height
        // they have for a short sentence.
        const int longest = std::max(data_->a.length(), data_->b ? data_->b->length() : 0);
        plot_->plotLayout()->setRowStretchFactor(0, (data_->b ? 1.4 : 1.0) * std::max(1.0, longest / 12.0));
        plot_->plotLayout()->setRowStretchFactor(1, 1.0);
    }

    // Two-line titles, so narrow columns (the hand-made model's three dimensions) still fit them.
    // A model that scales its word rows before adding (the sinusoidal built-in: × √d) shows the rows as added.
    const float wordScale = data_->config.embedding_scale;
    const bool positions = data_->a.hasPositionRows || (data_->b && data_->b->hasPositionRows);
    const QString partNames[3] = {wordScale == 1.0f ? tr("E\nword vectors")
                                                    : tr("E\nword vectors × %1 (as added)").arg(static_cast<double>(wordScale), 0, 'g', 3),
                                  positions ? tr("P\npositions") : tr("P\nnone added"),
                                  positions ? tr("E + P\nmodel input") : tr("E + P = E\nmodel input")};
    QFont bold = font;
    bold.setBold(true);
    auto* margins = new QCPMarginGroup(plot_);
    for (int c = 0; c < 3; ++c) {
        auto* title = new Title(plot_, partNames[c], bold);
        title->setTextColor(colours.text);
        fitTitleToText(title);  // the three columns stay equal
        heatmaps->addElement(0, c, title);
        heatmaps->setColumnStretchFactor(c, 1.0);
    }
    heatmaps->setRowStretchFactor(0, 0.01);
    int row = 1;
    for (int s = 0; s < 2; ++s) {
        const SentenceSnapshot* sd = sentence(s);
        if (!sd)
            continue;
        for (int c = 0; c < 3; ++c) {
            auto* rect = new QCPAxisRect(plot_);
            heatmaps->addElement(row, c, rect);
            // All sides in one group: the three columns get the same width, the rows the same height.
            rect->setMarginGroup(QCP::msLeft | QCP::msRight | QCP::msTop | QCP::msBottom, margins);
            styleAxisRect(rect, colours, font);
            QCPColorMap* map = addMatrixMap(rect, Matrix(), gradient, range);
            rect->axis(QCPAxis::atLeft)->setLabel(c == 0 ? (s == 0 ? tr("A") : tr("B")) : QString());
            QCPAxis* x = rect->axis(QCPAxis::atBottom);
            if (d <= 8) {
                QStringList dims;
                for (int k = 0; k < d; ++k)
                    dims << QString::number(k + 1);
                setTextTicks(x, dims);
            } else {
                x->ticker()->setTickCount(4);
            }
            if (row == (data_->b ? 2 : 1))
                x->setLabel(tr("dimension"));
            auto* mark = new QCPItemRect(plot_);
            mark->setClipAxisRect(rect);
            mark->topLeft->setAxes(x, rect->axis(QCPAxis::atLeft));
            mark->bottomRight->setAxes(x, rect->axis(QCPAxis::atLeft));
            mark->setPen(QPen(colours.text, 2));
            maps_.push_back({s, static_cast<Part>(c), rect, map, mark});
            if (c == Position && !positions) {  // an empty panel says why it is empty
                auto* note = new QCPItemText(plot_);
                note->setClipToAxisRect(false);
                note->position->setType(QCPItemPosition::ptAxisRectRatio);
                note->position->setAxisRect(rect);
                note->position->setCoords(0.5, 0.5);
                note->setPositionAlignment(Qt::AlignCenter);
                note->setTextAlignment(Qt::AlignCenter);
                note->setFont(font);
                note->setColor(colours.text);
                note->setBrush(QBrush(colours.background));
                note->setPadding(QMargins(6, 4, 6, 4));
                // Wrapped to the panel after each layout, in a smaller font where the panel is small
                // (a 1024x768 window), so it never runs into the panel's names.
                const QString text = noPositionVectorNote(data_->config.pe);
                note->setText(text);
                // Where even the smallest font does not fit the whole sentence: its first clause
                // ("RoPE adds no position vector"), and nothing where not even that fits (the
                // panel's title says "none added").
                const QString clause = text.section(QRegularExpression(QStringLiteral("[:：]")), 0, 0).trimmed();
                connect(plot_, &QCustomPlot::afterLayout, note, [note, rect, text, clause, font] {
                    const QSizeF room(rect->width() - 6, rect->height() - 4);
                    QFont f;
                    QString lines;
                    bool fits = false;
                    for (const QString& candidate : {text, clause}) {
                        f = font;
                        for (;;) {
                            const QFontMetricsF metrics(f);
                            lines = wrapped(candidate, metrics, room.width() - 12);
                            const QRectF box = metrics.boundingRect(QRectF(0, 0, 100000, 100000), Qt::AlignCenter, lines);
                            fits = box.width() + 12 <= room.width() && box.height() + 8 <= room.height();
                            if (fits || f.pointSizeF() <= std::max(6.0, 0.6 * font.pointSizeF()))
                                break;
                            f.setPointSizeF(f.pointSizeF() - 0.5);
                        }
                        if (fits)
                            break;
                    }
                    if (note->visible() != fits)
                        note->setVisible(fits);
                    if (note->font() != f)
                        note->setFont(f);
                    if (note->text() != lines)
                        note->setText(lines);
                });
            }
        }
        ++row;
    }
    valueBar_ = addColourBar(plot_->plotLayout(), 0, 1, tr("value"), gradient, range, colours, font);
    valueBar_->setMinimumSize(70, 100);
    fillMaps();
    plot_->plotLayout()->setColumnStretchFactor(1, 0.01);

    selectRows();
    if (arrows)
        addArrowPanel(bottom, font);
    else
        addBarPanel(bottom, font);
    plot_->replot();
}

void VectorsView::fillMaps()
{
    const QCPRange range(-data_->vectorRange, data_->vectorRange);
    if (valueBar_)
        valueBar_->setDataRange(range);  // the scale follows the sentences, with the maps
    const int d = data_->config.d_model;
    QStringList tokens[2];  // tick labels of A and B
    for (MapRef& ref : maps_) {
        const SentenceSnapshot* sd = sentence(ref.sentence);
        QStringList& names = tokens[ref.sentence];
        if (names.isEmpty())
            names = tokenTexts(sd->tokens);
        const Matrix& m = ref.part == Word       ? sd->trace->embedding
                          : ref.part == Position ? sd->trace->position
                                                 : sd->trace->input;
        const int rows = static_cast<int>(m.rows()), cols = static_cast<int>(m.cols());
        setMatrix(ref.map, m);
        ref.map->setDataRange(range);
        const QCPRange x(-0.5, std::max(cols, 1) - 0.5), y(-0.5, std::max(rows, 1) - 0.5);
        ref.rect->axis(QCPAxis::atBottom)->setRange(x);
        ref.rect->axis(QCPAxis::atLeft)->setRange(y);
        setTickLabels(ref.rect->axis(QCPAxis::atLeft), names);
        ref.mark->setVisible(ref.sentence == shown_.sentence);
        ref.mark->topLeft->setCoords(-0.5, shown_.token - 0.5);
        ref.mark->bottomRight->setCoords(d - 0.5, shown_.token + 0.5);
    }
}

void VectorsView::refresh()
{
    if (maps_.empty()) {  // the message: nothing to update
        selectRows();
        return;
    }
    fillMaps();
    selectRows();
    fillBars();  // the arrows are the same: the layout key holds their vectors
    plot_->replot();
}

void VectorsView::addBarPanel(QCPLayoutGrid* grid, const QFont& font)
{
    const PlotColours colours = plotColours(this);
    if (!sentence(shown_.sentence))
        return;
    const TitledAxisRect panel = addTitledAxisRect(plot_, grid, 0, 0, QString(), colours, font);
    barTitle_ = panel.title;  // fillBars() names the token
    QCPAxisRect* rect = panel.rect;
    // Room for its legend's three lines however many rows of words take the rest.
    rect->setMinimumSize(0, 4 * QFontMetrics(font).height() + 12);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    auto* group = new QCPBarsGroup(plot_);
    group->setSpacing(0);
    const QColor barColours[3] = {kWordColour, kPositionColour, kSumColour};
    const bool positions = data_->a.hasPositionRows || (data_->b && data_->b->hasPositionRows);
    const QString names[3] = {tr("E word"), positions ? tr("P position") : tr("P position (none added)"),
                              tr("E + P sum")};
    auto* legend = addInsetLegend(rect, Qt::AlignTop | Qt::AlignRight, colours, font);
    for (int part = 0; part < 3; ++part) {
        auto* bars = new QCPBars(x, y);
        bars->setWidth(0.8 / 3);
        bars->setBarsGroup(group);
        bars->setBrush(barColours[part]);
        bars->setPen(Qt::NoPen);
        bars->setName(names[part]);
        legend->addItem(new QCPPlottableLegendItem(legend, bars));
        bars_[part] = bars;
    }
    x->setLabel(tr("dimension"));
    y->setLabel(tr("value"));
    fillBars();
}

void VectorsView::fillBars()
{
    const SentenceSnapshot* sd = sentence(shown_.sentence);
    if (!bars_[0] || !sd || shown_.token >= sd->length())
        return;
    barTitle_->setText(tr("%1 (%2, pos %3): the three vectors dimension by dimension")
                           .arg(QString::fromStdString(sd->tokens[static_cast<size_t>(shown_.token)]),
                                shown_.sentence == 0 ? tr("A") : tr("B"))
                           .arg(shown_.token));
    const int d = static_cast<int>(selectedRows_[Word].size());
    QVector<double> keys;
    for (int k = 0; k < d; ++k)
        keys << k + 1;
    for (int part = 0; part < 3; ++part)
        bars_[part]->setData(keys, selectedRows_[part], true);
    QCPAxis* x = bars_[0]->keyAxis();
    QCPAxis* y = bars_[0]->valueAxis();
    x->setRange(0.4, d + 0.6);
    double extent = 0.1;
    for (const auto& rows : selectedRows_)
        for (double v : rows)
            extent = std::max(extent, std::abs(v));
    // The legend sits in the top right corner: leave it room above the bars.
    y->setRange(-extent * 1.15, extent * 1.6);
}

void VectorsView::addArrowPanel(QCPLayoutGrid* grid, const QFont& font)
{
    const PlotColours colours = plotColours(this);
    const SentenceSnapshot* sd = sentence(shown_.sentence);
    if (!sd || shown_.token >= sd->length())
        return;
    const QString word = QString::fromStdString(sd->tokens[static_cast<size_t>(shown_.token)]);
    // The sum on three short lines, so it fits next to the tables at any picture size.
    sumText_ = tr("%1 at pos %2:\nE %3\n+ P %4\n= E + P %5")
                   .arg(word)
                   .arg(shown_.token)
                   .arg(vectorText(selectedRows_[Word]), vectorText(selectedRows_[Position]),
                        vectorText(selectedRows_[Sum]));
    QCPAxisRect* rect = addTitledAxisRect(plot_, grid, 0, 0, sumText_, colours, font, 1).rect;
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const bool threeD = selectedRows_[Word].size() == 3;
    auto toScreen = [threeD](const QVector<double>& v) { return threeD ? project3(v) : QPointF(v.value(0), v.value(1)); };
    const QVector<double> origin(selectedRows_[Word].size(), 0.0);

    double extent = 0.3;
    for (const auto& rows : selectedRows_)
        for (double v : rows)
            extent = std::max(extent, std::abs(v));
    extent *= 1.25;
    if (threeD) {
        // Axis lines of the 3-D space, drawn in perspective.
        const QString names[3] = {tr("d1"), tr("d2"), tr("d3")};
        for (int k = 0; k < 3; ++k) {
            // Axes reach past the arrows so their names stay clear of the arrow labels.
            QVector<double> tip(3, 0.0), back(3, 0.0);
            tip[k] = extent * 1.45;
            back[k] = -extent;
            auto* axisLine = new QCPItemLine(plot_);
            axisLine->setClipAxisRect(rect);
            axisLine->start->setAxes(x, y);
            axisLine->end->setAxes(x, y);
            axisLine->start->setCoords(toScreen(back));
            axisLine->end->setCoords(toScreen(tip));
            axisLine->setPen(QPen(colours.subtle, 1, Qt::DotLine));
            axisLine->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 6, 8));
            auto* label = new Label(plot_);
            label->setClipAxisRect(rect);
            label->position->setAxes(x, y);
            label->position->setCoords(toScreen(tip));
            label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
            label->setText(names[k]);
            label->setColor(colours.subtle);
            label->setFont(font);
        }
        x->setVisible(false);
        y->setVisible(false);
        x->grid()->setVisible(false);
        y->grid()->setVisible(false);
    } else {
        x->setLabel(tr("d1"));
        y->setLabel(tr("d2"));
    }
    auto arrow = [&](const QVector<double>& from, const QVector<double>& to, const QColor& colour, Qt::PenStyle style,
                     double width) {
        auto* line = new QCPItemLine(plot_);
        line->setClipAxisRect(rect);
        line->start->setAxes(x, y);
        line->end->setAxes(x, y);
        line->start->setCoords(toScreen(from));
        line->end->setCoords(toScreen(to));
        line->setPen(QPen(colour, width, style));
        line->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 10 + 2 * width, 14 + 2 * width));
    };
    auto label = [&](const QVector<double>& at, const QString& text, const QColor& colour, Qt::Alignment alignment) {
        auto* item = new Label(plot_);
        item->setClipAxisRect(rect);
        item->position->setAxes(x, y);
        item->position->setCoords(toScreen(at));
        item->setPositionAlignment(alignment);
        item->setText(text);
        item->setColor(colour);
        QFont f = font;
        f.setBold(true);
        item->setFont(f);
        item->setPadding(QMargins(6, 2, 6, 2));
    };
    const auto& e = selectedRows_[Word];
    const auto& p = selectedRows_[Position];
    const auto& s = selectedRows_[Sum];
    arrow(e, s, kPositionColour, Qt::DashLine, 1.5);  // P moved to the tip of E
    arrow(p, s, kWordColour, Qt::DashLine, 1.5);      // E moved to the tip of P
    arrow(origin, e, kWordColour, Qt::SolidLine, 2.5);
    arrow(origin, p, kPositionColour, Qt::SolidLine, 2.5);
    arrow(origin, s, kSumColour, Qt::SolidLine, 3.5);
    // Put each label on the far side of its tip, away from the origin.
    auto awayFrom = [&](const QVector<double>& v) {
        const QPointF pt = toScreen(v);
        Qt::Alignment a = pt.x() >= 0 ? Qt::AlignLeft : Qt::AlignRight;
        a |= pt.y() >= 0 ? Qt::AlignBottom : Qt::AlignTop;
        return a;
    };
    // Short tip labels (the values are in the title): long ones ran off the edge.
    label(e, tr("E %1").arg(word), kWordColour, awayFrom(e));
    label(p, tr("P pos %1").arg(shown_.token), kPositionColour, awayFrom(p));
    label(s, tr("E + P"), kSumColour, awayFrom(s));
    auto* originMark = new Label(plot_);
    originMark->setClipAxisRect(rect);
    originMark->position->setAxes(x, y);
    originMark->position->setCoords(0, 0);
    originMark->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    originMark->setText(tr("0"));
    originMark->setColor(colours.subtle);
    // Room for the labels on both sides; one unit as long across as up.
    x->setRange(-extent * 1.75, extent * 1.75);
    y->setRange(-extent * 1.6, extent * 1.6);  // the d3 axis and its name reach 1.45 extent
    keepAspect(rect, x->range(), y->range());
}

double VectorsView::drawnCell(int sentence, Part part, int token, int dimension) const
{
    for (const auto& ref : maps_)
        if (ref.sentence == sentence && ref.part == part) {
            if (token < 0 || dimension < 0 || token >= ref.map->data()->valueSize() ||
                dimension >= ref.map->data()->keySize())
                return std::numeric_limits<double>::quiet_NaN();
            return ref.map->data()->cell(dimension, token);
        }
    return std::numeric_limits<double>::quiet_NaN();
}

QVector<double> VectorsView::drawnSelected(Part part) const { return selectedRows_[part]; }

bool VectorsView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == plot_ && event->type() == QEvent::MouseButtonRelease) {
        const QPoint pos = static_cast<QMouseEvent*>(event)->position().toPoint();
        for (const auto& ref : maps_)
            if (ref.rect->rect().contains(pos)) {
                const int token = static_cast<int>(std::lround(ref.rect->axis(QCPAxis::atLeft)->pixelToCoord(pos.y())));
                if (const SentenceSnapshot* sd = sentence(ref.sentence); sd && token >= 0 && token < sd->length())
                    selectToken(ref.sentence, token);
                break;
            }
    }
    return View::eventFilter(watched, event);
}

}  // namespace orderlens::widgets
