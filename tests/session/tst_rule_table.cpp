// The engine refuses every combination rule of options/rules.h the way the spec parser does:
// each case of tests/options/rule_cases.h, turned into the engine's RunConfig as a run of the
// spec would (app/session), is refused by validateRunConfig with the rule's field and reason.
// The engine's own pieces (pruning, training) refuse the cases that reach them.
#include "app/session/engine_config.h"
#include "engine/optimize/prune.h"
#include "engine/run/run_options.h"
#include "tests/options/rule_cases.h"

#include <gtest/gtest.h>

using namespace optibench;

TEST(RuleTable, EveryRuleHasACase)
{
    EXPECT_EQ(rulecases::rulesWithoutCase(), std::vector<std::string>{});
}

// The engine is never given the profiling settings (app/session runs the traced pass), so the
// rules of profiling.* are the spec's alone; every other rule reaches the engine.
TEST(RuleTable, TheEngineRefusesEveryRuleWithItsReason)
{
    std::vector<std::string> notTheEngines;
    for (const auto &c : rulecases::ruleCases()) {
        SCOPED_TRACE(c.rule);
        const auto spec = c.spec();
        const auto violation = options::firstViolation(core::choicesOf(spec));
        ASSERT_TRUE(violation.has_value());
        if (violation->field.rfind("profiling.", 0) == 0) {
            notTheEngines.push_back(c.rule);
            continue;
        }
        const engine::RunConfig config = session::toEngineConfig(spec);
        // The engine reads the same choices from its own config as the core from the spec.
        const auto engineViolation = options::firstViolation(engine::choicesOf(config));
        ASSERT_TRUE(engineViolation.has_value());
        EXPECT_EQ(std::string(engineViolation->id), c.rule);
        try {
            engine::validateRunConfig(config);
            FAIL() << "the engine accepted it";
        } catch (const engine::EngineError &e) {
            EXPECT_EQ(std::string(e.what()), violation->message());
        }
    }
    EXPECT_EQ(notTheEngines, std::vector<std::string>{"kernel-trace-needs-cuda"});
}

TEST(RuleTable, ThePrunerRefusesThePruningRules)
{
    for (const auto &c : rulecases::ruleCases()) {
        const auto spec = c.spec();
        const auto violation = options::firstViolation(core::choicesOf(spec));
        if (violation->field.rfind("optimizations.pruning.", 0) != 0)
            continue;
        SCOPED_TRACE(c.rule);
        const auto options = engine::pruningOptions(session::toEngineConfig(spec));
        try {
            engine::validatePruning(options);
            FAIL() << "the pruner accepted it";
        } catch (const engine::EngineError &e) {
            EXPECT_EQ(std::string(e.what()), violation->message());
        }
    }
}
