// Small hand-written tokenizer.json files, one or two components each, and texts that exercise
// them; tests/tokenizer/generate_reference.js writes HuggingFace's outputs for them.
'use strict';
module.exports = [];
