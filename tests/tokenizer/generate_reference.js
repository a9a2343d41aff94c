#!/usr/bin/env node
// Writes the ids HuggingFace's tokenizers (the npm package `tokenizers`, the official binding of
// the Rust library) gives for every text of tests/fixtures/tokenizer_corpus.json, with the four
// real tokenizers, into tests/fixtures/tokenizer_reference/<name>.json, and the outputs of the
// small hand-written tokenizer.json cases of tests/tokenizer/component_cases.js into
// tests/fixtures/tokenizer_reference/components.json. The C++ tests compare with these files;
// they need no node.
//
// Usage (once, by hand; the outputs are committed):
//   (cd /tmp/ref && npm install --ignore-scripts tokenizers@0.23.2)
//   scripts/fetch-tokenizers.sh
//   NODE_PATH=/tmp/ref/node_modules node tests/tokenizer/generate_reference.js [TOKENIZER_DIR]
// TOKENIZER_DIR is the folder scripts/fetch-tokenizers.sh fills (default build/tokenizers).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Tokenizer } = require('tokenizers');

const root = path.join(__dirname, '..', '..');
const dir = process.argv[2] || path.join(root, 'build', 'tokenizers');
const outDir = path.join(root, 'tests', 'fixtures', 'tokenizer_reference');
fs.mkdirSync(outDir, { recursive: true });

// GPT-2's tokenizer.json as HuggingFace writes it for the vocab.json + merges.txt folder
// (transformers' GPT2TokenizerFast): byte-level BPE, <|endoftext|> the one added token.
function gpt2TokenizerJson(folder) {
  const vocab = JSON.parse(fs.readFileSync(path.join(folder, 'vocab.json'), 'utf8'));
  const merges = fs.readFileSync(path.join(folder, 'merges.txt'), 'utf8').split('\n')
    .filter((line, i) => line.length > 0 && !(i === 0 && line.startsWith('#version')));
  return {
    version: '1.0', truncation: null, padding: null,
    added_tokens: [{ id: vocab['<|endoftext|>'], content: '<|endoftext|>', single_word: false, lstrip: false,
                     rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '',
             fuse_unk: false, byte_fallback: false, vocab, merges },
  };
}

function tokenizerFromObject(obj) {
  const file = path.join(os.tmpdir(), `orderlens-ref-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(obj));
  try { return Tokenizer.fromFile(file); } finally { fs.unlinkSync(file); }
}

async function encode(t, text, addSpecialTokens) {
  const e = await t.encode(text, null, { addSpecialTokens });
  return { ids: e.getIds(), tokens: e.getTokens(), offsets: e.getOffsets() };
}

async function corpusReference() {
  const corpus = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'tokenizer_corpus.json'), 'utf8'));
  const tokenizers = {
    gpt2: tokenizerFromObject(gpt2TokenizerJson(path.join(dir, 'gpt2'))),
    qwen3: Tokenizer.fromFile(path.join(dir, 'qwen3', 'tokenizer.json')),
    llama2: Tokenizer.fromFile(path.join(dir, 'llama2', 'tokenizer.json')),
    llama3: Tokenizer.fromFile(path.join(dir, 'llama3', 'tokenizer.json')),
  };
  for (const [name, t] of Object.entries(tokenizers)) {
    const plain = [], offsets = [], special = [];
    for (const text of corpus) {
      const a = await encode(t, text, false);
      const b = await encode(t, text, true);
      plain.push(a.ids);
      offsets.push(a.offsets.flat());
      special.push(b.ids);
    }
    const out = { tokenizer: name, reference: 'tokenizers (npm) ' + require('tokenizers/package.json').version,
                  texts: corpus.length, ids: plain, ids_with_special_tokens: special, offsets };
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(out) + '\n');
    console.log(`${name}: ${corpus.length} texts, ${plain.reduce((n, x) => n + x.length, 0)} tokens`);
  }
}

async function componentReference() {
  const cases = require('./component_cases.js');
  // The models most cases share are written once, and named in the cases that use them.
  const shared = { probe: cases.probeModel(), byte_level: cases.byteLevelModel() };
  const out = { models: shared, cases: [] };
  for (const c of cases) {
    const t = tokenizerFromObject(c.tokenizer);  // throws when HuggingFace refuses the case: fix the case
    const results = [];
    for (const text of c.texts) {
      const a = await encode(t, text, false);
      const b = await encode(t, text, true);
      results.push({ text, ids: a.ids, tokens: a.tokens, offsets: a.offsets.flat(), ids_with_special_tokens: b.ids,
                     tokens_with_special_tokens: b.tokens, decoded: await t.decode(a.ids, false) });
    }
    const tokenizer = Object.assign({}, c.tokenizer);
    for (const [name, model] of Object.entries(shared))
      if (JSON.stringify(model) === JSON.stringify(tokenizer.model)) tokenizer.model = name;
    out.cases.push({ name: c.name, tokenizer, results });
  }
  fs.writeFileSync(path.join(outDir, 'components.json'),
                   '{"models":' + JSON.stringify(shared) + ',\n"cases":[\n' + out.cases.map((c) => JSON.stringify(c)).join(',\n') + ']}\n');
  console.log(`components: ${out.cases.length} cases`);
}

(async () => {
  if (process.argv.includes('--components-only')) return componentReference();
  await componentReference();
  await corpusReference();
})().catch((e) => { console.error(e); process.exit(1); });
