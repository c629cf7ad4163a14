#include "app/core/spec.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

using nlohmann::json;

namespace optibench::core {

SpecError::SpecError(std::string field, const std::string &message)
    : std::runtime_error(field.empty() ? message : field + ": " + message), m_field(std::move(field))
{}

const std::vector<std::string> &allowedPrecisions()
{
    static const std::vector<std::string> v{"fp32", "tf32", "fp16", "bf16", "amp-fp16", "amp-bf16"};
    return v;
}

const std::vector<std::string> &allowedQuantizations()
{
    static const std::vector<std::string> v{"none",         "dynamic-int8", "weight-int8",
                                            "fp16-weights", "bf16-weights", "qat"};
    return v;
}

const std::vector<std::string> &allowedPruningMethods()
{
    static const std::vector<std::string> v{"none", "magnitude", "heads", "neurons", "2:4"};
    return v;
}

const std::vector<std::string> &allowedPaddings()
{
    static const std::vector<std::string> v{"fixed", "dynamic", "bucketed"};
    return v;
}

namespace {

const std::vector<std::string> kModes{"inference", "training"};
const std::vector<std::string> kSplits{"train", "eval"};
const std::vector<std::string> kFormats{"auto", "hf", "torchscript", "demo"};
const std::vector<std::string> kScopes{"global", "layer"};

std::string joinList(const std::vector<std::string> &values)
{
    std::string out;
    for (const auto &v : values) {
        if (!out.empty())
            out += ", ";
        out += v;
    }
    return out;
}

// The offending value as the user wrote it, shortened so that a huge value cannot flood a message.
std::string shown(const json &value)
{
    std::string text = value.dump();
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

bool isDevice(const std::string &device)
{
    if (device == "cpu" || device == "cuda")
        return true;
    if (device.rfind("cuda:", 0) != 0 || device.size() == 5 || device.size() > 8)
        return false;
    return std::all_of(device.begin() + 5, device.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Reads the keys of one JSON object, remembering which were consumed, so that finish() can
// refuse every key this version does not know (a typo must not silently run the default).
class ObjectReader {
public:
    ObjectReader(const json &object, std::string path) : m_object(object), m_path(std::move(path))
    {
        if (!m_object.is_object())
            throw SpecError(m_path, "expected an object, got " + std::string(m_object.type_name()));
    }

    std::string pathOf(const std::string &key) const { return m_path.empty() ? key : m_path + "." + key; }

    // The value under `key`, or nullptr when absent. Marks the key as known either way.
    const json *find(const std::string &key)
    {
        m_known.insert(key);
        auto it = m_object.find(key);
        return it == m_object.end() ? nullptr : &*it;
    }

    bool has(const std::string &key) const { return m_object.contains(key); }

    void string(const std::string &key, std::string &out, const std::vector<std::string> *allowed = nullptr,
                bool nonEmpty = false)
    {
        const json *v = find(key);
        if (!v)
            return;
        const std::string choices = allowed ? "one of " + joinList(*allowed) : "a string";
        if (!v->is_string())
            throw SpecError(pathOf(key), "expected " + choices + ", got " + shown(*v));
        std::string s = v->get<std::string>();
        if (allowed && std::find(allowed->begin(), allowed->end(), s) == allowed->end())
            throw SpecError(pathOf(key), "must be " + choices + ", got " + shown(*v));
        if (nonEmpty && s.empty())
            throw SpecError(pathOf(key), "must not be empty");
        out = std::move(s);
    }

    void integer(const std::string &key, int &out, long long lo, long long hi)
    {
        const json *v = find(key);
        if (!v)
            return;
        const std::string range = "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
        if (!v->is_number_integer())
            throw SpecError(pathOf(key), "expected " + range + ", got " + shown(*v));
        // Unsigned values above LLONG_MAX are out of every range here.
        if (v->is_number_unsigned() && v->get<unsigned long long>() > static_cast<unsigned long long>(hi))
            throw SpecError(pathOf(key), "must be " + range + ", got " + shown(*v));
        const long long n = v->get<long long>();
        if (n < lo || n > hi)
            throw SpecError(pathOf(key), "must be " + range + ", got " + shown(*v));
        out = static_cast<int>(n);
    }

    // A real number in [lo, hi] or [lo, hi) when hiOpen, or (lo, hi] when loOpen.
    void number(const std::string &key, double &out, double lo, double hi, bool loOpen = false, bool hiOpen = false)
    {
        const json *v = find(key);
        if (!v)
            return;
        std::ostringstream range;
        range << "a number in " << (loOpen ? "(" : "[") << lo << ", " << hi << (hiOpen ? ")" : "]");
        if (!v->is_number())
            throw SpecError(pathOf(key), "expected " + range.str() + ", got " + shown(*v));
        const double x = v->get<double>();
        const bool ok = std::isfinite(x) && (loOpen ? x > lo : x >= lo) && (hiOpen ? x < hi : x <= hi);
        if (!ok)
            throw SpecError(pathOf(key), "must be " + range.str() + ", got " + shown(*v));
        out = x;
    }

    void boolean(const std::string &key, bool &out)
    {
        const json *v = find(key);
        if (!v)
            return;
        if (!v->is_boolean())
            throw SpecError(pathOf(key), "expected true or false, got " + shown(*v));
        out = v->get<bool>();
    }

    void finish() const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (m_known.count(it.key()))
                continue;
            std::vector<std::string> known(m_known.begin(), m_known.end());
            throw SpecError(pathOf(it.key()), "unknown key; known keys here: " + joinList(known));
        }
    }

private:
    const json &m_object;
    std::string m_path;
    std::set<std::string> m_known;
};

constexpr int kMaxSteps = 10'000'000;

ModelSpec parseModel(const json &j)
{
    ModelSpec m;
    ObjectReader r(j, "model");
    r.string("path", m.path, nullptr, true);
    r.string("format", m.format, &kFormats);
    r.finish();
    return m;
}

TaskSpec parseTask(const json &j)
{
    TaskSpec t;
    ObjectReader r(j, "task");
    r.string("mode", t.mode, &kModes);
    r.string("dataset", t.dataset, nullptr, true);
    r.string("split", t.split, &kSplits);
    r.integer("batch_size", t.batchSize, 1, 4096);
    r.integer("max_length", t.maxLength, 1, 65536);
    r.integer("warmup", t.warmup, 0, 100000);
    r.integer("iterations", t.iterations, 1, 1000000);
    r.integer("steps", t.steps, 1, kMaxSteps);
    r.integer("eval_every", t.evalEvery, 0, kMaxSteps);
    r.number("learning_rate", t.learningRate, 0.0, 1.0, true, false);
    r.integer("warmup_steps", t.warmupSteps, 0, kMaxSteps);
    r.string("save_path", t.savePath);
    r.finish();
    return t;
}

PruningSpec parsePruning(const json &j)
{
    PruningSpec p;
    ObjectReader r(j, "optimizations.pruning");
    r.string("method", p.method, &allowedPruningMethods());
    r.number("amount", p.amount, 0.0, 1.0, false, true);
    r.string("scope", p.scope, &kScopes);
    r.boolean("include_embeddings", p.includeEmbeddings);
    // 2:4 sparsity removes exactly two of every four weights; an absent amount means that.
    if (p.method == "2:4" && !r.has("amount"))
        p.amount = 0.5;
    r.finish();
    return p;
}

DistillationSpec parseDistillation(const json &j)
{
    DistillationSpec d;
    ObjectReader r(j, "optimizations.distillation");
    r.string("teacher", d.teacher);
    r.integer("student_layers", d.studentLayers, 0, 1024);
    r.integer("student_hidden", d.studentHidden, 0, 65536);
    r.number("alpha", d.alpha, 0.0, 1.0);
    r.number("temperature", d.temperature, 0.0, 100.0, true, false);
    r.finish();
    return d;
}

// `checkpointing` (bool, the sketch's form) and `checkpoint_every` (int) say the same thing;
// likewise `share_layers` as bool or int. Giving both forms of one toggle is an error.
OptimizationSpec parseOptimizations(const json &j)
{
    OptimizationSpec o;
    ObjectReader r(j, "optimizations");
    r.string("precision", o.precision, &allowedPrecisions());
    r.string("quantization", o.quantization, &allowedQuantizations());
    r.boolean("quantize_embeddings", o.quantizeEmbeddings);
    if (const json *p = r.find("pruning"))
        o.pruning = parsePruning(*p);
    r.string("padding", o.padding, &allowedPaddings());

    r.integer("checkpoint_every", o.checkpointEvery, 0, 1024);
    if (const json *c = r.find("checkpointing")) {
        if (r.has("checkpoint_every"))
            throw SpecError(r.pathOf("checkpointing"), "give either checkpointing or checkpoint_every, not both");
        if (!c->is_boolean())
            throw SpecError(r.pathOf("checkpointing"), "expected true or false, got " + shown(*c));
        o.checkpointEvery = c->get<bool>() ? 1 : 0;
    }

    r.integer("grad_accumulation", o.gradAccumulation, 1, 4096);
    r.boolean("freeze_embeddings", o.freezeEmbeddings);

    if (const json *s = r.find("share_layers")) {
        if (s->is_boolean())
            o.shareLayers = s->get<bool>() ? kShareAllLayers : 0;
        else
            r.integer("share_layers", o.shareLayers, 0, kShareAllLayers);
    }

    if (const json *d = r.find("distillation")) {
        if (!d->is_null())
            o.distillation = parseDistillation(*d);
    }
    r.finish();
    return o;
}

ProfilingSpec parseProfiling(const json &j)
{
    ProfilingSpec p;
    ObjectReader r(j, "profiling");
    r.boolean("ops", p.ops);
    r.boolean("kernels", p.kernels);
    r.integer("iterations", p.iterations, 1, 1000);
    r.boolean("shapes", p.shapes);
    r.finish();
    return p;
}

bool isCuda(const std::string &device)
{
    return device.rfind("cuda", 0) == 0;
}

std::string percent(double fraction)
{
    std::ostringstream s;
    s << std::round(fraction * 1000.0) / 10.0 << "%";
    return s.str();
}

} // namespace

ExperimentSpec parseSpec(const json &j)
{
    ExperimentSpec spec;
    ObjectReader r(j, "");
    r.string("name", spec.name);
    if (const json *m = r.find("model"))
        spec.model = parseModel(*m);
    if (const json *t = r.find("task"))
        spec.task = parseTask(*t);
    if (const json *o = r.find("optimizations"))
        spec.optimizations = parseOptimizations(*o);
    if (const json *p = r.find("profiling"))
        spec.profiling = parseProfiling(*p);
    if (const json *d = r.find("device")) {
        if (!d->is_string() || !isDevice(d->get<std::string>()))
            throw SpecError("device", "must be cpu, cuda or cuda:N, got " + shown(*d));
        spec.device = d->get<std::string>();
    }
    r.integer("threads", spec.threads, 1, 1024);
    if (const json *s = r.find("seed")) {
        if (s->is_number_unsigned())
            spec.seed = s->get<std::uint64_t>();
        else if (s->is_number_integer() && s->get<long long>() >= 0)
            spec.seed = static_cast<std::uint64_t>(s->get<long long>());
        else
            throw SpecError("seed", "expected a non-negative integer, got " + shown(*s));
    }
    r.finish();
    validateCombination(spec);
    return spec;
}

ExperimentSpec parseSpecText(const std::string &jsonText)
{
    json j;
    try {
        j = json::parse(jsonText);
    } catch (const json::exception &e) {
        // Not only parse_error: a number too large for a double is out_of_range (406).
        throw SpecError("", std::string("the spec is not valid JSON: ") + e.what());
    }
    return parseSpec(j);
}

json toJson(const ExperimentSpec &spec)
{
    const auto &t = spec.task;
    const auto &o = spec.optimizations;
    json distillation = nullptr;
    if (o.distillation) {
        const auto &d = *o.distillation;
        distillation = {{"teacher", d.teacher},
                        {"student_layers", d.studentLayers},
                        {"student_hidden", d.studentHidden},
                        {"alpha", d.alpha},
                        {"temperature", d.temperature}};
    }
    json j{
        {"name", spec.name},
        {"model", {{"path", spec.model.path}, {"format", spec.model.format}}},
        {"task",
         {{"mode", t.mode},
          {"dataset", t.dataset},
          {"split", t.split},
          {"batch_size", t.batchSize},
          {"max_length", t.maxLength},
          {"warmup", t.warmup},
          {"iterations", t.iterations},
          {"steps", t.steps},
          {"eval_every", t.evalEvery},
          {"learning_rate", t.learningRate},
          {"warmup_steps", t.warmupSteps}}},
        {"optimizations",
         {{"precision", o.precision},
          {"quantization", o.quantization},
          {"quantize_embeddings", o.quantizeEmbeddings},
          {"pruning",
           {{"method", o.pruning.method},
            {"amount", o.pruning.amount},
            {"scope", o.pruning.scope},
            {"include_embeddings", o.pruning.includeEmbeddings}}},
          {"padding", o.padding},
          {"checkpoint_every", o.checkpointEvery},
          {"grad_accumulation", o.gradAccumulation},
          {"freeze_embeddings", o.freezeEmbeddings},
          {"share_layers", o.shareLayers},
          {"distillation", distillation}}},
        {"profiling",
         {{"ops", spec.profiling.ops},
          {"kernels", spec.profiling.kernels},
          {"iterations", spec.profiling.iterations},
          {"shapes", spec.profiling.shapes}}},
        {"device", spec.device},
        {"threads", spec.threads},
        {"seed", spec.seed},
    };
    if (!t.savePath.empty()) // written only when set, so specs without it read as before
        j["task"]["save_path"] = t.savePath;
    return j;
}

std::string toJsonText(const ExperimentSpec &spec, int indent)
{
    return toJson(spec).dump(indent);
}

// The rules, each with the reason it exists:
// - kernels tracing needs CUPTI, which only exists with a CUDA device.
// - tf32, fp16 and amp-fp16 need CUDA: TF32 is a tensor-core mode, and fp16 arithmetic on the
//   CPU is emulated and far slower than fp32, so such a run would measure nothing useful.
// - int8 quantization (dynamic-int8, weight-int8, qat) runs on the CPU quantized engines
//   (oneDNN, QNNPACK) only, in this version; and it computes the rest of the model in fp32, so
//   it needs precision fp32.
// - fp16-weights / bf16-weights store weights in a half type and compute in fp32; with
//   precision fp16/bf16 the weights are already in that type, so the toggle would do nothing.
// - Training accepts no post-training quantization (nothing can back-propagate through a
//   quantized linear); qat is the training form. In inference, qat calibrates its fake-quant
//   observers on a few training batches and converts to int8 (post-training calibration).
// - checkpoint_every, grad_accumulation, freeze_embeddings, share_layers and distillation act on
//   training only; in inference they are refused rather than silently ignored.
// - distillation needs a teacher; eval_every may not exceed steps.
// - Pruning: an amount needs a method and a method needs an amount; 2:4 removes exactly 0.5;
//   scope "layer" applies to magnitude pruning only; include_embeddings to magnitude and 2:4.
void validateCombination(const ExperimentSpec &spec)
{
    const auto &o = spec.optimizations;
    const auto &t = spec.task;
    const bool cuda = isCuda(spec.device);
    const bool training = t.mode == "training";

    if (spec.profiling.kernels && !cuda)
        throw SpecError("profiling.kernels", "kernel tracing needs a CUDA device (device is " + spec.device + ")");
    if ((o.precision == "fp16" || o.precision == "amp-fp16" || o.precision == "tf32") && !cuda)
        throw SpecError("optimizations.precision",
                        o.precision + " needs a CUDA device (device is " + spec.device
                            + "); use fp32, bf16 or amp-bf16 on the CPU");

    const bool int8 = o.quantization == "dynamic-int8" || o.quantization == "weight-int8" || o.quantization == "qat";
    if (int8 && cuda)
        throw SpecError("optimizations.quantization", o.quantization + " runs on the CPU only in this version");
    if (int8 && o.precision != "fp32")
        throw SpecError("optimizations.quantization",
                        o.quantization + " computes the rest of the model in fp32; set precision fp32");
    if ((o.quantization == "fp16-weights" && (o.precision == "fp16" || o.precision == "amp-fp16"))
        || (o.quantization == "bf16-weights" && (o.precision == "bf16" || o.precision == "amp-bf16")))
        throw SpecError("optimizations.quantization",
                        o.quantization + " changes nothing with precision " + o.precision
                            + "; the weights already have that type");
    if (training && o.quantization != "none" && o.quantization != "qat")
        throw SpecError("optimizations.quantization",
                        o.quantization + " is post-training quantization; training accepts none or qat");
    if (o.quantizeEmbeddings && o.quantization != "dynamic-int8" && o.quantization != "weight-int8")
        throw SpecError("optimizations.quantize_embeddings",
                        "int8 embedding tables go with quantization dynamic-int8 or weight-int8 (quantization is "
                            + o.quantization + ")");

    if (!training) {
        const char *why = " acts on training only; task.mode is inference";
        if (o.checkpointEvery != 0)
            throw SpecError("optimizations.checkpoint_every", std::string("gradient checkpointing") + why);
        if (o.gradAccumulation != 1)
            throw SpecError("optimizations.grad_accumulation", std::string("gradient accumulation") + why);
        if (o.freezeEmbeddings)
            throw SpecError("optimizations.freeze_embeddings", std::string("freezing embeddings") + why);
        if (o.shareLayers != 0)
            throw SpecError("optimizations.share_layers", std::string("cross-layer sharing") + why);
        if (o.distillation)
            throw SpecError("optimizations.distillation", std::string("distillation") + why);
    }
    if (o.distillation && o.distillation->teacher.empty())
        throw SpecError("optimizations.distillation.teacher", "distillation needs a teacher model path");
    if (!training && !t.savePath.empty())
        throw SpecError("task.save_path", "saving a trained model needs task.mode training");
    if (!t.savePath.empty() && o.pruning.method == "neurons")
        throw SpecError("task.save_path",
                        "neurons pruning leaves each layer its own FFN width, which a Hugging Face "
                        "config.json cannot describe; prune heads or magnitude to save");
    if (training && t.evalEvery > t.steps)
        throw SpecError("task.eval_every", "must not exceed task.steps (" + std::to_string(t.steps) + ")");

    const auto &p = o.pruning;
    if (p.amount < 0.0 || p.amount >= 1.0)
        throw SpecError("optimizations.pruning.amount", "must be a number in [0, 1)");
    if (p.method == "none" && p.amount != 0.0)
        throw SpecError("optimizations.pruning.amount", "an amount needs a pruning method (method is none)");
    if (p.method == "2:4" && p.amount != 0.5)
        throw SpecError("optimizations.pruning.amount", "2:4 sparsity removes exactly half: amount must be 0.5");
    if (p.method != "none" && p.method != "2:4" && p.amount == 0.0)
        throw SpecError("optimizations.pruning.amount", p.method + " pruning needs an amount in (0, 1)");
    if (p.scope == "layer" && p.method != "magnitude")
        throw SpecError("optimizations.pruning.scope", "scope layer applies to magnitude pruning only");
    if (p.includeEmbeddings && p.method != "magnitude" && p.method != "2:4")
        throw SpecError("optimizations.pruning.include_embeddings",
                        "applies to magnitude and 2:4 pruning only (method is " + p.method + ")");
}

std::string describeToggles(const ExperimentSpec &spec)
{
    const ExperimentSpec defaults;
    const auto &o = spec.optimizations;
    std::vector<std::string> parts;
    if (o.precision != defaults.optimizations.precision)
        parts.push_back(o.precision);
    if (o.quantization != defaults.optimizations.quantization)
        parts.push_back(o.quantization);
    if (o.quantizeEmbeddings)
        parts.push_back("int8 embeddings");
    if (o.pruning.method == "2:4")
        parts.push_back("2:4 sparse");
    else if (o.pruning.method != "none")
        parts.push_back(o.pruning.method + " pruned " + percent(o.pruning.amount)
                        + (o.pruning.scope == "layer" ? " per layer" : ""));
    if (o.padding != defaults.optimizations.padding)
        parts.push_back(o.padding + " padding");
    if (o.checkpointEvery == 1)
        parts.push_back("checkpointing");
    else if (o.checkpointEvery > 1)
        parts.push_back("checkpoint every " + std::to_string(o.checkpointEvery));
    if (o.gradAccumulation > 1)
        parts.push_back("grad accumulation " + std::to_string(o.gradAccumulation));
    if (o.freezeEmbeddings)
        parts.push_back("frozen embeddings");
    if (o.shareLayers == kShareAllLayers)
        parts.push_back("all layers shared");
    else if (o.shareLayers > 0)
        parts.push_back("layers shared by " + std::to_string(o.shareLayers));
    if (o.distillation)
        parts.push_back(o.distillation->studentLayers > 0
                            ? "distilled to " + std::to_string(o.distillation->studentLayers) + " layers"
                            : "distilled");
    if (parts.empty())
        return "fp32 baseline";
    return joinList(parts);
}

} // namespace optibench::core
