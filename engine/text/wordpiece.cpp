#include "engine/text/wordpiece.h"

#include "engine/text/unicode.h"

#include <fstream>

namespace optibench::engine {

namespace {

void splitOnWhitespace(const std::u32string &text, std::vector<std::u32string> &out)
{
    std::u32string current;
    for (char32_t c : text) {
        if (c == U' ') {
            if (!current.empty())
                out.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty())
        out.push_back(std::move(current));
}

} // namespace

WordPieceTokenizer::WordPieceTokenizer(std::vector<std::string> vocab, WordPieceOptions options,
                                       const std::string &source)
    : m_options(std::move(options))
{
    setVocabulary(std::move(vocab), source);
    m_unkId = requireToken(m_options.unkToken, source);
    m_padId = requireToken(m_options.padToken, source);
    const std::int64_t cls = requireToken(m_options.clsToken, source);
    const std::int64_t sep = requireToken(m_options.sepToken, source);
    if (m_options.addSpecialTokens) {
        m_prefix = {cls};
        m_suffix = {sep};
    }
    m_special = {cls, sep, m_padId, m_unkId};
    if (const auto mask = tokenToId("[MASK]"))
        m_special.push_back(*mask);
    if (m_options.maxInputCharsPerWord < 1)
        throw TokenizerError(source + ": max_input_chars_per_word must be positive");
}

std::unique_ptr<WordPieceTokenizer> WordPieceTokenizer::fromVocabFile(const std::string &path, WordPieceOptions options)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw TokenizerError(path + ": cannot open");
    std::vector<std::string> vocab;
    std::string line;
    while (std::getline(in, line)) {
        // transformers strips the trailing newline only; keep other characters as they are.
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!unicode::isValidUtf8(line))
            throw TokenizerError(path + ": line " + std::to_string(vocab.size() + 1) + " is not valid UTF-8");
        vocab.push_back(line);
    }
    return std::make_unique<WordPieceTokenizer>(std::move(vocab), std::move(options), path);
}

std::vector<std::string> WordPieceTokenizer::basicTokenize(std::string_view text) const
{
    const std::u32string input = unicode::decodeUtf8(text);

    // _clean_text and _tokenize_chinese_chars.
    std::u32string cleaned;
    cleaned.reserve(input.size());
    for (char32_t c : input) {
        if (m_options.cleanText) {
            if (c == 0 || c == unicode::kReplacement || unicode::isBertControl(c))
                continue;
            if (unicode::isBertWhitespace(c)) {
                cleaned.push_back(U' ');
                continue;
            }
        } else if (unicode::isBertWhitespace(c)) {
            cleaned.push_back(U' ');
            continue;
        }
        if (m_options.tokenizeChineseChars && unicode::isCjk(c)) {
            cleaned.push_back(U' ');
            cleaned.push_back(c);
            cleaned.push_back(U' ');
        } else {
            cleaned.push_back(c);
        }
    }

    std::vector<std::u32string> words;
    splitOnWhitespace(cleaned, words);
    const bool strip = m_options.stripAccents.value_or(m_options.lowercase);

    std::vector<std::string> out;
    std::u32string normalized, piece;
    for (const std::u32string &word : words) {
        normalized.clear();
        if (m_options.lowercase) {
            std::u32string lowered;
            for (char32_t c : word)
                unicode::appendLower(lowered, c);
            if (strip) {
                for (char32_t c : lowered)
                    unicode::appendStripped(normalized, c);
            } else {
                normalized = lowered;
            }
        } else if (strip) {
            for (char32_t c : word)
                unicode::appendStripped(normalized, c);
        } else {
            normalized = word;
        }
        // _run_split_on_punc: every punctuation character is a word of its own.
        piece.clear();
        for (char32_t c : normalized) {
            if (unicode::isBertPunctuation(c)) {
                if (!piece.empty())
                    out.push_back(unicode::encodeUtf8(piece));
                piece.clear();
                out.push_back(unicode::encodeUtf8(std::u32string(1, c)));
            } else {
                piece.push_back(c);
            }
        }
        if (!piece.empty())
            out.push_back(unicode::encodeUtf8(piece));
    }
    return out;
}

void WordPieceTokenizer::wordPieces(const std::u32string &word, std::vector<std::int64_t> &out) const
{
    if (word.size() > static_cast<std::size_t>(m_options.maxInputCharsPerWord)) {
        out.push_back(m_unkId);
        return;
    }
    // Byte offsets of each code point, so substrings are cut without re-encoding.
    const std::string utf8 = unicode::encodeUtf8(word);
    std::vector<std::size_t> offsets;
    offsets.reserve(word.size() + 1);
    std::size_t pos = 0;
    for (char32_t c : word) {
        offsets.push_back(pos);
        pos += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    offsets.push_back(pos);

    const std::size_t before = out.size();
    std::size_t start = 0;
    std::string candidate;
    while (start < word.size()) {
        std::size_t end = word.size();
        std::optional<std::int64_t> found;
        while (start < end) {
            candidate.clear();
            if (start > 0)
                candidate = m_options.continuationPrefix;
            candidate.append(utf8, offsets[start], offsets[end] - offsets[start]);
            found = tokenToId(candidate);
            if (found)
                break;
            --end;
        }
        if (!found) {
            // A word with any piece missing from the vocabulary becomes one [UNK].
            out.resize(before);
            out.push_back(m_unkId);
            return;
        }
        out.push_back(*found);
        start = end;
    }
}

void WordPieceTokenizer::tokenizeSegment(std::string_view text, std::vector<std::int64_t> &out) const
{
    for (const std::string &word : basicTokenize(text))
        wordPieces(unicode::decodeUtf8(word), out);
}

std::string WordPieceTokenizer::decode(const std::vector<std::int64_t> &ids, bool skipSpecial) const
{
    std::string out;
    const std::string &prefix = m_options.continuationPrefix;
    for (std::int64_t id : ids) {
        if (skipSpecial && isSpecial(id) && id != m_unkId)
            continue;
        const std::string &token = idToToken(id);
        if (!prefix.empty() && token.size() > prefix.size() && token.compare(0, prefix.size(), prefix) == 0) {
            out += token.substr(prefix.size());
        } else {
            if (!out.empty())
                out.push_back(' ');
            out += token;
        }
    }
    return out;
}

} // namespace optibench::engine
