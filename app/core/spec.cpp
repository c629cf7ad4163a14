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

namespace {

const std::vector<std::string> kFormats{"auto", "hf", "torchscript", "demo"};

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

    // One of an option's values (options/values.h), by its name.
    template<class E>
    void choice(const std::string &key, E &out)
    {
        std::string name = options::name(out);
        const auto allowed = options::names<E>();
        string(key, name, &allowed);
        out = *options::parse<E>(name);
    }

    void integer(const std::string &key, int &out, const options::Range &range)
    {
        integer(key, out, static_cast<long long>(range.lo), static_cast<long long>(range.hi));
    }

    void number(const std::string &key, double &out, const options::Range &range)
    {
        number(key, out, range.lo, range.hi, range.loOpen, range.hiOpen);
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
    r.choice("mode", t.mode);
    r.string("dataset", t.dataset, nullptr, true);
    r.choice("split", t.split);
    r.integer("batch_size", t.batchSize, options::range::batchSize);
    r.integer("max_length", t.maxLength, options::range::maxLength);
    r.integer("warmup", t.warmup, options::range::warmup);
    r.integer("iterations", t.iterations, options::range::iterations);
    r.integer("blocks", t.blocks, options::range::blocks);
    r.number("min_block_ms", t.minBlockMs, options::range::minBlockMs);
    r.choice("quality", t.quality);
    r.integer("steps", t.steps, options::range::steps);
    r.integer("eval_every", t.evalEvery, options::range::evalEvery);
    r.number("learning_rate", t.learningRate, options::range::learningRate);
    r.integer("warmup_steps", t.warmupSteps, options::range::warmupSteps);
    r.string("save_path", t.savePath);
    auto &g = t.generation;
    r.integer("prompt_length", g.promptLength, options::range::promptLength);
    r.integer("new_tokens", g.newTokens, options::range::newTokens);
    r.boolean("sample", g.sample);
    r.number("temperature", g.temperature, options::range::samplingTemperature);
    r.integer("top_k", g.topK, options::range::topK);
    r.number("top_p", g.topP, options::range::topP);
    r.finish();
    return t;
}

PruningSpec parsePruning(const json &j)
{
    PruningSpec p;
    ObjectReader r(j, "optimizations.pruning");
    r.choice("method", p.method);
    r.number("amount", p.amount, options::range::pruningAmount);
    r.choice("scope", p.scope);
    r.boolean("include_embeddings", p.includeEmbeddings);
    // 2:4 sparsity removes exactly two of every four weights; an absent amount means that.
    if (p.method == options::PruningMethod::TwoFour && !r.has("amount"))
        p.amount = 0.5;
    r.finish();
    return p;
}

DistillationSpec parseDistillation(const json &j)
{
    DistillationSpec d;
    ObjectReader r(j, "optimizations.distillation");
    r.string("teacher", d.teacher);
    r.integer("student_layers", d.studentLayers, options::range::studentLayers);
    r.integer("student_hidden", d.studentHidden, options::range::studentHidden);
    r.number("alpha", d.alpha, options::range::alpha);
    r.number("temperature", d.temperature, options::range::temperature);
    r.finish();
    return d;
}

// `checkpointing` (bool, the sketch's form) and `checkpoint_every` (int) say the same thing;
// likewise `share_layers` as bool or int. Giving both forms of one toggle is an error.
OptimizationSpec parseOptimizations(const json &j)
{
    OptimizationSpec o;
    ObjectReader r(j, "optimizations");
    r.choice("precision", o.precision);
    r.choice("quantization", o.quantization);
    r.boolean("quantize_embeddings", o.quantizeEmbeddings);
    if (const json *p = r.find("pruning"))
        o.pruning = parsePruning(*p);
    r.choice("padding", o.padding);

    r.integer("checkpoint_every", o.checkpointEvery, options::range::checkpointEvery);
    if (const json *c = r.find("checkpointing")) {
        if (r.has("checkpoint_every"))
            throw SpecError(r.pathOf("checkpointing"), "give either checkpointing or checkpoint_every, not both");
        if (!c->is_boolean())
            throw SpecError(r.pathOf("checkpointing"), "expected true or false, got " + shown(*c));
        o.checkpointEvery = c->get<bool>() ? 1 : 0;
    }

    r.integer("grad_accumulation", o.gradAccumulation, options::range::gradAccumulation);
    r.boolean("freeze_embeddings", o.freezeEmbeddings);

    if (const json *s = r.find("share_layers")) {
        if (s->is_boolean())
            o.shareLayers = s->get<bool>() ? kShareAllLayers : 0;
        else
            r.integer("share_layers", o.shareLayers, options::range::shareLayers);
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
    r.integer("iterations", p.iterations, options::range::profilingIterations);
    r.boolean("shapes", p.shapes);
    r.finish();
    return p;
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
    r.integer("threads", spec.threads, options::range::threads);
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
         {{"mode", options::name(t.mode)},
          {"dataset", t.dataset},
          {"split", options::name(t.split)},
          {"batch_size", t.batchSize},
          {"max_length", t.maxLength},
          {"warmup", t.warmup},
          {"iterations", t.iterations},
          {"blocks", t.blocks},
          {"min_block_ms", t.minBlockMs},
          {"quality", options::name(t.quality)},
          {"steps", t.steps},
          {"eval_every", t.evalEvery},
          {"learning_rate", t.learningRate},
          {"warmup_steps", t.warmupSteps}}},
        {"optimizations",
         {{"precision", options::name(o.precision)},
          {"quantization", options::name(o.quantization)},
          {"quantize_embeddings", o.quantizeEmbeddings},
          {"pruning",
           {{"method", options::name(o.pruning.method)},
            {"amount", o.pruning.amount},
            {"scope", options::name(o.pruning.scope)},
            {"include_embeddings", o.pruning.includeEmbeddings}}},
          {"padding", options::name(o.padding)},
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
    if (t.mode == options::Mode::Generation) { // likewise only where they act
        const auto &g = t.generation;
        auto &task = j["task"];
        task["prompt_length"] = g.promptLength;
        task["new_tokens"] = g.newTokens;
        task["sample"] = g.sample;
        task["temperature"] = g.temperature;
        task["top_k"] = g.topK;
        task["top_p"] = g.topP;
    }
    return j;
}

std::string toJsonText(const ExperimentSpec &spec, int indent)
{
    return toJson(spec).dump(indent);
}

options::Choices choicesOf(const ExperimentSpec &spec)
{
    const auto &o = spec.optimizations;
    options::Choices c;
    c.mode = spec.task.mode;
    c.device = spec.device;
    c.precision = o.precision;
    c.quantization = o.quantization;
    c.quantizeEmbeddings = o.quantizeEmbeddings;
    c.pruningMethod = o.pruning.method;
    c.pruningAmount = o.pruning.amount;
    c.pruningScope = o.pruning.scope;
    c.pruneEmbeddings = o.pruning.includeEmbeddings;
    c.checkpointEvery = o.checkpointEvery;
    c.gradAccumulation = o.gradAccumulation;
    c.freezeEmbeddings = o.freezeEmbeddings;
    c.shareLayers = o.shareLayers;
    c.distillation = o.distillation.has_value();
    c.hasTeacher = o.distillation && !o.distillation->teacher.empty();
    c.savesModel = !spec.task.savePath.empty();
    c.steps = spec.task.steps;
    c.evalEvery = spec.task.evalEvery;
    c.traceKernels = spec.profiling.kernels;
    return c;
}

// The rules and their reasons are the table of options/rules.cpp; the pruning amount's range
// is checked here too, for specs built in code rather than parsed.
void validateCombination(const ExperimentSpec &spec)
{
    if (auto why = options::outOfRange(options::range::pruningAmount, spec.optimizations.pruning.amount))
        throw SpecError(options::range::pruningAmount.field, *why);
    if (auto v = options::firstViolation(choicesOf(spec)))
        throw SpecError(v->field, v->reason);
}

std::string describeToggles(const ExperimentSpec &spec)
{
    const ExperimentSpec defaults;
    const auto &o = spec.optimizations;
    std::vector<std::string> parts;
    using options::name;
    if (o.precision != defaults.optimizations.precision)
        parts.push_back(name(o.precision));
    if (o.quantization != defaults.optimizations.quantization)
        parts.push_back(name(o.quantization));
    if (o.quantizeEmbeddings)
        parts.push_back("int8 embeddings");
    if (o.pruning.method == options::PruningMethod::TwoFour)
        parts.push_back("2:4 sparse");
    else if (o.pruning.method != options::PruningMethod::None)
        parts.push_back(name(o.pruning.method) + " pruned " + percent(o.pruning.amount)
                        + (o.pruning.scope == options::PruningScope::Layer ? " per layer" : ""));
    if (o.padding != defaults.optimizations.padding)
        parts.push_back(name(o.padding) + " padding");
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
