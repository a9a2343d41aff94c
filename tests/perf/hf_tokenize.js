#!/usr/bin/env node
// HuggingFace's tokenizers (npm `tokenizers`, the official binding of the Rust library) on the
// text `orderlens bench --only tokenize` tokenizes: 1 MB of mixed Chinese and English, with Qwen3's
// tokenizer.json, in one encode call; the median of 5 runs after a warm-up, as the bench does.
//   (cd /tmp/ref && npm install --ignore-scripts tokenizers@0.23.2)
//   NODE_PATH=/tmp/ref/node_modules node tests/perf/hf_tokenize.js [build/tokenizers/qwen3/tokenizer.json]
'use strict';
const path = require('path');
const { Tokenizer } = require('tokenizers');

// The same text as mixedBenchText() in app/bench.cpp.
function mixedBenchText() {
  const sentences = [
    '猫追老鼠，老鼠跑进了洞里。', 'The cat chases the mouse across the kitchen floor.',
    '位置向量加在词向量上，模型怎么还知道词序？', 'A Transformer adds a position vector to each word vector.',
    '今天天气很好，我们去公园散步吧！', 'How can the sum still mean the word, and how does the model know the order?',
    '注意力机制让每个词都能看到句子里的其他词。', 'Tokenizers turn text into the ids a model was trained with.',
    '北京是中国的首都，上海是最大的城市。', 'We measured the speed on one core of a shared machine.',
    '老师在黑板上写了一个很长的句子。', 'OpenAI GPT-2, Meta LLaMA and Alibaba Qwen use byte-level BPE.',
  ];
  const parts = [];
  let bytes = 0;
  for (let i = 0; bytes < (1 << 20); ++i) {
    const k = (i * 7) % sentences.length;
    const piece = sentences[k] + (k % 2 === 0 ? '第' + i + '段' : ' part ' + i) + (i % 3 === 2 ? '\n' : ' ');
    parts.push(piece);
    bytes += Buffer.byteLength(piece, 'utf8');
  }
  return parts.join('');
}

(async () => {
  const file = process.argv[2] || path.join(__dirname, '..', '..', 'build', 'tokenizers', 'qwen3', 'tokenizer.json');
  let start = process.hrtime.bigint();
  const t = Tokenizer.fromFile(file);
  const loadMs = Number(process.hrtime.bigint() - start) / 1e6;
  const text = mixedBenchText();
  let tokens = (await t.encode(text, null, { addSpecialTokens: false })).getIds().length;  // warm-up
  const times = [];
  for (let r = 0; r < 5; ++r) {
    start = process.hrtime.bigint();
    tokens = (await t.encode(text, null, { addSpecialTokens: false })).getIds().length;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`# tokenize: ${Buffer.byteLength(text, 'utf8')} bytes of mixed Chinese/English -> ${tokens} Qwen3 tokens`);
  console.log(`hf_tokenize_qwen3_load  ${loadMs.toFixed(1)} ms`);
  console.log(`hf_tokenize_qwen3_1mb   ${times[2].toFixed(1)} ms (median of 5; runs ${times.map((x) => x.toFixed(0)).join(' ')})`);
})();
