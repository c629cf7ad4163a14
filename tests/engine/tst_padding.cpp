// Padding strategies and their token accounting.
#include "engine/data/batching.h"
#include "engine/models/demo.h"

#include <gtest/gtest.h>

#include <algorithm>
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

TEST(Padding, SegmentIdsMarkTheSecondTextOfEachPair)
{
    // Example 0 is a pair whose second text starts at position 3; example 1 is a single text.
    const auto seqs = sequencesOfLengths({6, 4});
    auto batches = makeBatches(seqs, {}, 2, 8, Padding::Fixed, 0);
    attachSegments(batches, {3, -1});
    ASSERT_EQ(batches.size(), 1u);
    const auto types = batches[0].tokenTypeIds;
    ASSERT_TRUE(types.defined());
    EXPECT_TRUE(types.equal(at::tensor({0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, at::kLong).view({2, 8})));
    // Bucketing reorders the examples: the ids follow each example, not its source position.
    auto bucketed = makeBatches(sequencesOfLengths({6, 2, 5, 3}), {}, 2, 8, Padding::Bucketed, 1);
    attachSegments(bucketed, {4, -1, 1, -1});
    for (const auto &b : bucketed)
        for (std::int64_t row = 0; row < 2; ++row) {
            const auto example = b.indices[static_cast<std::size_t>(row)];
            const auto ones = b.tokenTypeIds[row].sum().item<std::int64_t>();
            EXPECT_EQ(ones, example == 0 ? 2 : example == 2 ? 4 : 0) << "example " << example;
        }
    EXPECT_THROW(attachSegments(bucketed, {4}), std::invalid_argument);
}

TEST(Padding, RejectsUnknownStrategyByName)
{
    EXPECT_EQ(optibench::options::parseOrThrow<Padding>("bucketed"), Padding::Bucketed);
    try {
        optibench::options::parseOrThrow<Padding>("sideways");
        FAIL() << "no exception";
    } catch (const std::invalid_argument &e) {
        EXPECT_NE(std::string(e.what()).find("sideways"), std::string::npos);
    }
}

TEST(Padding, DemoReviewsAreLongTailedAndBucketingPays)
{
    const auto examples = demo::reviews("eval");
    ASSERT_EQ(examples.size(), 1000u);
    std::vector<std::vector<std::int64_t>> seqs;
    std::vector<std::size_t> lengths;
    std::vector<int> labels;
    for (const auto &ex : examples) {
        seqs.push_back(demo::tokenizer().encode(ex.text, 256));
        lengths.push_back(seqs.back().size());
        labels.push_back(ex.label);
    }
    std::sort(lengths.begin(), lengths.end());
    EXPECT_LT(lengths[lengths.size() / 2], 24u); // most reviews are short
    EXPECT_GT(lengths.back(), 150u);             // a long tail
    EXPECT_LE(lengths.back(), 256u);
    auto total = [&](Padding p) {
        std::int64_t padded = 0, real = 0;
        for (const auto &b : makeBatches(seqs, labels, 16, 256, p, 3)) {
            padded += b.paddedTokens;
            real += b.realTokens;
        }
        return std::make_pair(padded, real);
    };
    const auto fixed = total(Padding::Fixed), dynamic = total(Padding::Dynamic), bucketed = total(Padding::Bucketed);
    EXPECT_EQ(fixed.second, dynamic.second);
    EXPECT_EQ(dynamic.second, bucketed.second);
    EXPECT_LT(dynamic.first, fixed.first);
    EXPECT_LT(bucketed.first * 2, dynamic.first); // sorting by length removes most padding
    // The target: on the demo eval split (batch 8, max length 128) bucketing pads to
    // within 5% of the real tokens; sorting the whole split gives 22,176 padded for 21,705 real.
    std::int64_t padded8 = 0, real8 = 0;
    for (const auto &b : makeBatches(seqs, labels, 8, 128, Padding::Bucketed, 3)) {
        padded8 += b.paddedTokens;
        real8 += b.realTokens;
    }
    EXPECT_LE(static_cast<double>(padded8), 1.05 * static_cast<double>(real8));
    // Sorting within chunks of 10 batches only keeps less of that gain.
    std::int64_t paddedChunked = 0;
    for (const auto &b : makeBatches(seqs, labels, 8, 128, Padding::Bucketed, 3, 0, 10))
        paddedChunked += b.paddedTokens;
    EXPECT_GT(paddedChunked, padded8);
    // The same texts give the same data on every call (generated deterministically).
    EXPECT_EQ(demo::reviews("eval")[17].text, examples[17].text);
    EXPECT_EQ(demo::reviews("train").size(), 4000u);
    EXPECT_THROW(demo::reviews("nope"), std::invalid_argument);
}
