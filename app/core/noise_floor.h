#pragma once
// The noise floor of a machine and model: how far apart two runs of the same spec, interleaved
// in one process (A/A), land on each timed metric, as `optibench-cli calibrate` measures it.
// Verdicts on that machine and model use the larger of the threshold and the floor, so a
// difference no larger than the same configuration shows against itself is never called
// better or worse. Kept in the store's noise_floors table. Neither Qt nor LibTorch.
#include "app/core/run_statistics.h"
#include "app/core/store.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace optibench::core {

struct ExperimentSpec;

struct NoiseFloor {
    double floor = 0; // the largest |A/A ratio - 1| over the pairs
    int pairs = 0;
    std::string runIds; // "12,13,14,15": the A/A runs it came from
    std::int64_t measuredAtMs = 0;
};

// What a floor is kept under: the machine (CPU, cores, threads, GPU, device: the fields whose
// difference makes runs not comparable) and the model.
std::string machineKey(const std::string &environmentJson, const std::string &specJson);
std::string modelKey(const std::string &specJson);
// A machine key for people: its fields joined by commas, the empty ones (no GPU) left out.
std::string machineDescription(const std::string &machineKey);

// Per timed metric, the largest |ratio - 1| of the pairs (each an A/A run and its twin).
std::map<std::string, double> measureNoiseFloors(const std::vector<std::pair<RunFigures, RunFigures>> &pairs);

// Replaces the machine and model's floors in one transaction.
void saveNoiseFloors(Store &store, const std::string &machine, const std::string &model,
                     const std::map<std::string, double> &floors, int pairs, const std::vector<std::int64_t> &runIds);
// What one calibration measured and stored.
struct Calibration {
    std::string machine;
    std::string model;
    std::map<std::string, double> floors;
    std::vector<std::int64_t> runIds; // every pair's two runs, in order
};
// Why runs of this spec cannot calibrate a noise floor (they train); empty when they can.
std::string calibrationRefusal(const ExperimentSpec &spec);
// Measures the floors of A/A pairs of stored runs (each run and its interleaved twin) and saves
// them under the first run's machine and model: what `optibench-cli calibrate` and the GUI's
// Calibrate action both end with. Throws std::invalid_argument without pairs.
Calibration calibrate(Store &store, const std::vector<std::pair<RunFigures, RunFigures>> &pairs);

// The machine and model's floors by metric; empty when never calibrated.
std::map<std::string, NoiseFloor> noiseFloors(const Store &store, const std::string &machine, const std::string &model);

// The threshold each metric's verdict uses: the larger of the user's and the floor.
struct Thresholds {
    double threshold = stats::kDefaultThreshold;
    std::map<std::string, NoiseFloor> floors;
    double of(const std::string &metric) const;
};
// The thresholds for runs compared with `baseline`, from its machine and model's floors.
Thresholds thresholdsFor(const Store &store, const RunFigures &baseline, double threshold);

} // namespace optibench::core
