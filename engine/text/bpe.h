#pragma once
// Byte-level BPE as GPT-2, RoBERTa, Llama 3 and Qwen2 use it (and SentencePiece-style BPE
// beside it, below): the GPT-2 pre-tokenizer pattern
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// matched by hand over code points, bytes mapped to printable characters (bytes_to_unicode),
// then merges applied by rank, with a cache of pre-token results.
#include "engine/text/tokenizer.h"

#include <mutex>
#include <unordered_map>

namespace optibench::engine {

// How text is cut into pieces before the merges (tokenizer.json's pre_tokenizer).
enum class PreTokenizer {
    Gpt2,           // ByteLevel with its regex (GPT-2, RoBERTa)
    Llama3,         // Split with Llama 3's regex (digits in threes), then ByteLevel
    Qwen2,          // the same with one digit a piece
    DigitsThenGpt2, // Digits (each digit alone), then ByteLevel with its regex
};

// SentencePiece-style BPE (Llama 2, TinyLlama, Mistral: tokenizer.json's BPE with byte_fallback,
// bpe_metaspace.cpp): code points are the symbols, spaces become U+2581, and a symbol the
// vocabulary lacks becomes the <0xXX> tokens of its bytes, or the unknown token.
enum class SpacePrepend {
    Never,
    Normalizer, // Llama 2's Prepend normalizer: U+2581 before every text, before spaces are replaced
    First,      // Metaspace: before the input's first text unless it starts with U+2581
    Always,     // Metaspace: before every text between special tokens unless it starts with U+2581
};
struct MetaspaceOptions {
    bool enabled = false;
    SpacePrepend prepend = SpacePrepend::Normalizer;
    bool split = false;       // Metaspace's split: a piece from each U+2581 on
    bool stripDecoded = true; // decoding drops one leading space (the decoder's Strip or Metaspace)
    std::string unkToken;     // for a symbol neither in the vocabulary nor its bytes; empty: dropped
};

struct BpeOptions {
    PreTokenizer preTokenizer = PreTokenizer::Gpt2;
    bool addPrefixSpace = false; // prepend a space when the text does not start with one
    bool nfc = false;            // the normalizer: each text between special tokens to NFC first (Qwen2)
    // Special tokens around the input: GPT-2 adds none; RoBERTa <s> ... </s>.
    std::string bosToken, eosToken;
    std::string padToken; // empty: GPT-2 pads with <|endoftext|>
    // Matched in the text before pre-tokenization; skipped by decode. Absent ones are ignored.
    std::vector<std::string> specialTokens = {"<|endoftext|>"};
    MetaspaceOptions metaspace; // enabled: SentencePiece-style rather than byte-level
};

class BpeTokenizer : public Tokenizer {
public:
    // `vocab`: tokens in id order; `merges`: pairs in rank order.
    BpeTokenizer(std::vector<std::string> vocab, const std::vector<std::pair<std::string, std::string>> &merges,
                 BpeOptions options, const std::string &source);
    // Reads vocab.json (token -> id) and merges.txt ("#version" line, then "a b" per line).
    static std::unique_ptr<BpeTokenizer> fromFiles(const std::string &vocabJson, const std::string &mergesTxt,
                                                   BpeOptions options);

    TokenizerKind kind() const override { return TokenizerKind::Bpe; }
    std::string decode(const std::vector<std::int64_t> &ids, bool skipSpecial = true) const override;

    // GPT-2's pre-tokenization of text (exposed for tests), as UTF-8 pieces.
    static std::vector<std::string> preTokenize(std::string_view text);
    // Llama 3's (maxDigits 3) or Qwen2's (1) split pattern (pretokenize_split.cpp).
    static std::vector<std::string> preTokenizeSplit(std::string_view text, int maxDigits);
    static std::vector<std::string> preTokenizeDigitsThenGpt2(std::string_view text);
    std::vector<std::string> pieces(std::string_view text) const; // by the options' pre-tokenizer

protected:
    void tokenizeSegment(std::string_view text, std::vector<std::int64_t> &out) const override;

private:
    void bpe(const std::string &piece, std::vector<std::int64_t> &out) const;
    // The merges by rank over a piece's first symbols (a min-heap of candidate pairs).
    std::vector<std::string> mergeSymbols(std::vector<std::string> initial) const;
    void metaspaceSegment(std::string_view text, std::vector<std::int64_t> &out) const;
    std::string metaspaceDecode(const std::vector<std::int64_t> &ids, bool skipSpecial) const;

    BpeOptions m_options;
    std::unordered_map<std::string, int> m_ranks; // "a b" -> rank
    std::string m_byteToUnicode[256];
    std::unordered_map<std::string, std::uint8_t> m_unicodeToByte;
    mutable std::mutex m_cacheMutex;
    mutable std::unordered_map<std::string, std::vector<std::int64_t>> m_cache;
};

std::vector<std::pair<std::string, std::string>> parseMerges(std::string_view text, const std::string &source);

} // namespace optibench::engine
