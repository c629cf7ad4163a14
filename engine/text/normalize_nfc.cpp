// Normalization Form C (engine/text/unicode.h) over the tables engine/text/unicode_gen.py
// writes from Python's unicodedata: decompose fully, put each run of combining marks in
// canonical order, then compose each mark with the last starter it is not blocked from.
#include "engine/text/unicode.h"
#include "engine/text/unicode_tables.h"

#include <algorithm>
#include <iterator>

namespace optibench::engine::unicode {

namespace {

int combiningClass(char32_t cp)
{
    if (cp < 0x300)
        return 0;
    const auto *begin = tables::kCombiningClass, *end = begin + tables::kCombiningClassCount;
    const auto *it = std::lower_bound(begin, end, cp, [](const tables::CodeMap &m, char32_t v) { return m.from < v; });
    return it != end && it->from == cp ? static_cast<int>(it->to) : 0;
}

void appendDecomposed(std::u32string &out, char32_t cp)
{
    if (cp < 0xC0) { // nothing below À decomposes
        out.push_back(cp);
        return;
    }
    if (appendHangulJamo(out, cp))
        return;
    const auto *begin = tables::kDecomposition, *end = begin + tables::kDecompositionCount;
    const auto *it = std::lower_bound(begin, end, cp, [](const char32_t *row, char32_t v) { return row[0] < v; });
    if (it == end || (*it)[0] != cp) {
        out.push_back(cp);
        return;
    }
    out.append(*it + 2, *it + 2 + (*it)[1]);
}

// The primary composite of a starter and the next code point, or 0.
char32_t compose(char32_t first, char32_t second)
{
    if (first >= kHangulL && first < kHangulL + kHangulLCount && second >= kHangulVFirst
        && second < kHangulVFirst + kHangulV)
        return kHangulFirst + ((first - kHangulL) * kHangulV + (second - kHangulVFirst)) * kHangulT;
    if (first >= kHangulFirst && first <= kHangulLast && (first - kHangulFirst) % kHangulT == 0 && second > kHangulTBase
        && second < kHangulTBase + kHangulT)
        return first + (second - kHangulTBase);
    const auto *begin = tables::kComposition, *end = begin + tables::kCompositionCount;
    const auto *it = std::lower_bound(begin, end, std::make_pair(first, second),
                                      [](const char32_t *row, const std::pair<char32_t, char32_t> &v) {
                                          return row[0] < v.first || (row[0] == v.first && row[1] < v.second);
                                      });
    return it != end && (*it)[0] == first && (*it)[1] == second ? (*it)[2] : 0;
}

// Each run of non-starters sorted by combining class, stably.
void canonicalOrder(std::u32string &s)
{
    for (std::size_t i = 0; i < s.size();) {
        if (combiningClass(s[i]) == 0) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < s.size() && combiningClass(s[end]) != 0)
            ++end;
        std::stable_sort(s.begin() + static_cast<std::ptrdiff_t>(i), s.begin() + static_cast<std::ptrdiff_t>(end),
                         [](char32_t a, char32_t b) { return combiningClass(a) < combiningClass(b); });
        i = end;
    }
}

} // namespace

std::u32string nfc(std::u32string_view text)
{
    if (std::all_of(text.begin(), text.end(), [](char32_t c) { return c < 0x300; }))
        return std::u32string(text); // Latin-1 and its neighbours are composed already
    std::u32string decomposed;
    for (char32_t cp : text)
        appendDecomposed(decomposed, cp);
    canonicalOrder(decomposed);

    std::u32string out;
    std::size_t starter = std::u32string::npos; // index in out of the last starter
    int lastClass = 0;                          // of out's last code point
    for (char32_t cp : decomposed) {
        const int cc = combiningClass(cp);
        // Not blocked: right after the starter, or after marks of a lower class.
        const bool open =
            starter != std::u32string::npos && (starter + 1 == out.size() ? true : (lastClass != 0 && lastClass < cc));
        if (open) {
            if (const char32_t composite = compose(out[starter], cp)) {
                out[starter] = composite;
                continue;
            }
        }
        if (cc == 0)
            starter = out.size();
        lastClass = cc;
        out.push_back(cp);
    }
    return out;
}

} // namespace optibench::engine::unicode
