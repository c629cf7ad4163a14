#pragma once
// The dynamic loss scaler of fp16 mixed-precision training (as torch.cuda.amp.GradScaler): the
// loss is multiplied by a large scale before backward so small fp16 gradients do not flush to
// zero; gradients are divided by it before the optimizer step. A step whose gradients hold inf
// or nan is skipped and the scale backs off; after `growthInterval` clean steps it grows.
#include <ATen/ATen.h>

#include <vector>

namespace optibench::engine {

class DynamicLossScaler {
public:
    explicit DynamicLossScaler(double initialScale = 65536.0, double growthFactor = 2.0, double backoffFactor = 0.5,
                               int growthInterval = 2000);

    double scale() const { return m_scale; }
    at::Tensor scaleLoss(const at::Tensor &loss) const { return loss * m_scale; }
    // Divides every defined gradient of `parameters` by the scale; true when all are finite.
    bool unscale(const std::vector<at::Tensor> &parameters) const;
    // After a step: a non-finite one multiplies the scale by the backoff factor (and counts as
    // skipped); `growthInterval` finite ones in a row multiply it by the growth factor.
    void update(bool finite);
    int skippedSteps() const { return m_skipped; }

private:
    double m_scale;
    double m_growth;
    double m_backoff;
    int m_interval;
    int m_streak = 0;
    int m_skipped = 0;
};

} // namespace optibench::engine
