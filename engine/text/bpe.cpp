#include "engine/text/bpe.h"

#include "engine/text/unicode.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <queue>
#include <sstream>

namespace optibench::engine {

namespace {

constexpr char kPairSeparator = '\x1f'; // never part of a byte-level token
constexpr std::size_t kCacheLimit = 200'000;

std::string pairKey(const std::string &a, const std::string &b)
{
    std::string key;
    key.reserve(a.size() + b.size() + 1);
    key += a;
    key += kPairSeparator;
    key += b;
    return key;
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw TokenizerError(path + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// [^\s\p{L}\p{N}]
bool isOtherSymbol(char32_t c)
{
    return !unicode::isWhiteSpace(c) && !unicode::isLetter(c) && !unicode::isNumber(c);
}

} // namespace

std::vector<std::pair<std::string, std::string>> parseMerges(std::string_view text, const std::string &source)
{
    std::vector<std::pair<std::string, std::string>> merges;
    std::size_t lineNo = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty() || (lineNo == 1 && line.rfind("#version", 0) == 0))
            continue;
        const std::size_t space = line.find(' ');
        if (space == std::string_view::npos || space == 0 || space + 1 >= line.size()
            || line.find(' ', space + 1) != std::string_view::npos)
            throw TokenizerError(source + ": line " + std::to_string(lineNo) + " is not a merge of two tokens");
        merges.emplace_back(std::string(line.substr(0, space)), std::string(line.substr(space + 1)));
    }
    return merges;
}

BpeTokenizer::BpeTokenizer(std::vector<std::string> vocab,
                           const std::vector<std::pair<std::string, std::string>> &merges, BpeOptions options,
                           const std::string &source)
    : m_options(std::move(options))
{
    setVocabulary(std::move(vocab), source);

    // bytes_to_unicode: printable Latin-1 bytes stand for themselves, the others are shifted
    // above U+0100 so that every byte is a visible character.
    int shifted = 0;
    for (int b = 0; b < 256; ++b) {
        const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
        const char32_t cp = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + shifted++);
        unicode::appendUtf8(m_byteToUnicode[b], cp);
        m_unicodeToByte.emplace(m_byteToUnicode[b], static_cast<std::uint8_t>(b));
        if (!m_options.metaspace.enabled && !tokenToId(m_byteToUnicode[b]))
            throw TokenizerError(source + ": the vocabulary lacks the token for byte " + std::to_string(b)
                                 + " (not a byte-level BPE vocabulary)");
    }
    m_ranks.reserve(merges.size());
    for (std::size_t i = 0; i < merges.size(); ++i)
        m_ranks.emplace(pairKey(merges[i].first, merges[i].second), static_cast<int>(i)); // first rank wins

    if (!m_options.bosToken.empty())
        m_prefix = {requireToken(m_options.bosToken, source)};
    if (!m_options.eosToken.empty())
        m_suffix = {requireToken(m_options.eosToken, source)};
    for (const std::string &t : m_options.specialTokens)
        if (const auto id = tokenToId(t))
            m_special.push_back(*id);
    for (std::int64_t id : m_prefix)
        m_special.push_back(id);
    for (std::int64_t id : m_suffix)
        m_special.push_back(id);
    if (!m_options.padToken.empty()) {
        m_padId = requireToken(m_options.padToken, source);
    } else if (const auto eos = tokenToId("<|endoftext|>")) {
        m_padId = *eos; // GPT-2 has no padding token: batches pad with <|endoftext|> under the mask
    } else {
        m_padId = 0;
    }
}

std::unique_ptr<BpeTokenizer> BpeTokenizer::fromFiles(const std::string &vocabJson, const std::string &mergesTxt,
                                                      BpeOptions options)
{
    nlohmann::json vocab;
    try {
        vocab = nlohmann::json::parse(readFile(vocabJson));
    } catch (const nlohmann::json::exception &e) {
        throw TokenizerError(vocabJson + ": is not valid JSON: " + e.what());
    }
    if (!vocab.is_object())
        throw TokenizerError(vocabJson + ": is not a JSON object of token -> id");
    std::vector<std::string> tokens(vocab.size());
    std::vector<bool> seen(vocab.size(), false);
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        if (!it.value().is_number_unsigned() || it.value().get<std::uint64_t>() >= tokens.size())
            throw TokenizerError(vocabJson + ": token \"" + it.key() + "\" has an id that is not in 0.."
                                 + std::to_string(tokens.size() - 1));
        const auto id = it.value().get<std::size_t>();
        if (seen[id])
            throw TokenizerError(vocabJson + ": id " + std::to_string(id) + " is given to two tokens");
        seen[id] = true;
        tokens[id] = it.key();
    }
    const auto merges = parseMerges(readFile(mergesTxt), mergesTxt);
    return std::make_unique<BpeTokenizer>(std::move(tokens), merges, std::move(options), vocabJson);
}

std::vector<std::string> BpeTokenizer::preTokenize(std::string_view text)
{
    const std::u32string s = unicode::decodeUtf8(text);
    const std::size_t n = s.size();
    std::vector<std::string> pieces;
    std::size_t i = 0;
    auto emit = [&](std::size_t end) {
        pieces.push_back(unicode::encodeUtf8(std::u32string_view(s).substr(i, end - i)));
        i = end;
    };
    // ` ?X+` for a class X: the optional space counts only when X follows it.
    auto run = [&](bool (*cls)(char32_t)) -> std::size_t {
        std::size_t j = i;
        if (s[j] == U' ' && j + 1 < n && cls(s[j + 1]))
            ++j;
        if (!cls(s[j]))
            return 0;
        while (j < n && cls(s[j]))
            ++j;
        return j;
    };
    while (i < n) {
        if (s[i] == U'\'' && i + 1 < n) {
            const char32_t a = s[i + 1];
            const char32_t b = i + 2 < n ? s[i + 2] : 0;
            if (a == U's' || a == U't' || a == U'm' || a == U'd') {
                emit(i + 2);
                continue;
            }
            if ((a == U'r' && b == U'e') || (a == U'v' && b == U'e') || (a == U'l' && b == U'l')) {
                emit(i + 3);
                continue;
            }
        }
        if (std::size_t end = run(unicode::isLetter)) {
            emit(end);
            continue;
        }
        if (std::size_t end = run(unicode::isNumber)) {
            emit(end);
            continue;
        }
        if (std::size_t end = run(isOtherSymbol)) {
            emit(end);
            continue;
        }
        // Whitespace: `\s+(?!\S)` leaves the last space of a run to the word after it; `\s+`
        // takes what remains (a single whitespace character before a word, or a run at the end).
        std::size_t j = i;
        while (j < n && unicode::isWhiteSpace(s[j]))
            ++j;
        if (j == i) {
            emit(i + 1); // unreachable: every character is in one of the classes above
        } else if (j == n || j - i == 1) {
            emit(j);
        } else {
            emit(j - 1);
        }
    }
    return pieces;
}

std::vector<std::string> BpeTokenizer::mergeSymbols(std::vector<std::string> initial) const
{
    // Symbols in a linked list and candidate pairs in a min-heap (rank, then leftmost), as
    // Hugging Face's Rust BPE does: O(n log n) where the textbook loop is quadratic in the
    // length of a piece (a long run of letters without spaces would stall it).
    struct Symbol {
        std::string text;
        int prev, next;
        bool alive;
    };
    struct Candidate {
        int rank, left, right;
        std::size_t length; // of the merged text when queued; a change means the pair is stale
        bool operator>(const Candidate &o) const { return rank != o.rank ? rank > o.rank : left > o.left; }
    };
    std::vector<Symbol> symbols;
    symbols.reserve(initial.size());
    for (std::string &text : initial) {
        const int i = static_cast<int>(symbols.size());
        symbols.push_back({std::move(text), i - 1, i + 1, true});
    }
    if (!symbols.empty())
        symbols.back().next = -1;
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> queue;
    auto consider = [&](int left, int right) {
        if (left < 0 || right < 0)
            return;
        const auto it = m_ranks.find(pairKey(symbols[left].text, symbols[right].text));
        if (it != m_ranks.end())
            queue.push({it->second, left, right, symbols[left].text.size() + symbols[right].text.size()});
    };
    for (int i = 0; i + 1 < static_cast<int>(symbols.size()); ++i)
        consider(i, i + 1);
    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        Symbol &left = symbols[c.left];
        Symbol &right = symbols[c.right];
        if (!left.alive || !right.alive || left.next != c.right || left.text.size() + right.text.size() != c.length)
            continue;
        left.text += right.text;
        right.alive = false;
        left.next = right.next;
        if (right.next >= 0)
            symbols[right.next].prev = c.left;
        consider(left.prev, c.left);
        consider(c.left, left.next);
    }
    std::vector<std::string> word;
    for (int i = symbols.empty() ? -1 : 0; i >= 0; i = symbols[i].next)
        word.push_back(std::move(symbols[i].text));
    return word;
}

void BpeTokenizer::bpe(const std::string &piece, std::vector<std::int64_t> &out) const
{
    {
        std::lock_guard<std::mutex> lock(m_cacheMutex);
        const auto hit = m_cache.find(piece);
        if (hit != m_cache.end()) {
            out.insert(out.end(), hit->second.begin(), hit->second.end());
            return;
        }
    }
    std::vector<std::string> initial;
    initial.reserve(piece.size());
    for (unsigned char b : piece)
        initial.push_back(m_byteToUnicode[b]);
    const std::vector<std::string> word = mergeSymbols(std::move(initial));

    std::vector<std::int64_t> ids;
    for (const std::string &symbol : word) {
        if (const auto id = tokenToId(symbol)) {
            ids.push_back(*id);
            continue;
        }
        // A merge whose result the vocabulary lacks: fall back to the symbol's bytes.
        for (std::size_t k = 0; k < symbol.size();) {
            std::size_t len = 1;
            while (k + len < symbol.size() && !m_unicodeToByte.count(symbol.substr(k, len)))
                ++len;
            if (const auto id = tokenToId(symbol.substr(k, len)))
                ids.push_back(*id);
            k += len;
        }
    }
    out.insert(out.end(), ids.begin(), ids.end());
    std::lock_guard<std::mutex> lock(m_cacheMutex);
    if (m_cache.size() >= kCacheLimit)
        m_cache.clear();
    m_cache.emplace(piece, std::move(ids));
}

void BpeTokenizer::tokenizeSegment(std::string_view text, std::vector<std::int64_t> &out) const
{
    if (m_options.metaspace.enabled) {
        metaspaceSegment(text, out);
        return;
    }
    std::string input;
    if (m_options.addPrefixSpace && !text.empty() && text.front() != ' ')
        input = " ";
    if (m_options.nfc)
        input += unicode::encodeUtf8(unicode::nfc(unicode::decodeUtf8(text)));
    else
        input.append(text);
    for (const std::string &piece : pieces(input))
        bpe(piece, out);
}

std::vector<std::string> BpeTokenizer::pieces(std::string_view text) const
{
    switch (m_options.preTokenizer) {
    case PreTokenizer::Llama3: return preTokenizeSplit(text, 3);
    case PreTokenizer::Qwen2: return preTokenizeSplit(text, 1);
    case PreTokenizer::DigitsThenGpt2: return preTokenizeDigitsThenGpt2(text);
    case PreTokenizer::Gpt2: break;
    }
    return preTokenize(text);
}

std::string BpeTokenizer::decode(const std::vector<std::int64_t> &ids, bool skipSpecial) const
{
    if (m_options.metaspace.enabled)
        return metaspaceDecode(ids, skipSpecial);
    std::string bytes;
    for (std::int64_t id : ids) {
        if (skipSpecial && isSpecial(id))
            continue;
        const std::u32string token = unicode::decodeUtf8(idToToken(id));
        for (char32_t c : token) {
            std::string ch;
            unicode::appendUtf8(ch, c);
            const auto it = m_unicodeToByte.find(ch);
            if (it != m_unicodeToByte.end())
                bytes.push_back(static_cast<char>(it->second));
            else
                bytes += ch;
        }
    }
    // Like errors="replace": byte sequences that are not UTF-8 become U+FFFD.
    return unicode::encodeUtf8(unicode::decodeUtf8(bytes));
}

} // namespace optibench::engine
