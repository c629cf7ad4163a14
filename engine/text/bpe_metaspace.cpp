// SentencePiece-style BPE (engine/text/bpe.h, MetaspaceOptions), as Hugging Face's tokenizers
// read Llama 2's, TinyLlama's and Mistral's tokenizer.json: spaces become U+2581 (with one
// prepended by the normalizer or the Metaspace pre-tokenizer), the text's code points are
// merged by rank, and a result the vocabulary lacks becomes its bytes' <0xXX> tokens. Decoding
// turns U+2581 back into spaces, the byte tokens back into UTF-8, and drops one leading space.
#include "engine/text/bpe.h"

#include "engine/text/unicode.h"

#include <cstdio>

namespace optibench::engine {

namespace {

constexpr std::string_view kMetaspace = "\xE2\x96\x81"; // U+2581

std::string replaceSpaces(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == ' ')
            out += kMetaspace;
        else
            out += c;
    }
    return out;
}

bool startsWithMetaspace(std::string_view s)
{
    return s.substr(0, kMetaspace.size()) == kMetaspace;
}

// Metaspace's split: a piece from each U+2581 on (the first piece may start without one).
std::vector<std::string> splitAtMetaspace(const std::string &s)
{
    std::vector<std::string> pieces;
    std::size_t start = 0;
    for (std::size_t at = s.find(kMetaspace, kMetaspace.size()); at != std::string::npos;
         at = s.find(kMetaspace, at + kMetaspace.size())) {
        pieces.push_back(s.substr(start, at - start));
        start = at;
    }
    pieces.push_back(s.substr(start));
    return pieces;
}

std::string byteToken(unsigned char b)
{
    char name[8];
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    return name;
}

// The byte a "<0xXX>" token stands for, or -1.
int byteOfToken(const std::string &token)
{
    if (token.size() != 6 || token.compare(0, 3, "<0x") != 0 || token[5] != '>')
        return -1;
    unsigned value = 0;
    for (int i = 3; i < 5; ++i) {
        const char c = token[static_cast<std::size_t>(i)];
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (digit < 0)
            return -1;
        value = value * 16 + static_cast<unsigned>(digit);
    }
    return static_cast<int>(value);
}

} // namespace

void BpeTokenizer::metaspaceSegment(std::string_view text, std::vector<std::int64_t> &out) const
{
    const auto &o = m_options.metaspace;
    std::string s = replaceSpaces(text);
    const bool first = out.empty(); // nothing of the input before this text
    const bool prepend = o.prepend == SpacePrepend::Normalizer
        || (!startsWithMetaspace(s)
            && (o.prepend == SpacePrepend::Always || (o.prepend == SpacePrepend::First && first)));
    if (prepend && !s.empty())
        s.insert(0, kMetaspace);
    const std::vector<std::string> pieces = o.split ? splitAtMetaspace(s) : std::vector<std::string>{s};
    for (const std::string &piece : pieces) {
        std::vector<std::string> symbols;
        for (char32_t c : unicode::decodeUtf8(piece)) {
            std::string ch;
            unicode::appendUtf8(ch, c);
            symbols.push_back(std::move(ch));
        }
        for (const std::string &symbol : mergeSymbols(std::move(symbols))) {
            if (const auto id = tokenToId(symbol)) {
                out.push_back(*id);
                continue;
            }
            std::vector<std::int64_t> bytes;
            for (unsigned char b : symbol)
                if (const auto id = tokenToId(byteToken(b)))
                    bytes.push_back(*id);
            if (bytes.size() == symbol.size())
                out.insert(out.end(), bytes.begin(), bytes.end());
            else if (const auto unk = o.unkToken.empty() ? std::nullopt : tokenToId(o.unkToken))
                out.push_back(*unk);
        }
    }
}

std::string BpeTokenizer::metaspaceDecode(const std::vector<std::int64_t> &ids, bool skipSpecial) const
{
    std::string text;
    for (std::int64_t id : ids) {
        if (skipSpecial && isSpecial(id))
            continue;
        const std::string &token = idToToken(id);
        if (const int b = byteOfToken(token); b >= 0) {
            text.push_back(static_cast<char>(b));
            continue;
        }
        for (std::size_t i = 0; i < token.size();) {
            if (token.compare(i, kMetaspace.size(), kMetaspace) == 0) {
                text += ' ';
                i += kMetaspace.size();
            } else {
                text += token[i++];
            }
        }
    }
    // Byte tokens that form no UTF-8 become U+FFFD.
    std::string decoded = unicode::encodeUtf8(unicode::decodeUtf8(text));
    if (m_options.metaspace.stripDecoded && !decoded.empty() && decoded.front() == ' ')
        decoded.erase(0, 1);
    return decoded;
}

} // namespace optibench::engine
