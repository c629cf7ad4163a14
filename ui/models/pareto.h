#pragma once
// The Pareto front of (cost, quality) points: lower cost and higher quality are better. Pure.
#include <algorithm>
#include <numeric>
#include <vector>

namespace optibench::ui {

struct TradeoffPoint {
    double cost = 0;
    double quality = 0;
};

// Indices of the points no other point beats on both axes (ties count as not beaten), by cost.
inline std::vector<int> paretoFront(const std::vector<TradeoffPoint> &points)
{
    std::vector<int> order(points.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&points](int a, int b) {
        return points[size_t(a)].cost != points[size_t(b)].cost ? points[size_t(a)].cost < points[size_t(b)].cost
                                                                : points[size_t(a)].quality > points[size_t(b)].quality;
    });
    std::vector<int> front;
    for (int i : order) {
        // Sorted by cost: a point is on the front when it beats the best quality seen so far.
        if (front.empty() || points[size_t(i)].quality > points[size_t(front.back())].quality)
            front.push_back(i);
    }
    return front;
}

} // namespace optibench::ui
