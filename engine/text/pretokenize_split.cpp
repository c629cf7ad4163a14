// The pre-tokenizer pattern of Llama 3 and Qwen2 (a Split with this regex, then ByteLevel
// without its own regex), matched by hand over code points:
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
// Qwen2's has \p{N} (one digit a piece) where Llama 3's has \p{N}{1,3}.
#include "engine/text/bpe.h"
#include "engine/text/unicode.h"

namespace optibench::engine {

namespace {

bool isNewline(char32_t c)
{
    return c == U'\r' || c == U'\n';
}

char32_t lower(char32_t c)
{
    return c >= U'A' && c <= U'Z' ? c + 32 : c;
}

// The contraction at i ('s, 'T, 're, ...), case-insensitive: its length, or 0.
std::size_t contraction(const std::u32string &s, std::size_t i)
{
    if (s[i] != U'\'' || i + 1 >= s.size())
        return 0;
    const char32_t a = lower(s[i + 1]), b = i + 2 < s.size() ? lower(s[i + 2]) : 0;
    if (a == U's' || a == U't' || a == U'm' || a == U'd')
        return 2;
    if ((a == U'r' && b == U'e') || (a == U'v' && b == U'e') || (a == U'l' && b == U'l'))
        return 3;
    return 0;
}

bool isSymbol(char32_t c) // [^\s\p{L}\p{N}]
{
    return !unicode::isWhiteSpace(c) && !unicode::isLetter(c) && !unicode::isNumber(c);
}

// The end of the piece that starts at i.
std::size_t pieceEnd(const std::u32string &s, std::size_t i, int maxDigits)
{
    const std::size_t n = s.size();
    if (const std::size_t c = contraction(s, i))
        return i + c;
    // [^\r\n\p{L}\p{N}]?\p{L}+
    std::size_t j = i;
    if (!isNewline(s[j]) && !unicode::isLetter(s[j]) && !unicode::isNumber(s[j]) && j + 1 < n
        && unicode::isLetter(s[j + 1]))
        ++j;
    if (unicode::isLetter(s[j])) {
        while (j < n && unicode::isLetter(s[j]))
            ++j;
        return j;
    }
    // \p{N}{1,maxDigits}
    if (unicode::isNumber(s[i])) {
        j = i;
        while (j < n && j - i < std::size_t(maxDigits) && unicode::isNumber(s[j]))
            ++j;
        return j;
    }
    // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
    j = i;
    if (s[j] == U' ' && j + 1 < n && isSymbol(s[j + 1]))
        ++j;
    if (isSymbol(s[j])) {
        while (j < n && isSymbol(s[j]))
            ++j;
        while (j < n && isNewline(s[j]))
            ++j;
        return j;
    }
    // Whitespace from here on.
    std::size_t end = i;
    while (end < n && unicode::isWhiteSpace(s[end]))
        ++end;
    // `\s*[\r\n]+`: up to the last line break of the run.
    for (std::size_t k = end; k > i; --k)
        if (isNewline(s[k - 1]))
            return k;
    // `\s+(?!\S)` leaves the last space to the word after it; `\s+` takes a single one.
    if (end == n || end - i == 1)
        return end;
    return end - 1;
}

} // namespace

std::vector<std::string> BpeTokenizer::preTokenizeSplit(std::string_view text, int maxDigits)
{
    const std::u32string s = unicode::decodeUtf8(text);
    std::vector<std::string> pieces;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t end = pieceEnd(s, i, maxDigits);
        if (end <= i)
            end = i + 1; // unreachable: every character starts one of the alternatives
        pieces.push_back(unicode::encodeUtf8(std::u32string_view(s).substr(i, end - i)));
        i = end;
    }
    return pieces;
}

std::vector<std::string> BpeTokenizer::preTokenizeDigitsThenGpt2(std::string_view text)
{
    // Digits(individual_digits): every digit a piece of its own, then GPT-2's pattern on the rest.
    const std::u32string s = unicode::decodeUtf8(text);
    std::vector<std::string> pieces;
    std::size_t start = 0;
    auto flush = [&](std::size_t end) {
        if (end > start)
            for (auto &p : preTokenize(unicode::encodeUtf8(std::u32string_view(s).substr(start, end - start))))
                pieces.push_back(std::move(p));
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (unicode::isNumber(s[i])) {
            flush(i);
            pieces.push_back(unicode::encodeUtf8(std::u32string_view(s).substr(i, 1)));
            start = i + 1;
        }
    }
    flush(s.size());
    return pieces;
}

} // namespace optibench::engine
