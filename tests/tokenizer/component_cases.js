// Small hand-written tokenizer.json files, one or two components each, and texts that exercise
// them; tests/tokenizer/generate_reference.js writes HuggingFace's outputs for them into
// tests/fixtures/tokenizer_reference/components.json (tests/core/test_hf_tokenizer_components.cpp).
//
// Most cases share a "probe" model: BPE over single characters with byte_fallback, so any text the
// normalizer or pre-tokenizer hands it gives ids that spell it out, and a few merges ("t h",
// "th e", ...) that show where words were cut (merges never cross a cut).
'use strict';

function probeModel(extra = {}) {
  const vocab = {};
  let id = 0;
  for (let b = 0; b < 256; ++b) vocab['<0x' + b.toString(16).toUpperCase().padStart(2, '0') + '>'] = id++;
  for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ▁.,!?\'-_#<>/|') vocab[c] = id++;
  for (const w of ['th', 'the', 'he', 'll', 'ell', 'hell', 'hello', '▁t', '▁th', '▁the', ' t', ' th', ' the', 'in', 'ing', '12', '123', 'ca', 'cat'])
    if (!(w in vocab)) vocab[w] = id++;
  for (const w of ['<unk>', '<s>', '</s>', '[CLS]', '[SEP]', '[MASK]', '<mask>', '<|endoftext|>']) vocab[w] = id++;
  const merges = [['t', 'h'], ['th', 'e'], ['h', 'e'], ['l', 'l'], ['e', 'll'], ['h', 'ell'], ['hell', 'o'], ['▁', 't'], ['▁t', 'h'],
                  ['▁th', 'e'], [' ', 't'], [' t', 'h'], [' th', 'e'], ['i', 'n'], ['in', 'g'], ['1', '2'], ['12', '3'], ['c', 'a'], ['ca', 't']];
  return Object.assign({ type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null,
                         fuse_unk: false, byte_fallback: true, ignore_merges: false, vocab, merges }, extra);
}

// BPE over GPT-2's byte alphabet (every byte a piece) with a few merges.
function byteLevelModel() {
  const vocab = {};
  const bs = [];
  for (let b = 33; b <= 126; ++b) bs.push(b);
  for (let b = 161; b <= 172; ++b) bs.push(b);
  for (let b = 174; b <= 255; ++b) bs.push(b);
  const cs = bs.slice();
  let n = 0;
  for (let b = 0; b < 256; ++b) if (!bs.includes(b)) { bs.push(b); cs.push(256 + n); ++n; }
  let id = 0;
  const order = bs.map((b, i) => [b, cs[i]]).sort((x, y) => x[0] - y[0]);
  for (const [, c] of order) vocab[String.fromCodePoint(c)] = id++;
  const merges = [['Ġ', 't'], ['Ġt', 'h'], ['Ġth', 'e'], ['t', 'h'], ['th', 'e'], ['ç', 'Į'], ['çĮ', '«'], ['Ġ', 'Ġ']];
  for (const [a, b] of merges) vocab[a + b] = id++;
  vocab['<|endoftext|>'] = id++;
  return { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
           fuse_unk: false, byte_fallback: false, vocab, merges };
}

function tokenizer(parts) {
  return Object.assign({ version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer: null, pre_tokenizer: null,
                         post_processor: null, decoder: null, model: probeModel() }, parts);
}

const words = ['the cat', 'hello  the', ' leading', 'trailing ', 'Hello, World!', 'tab\tand\nnewline', '12345 678',
               'café Café CAFÉ', 'e\u0301 ﬁ ½ Ⅻ', '猫追老鼠', 'x-y_z', '', ' ', '   three', 'ÀÉÎ straße İ'];
const bytePieces = ['the cat', ' the', '猫追老鼠', 'hi  there', ' ', 'a\nb', '😀 ok'];

const cases = [];
function add(name, parts, texts = words) { cases.push({ name, tokenizer: tokenizer(parts), texts }); }

// ---- models ----
add('bpe_pair_merges', { pre_tokenizer: { type: 'WhitespaceSplit' } });
{
  const m = probeModel();
  m.merges = m.merges.filter(([a, b]) => !(a + b).includes(' ')).map(([a, b]) => a + ' ' + b);
  add('bpe_string_merges', { model: m, pre_tokenizer: { type: 'WhitespaceSplit' } });
}
add('bpe_unk_not_fused', { model: probeModel({ byte_fallback: false }), pre_tokenizer: { type: 'WhitespaceSplit' } },
    ['the 猫追 cat', 'ÀÉ x ÀÉÎ', '😀😀']);
add('bpe_unk_fused', { model: probeModel({ byte_fallback: false, fuse_unk: true }), pre_tokenizer: { type: 'WhitespaceSplit' } },
    ['the 猫追 cat', 'ÀÉ x ÀÉÎ', '😀😀']);
add('bpe_no_unk_token', { model: probeModel({ byte_fallback: false, unk_token: null }), pre_tokenizer: { type: 'WhitespaceSplit' } },
    ['the 猫追 cat', 'a猫b']);
{
  const m = probeModel({ continuing_subword_prefix: '##', end_of_word_suffix: '</w>', byte_fallback: false });
  for (const w of ['##h', '##e', '##a', '##t', '##l', '##o', 'e</w>', '##e</w>', 't</w>', '##t</w>', '##he</w>', 'the</w>', '##at</w>', 'cat</w>', '##at'])
    m.vocab[w] = Object.keys(m.vocab).length;
  m.merges = [['t', '##h'], ['th', '##e</w>'], ['##h', '##e</w>'], ['c', '##a'], ['##a', '##t</w>'], ['c', '##at</w>']];
  m.vocab['th'] = Object.keys(m.vocab).length;
  m.vocab['ca'] = m.vocab['ca'];
  add('bpe_prefix_and_suffix', { model: m, pre_tokenizer: { type: 'WhitespaceSplit' } }, ['the cat', 'he at', 't', 'e']);
}
add('bpe_ignore_merges', { model: probeModel({ ignore_merges: true, vocab: Object.assign(probeModel().vocab, { 'thecat': 400 }) }),
                           pre_tokenizer: { type: 'WhitespaceSplit' } }, ['thecat the cat', 'thecats']);
{
  const vocab = { '[UNK]': 0, '[CLS]': 1, '[SEP]': 2, '[MASK]': 3 };
  for (const w of ['the', 'cat', 'chase', '##s', 'mouse', '##e', 'hello', ',', '!', '.', 'cafe', 'ca', '##fe', 'un', '##aff', '##able', '猫', '追', '老', '鼠', 'world'])
    vocab[w] = Object.keys(vocab).length;
  const wp = { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 8, vocab };
  add('wordpiece_bert', {
    model: wp,
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: ['[SEP]', 2], cls: ['[CLS]', 1] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  }, ['The cat chases the mouse.', 'Hello, World!', 'Café unaffable', '猫追老鼠', 'unaffableunaffable', 'xyz cat', 'the [MASK] cat',
      'a\u0000b\u200bc', '']);
  add('wordpiece_no_cleanup', {
    model: wp,
    normalizer: { type: 'BertNormalizer', clean_text: false, handle_chinese_chars: false, strip_accents: false, lowercase: false },
    pre_tokenizer: { type: 'Whitespace' },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: false },
  }, ['the cat chases , the mouse .', 'Café cafe', '猫追']);
}

// ---- normalizers ----
for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD']) add('normalizer_' + form.toLowerCase(), { normalizer: { type: form } });
add('normalizer_lowercase', { normalizer: { type: 'Lowercase' } });
add('normalizer_strip_both', { normalizer: { type: 'Strip', strip_left: true, strip_right: true } });
add('normalizer_strip_left', { normalizer: { type: 'Strip', strip_left: true, strip_right: false } });
add('normalizer_strip_accents', { normalizer: { type: 'Sequence', normalizers: [{ type: 'NFD' }, { type: 'StripAccents' }] } });
add('normalizer_replace_string', { normalizer: { type: 'Replace', pattern: { String: ' ' }, content: '▁' } });
add('normalizer_replace_regex', { normalizer: { type: 'Replace', pattern: { Regex: '\\s+' }, content: '_' } });
add('normalizer_replace_to_longer', { normalizer: { type: 'Replace', pattern: { String: 'a' }, content: 'the' } });
add('normalizer_prepend', { normalizer: { type: 'Prepend', prepend: '▁' } });
add('normalizer_bert_keep_case', { normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: true, lowercase: false } });
add('normalizer_sequence_llama', { normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '▁' }, { type: 'Replace', pattern: { String: ' ' }, content: '▁' }] } });

// ---- pre-tokenizers ----
for (const behavior of ['Removed', 'Isolated', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous'])
  for (const invert of [false, true]) {
    add(`split_regex_${behavior}_${invert ? 'inverted' : 'plain'}`, { pre_tokenizer: { type: 'Split', pattern: { Regex: '\\s+|[,!]' }, behavior, invert } });
    add(`split_string_${behavior}_${invert ? 'inverted' : 'plain'}`, { pre_tokenizer: { type: 'Split', pattern: { String: ' ' }, behavior, invert } });
  }
add('split_qwen_pattern', { pre_tokenizer: { type: 'Split', pattern: { Regex: "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+" }, behavior: 'Isolated', invert: false } },
    words.concat(["I'M HERE", 'a\u000bb\u0085c', "it's  \n\n ok"]));
for (const scheme of ['always', 'first', 'never'])
  for (const split of [true, false])
    add(`metaspace_${scheme}_${split ? 'split' : 'whole'}`, {
      pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: scheme, split },
      decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: scheme, split },
      added_tokens: [{ id: 300, content: '<s>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
    }, words.concat(['<s>the cat', 'the<s> cat']));
add('whitespace', { pre_tokenizer: { type: 'Whitespace' } });
add('whitespace_split', { pre_tokenizer: { type: 'WhitespaceSplit' } });
add('bert_pre_tokenizer', { pre_tokenizer: { type: 'BertPreTokenizer' } });
add('digits_individual', { pre_tokenizer: { type: 'Digits', individual_digits: true } });
add('digits_grouped', { pre_tokenizer: { type: 'Digits', individual_digits: false } }, words.concat(['a1b22c333', '١٢٣ ½']));
for (const behavior of ['Isolated', 'Removed', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous'])
  add('punctuation_' + behavior, { pre_tokenizer: { type: 'Punctuation', behavior } }, words.concat(['a..b!?c', '“quoted”！']));
add('pre_tokenizer_sequence', { pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'Digits', individual_digits: true }, { type: 'Punctuation' }] } });
for (const prefix of [false, true])
  for (const regex of [false, true])
    add(`byte_level_${prefix ? 'prefix' : 'noprefix'}_${regex ? 'regex' : 'noregex'}`, {
      model: byteLevelModel(),
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: prefix, trim_offsets: true, use_regex: regex },
      decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    }, bytePieces);

// ---- added tokens ----
{
  const added = (content, id, o) => Object.assign({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: false }, o);
  add('added_special_and_plain', {
    pre_tokenizer: { type: 'WhitespaceSplit' },
    added_tokens: [added('<s>', 300, { special: true }), added('cat', 301, {}), added('<mask>', 302, { special: true })],
  }, ['<s>the cat</s>', 'concatenate cat', '<s><s>', 'the<mask>cat', '<mask> <s> cat']);
  add('added_single_word', {
    pre_tokenizer: { type: 'WhitespaceSplit' },
    added_tokens: [added('cat', 301, { single_word: true }), added('<mask>', 302, { single_word: true, special: true })],
  }, ['the cat', 'concatenate cat', 'cat', 'cats cat!', 'a<mask>b <mask> c', 'é<mask>', '猫cat']);
  add('added_lstrip_rstrip', {
    pre_tokenizer: { type: 'WhitespaceSplit' },
    added_tokens: [added('<mask>', 302, { lstrip: true, rstrip: true, special: true }), added('<s>', 300, { lstrip: true, special: true }),
                   added('</s>', 303, { rstrip: true, special: true })],
  }, ['the   <mask>   cat', '<mask>', '  <s>  x  </s>  y', 'a <mask> <mask> b', 'a\t<mask>\n\nb']);
  add('added_normalized', {
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'WhitespaceSplit' },
    added_tokens: [added('HELLO', 310, { normalized: true }), added('<S>', 311, { normalized: false, special: true })],
  }, ['hello Hello HELLO', '<S> <s>', 'sayhellotome']);
  add('added_longest_first', {
    added_tokens: [added('<|a|>', 320, { special: true }), added('<|a|><|b|>', 321, { special: true }), added('<|', 322, {})],
  }, ['x<|a|><|b|>y', '<|a|>', '<|c|>', '<|a|<|a|>']);
}

// ---- post-processors ----
add('template_bos_eos', {
  pre_tokenizer: { type: 'WhitespaceSplit' },
  post_processor: { type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
    pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
    special_tokens: { '<s>': { id: '<s>', ids: [263], tokens: ['<s>'] }, '</s>': { id: '</s>', ids: [264], tokens: ['</s>'] } } },
}, ['the cat', '', 'x']);
add('template_multi_id', {
  pre_tokenizer: { type: 'WhitespaceSplit' },
  post_processor: { type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: 'PRE', type_id: 1 } }, { Sequence: { id: 'A', type_id: 2 } }],
    pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
    special_tokens: { PRE: { id: 'PRE', ids: [265, 266], tokens: ['[CLS]', '[SEP]'] } } },
}, ['the cat']);
add('bert_processing', { pre_tokenizer: { type: 'WhitespaceSplit' }, post_processor: { type: 'BertProcessing', sep: ['[SEP]', 266], cls: ['[CLS]', 265] } }, ['the cat', '']);
for (const trim of [false, true])
  add(`roberta_processing_${trim ? 'trim' : 'notrim'}`, {
    model: byteLevelModel(),
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: trim, add_prefix_space: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  }, bytePieces);
for (const trim of [false, true])
  add(`byte_level_processor_${trim ? 'trim' : 'notrim'}`, {
    model: byteLevelModel(),
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: trim, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  }, bytePieces.concat(['a   b', '  x  ']));
add('processor_sequence', {
  model: byteLevelModel(),
  pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
  post_processor: { type: 'Sequence', processors: [
    { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    { type: 'TemplateProcessing', single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '<|endoftext|>', type_id: 0 } }],
      pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
      special_tokens: { '<|endoftext|>': { id: '<|endoftext|>', ids: [264], tokens: ['<|endoftext|>'] } } }] },
  decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
}, bytePieces);

// ---- decoders (the "decoded" field) ----
add('decoder_llama2_chain', {
  normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '▁' }, { type: 'Replace', pattern: { String: ' ' }, content: '▁' }] },
  decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '▁' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' },
                                           { type: 'Strip', content: ' ', start: 1, stop: 0 }] },
}, words.concat(['😀 and 猫', 'é']));
add('decoder_strip_both_ends', { pre_tokenizer: { type: 'WhitespaceSplit' }, decoder: { type: 'Strip', content: 'e', start: 2, stop: 1 } }, ['the cat hello']);
add('decoder_replace_regex', { pre_tokenizer: { type: 'WhitespaceSplit' }, decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { Regex: '[aeiou]' }, content: '*' }, { type: 'Fuse' }] } }, ['the cat', 'hello']);
add('decoder_byte_fallback_broken', { decoder: { type: 'ByteFallback' } }, ['猫', 'a猫b']);

module.exports = cases;
module.exports.probeModel = probeModel;
module.exports.byteLevelModel = byteLevelModel;
