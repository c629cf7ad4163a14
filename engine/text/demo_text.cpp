#include "engine/text/demo_text.h"
#include "engine/formats/demo_architecture.h"

#include <cctype>
#include <cmath>
#include <iterator>
#include <random>
#include <stdexcept>

namespace optibench::engine::demo {

namespace {

const char *const kNeutral[] = {"the",    "a",        "this",   "it",       "is",      "was",        "and",
                                "but",    "i",        "my",     "with",     "for",     "of",         "to",
                                "in",     "on",       "after",  "before",   "week",    "day",        "month",
                                "use",    "used",     "bought", "ordered",  "arrived", "box",        "product",
                                "item",   "phone",    "case",   "cable",    "charger", "headphones", "speaker",
                                "lamp",   "chair",    "desk",   "kettle",   "blender", "keyboard",   "mouse",
                                "screen", "battery",  "price",  "delivery", "seller",  "package",    "color",
                                "size",   "quality",  "sound",  "light",    "handle",  "button",     "strap",
                                "manual", "setup",    "design", "material", "kitchen", "office",     "gift",
                                "son",    "daughter", "wife",   "husband",  "friend",  "again",      "very",
                                "really", "quite",    "still",  "just",     "also",    "so",         "too",
                                "at",     "first",    "now",    "every",    "morning", "evening",    "home",
                                "work",   "travel",   "would",  "will",     "be",      "has",        "have",
                                "had",    "they",     "we",     "you",      "there",   "than",       "as"};
const char *const kPositive[] = {"great",   "excellent", "love",        "perfect", "amazing",   "good",
                                 "sturdy",  "reliable",  "comfortable", "fast",    "beautiful", "recommend",
                                 "happy",   "works",     "solid",       "nice",    "best",      "bright",
                                 "quiet",   "easy",      "fantastic",   "worth",   "pleased",   "impressed",
                                 "durable", "smooth",    "crisp",       "helpful", "wonderful", "favorite"};
const char *const kNegative[] = {"terrible", "broken",  "awful",     "poor",         "bad",           "cheap",
                                 "flimsy",   "slow",    "noisy",     "disappointed", "refund",        "return",
                                 "worst",    "useless", "defective", "cracked",      "late",          "missing",
                                 "hate",     "waste",   "faulty",    "unreliable",   "uncomfortable", "dim",
                                 "weak",     "leaking", "scratched", "overpriced",   "annoying",      "failed"};

// The special tokens and the two punctuation marks, then the words.
constexpr size_t kFixedTokens = 6;
static_assert(kFixedTokens + std::size(kNeutral) + std::size(kPositive) + std::size(kNegative)
                  == static_cast<size_t>(kTinyBert.vocabSize),
              "demo_architecture.h's vocabulary size is the tokenizer's");
static_assert(kTinyLlama.vocabSize == kTinyBert.vocabSize, "both demo models read the same words");

template<size_t N>
const char *pick(const char *const (&words)[N], std::mt19937_64 &rng)
{
    return words[rng() % N];
}

// Uniform in (0, 1] from the generator's bits, independent of the standard library's
// distribution implementations (which differ between versions).
double uniform(std::mt19937_64 &rng)
{
    return (static_cast<double>(rng() >> 11) + 1.0) * (1.0 / 9007199254740992.0);
}

} // namespace

WordTokenizer::WordTokenizer()
{
    m_words = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", ".", ","};
    for (const char *w : kNeutral)
        m_words.push_back(w);
    for (const char *w : kPositive)
        m_words.push_back(w);
    for (const char *w : kNegative)
        m_words.push_back(w);
    for (size_t i = 0; i < m_words.size(); ++i)
        m_ids.emplace(m_words[i], static_cast<std::int64_t>(i));
}

std::vector<std::int64_t> WordTokenizer::words(const std::string &text) const
{
    std::vector<std::int64_t> ids;
    auto flush = [&](std::string &word) {
        if (word.empty())
            return;
        auto it = m_ids.find(word);
        ids.push_back(it == m_ids.end() ? kUnk : it->second);
        word.clear();
    };
    std::string word;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || ch == '\'') {
            word.push_back(static_cast<char>(std::tolower(c)));
        } else {
            flush(word);
            if (ch == '.' || ch == ',') {
                word.assign(1, ch);
                flush(word);
            }
        }
    }
    flush(word);
    return ids;
}

std::vector<std::int64_t> WordTokenizer::encode(const std::string &text, int maxLength) const
{
    if (maxLength < 2)
        throw std::invalid_argument("max_length must be at least 2, is " + std::to_string(maxLength));
    auto ids = encodePrompt(text, maxLength - 1);
    ids.push_back(kSep);
    return ids;
}

std::vector<std::int64_t> WordTokenizer::encodePrompt(const std::string &text, int maxLength) const
{
    std::vector<std::int64_t> ids{kCls};
    const auto body = words(text);
    ids.insert(ids.end(), body.begin(), body.end());
    if (maxLength > 0 && static_cast<int>(ids.size()) > maxLength)
        ids.resize(static_cast<size_t>(maxLength));
    return ids;
}

std::string WordTokenizer::decode(const std::vector<std::int64_t> &ids) const
{
    std::string out;
    for (const auto id : ids) {
        if (id == kPad || id == kCls || id == kSep)
            continue;
        const std::string &w = word(id);
        if (!out.empty() && w != "." && w != ",")
            out += ' ';
        out += w;
    }
    return out;
}

const WordTokenizer &tokenizer()
{
    static const WordTokenizer instance;
    return instance;
}

std::vector<TextExample> reviews(const std::string &split)
{
    size_t count = 0;
    std::uint64_t seed = 0;
    if (split == "train") {
        count = 4000;
        seed = 11;
    } else if (split == "eval" || split == "validation" || split == "test") {
        count = 1000;
        seed = 23;
    } else {
        throw std::invalid_argument("dataset demo:reviews has no split '" + split + "' (train, eval)");
    }
    std::mt19937_64 rng(seed);
    std::vector<TextExample> out;
    out.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        TextExample ex;
        ex.label = static_cast<int>(rng() & 1);
        // Pareto-distributed word count (x_m = 6, alpha = 1.3): median about 10, a few percent
        // beyond 100, capped so that [CLS] and [SEP] still fit in 256 positions.
        const double words = 6.0 / std::pow(uniform(rng), 1.0 / 1.3);
        const int n = static_cast<int>(std::min(248.0, words));
        std::string text;
        int sentiment = 0;
        for (int w = 0; w < n; ++w) {
            const double r = uniform(rng);
            const char *word;
            if (r < 0.12 || (w == n - 1 && sentiment == 0)) {
                // Mostly words of the label's polarity, some of the other, so the task is not trivial.
                const bool agree = uniform(rng) < 0.8;
                const bool positive = (ex.label == 1) == agree;
                word = positive ? pick(kPositive, rng) : pick(kNegative, rng);
                sentiment += agree ? 1 : -1;
            } else {
                word = pick(kNeutral, rng);
            }
            if (!text.empty())
                text += (r > 0.95) ? ", " : " ";
            text += word;
        }
        text += ".";
        ex.text = std::move(text);
        out.push_back(std::move(ex));
    }
    return out;
}

} // namespace optibench::engine::demo
