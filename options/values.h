#pragma once
// The run options' values, as enums, with the one table of their names: the spec's JSON, the
// engine's run configuration, the CLI and the GUI all spell a value through this table, so
// "dynamic-int8" is written once. Neither Qt nor LibTorch; no dependencies at all.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace optibench::options {

enum class Mode { Inference, Training, Generation };
enum class Split { Train, Eval };
// Which examples inference scores quality on: the whole eval split when that is cheap (auto),
// always, or only the timed batches.
enum class QualityScope { Auto, Split, Timed };
enum class Precision { Fp32, Tf32, Fp16, Bf16, AmpFp16, AmpBf16 };
enum class Quantization { None, DynamicInt8, WeightInt8, WeightInt4G32, WeightInt4G128, Fp16Weights, Bf16Weights, Qat };
enum class PruningMethod { None, Magnitude, Heads, Neurons, TwoFour };
enum class PruningScope { Global, Layer };
enum class Padding { Fixed, Dynamic, Bucketed };

// One option's values and their names, in the order choices are offered.
template<class E>
struct ValueTable {
    const char *field; // the spec field, e.g. "optimizations.precision"
    std::vector<std::pair<E, const char *>> values;
};

template<class E>
const ValueTable<E> &valueTable();
template<>
const ValueTable<Mode> &valueTable<Mode>();
template<>
const ValueTable<Split> &valueTable<Split>();
template<>
const ValueTable<QualityScope> &valueTable<QualityScope>();
template<>
const ValueTable<Precision> &valueTable<Precision>();
template<>
const ValueTable<Quantization> &valueTable<Quantization>();
template<>
const ValueTable<PruningMethod> &valueTable<PruningMethod>();
template<>
const ValueTable<PruningScope> &valueTable<PruningScope>();
template<>
const ValueTable<Padding> &valueTable<Padding>();

// The value's name, e.g. name(Quantization::DynamicInt8) == "dynamic-int8".
template<class E>
std::string name(E value)
{
    for (const auto &[v, n] : valueTable<E>().values)
        if (v == value)
            return n;
    return "?";
}

// The value of a name; nullopt for a name the table does not hold.
template<class E>
std::optional<E> parse(std::string_view text)
{
    for (const auto &[v, n] : valueTable<E>().values)
        if (text == n)
            return v;
    return std::nullopt;
}

// Every name, in table order: for "must be one of ..." messages and the GUI's choices.
template<class E>
std::vector<std::string> names()
{
    std::vector<std::string> out;
    for (const auto &entry : valueTable<E>().values)
        out.emplace_back(entry.second);
    return out;
}

// The value of a name, or std::invalid_argument naming the field and the allowed names.
template<class E>
E parseOrThrow(std::string_view text);

// "fp32, tf32, fp16": values joined for messages.
std::string joinNames(const std::vector<std::string> &names);

// What the value implies, for the rules and the engine.
bool isInt8(Quantization q);                // dynamic-int8, weight-int8, qat: the CPU's int8 kernels
bool storesInt8Tables(Quantization q);      // dynamic-int8, weight-int8: embedding tables may be int8 too
bool isInt4(Quantization q);                // weight-int4-g32, weight-int4-g128
bool isAutocast(Precision p);               // amp-fp16, amp-bf16
bool needsCuda(Precision p);                // tf32, fp16, amp-fp16
bool isTrainingPrecision(Precision p);      // fp32 and the autocast modes (fp32 master weights)
bool isCudaDevice(std::string_view device); // "cuda" or "cuda:N"

} // namespace optibench::options
