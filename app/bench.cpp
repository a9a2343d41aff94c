#include "bench.h"

#include "alignment.h"
#include "bert_checkpoint.h"
#include "decoder.h"
#include "head_census.h"
#include "head_roles.h"
#include "kernels/product.h"
#include "library_product.h"
#include "hf_tokenizer.h"
#include "model.h"
#include "pca.h"
#include "recoverability.h"
#include "residual.h"
#include "exporter.h"
#include "main_window.h"
#include "model_catalog.h"
#include "trainer.h"
#include "view_bench.h"

#include <Eigen/Core>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <algorithm>
#include <bit>
#include <map>
#include <omp.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>


namespace orderlens::app {

namespace {

// BERT-base shape (bert-base-chinese without its file): 12 layers, 768 wide, 12 heads, FFN 3072,
// 512 positions, post-LN, random weights. tests/perf/torch_bert_forward.py runs the same in PyTorch.
ModelConfig bertBaseConfig()
{
    ModelConfig c;
    c.d_model = 768;
    c.n_heads = 12;
    c.n_layers = 12;
    c.d_ff = 3072;
    c.max_len = 512;
    c.norm = NormPlacement::Post;
    c.activation = Activation::Gelu;
    c.ln_eps = 1e-12f;
    c.n_roles = 0;
    c.type_vocab = 2;
    c.pe = PositionScheme::Learned;
    c.embedding_norm = true;
    c.final_norm = false;
    return c;
}

// ---- Peers: the same BERT-base module in PyTorch and ONNX Runtime (tests/perf), run as child
// processes after OrderLens's own figures, each in its fastest configuration on this machine, so
// the README's ratios come from one run. Skipped (with a line saying how to install them) when
// they are not there.

QString perfDir()
{
#ifdef ORDERLENS_SOURCE_DIR
    const QString dir = QStringLiteral(ORDERLENS_SOURCE_DIR "/tests/perf");
    if (QFileInfo::exists(dir + QStringLiteral("/ort_bert_forward.js")))
        return dir;
#endif
    return {};
}

// Where tests/perf/setup-peers.sh put onnxruntime-node and the exported model:
// $ORDERLENS_PEERS, else build/peers of the source tree.
QString peersDir()
{
    const QByteArray env = qgetenv("ORDERLENS_PEERS");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    const QString perf = perfDir();
    return perf.isEmpty() ? QString() : QDir(perf).absoluteFilePath(QStringLiteral("../../build/peers"));
}

// Runs a peer and returns its --json output, or an empty object (with the reason printed).
nlohmann::json runPeer(const QString& program, const QStringList& arguments, const QProcessEnvironment& env,
                       const char* name)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    if (!process.waitForStarted(10000) || !process.waitForFinished(15 * 60 * 1000) ||
        process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::printf("# %s: did not run (%s)\n", name,
                    QString::fromLocal8Bit(process.readAllStandardError()).trimmed().left(300).toStdString().c_str());
        process.kill();
        return nlohmann::json::object();
    }
    try {
        return nlohmann::json::parse(process.readAllStandardOutput().toStdString());
    } catch (const std::exception& e) {
        std::printf("# %s: unreadable output (%s)\n", name, e.what());
        return nlohmann::json::object();
    }
}

// The peer's figure `prefix_<T>tok` beside OrderLens's `bert_base_forward_<T>tok`, and the ratio
// OrderLens / peer (below 1: OrderLens is faster).
void addPeerFigures(std::vector<BenchFigure>& figures, const nlohmann::json& peer, const std::string& prefix,
                    const std::string& label, const std::string& ratioTarget)
{
    if (!peer.contains("figures"))
        return;
    std::vector<BenchFigure> added;
    for (const BenchFigure& f : figures) {
        static const std::string ours = "bert_base_forward_";
        if (f.name.rfind(ours, 0) != 0)
            continue;
        const std::string tokens = f.name.substr(ours.size());
        const std::string key = prefix + "_" + ours + tokens;
        if (!peer["figures"].contains(key))
            continue;
        const double ms = peer["figures"][key].get<double>();
        added.push_back({key, label + ", same module and tokens", ms, "ms", ""});
        added.push_back({"ratio_" + key, "OrderLens / " + label + " (below 1: OrderLens is faster)", f.value / ms, "x",
                         ratioTarget});
    }
    figures.insert(figures.end(), added.begin(), added.end());
}

void addBertPeerFigures(std::vector<BenchFigure>& figures)
{
    const QString perf = perfDir(), peers = peersDir();
    if (perf.isEmpty()) {
        std::printf("# peers: tests/perf is not beside this build; no PyTorch or ONNX Runtime figures\n");
        return;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // OrderLens held to fewer threads (OMP_NUM_THREADS) is compared with peers held to as many:
    // their --threads, and OpenBLAS's own pool (PyTorch's products) to the same number.
    QStringList threadArgs;
    std::string threadLabel = "its default threads";
    if (env.contains(QStringLiteral("OMP_NUM_THREADS"))) {
        const int n = omp_get_max_threads();
        threadArgs = {QStringLiteral("--threads"), QString::number(n)};
        env.insert(QStringLiteral("OPENBLAS_NUM_THREADS"), QString::number(n));
        threadLabel = std::to_string(n) + (n == 1 ? " thread" : " threads") + ", as OrderLens";
    }
    const QString onnx = peers + QStringLiteral("/bert.onnx"),
                  ort = peers + QStringLiteral("/node_modules/onnxruntime-node/package.json");
    if (QFileInfo::exists(onnx) && QFileInfo::exists(ort)) {
        QProcessEnvironment nodeEnv = env;
        nodeEnv.insert(QStringLiteral("NODE_PATH"), peers + QStringLiteral("/node_modules"));
        const nlohmann::json result = runPeer(QStringLiteral("node"),
                                              QStringList{perf + QStringLiteral("/ort_bert_forward.js"), onnx, QStringLiteral("--json")} + threadArgs,
                                              nodeEnv, "ONNX Runtime");
        if (result.contains("figures")) {
            std::printf("# peer ONNX Runtime %s CPU, intra-op threads %s, graph optimizations %s\n",
                        result.value("onnxruntime", "?").c_str(), result.value("intra_op_threads", "?").c_str(),
                        result.value("graph_optimization", "?").c_str());
            addPeerFigures(figures, result, "ort", "ONNX Runtime (" + threadLabel + ")", "<= 1.0");
        }
    } else
        std::printf("# peer ONNX Runtime: not installed (tests/perf/setup-peers.sh installs it in %s)\n",
                    peers.toStdString().c_str());
    const nlohmann::json torch = runPeer(QStringLiteral("/usr/bin/python3"),
                                         QStringList{perf + QStringLiteral("/torch_bert_forward.py"), QStringLiteral("--json")} + threadArgs, env,
                                         "PyTorch");
    if (torch.contains("figures")) {
        std::printf("# peer PyTorch %s, %d intra-op threads (%s), BLAS %s\n", torch.value("torch", "?").c_str(),
                    torch.value("threads", 0), torch.value("threads_chosen_by", "?").c_str(),
                    torch.value("blas", "?").c_str());
        addPeerFigures(figures, torch, "torch", "PyTorch (" + threadLabel + ")", "<= 1.0");
    }
}

void addBertBaseFigures(std::vector<BenchFigure>& figures, bool quick)
{
    const Model bert = Model::random(PositionScheme::Learned, 3, bertBaseConfig());
    std::printf("# BERT-base shape: 12 layers, d_model 768, 12 heads, FFN 3072; %d threads, product kernel %s, "
                "many tokens through %s\n",
                omp_get_max_threads(), kernels::productKernel(), libraryProductName());
    for (const int T : {8, 32, 128, 512}) {
        std::vector<int> ids(static_cast<size_t>(T)), positions(ids.size()), types(ids.size(), 0);
        for (int t = 0; t < T; ++t) {
            ids[static_cast<size_t>(t)] = 5 + (t * 7) % (bert.config().vocab - 5);
            positions[static_cast<size_t>(t)] = t;
        }
        (void)bert.forward(ids, positions, types);  // warm-up
        const int reps = quick ? 2 : (T <= 32 ? 15 : T == 128 ? 9 : 5);
        figures.push_back({"bert_base_forward_" + std::to_string(T) + "tok",
                           "BERT-base-shaped forward with attention capture, " + std::to_string(T) + " tokens",
                           medianMs(reps, [&] { (void)bert.forward(ids, positions, types); }), "ms",
                           "<= ONNX Runtime"});
    }
}

// Qwen2.5-0.5B shape: 24 layers, hidden 896, 14 heads / 2 KV heads, head_dim 64, FFN 4864,
// vocabulary 151936, tied embeddings, q/k/v biases, BF16 weights (kept 16-bit, as a checkpoint
// opens), random. tests/perf/torch_decoder_forward.py runs the same in PyTorch.
std::shared_ptr<const DecoderModel> qwenShapedModel()
{
    DecoderConfig c;
    c.family = DecoderFamily::Qwen2;
    c.modelType = "qwen2";
    c.vocab = 151936;
    c.d_model = 896;
    c.n_layers = 24;
    c.n_heads = 14;
    c.n_kv_heads = 2;
    c.head_dim = 64;
    c.d_ff = 4864;
    c.max_positions = 32768;
    c.norm_eps = 1e-6;
    c.rope_theta = 1e6;
    c.tied = true;
    c.qkvBias = true;
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    auto bf16 = [&](Eigen::Index rows, Eigen::Index cols) {
        std::vector<uint16_t> words(static_cast<size_t>(rows * cols));
        for (uint16_t& w : words) {  // small values around 0 (|x| < 0.04), as trained weights are
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            const float v = (static_cast<float>(state >> 40) / float(1 << 24) - 0.5f) * 0.08f;
            w = static_cast<uint16_t>(std::bit_cast<uint32_t>(v) >> 16);
        }
        return StoredMatrix(StoredMatrix::Kind::BF16, rows, cols, std::move(words));
    };
    const Eigen::Index d = c.d_model, q = c.n_heads * c.head_dim, kv = c.n_kv_heads * c.head_dim, F = c.d_ff;
    DecoderWeights w;
    w.tokenTable = bf16(c.vocab, d);
    w.finalNormGain = Matrix::Ones(1, d);
    w.layers.resize(static_cast<size_t>(c.n_layers));
    for (DecoderLayerWeights& L : w.layers) {
        L.norm1Gain = L.norm2Gain = Matrix::Ones(1, d);
        L.query = bf16(q, d);
        L.key = bf16(kv, d);
        L.value = bf16(kv, d);
        L.output = bf16(d, q);
        L.queryBias = Matrix::Constant(1, q, 0.01f);
        L.keyBias = L.valueBias = Matrix::Constant(1, kv, 0.01f);
        L.gate = bf16(F, d);
        L.up = bf16(F, d);
        L.down = bf16(d, F);
    }
    return std::make_shared<const DecoderModel>("bench:qwen2.5-0.5b-shape", c, std::move(w));
}

// `orderlens ARGUMENTS` in a child process, `repeats` times: the median wall time (ms, or -1 when
// a run failed, `what` naming it on stderr) and the largest peak resident memory it reported.
double timeChild(const QStringList& arguments, int repeats, const char* what, double* peakMb)
{
    bool ok = true;
    const double ms = medianMs(repeats, [&] {
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ORDERLENS_REPORT_PEAK_MEMORY"), QStringLiteral("1"));
        child.setProcessEnvironment(environment);
        child.setStandardOutputFile(QProcess::nullDevice());
        child.start(QCoreApplication::applicationFilePath(), arguments);
        const bool finished = child.waitForFinished(120000);
        const QString err = QString::fromUtf8(child.readAllStandardError());
        if (!finished || child.exitCode() != 0) {
            ok = false;
            std::fprintf(stderr, "bench: %s failed: %s\n", what, err.toUtf8().constData());
            return;
        }
        // "orderlens: peak memory 474364 kB"
        const qsizetype at = err.indexOf(QStringLiteral("peak memory "));
        if (at >= 0)
            *peakMb = std::max(*peakMb, err.mid(at + 12).section(' ', 0, 0).toDouble() / 1024.0);
    });
    return ok ? ms : -1;
}

void addDecoderOpenFigures(std::vector<BenchFigure>& figures, bool quick, const DecoderModel& model);
void addDecoderPeerFigures(std::vector<BenchFigure>& figures);

void addDecoderFigures(std::vector<BenchFigure>& figures, bool quick)
{
    const auto model = qwenShapedModel();
    std::printf("# Qwen2.5-0.5B shape: 24 layers, d_model 896, 14 heads / 2 KV, FFN 4864, vocab 151936, BF16 "
                "weights (%.0f MiB in memory); threads %d\n",
                model->weights().bytes() / 1048576.0, omp_get_max_threads());
    // Each length's median forward of `m`, as figures named prefix + "<T>tok".
    const auto timeForwards = [&](const DecoderModel& m, const std::string& prefix, const std::string& what,
                                  const std::string& target) {
        for (const auto& [T, reps] : std::map<int, int>{{8, 9}, {32, 7}, {128, 5}}) {
            std::vector<int> ids(static_cast<size_t>(T));
            for (int t = 0; t < T; ++t)
                ids[static_cast<size_t>(t)] = 5 + (t * 7) % (m.config().vocab - 5);
            (void)m.forward(ids, 5);  // warm-up (oneDNN compiles its kernels)
            figures.push_back({prefix + std::to_string(T) + "tok", what + ", " + std::to_string(T) + " tokens",
                               medianMs(quick ? 2 : reps, [&] { (void)m.forward(ids, 5); }), "ms", target});
        }
    };
    timeForwards(*model, "qwen25_05b_forward_",
                 "Qwen2.5-0.5B-shaped forward (BF16 weights), every attention captured, next-token logits", "< PyTorch");
    // The labelled inexact mode (--bf16-products): the products' inputs rounded to BF16 as a
    // PyTorch bfloat16 model's are, the sums and every other step float32; a second copy of the
    // model, opened with it.
    if (bf16ProductsAvailable()) {
        useBf16Products(true);
        const DecoderModel fast(model->id(), model->config(), model->weights());
        useBf16Products(false);
        timeForwards(fast, "qwen25_05b_forward_bf16_",
                     "the same with --bf16-products (inexact: products in BF16, sums float32)", "< PyTorch bf16");
    } else
        std::printf("# qwen25_05b_forward_bf16_*: skipped, oneDNN has no BF16 kernel on this CPU\n");
    addDecoderOpenFigures(figures, quick, *model);
    if (!quick)
        addDecoderPeerFigures(figures);
}

// tests/perf/torch_decoder_forward.py, the same modules in PyTorch, in bfloat16 (as the checkpoint
// ships) and float32; its best of the two at each length beside OrderLens's exact and BF16 figures.
void addDecoderPeerFigures(std::vector<BenchFigure>& figures)
{
    const QString perf = perfDir();
    if (perf.isEmpty())
        return;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList threadArgs;
    if (env.contains(QStringLiteral("OMP_NUM_THREADS"))) {
        threadArgs = {QStringLiteral("--threads"), QString::number(omp_get_max_threads())};
        env.insert(QStringLiteral("OPENBLAS_NUM_THREADS"), QString::number(omp_get_max_threads()));
    }
    std::map<std::string, nlohmann::json> runs;
    for (const char* dtype : {"bfloat16", "float32"}) {
        runs[dtype] = runPeer(QStringLiteral("/usr/bin/python3"),
                              QStringList{perf + QStringLiteral("/torch_decoder_forward.py"), QStringLiteral("--json"),
                                          QStringLiteral("--dtype"), QString::fromLatin1(dtype)} +
                                  threadArgs,
                              env, "PyTorch decoder");
        if (runs[dtype].contains("figures"))
            std::printf("# peer PyTorch %s, %d threads, %s weights and activations\n",
                        runs[dtype].value("torch", "?").c_str(), runs[dtype].value("threads", 0), dtype);
    }
    const auto ours = [&](const std::string& name) -> const BenchFigure* {
        for (const BenchFigure& f : figures)
            if (f.name == name)
                return &f;
        return nullptr;
    };
    std::vector<BenchFigure> added;
    for (const int T : {8, 32, 128}) {
        const std::string tokens = std::to_string(T) + "tok", key = "qwen25_05b_forward_" + tokens;
        double best = -1;
        std::string bestDtype;
        for (const auto& [dtype, run] : runs) {
            if (!run.contains("figures") || !run["figures"].contains(key))
                continue;
            const double ms = run["figures"][key].get<double>();
            added.push_back({"torch_" + std::string(dtype == "bfloat16" ? "bf16" : "f32") + "_" + key,
                             "PyTorch " + dtype + ", same modules and tokens", ms, "ms", ""});
            if (best < 0 || ms < best) {
                best = ms;
                bestDtype = dtype;
            }
        }
        if (best <= 0)
            continue;
        if (const BenchFigure* exact = ours(key))
            added.push_back({"ratio_torch_best_" + key, "OrderLens exact / PyTorch's faster (" + bestDtype + ")",
                             exact->value / best, "x", "< 1.0"});
        if (const BenchFigure* fast = ours("qwen25_05b_forward_bf16_" + tokens))
            added.push_back({"ratio_torch_best_qwen25_05b_forward_bf16_" + tokens,
                             "OrderLens --bf16-products / PyTorch's faster (" + bestDtype + ")", fast->value / best, "x",
                             "< 1.0"});
    }
    figures.insert(figures.end(), added.begin(), added.end());
}

// The Qwen2.5-0.5B-shaped model above as a HuggingFace folder (config.json, a BF16
// model.safetensors of 943 MiB, Qwen's tokenizer files when fetched); then `orderlens trace`
// opens it and traces a short sentence in a child process whose peak resident memory it reports.
void addDecoderOpenFigures(std::vector<BenchFigure>& figures, bool quick, const DecoderModel& model)
{
    const QString tokenizer = QCoreApplication::applicationDirPath() + QStringLiteral("/../../tokenizers/qwen3");
    if (!QFileInfo::exists(tokenizer + QStringLiteral("/tokenizer.json"))) {
        std::printf("# qwen25_05b_open_*: skipped, no Qwen tokenizer at %s (scripts/fetch-tokenizers.sh)\n",
                    tokenizer.toUtf8().constData());
        return;
    }
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("qwen2.5-0.5b-shaped"));
    QDir().mkpath(folder);
    for (const QString& name : QDir(tokenizer).entryList(QDir::Files))
        QFile::copy(tokenizer + "/" + name, folder + "/" + name);
    const DecoderConfig& c = model.config();
    {
        nlohmann::json config{{"model_type", "qwen2"}, {"architectures", nlohmann::json::array({"Qwen2ForCausalLM"})},
                              {"vocab_size", c.vocab}, {"hidden_size", c.d_model}, {"intermediate_size", c.d_ff},
                              {"num_hidden_layers", c.n_layers}, {"num_attention_heads", c.n_heads},
                              {"num_key_value_heads", c.n_kv_heads}, {"max_position_embeddings", c.max_positions},
                              {"rms_norm_eps", c.norm_eps}, {"rope_theta", c.rope_theta},
                              {"tie_word_embeddings", true}, {"hidden_act", "silu"}, {"torch_dtype", "bfloat16"}};
        QFile out(folder + QStringLiteral("/config.json"));
        out.open(QIODevice::WriteOnly);
        out.write(QByteArray::fromStdString(config.dump(2)));
    }
    {
        // The tensors in HuggingFace's names, BF16 words as the model holds them (norms as BF16 too).
        std::vector<std::pair<std::string, std::pair<std::vector<int64_t>, std::vector<uint16_t>>>> tensors;
        auto words = [](const Matrix& m) {
            std::vector<uint16_t> w(static_cast<size_t>(m.size()));
            for (Eigen::Index i = 0; i < m.size(); ++i)
                w[static_cast<size_t>(i)] = static_cast<uint16_t>(std::bit_cast<uint32_t>(m.data()[i]) >> 16);
            return w;
        };
        const DecoderWeights& w = model.weights();
        tensors.push_back({"model.embed_tokens.weight", {{c.vocab, c.d_model}, w.tokenTable.words()}});
        for (int l = 0; l < c.n_layers; ++l) {
            const DecoderLayerWeights& L = w.layers[static_cast<size_t>(l)];
            const std::string h = "model.layers." + std::to_string(l) + ".";
            tensors.push_back({h + "input_layernorm.weight", {{c.d_model}, words(L.norm1Gain)}});
            tensors.push_back({h + "post_attention_layernorm.weight", {{c.d_model}, words(L.norm2Gain)}});
            for (const auto& [name, m] : {std::pair{"self_attn.q_proj.weight", &L.query}, {"self_attn.k_proj.weight", &L.key},
                                          {"self_attn.v_proj.weight", &L.value}, {"self_attn.o_proj.weight", &L.output},
                                          {"mlp.gate_proj.weight", &L.gate}, {"mlp.up_proj.weight", &L.up},
                                          {"mlp.down_proj.weight", &L.down}})
                tensors.push_back({h + name, {{m->rows(), m->cols()}, m->words()}});
            tensors.push_back({h + "self_attn.q_proj.bias", {{L.queryBias.cols()}, words(L.queryBias)}});
            tensors.push_back({h + "self_attn.k_proj.bias", {{L.keyBias.cols()}, words(L.keyBias)}});
            tensors.push_back({h + "self_attn.v_proj.bias", {{L.valueBias.cols()}, words(L.valueBias)}});
        }
        tensors.push_back({"model.norm.weight", {{c.d_model}, words(w.finalNormGain)}});
        nlohmann::json header = nlohmann::json::object();
        uint64_t offset = 0;
        for (const auto& [name, t] : tensors) {
            const uint64_t bytes = t.second.size() * 2;
            header[name] = {{"dtype", "BF16"}, {"shape", t.first}, {"data_offsets", {offset, offset + bytes}}};
            offset += bytes;
        }
        std::string text = header.dump();
        text.append((8 - text.size() % 8) % 8, ' ');
        QFile out(folder + QStringLiteral("/model.safetensors"));
        out.open(QIODevice::WriteOnly);
        const uint64_t length = text.size();
        out.write(reinterpret_cast<const char*>(&length), 8);
        out.write(text.data(), qint64(text.size()));
        for (const auto& [name, t] : tensors)
            out.write(reinterpret_cast<const char*>(t.second.data()), qint64(t.second.size() * 2));
    }
    const double fileMb = double(QFileInfo(folder + QStringLiteral("/model.safetensors")).size()) / (1024.0 * 1024.0);
    std::printf("# Qwen2.5-0.5B-shaped folder written: model.safetensors %.0f MiB (BF16)\n", fileMb);
    // Open to first picture: the attention view of the folder exported (the window's first
    // picture is the same snapshot drawn by the same view).
    const QStringList arguments = {QStringLiteral("export"), QStringLiteral("--model"), folder,
                                   QStringLiteral("--view"), QStringLiteral("attention"), QStringLiteral("--out"),
                                   dir.filePath(QStringLiteral("attention.png")), QStringLiteral("猫追老鼠")};
    double peakMb = 0;
    const double ms = timeChild(arguments, quick ? 1 : 3, "exporting the Qwen-shaped folder's attention", &peakMb);
    if (ms < 0 || peakMb <= 0)
        return;
    figures.push_back({"qwen25_05b_open_to_picture",
                       "`orderlens export --model <943 MiB BF16 Qwen2.5-0.5B-shaped folder> --view attention 猫追老鼠`: "
                       "start, open, trace, analyse, PNG written",
                       ms, "ms", "< 3000 ms"});
    char target[64];
    std::snprintf(target, sizeof target, "<= %.0f MiB (file + 400)", fileMb + 400.0);
    figures.push_back({"qwen25_05b_open_peak_memory", "peak resident memory of that process", peakMb, "MiB", target});
    if (!hasLibraryProduct())
        return;
    // The same with --bf16-products: the layer matrices packed at open, in place of their words.
    double fastPeakMb = 0;
    const double fastMs = timeChild(QStringList(arguments) << QStringLiteral("--bf16-products"), quick ? 1 : 3,
                                    "tracing the Qwen-shaped folder with --bf16-products", &fastPeakMb);
    if (fastMs < 0 || fastPeakMb <= 0)
        return;
    figures.push_back({"qwen25_05b_open_to_picture_bf16", "the same with --bf16-products", fastMs, "ms", "< 3000 ms"});
    figures.push_back({"qwen25_05b_open_peak_memory_bf16", "peak resident memory of that process", fastPeakMb, "MiB",
                       target});
}

// A bert-base-chinese-sized HuggingFace folder (vocabulary 21128, F32, 388 MiB) with random
// weights, written once; then `orderlens export` opens it and writes the attention picture, in a
// child process whose own peak resident memory (VmHWM) it reports on stderr.
void addBertOpenFigures(std::vector<BenchFigure>& figures, bool quick)
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("bert-base-shaped"));
    {
        ModelConfig config = bertBaseConfig();
        const Model small = Model::random(PositionScheme::Learned, 5, config);
        ModelWeights weights = small.fullWeights();
        std::vector<std::string> words = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
        for (char16_t c = 0x4E00; words.size() < 21128; ++c)  // CJK characters, one word piece each
            words.push_back(QString(QChar(c)).toStdString());
        config.vocab = static_cast<int>(words.size());
        weights.wordTable = Matrix::Random(config.vocab, config.d_model);
        auto vocabulary = std::make_shared<const Vocabulary>(Vocabulary::fromOrderedWords(words, "[UNK]"));
        saveBertFolder(Model("bench", config, vocabulary, std::move(weights)), folder.toStdString());
    }
    const double fileMb = double(QFileInfo(folder + QStringLiteral("/model.safetensors")).size()) / (1024.0 * 1024.0);
    std::printf("# BERT-base-shaped folder written: model.safetensors %.0f MiB\n", fileMb);
    const QStringList arguments = {QStringLiteral("export"), QStringLiteral("--model"), folder,
                                   QStringLiteral("--view"), QStringLiteral("attention"),
                                   QStringLiteral("--out"), dir.filePath(QStringLiteral("attention.png")),
                                   QStringLiteral("猫追老鼠"), QStringLiteral("老鼠追猫")};
    double peakMb = 0;
    const double ms = timeChild(arguments, quick ? 1 : 3, "opening the BERT folder", &peakMb);
    if (ms < 0 || peakMb <= 0)
        return;
    figures.push_back({"bert_base_open_to_picture",
                       "`orderlens export --model <388 MiB BERT folder> --view attention`: start, open, trace, write the PNG",
                       ms, "ms", "< 2000 ms"});
    char target[64];
    std::snprintf(target, sizeof target, "<= %.0f MiB (file + 300)", fileMb + 300.0);
    figures.push_back({"bert_base_open_peak_memory", "peak resident memory of that process", peakMb, "MiB", target});
    figures.push_back(bertKeystrokeFigure(folder, quick));
}

// 1 MB of mixed Chinese and English: the sentences below in a fixed order, each followed by its
// number ("第17段" / "part 17") and a space or a newline, until the text has 1,048,576 bytes or
// more. tests/perf/hf_tokenize.js builds the same text for HuggingFace's tokenizers.
std::string mixedBenchText()
{
    static const char* const sentences[] = {
        "猫追老鼠，老鼠跑进了洞里。", "The cat chases the mouse across the kitchen floor.",
        "位置向量加在词向量上，模型怎么还知道词序？", "A Transformer adds a position vector to each word vector.",
        "今天天气很好，我们去公园散步吧！", "How can the sum still mean the word, and how does the model know the order?",
        "注意力机制让每个词都能看到句子里的其他词。", "Tokenizers turn text into the ids a model was trained with.",
        "北京是中国的首都，上海是最大的城市。", "We measured the speed on one core of a shared machine.",
        "老师在黑板上写了一个很长的句子。", "OpenAI GPT-2, Meta LLaMA and Alibaba Qwen use byte-level BPE.",
    };
    const int count = static_cast<int>(sizeof sentences / sizeof sentences[0]);
    std::string text;
    for (int i = 0; text.size() < (1u << 20); ++i) {
        const int k = (i * 7) % count;
        text += sentences[k];
        text += k % 2 == 0 ? "第" + std::to_string(i) + "段" : " part " + std::to_string(i);
        text += i % 3 == 2 ? "\n" : " ";
    }
    return text;
}

// The Qwen3 tokenizer (scripts/fetch-tokenizers.sh) on 1 MB of mixed text, as one encode call.
void addTokenizeFigures(std::vector<BenchFigure>& figures, bool quick)
{
    const char* env = std::getenv("ORDERLENS_TOKENIZER_DIR");
    const std::string folder = std::string(env && *env ? env : "build/tokenizers") + "/qwen3";
    if (!QFileInfo::exists(QString::fromStdString(folder + "/tokenizer.json"))) {
        std::printf("# tokenize: no Qwen3 tokenizer in %s (run scripts/fetch-tokenizers.sh, or set ORDERLENS_TOKENIZER_DIR)\n",
                    folder.c_str());
        return;
    }
    std::shared_ptr<const HfTokenizer> tokenizer;
    const double loadMs = medianMs(1, [&] { tokenizer = HfTokenizer::open(folder); });
    const std::string text = mixedBenchText();
    size_t tokens = 0;
    const double ms = medianMs(quick ? 1 : 5, [&] {
        // A fresh tokenizer each run would measure loading; the word cache is warm after the first run,
        // as HuggingFace's is in tests/perf/hf_tokenize.js.
        tokens = tokenizer->encode(text, false).tokens.size();
    });
    std::printf("# tokenize: %zu bytes of mixed Chinese/English -> %zu Qwen3 tokens\n", text.size(), tokens);
    figures.push_back({"tokenize_qwen3_load", "read Qwen3's tokenizer.json (11 MB, 151,643 entries, 151,387 merges)", loadMs,
                       "ms", ""});
    figures.push_back({"tokenize_qwen3_1mb", "tokenize 1 MB of mixed Chinese/English with Qwen3's tokenizer (one call)", ms, "ms",
                       "<= 2x HuggingFace"});
}

// One view written as a 3840x2160 PNG (text x3), as File > Export and `orderlens export` do.
BenchFigure exportFigure(bool quick)
{
    MainWindow window(nullptr, false);
    window.session()->waitForIdle();
    QTemporaryDir dir;
    ExportOptions options;
    options.size = QSize(3840, 2160);
    options.scale = 3.0;
    const double ms = medianMs(quick ? 1 : 5, [&] {
        QString error;
        if (!exportView(window, QStringLiteral("attention"), dir.filePath("a.png"), options, &error))
            std::fprintf(stderr, "export failed: %s\n", error.toUtf8().constData());
    });
    return {"export_view_4k_png", "export the attention view of the showcase pair as a 3840x2160 PNG", ms, "ms",
            "< 1000 ms"};
}


void addCoreFigures(std::vector<BenchFigure>& figures, bool quick)
{
    const int reps = quick ? 20 : 300;

    ModelConfig config;  // built-in size: d_model 64, 2 layers, 4 heads
    const Model model = Model::random(PositionScheme::Sinusoidal, 1, config);
    const Trace reference = model.trace(kBenchSentence16);
    std::printf("# model d_model=%d layers=%d heads=%d, sentence of %d tokens\n", config.d_model, config.n_layers,
                config.n_heads, reference.length());

    figures.push_back({"trace_forward_16tok", "forward pass + layer-0 decomposition, 16 tokens, d_model 64, 2x4 heads",
                       medianMs(reps, [&] { (void)model.trace(kBenchSentence16); }), "ms", ""});
    figures.push_back({"trace_all_analyses_16tok",
                       "trace + head roles (ablation) + residual + PCA + aligned difference, 16 tokens",
                       medianMs(reps,
                                [&] {
                                    const Trace a = model.trace(kBenchSentence16);
                                    const Trace b = model.trace(kBenchSentence16Swapped);
                                    (void)headRoles(model, a);
                                    (void)residualStream(model, a);
                                    Matrix points(3 * a.length(), config.d_model);
                                    points << a.embedding, a.position, a.input;
                                    (void)pca(points, 3);
                                    (void)alignedDifference(a, b);
                                }),
                       "ms", "< 1 ms"});
    const auto vocab = model.config().vocab;
    figures.push_back({"recoverability_curve",
                       "random-table decoding, add vs concatenate, d = 2..1024 (vocab " + std::to_string(vocab) +
                           ", 64 positions)",
                       medianMs(quick ? 1 : 3, [&] { (void)recoverabilityCurve(vocab, 64, defaultRecoverabilityDims()); }),
                       "ms", ""});
}

void addPcaFigures(std::vector<BenchFigure>& figures, bool quick)
{
    const PcaBenchFigures p = benchmarkPca(quick ? 1 : 5);
    figures.push_back({"pca_21128x768_decaying", "randomized PCA, top 3 of a 21128x768 table, decaying spectrum",
                       p.decayingMs, "ms", "< 100 ms"});
    figures.push_back({"pca_21128x768_decaying_error", "largest relative error of the top-3 eigenvalues (decaying)",
                       100.0 * p.decayingMaxRelEigError, "%", "< 0.1 %"});
    figures.push_back({"pca_21128x768_normal", "randomized PCA, top 3 of a 21128x768 random-normal table (worst case)",
                       p.normalMs, "ms", ""});
    figures.push_back({"pca_21128x768_normal_error", "largest relative error of the top-3 eigenvalues (random normal)",
                       100.0 * p.normalMaxRelEigError, "%", ""});
    figures.push_back({"pca_21128x768_exact", "exact PCA (covariance + eigensolver) of the decaying table",
                       p.exactDecayingMs, "ms", ""});
}

// One built-in model trained exactly as `orderlens train --pe sinusoidal` does (quick: 200 steps, once).
void addTrainingFigure(std::vector<BenchFigure>& figures, bool quick)
{
    TrainOptions training = defaultTrainOptions(PositionScheme::Sinusoidal);
    if (quick)
        training.steps = 200;
    figures.push_back({"train_model",
                       "train one built-in model (sinusoidal, " + std::to_string(training.steps) +
                           " steps of 32 sentences, 2 threads)" + (quick ? ", 1 run" : ", median of 3"),
                       medianMs(quick ? 1 : 3, [&] { (void)trainRoleModel(training); }) / 1000.0, "s",
                       quick ? "" : "< 60 s"});
}

}  // namespace

const char* const kBenchSentence16 = "大黑猫在追小白老鼠，老鼠很怕大猫了。";
const char* const kBenchSentence16Swapped = "大黑老鼠在追小白猫，猫很怕大老鼠了。";

double medianMs(int repeats, const std::function<void()>& work)
{
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// The head census over 1,000 sentences (the built-in showcase and held-out sentences): on a
// built-in model, and on a BERT-base-shaped one (its 144 heads; 100 sentences in --quick).
void addCensusFigures(std::vector<BenchFigure>& figures, bool quick)
{
    const std::vector<std::string> corpus = defaultCensusCorpus(994);
    const auto builtin = loadModel(defaultModelSpec());
    figures.push_back({"census_builtin_1000_sentences", "head census of " + defaultModelSpec().toStdString() +
                       " over 1,000 sentences",
                       medianMs(quick ? 1 : 5, [&] { (void)headCensus(*builtin, corpus); }), "ms", "< 2000 ms"});
    const Model bert = Model::random(PositionScheme::Learned, 3, bertBaseConfig());
    const std::vector<std::string> part(corpus.begin(), corpus.begin() + (quick ? 100 : 1000));
    const double ms = medianMs(1, [&] { (void)headCensus(bert, part); });
    figures.push_back({"census_bert_base_1000_sentences",
                       "head census of a BERT-base-shaped model (144 heads) over " + std::to_string(part.size()) +
                           " sentences",
                       ms / 1000.0, "s", "< 300 s"});
}

const std::vector<std::string>& benchGroups()
{
    static const std::vector<std::string> groups = {"core", "pca", "bert", "decoder", "train", "views", "export", "tokenize", "census"};
    return groups;
}

std::vector<BenchFigure> runBenchmarks(bool quick, const std::vector<std::string>& only)
{
    std::vector<BenchFigure> figures;
    const auto wanted = [&only](const char* group) {
        return only.empty() || std::find(only.begin(), only.end(), group) != only.end();
    };
    const bool widgets = qobject_cast<QApplication*>(QCoreApplication::instance()) != nullptr;
    if (wanted("core"))
        addCoreFigures(figures, quick);
    if (wanted("pca"))
        addPcaFigures(figures, quick);
    if (wanted("bert")) {
        addBertBaseFigures(figures, quick);
        if (!quick)
            addBertPeerFigures(figures);
        if (widgets)
            addBertOpenFigures(figures, quick);
    }
    if (wanted("decoder"))
        addDecoderFigures(figures, quick);
    if (wanted("train"))
        addTrainingFigure(figures, quick);
    if (wanted("views"))
        for (auto& figure : runViewBenchmarks(quick))  // drawing figures, when a QApplication runs
            figures.push_back(std::move(figure));
    if (wanted("export") && widgets)
        figures.push_back(exportFigure(quick));
    if (wanted("tokenize"))
        addTokenizeFigures(figures, quick);
    if (wanted("census"))
        addCensusFigures(figures, quick);
    return figures;
}


nlohmann::json benchFiguresToJson(const std::vector<BenchFigure>& figures)
{
    nlohmann::json out = nlohmann::json::object();
    out["threads"] = std::thread::hardware_concurrency();
    for (const auto& f : figures)
        out["figures"][f.name] = {{"median", f.value}, {"unit", f.unit}, {"what", f.what}, {"target", f.target}};
    return out;
}

std::string benchFiguresToText(const std::vector<BenchFigure>& figures)
{
    std::string out;
    char line[512];
    for (const auto& f : figures) {
        std::snprintf(line, sizeof line, "%-34s %10.3f %-3s %-10s %s\n", f.name.c_str(), f.value, f.unit.c_str(),
                      f.target.empty() ? "" : ("(" + f.target + ")").c_str(), f.what.c_str());
        out += line;
    }
    return out;
}

}  // namespace orderlens::app
