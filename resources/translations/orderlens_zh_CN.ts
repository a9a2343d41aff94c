<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Export</name>
    <message>
        <source>The picture size must be between 64 and 16384 pixels on each side (got %1×%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scale must be between 0.25 and 8 (got %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown view &apos;%1&apos; (expected one of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not encode the picture: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown picture format &apos;.%1&apos;: use .png, .jpg, .svg or .pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Slide 1920×1080, text ×2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slide 1920×1080, text ×1.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4K 3840×2160, text ×3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handout 1600×900</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FontCheck</name>
    <message>
        <source>No installed font can draw %1; those characters would show as boxes. Install a font that covers them (for Chinese: fonts-wqy-microhei).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>OrderLens (语序透镜): see how a Transformer adds position to meaning.
Subcommands: trace, export, train, eval, bench (orderlens SUBCOMMAND --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved .orderlens session to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese font missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session not opened</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::app::ExportDialog</name>
    <message>
        <source>Picture size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transparent background (PNG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text and line scale:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::app::MainWindow</name>
    <message>
        <source>OrderLens 语序透镜</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentence A, e.g. 猫追老鼠</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentence B, e.g. 老鼠追猫</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentence &amp;A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentence &amp;B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⇅ Swap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap sentences A and B (Ctrl+Shift+X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare A with B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>builtin: trained and shipped · random: untrained (before training) · handmade: the 2-D / 3-D classroom example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OrderLens sessions (*.orderlens);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session.orderlens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OrderLens sessions (*.orderlens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sentences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;wap A and B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to 猫追老鼠 / 老鼠追猫</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A: %1  ·  B: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ·  model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG picture (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export picture of this view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy picture of this view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture copied (%1×%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the &amp;whole window…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;all views into a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export all views into</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n picture(s) in %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Pictures not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1

%n picture(s) were saved before the problem.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start the lesson “Adding position to meaning”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open a lesson file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — step %2 of %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← previous step · → next step</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::app::SessionModel</name>
    <message>
        <source>Model %1 could not be loaded: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::app::TrainingController</name>
    <message>
        <source>%1, seed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1 of %2 · loss %3 · accuracy %4 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. &quot;Use this model&quot; shows the run with positions in every view.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::AttentionView</name>
    <message>
        <source>All heads (grid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One head, with values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has no attention layers: it only adds the two tables. Choose a trained model to see attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each small square is one attention head: row = the token that looks (query), column = the token it looks at (key); darker means more attention. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without positions, B&apos;s maps are A&apos;s maps shuffled: the aligned difference is zero, so the model cannot tell the two orders apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The right panel lines B up with A&apos;s tokens and subtracts: any colour there is attention that changed only because the words moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badges name what drives each head: 位 position, 内 content, 混 both. Click a head to enlarge it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer %1 · head %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a sentence to see its attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hand-made model has no attention layers.
Pick a built-in or random model to see attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B − A, aligned by token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attention change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badges: 位 positional head · 内 content head · 混 mixed;  ← previous token · → next token · ○ self · ⇤ first token.  Click a head to enlarge it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No aligned difference: B does not use exactly the same tokens as A.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B − A (aligned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key: looked at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query: looking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1, head %2. Each row sums to 1: how one token spreads its attention over the sentence. Choose &quot;All heads&quot; to go back to the grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B − A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · layer %2 · head %3
%4 → %5: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::DecompositionView</name>
    <message>
        <source>Layer 1, head:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoPE turns queries and keys instead of adding a position vector, so the score has no exact content/position split. The bars below measure each head by shuffling: how much its attention moves when positions move compared with when words move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Because E and P are added, every attention score of the first layer splits exactly into four parts plus a bias: word with word, word with place, place with word, place with place. A content head gets its pattern from the first part, a position head from the last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer 1 · head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hand-made model has no attention, so there is nothing to decompose.
Pick a built-in model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head %1 of layer 1 (%2): content %3 % · mixed %4 % · position %5 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>word → word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>word → place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>place → word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>place → place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= score (sum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No exact split for this position scheme (RoPE rotates queries and keys).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every head of layer 1: where its pattern comes from (exact split)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every head: position score from shuffling (1 = only position matters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>word → word (content)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>place → place (position)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of the pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1 H%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decomposition</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::PcaView</name>
    <message>
        <source>PC1 and PC2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC1 and PC3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC2 and PC3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Axes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vectors squeezed onto their two main directions. A word keeps one E point in both sentences; adding its position moves it along the arrow to E + P, so the same word at another place lands somewhere else, while staying near its word. The orange path visits the positions in order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC%1 / PC%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCA needs at least two dimensions and a few vectors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC%1 (%2 % of the variance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P positions (path in order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E + P in A: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E + P in B: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1@%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCA</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::PositionView</name>
    <message>
        <source>Curves from dimension:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each row is the vector added at one position: early dimensions wave fast, later ones slowly, so every position gets its own pattern. In the similarity map, every diagonal has one colour: how alike two positions are depends only on how far apart they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These position vectors were learned in training, one row per position. The similarity map shows which positions the model treats as alike; neighbours tend to be closer than distant places.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoPE adds nothing to the word vectors: it turns each pair of query and key dimensions by an angle that grows with the position. Attention then sees only the difference of the angles, i.e. the distance between two tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALiBi adds nothing to the word vectors: each head subtracts a penalty that grows with distance from its attention scores. Steep heads look nearby, shallow heads look far; here one side is charged double, so the heads also know left from right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model adds no position at all. Its input for 猫追老鼠 and 老鼠追猫 is the same set of rows in another order, so it cannot tell who chases whom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a sentence to see the position table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No position vectors: this model adds nothing for the place of a word.
Reordering a sentence only reorders its rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dimension %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> last token of A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learned position table P (row = position)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sinusoidal position table P (row = position)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen dimensions over position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similarity of positions (cosine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cosine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoPE: cosine of the rotation angle (row = position)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dimension pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cos(angle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cos(angle) of chosen pairs over position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similarity of positions after rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean cos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head %1 · slope %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bias added to the score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::RecoverabilityView</name>
    <message>
        <source>Can you still tell the word and the place from the sum alone? With few dimensions, adding mixes them up; with more dimensions random vectors are nearly at right angles and both can be read back almost perfectly, without doubling the width as stacking (concatenation) would.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the recoverability curves…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading word and position back from one vector (random tables: %1 words, %2 positions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>width d of each vector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoded correctly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add: word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add: position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>concatenate (2d): word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>concatenate (2d): position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this model&apos;s own tables (d = %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %1: word %2 %, position %3 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recoverability</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::ResidualView</name>
    <message>
        <source>Every layer adds its result to the vector it received instead of replacing it. So, layer after layer, each token&apos;s vector stays close to its own word, and the nearest word in the table is usually still the word itself: the meaning is not drowned by the position.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a sentence to follow its vectors through the layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean cosine to the token&apos;s own vectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nearest word is the token&apos;s own word (share of tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: to own word E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: to own position P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cosine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: nearest word at each stage (✗ = another word)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cosine to own word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residual</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::TokenStrip</name>
    <message>
        <source>Not in the model&apos;s vocabulary: it reads as [UNK]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pos %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::TrainingView</name>
    <message>
        <source>also train one without positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is not available in this build yet: the trainer has not landed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train a small model on generated sentences to label who does what (施事 / 动作 / 受事 / 其他). With positions, accuracy climbs close to 100 %; the twin without positions stalls, because it cannot tell 猫追老鼠 from 老鼠追猫.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a position scheme and press Train.
Loss and accuracy appear here as the model learns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss (lower is better)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role accuracy on held-out sentences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::VectorsView</name>
    <message>
        <source>Dimensions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2-D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3-D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word table E (edit a value, press Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position table P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding is drawing one arrow after the other: the word arrow E, then the position arrow P, ends at E + P. The sum is a new point, yet both arrows can still be read back from it. Edit the tables to move the arrows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each row is one token: its word vector E, its position vector P and the sum E + P that enters the model. The same word has the same E in both sentences; only P changes with its place. Red is positive, blue negative, on one scale for A and B.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token %1 (pos %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (pos %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pos %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a sentence to see its vectors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E  word vectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P  position vectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E + P  what the model reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, pos %3): the three vectors dimension by dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E + P sum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 + pos %2:  %3 + %4 = %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P pos %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E + P %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vectors</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::View</name>
    <message>
        <source>Could not encode the picture: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown picture format &apos;.%1&apos;: use .png, .jpg, .svg or .pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
