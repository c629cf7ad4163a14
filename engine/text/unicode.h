#pragma once
// Unicode helpers for the tokenizers: UTF-8 decoding that never fails (invalid bytes become
// U+FFFD), and the character classes that BERT's BasicTokenizer and GPT-2's pre-tokenizer
// regex use. Tables come from Python's unicodedata (engine/text/unicode_gen.py), as in Hugging Face.
#include <string>
#include <string_view>

namespace optibench::engine::unicode {

constexpr char32_t kReplacement = 0xFFFD;

// The Hangul syllables' algorithmic layout: syllable = first + (L * V + v) * T + t.
constexpr char32_t kHangulFirst = 0xAC00, kHangulLast = 0xD7A3;
constexpr char32_t kHangulL = 0x1100, kHangulVFirst = 0x1161, kHangulTBase = 0x11A7;
constexpr char32_t kHangulLCount = 19, kHangulV = 21, kHangulT = 28;

// Decodes UTF-8; each byte of an invalid sequence (bad lead, truncated, overlong, surrogate,
// above U+10FFFF) becomes U+FFFD. Returns the number of replacements through `invalid`.
std::u32string decodeUtf8(std::string_view text, std::size_t *invalid = nullptr);
std::string encodeUtf8(std::u32string_view text);
void appendUtf8(std::string &out, char32_t cp);
bool isValidUtf8(std::string_view text);

bool isLetter(char32_t cp);              // \p{L}
bool isNumber(char32_t cp);              // \p{N}
bool isWhiteSpace(char32_t cp);          // the White_Space property (regex \s)
bool isPunctuationCategory(char32_t cp); // \p{P}
bool isOtherCategory(char32_t cp);       // \p{C}
bool isNonspacingMark(char32_t cp);      // \p{Mn}
bool isSpaceSeparator(char32_t cp);      // \p{Zs}

// BERT's BasicTokenizer classes (transformers' tokenization_bert.py).
bool isBertWhitespace(char32_t cp);  // space, \t, \n, \r or Zs
bool isBertControl(char32_t cp);     // C* except \t, \n, \r
bool isBertPunctuation(char32_t cp); // ASCII non-alphanumeric symbols or P*
bool isCjk(char32_t cp);             // the CJK Unified Ideograph blocks BERT splits out

// Python's str.lower() of one code point, appended (U+0130 gives two code points).
void appendLower(std::u32string &out, char32_t cp);
// NFD of one code point without its nonspacing marks (BERT's _run_strip_accents).
void appendStripped(std::u32string &out, char32_t cp);
// A Hangul syllable's two or three conjoining jamo appended; false (nothing appended) for any
// other code point.
bool appendHangulJamo(std::u32string &out, char32_t cp);

// Normalization Form C (Unicode's UAX #15: canonical decomposition, canonical order, canonical
// composition), as tokenizer.json's NFC normalizer applies it (normalize_nfc.cpp).
std::u32string nfc(std::u32string_view text);

} // namespace optibench::engine::unicode
