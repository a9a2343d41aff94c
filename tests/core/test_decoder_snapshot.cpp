// A decoder's snapshot (what the window and `orderlens analyse` show of GPT-2, LLaMA and Qwen):
// the tiny fixtures of tests/fixtures/tiny_decoders with their real tokenizers beside them.
// Checked against the traces themselves: first-token shares equal the mean attention on token 0,
// the aligned difference is NaN exactly where A or B masks the key and B - A elsewhere, the
// position facts are GPT-2's wpe rows or RoPE's own frequencies (rope_scaling included), next
// tokens come most likely first, RoPE's content and position shares sum to 1, and an unchanged
// sentence is taken from the previous snapshot, not traced again.
#include "alignment.h"
#include "decoder.h"
#include "errors.h"
#include "head_roles.h"
#include "snapshot.h"
#include "surgery_experiment.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

using namespace orderlens;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = std::string(ORDERLENS_SOURCE_DIR) + "/tests/fixtures/tiny_decoders";

std::string tokenizerDir()
{
    const char* env = std::getenv("ORDERLENS_TOKENIZER_DIR");
    return env && *env ? env : std::string(ORDERLENS_SOURCE_DIR) + "/build/tokenizers";
}

// The variant's folder with its tokenizer's files copied in, as a downloaded checkpoint has them;
// empty when the tokenizer files were not fetched.
class Folder {
public:
    Folder(const std::string& variant, const std::string& tokenizer)
    {
        const fs::path tokenizers = fs::path(tokenizerDir()) / tokenizer;
        if (!fs::exists(tokenizers))
            return;
        dir_ = fs::temp_directory_path() / ("orderlens_decoder_snapshot_" + variant + "_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        for (const fs::path& from : {fs::path(kFixtures) / variant, tokenizers})
            for (const auto& entry : fs::directory_iterator(from))
                if (entry.is_regular_file())
                    fs::copy_file(entry.path(), dir_ / entry.path().filename());
    }
    ~Folder()
    {
        if (!dir_.empty())
            fs::remove_all(dir_);
    }
    bool ready() const { return !dir_.empty(); }
    std::string path() const { return dir_.string(); }

private:
    fs::path dir_;
};

SnapshotResult analyseBoth(const DecoderModel& model, const ModelFacts& facts, const std::string& a,
                           const std::string& b, SnapshotPtr previous = nullptr)
{
    SnapshotRequest request;
    request.sentenceA = a;
    request.sentenceB = b;
    request.previous = std::move(previous);
    return analyse(model, facts, request);
}

}  // namespace

TEST(DecoderSnapshot, Gpt2SharesMasksAndPositions)
{
    Folder folder("gpt2_prefixed", "gpt2");
    if (!folder.ready())
        GTEST_SKIP() << "no tokenizer files at " << tokenizerDir() << " (scripts/fetch-tokenizers.sh)";
    const auto model = DecoderModel::open(folder.path());
    const ModelFacts facts = positionFacts(*model);
    const SnapshotResult result = analyseBoth(*model, facts, "the cat chases the mouse", "the mouse chases the cat");
    ASSERT_TRUE(result.snapshot) << (result.errorA ? result.errorA->what() : "");
    ASSERT_FALSE(result.errorB);
    const Snapshot& s = *result.snapshot;
    EXPECT_TRUE(s.config.causal);
    EXPECT_EQ(s.config.pe, PositionScheme::Learned);
    ASSERT_TRUE(s.b);

    // GPT-2's position table: its wpe rows, and their cosine similarity.
    const Matrix& wpe = model->weights().positionTable;
    ASSERT_EQ(s.positions.table.rows(), std::min<Eigen::Index>(wpe.rows(), kPositionsShown));
    EXPECT_EQ(s.positions.table, wpe.topRows(s.positions.table.rows()));
    EXPECT_NEAR(s.positions.similarity(1, 1), 1.0, 1e-6);
    EXPECT_TRUE(s.a.hasPositionRows);

    for (const SentenceSnapshot* sentence : s.sentences()) {
        const Trace& t = *sentence->trace;
        const int T = t.length();
        ASSERT_EQ(sentence->length(), T);
        // First-token share: the mean attention of queries 1..T-1 on token 0, per head.
        ASSERT_EQ(sentence->firstTokenShare.size(), size_t(s.config.n_layers * s.config.n_heads));
        size_t at = 0;
        for (const LayerTrace& layer : t.layers)
            for (const Matrix& attention : layer.attention) {
                double sum = 0;
                for (int q = 1; q < T; ++q)
                    sum += attention(q, 0);
                EXPECT_NEAR(sentence->firstTokenShare[at++], sum / (T - 1), 1e-9);
                // The future is exactly 0.
                for (int q = 0; q < T; ++q)
                    for (int k = q + 1; k < T; ++k)
                        EXPECT_EQ(attention(q, k), 0.f);
            }
        // Next tokens: five per position, most likely first, probabilities in (0, 1].
        ASSERT_EQ(sentence->nextTokens.size(), size_t(T));
        for (const auto& candidates : sentence->nextTokens) {
            ASSERT_EQ(candidates.size(), 5u);
            for (size_t i = 0; i < candidates.size(); ++i) {
                EXPECT_GT(candidates[i].probability, 0);
                EXPECT_LE(candidates[i].probability, 1);
                EXPECT_FALSE(candidates[i].text.empty());
                if (i > 0) {
                    EXPECT_GE(candidates[i - 1].probability, candidates[i].probability);
                }
            }
        }
        // Head kinds by the shuffles (GPT-2 has no exact split past its input): every head, its
        // position score the share the position shuffles took of the attention's movement.
        ASSERT_EQ(sentence->headRoles.size(), size_t(s.config.n_layers * s.config.n_heads));
        for (const HeadRole& role : sentence->headRoles) {
            EXPECT_GE(role.ablationPositionScore, 0.0);
            EXPECT_LE(role.ablationPositionScore, 1.0);
            EXPECT_EQ(role.positionScore, role.ablationPositionScore);
            EXPECT_EQ(role.kind, headKindFromScore(role.positionScore));
        }
        EXPECT_TRUE(sentence->residual.empty());
    }

    // The aligned difference: NaN exactly where A or B masks the key; B reordered minus A elsewhere.
    ASSERT_TRUE(s.difference);
    const AlignedDifference& d = *s.difference;
    const std::vector<int>& bOf = d.bIndexOfA;
    const int T = s.a.length();
    double largest = 0;
    for (int l = 0; l < s.config.n_layers; ++l)
        for (int h = 0; h < s.config.n_heads; ++h) {
            const Matrix& diff = d.attention[size_t(l)][size_t(h)];
            const Matrix& a = s.a.trace->layers[size_t(l)].attention[size_t(h)];
            const Matrix& b = s.b->trace->layers[size_t(l)].attention[size_t(h)];
            for (int q = 0; q < T; ++q)
                for (int k = 0; k < T; ++k) {
                    const bool masked = k > q || bOf[size_t(k)] > bOf[size_t(q)];
                    EXPECT_EQ(std::isnan(diff(q, k)), masked) << "layer " << l << " head " << h << " (" << q << ", " << k << ")";
                    if (!masked) {
                        EXPECT_NEAR(diff(q, k), b(bOf[size_t(q)], bOf[size_t(k)]) - a(q, k), 1e-6);
                        largest = std::max(largest, std::abs(double(diff(q, k))));
                    }
                }
        }
    EXPECT_NEAR(d.maxAbsAttention, largest, 1e-9);
    EXPECT_TRUE(std::isfinite(s.logitRange));
    EXPECT_GT(s.pcaComponents, 0);

    // An unchanged sentence is the previous snapshot's (one trace in memory, not a second forward).
    const SnapshotResult again =
        analyseBoth(*model, facts, "the cat chases the mouse", "the dog chases the mouse", result.snapshot);
    ASSERT_TRUE(again.snapshot);
    EXPECT_EQ(again.snapshot->a.trace, s.a.trace);
    EXPECT_NE(again.snapshot->b->trace, s.b->trace);
}

TEST(DecoderSnapshot, RopeSharesAndScaledWavelengths)
{
    Folder folder("llama3_scaled", "llama3");
    if (!folder.ready())
        GTEST_SKIP() << "no tokenizer files at " << tokenizerDir() << " (scripts/fetch-tokenizers.sh)";
    const auto model = DecoderModel::open(folder.path());
    const DecoderConfig& c = model->config();
    const ModelFacts facts = positionFacts(*model);
    EXPECT_EQ(facts.positions.scheme, PositionScheme::Rope);
    EXPECT_TRUE(facts.positions.table.size() == 0);
    ASSERT_EQ(facts.positions.ropeWavelengths.size(), size_t(c.head_dim / 2));
    ASSERT_EQ(facts.positions.ropeUnscaledWavelengths.size(), size_t(c.head_dim / 2));
    // llama3 scaling stretches the slow pairs by its factor and leaves the fast ones.
    const DecoderConfig::Frequencies f = c.ropeFrequencies(kPositionsShown);
    const std::vector<double> unscaled = c.unscaledFrequencies();
    bool stretched = false;
    for (size_t i = 0; i < f.inverse.size(); ++i) {
        EXPECT_NEAR(facts.positions.ropeWavelengths[i], 2 * M_PI / f.inverse[i], 1e-9 * facts.positions.ropeWavelengths[i]);
        EXPECT_NEAR(facts.positions.ropeUnscaledWavelengths[i], 2 * M_PI / unscaled[i], 1e-9 * facts.positions.ropeUnscaledWavelengths[i]);
        stretched = stretched || facts.positions.ropeWavelengths[i] > 1.5 * facts.positions.ropeUnscaledWavelengths[i];
    }
    EXPECT_TRUE(stretched);
    EXPECT_NEAR(facts.positions.ropeAngles(3, 1), 3 * f.inverse[1], 1e-5);

    const SnapshotResult result = analyseBoth(*model, facts, "猫追老鼠", "老鼠追猫");
    ASSERT_TRUE(result.snapshot) << (result.errorA ? result.errorA->what() : "");
    const Snapshot& s = *result.snapshot;
    EXPECT_EQ(s.config.headDim(), c.head_dim);  // explicit head_dim, not d_model / n_heads
    EXPECT_FALSE(s.a.hasPositionRows);  // RoPE adds no position row
    ASSERT_EQ(s.a.ropeShares.size(), size_t(c.n_layers * c.n_heads));
    for (const RopeShares& share : s.a.ropeShares) {
        EXPECT_NEAR(share.content + share.position, 1.0, 1e-9);
        double pairs = 0;
        for (double p : share.pairs)
            pairs += p;
        EXPECT_NEAR(pairs, 1.0, 1e-9);
    }
    // Head kinds from the exact split: each head's position share.
    ASSERT_EQ(s.a.headRoles.size(), s.a.ropeShares.size());
    for (size_t i = 0; i < s.a.headRoles.size(); ++i) {
        EXPECT_EQ(s.a.headRoles[i].positionScore, s.a.ropeShares[i].position);
        EXPECT_EQ(s.a.headRoles[i].kind, headKindFromScore(s.a.ropeShares[i].position));
        EXPECT_TRUE(std::isnan(s.a.headRoles[i].ablationPositionScore));  // no shuffle was needed
    }
    // The exact split of every head: content + position == the logits the model used, where visible.
    const Trace& t = *s.a.trace;
    for (size_t l = 0; l < t.layers.size(); ++l)
        for (size_t h = 0; h < t.layers[l].logits.size(); ++h) {
            const RopeHeadTerms& terms = t.ropeTerms[l][h];
            for (int q = 0; q < t.length(); ++q)
                for (int k = 0; k <= q; ++k)
                    EXPECT_NEAR(terms.content(q, k) + terms.position(q, k), t.layers[l].logits[h](q, k), 1e-5);
        }
}

TEST(DecoderSnapshot, BadSentencesAreErrorsNotSnapshots)
{
    Folder folder("gpt2_prefixed", "gpt2");
    if (!folder.ready())
        GTEST_SKIP() << "no tokenizer files at " << tokenizerDir() << " (scripts/fetch-tokenizers.sh)";
    const auto model = DecoderModel::open(folder.path());
    const ModelFacts facts = positionFacts(*model);
    SnapshotResult empty = analyseBoth(*model, facts, "   ", "the cat");
    EXPECT_FALSE(empty.snapshot);
    ASSERT_TRUE(empty.errorA);
    EXPECT_EQ(empty.errorA->kind(), ErrorKind::BadInput);
    // B too long: A is still shown, B's error is returned.
    std::string longText;
    for (int i = 0; i < 100; ++i)
        longText += " cat";
    SnapshotResult tooLong = analyseBoth(*model, facts, "the cat", longText);
    ASSERT_TRUE(tooLong.snapshot);
    EXPECT_FALSE(tooLong.snapshot->b);
    ASSERT_TRUE(tooLong.errorB);
    EXPECT_NE(std::string(tooLong.errorB->what()).find("at most 32"), std::string::npos) << tooLong.errorB->what();
}

namespace orderlens {
namespace {

// Head surgery on a decoder: uniform attention covers the keys a query may see (1/(q+1)), the
// head's output is the mean of those value rows, the next tokens follow, and the snapshot says
// which heads were off; head kinds are refused for decoders with a message.
TEST(DecoderSurgery, UniformRowsUnderTheCausalMask)
{
    Folder folder("llama3_scaled", "llama3");
    if (!folder.ready())
        GTEST_SKIP() << "no tokenizer files at " << tokenizerDir() << " (scripts/fetch-tokenizers.sh)";
    const auto model = DecoderModel::open(folder.path());
    HeadAblation uniform;
    uniform.surgery.method = AblationMethod::Uniform;
    uniform.surgery.heads = {{0, 1}};
    const DecoderTrace intact = model->trace("the cat chases the mouse");
    const DecoderTrace cut = model->trace("the cat chases the mouse", 5, &uniform);
    const Matrix& a = cut.trace.layers[0].attention[1];
    for (Eigen::Index q = 0; q < a.rows(); ++q)
        for (Eigen::Index k = 0; k < a.cols(); ++k)
            EXPECT_FLOAT_EQ(a(q, k), k <= q ? 1.0f / float(q + 1) : 0.0f) << q << " " << k;
    const int dh = model->config().head_dim;
    const Matrix& v = cut.trace.layers[0].values[1];
    const Matrix ctx = cut.trace.layers[0].context.middleCols(dh, dh);
    for (Eigen::Index q = 0; q < ctx.rows(); ++q)
        EXPECT_LE((ctx.row(q) - v.topRows(q + 1).colwise().mean()).cwiseAbs().maxCoeff(), 1e-5f);
    EXPECT_GT((cut.finalNorm - intact.finalNorm).cwiseAbs().maxCoeff(), 1e-5f);
    EXPECT_TRUE(cut.trace.surgery == uniform.surgery);

    SnapshotRequest request;
    request.sentenceA = "the cat chases the mouse";
    request.compare = false;
    request.ablation = std::make_shared<const HeadAblation>(uniform);
    const SnapshotResult r = analyse(*model, positionFacts(*model), request);
    ASSERT_TRUE(r.snapshot);
    EXPECT_TRUE(r.snapshot->surgery == uniform.surgery);
    EXPECT_THROW(ablationFor(*model, "positional", AblationMethod::Zero, {}), Error);
    const HeadAblation mean = ablationFor(*model, "L0H0", AblationMethod::Mean, {"the cat", "a mouse runs"});
    EXPECT_EQ(mean.means.sentences, 2);
}

}  // namespace
}  // namespace orderlens

// The head-role shuffles move positions through forward(..., positions): GPT-2 then adds those
// wpe rows; RoPE depends only on how far apart two tokens are, so moving every position by the
// same amount leaves every score as it was; positions 0..T-1 are the plain forward pass.
TEST(DecoderSnapshot, PositionsMoveTheRowsAndAnglesTheyName)
{
    for (const auto& [variant, tokenizer] : {std::pair{"gpt2_prefixed", "gpt2"}, std::pair{"llama3_scaled", "llama3"}}) {
        Folder folder(variant, tokenizer);
        if (!folder.ready())
            GTEST_SKIP() << "no tokenizer files at " << tokenizerDir() << " (scripts/fetch-tokenizers.sh)";
        const auto model = DecoderModel::open(folder.path());
        const std::vector<int> ids = model->encode("the cat chases the mouse").ids();
        const int T = static_cast<int>(ids.size());
        std::vector<int> plain(ids.size()), shifted(ids.size()), reversed(ids.size());
        for (int t = 0; t < T; ++t) {
            plain[size_t(t)] = t;
            shifted[size_t(t)] = t + 3;
            reversed[size_t(t)] = T - 1 - t;
        }
        const DecoderTrace base = model->forward(ids, 0);
        const DecoderTrace same = model->forward(ids, 0, nullptr, &plain);
        EXPECT_EQ(same.trace.layers.back().output, base.trace.layers.back().output) << variant;
        if (!model->config().rotary()) {
            const DecoderTrace moved = model->forward(ids, 0, nullptr, &reversed);
            for (int t = 0; t < T; ++t) {
                EXPECT_EQ(Matrix(moved.trace.position.row(t)), Matrix(model->weights().positionTable.row(T - 1 - t)));
                EXPECT_EQ(moved.trace.tokens[size_t(t)].position, T - 1 - t);
            }
            continue;
        }
        const DecoderTrace moved = model->forward(ids, 0, nullptr, &shifted);
        for (size_t l = 0; l < base.trace.layers.size(); ++l)
            for (size_t h = 0; h < base.trace.layers[l].logits.size(); ++h)
                for (int q = 0; q < T; ++q)
                    for (int k = 0; k <= q; ++k)
                        EXPECT_NEAR(moved.trace.layers[l].logits[h](q, k), base.trace.layers[l].logits[h](q, k), 1e-4)
                            << variant << " layer " << l << " head " << h;
        std::vector<int> outside(ids.size(), -1);
        EXPECT_THROW(model->forward(ids, 0, nullptr, &outside), Error);
    }
}

// Big decoders' shuffled head kinds come after the first picture (the window asks with
// deferHeadRoles); fillHeadRoles then gives exactly the kinds computed at once. RoPE's exact
// kinds cost nothing and are never deferred.
TEST(DecoderSnapshot, DeferredHeadKindsAreTheKindsComputedAtOnce)
{
    for (const auto& [variant, tokenizer] : {std::pair{"gpt2_prefixed", "gpt2"}, std::pair{"llama3_scaled", "llama3"}}) {
        Folder folder(variant, tokenizer);
        if (!folder.ready())
            GTEST_SKIP() << "no tokenizer files at " << tokenizerDir() << " (scripts/fetch-tokenizers.sh)";
        const auto model = DecoderModel::open(folder.path());
        const ModelFacts facts = positionFacts(*model);
        SnapshotRequest request;
        request.sentenceA = "the cat chases the mouse";
        const SnapshotResult direct = analyse(*model, facts, request);
        request.deferHeadRoles = true;
        const SnapshotResult deferred = analyse(*model, facts, request);
        ASSERT_TRUE(direct.snapshot && deferred.snapshot);
        const bool exact = !direct.snapshot->a.ropeShares.empty();
        EXPECT_EQ(deferred.snapshot->a.headRolesPending, !exact) << variant;
        EXPECT_EQ(deferred.snapshot->a.headRoles.empty(), !exact) << variant;
        const SnapshotPtr filled = fillHeadRoles(*model, *deferred.snapshot);
        ASSERT_TRUE(filled);
        EXPECT_FALSE(filled->a.headRolesPending);
        ASSERT_EQ(filled->a.headRoles.size(), direct.snapshot->a.headRoles.size()) << variant;
        for (size_t i = 0; i < filled->a.headRoles.size(); ++i) {
            EXPECT_EQ(filled->a.headRoles[i].positionScore, direct.snapshot->a.headRoles[i].positionScore) << variant;
            EXPECT_EQ(filled->a.headRoles[i].kind, direct.snapshot->a.headRoles[i].kind) << variant;
        }
    }
}
