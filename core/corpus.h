#pragma once
// The generated Chinese corpus the built-in models learn from. Every sentence states one
// event (agent, verb, patient) in one of three forms:
//   active   猫追老鼠        [mod] AGENT [在|很] VERB [了] [mod] PATIENT [。]
//   passive  老鼠被猫追      [mod] PATIENT 被 [mod] AGENT VERB [了] [。]
//   ba       猫把老鼠抓了    [mod] AGENT 把 [mod] PATIENT VERB 了 [。]
// with optional modifiers (大, 小白, 很饿的 ...). Nouns are labelled AGENT / PATIENT, the verb
// ACTION, every other token OTHER. Only sensible events are generated (cats eat fish, not
// teachers), so the embeddings have meaning to learn.
//
// The events are split into training and held-out sets by (agent, verb, patient) triple, a
// triple and its reverse always on the same side; 猫追老鼠 / 老鼠追猫 (and so their passive
// and 把 forms, the showcase sentences) are always held out. Deterministic from the seeds.
#include "vocabulary.h"

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace orderlens {

enum class SentenceForm { Active, Passive, Ba };
std::string toString(SentenceForm);

struct RoleTriple {
    int agent = -1, verb = -1, patient = -1;  // vocabulary ids
    bool operator==(const RoleTriple&) const = default;
};

// The optional words around the bare sentence. Ids of modifier words, in order.
struct SentenceDecoration {
    std::vector<int> agentModifier, patientModifier;  // e.g. {大}, {很, 饿, 的}
    int aspect = -1;       // active only: 在 before the verb, 很 before 喜欢/怕, or -1
    bool perfective = false;  // 了 after the verb (always in the 把 form)
    int punctuation = -1;  // 。 or ！ at the end, or -1
};

struct LabelledSentence {
    std::vector<int> ids;    // (T) vocabulary ids
    std::vector<int> roles;  // (T) Role values
    RoleTriple triple;
    SentenceForm form = SentenceForm::Active;
    std::string text;        // the words joined (tokenizes back to ids)
};

class Corpus {
public:
    // Builds every sensible event over the vocabulary's words and splits them.
    // Throws Error(BadInput) when the vocabulary lacks the words of the showcase sentences.
    explicit Corpus(Vocabulary vocabulary, std::uint64_t splitSeed = 7, double heldOutFraction = 0.15);

    const Vocabulary& vocabulary() const { return vocabulary_; }
    const std::vector<RoleTriple>& trainingTriples() const { return training_; }
    const std::vector<RoleTriple>& heldOutTriples() const { return heldOut_; }
    bool isHeldOut(const RoleTriple&) const;
    // Forms the verb takes (every verb: active; some: passive, 把).
    std::vector<SentenceForm> formsOf(int verb) const;

    LabelledSentence render(const RoleTriple&, SentenceForm, const SentenceDecoration& = {}) const;
    // A random sentence of a random training (or held-out) triple: form and decoration drawn too.
    LabelledSentence sample(std::mt19937_64& rng, bool heldOut = false) const;
    // `count` random held-out sentences, the same for the same seed.
    std::vector<LabelledSentence> heldOutSentences(int count, std::uint64_t seed = 2024) const;
    // Every held-out reversible event in every form, bare: (猫追老鼠, 老鼠追猫), (老鼠被猫追, 猫被老鼠追) ...
    std::vector<std::pair<LabelledSentence, LabelledSentence>> reversalPairs() const;
    // The showcase: 猫追老鼠, 老鼠追猫, 老鼠被猫追, 猫被老鼠追, 猫把老鼠追了, 老鼠把猫追了.
    std::vector<LabelledSentence> showcase() const;

private:
    bool sensible(int agent, int verb, int patient) const;
    std::vector<int> randomModifier(std::mt19937_64& rng, int noun) const;
    SentenceDecoration randomDecoration(std::mt19937_64& rng, const RoleTriple&, SentenceForm) const;

    Vocabulary vocabulary_;
    std::vector<RoleTriple> training_, heldOut_;
    std::vector<int> verbs_;
    std::vector<std::vector<size_t>> trainingByVerb_, heldOutByVerb_;  // indices per verbs_ entry
};

// Uniform integer in [0, n) from the generator's raw output, the same on every platform
// (unlike std::uniform_int_distribution).
inline std::size_t uniformIndex(std::mt19937_64& rng, std::size_t n) { return static_cast<std::size_t>(rng() % n); }
inline double uniformUnit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

}  // namespace orderlens
