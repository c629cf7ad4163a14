// One training step of a 12-layer BERT-shaped classifier with and without gradient
// checkpointing, in one run. Shape by default: 12 layers, hidden 256, 4 heads, FFN 1024,
// vocabulary 1000, batch 8 x 128 tokens, 2 threads.
// Each configuration runs in a forked child process (a fresh heap, so one configuration's
// freed memory cannot serve the other), which reports:
//   activation memory  resident memory that the forward pass leaves for backward: RSS after the
//                      forward pass minus RSS before it (gradients and optimizer state already
//                      allocated by a warm-up step, so they are not counted);
//   step peak          peak RSS during forward + backward minus RSS before the step;
//   step time          forward + backward + AdamW step, median of the timed steps.
// Prints both, the activation-memory reduction and the step-time increase of checkpointing.
// The configurations alternate over `repeat` children each and keep their fastest.
//   bench_training [--threads N] [--steps N] [--hidden N] [--length N] [--batch N] [--every K]
//                  [--repeat N]
#include "engine/data/batching.h"
#include "engine/measure/metrics.h"
#include "engine/models/bert.h"
#include "engine/train/training.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <torch/optim/adamw.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

using namespace optibench::engine;

namespace {

struct Options {
    int threads = 2;
    int steps = 3;
    int hidden = 256;
    int length = 128;
    int batch = 8;
    int every = 1;
    int repeat = 2;
};

struct Result {
    double activationBytes = 0;
    double stepPeakBytes = 0;
    double stepMs = 0;
    double forwardMs = 0;
    double backwardMs = 0;
    double loss = 0;
};

TransformerConfig benchConfig(const Options &o)
{
    TransformerConfig c;
    c.vocabSize = 1000;
    c.hiddenSize = o.hidden;
    c.numLayers = 12;
    c.numHeads = 4;
    c.intermediateSize = 4 * o.hidden;
    c.maxPositions = std::max(512, o.length);
    c.numLabels = 2;
    return c;
}

// Runs in the child: warm-up step, then timed steps; memory from /proc.
Result measure(const Options &o, int checkpointEvery)
{
    at::set_num_threads(o.threads);
    const auto config = benchConfig(o);
    BertClassifier model(config, BertClassifier::randomParameters(config, 1));
    TrainingOptions t;
    t.checkpointEvery = checkpointEvery;
    const auto named = enableTraining(model, t);
    std::vector<at::Tensor> params;
    for (const auto &[name, p] : named)
        params.push_back(p);
    torch::optim::AdamW optimizer(params, torch::optim::AdamWOptions(1e-4));
    auto gen = at::detail::createCPUGenerator(2);
    Batch b;
    b.inputIds = at::randint(4, config.vocabSize, {o.batch, o.length}, gen, at::TensorOptions().dtype(at::kLong));
    b.attentionMask = at::ones({o.batch, o.length}, at::kLong);
    b.labels = at::randint(0, 2, {o.batch}, gen, at::TensorOptions().dtype(at::kLong));
    const auto loss = defaultLoss(model);

    Result r;
    std::vector<double> times, forwards, backwards;
    for (int step = 0; step <= o.steps; ++step) { // step 0 warms up
        optimizer.zero_grad();
        const auto before = currentRssBytes();
        resetPeakRss();
        const auto t0 = std::chrono::steady_clock::now();
        auto l = loss(b);
        const auto t1 = std::chrono::steady_clock::now();
        const auto afterForward = currentRssBytes();
        l.backward();
        const auto t2 = std::chrono::steady_clock::now();
        const auto peak = peakRssBytes();
        optimizer.step();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (step == 0)
            continue;
        times.push_back(ms);
        forwards.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        backwards.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        r.activationBytes = std::max(r.activationBytes, static_cast<double>(afterForward - before));
        r.stepPeakBytes = std::max(r.stepPeakBytes, static_cast<double>(peak - before));
        r.loss = l.item<double>();
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    r.stepMs = median(times);
    r.forwardMs = median(forwards);
    r.backwardMs = median(backwards);
    return r;
}

// Forks, measures in the child, returns the child's result through a pipe.
Result inChild(const Options &o, int checkpointEvery)
{
    int fds[2];
    if (pipe(fds) != 0) {
        std::perror("pipe");
        std::exit(1);
    }
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        const Result r = measure(o, checkpointEvery);
        const auto written = write(fds[1], &r, sizeof r);
        _exit(written == static_cast<ssize_t>(sizeof r) ? 0 : 1);
    }
    close(fds[1]);
    Result r;
    const auto got = read(fds[0], &r, sizeof r);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (got != static_cast<ssize_t>(sizeof r) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "the measuring child failed\n");
        std::exit(1);
    }
    return r;
}

int intArg(int argc, char **argv, int &i)
{
    if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", argv[i]);
        std::exit(2);
    }
    return std::atoi(argv[++i]);
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--threads"))
            o.threads = intArg(argc, argv, i);
        else if (!std::strcmp(argv[i], "--steps"))
            o.steps = intArg(argc, argv, i);
        else if (!std::strcmp(argv[i], "--hidden"))
            o.hidden = intArg(argc, argv, i);
        else if (!std::strcmp(argv[i], "--length"))
            o.length = intArg(argc, argv, i);
        else if (!std::strcmp(argv[i], "--batch"))
            o.batch = intArg(argc, argv, i);
        else if (!std::strcmp(argv[i], "--every"))
            o.every = intArg(argc, argv, i);
        else if (!std::strcmp(argv[i], "--repeat"))
            o.repeat = intArg(argc, argv, i);
        else {
            std::fprintf(stderr,
                         "usage: bench_training [--threads N] [--steps N] [--hidden N] [--length N] [--batch N] "
                         "[--every K] [--repeat N]\n");
            return 2;
        }
    }
    if (o.steps < 1 || o.threads < 1 || o.hidden < 4 || o.hidden % 4 || o.length < 2 || o.batch < 1 || o.every < 1
        || o.repeat < 1) {
        std::fprintf(stderr, "bad option values\n");
        return 2;
    }
    std::printf("training step: 12 layers, hidden %d, 4 heads, FFN %d, batch %d x %d tokens, %d threads, "
                "median of %d steps (after one warm-up step)\n",
                o.hidden, 4 * o.hidden, o.batch, o.length, o.threads, o.steps);
    // The configurations alternate, `repeat` children each; each keeps its fastest child, so a
    // burst of load on the machine does not decide the comparison.
    Result plain, ckpt;
    for (int i = 0; i < o.repeat; ++i) {
        for (int every : {0, o.every}) {
            const Result r = inChild(o, every);
            Result &best = every == 0 ? plain : ckpt;
            if (i == 0 || r.stepMs < best.stepMs)
                best = r;
        }
    }
    const double MiB = 1024.0 * 1024.0;
    std::printf("%-22s %14s %14s %12s %12s %12s %10s\n", "configuration", "activations", "step peak", "step time",
                "forward", "backward", "loss");
    const std::string name = "checkpoint every " + std::to_string(o.every);
    const std::vector<std::pair<std::string, Result>> rows{{"plain", plain}, {name, ckpt}};
    for (const auto &[label, r] : rows)
        std::printf("%-22s %11.1f MiB %11.1f MiB %9.1f ms %9.1f ms %9.1f ms %10.5f\n", label.c_str(),
                    r.activationBytes / MiB, r.stepPeakBytes / MiB, r.stepMs, r.forwardMs, r.backwardMs, r.loss);
    std::printf("activation memory: %.1f%% less; step peak: %.1f%% less; step time: %+.1f%%\n",
                100.0 * (1.0 - ckpt.activationBytes / plain.activationBytes),
                100.0 * (1.0 - ckpt.stepPeakBytes / plain.stepPeakBytes), 100.0 * (ckpt.stepMs / plain.stepMs - 1.0));
    return 0;
}
