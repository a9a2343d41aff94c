#!/usr/bin/env node
// ONNX Runtime twin of `orderlens bench`'s bert_base_forward_* figures:
//
//   npm install --prefix DIR --ignore-scripts onnxruntime-node@1.30.0   (once; the CPU library ships
//                                                                       in the package)
//   /usr/bin/python3 tests/perf/onnx_bert_export.py DIR/bert.onnx       (once)
//   NODE_PATH=DIR/node_modules node tests/perf/ort_bert_forward.js DIR/bert.onnx [--threads N] [--json]
//
// The same BERT-base module as tests/perf/torch_bert_forward.py, every attention map an output.
// ONNX Runtime's CPU provider, all graph optimizations, sequential execution, intra-op threads: its
// default (one per physical core) unless --threads is given. Same token ids and repetition
// counts as the C++ bench; medians in ms.
'use strict';
const os = require('os');
const ort = require('onnxruntime-node');

const REPEATS = {8: 15, 32: 15, 128: 9, 512: 5};
const VOCAB = 21128;

function median(values)
{
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main()
{
    const args = process.argv.slice(2);
    const model = args.find(a => !a.startsWith('--') && !/^\d+$/.test(a));
    if (!model) {
        console.error('usage: ort_bert_forward.js MODEL.onnx [--threads N] [--json]');
        process.exit(2);
    }
    const threadsAt = args.indexOf('--threads');
    const threads = threadsAt >= 0 ? Number(args[threadsAt + 1]) : 0;  // 0: ONNX Runtime's default
    const json = args.includes('--json');
    const options = {executionProviders: ['cpu'], graphOptimizationLevel: 'all', executionMode: 'sequential'};
    if (threads > 0)
        options.intraOpNumThreads = threads;
    const session = await ort.InferenceSession.create(model, options);
    const figures = {};
    const config = {onnxruntime: require('onnxruntime-node/package.json').version,
                    intra_op_threads: threads > 0 ? String(threads) : 'default (' + os.cpus().length + ' cores seen)',
                    graph_optimization: 'all'};
    if (!json)
        console.log(`# ONNX Runtime ${config.onnxruntime} CPU, intra-op threads ${config.intra_op_threads}, graph optimizations all`);
    for (const [tokenText, repeats] of Object.entries(REPEATS)) {
        const tokens = Number(tokenText);
        const ids = new BigInt64Array(tokens);
        for (let t = 0; t < tokens; ++t)
            ids[t] = BigInt(5 + (t * 7) % (VOCAB - 5));
        const feeds = {input_ids: new ort.Tensor('int64', ids, [1, tokens]),
                       token_type_ids: new ort.Tensor('int64', new BigInt64Array(tokens), [1, tokens])};
        await session.run(feeds);  // warm-up
        const times = [];
        for (let r = 0; r < repeats; ++r) {
            const start = process.hrtime.bigint();
            await session.run(feeds);
            times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        const name = `ort_bert_base_forward_${tokens}tok`;
        figures[name] = median(times);
        if (!json)
            console.log(`${name.padEnd(34)} ${figures[name].toFixed(3).padStart(10)} ms`);
    }
    if (json)
        console.log(JSON.stringify(Object.assign(config, {figures}), null, 2));
}

main().catch(error => {
    console.error(error.message || error);
    process.exit(1);
});
