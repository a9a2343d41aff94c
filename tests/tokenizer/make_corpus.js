#!/usr/bin/env node
// Writes tests/fixtures/tokenizer_corpus.json: the texts on which OrderLens's tokenizer.json
// reader must agree with HuggingFace's tokenizers id for id (tests/tokenizer/generate_reference.js
// writes the expected ids). The base texts below are written for OrderLens; the variants around
// them (leading and trailing spaces, tabs, newlines, NFD, special tokens written in the text)
// are made deterministically, so the file is the same on every run.
'use strict';
const fs = require('fs');
const path = require('path');

const base = [
  // Chinese: the showcase and classroom sentences
  '猫追老鼠', '老鼠追猫', '老鼠被猫追', '猫把老鼠抓了', '小猫在院子里追一只灰色的老鼠。',
  '位置向量加在词向量上，模型怎么还知道词序？', '我们今天学习 Transformer 的位置编码。',
  '北京是中国的首都，上海是最大的城市。', '他说：“你好！”她回答：“再见。”',
  '《红楼梦》是曹雪芹写的长篇小说。', '一二三四五六七八九十', '今天天气很好，我们去公园散步吧！',
  '这个句子里有逗号、顿号、分号；还有问号？', '数学：一加一等于二。', '学而时习之，不亦说乎？',
  '人工智能正在改变世界', '注意力机制让每个词都能看到其他词', '语序透镜', '词嵌入与位置编码相加',
  '天下大势，分久必合，合久必分。', '繁體中文：這是一個測試句子。', '我爱吃苹果和香蕉', '猫猫猫猫猫猫猫猫',
  '鼠标和键盘', '龘靐齉麤', '〇', '中文标点：，。！？；：“”‘’（）【】《》——……',
  // English
  'The cat chases the mouse.', 'The mouse chases the cat.', 'Hello, world!', "I'm sure it's fine; we'll see, they've said, you'd know.",
  "DON'T SHOUT. I'LL LISTEN. IT'S LOUD.", 'A Transformer adds a position vector to each word vector.',
  'How can the sum still mean the word?', 'the quick brown fox jumps over the lazy dog',
  'THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG', 'Tokenization is the first step of every language model.',
  'antidisestablishmentarianism', 'supercalifragilisticexpialidocious', 'pneumonoultramicroscopicsilicovolcanoconiosis',
  'e.g. i.e. etc. Mr. Mrs. Dr. St.', 'rock-and-roll, mother-in-law, state-of-the-art', 'a', 'I', '.', '!',
  'OpenAI GPT-2, Meta LLaMA-3, Alibaba Qwen3', 'x = y + z', 'ALLCAPS and camelCase and snake_case and kebab-case',
  "O'Reilly's book isn't 'quoted' \"double\"", '    indented text', 'end with spaces    ',
  // mixed
  '我用 Python 写了一个 tokenizer。', 'GPT-2 把"猫"切成了三个字节', 'Qwen3 模型有 151643 个词', '第3章 Chapter 3',
  'iPhone 15 Pro Max 售价 9999 元', '用 C++20 和 Qt 6 写的桌面程序', 'Hello你好World世界', '张三(Zhang San)是学生',
  'AI（人工智能）和 ML（机器学习）', 'Transformer模型的attention层', '2024年12月2日 星期一',
  // numbers and dates
  '1234567890', '3.14159265358979', '2026-12-02T18:55:00Z', '12/02/2026', '1,000,000', '$19.99', '€5,50', '¥100', '-42', '+7 (495) 123-45-67',
  '10%', '1e-12', '0x1F600', '١٢٣٤٥', '１２３４５６', '①②③', 'Ⅻ', '½ ¾ ⅓', '99 bottles of beer', 'v1.2.3-rc.4',
  // full-width and ASCII punctuation
  '！＂＃＄％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', '．．．。。。...', '——--–—',
  'ＡＢＣａｂｃ', 'Ｈｅｌｌｏ　Ｗｏｒｌｄ', '「引用」『二重』', '“smart quotes” and ‘single’', '…', '¿Qué? ¡Sí!',
  // whitespace
  'two  spaces', 'three   spaces', 'tab\there', 'tabs\t\t\tmany', 'line\nbreak', 'lines\n\n\nmany', 'crlf\r\nline', 'mixed \t \n \r\n end',
  ' ', '  ', '\t', '\n', '\n\n', ' \n ', 'trailing newline\n', '\nleading newline', 'nbsp\u00a0here', 'ideographic\u3000space',
  'thin\u2009space', 'zero\u200bwidth', 'vertical\u000btab', 'next\u0085line', 'form\u000cfeed', 'line\u2028separator',
  '中文\n换行', '中文  两个空格', '   前面有空格', '后面有空格   ',
  // emoji
  '😀', '😀😃😄', '👍🏽', '👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '❤️', '🇨🇳🇺🇸', '🐱追🐭', 'I ❤️ NY', '👋🏿 hi 👋🏻', '🧑🏾‍🚀 astronaut',
  '😀 😀  😀', '🤖🤖🤖🤖🤖🤖', '✅ done ❌ failed', '🙂‍↔️',
  // accents: NFC and NFD are made below
  'café', 'naïve façade', 'Ångström', 'São Paulo', 'Zürich über Köln', 'résumé', 'crème brûlée', 'Dvořák', 'Łódź', 'ﬁ ligature ﬂ',
  'ÀÉÎÕÜ àéîõü', 'Ελληνικά γλώσσα', 'Русский язык', 'Tiếng Việt có dấu', 'İstanbul ıi', 'straße STRASSE',
  // Japanese, Korean, Arabic and more scripts
  '吾輩は猫である。名前はまだ無い。', 'ひらがなとカタカナ', 'カタカナ・テスト', 'ｶﾀｶﾅ半角', '東京タワーは333メートルです。',
  '안녕하세요, 세계!', '한국어 문장입니다.', '고양이가 쥐를 쫓는다', 'مرحبا بالعالم', 'القط يطارد الفأر.', 'العربية ١٢٣',
  'שלום עולם', 'नमस्ते दुनिया', 'สวัสดีครับ', 'ქართული', 'Հայերեն', 'አማርኛ', 'ᚠᚢᚦᚨᚱᚲ', '𝕳𝖊𝖑𝖑𝖔', '𝟏𝟐𝟑',
  // code
  'def f(x):\n    return x * 2\n', 'int main() { return 0; }', 'for (int i = 0; i < n; ++i) {\n\tsum += a[i];\n}',
  'const t = await tokenizer.encode(text);', 'SELECT * FROM users WHERE id = 42;', '#include <iostream>',
  'if x != None and y >= 3: pass', '<div class="a">text</div>', '{"key": "value", "n": [1, 2, 3]}',
  '    if (a && b || !c) { x <<= 2; }', 'λx. x + 1', 'std::vector<std::string> names;', '// comment\n/* block */',
  '$ ls -la | grep "tok" > out.txt 2>&1', 'a_b_c__d___e', '```cpp\nauto x = 1;\n```',
  // URLs and addresses
  'https://huggingface.co/Qwen/Qwen3-0.6B/blob/main/tokenizer.json', 'http://example.com/path?q=1&r=two#frag',
  'user@example.com', 'ftp://files.example.org/pub/file.tar.gz', 'www.例子.中国', 'C:\\Users\\name\\file.txt', '/usr/local/bin/orderlens',
  // special tokens written in the text
  '<|endoftext|>', 'before<|endoftext|>after', 'a <|endoftext|> b', '<|im_start|>user\n你好<|im_end|>\n<|im_start|>assistant\n',
  '<s>', '</s>', '<s>hello</s>', '<s> spaced </s>', '<unk>', '<|begin_of_text|>hi<|end_of_text|>', '<|eot_id|>', '<|start_header_id|>user<|end_header_id|>',
  '<|endoftext|><|endoftext|>', '<|endoftext', 'endoftext|>', '<|im_start|>', '<pad>', '[CLS] [SEP] [MASK]', '<|fim_prefix|>x<|fim_suffix|>', '<think>reason</think>',
];

const corpus = [];
const seen = new Set();
function add(t) { if (!seen.has(t)) { seen.add(t); corpus.push(t); } }

for (const t of base) add(t);
// Unicode forms of the accented and composed texts.
for (const t of base) {
  const d = t.normalize('NFD');
  if (d !== t) add(d);
  const kc = t.normalize('NFKC');
  if (kc !== t) add(kc);
}
// Spaces, tabs and newlines around and inside.
const decorations = [
  (t) => ' ' + t, (t) => t + ' ', (t) => '  ' + t + '  ', (t) => '\t' + t, (t) => t + '\n', (t) => '\n' + t + '\n\n',
  (t) => t.split(' ').join('  '), (t) => t.split(' ').join('\t'), (t) => t + ' ' + t,
];
base.forEach((t, i) => add(decorations[i % decorations.length](t)));
base.forEach((t, i) => add(decorations[(i * 7 + 3) % decorations.length](t)));
// Pairs of texts of different kinds, glued with and without a space.
for (let i = 0; i + 37 < base.length; i += 5) {
  add(base[i] + base[i + 37]);
  add(base[i] + ' ' + base[i + 37]);
}
// Special tokens between other texts.
const specials = ['<|endoftext|>', '<s>', '</s>', '<|im_start|>', '<|begin_of_text|>', '<unk>'];
for (let i = 0; i < 60; ++i) {
  const s = specials[i % specials.length];
  const a = base[(i * 13) % base.length], b = base[(i * 29 + 5) % base.length];
  add([a + s + b, a + ' ' + s + ' ' + b, s + a, a + s][i % 4]);
}
// Long words (300 characters and more) and long runs.
add('a'.repeat(300));
add('ab'.repeat(150));
add('猫'.repeat(300));
add('x'.repeat(1000));
add(' '.repeat(300));
add('\n'.repeat(50));
add('😀'.repeat(100));
add('1'.repeat(300));
add('Supercalifragilistic'.repeat(15));
add('中文English混合'.repeat(20));
add('!'.repeat(300));
add('é'.normalize('NFD').repeat(100));
// Longer paragraphs, made of the base texts in order.
for (let i = 0; i < base.length; i += 20)
  add(base.slice(i, i + 20).join(i % 40 === 0 ? ' ' : '\n'));

const out = path.join(__dirname, '..', 'fixtures', 'tokenizer_corpus.json');
fs.writeFileSync(out, JSON.stringify(corpus, null, 0).replace(/","/g, '",\n"') + '\n');
console.log(`${corpus.length} texts -> ${out}`);
