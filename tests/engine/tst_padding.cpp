// Padding strategies and their token accounting.
#include "engine/batching.h"

#include <gtest/gtest.h>

#include <set>

using namespace optibench::engine;

namespace {

std::vector<std::vector<std::int64_t>> sequencesOfLengths(const std::vector<int> &lengths)
{
    std::vector<std::vector<std::int64_t>> out;
    for (int n : lengths) {
        std::vector<std::int64_t> s;
        for (int i = 0; i < n; ++i)
            s.push_back(5 + i);
        out.push_back(s);
    }
    return out;
}

} // namespace

TEST(Padding, FixedAndDynamicCountTokensExactly)
{
    const auto seqs = sequencesOfLengths({4, 5});
    auto fixed = makeBatches(seqs, {0, 1}, 2, 8, Padding::Fixed, 0);
    ASSERT_EQ(fixed.size(), 1u);
    EXPECT_EQ(fixed[0].paddedTokens, 16);
    EXPECT_EQ(fixed[0].realTokens, 9);
    EXPECT_EQ(fixed[0].inputIds.sizes(), (std::vector<int64_t>{2, 8}));

    auto dynamic = makeBatches(seqs, {0, 1}, 2, 8, Padding::Dynamic, 0);
    ASSERT_EQ(dynamic.size(), 1u);
    EXPECT_EQ(dynamic[0].paddedTokens, 10);
    EXPECT_EQ(dynamic[0].realTokens, 9);
    EXPECT_EQ(dynamic[0].attentionMask.sum().item<int64_t>(), 9);
    EXPECT_EQ(dynamic[0].inputIds[0][4].item<int64_t>(), 0); // padding id
    EXPECT_EQ(dynamic[0].inputIds[1][4].item<int64_t>(), 9);
    EXPECT_EQ(dynamic[0].labels[1].item<int64_t>(), 1);
}

TEST(Padding, TruncatesToMaxLength)
{
    auto batches = makeBatches(sequencesOfLengths({12, 3}), {}, 2, 8, Padding::Dynamic, 0);
    EXPECT_EQ(batches[0].inputIds.size(1), 8);
    EXPECT_EQ(batches[0].realTokens, 11);
}

TEST(Padding, BucketingGroupsSimilarLengthsAndKeepsEveryExample)
{
    std::vector<int> lengths;
    for (int i = 0; i < 64; ++i)
        lengths.push_back(1 + (i * 37) % 60);
    const auto seqs = sequencesOfLengths(lengths);
    auto dynamic = makeBatches(seqs, {}, 8, 64, Padding::Dynamic, 0);
    auto bucketed = makeBatches(seqs, {}, 8, 64, Padding::Bucketed, 7);
    std::int64_t padDyn = 0, padBucket = 0, realBucket = 0;
    std::set<std::size_t> seen;
    for (const auto &b : dynamic)
        padDyn += b.paddedTokens;
    for (const auto &b : bucketed) {
        padBucket += b.paddedTokens;
        realBucket += b.realTokens;
        seen.insert(b.indices.begin(), b.indices.end());
    }
    EXPECT_EQ(seen.size(), seqs.size());
    std::int64_t real = 0;
    for (int n : lengths)
        real += n;
    EXPECT_EQ(realBucket, real);
    EXPECT_LT(padBucket, padDyn);
    // The same seed gives the same batch order; another seed shuffles differently.
    auto again = makeBatches(seqs, {}, 8, 64, Padding::Bucketed, 7);
    auto other = makeBatches(seqs, {}, 8, 64, Padding::Bucketed, 8);
    bool sameOrder = true, otherOrder = true;
    for (std::size_t i = 0; i < bucketed.size(); ++i) {
        sameOrder = sameOrder && again[i].indices == bucketed[i].indices;
        otherOrder = otherOrder && other[i].indices == bucketed[i].indices;
    }
    EXPECT_TRUE(sameOrder);
    EXPECT_FALSE(otherOrder);
}

TEST(Padding, RejectsUnknownStrategyByName)
{
    EXPECT_EQ(parsePadding("bucketed"), Padding::Bucketed);
    try {
        parsePadding("sideways");
        FAIL() << "no exception";
    } catch (const std::invalid_argument &e) {
        EXPECT_NE(std::string(e.what()).find("sideways"), std::string::npos);
    }
}
