#include "options/values.h"

#include <stdexcept>

namespace optibench::options {

template<>
const ValueTable<Mode> &valueTable<Mode>()
{
    static const ValueTable<Mode> t{"task.mode",
                                    {{Mode::Inference, "inference"},
                                     {Mode::Training, "training"},
                                     {Mode::Generation, "generation"}}};
    return t;
}

template<>
const ValueTable<Split> &valueTable<Split>()
{
    static const ValueTable<Split> t{"task.split", {{Split::Train, "train"}, {Split::Eval, "eval"}}};
    return t;
}

template<>
const ValueTable<QualityScope> &valueTable<QualityScope>()
{
    static const ValueTable<QualityScope> t{"task.quality",
                                            {{QualityScope::Auto, "auto"},
                                             {QualityScope::Split, "split"},
                                             {QualityScope::Timed, "timed"}}};
    return t;
}

template<>
const ValueTable<Precision> &valueTable<Precision>()
{
    static const ValueTable<Precision> t{"optimizations.precision",
                                         {{Precision::Fp32, "fp32"},
                                          {Precision::Tf32, "tf32"},
                                          {Precision::Fp16, "fp16"},
                                          {Precision::Bf16, "bf16"},
                                          {Precision::AmpFp16, "amp-fp16"},
                                          {Precision::AmpBf16, "amp-bf16"}}};
    return t;
}

template<>
const ValueTable<Quantization> &valueTable<Quantization>()
{
    static const ValueTable<Quantization> t{"optimizations.quantization",
                                            {{Quantization::None, "none"},
                                             {Quantization::DynamicInt8, "dynamic-int8"},
                                             {Quantization::WeightInt8, "weight-int8"},
                                             {Quantization::WeightInt4G32, "weight-int4-g32"},
                                             {Quantization::WeightInt4G128, "weight-int4-g128"},
                                             {Quantization::Fp16Weights, "fp16-weights"},
                                             {Quantization::Bf16Weights, "bf16-weights"},
                                             {Quantization::Qat, "qat"}}};
    return t;
}

template<>
const ValueTable<PruningMethod> &valueTable<PruningMethod>()
{
    static const ValueTable<PruningMethod> t{"optimizations.pruning.method",
                                             {{PruningMethod::None, "none"},
                                              {PruningMethod::Magnitude, "magnitude"},
                                              {PruningMethod::Heads, "heads"},
                                              {PruningMethod::Neurons, "neurons"},
                                              {PruningMethod::TwoFour, "2:4"}}};
    return t;
}

template<>
const ValueTable<PruningScope> &valueTable<PruningScope>()
{
    static const ValueTable<PruningScope> t{"optimizations.pruning.scope",
                                            {{PruningScope::Global, "global"}, {PruningScope::Layer, "layer"}}};
    return t;
}

template<>
const ValueTable<Padding> &valueTable<Padding>()
{
    static const ValueTable<Padding> t{"optimizations.padding",
                                       {{Padding::Fixed, "fixed"},
                                        {Padding::Dynamic, "dynamic"},
                                        {Padding::Bucketed, "bucketed"}}};
    return t;
}

std::string joinNames(const std::vector<std::string> &names)
{
    std::string out;
    for (const auto &n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

template<class E>
E parseOrThrow(std::string_view text)
{
    if (auto v = parse<E>(text))
        return *v;
    throw std::invalid_argument(std::string(valueTable<E>().field) + ": unknown value '" + std::string(text) + "' ("
                                + joinNames(names<E>()) + ")");
}

template Mode parseOrThrow<Mode>(std::string_view);
template Split parseOrThrow<Split>(std::string_view);
template QualityScope parseOrThrow<QualityScope>(std::string_view);
template Precision parseOrThrow<Precision>(std::string_view);
template Quantization parseOrThrow<Quantization>(std::string_view);
template PruningMethod parseOrThrow<PruningMethod>(std::string_view);
template PruningScope parseOrThrow<PruningScope>(std::string_view);
template Padding parseOrThrow<Padding>(std::string_view);

bool isInt8(Quantization q)
{
    return q == Quantization::DynamicInt8 || q == Quantization::WeightInt8 || q == Quantization::Qat;
}

bool storesInt8Tables(Quantization q)
{
    return q == Quantization::DynamicInt8 || q == Quantization::WeightInt8;
}

bool isInt4(Quantization q)
{
    return q == Quantization::WeightInt4G32 || q == Quantization::WeightInt4G128;
}

bool isAutocast(Precision p)
{
    return p == Precision::AmpFp16 || p == Precision::AmpBf16;
}

bool needsCuda(Precision p)
{
    return p == Precision::Tf32 || p == Precision::Fp16 || p == Precision::AmpFp16;
}

bool isTrainingPrecision(Precision p)
{
    return p == Precision::Fp32 || isAutocast(p);
}

bool isCudaDevice(std::string_view device)
{
    return device == "cuda" || device.substr(0, 5) == "cuda:";
}

} // namespace optibench::options
