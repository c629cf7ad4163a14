#pragma once
// Tokenizers the native models read their input through: WordPiece (BERT, DistilBERT) and
// byte-level BPE (GPT-2, RoBERTa), loaded from the files a Hugging Face model folder carries
// (vocab.txt, vocab.json + merges.txt, or tokenizer.json). Plain C++, no LibTorch. Invalid
// UTF-8 input never fails: each bad byte is read as U+FFFD.
#include "engine/formats/errors.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace optibench::engine {

class TokenizerError : public EngineError {
public:
    using EngineError::EngineError;
};

enum class TokenizerKind { WordPiece, Bpe };
const char *tokenizerKindName(TokenizerKind kind); // "wordpiece", "bpe"

class Tokenizer {
public:
    virtual ~Tokenizer() = default;

    virtual TokenizerKind kind() const = 0;
    // Token ids of `text`, without truncation and without the prefix/suffix specials. Special
    // token strings inside the text ("[SEP]", "<|endoftext|>") become their ids, as in Hugging
    // Face. Thread-safe.
    std::vector<std::int64_t> tokenize(std::string_view text) const;
    // Text of `ids`; special tokens are left out when `skipSpecial`.
    virtual std::string decode(const std::vector<std::int64_t> &ids, bool skipSpecial = true) const = 0;

    std::int64_t vocabSize() const { return static_cast<std::int64_t>(m_idToToken.size()); }
    std::int64_t padId() const { return m_padId; }
    std::optional<std::int64_t> tokenToId(std::string_view token) const;
    const std::string &idToToken(std::int64_t id) const; // throws for ids outside the vocabulary

    // The model's input: prefix (e.g. [CLS] or <s>), the tokens truncated to fit, suffix
    // ([SEP], </s>). maxLength <= 0: no truncation. Throws if maxLength cannot hold the specials.
    std::vector<std::int64_t> encode(std::string_view text, int maxLength = 0) const;
    const std::vector<std::int64_t> &prefixIds() const { return m_prefix; }
    const std::vector<std::int64_t> &suffixIds() const { return m_suffix; }
    bool isSpecial(std::int64_t id) const;

protected:
    // Tokenizes text that holds no special token strings.
    virtual void tokenizeSegment(std::string_view text, std::vector<std::int64_t> &out) const = 0;
    // Subclasses fill the vocabulary and the special tokens.
    void setVocabulary(std::vector<std::string> idToToken, const std::string &source);
    std::int64_t requireToken(const std::string &token, const std::string &source) const;

    std::vector<std::string> m_idToToken;
    std::vector<std::int64_t> m_prefix, m_suffix, m_special;
    std::int64_t m_padId = 0;

private:
    std::unordered_map<std::string, std::int64_t> m_tokenToId;
};

// Loads the tokenizer a model folder carries: tokenizer.json if present, else vocab.txt
// (WordPiece, options from tokenizer_config.json), else vocab.json + merges.txt (byte-level
// BPE; RoBERTa special tokens when config.json or tokenizer_config.json say roberta).
std::unique_ptr<Tokenizer> loadTokenizer(const std::string &modelFolder);
// Loads a Hugging Face tokenizers file whose model is WordPiece or BPE. `tokenizerConfig`
// (tokenizer_config.json, optional): a LlamaTokenizer's add_bos_token and add_eos_token decide
// the special tokens around a text, as transformers' LlamaTokenizerFast rebuilds its template.
std::unique_ptr<Tokenizer> loadTokenizerJson(const std::string &path, const std::string &tokenizerConfig = {});

} // namespace optibench::engine
