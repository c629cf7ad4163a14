#include "engine/text/unicode.h"

#include "engine/text/unicode_tables.h"

#include <algorithm>

namespace optibench::engine::unicode {

namespace {

using tables::CodeMap;
using tables::CodeRange;

bool inRanges(const CodeRange *ranges, std::size_t count, char32_t cp)
{
    const CodeRange *end = ranges + count;
    const CodeRange *it =
        std::upper_bound(ranges, end, cp, [](char32_t value, const CodeRange &r) { return value < r.lo; });
    return it != ranges && cp <= (it - 1)->hi;
}

const CodeMap *findMap(const CodeMap *maps, std::size_t count, char32_t cp)
{
    const CodeMap *end = maps + count;
    const CodeMap *it =
        std::lower_bound(maps, end, cp, [](const CodeMap &m, char32_t value) { return m.from < value; });
    return (it != end && it->from == cp) ? it : nullptr;
}

// Length of the UTF-8 sequence starting at text[i] if it is valid, else 0.
std::size_t validSequence(std::string_view text, std::size_t i, char32_t &cp)
{
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > text.size())
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

} // namespace

std::u32string decodeUtf8(std::string_view text, std::size_t *invalid)
{
    std::u32string out;
    out.reserve(text.size());
    std::size_t bad = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t len = validSequence(text, i, cp);
        if (len == 0) {
            out.push_back(kReplacement);
            ++bad;
            ++i;
        } else {
            out.push_back(cp);
            i += len;
        }
    }
    if (invalid)
        *invalid = bad;
    return out;
}

bool isValidUtf8(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t len = validSequence(text, i, cp);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = kReplacement;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string encodeUtf8(std::u32string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : text)
        appendUtf8(out, cp);
    return out;
}

bool isLetter(char32_t cp)
{
    return inRanges(tables::kLetter, tables::kLetterCount, cp);
}
bool isNumber(char32_t cp)
{
    return inRanges(tables::kNumber, tables::kNumberCount, cp);
}
bool isPunctuationCategory(char32_t cp)
{
    return inRanges(tables::kPunctuation, tables::kPunctuationCount, cp);
}
bool isOtherCategory(char32_t cp)
{
    return inRanges(tables::kOther, tables::kOtherCount, cp);
}
bool isNonspacingMark(char32_t cp)
{
    return inRanges(tables::kNonspacingMark, tables::kNonspacingMarkCount, cp);
}
bool isSpaceSeparator(char32_t cp)
{
    return inRanges(tables::kSpaceSeparator, tables::kSpaceSeparatorCount, cp);
}

bool isWhiteSpace(char32_t cp)
{
    // The White_Space property, which the regex engines behind GPT-2's pattern use for \s.
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
        || cp == 0x3000;
}

bool isBertWhitespace(char32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || isSpaceSeparator(cp);
}

bool isBertControl(char32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r')
        return false;
    return isOtherCategory(cp);
}

bool isBertPunctuation(char32_t cp)
{
    // BERT treats every ASCII non-letter, non-digit symbol as punctuation ("$", "^", "`"...),
    // although Unicode puts some of them in S*.
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126))
        return true;
    return isPunctuationCategory(cp);
}

bool isCjk(char32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

void appendLower(std::u32string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
        return;
    }
    if (cp == 0x130) { // LATIN CAPITAL LETTER I WITH DOT ABOVE: "i" + COMBINING DOT ABOVE
        out.push_back(U'i');
        out.push_back(0x307);
        return;
    }
    const CodeMap *m = findMap(tables::kLower, tables::kLowerCount, cp);
    out.push_back(m ? m->to : cp);
}

bool appendHangulJamo(std::u32string &out, char32_t cp)
{
    if (cp < kHangulFirst || cp > kHangulLast)
        return false;
    // Hangul syllables decompose algorithmically into two or three conjoining jamo.
    const char32_t s = cp - kHangulFirst;
    out.push_back(kHangulL + s / (kHangulV * kHangulT));
    out.push_back(kHangulVFirst + (s % (kHangulV * kHangulT)) / kHangulT);
    if (s % kHangulT != 0)
        out.push_back(kHangulTBase + s % kHangulT);
    return true;
}

void appendStripped(std::u32string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(cp);
        return;
    }
    if (appendHangulJamo(out, cp))
        return;
    if (isNonspacingMark(cp))
        return;
    if (const CodeMap *m = findMap(tables::kStripSingle, tables::kStripSingleCount, cp)) {
        out.push_back(m->to);
        return;
    }
    for (std::size_t i = 0; i < tables::kStripMultiCount; ++i) {
        if (tables::kStripMulti[i][0] == cp) {
            for (char32_t k = 0; k < tables::kStripMulti[i][1]; ++k)
                out.push_back(tables::kStripMulti[i][2 + k]);
            return;
        }
    }
    out.push_back(cp);
}

} // namespace optibench::engine::unicode
