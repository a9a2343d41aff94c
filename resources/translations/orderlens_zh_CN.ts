<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Export</name>
    <message>
        <source>Unknown view &apos;%1&apos; (expected one of %2)</source>
        <translation>未知视图“%1”（应为以下之一：%2）</translation>
    </message>
    <message>
        <source>The folder %1 does not exist</source>
        <translation>文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>The picture size must be between 64 and 16384 pixels on each side (got %1×%2).</source>
        <translation>图片每边尺寸必须在 64 到 16384 像素之间（当前为 %1×%2）。</translation>
    </message>
    <message>
        <source>The scale must be between 0.25 and 8 (got %1).</source>
        <translation>缩放比例必须在 0.25 到 8 之间（当前为 %1）。</translation>
    </message>
    <message>
        <source>Could not encode the picture: %1</source>
        <translation>无法编码图片：%1</translation>
    </message>
    <message>
        <source>Unknown picture format &apos;.%1&apos;: use .png, .jpg, .svg or .pdf</source>
        <translation>未知图片格式“.%1”：请使用 .png、.jpg、.svg 或 .pdf</translation>
    </message>
</context>
<context>
    <name>FontCheck</name>
    <message>
        <source>No installed font can draw %1; those characters would show as boxes. Install a font that covers them (for Chinese: fonts-wqy-microhei).</source>
        <translation>没有已安装的字体能显示 %1，这些字符会显示成方框。请安装包含这些字符的字体（中文可装 fonts-wqy-microhei）。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>A saved .orderlens session to open.</source>
        <translation>要打开的已保存 .orderlens 会话。</translation>
    </message>
    <message>
        <source>Chinese font missing</source>
        <translation>缺少中文字体</translation>
    </message>
    <message>
        <source>Session not opened</source>
        <translation>未能打开会话</translation>
    </message>
    <message>
        <source>light or dark colours instead of the system palette (which the window follows by default).</source>
        <translation>使用浅色（light）或深色（dark）配色，而不是系统调色板（窗口默认跟随系统调色板）。</translation>
    </message>
    <message>
        <source>OrderLens (语序透镜): see how a Transformer adds position to meaning.

Subcommands (orderlens SUBCOMMAND --help for each; they need no display):
  trace     the forward pass of each sentence as JSON
  analyse   the snapshot every view draws (PCA, head roles, residual, ...) as JSON
  export    one view&apos;s picture (PNG, SVG, PDF) or the whole window
  tokenize  ids, pieces and offsets of texts under a HuggingFace tokenizer.json, as JSON
  train     train a built-in model
  eval      role accuracy of a model
  bench     speed figures of this machine

Every subcommand takes --lang en|zh for its messages and pictures (default: the system&apos;s language, whatever the window last used).</source>
        <translation>OrderLens（语序透镜）：看 Transformer 如何把位置加到词义上。

子命令（各自可用 orderlens 子命令 --help 查看；都不需要显示器）：
  trace     每个句子的前向计算，输出 JSON
  analyse   所有视图共用的快照（PCA、头的角色、残差……），输出 JSON
  export    导出一个视图的图片（PNG、SVG、PDF）或整个窗口
  tokenize  用 HuggingFace 的 tokenizer.json 切分文本：编号、词元和位置，输出 JSON
  train     训练一个内置模型
  eval      模型的语义角色准确率
  bench     本机的速度数据

每个子命令都接受 --lang en|zh，决定提示信息和图片的语言（默认跟随系统语言，与窗口上次选的语言无关）。</translation>
    </message>
</context>
<context>
    <name>orderlens::app::Cli</name>
    <message>
        <source>option %1 needs a value</source>
        <translation>选项 %1 需要一个值</translation>
    </message>
    <message>
        <source>option %1 takes no value</source>
        <translation>选项 %1 不接受值</translation>
    </message>
    <message>
        <source>the command line could not be read: %1</source>
        <translation>无法读懂命令行：%1</translation>
    </message>
    <message>
        <source>Language of the messages and pictures: en or zh (default: the system&apos;s).</source>
        <translation>提示信息和图片的语言：en 或 zh（默认跟随系统）。</translation>
    </message>
    <message>
        <source>trace needs at least one SENTENCE, e.g. orderlens trace 猫追老鼠 老鼠追猫</source>
        <translation>trace 至少需要一个句子，例如 orderlens trace 猫追老鼠 老鼠追猫</translation>
    </message>
    <message>
        <source>--pair takes exactly two sentences A and B (one input [CLS] A [SEP] B [SEP])</source>
        <translation>--pair 需要正好两个句子 A 和 B（合成一个输入 [CLS] A [SEP] B [SEP]）</translation>
    </message>
    <message>
        <source>analyse takes SENTENCE and an optional SENTENCE_B, e.g. orderlens analyse 猫追老鼠 老鼠追猫</source>
        <translation>analyse 需要一个句子，可再加一个对比句，例如 orderlens analyse 猫追老鼠 老鼠追猫</translation>
    </message>
    <message>
        <source>could not write to standard output</source>
        <translation>无法写入标准输出</translation>
    </message>
    <message>
        <source>unknown bench group &apos;%1&apos; (groups: %2)</source>
        <translation>没有测速组“%1”（可用的组：%2）</translation>
    </message>
    <message>
        <source>%1, seed %2</source>
        <translation>%1，种子 %2</translation>
    </message>
    <message>
        <source>training %1: step %2 of %3</source>
        <translation>正在训练 %1：第 %2/%3 步</translation>
    </message>
    <message>
        <source>--pca-axes takes auto or two components in order: 1,2, 1,3 or 2,3 (got &apos;%1&apos;)</source>
        <translation>--pca-axes 取 auto 或按顺序的两个主成分：1,2、1,3 或 2,3（收到的是“%1”）</translation>
    </message>
    <message>
        <source>export needs --view V and --out FILE, e.g. orderlens export --view attention --out a.png 猫追老鼠 老鼠追猫</source>
        <translation>导出需要 --view 视图 和 --out 文件，例如 orderlens export --view attention --out a.png 猫追老鼠 老鼠追猫</translation>
    </message>
    <message>
        <source>export takes SENTENCE and an optional SENTENCE_B</source>
        <translation>导出需要一个句子，可再加一个对比句</translation>
    </message>
    <message>
        <source>unknown view &apos;%1&apos; (expected %2)</source>
        <translation>没有视图“%1”（可用的是：%2）</translation>
    </message>
    <message>
        <source>--difference-scale takes a number above 0 and at most 1 (got &apos;%1&apos;)</source>
        <translation>--difference-scale 取大于 0、不超过 1 的数（收到的是“%1”）</translation>
    </message>
    <message>
        <source>--train-steps takes a whole number from 10 to 100000 (got &apos;%1&apos;)</source>
        <translation>--train-steps 取 10 到 100000 之间的整数（收到的是“%1”）</translation>
    </message>
    <message>
        <source>--width and --height take whole numbers, --scale a number</source>
        <translation>--width 和 --height 取整数，--scale 取一个数</translation>
    </message>
    <message>
        <source>--palette takes light or dark (got &apos;%1&apos;)</source>
        <translation>--palette 取 light 或 dark（收到的是“%1”）</translation>
    </message>
    <message>
        <source>cannot tell the format from &apos;%1&apos;: end the file name in .png, .jpg, .svg or .pdf</source>
        <translation>从“%1”看不出文件格式：文件名请以 .png、.jpg、.svg 或 .pdf 结尾</translation>
    </message>
    <message>
        <source>training was stopped</source>
        <translation>训练被中止了</translation>
    </message>
    <message>
        <source>--lang takes en or zh (got &apos;%1&apos;)</source>
        <translation>--lang 取 en 或 zh（收到的是“%1”）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not available in this build yet</source>
        <translation>这个版本还没有“%1”</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos; (orderlens %2 --help lists the options)</source>
        <translation>没有选项“%1”（orderlens %2 --help 会列出所有选项）</translation>
    </message>
    <message>
        <source>Print the trace of each SENTENCE as JSON: {&quot;traces&quot;: [...]}.</source>
        <translation>以 JSON 输出每个 SENTENCE 的计算轨迹：{&quot;traces&quot;: [...]}。</translation>
    </message>
    <message>
        <source>Model: builtin:&lt;scheme&gt;, random:&lt;scheme&gt;, handmade or a PATH.</source>
        <translation>模型：builtin:&lt;scheme&gt;、random:&lt;scheme&gt;、handmade 或一个路径（PATH）。</translation>
    </message>
    <message>
        <source>Treat two sentences as one input [CLS] A [SEP] B [SEP] (BERT models).</source>
        <translation>把两个句子当作一个输入 [CLS] A [SEP] B [SEP]（BERT 模型）。</translation>
    </message>
    <message>
        <source>Skip the head-role ablation (faster for big models).</source>
        <translation>跳过注意力头角色的消融实验（大模型更快）。</translation>
    </message>
    <message>
        <source>One or more sentences.</source>
        <translation>一个或多个句子。</translation>
    </message>
    <message>
        <source>Print the snapshot of SENTENCE (compared with SENTENCE_B when given) as JSON: every number the views draw (PCA points, aligned difference, head roles, term shares, residual stream, position tables, recoverability, colour ranges).</source>
        <translation>以 JSON 输出 SENTENCE 的快照（给出 SENTENCE_B 时与之比较）：各视图画出的每个数（PCA 点、对齐后的差、注意力头角色、各项占比、残差流、位置表、可恢复性、颜色范围）。</translation>
    </message>
    <message>
        <source>The sentence to analyse.</source>
        <translation>要分析的句子。</translation>
    </message>
    <message>
        <source>A second sentence to compare with.</source>
        <translation>用来比较的第二个句子。</translation>
    </message>
    <message>
        <source>Measure OrderLens&apos;s speed on this machine (medians).</source>
        <translation>测量 OrderLens 在本机上的速度（中位数）。</translation>
    </message>
    <message>
        <source>Print the figures as JSON.</source>
        <translation>以 JSON 输出测量结果。</translation>
    </message>
    <message>
        <source>Fewer repetitions (a smoke run).</source>
        <translation>减少重复次数（快速试跑）。</translation>
    </message>
    <message>
        <source>Run only these groups, comma-separated: %1.</source>
        <translation>只运行这些组，用逗号分隔：%1。</translation>
    </message>
    <message>
        <source>Write the picture of one view (or the whole window) for SENTENCE, compared with SENTENCE_B when given.
The format follows the file&apos;s extension: .png, .jpg, .svg or .pdf. Needs no display.</source>
        <translation>为 SENTENCE 写出一个视图（或整个窗口）的图片，给出 SENTENCE_B 时与之比较。
格式由文件扩展名决定：.png、.jpg、.svg 或 .pdf。不需要显示器。</translation>
    </message>
    <message>
        <source>The file to write (written whole or not at all).</source>
        <translation>要写入的文件（要么完整写出，要么不写）。</translation>
    </message>
    <message>
        <source>Width in pixels (default 1600).</source>
        <translation>宽度，单位像素（默认 1600）。</translation>
    </message>
    <message>
        <source>Height in pixels (default 900).</source>
        <translation>高度，单位像素（默认 900）。</translation>
    </message>
    <message>
        <source>Enlarge text and lines: a number, or auto (default): the picture is laid out as at 960x540 and enlarged to the size asked for (x2 at 1920x1080, the slide preset of the window&apos;s export dialog; x1.67 at 1600x900; never below 1).</source>
        <translation>放大文字和线条：一个数，或 auto（默认）：图片按 960x540 排版，再放大到所要的尺寸（1920x1080 时放大 2 倍，与窗口导出对话框的幻灯片预设相同；1600x900 时 1.67 倍；从不小于 1）。</translation>
    </message>
    <message>
        <source>Transparent background (PNG).</source>
        <translation>透明背景（PNG）。</translation>
    </message>
    <message>
        <source>--view attention: the aligned difference&apos;s colour scale, ± this much attention (0 &lt; X &lt;= 1), the same for every model; default: fitted to the pair.</source>
        <translation>--view attention：对齐后差值的颜色刻度，固定为 ± 这么多注意力（0 &lt; X &lt;= 1），所有模型相同；默认按这对句子自动适配。</translation>
    </message>
    <message>
        <source>--view training: train the model&apos;s position scheme (sinusoidal for other models) and its twin without positions for N steps each and draw their curves (default 600).</source>
        <translation>--view training：训练该模型的位置方案（其他模型用正弦编码）和不加位置的对照模型，各训练 N 步，并画出它们的曲线（默认 600）。</translation>
    </message>
    <message>
        <source>Colours of the picture: light (default: for print and light slides) or dark (light text and lines on a dark background, as the window draws with a dark system palette).</source>
        <translation>图片配色：light（默认，适合打印和浅色幻灯片）或 dark（深色背景上的浅色文字和线条，与系统深色调色板下的窗口一致）。</translation>
    </message>
    <message>
        <source>The PCA view&apos;s two components: auto (default: the pair that keeps the points apart, chosen from the data), 1,2, 1,3 or 2,3.</source>
        <translation>PCA 视图的两个主成分：auto（默认：根据数据选出能把点分开的一对）、1,2、1,3 或 2,3。</translation>
    </message>
    <message>
        <source>The sentence to show.</source>
        <translation>要显示的句子。</translation>
    </message>
    <message>
        <source>Train a built-in model (role head + masked-word head) on the generated corpus and save it.
Prints progress on stderr and a report (held-out and reversal-pair role accuracy, time) on stdout.</source>
        <translation>在生成的语料上训练一个内置模型（角色输出头 + 遮词输出头）并保存。
在 stderr 上输出进度，在 stdout 上输出报告（留出集和主客颠倒句对的角色准确率、用时）。</translation>
    </message>
    <message>
        <source>Position scheme: sinusoidal, learned, rope, alibi or none.</source>
        <translation>位置方案：sinusoidal、learned、rope、alibi 或 none。</translation>
    </message>
    <message>
        <source>Seed of the initial weights and the sentence stream (default 1).</source>
        <translation>初始权重和句子流的随机种子（默认 1）。</translation>
    </message>
    <message>
        <source>Optimizer steps of 32 sentences (default 1200).</source>
        <translation>优化步数，每步 32 个句子（默认 1200）。</translation>
    </message>
    <message>
        <source>Threads, 1 or 2 (default 2); the result is the same.</source>
        <translation>线程数，1 或 2（默认 2）；结果相同。</translation>
    </message>
    <message>
        <source>Multiply each word row by X before the position row is added (default: sqrt(d_model) = 8 for sinusoidal, as in the original Transformer; 1 for the other schemes).</source>
        <translation>加上位置行之前，先把每个词行乘以 X（默认：正弦编码为 sqrt(d_model) = 8，与原始 Transformer 相同；其他方案为 1）。</translation>
    </message>
    <message>
        <source>The model file to write (safetensors).</source>
        <translation>要写入的模型文件（safetensors）。</translation>
    </message>
    <message>
        <source>Role accuracy of a model: held-out events, reversal pairs (猫追老鼠 / 老鼠追猫) and the showcase sentences.</source>
        <translation>模型的角色准确率：留出事件、主客颠倒句对（猫追老鼠 / 老鼠追猫）和展示用的句子。</translation>
    </message>
    <message>
        <source>Model: builtin:&lt;scheme&gt;, random:&lt;scheme&gt; or a PATH (default: the default model).</source>
        <translation>模型：builtin:&lt;scheme&gt;、random:&lt;scheme&gt; 或一个路径（PATH）（默认：默认模型）。</translation>
    </message>
    <message>
        <source>tokenize needs --tokenizer PATH (a tokenizer.json or a model folder), e.g. orderlens tokenize --tokenizer tokenizer.json 猫追老鼠</source>
        <translation>tokenize 需要 --tokenizer 路径（一个 tokenizer.json 或模型文件夹），例如 orderlens tokenize --tokenizer tokenizer.json 猫追老鼠</translation>
    </message>
    <message>
        <source>tokenize needs at least one TEXT, e.g. orderlens tokenize --tokenizer tokenizer.json 猫追老鼠</source>
        <translation>tokenize 至少需要一段文本，例如 orderlens tokenize --tokenizer tokenizer.json 猫追老鼠</translation>
    </message>
    <message>
        <source>--pair is for BERT models; a decoder reads each sentence on its own</source>
        <translation>--pair 只用于 BERT 模型；解码器逐句单独读取</translation>
    </message>
    <message>
        <source>Switch heads off: L0H1,L1H2 (counted from 0; L1 is a whole layer), positional or content (the model&apos;s head kinds over the corpus).</source>
        <translation>关掉注意力头：L0H1,L1H2（从 0 数起；L1 表示整层），或 positional、content（按语料得出的该模型的头类型）。</translation>
    </message>
    <message>
        <source>How a head is switched off: zero (its output is 0), mean (its mean output over the corpus) or uniform (it attends evenly). Default: zero.</source>
        <translation>关掉头的方式：zero（输出为 0）、mean（换成它在语料上的平均输出）或 uniform（平均地关注每个词元）。默认：zero。</translation>
    </message>
    <message>
        <source>Sentences, one a line, for mean ablation and head kinds (default: the built-in showcase and held-out sentences).</source>
        <translation>用于均值消融和判断头类型的句子，每行一句（默认：内置的展示句和留出句）。</translation>
    </message>
    <message>
        <source>The head census: where each head&apos;s attention goes over a corpus (first token, special tokens, punctuation, itself, the previous and next token, entropy; raw and value-norm weighted) and a 2-D map of the heads by the Jensen-Shannon distance of their attention. Writes JSON or CSV.</source>
        <translation>注意力头普查：在一个语料上统计每个头的注意力落在哪里（第一个词元、特殊词元、标点、自身、前一个和后一个词元、熵；原始权重和按值向量范数加权的权重），并按注意力的 Jensen-Shannon 距离把各头画在一张二维图上。写出 JSON 或 CSV。</translation>
    </message>
    <message>
        <source>Model: builtin:&lt;scheme&gt;, random:&lt;scheme&gt; or a PATH (a BERT or decoder folder).</source>
        <translation>模型：builtin:&lt;scheme&gt;、random:&lt;scheme&gt; 或一个路径（PATH，BERT 或解码器文件夹）。</translation>
    </message>
    <message>
        <source>Sentences, one a line (default: the built-in showcase and 200 held-out sentences).</source>
        <translation>句子，每行一句（默认：内置的展示句和 200 个留出句）。</translation>
    </message>
    <message>
        <source>The file to write: .json or .csv.</source>
        <translation>要写入的文件：.json 或 .csv。</translation>
    </message>
    <message>
        <source>The surgery experiment: reversal accuracy with no head off, each head off alone, every positional head off and as many random content heads off (for --model, or every built-in model).</source>
        <translation>头部手术实验：不关头、每次单独关一个头、关掉所有位置头、改关同样多个随机内容头时的主客颠倒准确率（针对 --model，未给出时针对每个内置模型）。</translation>
    </message>
    <message>
        <source>Random draws of content heads in --surgery (default 5).</source>
        <translation>--surgery 中随机抽取内容头的次数（默认 5）。</translation>
    </message>
    <message>
        <source>Merge the pieces of each word (老 鼠 → 老鼠: your spaces, else the built-in lexicon; WordPiece&apos;s ## pieces) into word-level attention: summed over a word&apos;s key pieces, averaged over its query pieces. Encoders only.</source>
        <translation>把每个词的各个片段合并（老 鼠 → 老鼠：按你输入的空格，否则按内置词表；以及 WordPiece 的 ## 片段），得到词级注意力：对一个词的各个键片段求和，对它的各个查询片段取平均。仅用于编码器。</translation>
    </message>
    <message>
        <source>--words is for encoders (the built-in models and BERT): a decoder&apos;s byte-level pieces do not line up with characters</source>
        <translation>--words 只用于编码器（内置模型和 BERT）：解码器的字节级片段和字符对不上</translation>
    </message>
    <message>
        <source>vectors, position, pca, attention, decomposition, residual, recoverability, training, heads or window.</source>
        <translation>视图名：vectors、position、pca、attention、decomposition、residual、recoverability、training、heads 或 window。</translation>
    </message>
    <message>
        <source>Decoders with BF16 weights multiply in BF16: faster where the CPU has BF16 instructions, inexact (each product&apos;s inputs rounded to BF16, as PyTorch&apos;s bfloat16 does; the output says &quot;arithmetic&quot;: &quot;bf16-products&quot;). Default: exact float32.</source>
        <translation>BF16 权重的解码器用 BF16 做乘积：在有 BF16 指令的 CPU 上更快，但不精确（每个乘积的输入舍入为 BF16，与 PyTorch 的 bfloat16 相同；输出中写明 &quot;arithmetic&quot;: &quot;bf16-products&quot;）。默认：精确的 float32。</translation>
    </message>
</context>
<context>
    <name>orderlens::app::ExportDialog</name>
    <message>
        <source>Picture size</source>
        <translation>图片尺寸</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Transparent background (PNG)</source>
        <translation>透明背景（PNG）</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>高度：</translation>
    </message>
    <message>
        <source>Text and line scale:</source>
        <translation>文字和线条缩放：</translation>
    </message>
    <message>
        <source>PNG picture</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Slide 1920×1080, text ×2</source>
        <translation>幻灯片 1920×1080，文字 ×2</translation>
    </message>
    <message>
        <source>Slide 1920×1080, text ×1.5</source>
        <translation>幻灯片 1920×1080，文字 ×1.5</translation>
    </message>
    <message>
        <source>4K 3840×2160, text ×3</source>
        <translation>4K 3840×2160，文字 ×3</translation>
    </message>
    <message>
        <source>Handout 1600×900</source>
        <translation>讲义 1600×900</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
</context>
<context>
    <name>orderlens::app::MainWindow</name>
    <message>
        <source>OrderLens 语序透镜</source>
        <translation>OrderLens 语序透镜</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B：%1</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>Sentence A, e.g. 猫追老鼠</source>
        <translation>句子 A，例如 猫追老鼠</translation>
    </message>
    <message>
        <source>Sentence B, e.g. 老鼠追猫</source>
        <translation>句子 B，例如 老鼠追猫</translation>
    </message>
    <message>
        <source>Sentence &amp;A</source>
        <translation>句子 A(&amp;A)</translation>
    </message>
    <message>
        <source>Sentence &amp;B</source>
        <translation>句子 B(&amp;B)</translation>
    </message>
    <message>
        <source>⇅ Swap</source>
        <translation>⇅ 交换</translation>
    </message>
    <message>
        <source>Swap sentences A and B (Ctrl+Shift+X)</source>
        <translation>交换句子 A 和 B（Ctrl+Shift+X）</translation>
    </message>
    <message>
        <source>&amp;Compare A with B</source>
        <translation>对比 A 和 B(&amp;C)</translation>
    </message>
    <message>
        <source>builtin: trained and shipped · random: untrained (before training) · handmade: the 2-D / 3-D classroom example</source>
        <translation>builtin：内置，已训练 · random：随机（未训练） · handmade：手工的二维 / 三维课堂示例</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>这张图在讲什么？</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>OrderLens sessions (*.orderlens);;All files (*)</source>
        <translation>OrderLens 会话 (*.orderlens);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Session not opened</source>
        <translation>未能打开会话</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>session.orderlens</source>
        <translation>session.orderlens</translation>
    </message>
    <message>
        <source>OrderLens sessions (*.orderlens)</source>
        <translation>OrderLens 会话 (*.orderlens)</translation>
    </message>
    <message>
        <source>Session not saved</source>
        <translation>未能保存会话</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Sentences</source>
        <translation>句子(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;wap A and B</source>
        <translation>交换 A 和 B(&amp;W)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Back to 猫追老鼠 / 老鼠追猫</source>
        <translation>恢复为 猫追老鼠 / 老鼠追猫</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>A: %1  ·  B: %2</source>
        <translation>A：%1  ·  B：%2</translation>
    </message>
    <message>
        <source>  ·  model %1</source>
        <translation>  ·  模型 %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>PNG picture (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Picture not saved</source>
        <translation>未能保存图片</translation>
    </message>
    <message>
        <source>&amp;Export picture of this view…</source>
        <translation>导出当前视图的图片(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Copy picture of this view</source>
        <translation>复制当前视图的图片(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Picture copied (%1×%2)</source>
        <translation>图片已复制（%1×%2）</translation>
    </message>
    <message>
        <source>Export the &amp;whole window…</source>
        <translation>导出整个窗口(&amp;W)…</translation>
    </message>
    <message>
        <source>Export &amp;all views into a folder…</source>
        <translation>将所有视图导出到文件夹(&amp;A)…</translation>
    </message>
    <message>
        <source>Export all views into</source>
        <translation>将所有视图导出到</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n picture(s) in %1</source>
        <translation>
            <numerusform>已保存 %n 张图片到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Pictures not saved</source>
        <translation>未能保存图片</translation>
    </message>
    <message numerus="yes">
        <source>%1

%n picture(s) were saved before the problem.</source>
        <translation>
            <numerusform>%1

出错前已保存 %n 张图片。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>Lesson not opened</source>
        <translation>未能打开课程</translation>
    </message>
    <message>
        <source>&amp;Open a lesson file…</source>
        <translation>打开课程文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Lessons (*.json);;All files (*)</source>
        <translation>课程 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Previous step</source>
        <translation>上一步(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>S&amp;top the lesson</source>
        <translation>结束课程(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>%1 — step %2 of %3: %4</source>
        <translation>%1 — 第 %2/%3 步：%4</translation>
    </message>
    <message>
        <source>← previous step · → next step</source>
        <translation>← 上一步 · → 下一步</translation>
    </message>
    <message>
        <source>Open a HuggingFace model &amp;folder…</source>
        <translation>打开 HuggingFace 模型文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open a model &amp;file…</source>
        <translation>打开模型文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Open a model file</source>
        <translation>打开模型文件</translation>
    </message>
    <message>
        <source>OrderLens models (*.safetensors);;All files (*)</source>
        <translation>OrderLens 模型 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This picture is of the last sentence that could be read.
%1</source>
        <translation>这张图还是上一个能读懂的句子。
%1</translation>
    </message>
    <message>
        <source>&amp;Token strips</source>
        <translation>词元条(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Start the built-in lesson</source>
        <translation>开始内置课程(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Start the lesson “%1”</source>
        <translation>开始课程“%1”(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Explanation panel</source>
        <translation>说明面板(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>放大文字(&amp;L)</translation>
    </message>
    <message>
        <source>S&amp;maller text</source>
        <translation>缩小文字(&amp;M)</translation>
    </message>
    <message>
        <source>N&amp;ormal text size</source>
        <translation>正常文字大小(&amp;O)</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>← / PageUp previous step · → / PageDown next step · Esc leaves</source>
        <translation>← / PageUp 上一步 · → / PageDown 下一步 · Esc 退出</translation>
    </message>
    <message>
        <source>Open a model folder (config.json, tokenizer files, model.safetensors)</source>
        <translation>打开模型文件夹（config.json、分词器文件、model.safetensors）</translation>
    </message>
    <message>
        <source>Start the lesson “%1” (open a decoder folder first)</source>
        <translation>开始课程“%1”（先打开一个解码器文件夹）</translation>
    </message>
    <message>
        <source>This lesson plays on a decoder: open a GPT-2, LLaMA or Qwen folder first (Model → Open a HuggingFace model folder…).</source>
        <translation>这门课要在解码器上进行：请先打开一个 GPT-2、LLaMA 或 Qwen 文件夹（模型 → 打开 HuggingFace 模型文件夹…）。</translation>
    </message>
    <message>
        <source>  ·  heads off (%1): %2</source>
        <translation>  ·  关掉的头（%1）：%2</translation>
    </message>
    <message>
        <source>output zeroed</source>
        <translation>输出置零</translation>
    </message>
    <message>
        <source>mean output</source>
        <translation>换成平均输出</translation>
    </message>
    <message>
        <source>uniform attention</source>
        <translation>平均注意力</translation>
    </message>
    <message>
        <source>&amp;Heads</source>
        <translation>注意力头(&amp;H)</translation>
    </message>
    <message>
        <source>Switch the enlarged head off / on</source>
        <translation>关掉 / 打开放大的那个头</translation>
    </message>
    <message>
        <source>Switch off every &amp;positional head</source>
        <translation>关掉所有位置头(&amp;P)</translation>
    </message>
    <message>
        <source>Switch off every &amp;content head</source>
        <translation>关掉所有内容头(&amp;C)</translation>
    </message>
    <message>
        <source>Switch off the enlarged head&apos;s whole &amp;layer</source>
        <translation>关掉放大的头所在的整层(&amp;L)</translation>
    </message>
    <message>
        <source>Switch every head &amp;back on</source>
        <translation>把所有头重新打开(&amp;B)</translation>
    </message>
    <message>
        <source>Off means: output &amp;zero</source>
        <translation>关掉 = 输出置零(&amp;Z)</translation>
    </message>
    <message>
        <source>Off means: its &amp;mean output over the corpus</source>
        <translation>关掉 = 换成它在语料上的平均输出(&amp;M)</translation>
    </message>
    <message>
        <source>Off means: &amp;uniform attention</source>
        <translation>关掉 = 平均地关注每个词元(&amp;U)</translation>
    </message>
    <message>
        <source>layer %1 head %2</source>
        <translation>第 %1 层头 %2</translation>
    </message>
    <message>
        <source>Corpus for the head census</source>
        <translation>注意力头普查用的语料</translation>
    </message>
    <message>
        <source>Text files, one sentence a line (*.txt);;All files (*)</source>
        <translation>文本文件，每行一句 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Fast &amp;BF16 products (inexact)</source>
        <translation>快速 &amp;BF16 乘积（不精确）</translation>
    </message>
    <message>
        <source>Decoders with BF16 weights multiply in BF16, as PyTorch&apos;s bfloat16 does: faster, but every number differs slightly from the exact float32 one.</source>
        <translation>BF16 权重的解码器用 BF16 做乘积，与 PyTorch 的 bfloat16 相同：更快，但每个数都与精确的 float32 结果略有不同。</translation>
    </message>
    <message>
        <source>Decoders now multiply in BF16 (fast, inexact)</source>
        <translation>解码器现在用 BF16 做乘积（快速，不精确）</translation>
    </message>
    <message>
        <source>Decoders now compute exactly in float32</source>
        <translation>解码器现在以 float32 精确计算</translation>
    </message>
    <message>
        <source>  ·  BF16 products (inexact)</source>
        <translation>  ·  BF16 乘积（不精确）</translation>
    </message>
    <message>
        <source>This CPU has no BF16 kernels: decoders stay exact</source>
        <translation>这台 CPU 没有 BF16 内核：解码器保持精确计算</translation>
    </message>
</context>
<context>
    <name>orderlens::app::ModelNames</name>
    <message>
        <source>Sinusoidal positions</source>
        <translation>正弦位置编码</translation>
    </message>
    <message>
        <source>Learned positions</source>
        <translation>学习得到的位置向量</translation>
    </message>
    <message>
        <source>RoPE (rotated queries and keys)</source>
        <translation>RoPE（旋转查询和键）</translation>
    </message>
    <message>
        <source>ALiBi (distance penalty)</source>
        <translation>ALiBi（按距离扣分）</translation>
    </message>
    <message>
        <source>No positions</source>
        <translation>不加位置信息</translation>
    </message>
    <message>
        <source>%1 · trained</source>
        <translation>%1 · 已训练</translation>
    </message>
    <message>
        <source>%1 · untrained</source>
        <translation>%1 · 未训练</translation>
    </message>
    <message>
        <source>Trained in this window</source>
        <translation>在本窗口中训练</translation>
    </message>
    <message>
        <source>%1 · trained here, seed %2</source>
        <translation>%1 · 在此训练，种子 %2</translation>
    </message>
    <message>
        <source>Hand-made example (2-D / 3-D)</source>
        <translation>手工小例子（二维 / 三维）</translation>
    </message>
</context>
<context>
    <name>orderlens::app::Session</name>
    <message>
        <source>session field &quot;selection&quot; must be an object</source>
        <translation>会话字段“selection”必须是一个对象</translation>
    </message>
    <message>
        <source>selection field &quot;%1&quot; must be a whole number from %2 to %3</source>
        <translation>选择字段“%1”必须是 %2 到 %3 之间的整数</translation>
    </message>
    <message>
        <source>selection field &quot;single_head&quot; must be true or false</source>
        <translation>选择字段“single_head”必须是 true 或 false</translation>
    </message>
    <message>
        <source>not a session file: the JSON is broken at byte %1 (%2)</source>
        <translation>不是会话文件：JSON 在第 %1 字节处损坏（%2）</translation>
    </message>
    <message>
        <source>not a session file: expected a JSON object</source>
        <translation>不是会话文件：应为一个 JSON 对象</translation>
    </message>
    <message>
        <source>not an OrderLens session: &quot;format&quot; must be &quot;%1&quot;</source>
        <translation>不是 OrderLens 会话：“format”必须是“%1”</translation>
    </message>
    <message>
        <source>unsupported session version %1 (this OrderLens reads version %2)</source>
        <translation>不支持的会话版本 %1（本版 OrderLens 读取版本 %2）</translation>
    </message>
    <message>
        <source>session field &quot;%1&quot; is missing or not text</source>
        <translation>会话字段“%1”缺失或不是文本</translation>
    </message>
    <message>
        <source>session field &quot;compare&quot; is missing or not true/false</source>
        <translation>会话字段“compare”缺失或不是 true/false</translation>
    </message>
    <message>
        <source>session field &quot;handmade.dimension&quot; must be 2 or 3</source>
        <translation>会话字段“handmade.dimension”必须是 2 或 3</translation>
    </message>
    <message>
        <source>hand-made row for &quot;%1&quot; must be 2 or 3 numbers</source>
        <translation>“%1”的手工向量必须是 2 或 3 个数</translation>
    </message>
    <message>
        <source>hand-made position &quot;%1&quot; must be an index with 2 or 3 numbers</source>
        <translation>手工位置“%1”必须是一个序号，配 2 或 3 个数</translation>
    </message>
    <message>
        <source>%1 was not opened: %2</source>
        <translation>%1 未打开：%2</translation>
    </message>
    <message>
        <source>selection field &quot;difference_scale&quot; must be a number from 0 (fitted to the pair) to 1</source>
        <translation>选择字段“difference_scale”必须是 0（按这一对句子自动定色标）到 1 之间的数</translation>
    </message>
    <message>
        <source>selection field &quot;pca_axes&quot; must be &quot;auto&quot; or two components in order: [1, 2], [1, 3] or [2, 3]</source>
        <translation>选择字段“pca_axes”必须是“auto”或按顺序的两个主成分：[1, 2]、[1, 3] 或 [2, 3]</translation>
    </message>
    <message>
        <source>selection field &quot;surgery&quot; must be {&quot;method&quot;: &quot;zero&quot;, &quot;mean&quot; or &quot;uniform&quot;, &quot;heads&quot;: [&quot;L0H1&quot;, ...]}</source>
        <translation>选择字段 &quot;surgery&quot; 必须是 {&quot;method&quot;: &quot;zero&quot;、&quot;mean&quot; 或 &quot;uniform&quot;, &quot;heads&quot;: [&quot;L0H1&quot;, ...]}</translation>
    </message>
    <message>
        <source>selection field &quot;merge_words&quot; must be true or false</source>
        <translation>选择字段“merge_words”必须是 true 或 false</translation>
    </message>
</context>
<context>
    <name>orderlens::app::SessionModel</name>
    <message>
        <source>Model %1 could not be loaded: %2</source>
        <translation>无法加载模型 %1：%2</translation>
    </message>
</context>
<context>
    <name>orderlens::app::TrainingController</name>
    <message>
        <source>%1, seed %2</source>
        <translation>%1，随机种子 %2</translation>
    </message>
    <message>
        <source>step %1 of %2 · loss %3 · accuracy %4 %</source>
        <translation>第 %1/%2 步 · 损失 %3 · 准确率 %4 %</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Done. &quot;Use this model&quot; shows the run with positions in every view.</source>
        <translation>完成。点击“使用此模型”，各视图将显示这个带位置的模型。</translation>
    </message>
</context>
<context>
    <name>orderlens::core</name>
    <message>
        <source>not valid JSON (%1)</source>
        <translation>不是有效的 JSON（%1）</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>应为一个 JSON 对象</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2, expected at least %3</source>
        <translation>字段 &quot;%1&quot; 的值为 %2，但至少应为 %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string</source>
        <translation>字段 &quot;%1&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false</source>
        <translation>字段 &quot;%1&quot; 必须是 true 或 false</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string or an object with &quot;content&quot;</source>
        <translation>字段 &quot;%1&quot; 必须是字符串，或带有 &quot;content&quot; 的对象</translation>
    </message>
    <message>
        <source>model_type &apos;%1&apos; is not supported: OrderLens opens BERT checkpoints (model_type &quot;bert&quot;)</source>
        <translation>不支持 model_type “%1”：OrderLens 只能打开 BERT 检查点（model_type &quot;bert&quot;）</translation>
    </message>
    <message>
        <source>no &quot;model_type&quot;: OrderLens opens BERT checkpoints (model_type &quot;bert&quot;)</source>
        <translation>缺少 &quot;model_type&quot;：OrderLens 只能打开 BERT 检查点（model_type &quot;bert&quot;）</translation>
    </message>
    <message>
        <source>hidden_act &apos;%1&apos; is not supported: OrderLens runs &quot;gelu&quot; (exact erf) and &quot;relu&quot;</source>
        <translation>不支持 hidden_act “%1”：OrderLens 只支持 &quot;gelu&quot;（精确的 erf 形式）和 &quot;relu&quot;</translation>
    </message>
    <message>
        <source>position_embedding_type &apos;%1&apos; is not supported: OrderLens runs absolute (learned) positions</source>
        <translation>不支持 position_embedding_type “%1”：OrderLens 只支持绝对位置（训练中学到的位置向量）</translation>
    </message>
    <message>
        <source>&quot;is_decoder&quot; is true: OrderLens runs BERT as an encoder (attention to every token)</source>
        <translation>&quot;is_decoder&quot; 为 true：OrderLens 把 BERT 当作编码器运行（每个词元都能关注所有词元）</translation>
    </message>
    <message>
        <source>the vocabulary is empty</source>
        <translation>词表是空的</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; (or &apos;%2&apos;) is missing: not a BERT checkpoint, or an incomplete one</source>
        <translation>缺少张量“%1”（或“%2”）：这不是 BERT 检查点，或者检查点不完整</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a folder</source>
        <translation>“%1”不是文件夹</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no config.json: not a HuggingFace model folder</source>
        <translation>“%1”中没有 config.json：这不是 HuggingFace 模型文件夹</translation>
    </message>
    <message>
        <source>&apos;%1&apos; holds a checkpoint split into several safetensors files; OrderLens reads one model.safetensors</source>
        <translation>“%1”中的检查点被拆成了多个 safetensors 文件；OrderLens 只读取单个 model.safetensors</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has only pytorch_model.bin (a PyTorch pickle, which OrderLens does not read). Convert it once to model.safetensors with Python and transformers: %2</source>
        <translation>“%1”中只有 pytorch_model.bin（PyTorch 的 pickle 格式，OrderLens 不读取）。请用 Python 和 transformers 把它转换成 model.safetensors，转换一次即可：%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no model.safetensors</source>
        <translation>“%1”中没有 model.safetensors</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no vocab.txt: the BERT tokenizer needs its word-piece vocabulary</source>
        <translation>“%1”中没有 vocab.txt：BERT 分词器需要这份子词词表</translation>
    </message>
    <message>
        <source>lists %1 word pieces, but config.json&apos;s vocab_size is %2</source>
        <translation>列出了 %1 个子词，但 config.json 中的 vocab_size 是 %2</translation>
    </message>
    <message>
        <source>has no &apos;%1&apos; line, which BERT inputs need</source>
        <translation>缺少“%1”这一行，而 BERT 的输入需要它</translation>
    </message>
    <message>
        <source>only a BERT-shaped model (learned positions, post-LN, embedding LayerNorm, no role head) can be written as a HuggingFace BERT folder</source>
        <translation>只有 BERT 结构的模型（学到的位置向量、后置 LN、嵌入层 LayerNorm、没有角色头）才能保存为 HuggingFace BERT 文件夹</translation>
    </message>
    <message>
        <source>a HuggingFace BERT folder adds the word rows as stored, but this model multiplies them by embedding_scale %1 first</source>
        <translation>HuggingFace BERT 文件夹直接相加存储的词向量行，而这个模型会先把它们乘以 embedding_scale %1</translation>
    </message>
    <message>
        <source>the model&apos;s vocabulary has no &apos;%1&apos;, which a BERT folder&apos;s vocab.txt needs</source>
        <translation>模型的词表中没有“%1”，而 BERT 文件夹的 vocab.txt 需要它</translation>
    </message>
    <message>
        <source>cannot create the folder &apos;%1&apos;: %2</source>
        <translation>无法创建文件夹“%1”：%2</translation>
    </message>
    <message>
        <source>the Unicode normalization data (ICU) is not available</source>
        <translation>找不到 Unicode 规范化数据（ICU）</translation>
    </message>
    <message>
        <source>the text could not be Unicode-normalized</source>
        <translation>无法对这段文字做 Unicode 规范化</translation>
    </message>
    <message>
        <source>the vocabulary has no &apos;%1&apos; token, which BERT inputs need</source>
        <translation>词表中没有词元“%1”，而 BERT 的输入需要它</translation>
    </message>
    <message>
        <source>the second sentence of the pair is empty</source>
        <translation>句对中的第二个句子是空的</translation>
    </message>
    <message>
        <source>invalid model configuration: %1</source>
        <translation>模型配置无效：%1</translation>
    </message>
    <message>
        <source>%1 must be in %2 (got %3)</source>
        <translation>%1 必须在 %2 之间（实际为 %3）</translation>
    </message>
    <message>
        <source>%1 must be positive (got %2)</source>
        <translation>%1 必须是正数（实际为 %2）</translation>
    </message>
    <message>
        <source>d_model (%1) must be divisible by n_heads (%2)</source>
        <translation>d_model（%1）必须能被 n_heads（%2）整除</translation>
    </message>
    <message>
        <source>RoPE needs an even head dimension</source>
        <translation>RoPE 要求每个头的维度是偶数</translation>
    </message>
    <message>
        <source>unknown position scheme &apos;%1&apos; (expected sinusoidal, learned, rope, alibi or none)</source>
        <translation>未知的位置编码方案“%1”（应为 sinusoidal、learned、rope、alibi 或 none）</translation>
    </message>
    <message>
        <source>unknown norm placement &apos;%1&apos; (expected pre or post)</source>
        <translation>未知的归一化位置“%1”（应为 pre 或 post）</translation>
    </message>
    <message>
        <source>unknown activation &apos;%1&apos; (expected gelu or relu)</source>
        <translation>未知的激活函数“%1”（应为 gelu 或 relu）</translation>
    </message>
    <message>
        <source>the vocabulary lacks &apos;%1&apos;, which the showcase sentences need</source>
        <translation>词表中缺少“%1”，而示例句子需要它</translation>
    </message>
    <message>
        <source>training supports the built-in encoder family only (no token types, no embedding LayerNorm)</source>
        <translation>只能训练内置的这一类编码器（没有词元类型，没有嵌入层 LayerNorm）</translation>
    </message>
    <message>
        <source>training needs at least one encoder layer</source>
        <translation>训练至少需要一个编码器层</translation>
    </message>
    <message>
        <source>training needs a role head (n_roles &gt; 0)</source>
        <translation>训练需要角色头（n_roles &gt; 0）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; has no vocabulary</source>
        <translation>模型“%1”没有词表</translation>
    </message>
    <message>
        <source>model &apos;%1&apos;: the vocabulary has %2 words but the word table has %3 rows</source>
        <translation>模型“%1”：词表有 %2 个词，但词向量表有 %3 行</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; is corrupted or incomplete: tensor &apos;%2&apos; has shape %3, expected %4</source>
        <translation>模型“%1”已损坏或不完整：张量“%2”的形状是 %3，应为 %4</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; is corrupted: tensor &apos;%2&apos; holds NaN or infinite values</source>
        <translation>模型“%1”已损坏：张量“%2”中有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>this model reads one sentence at a time; a sentence pair ([CLS] A [SEP] B [SEP]) needs a BERT model folder</source>
        <translation>这个模型一次只读一个句子；要读句对（[CLS] A [SEP] B [SEP]），需要 BERT 模型文件夹</translation>
    </message>
    <message>
        <source>the sentence has %1 tokens, but model %2 handles at most %3 positions</source>
        <translation>句子有 %1 个词元，但模型 %2 最多只能处理 %3 个位置</translation>
    </message>
    <message>
        <source>token id %1 is outside the vocabulary of %2</source>
        <translation>词元编号 %1 超出了 %2 的词表范围</translation>
    </message>
    <message>
        <source>position %1 is beyond what model %2 handles (at most %3 positions)</source>
        <translation>位置 %1 超出了模型 %2 能处理的范围（最多 %3 个位置）</translation>
    </message>
    <message>
        <source>token type %1 is not known to model %2</source>
        <translation>模型 %2 不认识词元类型 %1</translation>
    </message>
    <message>
        <source>%1: not an OrderLens model file (no &apos;%2&apos; in the safetensors metadata); a HuggingFace folder is opened by its folder path</source>
        <translation>%1：不是 OrderLens 模型文件（safetensors 元数据中没有“%2”）；HuggingFace 模型要按文件夹路径打开</translation>
    </message>
    <message>
        <source>%1: the model&apos;s metadata is not valid: %2</source>
        <translation>%1：模型的元数据无效：%2</translation>
    </message>
    <message>
        <source>%1 is corrupted or incomplete: tensor &apos;%2&apos; is missing</source>
        <translation>%1 已损坏或不完整：缺少张量“%2”</translation>
    </message>
    <message>
        <source>needs at least 2 points, got %1</source>
        <translation>至少需要 2 个点，实际只有 %1 个</translation>
    </message>
    <message>
        <source>the points have no coordinates (width 0)</source>
        <translation>这些点没有坐标（宽度为 0）</translation>
    </message>
    <message>
        <source>cannot take %1 components of %2 points in %3 dimensions (need 1 &lt;= k &lt;= %4)</source>
        <translation>无法从 %3 维空间中的 %2 个点取出 %1 个主成分（需要 1 &lt;= k &lt;= %4）</translation>
    </message>
    <message>
        <source>PCA: the points contain NaN or infinite values</source>
        <translation>PCA：这些点中有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>exact PCA: %1</source>
        <translation>精确 PCA：%1</translation>
    </message>
    <message>
        <source>randomized PCA: %1</source>
        <translation>随机化 PCA：%1</translation>
    </message>
    <message>
        <source>randomized PCA: oversampling (%1) and power iterations (%2) must not be negative</source>
        <translation>随机化 PCA：过采样数（%1）和幂迭代次数（%2）不能为负</translation>
    </message>
    <message>
        <source>PCA projection: the points have %1 coordinates but the components were computed in %2</source>
        <translation>PCA 投影：这些点有 %1 个坐标，但主成分是在 %2 维中算出来的</translation>
    </message>
    <message>
        <source>subspace angle: needs two (k, d) bases of the same shape with 1 &lt;= k &lt;= d, got (%1, %2) and (%3, %4)</source>
        <translation>子空间夹角：需要两组形状相同的 (k, d) 基，且 1 &lt;= k &lt;= d，实际为 (%1, %2) 和 (%3, %4)</translation>
    </message>
    <message>
        <source>bench: the number of repeats must be at least 1, got %1</source>
        <translation>bench：重复次数至少为 1，实际为 %1</translation>
    </message>
    <message>
        <source>the word table (%1 rows) and the position table (%2 rows) must not be empty</source>
        <translation>词向量表（%1 行）和位置向量表（%2 行）都不能为空</translation>
    </message>
    <message>
        <source>word vectors have width %1 but position vectors have width %2</source>
        <translation>词向量的宽度是 %1，但位置向量的宽度是 %2</translation>
    </message>
    <message>
        <source>the number of queries must be at least 1, got %1</source>
        <translation>查询次数至少为 1，实际为 %1</translation>
    </message>
    <message>
        <source>decoding added vectors: %1</source>
        <translation>解码相加后的向量：%1</translation>
    </message>
    <message>
        <source>decoding concatenated vectors: %1</source>
        <translation>解码拼接后的向量：%1</translation>
    </message>
    <message>
        <source>recoverability curve: needs at least one word and one position, got vocabulary %1 and length %2</source>
        <translation>可恢复性曲线：至少需要一个词和一个位置，实际词表大小为 %1，长度为 %2</translation>
    </message>
    <message>
        <source>recoverability curve: every width must be at least 1, got %1</source>
        <translation>可恢复性曲线：每个宽度都至少为 1，实际有一个是 %1</translation>
    </message>
    <message>
        <source>model %1 has no role head, so it labels no roles (use a builtin: or trained model)</source>
        <translation>模型 %1 没有角色头，不会标注语义角色（请使用 builtin: 模型或训练过的模型）</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; is not a JSON object with &quot;dtype&quot;, &quot;shape&quot; and &quot;data_offsets&quot;</source>
        <translation>张量“%1”不是含有 &quot;dtype&quot;、&quot;shape&quot; 和 &quot;data_offsets&quot; 的 JSON 对象</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; has no &quot;%2&quot;</source>
        <translation>张量“%1”缺少 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos;: &quot;dtype&quot; must be a string such as &quot;F32&quot;</source>
        <translation>张量“%1”：&quot;dtype&quot; 必须是字符串，例如 &quot;F32&quot;</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; has unknown dtype &apos;%2&apos;; supported dtypes are %3</source>
        <translation>张量“%1”的数据类型“%2”未知；支持的数据类型有 %3</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos;: &quot;shape&quot; must be an array of non-negative integers</source>
        <translation>张量“%1”：&quot;shape&quot; 必须是由非负整数组成的数组</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos;: &quot;shape&quot; must be an array of non-negative integers, got &apos;%2&apos;</source>
        <translation>张量“%1”：&quot;shape&quot; 必须是由非负整数组成的数组，实际为“%2”</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; has a negative dimension %2 in its shape</source>
        <translation>张量“%1”的形状中有负的维度 %2</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; has shape [%2] whose element count overflows</source>
        <translation>张量“%1”的形状 [%2] 元素个数溢出</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos;: &quot;data_offsets&quot; must be two non-negative integers [begin, end]</source>
        <translation>张量“%1”：&quot;data_offsets&quot; 必须是两个非负整数 [begin, end]</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; has data_offsets %2 whose end is before its begin</source>
        <translation>张量“%1”的 data_offsets %2 终点在起点之前</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; has data_offsets %2 holding %3 bytes, but shape %4 of %5 needs %6 bytes</source>
        <translation>张量“%1”的 data_offsets %2 包含 %3 字节，但形状为 %4 的 %5 数据需要 %6 字节</translation>
    </message>
    <message>
        <source>&quot;__metadata__&quot; must be a JSON object mapping strings to strings</source>
        <translation>&quot;__metadata__&quot; 必须是把字符串映射到字符串的 JSON 对象</translation>
    </message>
    <message>
        <source>&quot;__metadata__&quot; entry &apos;%1&apos; is not a string (metadata maps strings to strings)</source>
        <translation>&quot;__metadata__&quot; 的条目“%1”不是字符串（元数据把字符串映射到字符串）</translation>
    </message>
    <message>
        <source>tensors &apos;%1&apos; %2 and &apos;%3&apos; %4 overlap in the data buffer</source>
        <translation>张量“%1” %2 和张量“%3” %4 在数据区中重叠</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>file is shorter than 8 bytes (%1 bytes): not a safetensors file</source>
        <translation>文件不足 8 字节（只有 %1 字节）：不是 safetensors 文件</translation>
    </message>
    <message>
        <source>header length %1 is above the 100 MB limit: not a safetensors file, or corrupted</source>
        <translation>文件头长度 %1 超过了 100 MB 的上限：不是 safetensors 文件，或者文件已损坏</translation>
    </message>
    <message>
        <source>header length %1 exceeds the file (%2 bytes follow the length): the file is truncated or not a safetensors file</source>
        <translation>文件头长度 %1 超出了文件大小（长度字段之后只有 %2 字节）：文件被截断了，或者不是 safetensors 文件</translation>
    </message>
    <message>
        <source>header is not valid JSON (%1)</source>
        <translation>文件头不是有效的 JSON（%1）</translation>
    </message>
    <message>
        <source>header is not a JSON object</source>
        <translation>文件头不是 JSON 对象</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; has data_offsets %2 outside the data buffer of %3 bytes: the file is truncated or corrupted</source>
        <translation>张量“%1”的 data_offsets %2 超出了 %3 字节的数据区：文件被截断了，或者已损坏</translation>
    </message>
    <message>
        <source>cannot open &apos;%1&apos;: %2</source>
        <translation>无法打开“%1”：%2</translation>
    </message>
    <message>
        <source>cannot open &apos;%1&apos;: not a regular file</source>
        <translation>无法打开“%1”：不是普通文件</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; is missing (the file holds %2 tensors): the model is corrupted or incomplete</source>
        <translation>缺少张量“%1”（文件中共有 %2 个张量）：模型已损坏或不完整</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; has dtype %2; supported dtypes are %3</source>
        <translation>张量“%1”的数据类型是 %2；支持的数据类型有 %3</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; has shape %2, expected %3</source>
        <translation>张量“%1”的形状是 %2，应为 %3</translation>
    </message>
    <message>
        <source>cannot write tensor &apos;%1&apos;: no matrix given</source>
        <translation>无法写入张量“%1”：没有给出矩阵</translation>
    </message>
    <message>
        <source>cannot write a tensor named &apos;__metadata__&apos;: the name is reserved for metadata</source>
        <translation>无法写入名为“__metadata__”的张量：这个名字留给元数据使用</translation>
    </message>
    <message>
        <source>cannot write two tensors named &apos;%1&apos;</source>
        <translation>无法写入两个同名的张量“%1”</translation>
    </message>
    <message>
        <source>cannot write tensor &apos;%1&apos; as a vector: it has %2 rows</source>
        <translation>无法把张量“%1”写成向量：它有 %2 行</translation>
    </message>
    <message>
        <source>cannot write safetensors: a tensor name or metadata string is not valid UTF-8</source>
        <translation>无法写入 safetensors：张量名或元数据字符串不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>the sentence is empty: type a few words, e.g. %1</source>
        <translation>句子是空的：请输入几个词，例如 %1</translation>
    </message>
    <message>
        <source>the number of training steps must be at least 1 (got %1)</source>
        <translation>训练步数至少为 1（实际为 %1）</translation>
    </message>
    <message>
        <source>the batch must hold at least %1 sentences</source>
        <translation>每批至少要有 %1 个句子</translation>
    </message>
    <message>
        <source>training needs at least one thread</source>
        <translation>训练至少需要一个线程</translation>
    </message>
    <message>
        <source>vocabulary lists the word &apos;%1&apos; twice</source>
        <translation>词表中“%1”这个词出现了两次</translation>
    </message>
    <message>
        <source>lexicon line %1: expected &quot;word&lt;TAB&gt;class&quot;</source>
        <translation>词典第 %1 行：格式应为 &quot;word&lt;TAB&gt;class&quot;（词、制表符、词类）</translation>
    </message>
    <message>
        <source>the vocabulary has no unknown-word token &apos;%1&apos;</source>
        <translation>词表中没有表示未知词的词元“%1”</translation>
    </message>
    <message>
        <source>unknown model &apos;%1&apos; (expected builtin:sinusoidal|learned|rope|alibi|none)</source>
        <translation>未知的模型“%1”（应为 builtin:sinusoidal|learned|rope|alibi|none）</translation>
    </message>
    <message>
        <source>the built-in model %1 is not in this build (train it with: orderlens train --pe %2 --out %3)</source>
        <translation>这个版本里没有内置模型 %1（可以这样训练它：orderlens train --pe %2 --out %3）</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; not found: expected builtin:&lt;scheme&gt;, random:&lt;scheme&gt;, handmade, a path to a model file or a HuggingFace BERT folder</source>
        <translation>找不到模型“%1”：应为 builtin:&lt;方案&gt;、random:&lt;方案&gt;、handmade、模型文件的路径，或 HuggingFace BERT 文件夹</translation>
    </message>
    <message>
        <source>the training seed must not be negative</source>
        <translation>训练种子不能为负数</translation>
    </message>
    <message>
        <source>%1 is %2, expected %3 to %4</source>
        <translation>%1 为 %2，应在 %3 到 %4 之间</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be an integer, got %2</source>
        <translation>“%1”必须是整数，实际为 %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2, expected at most %3</source>
        <translation>“%1”为 %2，最多应为 %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a number, got %2</source>
        <translation>“%1”必须是数字，实际为 %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2, expected %3 to %4</source>
        <translation>“%1”为 %2，应在 %3 到 %4 之间</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be true or false, got %2</source>
        <translation>“%1”必须是 true 或 false，实际为 %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a string, got %2</source>
        <translation>“%1”必须是字符串，实际为 %2</translation>
    </message>
    <message>
        <source>max_len x d_model is %1 x %2 = %3 position values, above the %4 that OrderLens computes for %5 positions</source>
        <translation>max_len × d_model 为 %1 × %2 = %3 个位置数值，超过了 OrderLens 为 %5 位置编码计算的上限 %4</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; overflows in its embeddings (the word, position and type rows added give NaN or infinity): its weights are too large to compute with</source>
        <translation>模型“%1”在嵌入层溢出（词向量、位置向量和类型向量相加得到 NaN 或无穷大）：其权重过大，无法计算</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; overflows in layer %2 of %3 (its attention or output holds NaN or infinity): its weights are too large to compute with</source>
        <translation>模型“%1”在第 %2 层（共 %3 层）溢出（注意力或输出中出现 NaN 或无穷大）：其权重过大，无法计算</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; overflows in its role head (NaN or infinity): its weights are too large to compute with</source>
        <translation>模型“%1”在语义角色输出层溢出（出现 NaN 或无穷大）：其权重过大，无法计算</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; overflows in the terms of layer 0&apos;s logits (content and position parts give NaN or infinity): its weights are too large to compute with</source>
        <translation>模型“%1”在第 0 层注意力分数的分解项中溢出（内容项与位置项出现 NaN 或无穷大）：其权重过大，无法计算</translation>
    </message>
    <message>
        <source>%1: metadata &apos;%2&apos; entry %3 must be [word, word class] (two strings)</source>
        <translation>%1：元数据“%2”的第 %3 项必须是 [词, 词类]（两个字符串）</translation>
    </message>
    <message>
        <source>%1: metadata &apos;%2&apos; must be a JSON array of [word, word class]</source>
        <translation>%1：元数据“%2”必须是由 [词, 词类] 组成的 JSON 数组</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>the file shrank to %1 bytes while it was being read (it had %2 bytes when opened; reading %3 needs %4): open it again once it is complete</source>
        <translation>文件在读取过程中缩小到了 %1 字节（打开时为 %2 字节；读取 %3 需要 %4 字节）：请等文件完整后重新打开</translation>
    </message>
    <message>
        <source>the file changed while it was being read (now %1 bytes, %2 when opened; reading %3): open it again once it is complete</source>
        <translation>文件在读取过程中被改动（现在为 %1 字节，打开时为 %2 字节；正在读取 %3）：请等文件完整后重新打开</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; holds NaN or infinite values (OrderLens does not use it, but refuses a corrupted file)</source>
        <translation>张量“%1”含有 NaN 或无穷大（OrderLens 虽不使用它，但拒绝打开已损坏的文件）</translation>
    </message>
    <message>
        <source>cannot read &apos;%1&apos;: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>cannot read &apos;%1&apos;: it is a folder</source>
        <translation>无法读取“%1”：它是一个文件夹</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: it is a folder</source>
        <translation>无法写入“%1”：它是一个文件夹</translation>
    </message>
    <message>
        <source>cannot read &apos;%1&apos;: it is not a regular file (a device, a pipe or a socket)</source>
        <translation>无法读取“%1”：它不是普通文件（而是设备、管道或套接字）</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: it is not a regular file (a device, a pipe or a socket); choose a file name</source>
        <translation>无法写入“%1”：它不是普通文件（而是设备、管道或套接字）；请另选一个文件名</translation>
    </message>
    <message>
        <source>cannot read &apos;%1&apos;: it is larger than %2</source>
        <translation>无法读取“%1”：文件大于 %2</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: the folder &apos;%2&apos; does not exist</source>
        <translation>无法写入“%1”：文件夹“%2”不存在</translation>
    </message>
    <message>
        <source>could not write the traces to standard output: %1</source>
        <translation>无法把追踪结果写到标准输出：%1</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the file system is read-only</source>
        <translation>文件系统是只读的</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名称太长</translation>
    </message>
    <message>
        <source>too many symbolic links</source>
        <translation>符号链接层数太多</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <source>an input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>the system says: %1</source>
        <translation>系统提示：%1</translation>
    </message>
    <message>
        <source>train needs --pe KIND (sinusoidal, learned, rope, alibi or none)</source>
        <translation>训练需要 --pe 位置编码（sinusoidal、learned、rope、alibi 或 none）</translation>
    </message>
    <message>
        <source>train needs --out FILE</source>
        <translation>训练需要 --out 文件</translation>
    </message>
    <message>
        <source>train takes no positional arguments (got &apos;%1&apos;)</source>
        <translation>训练不接受位置参数（收到的是“%1”）</translation>
    </message>
    <message>
        <source>--seed must be a non-negative whole number (got &apos;%1&apos;)</source>
        <translation>--seed 必须是非负整数（收到的是“%1”）</translation>
    </message>
    <message>
        <source>--steps must be a whole number of at least 1 (got &apos;%1&apos;)</source>
        <translation>--steps 必须是不小于 1 的整数（收到的是“%1”）</translation>
    </message>
    <message>
        <source>--embedding-scale must be a number greater than 0 (got &apos;%1&apos;)</source>
        <translation>--embedding-scale 必须是大于 0 的数（收到的是“%1”）</translation>
    </message>
    <message>
        <source>--threads must be 1 or 2 (got &apos;%1&apos;)</source>
        <translation>--threads 必须是 1 或 2（收到的是“%1”）</translation>
    </message>
    <message>
        <source>eval takes no positional arguments (got &apos;%1&apos;)</source>
        <translation>评估不接受位置参数（收到的是“%1”）</translation>
    </message>
    <message>
        <source>the file is too large</source>
        <translation>文件太大</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; overflows in the RoPE terms of its logits (content, position and frequency-pair parts give NaN or infinity): its weights are too large to compute with</source>
        <translation>模型“%1”在其分数的 RoPE 各项（内容、位置和频率对部分）中溢出（得到 NaN 或无穷大）：它的权重太大，无法计算</translation>
    </message>
    <message>
        <source>merge %1 (&apos;%2 %3&apos;) uses &apos;%4&apos;, which is not in the vocabulary</source>
        <translation>第 %1 条合并规则（“%2 %3”）用到了“%4”，但词表里没有它</translation>
    </message>
    <message>
        <source>the unk_token &apos;%1&apos; is not in the vocabulary</source>
        <translation>unk_token “%1”不在词表里</translation>
    </message>
    <message>
        <source>the JSON is nested more than %1 levels deep</source>
        <translation>JSON 的嵌套超过了 %1 层</translation>
    </message>
    <message>
        <source>it is not valid JSON (byte %1)</source>
        <translation>它不是有效的 JSON（第 %1 字节）</translation>
    </message>
    <message>
        <source>a vocabulary entry is %1 bytes long, expected at most %2</source>
        <translation>词表中有一项长 %1 字节，最多只能是 %2 字节</translation>
    </message>
    <message>
        <source>it is not a tokenizer.json (no &quot;model&quot; object)</source>
        <translation>它不是 tokenizer.json（没有 &quot;model&quot; 对象）</translation>
    </message>
    <message>
        <source>the folder &apos;%1&apos; has neither tokenizer.json nor vocab.json and merges.txt</source>
        <translation>文件夹“%1”里既没有 tokenizer.json，也没有 vocab.json 和 merges.txt</translation>
    </message>
    <message>
        <source>the token &apos;%1&apos; is not in the vocabulary</source>
        <translation>词元“%1”不在词表里</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is set; OrderLens reads tokenizers without %1</source>
        <translation>设置了 &quot;%1&quot;；OrderLens 只读取不带 %1 的分词器</translation>
    </message>
    <message>
        <source>the text is not valid UTF-8</source>
        <translation>这段文本不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; has %3 items, expected at most %4</source>
        <translation>%1：&quot;%2&quot; 有 %3 项，最多只能有 %4 项</translation>
    </message>
    <message>
        <source>%1: the id of &apos;%2&apos; is %3, expected an integer from 0 to %4</source>
        <translation>%1：“%2”的编号是 %3，应为 0 到 %4 之间的整数</translation>
    </message>
    <message>
        <source>%1: the single template uses sequence &apos;%2&apos;, expected A</source>
        <translation>%1：单句模板用到了序列“%2”，应为 A</translation>
    </message>
    <message>
        <source>%1: the template uses &apos;%2&apos;, which &quot;special_tokens&quot; does not define</source>
        <translation>%1：模板用到了“%2”，但 &quot;special_tokens&quot; 里没有定义它</translation>
    </message>
    <message>
        <source>%1: special token &apos;%2&apos; has %3 ids and %4 tokens</source>
        <translation>%1：特殊词元“%2”有 %3 个编号，却有 %4 个词元</translation>
    </message>
    <message>
        <source>%1: special token &apos;%2&apos; has an id or token of the wrong type</source>
        <translation>%1：特殊词元“%2”的编号或词元类型不对</translation>
    </message>
    <message>
        <source>%1: a template item must be {&quot;Sequence&quot;: ...} or {&quot;SpecialToken&quot;: ...}</source>
        <translation>%1：模板中的每一项必须是 {&quot;Sequence&quot;: ...} 或 {&quot;SpecialToken&quot;: ...}</translation>
    </message>
    <message>
        <source>merge %1 (&apos;%2&apos;) is not two pieces separated by one space</source>
        <translation>第 %1 条合并规则（“%2”）不是用一个空格隔开的两部分</translation>
    </message>
    <message>
        <source>merge %1 must be &quot;a b&quot; or [&quot;a&quot;, &quot;b&quot;]</source>
        <translation>第 %1 条合并规则必须写成 &quot;a b&quot; 或 [&quot;a&quot;, &quot;b&quot;]</translation>
    </message>
    <message>
        <source>the %1 must be an object with a &quot;type&quot;</source>
        <translation>%1 必须是带 &quot;type&quot; 的对象</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3; OrderLens tokenizes without dropout</source>
        <translation>%1：&quot;%2&quot; 为 %3；OrderLens 分词时不使用 dropout</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be true or false</source>
        <translation>%1：&quot;%2&quot; 必须是 true 或 false</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be a string</source>
        <translation>%1：&quot;%2&quot; 必须是字符串</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be a string or null</source>
        <translation>%1：&quot;%2&quot; 必须是字符串或 null</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be an integer</source>
        <translation>%1：&quot;%2&quot; 必须是整数</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be an array</source>
        <translation>%1：&quot;%2&quot; 必须是数组</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be an object</source>
        <translation>%1：&quot;%2&quot; 必须是对象</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be one character</source>
        <translation>%1：&quot;%2&quot; 必须是一个字符</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be {&quot;String&quot;: ...} or {&quot;Regex&quot;: ...}</source>
        <translation>%1：&quot;%2&quot; 必须是 {&quot;String&quot;: ...} 或 {&quot;Regex&quot;: ...}</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be [&quot;token&quot;, id]</source>
        <translation>%1：&quot;%2&quot; 必须是 [&quot;词元&quot;, 编号]</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must be a string or {&quot;content&quot;: ...}</source>
        <translation>%1：&quot;%2&quot; 必须是字符串或 {&quot;content&quot;: ...}</translation>
    </message>
    <message>
        <source>the %1 has no &quot;type&quot; (a string)</source>
        <translation>%1 没有 &quot;type&quot;（字符串）</translation>
    </message>
    <message>
        <source>the %1 type &apos;%2&apos; is not supported (OrderLens reads %3)</source>
        <translation>不支持 %1 类型“%2”（OrderLens 能读取的有：%3）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3, expected %4 to %5</source>
        <translation>%1：&quot;%2&quot; 为 %3，应在 %4 到 %5 之间</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is &apos;%3&apos;, expected one of %4</source>
        <translation>%1：&quot;%2&quot; 为“%3”，应为以下之一：%4</translation>
    </message>
    <message>
        <source>the regular expression &apos;%1&apos; cannot be used: %2</source>
        <translation>无法使用正则表达式“%1”：%2</translation>
    </message>
    <message>
        <source>the regular expression &apos;%1&apos; cannot be run: %2</source>
        <translation>无法运行正则表达式“%1”：%2</translation>
    </message>
    <message>
        <source>a %1 config needs &quot;%2&quot;, which is missing</source>
        <translation>%1 配置需要 &quot;%2&quot;，但缺少这一项</translation>
    </message>
    <message>
        <source>&quot;rope_scaling&quot; must be an object or null</source>
        <translation>&quot;rope_scaling&quot; 必须是对象或 null</translation>
    </message>
    <message>
        <source>rope_scaling type &apos;%1&apos; is not one OrderLens computes (default, linear, dynamic, yarn, llama3)</source>
        <translation>OrderLens 不会计算 rope_scaling 类型“%1”（能算的有 default、linear、dynamic、yarn、llama3）</translation>
    </message>
    <message>
        <source>rope_scaling of type %1 needs &quot;%2&quot;, which is missing</source>
        <translation>类型为 %1 的 rope_scaling 需要 &quot;%2&quot;，但缺少这一项</translation>
    </message>
    <message>
        <source>rope_scaling: high_freq_factor must be larger than low_freq_factor</source>
        <translation>rope_scaling：high_freq_factor 必须大于 low_freq_factor</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has only pytorch_model.bin (a PyTorch pickle, which OrderLens does not read): save the model with safetensors</source>
        <translation>“%1”里只有 pytorch_model.bin（PyTorch 的 pickle 文件，OrderLens 不读取）：请把模型另存为 safetensors</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has neither model.safetensors nor model.safetensors.index.json</source>
        <translation>“%1”里既没有 model.safetensors，也没有 model.safetensors.index.json</translation>
    </message>
    <message>
        <source>has no &quot;weight_map&quot; object</source>
        <translation>没有 &quot;weight_map&quot; 对象</translation>
    </message>
    <message>
        <source>weight_map entry &apos;%1&apos; is not a file name</source>
        <translation>weight_map 中的“%1”不是文件名</translation>
    </message>
    <message>
        <source>weight_map names &apos;%1&apos;, which is not a file name in the folder</source>
        <translation>weight_map 提到了“%1”，它不是这个文件夹里的文件名</translation>
    </message>
    <message>
        <source>names the shard &apos;%1&apos;, which is missing</source>
        <translation>提到了分片文件“%1”，但它不存在</translation>
    </message>
    <message>
        <source>says tensor &apos;%1&apos; is in &apos;%2&apos;, which does not hold it</source>
        <translation>说张量“%1”在“%2”里，但那个文件里没有它</translation>
    </message>
    <message>
        <source>the checkpoint has no tensor &apos;%1&apos;</source>
        <translation>检查点里没有张量“%1”</translation>
    </message>
    <message>
        <source>has no &quot;model_type&quot;: cannot tell which model this is</source>
        <translation>没有 &quot;model_type&quot;：无法判断这是哪种模型</translation>
    </message>
    <message>
        <source>model_type &apos;%1&apos; is not one OrderLens opens (it opens bert, gpt2, llama, mistral, qwen2 and qwen3)</source>
        <translation>OrderLens 打不开 model_type 为“%1”的模型（能打开的有 bert、gpt2、llama、mistral、qwen2 和 qwen3）</translation>
    </message>
    <message>
        <source>activation_function &apos;%1&apos; is not GPT-2&apos;s gelu_new</source>
        <translation>activation_function“%1”不是 GPT-2 的 gelu_new</translation>
    </message>
    <message>
        <source>n_embd %1 is not divisible by n_head %2</source>
        <translation>n_embd %1 不能被 n_head %2 整除</translation>
    </message>
    <message>
        <source>hidden_size %1 is not divisible by num_attention_heads %2 (and there is no head_dim)</source>
        <translation>hidden_size %1 不能被 num_attention_heads %2 整除（而且没有给出 head_dim）</translation>
    </message>
    <message>
        <source>head_dim %1 is odd: RoPE rotates pairs of dimensions</source>
        <translation>head_dim %1 是奇数：RoPE 按两维一对旋转</translation>
    </message>
    <message>
        <source>num_attention_heads %1 is not divisible by num_key_value_heads %2</source>
        <translation>num_attention_heads %1 不能被 num_key_value_heads %2 整除</translation>
    </message>
    <message>
        <source>num_attention_heads x head_dim is %1, more than OrderLens handles</source>
        <translation>num_attention_heads × head_dim 为 %1，超出了 OrderLens 能处理的范围</translation>
    </message>
    <message>
        <source>hidden_act &apos;%1&apos; is not the SwiGLU activation silu</source>
        <translation>hidden_act“%1”不是 SwiGLU 所用的激活函数 silu</translation>
    </message>
    <message>
        <source>partial_rotary_factor other than 1 is not supported</source>
        <translation>不支持不等于 1 的 partial_rotary_factor</translation>
    </message>
    <message>
        <source>use_sliding_window is true: sliding-window attention is not supported</source>
        <translation>use_sliding_window 为 true：不支持滑动窗口注意力</translation>
    </message>
    <message>
        <source>a mistral config with a sliding_window is not supported (only without one)</source>
        <translation>不支持带 sliding_window 的 mistral 配置（只支持不带的）</translation>
    </message>
    <message>
        <source>decoder tensor %1 is %2 x %3, expected %4 x %5</source>
        <translation>解码器张量 %1 为 %2 × %3，应为 %4 × %5</translation>
    </message>
    <message>
        <source>decoder has %1 layers of weights, expected %2</source>
        <translation>解码器有 %1 层权重，应为 %2 层</translation>
    </message>
    <message>
        <source>the sentence is empty</source>
        <translation>句子是空的</translation>
    </message>
    <message>
        <source>%1 tokens are more than model %2 takes (at most %3)</source>
        <translation>%1 个词元超过了模型 %2 能接受的长度（最多 %3 个）</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; overflows in layer %2 (NaN or infinity): its weights are too large to compute with</source>
        <translation>模型“%1”在第 %2 层溢出（出现 NaN 或无穷大）：其权重过大，无法计算</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; has no tokenizer files (tokenizer.json or vocab.json + merges.txt)</source>
        <translation>模型“%1”没有分词器文件（tokenizer.json 或 vocab.json + merges.txt）</translation>
    </message>
    <message>
        <source>head_dim %1 is below 4: too few dimensions for RoPE&apos;s pairs</source>
        <translation>head_dim 为 %1，小于 4：RoPE 的维度对太少</translation>
    </message>
    <message>
        <source>tensor &apos;%1&apos; has dtype %2, expected F16 or BF16</source>
        <translation>张量“%1”的数据类型是 %2，应为 F16 或 BF16</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a decoder (a causal language model): it cannot be trained or evaluated here; trace, analyse, export and the window show it</source>
        <translation>“%1”是解码器（因果语言模型）：这里不能训练或评估它；trace、analyse、export 和窗口可以显示它</translation>
    </message>
    <message>
        <source>sentence %1 of the corpus: %2</source>
        <translation>语料的第 %1 句：%2</translation>
    </message>
    <message>
        <source>unknown ablation &apos;%1&apos;: use zero, mean or uniform</source>
        <translation>没有消融方式“%1”：请用 zero、mean 或 uniform</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a head: write L&lt;layer&gt;H&lt;head&gt; (or L&lt;layer&gt; for a whole layer), counted from 0, e.g. L0H1,L1H3</source>
        <translation>“%1”不是一个头：请写 L&lt;层&gt;H&lt;头&gt;（整层写 L&lt;层&gt;），从 0 数起，例如 L0H1,L1H3</translation>
    </message>
    <message>
        <source>the model has no head %1: it has layers 0 to %2 and heads 0 to %3 in each</source>
        <translation>模型没有头 %1：它的层是 0 到 %2，每层的头是 0 到 %3</translation>
    </message>
    <message>
        <source>head kinds (positional, content) are not computed for decoders yet: name the heads instead, e.g. --ablate L0H1,L2</source>
        <translation>解码器还不计算头类型（positional、content）：请直接写出头，例如 --ablate L0H1,L2</translation>
    </message>
    <message>
        <source>model %1 has no role head, so the surgery experiment has nothing to measure (use a builtin: or trained model)</source>
        <translation>模型 %1 没有角色输出头，头部手术实验无从测量（请用 builtin: 模型或训练过的模型）</translation>
    </message>
    <message>
        <source>the corpus &apos;%1&apos; holds no sentence (one sentence a line)</source>
        <translation>语料“%1”里没有句子（每行一句）</translation>
    </message>
    <message>
        <source>census takes no positional arguments (got &apos;%1&apos;)</source>
        <translation>census 不接受位置参数（收到的是“%1”）</translation>
    </message>
    <message>
        <source>census needs --out FILE (.json or .csv)</source>
        <translation>census 需要 --out 文件（.json 或 .csv）</translation>
    </message>
    <message>
        <source>--out must end in .json or .csv (got &apos;%1&apos;)</source>
        <translation>--out 必须以 .json 或 .csv 结尾（收到的是“%1”）</translation>
    </message>
    <message>
        <source>--surgery chooses its own heads: give --ablate or --surgery, not both</source>
        <translation>--surgery 会自己挑选头：--ablate 和 --surgery 只能给一个</translation>
    </message>
    <message>
        <source>--draws must be a whole number from 1 to 100 (got &apos;%1&apos;)</source>
        <translation>--draws 必须是 1 到 100 之间的整数（收到的是“%1”）</translation>
    </message>
    <message>
        <source>position %1 is outside what model %2 takes</source>
        <translation>位置 %1 超出模型 %2 能接受的范围</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::AttentionView</name>
    <message>
        <source>All heads (grid)</source>
        <translation>所有头（网格）</translation>
    </message>
    <message>
        <source>One head, with values</source>
        <translation>单个头（显示数值）</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>头：</translation>
    </message>
    <message>
        <source>This model has no attention layers: it only adds the two tables. Choose a trained model to see attention.</source>
        <translation>这个模型没有注意力层，只是把两张表相加。请选择训练过的模型来查看注意力。</translation>
    </message>
    <message>
        <source>Each small square is one attention head: row = the token that looks (query), column = the token it looks at (key); darker means more attention. </source>
        <translation>每个小方块是一个注意力头：行 = 发出关注的词元（查询），列 = 被关注的词元（键）；颜色越深，注意力越多。</translation>
    </message>
    <message>
        <source>Without positions, B&apos;s maps are A&apos;s maps shuffled: the aligned difference is zero, so the model cannot tell the two orders apart.</source>
        <translation>没有位置时，B 的注意力图只是 A 的图换了顺序：对齐后的差为零，所以模型分不清两种语序。</translation>
    </message>
    <message>
        <source>The right panel lines B up with A&apos;s tokens and subtracts: any colour there is attention that changed only because the words moved.</source>
        <translation>右侧把 B 按 A 的词元对齐后相减：那里出现的颜色，都是仅仅因为词换了位置而改变的注意力。</translation>
    </message>
    <message>
        <source>all heads</source>
        <translation>所有头</translation>
    </message>
    <message>
        <source>layer %1 · head %2</source>
        <translation>第 %1 层 · 第 %2 头</translation>
    </message>
    <message>
        <source>Type a sentence to see its attention.</source>
        <translation>输入一个句子，查看它的注意力。</translation>
    </message>
    <message>
        <source>The hand-made model has no attention layers.
Pick a built-in or random model to see attention.</source>
        <translation>手工模型没有注意力层。
请选择内置或随机模型来查看注意力。</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B：%1</translation>
    </message>
    <message>
        <source>B − A, aligned by token</source>
        <translation>B − A（按词元对齐）</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>attention change</source>
        <translation>注意力变化</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>No aligned difference: B does not use exactly the same tokens as A.</source>
        <translation>无法对齐求差：B 用的词元和 A 不完全相同。</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>B − A (aligned)</source>
        <translation>B − A（对齐）</translation>
    </message>
    <message>
        <source>key: looked at</source>
        <translation>键：被关注</translation>
    </message>
    <message>
        <source>query: looking</source>
        <translation>查询：发出关注</translation>
    </message>
    <message>
        <source>Layer %1, head %2. Each row sums to 1: how one token spreads its attention over the sentence. Choose &quot;All heads&quot; to go back to the grid.</source>
        <translation>第 %1 层，第 %2 头。每行加起来为 1：表示一个词元怎样把注意力分配到整个句子上。选择“所有头”可回到网格。</translation>
    </message>
    <message>
        <source>B − A</source>
        <translation>B − A</translation>
    </message>
    <message>
        <source>%1 · layer %2 · head %3
%4 → %5: %6</source>
        <translation>%1 · 第 %2 层 · 第 %3 头
%4 → %5：%6</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Show every layer in the grid, or one layer at a time (bigger maps)</source>
        <translation>网格中显示所有层，或一次只显示一层（图更大）</translation>
    </message>
    <message>
        <source>Grid layers:</source>
        <translation>网格中的层：</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>B − A: none (B does not use exactly A&apos;s tokens)</source>
        <translation>B − A：无（B 用的词和 A 不完全相同）</translation>
    </message>
    <message>
        <source>Colour scale of the aligned difference B − A: fitted to this pair, or one fixed scale, the same for every model (to compare slides)</source>
        <translation>对齐差 B − A 的色标：按这一对句子自动设定，或用一个固定色标，所有模型相同（便于对比幻灯片）</translation>
    </message>
    <message>
        <source>fitted to this pair</source>
        <translation>按这一对句子</translation>
    </message>
    <message>
        <source>fixed ±%1</source>
        <translation>固定 ±%1</translation>
    </message>
    <message>
        <source>B − A scale:</source>
        <translation>B − A 色标：</translation>
    </message>
    <message>
        <source>A and B differ only in characters the model cannot read: both become the same tokens (%1), so the model gets one input twice and the aligned difference is exactly zero.</source>
        <translation>A 和 B 只在模型读不懂的字符上不同：两句都变成同样的词元（%1），模型两次收到的是同一个输入，对齐差正好为零。</translation>
    </message>
    <message>
        <source>A and B are the same input to the model: the difference is zero.</source>
        <translation>对模型来说 A 和 B 是同一个输入：差值为零。</translation>
    </message>
    <message>
        <source>Badges name what drives each head: position, content or both (mixed). Click a head to enlarge it.</source>
        <translation>标记说明每个头靠什么决定：位置、内容，或两者都有（混合）。点击某个头可放大。</translation>
    </message>
    <message>
        <source>query (row)</source>
        <translation>查询（行）</translation>
    </message>
    <message>
        <source>key (column)</source>
        <translation>键（列）</translation>
    </message>
    <message>
        <source>Badges above each head:
position · content · mixed (%1 · %2 · %3)
a strong pattern:
← previous token · → next token
○ self · ⇤ first token</source>
        <translation>每个头上方的标记：
位置 · 内容 · 混合（%1 · %2 · %3）
明显的模式：
← 前一个词元 · → 后一个词元
○ 自身 · ⇤ 第一个词元</translation>
    </message>
    <message>
        <source>Badges above each head: position head · content head · mixed (%1 · %2 · %3 where the maps are small); a strong pattern: ← previous token · → next token · ○ self · ⇤ first token.</source>
        <translation>每个头上方的标记：位置头 · 内容头 · 混合（图小时写作 %1 · %2 · %3）；明显的模式：← 前一个词元 · → 后一个词元 · ○ 自身 · ⇤ 第一个词元。</translation>
    </message>
    <message>
        <source>Click a head to enlarge it.</source>
        <translation>点击某个头可放大。</translation>
    </message>
    <message>
        <source>Each head&apos;s badge (position, content or mixed, and its pattern) shows where the maps have room for it: enlarge the window or the picture.</source>
        <translation>每个头的标记（位置、内容或混合，以及它的模式）只在图有足够空间时显示：请放大窗口或图片。</translation>
    </message>
    <message>
        <source>⇤ %1 %</source>
        <translation>⇤ %1 %</translation>
    </message>
    <message>
        <source>⇤%1</source>
        <translation>⇤%1</translation>
    </message>
    <message>
        <source>A decoder: each token sees only itself and the tokens before it; the grey cells (its future) are masked, not data.</source>
        <translation>解码器：每个词元只看得到自己和它前面的词元；灰色格子（它的“未来”）被遮蔽，不是数据。</translation>
    </message>
    <message>
        <source>%1 · layer %2 · head %3
%4 → %5: masked (a decoder does not look ahead)</source>
        <translation>%1 · 第 %2 层 · 头 %3
%4 → %5：被遮蔽（解码器不看后面的词元）</translation>
    </message>
    <message>
        <source>head %1 ✕ off</source>
        <translation>头 %1 ✕ 已关</translation>
    </message>
    <message>
        <source>✕ marks a head switched off (Heads menu): every map after it is of the model without it.</source>
        <translation>✕ 表示关掉的头（“注意力头”菜单）：它之后的每张图都是去掉它之后的模型算出来的。</translation>
    </message>
    <message>
        <source>
✕ switched off</source>
        <translation>
✕ 已关掉</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>整词</translation>
    </message>
    <message>
        <source>Merge the pieces of each word (老 鼠 → 老鼠, from your spaces or the built-in lexicon; WordPiece&apos;s ## pieces): attention summed over a word&apos;s key pieces, averaged over its query pieces. For models that read characters, such as BERT.</source>
        <translation>把每个词的片段合并起来（老 鼠 → 老鼠，按你输入的空格或内置词表；以及 WordPiece 的 ## 片段）：对一个词的各个键片段求和，对它的各个查询片段取平均。适用于按字读入的模型，例如 BERT。</translation>
    </message>
    <message>
        <source> · whole words (pieces merged)</source>
        <translation> · 整词（片段已合并）</translation>
    </message>
    <message>
        <source>A, whole words: %1</source>
        <translation>A，整词：%1</translation>
    </message>
    <message>
        <source>B, whole words: %1</source>
        <translation>B，整词：%1</translation>
    </message>
    <message>
        <source>B − A, aligned by word</source>
        <translation>B − A，按词对齐</translation>
    </message>
    <message>
        <source>B − A: none (B does not use exactly A&apos;s words)</source>
        <translation>B − A：无（B 用的词和 A 不完全相同）</translation>
    </message>
    <message>
        <source>Whole words: a row is one word; its attention to another word is summed over that word&apos;s pieces and averaged over its own, so every row still sums to 1.</source>
        <translation>整词：每一行是一个词；它对另一个词的注意力是对那个词的各片段求和、再对自己的各片段取平均，所以每一行加起来仍然是 1。</translation>
    </message>
    <message>
        <source>Badges above each head:
position · content · mixed (%1 · %2 · %3)
← previous token · ○ self
⇤ the share of attention
that tokens 2, 3, … give
the first token (an attention
sink when it is large)</source>
        <translation>每个头上方的标记：
位置 · 内容 · 混合（%1 · %2 · %3）
← 前一个词元 · ○ 自身
⇤ 第 2、3、… 个词元
分给第一个词元的注意力比例
（很大时就是“注意力汇”）</translation>
    </message>
    <message>
        <source>Badges above each head: position head · content head · mixed (%1 · %2 · %3 where the maps are small), ← previous token · ○ self, then ⇤ the share of attention tokens 2, 3, … give the first token (an attention sink when it is large).</source>
        <translation>每个头上方的标记：位置头 · 内容头 · 混合（图小时写作 %1 · %2 · %3），← 前一个词元 · ○ 自身，然后是 ⇤ 第 2、3、… 个词元分给第一个词元的注意力比例（比例很大时就是“注意力汇”）。</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::DecompositionView</name>
    <message>
        <source>Layer 1, head:</source>
        <translation>第 1 层，头：</translation>
    </message>
    <message>
        <source>Sentence:</source>
        <translation>句子：</translation>
    </message>
    <message>
        <source>Because E and P are added, every attention score of the first layer splits exactly into four parts plus a bias: word with word, word with place, place with word, place with place. A content head gets its pattern from the first part, a position head from the last.</source>
        <translation>因为 E 和 P 是相加的，第一层的每个注意力分数都能精确拆成四部分加一个偏置：词对词、词对位置、位置对词、位置对位置。内容头的模式来自第一部分，位置头的模式来自最后一部分。</translation>
    </message>
    <message>
        <source>The hand-made model has no attention, so there is nothing to decompose.
Pick a built-in model.</source>
        <translation>手工模型没有注意力，所以没有可分解的内容。
请选择内置模型。</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B：%1</translation>
    </message>
    <message>
        <source>Head %1 of layer 1 (%2): content %3 % · mixed %4 % · position %5 %</source>
        <translation>第 1 层第 %1 头（%2）：内容 %3 % · 混合 %4 % · 位置 %5 %</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>word → word</source>
        <translation>词 → 词</translation>
    </message>
    <message>
        <source>word → place</source>
        <translation>词 → 位置</translation>
    </message>
    <message>
        <source>place → word</source>
        <translation>位置 → 词</translation>
    </message>
    <message>
        <source>place → place</source>
        <translation>位置 → 位置</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>= score (sum)</source>
        <translation>= 分数（总和）</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>score part</source>
        <translation>分数分项</translation>
    </message>
    <message>
        <source>No exact split for this position scheme (RoPE rotates queries and keys).</source>
        <translation>这种位置方案无法精确拆分（RoPE 会旋转查询和键）。</translation>
    </message>
    <message>
        <source>Every head of layer 1: where its pattern comes from (exact split)</source>
        <translation>第 1 层各个头的模式来源（精确拆分）</translation>
    </message>
    <message>
        <source>Every head: position score from shuffling (1 = only position matters)</source>
        <translation>各个头：打乱测得的位置分数（1 = 只看位置）</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>word → word (content)</source>
        <translation>词 → 词（内容）</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>混合</translation>
    </message>
    <message>
        <source>place → place (position)</source>
        <translation>位置 → 位置（位置）</translation>
    </message>
    <message>
        <source>share of the pattern</source>
        <translation>占模式的比例</translation>
    </message>
    <message>
        <source>L%1 H%2</source>
        <translation>%1层%2头</translation>
    </message>
    <message>
        <source>position score</source>
        <translation>位置分数</translation>
    </message>
    <message>
        <source>Decomposition</source>
        <translation>分解</translation>
    </message>
    <message>
        <source>RoPE adds no position vector: it turns each pair of a head&apos;s query and key coordinates by an angle that grows with the position. The score still splits exactly: the content part is the score the two words would get at the same position, the position part is what the turning adds, and it depends only on how far apart they are. The middle chart shows which frequency pairs carry that position part: fast pairs (left) tell near from far, slow pairs (right) hardly turn over a sentence.</source>
        <translation>RoPE 不加位置向量：它把每个注意力头的查询和键的坐标两两一组，按随位置增大的角度旋转。分数仍然可以精确拆开：内容部分是这两个词处在同一位置时会得到的分数，位置部分是旋转额外加上的，它只取决于两个词相隔多远。中间的图显示哪些频率对承载了位置部分：快的频率对（左）区分远近，慢的频率对（右）在一句话里几乎不转。</translation>
    </message>
    <message>
        <source>content (one position)</source>
        <translation>内容（同一位置）</translation>
    </message>
    <message>
        <source>+ position (the turning)</source>
        <translation>+ 位置（旋转）</translation>
    </message>
    <message>
        <source>Head %1: position part by frequency pair</source>
        <translation>第 %1 个头：位置部分按频率对</translation>
    </message>
    <message>
        <source>%1k</source>
        <translation>%1千</translation>
    </message>
    <message>
        <source>%1M</source>
        <translation>%1百万</translation>
    </message>
    <message>
        <source>frequency pair: its wavelength in positions (fast → slow)</source>
        <translation>频率对：波长，单位为位置数（快 → 慢）</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>No exact word / place split for this decoder yet: GPT-2 normalises E + P before its first attention.</source>
        <translation>这个解码器暂时没有词 / 位置的精确拆分：GPT-2 在第一次注意力之前先对 E + P 做归一化。</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>layer %1 · head %2</source>
        <translation>第 %1 层 · 第 %2 头</translation>
    </message>
    <message>
        <source>head:</source>
        <translation>头：</translation>
    </message>
    <message>
        <source>Head %1 of layer %2 (%3): content %4 % · position %5 % (exact, RoPE)</source>
        <translation>第 %2 层第 %1 个头（%3）：内容 %4 % · 位置 %5 %（精确拆分，RoPE）</translation>
    </message>
    <message>
        <source>Layer %1: content and position of each head</source>
        <translation>第 %1 层：每个头的内容与位置</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::HeadsView</name>
    <message>
        <source>mostly first token</source>
        <translation>主要看第一个词元</translation>
    </message>
    <message>
        <source>mostly special</source>
        <translation>主要看特殊词元</translation>
    </message>
    <message>
        <source>mostly punctuation</source>
        <translation>主要看标点</translation>
    </message>
    <message>
        <source>mostly itself</source>
        <translation>主要看自己</translation>
    </message>
    <message>
        <source>mostly previous</source>
        <translation>主要看前一个词元</translation>
    </message>
    <message>
        <source>mostly next</source>
        <translation>主要看后一个词元</translation>
    </message>
    <message>
        <source>spread out (all &lt; 30 %)</source>
        <translation>分散（都 &lt; 30 %）</translation>
    </message>
    <message>
        <source>first</source>
        <translation>首词元</translation>
    </message>
    <message>
        <source>special</source>
        <translation>特殊</translation>
    </message>
    <message>
        <source>punct.</source>
        <translation>标点</translation>
    </message>
    <message>
        <source>self</source>
        <translation>自身</translation>
    </message>
    <message>
        <source>previous</source>
        <translation>前一个</translation>
    </message>
    <message>
        <source>next</source>
        <translation>后一个</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the census: the view shows the sentences counted so far.</source>
        <translation>停止普查：视图显示到目前为止统计过的句子。</translation>
    </message>
    <message>
        <source>Count again</source>
        <translation>重新统计</translation>
    </message>
    <message>
        <source>Run the census over the whole corpus again.</source>
        <translation>在整个语料上重新运行普查。</translation>
    </message>
    <message>
        <source>Corpus file…</source>
        <translation>语料文件…</translation>
    </message>
    <message>
        <source>Count over your own sentences: a UTF-8 text file, one sentence a line.</source>
        <translation>用你自己的句子统计：UTF-8 文本文件，每行一句。</translation>
    </message>
    <message>
        <source>Built-in corpus</source>
        <translation>内置语料</translation>
    </message>
    <message>
        <source>Count over the built-in sentences again.</source>
        <translation>改回用内置句子统计。</translation>
    </message>
    <message>
        <source>Where does each head look, over many sentences? Left: heads that attend alike sit close together. Middle: each head&apos;s share of attention on the first token, special tokens, punctuation, itself and its neighbours; the weighted shares count only what the head really moves (attention times the length of the value it carries), so a head that parks its attention on the first token without taking anything from it shows up pale there. Below: switch heads off and see whether the model can still tell 猫追老鼠 from 老鼠追猫 — 50 % means it no longer sees the order.</source>
        <translation>在许多句子上，每个头都在看哪里？左边：注意方式相近的头挨在一起。中间：每个头分给第一个词元、特殊词元、标点、自己和相邻词元的注意力比例；加权的比例只算这个头真正搬运的东西（注意力乘以它所取的值向量的长度），所以一个把注意力停在第一个词元上却什么也没取走的头，在那里颜色很浅。下面：关掉一些头，看模型还能不能分清 猫追老鼠 和 老鼠追猫——50 % 表示它已经看不出语序。</translation>
    </message>
    <message>
        <source>Counting: %1 of %2 sentences</source>
        <translation>正在统计：第 %1/%2 句</translation>
    </message>
    <message>
        <source>Type a sentence to load a model; the census then counts where its heads look.</source>
        <translation>输入一个句子来载入模型；普查随后统计它的各个头在看哪里。</translation>
    </message>
    <message>
        <source>The head census could not be run: %1</source>
        <translation>无法进行注意力头普查：%1</translation>
    </message>
    <message>
        <source>Counting where every head looks over the corpus…</source>
        <translation>正在语料上统计每个头在看哪里…</translation>
    </message>
    <message>
        <source>This model has no attention heads to count.</source>
        <translation>这个模型没有可统计的注意力头。</translation>
    </message>
    <message>
        <source>the built-in corpus</source>
        <translation>内置语料</translation>
    </message>
    <message>
        <source>Where each head looks: %1 sentences (%2 tokens) of %3, model intact</source>
        <translation>每个头在看哪里：%3中的 %1 个句子（%2 个词元），模型完整</translation>
    </message>
    <message>
        <source> — stopped early</source>
        <translation> ——提前停止</translation>
    </message>
    <message>
        <source>Heads that attend alike sit close</source>
        <translation>注意方式相近的头挨在一起</translation>
    </message>
    <message>
        <source>closer = attend more alike (the map keeps %1 %)</source>
        <translation>越近 = 注意方式越相似（这张图保留了 %1 % 的距离信息）</translation>
    </message>
    <message>
        <source>switched off in the other views</source>
        <translation>在其他视图中已关掉</translation>
    </message>
    <message>
        <source>Share of attention</source>
        <translation>注意力的比例</translation>
    </message>
    <message>
        <source>Value-weighted share</source>
        <translation>按值向量加权的比例</translation>
    </message>
    <message>
        <source>layer · head</source>
        <translation>层 · 头</translation>
    </message>
    <message>
        <source>Entropy</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <source>share of the head&apos;s attention</source>
        <translation>该头注意力的比例</translation>
    </message>
    <message>
        <source>output zeroed</source>
        <translation>输出置零</translation>
    </message>
    <message>
        <source>mean output</source>
        <translation>换成平均输出</translation>
    </message>
    <message>
        <source>uniform attention</source>
        <translation>平均注意力</translation>
    </message>
    <message>
        <source>Switch heads off (%1): can the model still tell 猫追老鼠 from 老鼠追猫? (%2 held-out reversal pairs)</source>
        <translation>关掉注意力头（%1）：模型还能分清 猫追老鼠 和 老鼠追猫 吗？（%2 对留出的主客颠倒句）</translation>
    </message>
    <message>
        <source>position heads of this model: %1; content: the mean of %3 sets of as many of its %2 heads (dots)</source>
        <translation>这个模型的位置头：%1；内容：从它的%2头中取同样多个，共 %3 组的平均（圆点为各组）</translation>
    </message>
    <message>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>content and mixed</source>
        <translation>内容和混合</translation>
    </message>
    <message>
        <source>this model has no position head over the corpus: its order lives in heads that also read content</source>
        <translation>在这个语料上，这个模型没有位置头：语序信息藏在那些也读内容的头里</translation>
    </message>
    <message>
        <source>none off</source>
        <translation>不关</translation>
    </message>
    <message>
        <source>position
heads</source>
        <translation>位置
头</translation>
    </message>
    <message>
        <source>content
heads</source>
        <translation>内容
头</translation>
    </message>
    <message>
        <source>chance 50</source>
        <translation>随机 50</translation>
    </message>
    <message>
        <source>reversal accuracy (%)</source>
        <translation>颠倒句准确率（%）</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::PcaView</name>
    <message>
        <source>PC1 and PC2</source>
        <translation>PC1 和 PC2</translation>
    </message>
    <message>
        <source>PC1 and PC3</source>
        <translation>PC1 和 PC3</translation>
    </message>
    <message>
        <source>PC2 and PC3</source>
        <translation>PC2 和 PC3</translation>
    </message>
    <message>
        <source>Axes:</source>
        <translation>坐标轴：</translation>
    </message>
    <message>
        <source>PC%1 / PC%2</source>
        <translation>PC%1 / PC%2</translation>
    </message>
    <message>
        <source>PCA needs at least two dimensions and a few vectors.</source>
        <translation>主成分分析 (PCA) 至少需要两个维度和几个向量。</translation>
    </message>
    <message>
        <source>PC%1 (%2 % of the variance)</source>
        <translation>PC%1（解释方差 %2 %）</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>P positions (path in order)</source>
        <translation>P 位置（按顺序连线）</translation>
    </message>
    <message>
        <source>E words</source>
        <translation>E 词</translation>
    </message>
    <message>
        <source>E + P in A: %1</source>
        <translation>A 中的 E + P：%1</translation>
    </message>
    <message>
        <source>E + P in B: %1</source>
        <translation>B 中的 E + P：%1</translation>
    </message>
    <message>
        <source>%1@%2</source>
        <translation>%1@%2</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>E, P and E + P on their two main directions (PCA), A and B on shared axes</source>
        <translation>E、P 和 E + P 投影到两个主方向上（PCA），A 与 B 共用坐标轴</translation>
    </message>
    <message>
        <source>Best for positions</source>
        <translation>最能分开位置</translation>
    </message>
    <message>
        <source>The word vectors squeezed onto two main directions (PCA). This scheme adds no position vector to the word: the input of the first layer is E itself, so the same word lands on one point in both sentences. Where the order comes in, the model has to find it inside attention (RoPE rotates queries and keys, ALiBi biases the scores; none has no order at all).</source>
        <translation>把词向量压到两个主方向上（PCA）。这种方案不给词加位置向量：第一层的输入就是 E 本身，所以同一个词在两个句子里落在同一个点上。语序只能在注意力内部体现（RoPE 旋转查询和键，ALiBi 给分数加偏置；none 则完全没有语序）。</translation>
    </message>
    <message>
        <source>The vectors squeezed onto two main directions (PCA); unless you pick a pair, the one on which the points stand furthest apart, named in the title. A word keeps one E point in both sentences; adding its position moves it along the arrow to E + P, so the same word at another place lands somewhere else, while staying near its word. The orange path visits the positions in order.</source>
        <translation>把向量压到两个主方向上（PCA）；若不手动选择，就用各点分得最开的那一对主成分，标题中会写明。一个词在两个句子里只有一个 E 点；加上位置后沿箭头移到 E + P，所以同一个词换了位置就落到别处，但仍靠近它的词。橙色折线按顺序连起各个位置。</translation>
    </message>
    <message>
        <source>Best for positions (PC%1 and PC%2)</source>
        <translation>最能分开位置（PC%1 和 PC%2）</translation>
    </message>
    <message>
        <source>PC%1 and PC%2</source>
        <translation>PC%1 和 PC%2</translation>
    </message>
    <message>
        <source>E, P and E + P on %1 (PCA), A and B on shared axes</source>
        <translation>E、P 和 E + P 投影到 %1 上（PCA），A 与 B 共用坐标轴</translation>
    </message>
    <message>
        <source>input (= E) in A: %1</source>
        <translation>A 中的输入（= E）：%1</translation>
    </message>
    <message>
        <source>input (= E) in B: %1</source>
        <translation>B 中的输入（= E）：%1</translation>
    </message>
    <message>
        <source>Word vectors on %1 (PCA), A and B on shared axes
this scheme adds no position vector, so E + P = E</source>
        <translation>词向量投影到 %1 上（PCA），A 与 B 共用坐标轴
这种方案不加位置向量，所以 E + P = E</translation>
    </message>
    <message>
        <source>E, P and E + P on %1 (PCA), the pair that keeps the points apart
A and B on shared axes</source>
        <translation>E、P 和 E + P 投影到 %1 上（PCA），这一对主成分最能把各点分开
A 与 B 共用坐标轴</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::PlotStyle</name>
    <message>
        <source>施事 agent</source>
        <translation>施事</translation>
    </message>
    <message>
        <source>动作 action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>受事 patient</source>
        <translation>受事</translation>
    </message>
    <message>
        <source>其他 other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>混合</translation>
    </message>
    <message>
        <source>P</source>
        <translation>位</translation>
    </message>
    <message>
        <source>C</source>
        <translation>内</translation>
    </message>
    <message>
        <source>M</source>
        <translation>混</translation>
    </message>
    <message>
        <source>position head</source>
        <translation>位置头</translation>
    </message>
    <message>
        <source>content head</source>
        <translation>内容头</translation>
    </message>
    <message>
        <source>mixed head</source>
        <translation>混合头</translation>
    </message>
    <message>
        <source>previous token</source>
        <translation>前一个词元</translation>
    </message>
    <message>
        <source>next token</source>
        <translation>后一个词元</translation>
    </message>
    <message>
        <source>self</source>
        <translation>自身</translation>
    </message>
    <message>
        <source>first token</source>
        <translation>第一个词元</translation>
    </message>
    <message numerus="yes">
        <source>%1 (one word in %n named)</source>
        <translation>
            <numerusform>%1（每 %n 个词元标注一个）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::PositionView</name>
    <message>
        <source>Curves from dimension:</source>
        <translation>曲线起始维度：</translation>
    </message>
    <message>
        <source>Each row is the vector added at one position: early dimensions wave fast, later ones slowly, so every position gets its own pattern. In the similarity map, every diagonal has one colour: how alike two positions are depends only on how far apart they are.</source>
        <translation>每一行是某个位置上要加的向量：前面的维度波动快，后面的波动慢，所以每个位置都有自己的图案。在相似度图中，每条对角线颜色都一样：两个位置有多相似，只取决于它们相距多远。</translation>
    </message>
    <message>
        <source>These position vectors were learned in training, one row per position. The similarity map shows which positions the model treats as alike; neighbours tend to be closer than distant places.</source>
        <translation>这些位置向量是训练中学出来的，每个位置一行。相似度图显示模型把哪些位置看作相似；相邻的位置往往比相距远的位置更接近。</translation>
    </message>
    <message>
        <source>RoPE adds nothing to the word vectors: it turns each pair of query and key dimensions by an angle that grows with the position. Attention then sees only the difference of the angles, i.e. the distance between two tokens.</source>
        <translation>RoPE 不往词向量上加任何东西：它把查询和键的每一对维度旋转一个角度，角度随位置增大。这样注意力只看到角度之差，也就是两个词元之间的距离。</translation>
    </message>
    <message>
        <source>ALiBi adds nothing to the word vectors: each head subtracts a penalty that grows with distance from its attention scores. Steep heads look nearby, shallow heads look far; here one side is charged double, so the heads also know left from right.</source>
        <translation>ALiBi 不往词向量上加任何东西：每个头从注意力分数中减去一个随距离增大的惩罚。斜率大的头看近处，斜率小的头看远处；这里一侧的惩罚加倍，所以头也能分清左右。</translation>
    </message>
    <message>
        <source>This model adds no position at all. Its input for 猫追老鼠 and 老鼠追猫 is the same set of rows in another order, so it cannot tell who chases whom.</source>
        <translation>这个模型完全不加位置。它对 猫追老鼠 和 老鼠追猫 的输入是同一组行，只是顺序不同，所以分不清谁追谁。</translation>
    </message>
    <message>
        <source>Type a sentence to see the position table.</source>
        <translation>输入一个句子，查看位置向量表。</translation>
    </message>
    <message>
        <source>No position vectors: this model adds nothing for the place of a word.
Reordering a sentence only reorders its rows.</source>
        <translation>没有位置向量：这个模型不为词所在的位置加任何东西。
调换句子的语序只会调换行的顺序。</translation>
    </message>
    <message>
        <source>dimension %1</source>
        <translation>维度 %1</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source> last token of A</source>
        <translation> A 的最后一个词元</translation>
    </message>
    <message>
        <source>Learned position table P (row = position)</source>
        <translation>学到的位置向量表 P（行 = 位置）</translation>
    </message>
    <message>
        <source>Sinusoidal position table P (row = position)</source>
        <translation>正弦位置向量表 P（行 = 位置）</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Chosen dimensions over position</source>
        <translation>所选维度随位置的变化</translation>
    </message>
    <message>
        <source>Similarity of positions (cosine)</source>
        <translation>位置之间的相似度（余弦）</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>RoPE: cosine of the rotation angle (row = position)</source>
        <translation>RoPE：旋转角的余弦（行 = 位置）</translation>
    </message>
    <message>
        <source>dimension pair</source>
        <translation>维度对</translation>
    </message>
    <message>
        <source>cos(angle)</source>
        <translation>cos(角度)</translation>
    </message>
    <message>
        <source>cos(angle) of chosen pairs over position</source>
        <translation>所选维度对的 cos(角度) 随位置的变化</translation>
    </message>
    <message>
        <source>Similarity of positions after rotation</source>
        <translation>旋转后位置之间的相似度</translation>
    </message>
    <message>
        <source>mean cos</source>
        <translation>平均 cos</translation>
    </message>
    <message>
        <source>head %1 · slope %2</source>
        <translation>头 %1 · 斜率 %2</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>bias added to the score</source>
        <translation>加到分数上的偏置</translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>Wavelength of each pair (no rope_scaling)</source>
        <translation>每一对维度的波长（无 rope_scaling）</translation>
    </message>
    <message>
        <source>Wavelengths: with and without rope_scaling</source>
        <translation>波长：有无 rope_scaling 对比</translation>
    </message>
    <message>
        <source>without scaling</source>
        <translation>不缩放</translation>
    </message>
    <message>
        <source>wavelength</source>
        <translation>波长</translation>
    </message>
    <message>
        <source>as the model computes</source>
        <translation>模型实际使用</translation>
    </message>
    <message>
        <source>positions per turn</source>
        <translation>转一圈的位置数</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::RecoverabilityView</name>
    <message>
        <source>Can you still tell the word and the place from the sum alone? With few dimensions, adding mixes them up; with more dimensions random vectors are nearly at right angles and both can be read back almost perfectly, without doubling the width as stacking (concatenation) would.</source>
        <translation>只看和向量，还能认出词和位置吗？维度少时，相加会把两者混在一起；维度多时，随机向量几乎互相垂直，两者都能几乎完美地还原，而且不必像拼接那样把宽度加倍。</translation>
    </message>
    <message>
        <source>Computing the recoverability curves…</source>
        <translation>正在计算可还原性曲线…</translation>
    </message>
    <message>
        <source>Reading word and position back from one vector (random tables: %1 words, %2 positions)</source>
        <translation>从一个向量还原词和位置（随机表：%1 个词，%2 个位置）</translation>
    </message>
    <message>
        <source>width d of each vector</source>
        <translation>每个向量的宽度 d</translation>
    </message>
    <message>
        <source>decoded correctly</source>
        <translation>正确还原的比例</translation>
    </message>
    <message>
        <source>add: word</source>
        <translation>相加：词</translation>
    </message>
    <message>
        <source>add: position</source>
        <translation>相加：位置</translation>
    </message>
    <message>
        <source>concatenate (2d): word</source>
        <translation>拼接 (2d)：词</translation>
    </message>
    <message>
        <source>concatenate (2d): position</source>
        <translation>拼接 (2d)：位置</translation>
    </message>
    <message>
        <source>this model&apos;s own tables (d = %1)</source>
        <translation>本模型自己的表（d = %1）</translation>
    </message>
    <message>
        <source>Recoverability</source>
        <translation>可还原性</translation>
    </message>
    <message>
        <source>The recoverability curves could not be computed for this model.</source>
        <translation>无法为这个模型计算可恢复性曲线。</translation>
    </message>
    <message>
        <source>word %1 %</source>
        <translation>词 %1 %</translation>
    </message>
    <message>
        <source>position %1 %</source>
        <translation>位置 %1 %</translation>
    </message>
    <message>
        <source>The recoverability curves are drawn for encoders (the built-in models and BERT);
they are not computed for decoders.</source>
        <translation>可还原性曲线只为编码器（内置模型和 BERT）绘制；
解码器不计算这些曲线。</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::ResidualView</name>
    <message>
        <source>Type a sentence to follow its vectors through the layers.</source>
        <translation>输入一个句子，看它的向量如何逐层变化。</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>%1: to own word E</source>
        <translation>%1：与自身词向量 E</translation>
    </message>
    <message>
        <source>%1: to own position P</source>
        <translation>%1：与自身位置向量 P</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>decoded</source>
        <translation>还原正确</translation>
    </message>
    <message>
        <source>cosine to own word</source>
        <translation>与自身词的余弦</translation>
    </message>
    <message>
        <source>Residual</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>Mean cosine to the token&apos;s own E and P</source>
        <translation>与自身 E、P 的平均余弦</translation>
    </message>
    <message>
        <source>Share of tokens still nearest to their own word</source>
        <translation>最近的词仍是自己的词元比例</translation>
    </message>
    <message>
        <source>%1: nearest word at each stage
(✓ its own word, ✗ another)</source>
        <translation>%1：每一步最近的词
（✓ 是它自己，✗ 是别的词）</translation>
    </message>
    <message>
        <source>Every layer adds its result to the vector it received instead of replacing it. At the input each token is nearest to its own word. Through the layers its cosine to its own word holds while its cosine to its position falls; where the nearest word changes, it is usually a word of the same kind: the layers add what the word does in this sentence.</source>
        <translation>每一层都把自己的结果加到它收到的向量上，而不是替换它。在输入处，每个词离得最近的正是它自己。经过各层以后，它和自己词向量的余弦基本不变，和位置向量的余弦却在下降；最近的词即使换了，也多半是同一类的词：各层添上的是这个词在这句话里的作用。</translation>
    </message>
    <message>
        <source>%1: nearest word is its own</source>
        <translation>%1：最近的词是它自己</translation>
    </message>
    <message>
        <source>This view decodes every stage by its nearest word row, which is not computed for decoders
(a search of their whole vocabulary at every layer). The built-in models and BERT show it.</source>
        <translation>这个视图用最近的词向量解读每一层，解码器不计算它
（那要在每一层搜索整个词表）。内置模型和 BERT 可以显示。</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::TokenCard</name>
    <message>
        <source>Not in the model&apos;s vocabulary: it reads as [UNK]</source>
        <translation>不在模型的词表中：会被读作 [UNK]</translation>
    </message>
    <message>
        <source>pos %1</source>
        <translation>位置 %1</translation>
    </message>
    <message>
        <source>→ %1 %2 %</source>
        <translation>→ %1 %2 %</translation>
    </message>
    <message>
        <source>What the model expects next:</source>
        <translation>模型预测的下一个词元：</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::TrainingView</name>
    <message>
        <source>also train one without positions</source>
        <translation>同时训练一个不带位置的模型</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <source>Positions:</source>
        <translation>位置编码：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Training is not available in this build yet: the trainer has not landed.</source>
        <translation>此版本暂不支持训练：训练功能还没有加入。</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>Choose a position scheme and press Train.
Loss and accuracy appear here as the model learns.</source>
        <translation>选择一种位置编码，然后点击“训练”。
模型学习时，损失和准确率会显示在这里。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train a small model on generated sentences to label who does what (施事 / 动作 / 受事 / 其他). Watch the right panel: on reversal pairs such as 猫追老鼠 / 老鼠追猫 the model with positions learns who is the agent, while the twin without positions stays at exactly 50 % — chance — because the two sentences are the same bag of words to it. Its overall accuracy (middle) still looks high: verbs and function words need no order.</source>
        <translation>在生成的句子上训练一个小模型，标出谁做了什么（施事 / 动作 / 受事 / 其他）。请看右边的图：在 猫追老鼠 / 老鼠追猫 这样的颠倒句对上，带位置的模型学会了谁是施事，而不带位置的那个始终正好是 50 %——和瞎猜一样——因为在它看来两句是同一袋词。它的总体准确率（中间的图）看起来仍然很高：动词和虚词不需要语序。</translation>
    </message>
    <message>
        <source>agents and patients right</source>
        <translation>施事和受事答对的比例</translation>
    </message>
    <message>
        <source>chance (50 %)</source>
        <translation>瞎猜（50 %）</translation>
    </message>
    <message>
        <source>Loss
(lower is better)</source>
        <translation>损失
（越低越好）</translation>
    </message>
    <message>
        <source>Role accuracy,
training sentences</source>
        <translation>语义角色准确率
（训练句）</translation>
    </message>
    <message>
        <source>Who does what: reversal pairs
(猫追老鼠 / 老鼠追猫)</source>
        <translation>谁做了什么：颠倒句对
（猫追老鼠 / 老鼠追猫）</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::VectorsView</name>
    <message>
        <source>Dimensions:</source>
        <translation>维数：</translation>
    </message>
    <message>
        <source>2-D</source>
        <translation>二维</translation>
    </message>
    <message>
        <source>3-D</source>
        <translation>三维</translation>
    </message>
    <message>
        <source>Selected token:</source>
        <translation>选中的词元：</translation>
    </message>
    <message>
        <source>Word table E (edit a value, press Enter)</source>
        <translation>词向量表 E（改数值后按回车）</translation>
    </message>
    <message>
        <source>Position table P</source>
        <translation>位置向量表 P</translation>
    </message>
    <message>
        <source>Adding is drawing one arrow after the other: the word arrow E, then the position arrow P, ends at E + P. The sum is a new point, yet both arrows can still be read back from it. Edit the tables to move the arrows.</source>
        <translation>相加就是把箭头首尾相接：先画词箭头 E，再接位置箭头 P，终点就是 E + P。和向量是一个新的点，但两支箭头仍能从中读出来。修改表中的数值可以移动箭头。</translation>
    </message>
    <message>
        <source>Each row is one token: its word vector E, its position vector P and the sum E + P that enters the model. The same word has the same E in both sentences; only P changes with its place. Red is positive, blue negative, on one scale for A and B.</source>
        <translation>每一行是一个词元：它的词向量 E、位置向量 P，以及送进模型的和向量 E + P。同一个词在两个句子里的 E 相同，只有 P 随位置变化。红色为正，蓝色为负，A 和 B 用同一色标。</translation>
    </message>
    <message>
        <source>token %1 (pos %2)</source>
        <translation>词元 %1（位置 %2）</translation>
    </message>
    <message>
        <source>%1: %2 (pos %3)</source>
        <translation>%1：%2（位置 %3）</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>d%1</source>
        <translation>d%1</translation>
    </message>
    <message>
        <source>pos %1</source>
        <translation>位置 %1</translation>
    </message>
    <message>
        <source>Type a sentence to see its vectors.</source>
        <translation>输入一个句子，查看它的向量。</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>%1 (%2, pos %3): the three vectors dimension by dimension</source>
        <translation>%1（%2，位置 %3）：三个向量逐维对比</translation>
    </message>
    <message>
        <source>E word</source>
        <translation>E 词向量</translation>
    </message>
    <message>
        <source>P position</source>
        <translation>P 位置向量</translation>
    </message>
    <message>
        <source>E + P sum</source>
        <translation>E + P 和向量</translation>
    </message>
    <message>
        <source>d1</source>
        <translation>d1</translation>
    </message>
    <message>
        <source>d2</source>
        <translation>d2</translation>
    </message>
    <message>
        <source>d3</source>
        <translation>d3</translation>
    </message>
    <message>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <source>Vectors</source>
        <translation>向量</translation>
    </message>
    <message>
        <source>E
word vectors</source>
        <translation>E
词向量</translation>
    </message>
    <message>
        <source>P
positions</source>
        <translation>P
位置向量</translation>
    </message>
    <message>
        <source>E + P
model input</source>
        <translation>E + P
模型输入</translation>
    </message>
    <message>
        <source>%1 at pos %2:
E %3
+ P %4
= E + P %5</source>
        <translation>%1 在位置 %2：
E %3
+ P %4
= E + P %5</translation>
    </message>
    <message>
        <source>E %1</source>
        <translation>E %1</translation>
    </message>
    <message>
        <source>P pos %1</source>
        <translation>P 位置 %1</translation>
    </message>
    <message>
        <source>E + P</source>
        <translation>E + P</translation>
    </message>
    <message>
        <source>E
word vectors × %1 (as added)</source>
        <translation>E
词向量 × %1（相加时的样子）</translation>
    </message>
    <message>
        <source>P
none added</source>
        <translation>P
没有加</translation>
    </message>
    <message>
        <source>E + P = E
model input</source>
        <translation>E + P = E
模型输入</translation>
    </message>
    <message>
        <source>P position (none added)</source>
        <translation>P 位置向量（没有加）</translation>
    </message>
</context>
<context>
    <name>orderlens::widgets::View</name>
    <message>
        <source>RoPE adds no position vector: it rotates queries and keys inside attention.</source>
        <translation>RoPE 不加位置向量：它在注意力内部旋转查询和键。</translation>
    </message>
    <message>
        <source>ALiBi adds no position vector: it lowers attention scores with distance.</source>
        <translation>ALiBi 不加位置向量：它让注意力分数随距离降低。</translation>
    </message>
    <message>
        <source>No position information at all: the model sees a bag of words.</source>
        <translation>完全没有位置信息：模型看到的只是一袋词。</translation>
    </message>
    <message>
        <source>This model adds no position vector.</source>
        <translation>这个模型不加位置向量。</translation>
    </message>
</context>
</TS>
