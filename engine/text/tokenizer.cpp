#include "engine/text/tokenizer.h"

#include "engine/text/bpe.h"
#include "engine/text/wordpiece.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace optibench::engine {

namespace {

using nlohmann::json;

bool isFile(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

json readJson(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw TokenizerError(path + ": cannot open");
    try {
        return json::parse(in);
    } catch (const json::exception &e) {
        throw TokenizerError(path + ": is not valid JSON: " + e.what());
    }
}

// A string-or-{"content": ...} special token from tokenizer_config.json.
std::string tokenText(const json &cfg, const char *key, const std::string &fallback)
{
    if (!cfg.contains(key) || cfg[key].is_null())
        return fallback;
    const json &v = cfg[key];
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_object() && v.contains("content") && v["content"].is_string())
        return v["content"].get<std::string>();
    return fallback;
}

// The vocabulary of a tokenizer.json model or vocab.json: token -> id, ids dense from 0.
std::vector<std::string> vocabFromMap(const json &vocab, const std::string &source)
{
    if (!vocab.is_object())
        throw TokenizerError(source + ": the vocabulary is not a JSON object of token -> id");
    std::vector<std::string> tokens(vocab.size());
    std::vector<bool> seen(vocab.size(), false);
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        if (!it.value().is_number_unsigned())
            throw TokenizerError(source + ": token \"" + it.key() + "\" has a non-integer id");
        const auto id = it.value().get<std::uint64_t>();
        if (id >= tokens.size())
            throw TokenizerError(source + ": token \"" + it.key() + "\" has id " + std::to_string(id) + ", outside 0.."
                                 + std::to_string(tokens.size() - 1));
        if (seen[id])
            throw TokenizerError(source + ": id " + std::to_string(id) + " is given to two tokens");
        seen[id] = true;
        tokens[id] = it.key();
    }
    return tokens;
}

std::unique_ptr<Tokenizer> wordPieceFromJson(const json &root, const std::string &path)
{
    const json &model = root["model"];
    WordPieceOptions options;
    options.unkToken = model.value("unk_token", std::string("[UNK]"));
    options.continuationPrefix = model.value("continuing_subword_prefix", std::string("##"));
    options.maxInputCharsPerWord = model.value("max_input_chars_per_word", 100);
    const json &norm = root.contains("normalizer") ? root["normalizer"] : json();
    if (norm.is_null()) {
        options.lowercase = false;
        options.stripAccents = false;
        options.tokenizeChineseChars = false;
        options.cleanText = false;
    } else {
        if (norm.value("type", std::string()) != "BertNormalizer")
            throw TokenizerError(path + ": normalizer \"" + norm.value("type", std::string("?"))
                                 + "\" is not supported with WordPiece (only BertNormalizer)");
        options.lowercase = norm.value("lowercase", true);
        options.cleanText = norm.value("clean_text", true);
        options.tokenizeChineseChars = norm.value("handle_chinese_chars", true);
        if (norm.contains("strip_accents") && norm["strip_accents"].is_boolean())
            options.stripAccents = norm["strip_accents"].get<bool>();
    }
    const json &pre = root.contains("pre_tokenizer") ? root["pre_tokenizer"] : json();
    if (!pre.is_null() && pre.value("type", std::string()) != "BertPreTokenizer")
        throw TokenizerError(path + ": pre_tokenizer \"" + pre.value("type", std::string("?"))
                             + "\" is not supported with WordPiece (only BertPreTokenizer)");
    const json &post = root.contains("post_processor") ? root["post_processor"] : json();
    options.addSpecialTokens = !post.is_null();
    if (post.is_object() && post.value("type", std::string()) == "BertProcessing") {
        options.clsToken = post["cls"][0].get<std::string>();
        options.sepToken = post["sep"][0].get<std::string>();
    }
    if (root.contains("padding") && root["padding"].is_object())
        options.padToken = root["padding"].value("pad_token", options.padToken);
    return std::make_unique<WordPieceTokenizer>(vocabFromMap(model["vocab"], path), options, path);
}

// Llama 3's and Qwen2's Split patterns, as tokenizer.json writes them.
const char *const kLlama3Pattern = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| "
                                   "?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const char *const kQwen2Pattern = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| "
                                  "?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

std::string typeOf(const json &j)
{
    return j.is_object() ? j.value("type", std::string()) : std::string();
}

// The pre_tokenizers byte-level BPE checkpoints use: ByteLevel (GPT-2, RoBERTa); Split with
// Llama 3's or Qwen2's pattern, then ByteLevel without its regex; Digits, then ByteLevel.
void readPreTokenizer(const json &pre, const std::string &path, BpeOptions &options)
{
    const std::string type = typeOf(pre);
    if (type == "ByteLevel" && pre.value("use_regex", true)) {
        options.addPrefixSpace = pre.value("add_prefix_space", false);
        return;
    }
    if (type == "Sequence" && pre.contains("pretokenizers") && pre["pretokenizers"].size() == 2) {
        const json &first = pre["pretokenizers"][0], &second = pre["pretokenizers"][1];
        if (typeOf(second) == "ByteLevel") {
            options.addPrefixSpace = second.value("add_prefix_space", false);
            if (typeOf(first) == "Split" && !second.value("use_regex", true) && first.contains("pattern")
                && first["pattern"].contains("Regex") && first.value("behavior", std::string()) == "Isolated"
                && !first.value("invert", false)) {
                const std::string pattern = first["pattern"]["Regex"].get<std::string>();
                if (pattern == kLlama3Pattern || pattern == kQwen2Pattern) {
                    options.preTokenizer = pattern == kLlama3Pattern ? PreTokenizer::Llama3 : PreTokenizer::Qwen2;
                    return;
                }
                throw TokenizerError(path
                                     + ": the pre_tokenizer's Split pattern is not one this engine knows "
                                       "(Llama 3's or Qwen2's): "
                                     + pattern.substr(0, 80));
            }
            if (typeOf(first) == "Digits" && first.value("individual_digits", false)
                && second.value("use_regex", true)) {
                options.preTokenizer = PreTokenizer::DigitsThenGpt2;
                return;
            }
        }
    }
    throw TokenizerError(path + ": pre_tokenizer " + pre.dump().substr(0, 120)
                         + " is not supported (byte-level BPE: ByteLevel, Split with Llama 3's or Qwen2's pattern "
                           "then ByteLevel, or Digits then ByteLevel)");
}

// The specials a post_processor puts around a single text: RobertaProcessing's, or a
// TemplateProcessing's before and after $A (a Sequence's ByteLevel step changes no ids).
void readPostProcessor(const json &post, BpeOptions &options)
{
    const std::string type = typeOf(post);
    if (type == "RobertaProcessing") {
        options.bosToken = post["cls"][0].get<std::string>();
        options.eosToken = post["sep"][0].get<std::string>();
        options.padToken = "<pad>"; // RoBERTa's, unless the file's padding says otherwise
    } else if (type == "Sequence" && post.contains("processors")) {
        for (const json &p : post["processors"])
            readPostProcessor(p, options);
    } else if (type == "TemplateProcessing" && post.contains("single") && post["single"].is_array()) {
        bool seenText = false;
        for (const json &piece : post["single"]) {
            if (piece.contains("Sequence")) {
                seenText = true;
            } else if (piece.contains("SpecialToken")) {
                const std::string token = piece["SpecialToken"]["id"].get<std::string>();
                (seenText ? options.eosToken : options.bosToken) = token;
            }
        }
    }
}

const json &member(const json &j, const char *key)
{
    static const json null;
    return j.is_object() && j.contains(key) ? j[key] : null;
}

constexpr const char *kMetaspaceChar = "\xE2\x96\x81"; // U+2581

// A Prepend of U+2581 or a Replace of " " by it: Llama 2's normalizer steps.
bool isMetaspaceNormalizer(const json &n, bool &prepends)
{
    const std::string type = typeOf(n);
    if (type == "Prepend" && member(n, "prepend") == kMetaspaceChar)
        return prepends = true;
    return type == "Replace" && member(member(n, "pattern"), "String") == " " && member(n, "content") == kMetaspaceChar;
}

// SentencePiece-style files (bpe.h, MetaspaceOptions): Llama 2's Prepend and Replace
// normalizer without a pre_tokenizer, or the Metaspace pre_tokenizer of newer conversions.
// False (options untouched) for a byte-level file.
bool readMetaspace(const json &root, const std::string &path, MetaspaceOptions &o)
{
    const json &norm = member(root, "normalizer"), &pre = member(root, "pre_tokenizer");
    bool prepends = false, normalizes = false;
    if (typeOf(norm) == "Sequence") {
        normalizes = !member(norm, "normalizers").empty();
        for (const json &n : member(norm, "normalizers"))
            normalizes = normalizes && isMetaspaceNormalizer(n, prepends);
    } else if (!norm.is_null()) {
        normalizes = isMetaspaceNormalizer(norm, prepends);
    }
    const bool metaspace = typeOf(pre) == "Metaspace";
    if (!normalizes && !metaspace)
        return false;
    if (!pre.is_null() && !metaspace)
        throw TokenizerError(path + ": pre_tokenizer " + typeOf(pre)
                             + " after a SentencePiece-style normalizer is not supported (only none)");
    o.enabled = true;
    o.prepend = prepends ? SpacePrepend::Normalizer : SpacePrepend::Never;
    if (metaspace) {
        if (member(pre, "replacement") != kMetaspaceChar)
            throw TokenizerError(path + ": a Metaspace pre_tokenizer whose replacement is not U+2581");
        const std::string scheme =
            pre.value("prepend_scheme", pre.value("add_prefix_space", true) ? "always" : "never");
        o.prepend = scheme == "first" ? SpacePrepend::First
            : scheme == "never"       ? SpacePrepend::Never
                                      : SpacePrepend::Always;
        o.split = pre.value("split", true);
    }
    const json &decoder = member(root, "decoder");
    o.stripDecoded = false;
    if (typeOf(decoder) == "Metaspace")
        o.stripDecoded = decoder.value("prepend_scheme", "always") != std::string("never");
    for (const json &d : member(decoder, "decoders"))
        if (typeOf(d) == "Strip" && d.value("start", 0) >= 1)
            o.stripDecoded = true;
    const json &model = member(root, "model");
    if (member(model, "unk_token").is_string())
        o.unkToken = model["unk_token"].get<std::string>();
    return true;
}

// transformers' LlamaTokenizerFast (Llama 2, TinyLlama, Mistral) replaces the file's template
// with BOS if add_bos_token (default true) and EOS if add_eos_token (default false).
void applyLlamaSpecials(const json &config, BpeOptions &options)
{
    const std::string cls = config.value("tokenizer_class", std::string());
    if (cls != "LlamaTokenizer" && cls != "LlamaTokenizerFast" && cls != "CodeLlamaTokenizer"
        && cls != "CodeLlamaTokenizerFast")
        return;
    const auto flag = [&](const char *key, bool fallback) {
        return config.contains(key) && config[key].is_boolean() ? config[key].get<bool>() : fallback;
    };
    options.bosToken = flag("add_bos_token", true) ? tokenText(config, "bos_token", "<s>") : "";
    options.eosToken = flag("add_eos_token", false) ? tokenText(config, "eos_token", "</s>") : "";
}

std::unique_ptr<Tokenizer> bpeFromJson(const json &root, const std::string &path, const json &config)
{
    const json &model = root["model"];
    BpeOptions options;
    if (!readMetaspace(root, path, options.metaspace)) { // byte-level
        const json &norm = member(root, "normalizer");
        if (!norm.is_null() && typeOf(norm) != "NFC")
            throw TokenizerError(path + ": normalizer " + typeOf(norm)
                                 + " before byte-level BPE is not supported (only NFC, as Qwen2's)");
        options.nfc = !norm.is_null();
        readPreTokenizer(member(root, "pre_tokenizer"), path, options);
    }
    if (root.contains("post_processor"))
        readPostProcessor(root["post_processor"], options);
    applyLlamaSpecials(config, options);
    if (root.contains("added_tokens") && root["added_tokens"].is_array())
        for (const json &t : root["added_tokens"])
            if (t.value("special", false) && t.contains("content") && t["content"].is_string())
                options.specialTokens.push_back(t["content"].get<std::string>());
    if (root.contains("padding") && root["padding"].is_object())
        options.padToken = root["padding"].value("pad_token", std::string());

    std::vector<std::pair<std::string, std::string>> merges;
    if (!model.contains("merges") || !model["merges"].is_array())
        throw TokenizerError(path + ": BPE model has no \"merges\" list");
    for (const json &m : model["merges"]) {
        if (m.is_string()) {
            const std::string s = m.get<std::string>();
            const auto space = s.find(' ');
            if (space == std::string::npos || space == 0 || space + 1 >= s.size())
                throw TokenizerError(path + ": merge \"" + s + "\" is not two tokens");
            merges.emplace_back(s.substr(0, space), s.substr(space + 1));
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
            merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
        } else {
            throw TokenizerError(path + ": a merge is neither \"a b\" nor [\"a\", \"b\"]");
        }
    }
    return std::make_unique<BpeTokenizer>(vocabFromMap(model["vocab"], path), merges, options, path);
}

} // namespace

const char *tokenizerKindName(TokenizerKind kind)
{
    return kind == TokenizerKind::WordPiece ? "wordpiece" : "bpe";
}

void Tokenizer::setVocabulary(std::vector<std::string> idToToken, const std::string &source)
{
    if (idToToken.empty())
        throw TokenizerError(source + ": the vocabulary is empty");
    m_idToToken = std::move(idToToken);
    m_tokenToId.clear();
    m_tokenToId.reserve(m_idToToken.size());
    // As transformers' load_vocab: a token listed twice keeps its last id.
    for (std::size_t i = 0; i < m_idToToken.size(); ++i)
        m_tokenToId[m_idToToken[i]] = static_cast<std::int64_t>(i);
}

std::int64_t Tokenizer::requireToken(const std::string &token, const std::string &source) const
{
    const auto id = tokenToId(token);
    if (!id)
        throw TokenizerError(source + ": the vocabulary has no \"" + token + "\" token");
    return *id;
}

std::optional<std::int64_t> Tokenizer::tokenToId(std::string_view token) const
{
    const auto it = m_tokenToId.find(std::string(token));
    if (it == m_tokenToId.end())
        return std::nullopt;
    return it->second;
}

const std::string &Tokenizer::idToToken(std::int64_t id) const
{
    if (id < 0 || id >= vocabSize())
        throw TokenizerError("token id " + std::to_string(id) + " is outside the vocabulary ("
                             + std::to_string(vocabSize()) + " tokens)");
    return m_idToToken[static_cast<std::size_t>(id)];
}

bool Tokenizer::isSpecial(std::int64_t id) const
{
    return std::find(m_special.begin(), m_special.end(), id) != m_special.end();
}

std::vector<std::int64_t> Tokenizer::tokenize(std::string_view text) const
{
    std::vector<std::int64_t> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        // The earliest special token string; the longest one where two start together.
        std::size_t at = std::string_view::npos, length = 0;
        std::int64_t id = -1;
        for (std::int64_t special : m_special) {
            const std::string &t = m_idToToken[static_cast<std::size_t>(special)];
            if (t.empty())
                continue;
            const std::size_t found = text.find(t, pos);
            if (found < at || (found == at && found != std::string_view::npos && t.size() > length))
                at = found, length = t.size(), id = special;
        }
        if (at == std::string_view::npos) {
            tokenizeSegment(text.substr(pos), out);
            break;
        }
        if (at > pos)
            tokenizeSegment(text.substr(pos, at - pos), out);
        out.push_back(id);
        pos = at + length;
    }
    return out;
}

std::vector<std::int64_t> Tokenizer::encode(std::string_view text, int maxLength) const
{
    std::vector<std::int64_t> tokens = tokenize(text);
    const std::size_t specials = m_prefix.size() + m_suffix.size();
    if (maxLength > 0) {
        if (static_cast<std::size_t>(maxLength) < specials + 1)
            throw TokenizerError("max length " + std::to_string(maxLength) + " leaves no room for text beside "
                                 + std::to_string(specials) + " special tokens");
        const std::size_t room = static_cast<std::size_t>(maxLength) - specials;
        if (tokens.size() > room)
            tokens.resize(room);
    }
    std::vector<std::int64_t> out;
    out.reserve(tokens.size() + specials);
    out.insert(out.end(), m_prefix.begin(), m_prefix.end());
    out.insert(out.end(), tokens.begin(), tokens.end());
    out.insert(out.end(), m_suffix.begin(), m_suffix.end());
    return out;
}

std::unique_ptr<Tokenizer> loadTokenizerJson(const std::string &path, const std::string &tokenizerConfig)
{
    const json root = readJson(path);
    const json config = tokenizerConfig.empty() ? json::object() : readJson(tokenizerConfig);
    if (!root.is_object() || !root.contains("model") || !root["model"].is_object())
        throw TokenizerError(path + ": has no \"model\" object");
    const json &model = root["model"];
    const std::string type = model.value("type", std::string());
    if (!model.contains("vocab"))
        throw TokenizerError(path + ": the model has no \"vocab\"");
    try {
        if (type == "WordPiece")
            return wordPieceFromJson(root, path);
        if (type == "BPE")
            return bpeFromJson(root, path, config.is_object() ? config : json::object());
    } catch (const json::exception &e) {
        throw TokenizerError(path + ": unexpected structure: " + e.what());
    }
    throw TokenizerError(path + ": tokenizer model \"" + type
                         + "\" is not supported (only WordPiece and byte-level BPE)");
}

std::unique_ptr<Tokenizer> loadTokenizer(const std::string &folder)
{
    if (isFile(folder + "/tokenizer.json"))
        return loadTokenizerJson(folder + "/tokenizer.json",
                                 isFile(folder + "/tokenizer_config.json") ? folder + "/tokenizer_config.json" : "");

    json tokCfg = json::object();
    if (isFile(folder + "/tokenizer_config.json")) {
        tokCfg = readJson(folder + "/tokenizer_config.json");
        if (!tokCfg.is_object())
            throw TokenizerError(folder + "/tokenizer_config.json: is not a JSON object");
    }
    std::string modelType;
    if (isFile(folder + "/config.json")) {
        const json cfg = readJson(folder + "/config.json");
        if (cfg.is_object() && cfg.contains("model_type") && cfg["model_type"].is_string())
            modelType = cfg["model_type"].get<std::string>();
    }
    const std::string tokenizerClass = tokCfg.value("tokenizer_class", std::string());

    if (isFile(folder + "/vocab.txt")) {
        WordPieceOptions options;
        if (tokCfg.contains("do_lower_case") && tokCfg["do_lower_case"].is_boolean())
            options.lowercase = tokCfg["do_lower_case"].get<bool>();
        if (tokCfg.contains("strip_accents") && tokCfg["strip_accents"].is_boolean())
            options.stripAccents = tokCfg["strip_accents"].get<bool>();
        if (tokCfg.contains("tokenize_chinese_chars") && tokCfg["tokenize_chinese_chars"].is_boolean())
            options.tokenizeChineseChars = tokCfg["tokenize_chinese_chars"].get<bool>();
        options.unkToken = tokenText(tokCfg, "unk_token", options.unkToken);
        options.clsToken = tokenText(tokCfg, "cls_token", options.clsToken);
        options.sepToken = tokenText(tokCfg, "sep_token", options.sepToken);
        options.padToken = tokenText(tokCfg, "pad_token", options.padToken);
        return WordPieceTokenizer::fromVocabFile(folder + "/vocab.txt", options);
    }
    if (isFile(folder + "/vocab.json") && isFile(folder + "/merges.txt")) {
        BpeOptions options;
        const bool roberta = modelType == "roberta" || tokenizerClass.rfind("Roberta", 0) == 0;
        if (roberta) {
            options.bosToken = tokenText(tokCfg, "bos_token", "<s>");
            options.eosToken = tokenText(tokCfg, "eos_token", "</s>");
            options.padToken = tokenText(tokCfg, "pad_token", "<pad>");
            options.specialTokens = {options.bosToken, options.eosToken, options.padToken,
                                     tokenText(tokCfg, "unk_token", "<unk>"),
                                     tokenText(tokCfg, "mask_token", "<mask>")};
        } else {
            options.padToken = tokenText(tokCfg, "pad_token", "");
            options.specialTokens = {tokenText(tokCfg, "eos_token", "<|endoftext|>")};
        }
        if (tokCfg.contains("add_prefix_space") && tokCfg["add_prefix_space"].is_boolean())
            options.addPrefixSpace = tokCfg["add_prefix_space"].get<bool>();
        return BpeTokenizer::fromFiles(folder + "/vocab.json", folder + "/merges.txt", options);
    }
    if (isFile(folder + "/tokenizer.model"))
        throw TokenizerError(
            folder
            + ": has SentencePiece's tokenizer.model but no tokenizer.json, which OptiBench reads; "
              "write it with transformers: AutoTokenizer.from_pretrained(folder).save_pretrained(folder)");
    throw TokenizerError(folder
                         + ": has no tokenizer (expected tokenizer.json, vocab.txt, or vocab.json with "
                           "merges.txt)");
}

} // namespace optibench::engine
