#include "stats/metric_table.h"

#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif

namespace optibench::stats {

namespace {
// Labels are translated where they are shown (the GUI; lupdate reads this file, context Metrics).
const std::vector<MetricDescription> kTable = {
    {"latency_p50_ms", QT_TRANSLATE_NOOP("Metrics", "Latency p50"), "ms", Better::Lower, Spread::Percentile50},
    {"latency_p90_ms", QT_TRANSLATE_NOOP("Metrics", "Latency p90"), "ms", Better::Lower, Spread::Percentile90},
    {"latency_p99_ms", QT_TRANSLATE_NOOP("Metrics", "Latency p99"), "ms", Better::Lower, Spread::Percentile99},
    {"latency_max_ms", QT_TRANSLATE_NOOP("Metrics", "Latency max"), "ms", Better::Lower, Spread::Unknown},
    {"latency_mean_ms", QT_TRANSLATE_NOOP("Metrics", "Latency mean"), "ms", Better::Lower, Spread::LatencyMean},
    {"latency_stdev_ms", QT_TRANSLATE_NOOP("Metrics", "Latency stdev"), "ms", Better::Lower, Spread::Unknown},
    {"throughput_seq_s", QT_TRANSLATE_NOOP("Metrics", "Throughput"), "seq/s", Better::Higher, Spread::SequenceRate},
    {"throughput_tokens_s", QT_TRANSLATE_NOOP("Metrics", "Token throughput"), "tokens/s", Better::Higher,
     Spread::TokenRate},
    {"timed_iterations", QT_TRANSLATE_NOOP("Metrics", "Timed iterations"), "", Better::Neither},
    {"blocks", QT_TRANSLATE_NOOP("Metrics", "Timed blocks"), "", Better::Neither},
    {"noisy_blocks", QT_TRANSLATE_NOOP("Metrics", "Noisy blocks"), "", Better::Neither},
    {"real_tokens", QT_TRANSLATE_NOOP("Metrics", "Real tokens"), "", Better::Neither},
    {"padded_tokens", QT_TRANSLATE_NOOP("Metrics", "Padded tokens"), "", Better::Lower},
    {"padding_ratio", QT_TRANSLATE_NOOP("Metrics", "Padding ratio"), "%", Better::Lower},
    // Generation: time to first token (the prompt's pass), inter-token latency (each decoding step).
    {"ttft_mean_ms", QT_TRANSLATE_NOOP("Metrics", "Time to first token"), "ms", Better::Lower, Spread::TtftMean},
    {"ttft_p50_ms", QT_TRANSLATE_NOOP("Metrics", "TTFT p50"), "ms", Better::Lower, Spread::TtftPercentile50},
    {"ttft_p90_ms", QT_TRANSLATE_NOOP("Metrics", "TTFT p90"), "ms", Better::Lower, Spread::TtftPercentile90},
    {"itl_mean_ms", QT_TRANSLATE_NOOP("Metrics", "Inter-token latency"), "ms", Better::Lower, Spread::LatencyMean},
    {"itl_p50_ms", QT_TRANSLATE_NOOP("Metrics", "Inter-token p50"), "ms", Better::Lower, Spread::Percentile50},
    {"itl_p90_ms", QT_TRANSLATE_NOOP("Metrics", "Inter-token p90"), "ms", Better::Lower, Spread::Percentile90},
    {"itl_p99_ms", QT_TRANSLATE_NOOP("Metrics", "Inter-token p99"), "ms", Better::Lower, Spread::Percentile99},
    {"itl_stdev_ms", QT_TRANSLATE_NOOP("Metrics", "Inter-token stdev"), "ms", Better::Lower, Spread::Unknown},
    {"decode_tokens_s", QT_TRANSLATE_NOOP("Metrics", "Decode throughput"), "tokens/s", Better::Higher,
     Spread::TokenRate},
    {"prefill_tokens_s", QT_TRANSLATE_NOOP("Metrics", "Prefill throughput"), "tokens/s", Better::Higher,
     Spread::PrefillRate},
    {"e2e_latency_ms", QT_TRANSLATE_NOOP("Metrics", "Generation latency"), "ms", Better::Lower, Spread::E2eMean},
    {"prompt_tokens", QT_TRANSLATE_NOOP("Metrics", "Prompt tokens"), "", Better::Neither},
    {"new_tokens", QT_TRANSLATE_NOOP("Metrics", "New tokens"), "", Better::Neither},
    {"kv_cache_bytes", QT_TRANSLATE_NOOP("Metrics", "KV cache"), "bytes", Better::Lower},
    {"decode_bytes_per_step", QT_TRANSLATE_NOOP("Metrics", "Bytes read per decoding step"), "bytes", Better::Lower},
    {"memory_bandwidth_bytes_s", QT_TRANSLATE_NOOP("Metrics", "Memory bandwidth"), "bytes/s", Better::Neither},
    {"bandwidth_bound_tokens_s", QT_TRANSLATE_NOOP("Metrics", "Bandwidth bound"), "tokens/s", Better::Neither},
    {"bandwidth_fraction", QT_TRANSLATE_NOOP("Metrics", "Fraction of bandwidth bound"), "%", Better::Higher,
     Spread::PerSecond},
    {"bandwidth_probe_busy", QT_TRANSLATE_NOOP("Metrics", "Bandwidth probe ran beside other work"), "",
     Better::Neither},
    {"prefill_flops", QT_TRANSLATE_NOOP("Metrics", "Prefill FLOPs"), "FLOP", Better::Lower},
    {"prefill_flops_s", QT_TRANSLATE_NOOP("Metrics", "Prefill FLOP/s"), "FLOP/s", Better::Higher,
     Spread::PrefillPerSecond},
    {"prefill_peak_fraction", QT_TRANSLATE_NOOP("Metrics", "Prefill fraction of peak"), "%", Better::Higher,
     Spread::PrefillPerSecond},
    {"peak_flops_s", QT_TRANSLATE_NOOP("Metrics", "GEMM peak"), "FLOP/s", Better::Neither},
    {"peak_memory_bytes", QT_TRANSLATE_NOOP("Metrics", "Peak memory"), "bytes", Better::Lower, Spread::Exact},
    {"model_bytes", QT_TRANSLATE_NOOP("Metrics", "Model size"), "bytes", Better::Lower},
    {"parameters", QT_TRANSLATE_NOOP("Metrics", "Parameters"), "", Better::Lower},
    {"sparsity", QT_TRANSLATE_NOOP("Metrics", "Sparsity"), "%", Better::Neither},
    {"flops", QT_TRANSLATE_NOOP("Metrics", "FLOPs per batch"), "FLOP", Better::Lower},
    {"achieved_flops_s", QT_TRANSLATE_NOOP("Metrics", "Achieved FLOP/s"), "FLOP/s", Better::Higher, Spread::PerSecond},
    {"peak_fraction", QT_TRANSLATE_NOOP("Metrics", "Fraction of peak"), "%", Better::Higher, Spread::PerSecond},
    // The GEMM peak's probe: other processes' load while it ran; busy when that flags it.
    {"peak_probe_other_cpu", QT_TRANSLATE_NOOP("Metrics", "Peak probe: other processes"), "cores", Better::Neither},
    {"peak_probe_busy", QT_TRANSLATE_NOOP("Metrics", "Peak probe ran beside other work"), "", Better::Neither},
    {"accuracy", QT_TRANSLATE_NOOP("Metrics", "Accuracy"), "%", Better::Higher, Spread::Proportion},
    {"agreement", QT_TRANSLATE_NOOP("Metrics", "Agreement with fp32"), "%", Better::Higher, Spread::Proportion},
    {"kl_divergence", QT_TRANSLATE_NOOP("Metrics", "KL divergence"), "", Better::Lower},
    {"perplexity", QT_TRANSLATE_NOOP("Metrics", "Perplexity"), "", Better::Lower},
    {"greedy_agreement", QT_TRANSLATE_NOOP("Metrics", "Greedy tokens as fp32"), "%", Better::Higher},
    {"tracing_overhead", QT_TRANSLATE_NOOP("Metrics", "Tracing overhead"), "%", Better::Lower, Spread::Unknown},
    // Compression: the model before and after, as written to safetensors.
    {"parameters_baseline", QT_TRANSLATE_NOOP("Metrics", "Parameters before"), "", Better::Neither},
    {"model_bytes_baseline", QT_TRANSLATE_NOOP("Metrics", "Model size before"), "bytes", Better::Neither},
    {"model_bytes_saved", QT_TRANSLATE_NOOP("Metrics", "Saved model size"), "bytes", Better::Lower},
    {"pruned_heads", QT_TRANSLATE_NOOP("Metrics", "Pruned heads"), "", Better::Neither},
    {"pruned_neurons", QT_TRANSLATE_NOOP("Metrics", "Pruned neurons"), "", Better::Neither},
    {"sparse_kernel", QT_TRANSLATE_NOOP("Metrics", "Sparse kernel"), "", Better::Neither},
    // Training.
    {"train_loss_final", QT_TRANSLATE_NOOP("Metrics", "Final training loss"), "", Better::Lower},
    {"eval_loss", QT_TRANSLATE_NOOP("Metrics", "Evaluation loss"), "", Better::Lower},
    {"step_time_mean_ms", QT_TRANSLATE_NOOP("Metrics", "Step time mean"), "ms", Better::Lower, Spread::Unknown},
    {"train_throughput_tokens_s", QT_TRANSLATE_NOOP("Metrics", "Training throughput"), "tokens/s", Better::Higher,
     Spread::Unknown},
    {"train_tokens", QT_TRANSLATE_NOOP("Metrics", "Training tokens"), "", Better::Neither},
    {"optimizer_steps", QT_TRANSLATE_NOOP("Metrics", "Optimizer steps"), "", Better::Neither},
    {"trainable_parameters", QT_TRANSLATE_NOOP("Metrics", "Trainable parameters"), "", Better::Neither},
    // Distillation: the teacher the student learned from.
    {"teacher_accuracy", QT_TRANSLATE_NOOP("Metrics", "Teacher accuracy"), "%", Better::Neither},
    {"teacher_parameters", QT_TRANSLATE_NOOP("Metrics", "Teacher parameters"), "", Better::Neither},
    {"teacher_model_bytes", QT_TRANSLATE_NOOP("Metrics", "Teacher model size"), "bytes", Better::Neither},
    {"teacher_latency_ms", QT_TRANSLATE_NOOP("Metrics", "Teacher latency"), "ms", Better::Neither, Spread::Unknown},
};
} // namespace

const std::vector<MetricDescription> &metricTable()
{
    return kTable;
}

const MetricDescription *describeMetric(std::string_view key)
{
    for (const auto &d : kTable)
        if (key == d.key)
            return &d;
    return nullptr;
}

bool isTimed(Spread s)
{
    return s == Spread::LatencyMean || s == Spread::SequenceRate || s == Spread::TokenRate || s == Spread::PerSecond
        || s == Spread::Percentile50 || s == Spread::Percentile90 || s == Spread::Percentile99 || s == Spread::TtftMean
        || s == Spread::TtftPercentile50 || s == Spread::TtftPercentile90 || s == Spread::E2eMean
        || s == Spread::PrefillRate || s == Spread::PrefillPerSecond;
}

Better betterOf(std::string_view key)
{
    const auto *d = describeMetric(key);
    return d ? d->better : Better::Neither;
}

} // namespace optibench::stats
