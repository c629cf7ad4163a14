// The run options' table (options/): names, ranges and combination rules, and the spec parser
// (app/core) refusing exactly what the table refuses.
#include "app/core/spec.h"
#include "options/ranges.h"
#include "options/rules.h"
#include "options/values.h"
#include "tests/options/rule_cases.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

using namespace optibench;

namespace {

template<class E>
void expectNamesRoundTrip()
{
    std::set<std::string> seen;
    for (const auto &[value, name] : options::valueTable<E>().values) {
        EXPECT_TRUE(seen.insert(name).second) << "duplicate name " << name;
        EXPECT_EQ(options::name(value), name);
        EXPECT_EQ(options::parse<E>(name), value);
    }
    EXPECT_EQ(options::names<E>().size(), seen.size());
    EXPECT_FALSE(options::parse<E>("no-such-value").has_value());
    EXPECT_THROW(options::parseOrThrow<E>("no-such-value"), std::invalid_argument);
}

// {"task": {"batch_size": value}} for "task.batch_size".
nlohmann::json specWith(const std::string &field, double value, bool integer)
{
    nlohmann::json j = nlohmann::json::object();
    nlohmann::json *at = &j;
    std::string rest = field;
    for (auto dot = rest.find('.'); dot != std::string::npos; dot = rest.find('.')) {
        at = &(*at)[rest.substr(0, dot)];
        rest = rest.substr(dot + 1);
    }
    if (integer)
        (*at)[rest] = static_cast<long long>(value);
    else
        (*at)[rest] = value;
    return j;
}

} // namespace

TEST(OptionValues, EveryNameRoundTrips)
{
    expectNamesRoundTrip<options::Mode>();
    expectNamesRoundTrip<options::Split>();
    expectNamesRoundTrip<options::Precision>();
    expectNamesRoundTrip<options::Quantization>();
    expectNamesRoundTrip<options::PruningMethod>();
    expectNamesRoundTrip<options::PruningScope>();
    expectNamesRoundTrip<options::Padding>();
    EXPECT_EQ(options::name(options::Quantization::DynamicInt8), "dynamic-int8");
    EXPECT_EQ(options::name(options::PruningMethod::TwoFour), "2:4");
}

TEST(OptionValues, TheSpecReadsAndWritesTheTableNames)
{
    for (const auto &name : options::names<options::Padding>()) {
        const auto spec = core::parseSpec({{"optimizations", {{"padding", name}}}});
        EXPECT_EQ(options::name(spec.optimizations.padding), name);
        EXPECT_EQ(core::toJson(spec)["optimizations"]["padding"], name);
    }
    try {
        core::parseSpec({{"optimizations", {{"quantization", "int3"}}}});
        FAIL() << "int3 accepted";
    } catch (const core::SpecError &e) {
        EXPECT_EQ(e.field(), "optimizations.quantization");
        EXPECT_NE(std::string(e.what()).find("dynamic-int8, weight-int8"), std::string::npos) << e.what();
    }
}

TEST(OptionRanges, BoundsAreInsideAndTheirNeighboursOutside)
{
    for (const auto &r : options::allRanges()) {
        SCOPED_TRACE(r.field);
        const double step = r.integer ? 1.0 : 1e-6;
        EXPECT_EQ(r.contains(r.lo), !r.loOpen);
        EXPECT_EQ(r.contains(r.hi), !r.hiOpen);
        EXPECT_FALSE(r.contains(r.lo - step));
        EXPECT_FALSE(r.contains(r.hi + step));
        EXPECT_TRUE(options::outOfRange(r, r.lo - step).has_value());
        EXPECT_NE(options::outOfRange(r, r.hi + step)->find(r.text()), std::string::npos);
    }
}

// The parser refuses a value just outside every range of the table, naming the field.
TEST(OptionRanges, TheSpecParserRefusesWhatTheTableRefuses)
{
    for (const auto &r : options::allRanges()) {
        SCOPED_TRACE(r.field);
        for (double outside : {r.lo - (r.integer ? 1.0 : 1e-6), r.hi + (r.integer ? 1.0 : 1e-6)}) {
            try {
                core::parseSpec(specWith(r.field, outside, r.integer));
                FAIL() << outside << " accepted";
            } catch (const core::SpecError &e) {
                EXPECT_EQ(e.field(), r.field) << e.what();
            }
        }
        if (r.loOpen)
            continue;
        try { // the bound itself is in range: only a combination rule may refuse it
            core::parseSpec(specWith(r.field, r.lo, r.integer));
        } catch (const core::SpecError &e) {
            EXPECT_NE(e.field(), r.field) << e.what();
        }
    }
}

TEST(OptionRules, EveryRuleHasACase)
{
    EXPECT_EQ(rulecases::rulesWithoutCase(), std::vector<std::string>{});
    std::set<std::string> ids;
    for (const auto &rule : options::rules())
        EXPECT_TRUE(ids.insert(rule.id).second) << "duplicate rule id " << rule.id;
}

TEST(OptionRules, TheDefaultsBreakNoRule)
{
    EXPECT_EQ(options::violations(options::Choices{}).size(), 0u);
    EXPECT_NO_THROW(core::validateCombination(core::ExperimentSpec{}));
}

// Each case breaks its rule first; the spec parser refuses it with the rule's field and reason,
// whether the spec is checked in code or parsed from its JSON.
TEST(OptionRules, TheSpecParserRefusesEveryRuleWithItsReason)
{
    for (const auto &c : rulecases::ruleCases()) {
        SCOPED_TRACE(c.rule);
        const auto spec = c.spec();
        const auto violation = options::firstViolation(core::choicesOf(spec));
        ASSERT_TRUE(violation.has_value());
        EXPECT_EQ(violation->id, c.rule);
        for (int parsed = 0; parsed < 2; ++parsed) {
            try {
                if (parsed)
                    core::parseSpec(core::toJson(spec));
                else
                    core::validateCombination(spec);
                FAIL() << "accepted";
            } catch (const core::SpecError &e) {
                EXPECT_EQ(e.field(), violation->field);
                EXPECT_EQ(std::string(e.what()), violation->message());
            }
        }
    }
}

TEST(OptionRules, ViolationOfFindsTheRuleOfOneField)
{
    options::Choices c;
    c.checkpointEvery = 1;
    c.quantizeEmbeddings = true;
    EXPECT_EQ(options::violationOf(c, "optimizations.checkpoint_every")->id, std::string("checkpointing-trains"));
    EXPECT_EQ(options::violationOf(c, "optimizations.quantize_embeddings")->id, std::string("int8-tables-need-int8"));
    EXPECT_FALSE(options::violationOf(c, "optimizations.pruning").has_value());
    c.pruningAmount = 0.2;
    EXPECT_EQ(options::violationOf(c, "optimizations.pruning")->field, "optimizations.pruning.amount");
    EXPECT_EQ(options::violations(c).size(), 3u);
}
