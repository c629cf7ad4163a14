// libFuzzer target: GPT-2's byte-level BPE and BERT's WordPiece, with their real vocabularies,
// on arbitrary bytes (invalid UTF-8 included). Checks, beyond not crashing: BPE decodes back to
// the input (with invalid bytes read as U+FFFD) and every id is inside the vocabulary.
#include "engine/text/bpe.h"
#include "engine/text/tokenizer.h"
#include "engine/text/unicode.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace {

std::unique_ptr<optibench::engine::Tokenizer> g_gpt2, g_bert;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    using namespace optibench::engine;
    const std::string dir = std::string(OPTIBENCH_TEST_DATA_DIR) + "/formats";
    g_gpt2 = BpeTokenizer::fromFiles(dir + "/gpt2/vocab.json", dir + "/gpt2/merges.txt", {});
    g_bert = loadTokenizer(dir + "/bert-uncased");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace optibench::engine;
    const std::string text(reinterpret_cast<const char *>(data), size);

    const auto gptIds = g_gpt2->tokenize(text);
    for (auto id : gptIds)
        if (id < 0 || id >= g_gpt2->vocabSize())
            std::abort();
    if (g_gpt2->decode(gptIds, false) != unicode::encodeUtf8(unicode::decodeUtf8(text)))
        std::abort();

    const auto bertIds = g_bert->encode(text, 64);
    if (bertIds.size() > 64 || bertIds.size() < 2)
        std::abort();
    for (auto id : bertIds)
        if (id < 0 || id >= g_bert->vocabSize())
            std::abort();
    (void)g_bert->decode(bertIds);
    return 0;
}
