#include "app/core/sweep_folder.h"
#include "app/core/files.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace fs = std::filesystem;
using nlohmann::json;

namespace optibench::core {

namespace {

std::string pointFile(std::size_t point)
{
    char name[32];
    std::snprintf(name, sizeof name, "point-%04zu.json", point);
    return name;
}

// A JSON file of the folder; nullopt when it is absent. Throws when it does not parse.
std::optional<json> readJson(const fs::path &path)
{
    const auto text = readFileText(path);
    if (!text)
        return std::nullopt;
    json j = json::parse(*text, nullptr, false);
    if (j.is_discarded())
        throw SweepFolderError(path.string() + ": not valid JSON");
    return j;
}

json manifestJson(const SweepManifest &m)
{
    json points = json::array();
    for (const auto &p : m.points)
        points.push_back({{"label", p.label}, {"spec", p.spec}});
    return {{"format", kSweepFormat},
            {"version", kSweepVersion},
            {"grid", m.grid},
            {"base_spec", m.baseSpec},
            {"points", std::move(points)}};
}

// "job 7_3 on node-1", from a task's marker or failure record.
std::string taskText(const json &record)
{
    return "job " + record.value("job", std::string("?")) + " on " + record.value("host", std::string("?"));
}

} // namespace

std::string toString(PointState state)
{
    switch (state) {
    case PointState::Done: return "done";
    case PointState::Failed: return "failed";
    case PointState::Running: return "running";
    case PointState::Pending: return "pending";
    case PointState::Missing: return "missing";
    }
    return "missing";
}

std::string arraySpec(const std::vector<std::size_t> &points)
{
    std::string out;
    for (std::size_t i = 0; i < points.size();) {
        std::size_t j = i;
        while (j + 1 < points.size() && points[j + 1] == points[j] + 1)
            ++j;
        if (!out.empty())
            out += ',';
        out += std::to_string(points[i]);
        if (j > i)
            out += '-' + std::to_string(points[j]);
        i = j + 1;
    }
    return out;
}

SweepFolder::SweepFolder(fs::path dir) : m_dir(std::move(dir)) {}

fs::path SweepFolder::bundlePath(std::size_t point) const
{
    return m_dir / "runs" / pointFile(point);
}

fs::path SweepFolder::failurePath(std::size_t point) const
{
    return m_dir / "failed" / pointFile(point);
}

fs::path SweepFolder::runningPath(std::size_t point) const
{
    return m_dir / "running" / pointFile(point);
}

bool SweepFolder::hasManifest() const
{
    return fs::exists(manifestPath());
}

void SweepFolder::create(const SweepManifest &manifest) const
{
    std::error_code error;
    for (const char *sub : {"runs", "failed", "running", "logs"}) {
        fs::create_directories(m_dir / sub, error);
        if (error)
            throw SweepFolderError((m_dir / sub).string() + ": cannot create the folder: " + error.message());
    }
    if (hasManifest()) {
        const SweepManifest old = this->manifest();
        bool same = old.points.size() == manifest.points.size();
        for (std::size_t i = 0; same && i < old.points.size(); ++i)
            same = old.points[i].spec == manifest.points[i].spec;
        if (!same)
            throw SweepFolderError(manifestPath().string()
                                   + ": this folder holds another sweep (other points); give another --out folder");
        return;
    }
    writeFileAtomically(manifestPath(), manifestJson(manifest).dump(2) + "\n");
}

SweepManifest SweepFolder::manifest() const
{
    const auto j = readJson(manifestPath());
    if (!j)
        throw SweepFolderError(manifestPath().string() + ": no such file (not a sweep folder?)");
    const auto bad = [&](const std::string &what) { return SweepFolderError(manifestPath().string() + ": " + what); };
    if (!j->is_object() || j->value("format", json()) != kSweepFormat)
        throw bad(std::string("not an OptiBench sweep manifest (format is not \"") + kSweepFormat + "\")");
    if (!(*j)["version"].is_number_integer() || (*j)["version"].get<int>() > kSweepVersion)
        throw bad("a sweep manifest version this OptiBench does not read");
    if (!(*j)["points"].is_array())
        throw bad("points is not a list");
    SweepManifest m;
    m.grid = (*j)["grid"].is_string() ? (*j)["grid"].get<std::string>() : "";
    m.baseSpec = (*j)["base_spec"];
    for (std::size_t i = 0; i < (*j)["points"].size(); ++i) {
        const json &p = (*j)["points"][i];
        if (!p.is_object() || !p.contains("spec") || !p["spec"].is_object())
            throw bad("points[" + std::to_string(i) + "] has no spec");
        m.points.push_back({p.value("label", std::string()), p["spec"]});
    }
    return m;
}

std::vector<std::size_t> SweepFolder::missingPoints(std::size_t pointCount) const
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < pointCount; ++i)
        if (!fs::exists(bundlePath(i)))
            out.push_back(i);
    return out;
}

std::vector<PointStatus> SweepFolder::status(const SweepManifest &manifest, const QueueStates &queue,
                                             bool queueKnown) const
{
    std::vector<PointStatus> out;
    for (std::size_t i = 0; i < manifest.points.size(); ++i) {
        PointStatus s{i, manifest.points[i].label, PointState::Missing, {}};
        const auto running = readJson(runningPath(i));
        const auto queued = queue.find(i);
        if (fs::exists(bundlePath(i))) {
            s.state = PointState::Done;
            s.detail = fs::relative(bundlePath(i), m_dir).string();
        } else if (queued != queue.end()) {
            s.state = queued->second == "PENDING" ? PointState::Pending : PointState::Running;
            if (running)
                s.detail = taskText(*running);
        } else if (running && !queueKnown) {
            s.state = PointState::Running;
            s.detail = taskText(*running) + " (the scheduler's queue could not be read)";
        } else if (const auto failure = readJson(failurePath(i))) {
            s.state = PointState::Failed;
            s.detail = taskText(*failure) + ": " + failure->value("error", std::string("no message"));
        } else if (running) {
            s.detail = taskText(*running) + " ended without a result (cancelled, killed, or out of time)";
        }
        out.push_back(std::move(s));
    }
    return out;
}

void SweepFolder::markRunning(std::size_t point, const json &task) const
{
    writeFileAtomically(runningPath(point), task.dump() + "\n");
}

void SweepFolder::markFailed(std::size_t point, const json &failure) const
{
    writeFileAtomically(failurePath(point), failure.dump(2) + "\n");
    std::error_code error;
    fs::remove(runningPath(point), error);
}

void SweepFolder::writeBundle(std::size_t point, const json &bundle) const
{
    writeFileAtomically(bundlePath(point), bundle.dump() + "\n");
    std::error_code error;
    fs::remove(failurePath(point), error);
    fs::remove(runningPath(point), error);
}

void SweepFolder::addJob(const std::string &jobId, const std::vector<std::size_t> &points) const
{
    json jobs = readJson(jobsPath()).value_or(json::array());
    if (!jobs.is_array())
        jobs = json::array();
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    jobs.push_back({{"job", jobId}, {"array", arraySpec(points)}, {"submitted_at_ms", now}});
    writeFileAtomically(jobsPath(), jobs.dump(2) + "\n");
}

std::vector<std::string> SweepFolder::jobIds() const
{
    std::vector<std::string> out;
    const json jobs = readJson(jobsPath()).value_or(json::array());
    if (jobs.is_array())
        for (const auto &j : jobs)
            if (j.is_object() && j.contains("job") && j["job"].is_string())
                out.push_back(j["job"].get<std::string>());
    return out;
}

namespace {

std::vector<fs::path> jsonFilesIn(const fs::path &dir)
{
    std::vector<fs::path> files;
    std::error_code error;
    for (const auto &entry : fs::directory_iterator(dir, error)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && entry.path().extension() == ".json" && name.front() != '.')
            files.push_back(entry.path());
    }
    if (error)
        throw SweepFolderError(dir.string() + ": cannot list the folder: " + error.message());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

std::vector<fs::path> bundleFiles(const fs::path &dir)
{
    const SweepFolder folder(dir);
    if (!folder.hasManifest())
        return jsonFilesIn(dir);
    return fs::exists(dir / "runs") ? jsonFilesIn(dir / "runs") : std::vector<fs::path>{};
}

NamedBundle readBundleFile(const fs::path &file)
{
    auto j = readJson(file);
    if (!j)
        throw SweepFolderError(file.string() + ": cannot be read");
    return {file.string(), std::move(*j)};
}

ImportResult importFolder(Store &store, const fs::path &dir)
{
    std::vector<NamedBundle> bundles;
    for (const auto &f : bundleFiles(dir))
        bundles.push_back(readBundleFile(f));
    return importBundles(store, bundles);
}

} // namespace optibench::core
