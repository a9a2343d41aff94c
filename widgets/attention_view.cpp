#include "attention_view.h"

#include "colour_scales.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QToolTip>

#include <cmath>
#include <limits>

namespace orderlens::widgets {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
int gapFor(int length) { return std::max(1, length / 4); }
}  // namespace

AttentionView::AttentionView(QWidget* parent) : View(parent)
{
    mode_ = new QComboBox(this);
    mode_->addItem(tr("All heads (grid)"));
    mode_->addItem(tr("One head, with values"));
    layerChooser_ = new QComboBox(this);
    headChooser_ = new QComboBox(this);
    controls_->addWidget(new QLabel(tr("Show:"), this));
    controls_->addWidget(mode_);
    controls_->addWidget(new QLabel(tr("Layer:"), this));
    controls_->addWidget(layerChooser_);
    controls_->addWidget(new QLabel(tr("Head:"), this));
    controls_->addWidget(headChooser_);
    controls_->addStretch(1);
    legend_ = new QLabel(this);
    legend_->setWordWrap(true);
    layout_->addWidget(legend_);

    connect(mode_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (syncing_)
            return;
        enlarged_ = index == 1;
        redraw();
    });
    auto onChoice = [this] {
        if (syncing_)
            return;
        layer_ = std::max(0, layerChooser_->currentIndex());
        head_ = std::max(0, headChooser_->currentIndex());
        enlarged_ = true;
        emit headSelected(layer_, head_);
        redraw();
    };
    connect(layerChooser_, &QComboBox::currentIndexChanged, this, onChoice);
    connect(headChooser_, &QComboBox::currentIndexChanged, this, onChoice);

    plot_->setMouseTracking(true);
    plot_->installEventFilter(this);
}

QString AttentionView::explanation() const
{
    if (data_ && data_->config.n_layers == 0)
        return tr("This model has no attention layers: it only adds the two tables. Choose a trained model to see "
                  "attention.");
    QString text = tr("Each small square is one attention head: row = the token that looks (query), column = the "
                      "token it looks at (key); darker means more attention. ");
    if (data_ && data_->difference)
        text += data_->config.pe == PositionScheme::None
                    ? tr("Without positions, B's maps are A's maps shuffled: the aligned difference is zero, so the "
                         "model cannot tell the two orders apart.")
                    : tr("The right panel lines B up with A's tokens and subtracts: any colour there is attention "
                         "that changed only because the words moved.");
    else
        text += tr("Badges name what drives each head: 位 position, 内 content, 混 both. Click a head to enlarge it.");
    return text;
}

QString AttentionView::selectionCaption() const
{
    if (!enlarged_)
        return tr("all heads");
    return tr("layer %1 · head %2").arg(layer_ + 1).arg(head_ + 1);
}

void AttentionView::showGrid()
{
    enlarged_ = false;
    syncControls();
    redraw();
}

void AttentionView::showHead(int layer, int head)
{
    layer_ = layer;
    head_ = head;
    enlarged_ = true;
    syncControls();
    emit headSelected(layer_, head_);
    redraw();
}

void AttentionView::syncControls()
{
    syncing_ = true;
    const int layers = data_ ? data_->config.n_layers : 0;
    const int heads = data_ ? data_->config.n_heads : 0;
    if (layerChooser_->count() != layers) {
        layerChooser_->clear();
        for (int l = 0; l < layers; ++l)
            layerChooser_->addItem(QString::number(l + 1));
    }
    if (headChooser_->count() != heads) {
        headChooser_->clear();
        for (int h = 0; h < heads; ++h)
            headChooser_->addItem(QString::number(h + 1));
    }
    layer_ = std::clamp(layer_, 0, std::max(0, layers - 1));
    head_ = std::clamp(head_, 0, std::max(0, heads - 1));
    layerChooser_->setCurrentIndex(layer_);
    headChooser_->setCurrentIndex(head_);
    mode_->setCurrentIndex(enlarged_ ? 1 : 0);
    syncing_ = false;
}

const Matrix* AttentionView::headMatrix(Panel panel, int layer, int head) const
{
    if (!data_)
        return nullptr;
    if (panel == PanelDifference) {
        if (!data_->difference || layer >= static_cast<int>(data_->difference->attention.size()))
            return nullptr;
        return &data_->difference->attention[static_cast<size_t>(layer)][static_cast<size_t>(head)];
    }
    const SentenceData* sentence = panel == PanelA ? &data_->a : (data_->b ? &*data_->b : nullptr);
    if (!sentence || !sentence->trace || layer >= static_cast<int>(sentence->trace->layers.size()))
        return nullptr;
    return &sentence->trace->layers[static_cast<size_t>(layer)].attention[static_cast<size_t>(head)];
}

const QStringList* AttentionView::panelTokens(Panel panel) const
{
    if (!data_)
        return nullptr;
    if (panel == PanelB)
        return data_->b ? &data_->b->tokens : nullptr;
    return &data_->a.tokens;
}

bool AttentionView::hasPanel(Panel panel) const
{
    for (const auto& p : panels_)
        if (p.panel == panel)
            return true;
    return false;
}

void AttentionView::rebuild()
{
    panels_.clear();
    syncControls();
    if (!data_ || !data_->a.trace) {
        legend_->clear();
        showMessage(tr("Type a sentence to see its attention."));
        return;
    }
    if (data_->config.n_layers == 0) {
        legend_->clear();
        showMessage(tr("The hand-made model has no attention layers.\nPick a built-in or random model to see "
                       "attention."));
        return;
    }
    if (enlarged_)
        buildHead();
    else
        buildGrid();
}

void AttentionView::buildGrid()
{
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    QFont badgeFont = font;
    badgeFont.setPointSizeF(std::max(6.0, font.pointSizeF() - 2));
    const int layers = data_->config.n_layers;
    const int heads = data_->config.n_heads;

    std::vector<Panel> wanted{PanelA};
    if (data_->b)
        wanted.push_back(PanelB);
    if (data_->difference)
        wanted.push_back(PanelDifference);

    // Wide grids (many heads, few layers) stack the panels; tall ones put them side by side.
    const bool stacked = wanted.size() > 1 && heads >= 3 * layers;
    auto* margins = new QCPMarginGroup(plot_);
    int column = 0, stackRow = 0;
    for (const Panel panel : wanted) {
        const bool isDifference = panel == PanelDifference;
        const int length = isDifference || panel == PanelA ? data_->a.length() : data_->b->length();
        const int gap = gapFor(length);
        const int stride = length + gap;
        const QString name = panel == PanelA   ? tr("A: %1").arg(data_->a.tokens.join(QString()))
                             : panel == PanelB ? tr("B: %1").arg(data_->b->tokens.join(QString()))
                                               : tr("B − A, aligned by token");
        const int titleRow = stacked ? 2 * stackRow : 0, mapRow = titleRow + 1;
        addTitle(plot_, titleRow, column, name, colours, font, 0);
        auto* rect = new QCPAxisRect(plot_);
        plot_->plotLayout()->addElement(mapRow, column, rect);
        rect->setMarginGroup(stacked ? QCP::msLeft | QCP::msRight : QCP::msTop | QCP::msBottom, margins);
        styleAxisRect(rect, colours, font);
        for (QCPAxis* axis : rect->axes())
            axis->setBasePen(Qt::NoPen);

        // One colour map holds every head: head h of layer l occupies columns h*stride.. and
        // rows l*stride..; the gaps between maps are transparent.
        const int width = heads * stride - gap, height = layers * stride - gap;
        auto* map = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        map->data()->setSize(width, height);
        map->data()->setRange(QCPRange(0, width - 1), QCPRange(0, height - 1));
        map->data()->fillAlpha(0);
        for (int l = 0; l < layers; ++l)
            for (int h = 0; h < heads; ++h) {
                const Matrix* m = headMatrix(panel, l, h);
                if (!m)
                    continue;
                for (int q = 0; q < m->rows(); ++q)
                    for (int k = 0; k < m->cols(); ++k) {
                        map->data()->setCell(h * stride + k, l * stride + q, static_cast<double>((*m)(q, k)));
                        map->data()->setAlpha(h * stride + k, l * stride + q, 255);
                    }
            }
        map->setInterpolate(false);
        map->setGradient(isDifference ? divergingGradient() : sequentialGradient());
        map->setDataRange(isDifference ? QCPRange(-data_->differenceRange, data_->differenceRange) : QCPRange(0, 1));
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        x->setRange(-0.5, width - 0.5);
        y->setRange(-0.5, height - 0.5);
        y->setRangeReversed(true);
        keepAspect(rect, x->range(), y->range());
        x->grid()->setVisible(false);
        y->grid()->setVisible(false);
        QSharedPointer<QCPAxisTickerText> headTicks(new QCPAxisTickerText);
        for (int h = 0; h < heads; ++h)
            headTicks->addTick(h * stride + (length - 1) / 2.0, QString::number(h + 1));
        x->setTicker(headTicks);
        x->setSubTicks(false);
        x->setTickLength(0, 0);
        x->setLabel(tr("head"));
        QSharedPointer<QCPAxisTickerText> layerTicks(new QCPAxisTickerText);
        for (int l = 0; l < layers; ++l)
            layerTicks->addTick(l * stride + (length - 1) / 2.0, QString::number(l + 1));
        y->setTicker(layerTicks);
        y->setSubTicks(false);
        y->setTickLength(0, 0);
        y->setLabel(tr("layer"));

        // Head-role badges (the sentence's own roles; the difference panel uses A's).
        const SentenceData* sentence = panel == PanelB ? &*data_->b : &data_->a;
        if (panel != PanelDifference)
            for (const HeadRole& role : sentence->headRoles) {
                auto* badge = new QCPItemText(plot_);
                badge->setClipAxisRect(rect);
                badge->setClipToAxisRect(true);
                badge->position->setAxes(x, y);
                badge->position->setCoords(role.head * stride - 0.5, role.layer * stride - 0.5);
                badge->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
                badge->setText(headKindShort(role.kind) + headPatternSymbol(role.pattern));
                badge->setFont(badgeFont);
                const QColor colour = headKindColour(role.kind);
                badge->setBrush(QBrush(colour));
                badge->setColor(readableTextOn(colour));
                badge->setPadding(QMargins(2, 0, 2, 0));
            }

        PanelGeometry geometry;
        geometry.panel = panel;
        geometry.rect = rect;
        geometry.map = map;
        geometry.length = length;
        geometry.stride = stride;
        geometry.grid = true;
        panels_.push_back(geometry);
        const bool lastProbability = panel == PanelA ? !data_->b : panel == PanelB;
        if (stacked) {
            if (lastProbability || isDifference)
                addColourBar(plot_->plotLayout(), mapRow, 1,
                             isDifference ? tr("attention change") : tr("attention weight"),
                             isDifference ? divergingGradient() : sequentialGradient(), map->dataRange(), colours, font);
            ++stackRow;
            continue;
        }
        ++column;
        if (lastProbability || isDifference) {
            addColourBar(plot_->plotLayout(), 1, column, isDifference ? tr("attention change") : tr("attention weight"),
                         isDifference ? divergingGradient() : sequentialGradient(), map->dataRange(), colours, font);
            ++column;
        }
    }
    for (int c = 0; c < plot_->plotLayout()->columnCount(); ++c) {
        bool isBar = false;
        for (int r = 0; r < plot_->plotLayout()->rowCount(); ++r)
            isBar = isBar || (plot_->plotLayout()->hasElement(r, c) &&
                              qobject_cast<QCPColorScale*>(plot_->plotLayout()->element(r, c)));
        plot_->plotLayout()->setColumnStretchFactor(c, isBar ? 0.01 : 1.0);
    }

    QString legend = tr("Badges: 位 positional head · 内 content head · 混 mixed;  ← previous token · → next token · "
                        "○ self · ⇤ first token.  Click a head to enlarge it.");
    if (data_->b && !data_->difference)
        legend += QLatin1Char(' ') + tr("No aligned difference: B does not use exactly the same tokens as A.");
    legend_->setText(legend);
    plot_->replot();
}

void AttentionView::buildHead()
{
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    QFont cellFont = font;
    std::vector<Panel> wanted{PanelA};
    if (data_->b)
        wanted.push_back(PanelB);
    if (data_->difference)
        wanted.push_back(PanelDifference);
    int maxLength = 0;
    for (const Panel panel : wanted)
        maxLength = std::max(maxLength, static_cast<int>(panelTokens(panel)->size()));
    if (maxLength > 10)
        cellFont.setPointSizeF(std::max(6.0, font.pointSizeF() - 3));
    const bool drawValues = maxLength <= 24;

    auto* margins = new QCPMarginGroup(plot_);
    int column = 0;
    for (const Panel panel : wanted) {
        const bool isDifference = panel == PanelDifference;
        const Matrix* m = headMatrix(panel, layer_, head_);
        if (!m)
            continue;
        const QStringList& tokens = *panelTokens(panel);
        QString name = panel == PanelA ? tr("A") : panel == PanelB ? tr("B") : tr("B − A (aligned)");
        const SentenceData* sentence = panel == PanelB ? &*data_->b : &data_->a;
        if (!isDifference)
            if (const HeadRole* role = sentence->headRole(layer_, head_)) {
                name += QStringLiteral(" · ") + headKindName(role->kind);
                if (role->pattern != HeadPattern::None)
                    name += QStringLiteral(" · ") + headPatternName(role->pattern);
            }
        addTitle(plot_, 0, column, name, colours, font, 0);
        auto* rect = new QCPAxisRect(plot_);
        plot_->plotLayout()->addElement(1, column, rect);
        rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
        styleAxisRect(rect, colours, font);
        const QCPRange range = isDifference ? QCPRange(-data_->differenceRange, data_->differenceRange) : QCPRange(0, 1);
        QCPColorGradient gradient = isDifference ? divergingGradient() : sequentialGradient();
        QCPColorMap* map = addMatrixMap(rect, *m, gradient, range);
        setTextTicks(rect->axis(QCPAxis::atBottom), tokens, tokens.size() > 8 ? 45 : 0);
        setTextTicks(rect->axis(QCPAxis::atLeft), tokens);
        rect->axis(QCPAxis::atBottom)->setLabel(tr("key: looked at"));
        rect->axis(QCPAxis::atLeft)->setLabel(tr("query: looking"));
        keepAspect(rect, rect->axis(QCPAxis::atBottom)->range(), rect->axis(QCPAxis::atLeft)->range());
        if (drawValues)
            for (int q = 0; q < m->rows(); ++q)
                for (int k = 0; k < m->cols(); ++k) {
                    const double value = (*m)(q, k);
                    auto* text = new QCPItemText(plot_);
                    text->setClipAxisRect(rect);
                    text->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
                    text->position->setCoords(k, q);
                    text->setText(formatValue(value, 2));
                    text->setFont(cellFont);
                    text->setColor(readableTextOn(gradient.color(value, range)));
                }
        PanelGeometry geometry;
        geometry.panel = panel;
        geometry.rect = rect;
        geometry.map = map;
        geometry.length = static_cast<int>(m->rows());
        geometry.stride = geometry.length;
        geometry.grid = false;
        panels_.push_back(geometry);
        ++column;
        const bool lastProbability = panel == PanelA ? !data_->b : panel == PanelB;
        if (lastProbability || isDifference) {
            addColourBar(plot_->plotLayout(), 1, column, isDifference ? tr("attention change") : tr("attention weight"), gradient,
                         range, colours, font);
            ++column;
        }
    }
    for (int c = 0; c < plot_->plotLayout()->columnCount(); ++c) {
        const bool isBar = plot_->plotLayout()->hasElement(1, c) &&
                           qobject_cast<QCPColorScale*>(plot_->plotLayout()->element(1, c));
        plot_->plotLayout()->setColumnStretchFactor(c, isBar ? 0.01 : 1.0);
    }
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);
    legend_->setText(tr("Layer %1, head %2. Each row sums to 1: how one token spreads its attention over the "
                        "sentence. Choose \"All heads\" to go back to the grid.")
                         .arg(layer_ + 1)
                         .arg(head_ + 1));
    plot_->replot();
}

AttentionView::Hit AttentionView::hitAt(const QPoint& plotPosition) const
{
    Hit hit;
    for (const auto& p : panels_) {
        if (!p.rect->rect().contains(plotPosition))
            continue;
        const double x = p.rect->axis(QCPAxis::atBottom)->pixelToCoord(plotPosition.x());
        const double y = p.rect->axis(QCPAxis::atLeft)->pixelToCoord(plotPosition.y());
        const int cx = static_cast<int>(std::floor(x + 0.5)), cy = static_cast<int>(std::floor(y + 0.5));
        if (cx < 0 || cy < 0)
            return hit;
        if (p.grid) {
            const int head = cx / p.stride, layer = cy / p.stride;
            const int key = cx % p.stride, query = cy % p.stride;
            if (key >= p.length || query >= p.length || head >= data_->config.n_heads ||
                layer >= data_->config.n_layers)
                return hit;
            hit = {&p, layer, head, query, key};
        } else {
            if (cx >= p.length || cy >= p.length)
                return hit;
            hit = {&p, layer_, head_, cy, cx};
        }
        return hit;
    }
    return hit;
}

double AttentionView::drawnValue(Panel panel, int layer, int head, int query, int key) const
{
    for (const auto& p : panels_) {
        if (p.panel != panel)
            continue;
        if (query < 0 || key < 0 || query >= p.length || key >= p.length)
            return kNaN;
        if (p.grid)
            return p.map->data()->cell(head * p.stride + key, layer * p.stride + query);
        if (layer != layer_ || head != head_)
            return kNaN;
        return p.map->data()->cell(key, query);
    }
    return kNaN;
}

QString AttentionView::toolTipAt(const QPoint& plotPosition) const
{
    const Hit hit = hitAt(plotPosition);
    if (!hit.geometry)
        return {};
    const Panel panel = hit.geometry->panel;
    const QStringList* tokens = panelTokens(panel);
    const Matrix* m = headMatrix(panel, hit.layer, hit.head);
    if (!tokens || !m || hit.query >= tokens->size() || hit.key >= tokens->size())
        return {};
    const QString prefix = panel == PanelA ? tr("A") : panel == PanelB ? tr("B") : tr("B − A");
    return tr("%1 · layer %2 · head %3\n%4 → %5: %6")
        .arg(prefix)
        .arg(hit.layer + 1)
        .arg(hit.head + 1)
        .arg(tokens->at(hit.query), tokens->at(hit.key), formatValue((*m)(hit.query, hit.key), 3));
}

bool AttentionView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == plot_) {
        if (event->type() == QEvent::MouseMove) {
            auto* mouse = static_cast<QMouseEvent*>(event);
            const QString text = toolTipAt(mouse->position().toPoint());
            if (text.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(mouse->globalPosition().toPoint(), text, plot_);
        } else if (event->type() == QEvent::MouseButtonRelease) {
            auto* mouse = static_cast<QMouseEvent*>(event);
            const Hit hit = hitAt(mouse->position().toPoint());
            if (hit.geometry && hit.geometry->grid && mouse->button() == Qt::LeftButton)
                showHead(hit.layer, hit.head);
        }
    }
    return View::eventFilter(watched, event);
}

}  // namespace orderlens::widgets
