// libFuzzer target: importing a run bundle (optibench-cli import) from arbitrary bytes into an
// in-memory run store. Only BundleError (or a JSON parse failure) may come out; a bundle that
// imports must export again with the same number of runs, and the store must stay intact.
#include "app/core/export.h"
#include "app/core/store.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace {

std::unique_ptr<optibench::core::Store> g_store;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    g_store = std::make_unique<optibench::core::Store>(":memory:");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace optibench::core;
    const auto bundle = nlohmann::json::parse(data, data + size, nullptr, false);
    if (bundle.is_discarded())
        return 0;
    std::vector<std::int64_t> ids;
    try {
        ids = importBundle(*g_store, bundle);
    } catch (const BundleError &) {
        return 0;
    }
    const auto again = exportBundle(*g_store, ids);
    if (again.at("runs").size() != ids.size())
        std::abort();
    g_store->deleteRuns(ids);
    if (!g_store->runs().empty())
        std::abort();
    return 0;
}
