#include "engine/train/loss_scale.h"

#include <stdexcept>

namespace optibench::engine {

DynamicLossScaler::DynamicLossScaler(double initialScale, double growthFactor, double backoffFactor, int growthInterval)
    : m_scale(initialScale), m_growth(growthFactor), m_backoff(backoffFactor), m_interval(growthInterval)
{
    if (!(initialScale > 0) || !(growthFactor > 1) || !(backoffFactor > 0 && backoffFactor < 1) || growthInterval < 1)
        throw std::invalid_argument("loss scaler: scale > 0, growth > 1, 0 < backoff < 1, interval >= 1");
}

bool DynamicLossScaler::unscale(const std::vector<at::Tensor> &parameters) const
{
    bool finite = true;
    const double inverse = 1.0 / m_scale;
    for (const auto &p : parameters) {
        auto g = p.grad();
        if (!g.defined())
            continue;
        g.mul_(inverse);
        if (finite && !at::isfinite(g).all().item<bool>())
            finite = false;
    }
    return finite;
}

void DynamicLossScaler::update(bool finite)
{
    if (!finite) {
        m_scale *= m_backoff;
        m_streak = 0;
        ++m_skipped;
        return;
    }
    if (++m_streak >= m_interval) {
        m_scale *= m_growth;
        m_streak = 0;
    }
}

} // namespace optibench::engine
