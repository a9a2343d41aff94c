#include "attention_view.h"

#include "colour_scales.h"
#include "plot.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QScopedValueRollback>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace orderlens::widgets {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
int gapFor(int length) { return std::max(1, length / 4); }
constexpr double kDifferenceScales[] = {0.1, 0.25, 0.5, 1.0};  // fixed scales offered (attention is 0 … 1)
constexpr double kKeySpace = 4;  // pixels between two key names on one line
}  // namespace

double AttentionView::cellValue(const Matrix& m, int query, int key) const
{
    // A decoder's future is not data: NaN (drawn grey), also where its attention is exactly 0.
    if (data_ && data_->config.causal && key > query)
        return kNaN;
    return static_cast<double>(m(query, key));
}

QColor AttentionView::sinkBadgeColour(double share)
{
    // Slate, darker the larger the share: a strong sink stands out.
    const double t = std::clamp(share, 0.0, 1.0);
    return QColor::fromRgbF(0.55 - 0.3 * t, 0.58 - 0.3 * t, 0.65 - 0.25 * t);
}

int AttentionView::rowGapFor(int length) const
{
    // Rows of maps stand further apart than columns while the badges take the gap above each row
    // of maps (above the first row they sit between the maps and the head names).
    return gapFor(length) + (badgeRows_ ? std::max(1, length / 12) : 0);
}

AttentionView::AttentionView(QWidget* parent) : View(parent)
{
    mode_ = new QComboBox(this);
    mode_->addItem(tr("All heads (grid)"));
    mode_->addItem(tr("One head, with values"));
    layerChooser_ = new QComboBox(this);
    headChooser_ = new QComboBox(this);
    layerFilterChooser_ = new QComboBox(this);
    layerFilterChooser_->setToolTip(tr("Show every layer in the grid, or one layer at a time (bigger maps)"));
    controls_->addWidget(new QLabel(tr("Show:"), this));
    controls_->addWidget(mode_);
    // The grid's layer filter shows with the grid, the layer and head choosers with one head
    // (showSelection): all of them in one row are wider than a 1024x768 window.
    gridControls_ = {new QLabel(tr("Grid layers:"), this), layerFilterChooser_};
    headControls_ = {new QLabel(tr("Layer:"), this), layerChooser_, new QLabel(tr("Head:"), this), headChooser_};
    for (QWidget* control : gridControls_)
        controls_->addWidget(control);
    for (QWidget* control : headControls_)
        controls_->addWidget(control);
    differenceScaleChooser_ = new QComboBox(this);
    differenceScaleChooser_->setToolTip(tr("Colour scale of the aligned difference B − A: fitted to this pair, or "
                                           "one fixed scale, the same for every model (to compare slides)"));
    differenceScaleChooser_->addItem(tr("fitted to this pair"), 0.0);
    for (double scale : kDifferenceScales)
        differenceScaleChooser_->addItem(tr("fixed ±%1").arg(scale), scale);
    controls_->addWidget(new QLabel(tr("B − A scale:"), this));
    controls_->addWidget(differenceScaleChooser_);
    words_ = new QCheckBox(tr("Whole words"), this);
    words_->setToolTip(tr("Merge the pieces of each word (老 鼠 → 老鼠, from your spaces or the built-in lexicon; "
                          "WordPiece's ## pieces): attention summed over a word's key pieces, averaged over its query "
                          "pieces. For models that read characters, such as BERT."));
    controls_->addWidget(words_);
    // Long choices give way in a narrow window (the list shows them whole).
    for (QComboBox* combo : {mode_, differenceScaleChooser_}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(10);
    }
    controls_->addStretch(1);
    legend_ = new QLabel(this);
    legend_->setWordWrap(true);
    layout_->addWidget(legend_);

    // The combos ask for a selection; showSelection() sets them from the one the session sets.
    connect(mode_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (syncing_)
            return;
        Selection wanted = selection_;
        wanted.singleHead = index == 1;
        requestSelection(wanted);
    });
    auto onChoice = [this] {
        if (!syncing_)
            showHead(std::max(0, layerChooser_->currentIndex()), std::max(0, headChooser_->currentIndex()));
    };
    connect(layerChooser_, &QComboBox::currentIndexChanged, this, onChoice);
    connect(layerFilterChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!syncing_ && index >= 0)
            setLayerFilter(index - 1);
    });
    connect(headChooser_, &QComboBox::currentIndexChanged, this, onChoice);
    connect(words_, &QCheckBox::toggled, this, [this](bool on) {
        if (syncing_)
            return;
        Selection wanted = selection_;
        wanted.mergeWords = on;
        requestSelection(wanted);
    });
    connect(differenceScaleChooser_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (syncing_ || index < 0)
            return;
        Selection wanted = selection_;
        wanted.differenceScale = differenceScaleChooser_->itemData(index).toDouble();
        requestSelection(wanted);
    });

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
    if (data_ && difference() && difference()->sameInput)
        text += tr("A and B differ only in characters the model cannot read: both become the same tokens (%1), "
                   "so the model gets one input twice and the aligned difference is exactly zero.")
                    .arg(modelReading(data_->a));
    else if (data_ && difference())
        text += data_->config.pe == PositionScheme::None
                    ? tr("Without positions, B's maps are A's maps shuffled: the aligned difference is zero, so the "
                         "model cannot tell the two orders apart.")
                    : tr("The right panel lines B up with A's tokens and subtracts: any colour there is attention "
                         "that changed only because the words moved.");
    else
        text += tr("Badges name what drives each head: position, content or both (mixed). Click a head to enlarge it.");
    return text;
}

QString AttentionView::selectionCaption() const
{
    const QString heads = selection_.singleHead ? tr("layer %1 · head %2").arg(shownLayer() + 1).arg(shownHead() + 1)
                                                : tr("all heads");
    return mergedWords() ? heads + tr(" · whole words (pieces merged)") : heads;
}

void AttentionView::showGrid()
{
    Selection wanted = selection_;
    wanted.singleHead = false;
    requestSelection(wanted);
}

void AttentionView::showHead(int layer, int head)
{
    Selection wanted = selection_;
    wanted.layer = layer;
    wanted.head = head;
    wanted.singleHead = true;
    requestSelection(wanted);
}

void AttentionView::setLayerFilter(int layer)
{
    Selection wanted = selection_;
    wanted.gridLayer = layer;
    wanted.singleHead = false;
    requestSelection(wanted);
}

int AttentionView::shownLayer() const
{
    const int layers = data_ ? data_->config.n_layers : 0;
    return std::clamp(selection_.layer, 0, std::max(0, layers - 1));
}

int AttentionView::shownHead() const
{
    const int heads = data_ ? data_->config.n_heads : 0;
    return std::clamp(selection_.head, 0, std::max(0, heads - 1));
}

int AttentionView::shownGridLayer() const
{
    const int layers = data_ ? data_->config.n_layers : 0;
    return std::clamp(selection_.gridLayer, -1, std::max(-1, layers - 1));
}

void AttentionView::showSelection()
{
    const QScopedValueRollback guard(syncing_, true);
    const int layers = data_ ? data_->config.n_layers : 0;
    const int heads = data_ ? data_->config.n_heads : 0;
    if (layerChooser_->count() != layers) {
        layerChooser_->clear();
        layerFilterChooser_->clear();
        layerFilterChooser_->addItem(tr("all"));
        for (int l = 0; l < layers; ++l) {
            layerChooser_->addItem(QString::number(l + 1));
            layerFilterChooser_->addItem(tr("layer %1").arg(l + 1));
        }
    }
    for (QWidget* control : gridControls_)
        control->setVisible(!selection_.singleHead);
    for (QWidget* control : headControls_)
        control->setVisible(selection_.singleHead);
    layerFilterChooser_->setCurrentIndex(shownGridLayer() + 1);
    layerFilterChooser_->setEnabled(!selection_.singleHead && layers > 1);
    if (headChooser_->count() != heads) {
        headChooser_->clear();
        for (int h = 0; h < heads; ++h)
            headChooser_->addItem(QString::number(h + 1));
    }
    layerChooser_->setCurrentIndex(shownLayer());
    headChooser_->setCurrentIndex(shownHead());
    mode_->setCurrentIndex(selection_.singleHead ? 1 : 0);
    int scaleIndex = differenceScaleChooser_->findData(selection_.differenceScale);
    if (scaleIndex < 0) {  // a scale from a session file or the command line that is not offered
        differenceScaleChooser_->addItem(tr("fixed ±%1").arg(selection_.differenceScale), selection_.differenceScale);
        scaleIndex = differenceScaleChooser_->count() - 1;
    }
    differenceScaleChooser_->setCurrentIndex(scaleIndex);
    words_->setChecked(selection_.mergeWords);
    words_->setEnabled(!(data_ && data_->config.causal));  // decoders: byte pieces, not characters
}

double AttentionView::differenceRange() const
{
    if (selection_.differenceScale > 0)
        return selection_.differenceScale;
    if (!data_)
        return 0.1;
    return mergedWords() ? data_->wordDifferenceRange : data_->differenceRange;
}

bool AttentionView::mergedWords() const
{
    return selection_.mergeWords && data_ && data_->a.words && (!data_->b || data_->b->words);
}

const std::optional<AlignedDifference>& AttentionView::difference() const
{
    return mergedWords() ? data_->wordDifference : data_->difference;
}

const Matrix* AttentionView::headMatrix(Panel panel, int layer, int head) const
{
    if (!data_)
        return nullptr;
    if (panel == PanelDifference) {
        if (!difference() || layer >= static_cast<int>(difference()->attention.size()))
            return nullptr;
        return &difference()->attention[static_cast<size_t>(layer)][static_cast<size_t>(head)];
    }
    const SentenceSnapshot* sentence = panel == PanelA ? &data_->a : (data_->b ? &*data_->b : nullptr);
    if (!sentence || !sentence->trace || layer >= static_cast<int>(sentence->trace->layers.size()))
        return nullptr;
    if (mergedWords())
        return &sentence->words->attention[static_cast<size_t>(layer)][static_cast<size_t>(head)];
    return &sentence->trace->layers[static_cast<size_t>(layer)].attention[static_cast<size_t>(head)];
}

const QStringList* AttentionView::panelTokens(Panel panel) const
{
    if (!data_)
        return nullptr;
    if (panel == PanelB)
        return data_->b ? &tokensB_ : nullptr;
    return &tokensA_;
}

void AttentionView::readTokens()
{
    const bool words = mergedWords();
    tokensA_ = data_ ? tokenTexts(words ? data_->a.words->words : data_->a.tokens) : QStringList();
    tokensB_ = data_ && data_->b ? tokenTexts(words ? data_->b->words->words : data_->b->tokens) : QStringList();
}

AttentionView::KeyLabelMode AttentionView::keyLabelMode(Panel panel) const
{
    for (const auto& p : panels_)
        if (p.panel == panel)
            return p.grid ? p.keyLabels.mode : KeyLabelMode::OneLine;
    return KeyLabelMode::None;
}

bool AttentionView::hasPanel(Panel panel) const
{
    for (const auto& p : panels_)
        if (p.panel == panel)
            return true;
    return false;
}

QString AttentionView::layoutKey() const
{
    // The states build() draws a message for, then the grid's or the enlarged head's layout.
    if (!data_ || !data_->a.trace)
        return QStringLiteral("empty");
    if (data_->config.n_layers == 0)
        return QStringLiteral("no layers");
    // Panels: A; or A, B and the difference's panel (kept while B does not line up, see
    // wantedPanels()). The enlarged head shows the difference only when there is one.
    const QString panels = (!data_->b ? QStringLiteral("A") : difference() ? QStringLiteral("ABD") : QStringLiteral("AB")) +
                           (mergedWords() ? QStringLiteral("/words") : QString());
    if (selection_.singleHead)
        return QStringLiteral("head/%1x%2/%3.%4/%5")
            .arg(data_->config.n_layers)
            .arg(data_->config.n_heads)
            .arg(shownLayer())
            .arg(shownHead())
            .arg(panels);
    // The grid: its panels, and a map per head of each shown layer (token counts only change
    // the maps' sizes, which refresh() updates in place).
    return QStringLiteral("grid/%1x%2/%3/%4")
        .arg(data_->config.n_layers)
        .arg(data_->config.n_heads)
        .arg(shownGridLayer())
        .arg((data_->b ? QStringLiteral("ABD") : QStringLiteral("A")) + (mergedWords() ? QStringLiteral("/words") : QString()));
}

void AttentionView::build()
{
    words_->setEnabled(!(data_ && data_->config.causal));  // decoders: byte pieces, not characters
    readTokens();
    panels_.clear();
    colourBars_.clear();
    if (badgeLegend_ && !badgeLegend_->layout())
        delete badgeLegend_;  // the layout owns it only while it is placed
    badgeLegend_ = nullptr;
    gridBuilt_ = false;
    columns_ = 0;
    tokenLabels_ = false;
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
    if (selection_.singleHead)
        buildHead();
    else
        buildGrid();
}

std::vector<AttentionView::Panel> AttentionView::wantedPanels() const
{
    std::vector<Panel> wanted{PanelA};
    if (data_->b) {
        wanted.push_back(PanelB);
        // Kept while B does not line up with A (it says so, empty): typing one sentence must not
        // make the grid jump each time the two line up or stop lining up.
        wanted.push_back(PanelDifference);
    }
    return wanted;
}

std::vector<int> AttentionView::shownLayers() const
{
    const int layers = data_ ? data_->config.n_layers : 0;
    if (const int filter = shownGridLayer(); filter >= 0)
        return {filter};
    std::vector<int> all(static_cast<size_t>(std::max(0, layers)));
    for (int l = 0; l < layers; ++l)
        all[static_cast<size_t>(l)] = l;
    return all;
}

QString AttentionView::panelName(Panel panel) const
{
    if (mergedWords())  // said in every title: the maps are of words, not of the model's pieces
        return panel == PanelA   ? tr("A, whole words: %1").arg(abbreviated(joinedTokens(data_->a.tokens)))
               : panel == PanelB ? tr("B, whole words: %1").arg(abbreviated(joinedTokens(data_->b->tokens)))
               : difference()    ? tr("B − A, aligned by word")
                                 : tr("B − A: none (B does not use exactly A's words)");
    return panel == PanelA   ? tr("A: %1").arg(abbreviated(joinedTokens(data_->a.tokens)))
           : panel == PanelB ? tr("B: %1").arg(abbreviated(joinedTokens(data_->b->tokens)))
           : difference() ? tr("B − A, aligned by token")
                               : tr("B − A: none (B does not use exactly A's tokens)");
}

void AttentionView::buildGrid()
{
    const QFont font = resetPlot();
    const PlotColours colours = plotColours(this);
    QFont badgeFont = font;
    badgeFont.setPointSizeF(std::max(7.0, font.pointSizeF() - 2));
    const int heads = data_->config.n_heads;
    const std::vector<int> layers = shownLayers();

    auto* margins = new QCPMarginGroup(plot_);
    colourBars_.assign(2, nullptr);
    for (const Panel panel : wantedPanels()) {
        const bool isDifference = panel == PanelDifference;
        PanelGeometry geometry;
        geometry.panel = panel;
        geometry.grid = true;
        geometry.title = new Title(plot_, QString(), titleFont());
        geometry.title->setTextColor(colours.text);
        auto* rect = new QCPAxisRect(plot_);
        geometry.rect = rect;
        // A first place in the layout (placeGrid arranges them): items made below look for one.
        const int column = static_cast<int>(panels_.size());
        plot_->plotLayout()->addElement(0, column, geometry.title);
        plot_->plotLayout()->addElement(1, column, rect);
        rect->setupFullAxesBox(false);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight | QCP::msTop | QCP::msBottom, margins);
        styleAxisRect(rect, colours, font);
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(Qt::NoPen);
            axis->setSubTicks(false);
            axis->setTickLength(0, 0);
            axis->setTickPen(Qt::NoPen);  // a zero-length tick still leaves a dot beside its label
            axis->grid()->setVisible(false);
            axis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
        }
        rect->axis(QCPAxis::atTop)->setTickLabels(true);
        rect->axis(QCPAxis::atRight)->setTickLabels(true);
        rect->axis(QCPAxis::atLeft)->setRangeReversed(true);
        rect->axis(QCPAxis::atRight)->setRangeReversed(true);
        // What the rows and columns of every small map are.
        rect->axis(QCPAxis::atLeft)->setLabel(tr("query (row)"));
        rect->axis(QCPAxis::atBottom)->setLabel(tr("key (column)"));
        // Top and right follow bottom and left (head and layer names sit there).
        connect(rect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
                rect->axis(QCPAxis::atTop), qOverload<const QCPRange&>(&QCPAxis::setRange));
        connect(rect->axis(QCPAxis::atLeft), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
                rect->axis(QCPAxis::atRight), qOverload<const QCPRange&>(&QCPAxis::setRange));

        // One colour map holds every head: head h of shown layer i occupies columns h*stride..
        // and rows i*rowStride..; the gaps between maps are transparent.
        geometry.map = new QCPColorMap(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        geometry.map->setInterpolate(false);
        geometry.map->setAntialiased(false);
        geometry.map->setGradient(isDifference ? divergingGradient() : sequentialGradient());
        if (!isDifference)
            for (size_t i = 0; i < layers.size() * static_cast<size_t>(heads); ++i) {
                auto* badge = new Label(plot_);
                badge->setClipToAxisRect(false);  // the first row's badges stand above the rect
                badge->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
                badge->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);  // above its map, not over it
                badge->setFont(badgeFont);
                badge->setPadding(QMargins(2, 0, 2, 0));
                geometry.badges.push_back(badge);
            }
        panels_.push_back(geometry);
        const bool lastProbability = panel == PanelA ? !data_->b : panel == PanelB;
        if (lastProbability || isDifference) {
            auto* bar = addColourBar(plot_->plotLayout(), 2, isDifference ? 1 : 0,
                                     isDifference ? tr("attention change") : tr("attention weight"),
                                     isDifference ? divergingGradient() : sequentialGradient(),
                                     isDifference ? QCPRange(-differenceRange(), differenceRange())
                                                  : QCPRange(0, 1),
                                     colours, font);
            // Not in the maps' margin group: a colour scale's margins there only ever grow (it
            // reports its current margin as the one it needs). afterLayout() lines it up instead.
            colourBars_[isDifference ? 1 : 0] = bar;
        }
    }
    badgeLegend_ = new Title(plot_, QString(), font);
    badgeLegend_->setTextColor(colours.subtle);
    badgeLegend_->setTextFlags(Qt::AlignCenter | Qt::TextWordWrap);
    badgeLegend_->setMinimumSize(1, 1);
    // A text element caps its row at its own height by default: it must not cap the maps' row.
    badgeLegend_->setMaximumSize(100000, 100000);
    gridBuilt_ = true;
    arrangedFor_ = QSize();
    fillGrid();
    placeGrid(static_cast<int>(panels_.size()));
    arrange(plot_->size());
    plot_->replot();
}

void AttentionView::fillGrid()
{
    const int heads = data_->config.n_heads;
    const std::vector<int> layers = shownLayers();
    const int rows = static_cast<int>(layers.size());
    for (PanelGeometry& geometry : panels_) {
        const Panel panel = geometry.panel;
        const bool isDifference = panel == PanelDifference;
        const QStringList& tokens = *panelTokens(panel);
        const int length = static_cast<int>(tokens.size());
        const int gap = gapFor(length), rowGap = rowGapFor(length);
        const int stride = length + gap, rowStride = length + rowGap;
        geometry.length = length;
        geometry.stride = stride;
        geometry.rowStride = rowStride;
        geometry.title->setText(panelName(panel));

        const int width = heads * stride - gap, height = rows * rowStride - rowGap;
        QCPColorMapData* cells = geometry.map->data();
        if (cells->keySize() != width || cells->valueSize() != height) {
            cells->setSize(width, height);
            cells->setRange(QCPRange(0, width - 1), QCPRange(0, height - 1));
        }
        cells->fillAlpha(0);
        for (int i = 0; i < rows; ++i)
            for (int h = 0; h < heads; ++h) {
                const Matrix* m = headMatrix(panel, layers[static_cast<size_t>(i)], h);
                if (!m)
                    continue;
                for (int q = 0; q < m->rows(); ++q)
                    for (int k = 0; k < m->cols(); ++k) {
                        cells->setCell(h * stride + k, i * rowStride + q, cellValue(*m, q, k));
                        cells->setAlpha(h * stride + k, i * rowStride + q, 255);
                    }
            }
        geometry.map->setDataRange(isDifference ? QCPRange(-differenceRange(), differenceRange())
                                                : QCPRange(0, 1));
        // The difference's scale follows the pair, with its maps.
        if (auto* bar = isDifference && colourBars_.size() > 1 ? qobject_cast<QCPColorScale*>(colourBars_[1]) : nullptr)
            bar->setDataRange(QCPRange(-differenceRange(), differenceRange()));
        QCPAxisRect* rect = geometry.rect;
        // The rect shrinks to the maps, so head, layer, query and key names sit right beside them.
        keepAspect(rect, QCPRange(-0.5, width - 0.5), QCPRange(-0.5, height - 0.5), AspectFit::ShrinkRect);
        rect->axis(QCPAxis::atBottom)->setRange(-0.5, width - 0.5);
        rect->axis(QCPAxis::atLeft)->setRange(-0.5, height - 0.5);

        auto ticker = [](QCPAxis* axis) { return qSharedPointerDynamicCast<QCPAxisTickerText>(axis->ticker()); };
        auto headTicks = ticker(rect->axis(QCPAxis::atTop));
        auto layerTicks = ticker(rect->axis(QCPAxis::atRight));
        auto keyTicks = ticker(rect->axis(QCPAxis::atBottom));
        auto queryTicks = ticker(rect->axis(QCPAxis::atLeft));
        headTicks->clear();
        layerTicks->clear();
        keyTicks->clear();
        queryTicks->clear();
        for (int h = 0; h < heads; ++h) {
            // A head switched off (head surgery) says so above its map.
            const bool off = rows > 0 && data_->surgery.contains(layers.front(), h) &&
                             std::all_of(layers.begin(), layers.end(), [&](int l) { return data_->surgery.contains(l, h); });
            headTicks->addTick(h * stride + (length - 1) / 2.0, off ? tr("head %1 ✕ off").arg(h + 1) : tr("head %1").arg(h + 1));
            for (int k = 0; k < length; ++k)
                keyTicks->addTick(h * stride + k, tokens[k]);
        }
        for (int i = 0; i < rows; ++i) {
            layerTicks->addTick(i * rowStride + (length - 1) / 2.0, tr("layer %1").arg(layers[static_cast<size_t>(i)] + 1));
            for (int q = 0; q < length; ++q)
                queryTicks->addTick(i * rowStride + q, tokens[q]);
        }

        // Head-role badges (the sentence's own roles).
        const SentenceSnapshot* sentence = panel == PanelB ? &*data_->b : &data_->a;
        size_t badge = 0;
        for (int i = 0; i < rows && !isDifference; ++i)
            for (int h = 0; h < heads; ++h, ++badge) {
                QCPItemText* item = geometry.badges[badge];
                const HeadRole* role = sentence->headRole(layers[static_cast<size_t>(i)], h);
                const size_t flat = static_cast<size_t>(layers[static_cast<size_t>(i)] * heads + h);
                if (!role && data_->config.causal && flat < sentence->firstTokenShare.size()) {
                    // A decoder: the share of attention on the first token (the attention sink).
                    item->position->setCoords(h * stride - 0.5, i * rowStride - 0.5);
                    const QString share = QString::number(qRound(100 * sentence->firstTokenShare[flat]));
                    item->setProperty("word", tr("⇤ %1 %").arg(share));
                    item->setProperty("letter", tr("⇤%1").arg(share));
                    item->setText(item->property("word").toString());
                    const QColor colour = sinkBadgeColour(sentence->firstTokenShare[flat]);
                    item->setBrush(QBrush(colour));
                    item->setColor(readableTextOn(colour));
                    item->setVisible(true);
                    continue;
                }
                item->setVisible(role != nullptr);
                if (!role) {
                    item->setText(QString());  // arrange() shows only badges that carry a role
                    continue;
                }
                item->position->setCoords(h * stride - 0.5, i * rowStride - 0.5);
                // The word, or its letter where the word does not fit (applyTokenLabels).
                // A decoder's first-token share is given as a number after the kind (below).
                const bool sinkShown = data_->config.causal && role->pattern == HeadPattern::FirstToken;
                const QString pattern =
                    patternIsStrong(*role) && !sinkShown ? headPatternSymbol(role->pattern) : QString();
                const bool off = data_->surgery.contains(layers[static_cast<size_t>(i)], h);
                const QString cross = off ? QStringLiteral("✕ ") : QString();
                // A decoder's badge also gives its first-token share (the attention sink).
                QString sinkWord, sinkLetter;
                if (data_->config.causal && flat < sentence->firstTokenShare.size()) {
                    const QString share = QString::number(qRound(100 * sentence->firstTokenShare[flat]));
                    sinkWord = QStringLiteral(" ") + tr("⇤ %1 %").arg(share);
                    sinkLetter = tr("⇤%1").arg(share);
                }
                item->setProperty("word", cross + headKindWord(role->kind) +
                                              (pattern.isEmpty() ? QString() : QStringLiteral(" ") + pattern) + sinkWord);
                item->setProperty("letter",
                                  (off ? QStringLiteral("✕") : QString()) + headKindShort(role->kind) + pattern + sinkLetter);
                item->setText(item->property("word").toString());
                const QColor colour = headKindColour(role->kind);
                item->setBrush(QBrush(colour));
                item->setColor(readableTextOn(colour));
            }
    }
    legendNote_.clear();
    if (data_->b && !difference())
        legendNote_ = tr("No aligned difference: B does not use exactly the same tokens as A.");
    else if (difference() && difference()->sameInput)
        legendNote_ = tr("A and B are the same input to the model: the difference is zero.");
    if (data_->config.causal)
        legendNote_ += (legendNote_.isEmpty() ? QString() : QStringLiteral(" ")) +
                       tr("A decoder: each token sees only itself and the tokens before it; the grey cells "
                          "(its future) are masked, not data.");
    if (mergedWords())
        legendNote_ += (legendNote_.isEmpty() ? QString() : QStringLiteral(" ")) +
                       tr("Whole words: a row is one word; its attention to another word is summed over that word's "
                          "pieces and averaged over its own, so every row still sums to 1.");
    if (!data_->surgery.empty())
        legendNote_ += (legendNote_.isEmpty() ? QString() : QStringLiteral(" ")) +
                       tr("✕ marks a head switched off (Heads menu): every map after it is of the model without it.");
    showLegend();
    const QString offLine = data_->surgery.empty() ? QString() : tr("\n✕ switched off");
    if (data_->config.causal)
        badgeLegend_->setText(tr("Badges above each head:\nposition · content · mixed (%1 · %2 · %3)\n← previous token · ○ self\n"
                                 "⇤ the share of attention\nthat tokens 2, 3, … give\nthe first token (an attention\nsink "
                                 "when it is large)")
                                  .arg(headKindShort(HeadKind::Positional), headKindShort(HeadKind::Content),
                                       headKindShort(HeadKind::Mixed)) +
                              offLine);
    else
        badgeLegend_->setText(tr("Badges above each head:\nposition · content · mixed (%1 · %2 · %3)\na strong pattern:\n"
                                 "← previous token · → next token\n○ self · ⇤ first token")
                                  .arg(headKindShort(HeadKind::Positional), headKindShort(HeadKind::Content),
                                       headKindShort(HeadKind::Mixed)) +
                              offLine);
}

void AttentionView::placeGrid(int columns)
{
    QCPLayoutGrid* layout = plot_->plotLayout();
    std::vector<QCPLayoutElement*> elements;
    for (const PanelGeometry& p : panels_) {
        elements.push_back(p.title);
        elements.push_back(p.rect);
    }
    for (QCPLayoutElement* bar : colourBars_)
        if (bar)
            elements.push_back(bar);
    elements.push_back(badgeLegend_);
    for (QCPLayoutElement* element : elements)
        if (element->layout() == layout)
            layout->take(element);
    layout->simplify();
    const int n = static_cast<int>(panels_.size());
    const int panelRows = (n + columns - 1) / columns;
    for (int i = 0; i < n; ++i) {
        const int row = 2 * (i / columns), column = i % columns;
        layout->addElement(row, column, panels_[static_cast<size_t>(i)].title);
        layout->addElement(row + 1, column, panels_[static_cast<size_t>(i)].rect);
    }
    // Colour bars right of the panels: in the row of the panel they belong to, or side by side
    // when both belong to one row.
    auto rowOf = [&](Panel panel) {
        for (int i = 0; i < n; ++i)
            if (panels_[static_cast<size_t>(i)].panel == panel)
                return 2 * (i / columns) + 1;
        return 1;
    };
    const int probabilityRow = rowOf(data_->b ? PanelB : PanelA);
    const int differenceRow = rowOf(PanelDifference);
    if (colourBars_[0])
        layout->addElement(probabilityRow, columns, colourBars_[0]);
    if (colourBars_[1])
        layout->addElement(differenceRow, colourBars_[0] && differenceRow == probabilityRow ? columns + 1 : columns,
                           colourBars_[1]);
    // A free panel cell (e.g. three panels two by two) explains the badges inside the picture.
    const bool free = n % columns != 0;
    freeCell_ = free && data_->config.n_layers > 0;
    badgeLegend_->setVisible(freeCell_);
    if (free)
        layout->addElement(2 * (panelRows - 1) + 1, n % columns, badgeLegend_);
    for (int c = 0; c < layout->columnCount(); ++c)
        layout->setColumnStretchFactor(c, c < columns ? 1.0 : 0.01);
    for (int r = 0; r < layout->rowCount(); ++r)
        layout->setRowStretchFactor(r, r % 2 == 0 ? 0.01 : 1.0);
    columns_ = columns;
    showLegend();
}

void AttentionView::showLegend()
{
    // The badges explained once: in the picture where it has a free cell, else in this line.
    QString legend;
    if (!badgesShown_)
        legend = tr("Each head's badge (position, content or mixed, and its pattern) shows where the maps have room "
                    "for it: enlarge the window or the picture.") +
                 QStringLiteral("  ");
    else if ((!badgeLegend_ || !badgeLegend_->visible()) && data_ && data_->config.causal)
        legend = tr("Badges above each head: position head · content head · mixed (%1 · %2 · %3 where the maps are "
                    "small), ← previous token · ○ self, then ⇤ the share of attention tokens 2, 3, … give the first "
                    "token (an attention sink when it is large).")
                     .arg(headKindShort(HeadKind::Positional), headKindShort(HeadKind::Content),
                          headKindShort(HeadKind::Mixed)) +
                 QStringLiteral("  ");
    else if (!badgeLegend_ || !badgeLegend_->visible())
        legend = tr("Badges above each head: position head · content head · mixed (%1 · %2 · %3 where the maps are "
                    "small); a strong pattern: ← previous token · → next token · ○ self · ⇤ first token.")
                     .arg(headKindShort(HeadKind::Positional), headKindShort(HeadKind::Content),
                          headKindShort(HeadKind::Mixed)) +
                 QStringLiteral("  ");
    legend += tr("Click a head to enlarge it.");
    if (!legendNote_.isEmpty())
        legend += QLatin1Char(' ') + legendNote_;
    if (legend_->text() != legend)
        legend_->setText(legend);
}

AttentionView::TokenNames AttentionView::chooseTokenNames(const PanelGeometry& p, double cell, int allowed) const
{
    TokenNames names;
    // Token names a little smaller (never below 8 pt) on cells lower than a line of text.
    QFont font = plotFont();
    const double fullSize = font.pointSizeF();
    while (fullSize > 0 && font.pointSizeF() > std::max(8.0, fullSize - 3) && QFontMetricsF(font).height() * 0.85 > cell)
        font.setPointSizeF(font.pointSizeF() - 0.5);
    names.pointSize = font.pointSizeF();
    names.query = allowed >= 1 && cell >= QFontMetricsF(font).height() * 0.85;
    if (names.query && allowed >= 2)
        names.keys = fitKeyLabels(*panelTokens(p.panel), cell, p.stride - p.length, QFontMetrics(font));
    return names;
}

std::vector<AttentionView::TokenNames> AttentionView::applyTokenLabels(const std::vector<double>& cells, int allowed)
{
    tokenLabels_ = false;
    std::vector<TokenNames> chosen;
    const int heads = data_->config.n_heads;
    const std::vector<int> layers = shownLayers();
    for (size_t i = 0; i < panels_.size(); ++i) {
        PanelGeometry& p = panels_[i];
        QCPAxis* bottom = p.rect->axis(QCPAxis::atBottom);
        QCPAxis* left = p.rect->axis(QCPAxis::atLeft);
        // A little slack: the margins, and so the cells, change a little with the names.
        const double cell = 0.95 * cells[i];
        const TokenNames names = chooseTokenNames(p, cell, allowed);
        chosen.push_back(names);
        QFont tokenFont = plotFont();
        if (names.pointSize > 0)
            tokenFont.setPointSizeF(names.pointSize);
        tokenLabels_ = tokenLabels_ || names.query;
        p.keyLabels = names.keys;
        bottom->setTickLabels(p.keyLabels.mode != KeyLabelMode::None);
        bottom->setTickLabelRotation(0);
        bottom->setTickLabelFont(tokenFont);
        left->setTickLabels(names.query);
        left->setTickLabelFont(tokenFont);
        auto keyTicks = qSharedPointerDynamicCast<QCPAxisTickerText>(bottom->ticker());
        keyTicks->clear();
        if (p.keyLabels.mode != KeyLabelMode::None)
            for (int h = 0; h < heads; ++h)
                for (int k = 0; k < p.length; ++k)
                    keyTicks->addTick(h * p.stride + k, p.keyLabels.texts.value(k));

        applyHeadNames(p, cell);
    }
    return chosen;
}

void AttentionView::applyHeadNames(PanelGeometry& p, double cell)
{
    const QFontMetrics metrics(plotFont());
    const int heads = data_->config.n_heads;
    const std::vector<int> layers = shownLayers();
    const double mapPixels = cell * p.length;
    const double stridePixels = cell * p.stride, rowStridePixels = cell * p.rowStride;
    // Small maps: the head names shrink to numbers (the axis says what they count), and
    // only every step-th number is written when even those would touch.
    const bool roomy = mapPixels >= metrics.horizontalAdvance(tr("head %1").arg(heads)) + 6;
    const int headStep =
        roomy ? 1 : std::max(1, static_cast<int>(std::ceil((metrics.horizontalAdvance(QString::number(heads)) + 6) /
                                                           std::max(1.0, stridePixels))));
    auto headTicks = qSharedPointerDynamicCast<QCPAxisTickerText>(p.rect->axis(QCPAxis::atTop)->ticker());
    headTicks->clear();
    for (int h = 0; h < heads; h += headStep)
        headTicks->addTick(h * p.stride + (p.length - 1) / 2.0, roomy ? tr("head %1").arg(h + 1) : QString::number(h + 1));
    p.rect->axis(QCPAxis::atTop)->setLabel(roomy ? QString() : tr("head"));
    // Layer names beside their row of maps; every step-th one when the rows are too low.
    const int layerStep = std::max(1, static_cast<int>(std::ceil((metrics.height() + 2) / std::max(1.0, rowStridePixels))));
    auto layerTicks = qSharedPointerDynamicCast<QCPAxisTickerText>(p.rect->axis(QCPAxis::atRight)->ticker());
    layerTicks->clear();
    for (int i = 0; i < static_cast<int>(layers.size()); i += layerStep)
        layerTicks->addTick(i * p.rowStride + (p.length - 1) / 2.0, tr("layer %1").arg(layers[static_cast<size_t>(i)] + 1));

    // Badges above each map's top left corner, in the gap above its row (the first row's
    // between the maps and the head names): the word where it fits beside the next map's
    // badge, else its letter, else none.
    const QFontMetricsF badgeMetrics(p.badges.empty() ? plotFont() : p.badges.front()->font());
    const double band = badgeMetrics.height() + 2;
    auto widest = [&](const char* form) {
        double w = 0;
        for (const QCPItemText* badge : p.badges)
            if (!badge->property(form).toString().isEmpty())
                w = std::max(w, badgeMetrics.horizontalAdvance(badge->property(form).toString()) + 6);
        return w;
    };
    const bool roomAbove = band <= cell * (p.rowStride - p.length) + 1;
    // With a sixth to spare: text measured here may be drawn a little wider (an export enlarged
    // x2 draws hinted glyphs wider than twice their size here).
    const double room = (stridePixels - 2) / 1.15;
    const char* form = widest("word") <= room ? "word" : widest("letter") <= room ? "letter" : nullptr;
    const bool badges = roomAbove && form != nullptr;
    for (QCPItemText* badge : p.badges) {
        const QString text = form ? badge->property(form).toString() : QString();
        badge->setVisible(badges && !text.isEmpty());
        if (form && badge->text() != text)
            badge->setText(text);
    }
    // The head names stand above the first row's badges.
    p.rect->axis(QCPAxis::atTop)->setOffset(badges ? static_cast<int>(std::ceil(band)) : 0);
}

bool AttentionView::tokenNamesFit(const PanelGeometry& p, const TokenNames& names, double cell) const
{
    QFont font = plotFont();
    if (names.pointSize > 0)
        font.setPointSizeF(names.pointSize);
    const QFontMetrics metrics(font);
    if (names.query && cell < QFontMetricsF(font).height() * 0.85)
        return false;
    if (names.keys.mode == KeyLabelMode::None)
        return true;
    QStringList texts;
    for (const QString& text : names.keys.texts)
        texts << QString(text).remove(QLatin1Char('\n'));
    return keyLabelsFit(texts, names.keys.mode == KeyLabelMode::Staggered, cell, p.stride - p.length, metrics);
}

bool AttentionView::keyLabelsFit(const QStringList& texts, bool staggered, double cell, int gapCells,
                                 const QFontMetrics& metrics)
{
    // At the cells of two neighbouring maps: do any two names on one line touch?
    const int n = static_cast<int>(texts.size());
    const int stride = n + gapCells;
    for (int line = 0; line < (staggered ? 2 : 1); ++line) {
        double previousRight = -1e9;
        for (int x = 0; x < 2 * stride; ++x) {
            const int k = x % stride;
            if (k >= n || (staggered && k % 2 != line))
                continue;
            const double half = metrics.horizontalAdvance(texts[k]) / 2.0;
            if (x * cell - half < previousRight + kKeySpace)
                return false;
            previousRight = x * cell + half;
        }
    }
    return true;
}

AttentionView::KeyLabels AttentionView::fitKeyLabels(const QStringList& tokens, double cell, int gapCells,
                                                     const QFontMetrics& metrics)
{
    const int n = static_cast<int>(tokens.size());
    if (n == 0 || cell <= 0)
        return {};
    auto fits = [&](const QStringList& texts, bool staggered) {
        return keyLabelsFit(texts, staggered, cell, gapCells, metrics);
    };
    KeyLabels labels;
    if (fits(tokens, false)) {
        labels.mode = KeyLabelMode::OneLine;
        labels.texts = tokens;
        return labels;
    }
    // Two staggered lines give every name two cells; names wider than that lose their end.
    QStringList shortened;
    for (const QString& token : tokens) {
        const QString text = metrics.elidedText(token, Qt::ElideRight, static_cast<int>(2 * cell - kKeySpace));
        if (text.isEmpty() || text == QStringLiteral("…"))
            return {};  // not even one character fits: no names rather than dots
        shortened << text;
    }
    if (!fits(shortened, true))
        return {};
    labels.mode = KeyLabelMode::Staggered;
    for (int k = 0; k < n; ++k)
        labels.texts << (k % 2 == 0 ? shortened[k] : QStringLiteral("\n") + shortened[k]);
    return labels;
}

void AttentionView::afterLayout()
{
    // One head: the values in the cells, in a smaller font where the cells are small, and none
    // when even that would not fit inside them ("−0.03−0.03").
    for (const PanelGeometry& p : panels_)
        if (!p.grid && p.length > 0) {
            const double cell = p.rect->width() / static_cast<double>(p.length);
            fitCellTexts(p.values, QSizeF(cell, cell));
        }
    // Each colour bar spans exactly its row of maps (the maps' rects shrink to fit them).
    for (QCPLayoutElement* element : colourBars_) {
        auto* bar = qobject_cast<QCPColorScale*>(element);
        if (!bar || !bar->layout() || !bar->visible())
            continue;
        const QRect row = bar->outerRect();
        int top = std::numeric_limits<int>::max(), bottom = std::numeric_limits<int>::min();
        for (const PanelGeometry& p : panels_) {
            const QRect r = p.rect->rect();
            if (r.top() < row.bottom() && r.bottom() > row.top()) {
                top = std::min(top, r.top());
                bottom = std::max(bottom, r.bottom());
            }
        }
        if (bottom <= top)
            continue;
        // Never shorter than its title (it reads along the bar), while the row has room.
        const int titleLength = QFontMetrics(bar->axis()->labelFont()).horizontalAdvance(bar->axis()->label()) + 8;
        if (bottom - top < titleLength) {
            const int middle = (top + bottom) / 2;
            top = std::max(row.top() + bar->margins().top(), middle - titleLength / 2);
            bottom = std::min(row.bottom() - bar->margins().bottom(), top + titleLength);
        }
        const QRect inner = bar->rect();
        bar->setOuterRect(row.adjusted(0, top - inner.top(), 0, bottom - inner.bottom()));
        bar->update(QCPLayoutElement::upLayout);
    }
}

void AttentionView::arrange(QSize plotSize)
{
    if (!data_ || selection_.singleHead || !gridBuilt_ || panels_.empty() || plotSize.isEmpty())
        return;
    // What one arrangement shows: token names (2 for key names in every panel, 1 more for query
    // names), badges, and how big its smallest map's cells are.
    struct Outcome {
        int columns = 1;
        double estimate = 0;
        bool badgeRows = true;
        int names = 0;
        bool badges = false;
        double cell = 0;
        bool betterThan(const Outcome& o) const
        {
            // The names matter most, then the badges, then the size of the maps.
            if (names != o.names)
                return names > o.names;
            if (badges != o.badges)
                return badges;
            return cell > o.cell * 1.02;
        }
    };
    auto layOut = [&](int columns, double estimate, bool badgeRows) {
        if (badgeRows_ != badgeRows) {
            badgeRows_ = badgeRows;
            fillGrid();
        }
        arrangeCells(plotSize, columns, estimate);
        Outcome o{columns, estimate, badgeRows};
        bool keys = true;
        for (const PanelGeometry& p : panels_) {
            keys = keys && p.keyLabels.mode != KeyLabelMode::None;
            for (const QCPItemText* badge : p.badges)
                o.badges = o.badges || badge->visible();
        }
        o.names = (keys ? 2 : 0) + (tokenLabels_ ? 1 : 0);
        const std::vector<double> cells = measureCells(plotSize);
        o.cell = cells.empty() ? 0 : *std::min_element(cells.begin(), cells.end());
        return o;
    };
    auto complete = [](const Outcome& o) { return o.names == 3 && o.badges; };
    // The panels side by side that give the biggest maps first, with room for the badges between
    // the rows of maps, then closer rows; the other arrangements only while something is missing
    // (a tall window gives one column of small maps with no room for the names at its side).
    Outcome best;
    bool any = false;
    Outcome last;
    for (const auto& [columns, estimate] : columnChoices(plotSize)) {
        for (bool badgeRows : {true, false}) {
            last = layOut(columns, estimate, badgeRows);
            if (!any || last.betterThan(best))
                best = last;
            any = true;
            if (complete(best))
                break;
        }
        if (complete(best))
            break;
    }
    if (best.columns != last.columns || best.badgeRows != last.badgeRows)
        layOut(best.columns, best.estimate, best.badgeRows);
    badgesShown_ = best.badges;
    if (badgeLegend_ && badgeLegend_->visible() != (freeCell_ && best.badges))
        badgeLegend_->setVisible(freeCell_ && best.badges);
    showLegend();
    arrangedFor_ = plotSize;
}

std::vector<std::pair<int, double>> AttentionView::columnChoices(QSize plotSize) const
{
    // The numbers of panels side by side with the cells each would give (an estimate), the
    // biggest first.
    const QFontMetrics metrics(plotFont());
    const int n = static_cast<int>(panels_.size());
    const int heads = data_->config.n_heads;
    const int rows = static_cast<int>(shownLayers().size());
    int length = 1;
    for (const PanelGeometry& p : panels_)
        length = std::max(length, p.length);
    const int gap = gapFor(length), stride = length + gap, rowGap = rowGapFor(length);
    const double cellsAcross = heads * stride - gap, cellsDown = rows * (length + rowGap) - rowGap;
    const double barWidth = 100;
    // Beside each panel: query names and their axis title, layer names; above and below: the
    // panel's title, head names, the first row's badges, key names and their axis title.
    const double sideOverhead = 2.0 * metrics.horizontalAdvance(QStringLiteral("layer 12")) + 24;
    const double topOverhead = QFontMetrics(titleFont()).height() + 3.0 * metrics.height() + 24;
    std::vector<std::pair<int, double>> choices;
    for (int columns = 1; columns <= n; ++columns) {
        const int panelRows = (n + columns - 1) / columns;
        const int barColumns = (panelRows == 1 && colourBars_[0] && colourBars_[1]) ? 2 : 1;
        const double width = (plotSize.width() - barColumns * barWidth) / columns - sideOverhead;
        const double height = double(plotSize.height()) / panelRows - topOverhead;
        choices.emplace_back(columns, std::max(0.0, std::min(width / cellsAcross, height / cellsDown)));
    }
    // The biggest first, where fewer columns win a tie (within 2 %); then the others, biggest first.
    size_t first = 0;
    for (size_t i = 1; i < choices.size(); ++i)
        if (choices[i].second > choices[first].second * 1.02)
            first = i;
    std::rotate(choices.begin(), choices.begin() + static_cast<std::ptrdiff_t>(first),
                choices.begin() + static_cast<std::ptrdiff_t>(first) + 1);
    std::stable_sort(choices.begin() + 1, choices.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return choices;
}

void AttentionView::arrangeCells(QSize plotSize, int columns, double estimate)
{
    if (columns != columns_)
        placeGrid(columns);
    // The names must fit the cells, and the cells follow from the margins the names take. Measure
    // the cells with no token names, choose names for them, lay out again: when the names then
    // taken still fit, keep them; else allow fewer (key names go first, then query names).
    std::vector<double> cells(panels_.size(), estimate);
    applyTokenLabels(cells, 0);
    const std::vector<double> roomiest = measureCells(plotSize);
    for (int allowed = 2; allowed >= 0; --allowed) {
        std::vector<double> choiceCells = roomiest;
        bool fit = false;
        for (int attempt = 0; attempt < 2 && !fit; ++attempt) {
            const std::vector<TokenNames> names = applyTokenLabels(choiceCells, allowed);
            cells = measureCells(plotSize);
            fit = true;
            for (size_t i = 0; i < panels_.size(); ++i)
                fit = fit && tokenNamesFit(panels_[i], names[i], 0.95 * cells[i]);
            choiceCells = cells;  // a second choice for the cells these names left
        }
        if (fit || allowed == 0)
            break;
    }
    // The head names and badges once more, for the cells as they finally came out: the token
    // names just chosen took their margins, so the maps may be smaller than those the names
    // and badges were chosen for ("head 1head 2", "mixed ○mixed" at the 1920 x 1080 export).
    const std::vector<double> finalCells = measureCells(plotSize);
    for (size_t i = 0; i < panels_.size(); ++i)
        applyHeadNames(panels_[i], 0.95 * finalCells[i]);
}

std::vector<double> AttentionView::measureCells(QSize plotSize)
{
    const QRect viewport = plot_->viewport();
    plot_->setViewport(QRect(QPoint(0, 0), plotSize));
    QCPLayoutGrid* layout = plot_->plotLayout();
    layout->update(QCPLayoutElement::upPreparation);
    layout->update(QCPLayoutElement::upMargins);
    layout->update(QCPLayoutElement::upLayout);
    plot_->setViewport(viewport);
    const int rows = static_cast<int>(shownLayers().size());
    std::vector<double> cells;
    for (const PanelGeometry& p : panels_) {
        const int gap = p.stride - p.length, rowGap = p.rowStride - p.length;
        const double across = data_->config.n_heads * p.stride - gap, down = rows * p.rowStride - rowGap;
        cells.push_back(std::max(0.0, std::min(p.rect->width() / across, p.rect->height() / down)));
    }
    return cells;
}

void AttentionView::refresh()
{
    words_->setEnabled(!(data_ && data_->config.causal));
    // Only the grid is updated in place. The messages and the enlarged head (one map per panel,
    // a text item per cell) are made anew, as before: they are small.
    if (!gridBuilt_) {
        build();
        return;
    }
    readTokens();
    fillGrid();
    arrange(plot_->size());
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
    if (difference())
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
        const Matrix* m = headMatrix(panel, shownLayer(), shownHead());
        if (!m)
            continue;
        const QStringList& tokens = *panelTokens(panel);
        QString name = panel == PanelA ? tr("A") : panel == PanelB ? tr("B") : tr("B − A (aligned)");
        const SentenceSnapshot* sentence = panel == PanelB ? &*data_->b : &data_->a;
        if (!isDifference)
            if (const HeadRole* role = sentence->headRole(shownLayer(), shownHead())) {
                name += QLatin1Char('\n') + headKindName(role->kind);
                if (patternIsStrong(*role))
                    name += QStringLiteral(" · ") + headPatternName(role->pattern);
            }
        addTitle(plot_, 0, column, name, colours, font, 2);
        auto* rect = new QCPAxisRect(plot_);
        plot_->plotLayout()->addElement(1, column, rect);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight | QCP::msTop | QCP::msBottom, margins);
        styleAxisRect(rect, colours, font);
        const QCPRange range = isDifference ? QCPRange(-differenceRange(), differenceRange()) : QCPRange(0, 1);
        QCPColorGradient gradient = isDifference ? divergingGradient() : sequentialGradient();
        QCPColorMap* map = addMatrixMap(rect, *m, gradient, range);
        if (data_->config.causal)  // the future: grey, not data
            for (int q = 0; q < m->rows(); ++q)
                for (int k = q + 1; k < m->cols(); ++k)
                    map->data()->setCell(k, q, kNaN);
        setTextTicks(rect->axis(QCPAxis::atBottom), tokens, tokens.size() > 8 ? 45 : 0);
        setTextTicks(rect->axis(QCPAxis::atLeft), tokens);
        rect->axis(QCPAxis::atBottom)->setLabel(tr("key: looked at"));
        rect->axis(QCPAxis::atLeft)->setLabel(tr("query: looking"));
        // One row of big maps, centred up and down, with their names right beside them.
        keepAspect(rect, rect->axis(QCPAxis::atBottom)->range(), rect->axis(QCPAxis::atLeft)->range(),
                   AspectFit::ShrinkRectCentred);
        std::vector<QCPItemText*> values;
        if (drawValues)
            for (int q = 0; q < m->rows(); ++q)
                for (int k = 0; k < m->cols(); ++k) {
                    const double value = cellValue(*m, q, k);
                    if (std::isnan(value))
                        continue;  // a masked cell: grey, no number
                    auto* text = new Label(plot_);
                    text->setClipAxisRect(rect);
                    text->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
                    text->position->setCoords(k, q);
                    text->setText(formatValue(value, 2));
                    text->setFont(cellFont);
                    text->setColor(readableTextOn(gradient.color(value, range)));
                    values.push_back(text);
                }
        PanelGeometry geometry;
        geometry.values = std::move(values);
        geometry.panel = panel;
        geometry.rect = rect;
        geometry.map = map;
        geometry.length = static_cast<int>(m->rows());
        geometry.stride = geometry.length;
        geometry.rowStride = geometry.length;
        geometry.grid = false;
        panels_.push_back(geometry);
        ++column;
        const bool lastProbability = panel == PanelA ? !data_->b : panel == PanelB;
        if (lastProbability || isDifference) {
            // Lined up with the maps after layout (afterLayout), as in the grid.
            colourBars_.push_back(addColourBar(plot_->plotLayout(), 1, column,
                                               isDifference ? tr("attention change") : tr("attention weight"), gradient,
                                               range, colours, font));
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
                         .arg(shownLayer() + 1)
                         .arg(shownHead() + 1));
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
            const std::vector<int> layers = shownLayers();
            const int head = cx / p.stride, row = cy / p.rowStride;
            const int key = cx % p.stride, query = cy % p.rowStride;
            if (key >= p.length || query >= p.length || head >= data_->config.n_heads ||
                row >= static_cast<int>(layers.size()))
                return hit;
            hit = {&p, layers[static_cast<size_t>(row)], head, query, key};
        } else {
            if (cx >= p.length || cy >= p.length)
                return hit;
            hit = {&p, shownLayer(), shownHead(), cy, cx};
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
        if (p.grid) {
            const std::vector<int> layers = shownLayers();
            const auto row = std::find(layers.begin(), layers.end(), layer);
            if (row == layers.end() || head < 0 || head >= data_->config.n_heads)
                return kNaN;
            return p.map->data()->cell(head * p.stride + key,
                                       static_cast<int>(row - layers.begin()) * p.rowStride + query);
        }
        if (layer != shownLayer() || head != shownHead())
            return kNaN;
        return p.map->data()->cell(key, query);
    }
    return kNaN;
}

QRectF AttentionView::mapPixelRect(Panel panel, int layer, int head) const
{
    for (const auto& p : panels_) {
        if (p.panel != panel)
            continue;
        int row = 0;
        if (p.grid) {
            const std::vector<int> layers = shownLayers();
            const auto at = std::find(layers.begin(), layers.end(), layer);
            if (at == layers.end())
                return {};
            row = static_cast<int>(at - layers.begin());
        } else if (layer != shownLayer() || head != shownHead()) {
            return {};
        }
        const int column = p.grid ? head : 0;
        const QCPAxis* x = p.rect->axis(QCPAxis::atBottom);
        const QCPAxis* y = p.rect->axis(QCPAxis::atLeft);
        const QPointF a(x->coordToPixel(column * p.stride - 0.5), y->coordToPixel(row * p.rowStride - 0.5));
        const QPointF b(x->coordToPixel(column * p.stride + p.length - 0.5),
                        y->coordToPixel(row * p.rowStride + p.length - 0.5));
        return QRectF(a, b).normalized();
    }
    return {};
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
    if (std::isnan(cellValue(*m, hit.query, hit.key)))
        return tr("%1 · layer %2 · head %3\n%4 → %5: masked (a decoder does not look ahead)")
            .arg(prefix)
            .arg(hit.layer + 1)
            .arg(hit.head + 1)
            .arg(tokens->at(hit.query), tokens->at(hit.key));
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
            // The session sets the new selection (the Decomposition view follows the same head).
            if (hit.geometry && hit.geometry->grid && mouse->button() == Qt::LeftButton)
                showHead(hit.layer, hit.head);
        }
    }
    return View::eventFilter(watched, event);
}

}  // namespace orderlens::widgets
