<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BundleImport</name>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot import %1: it is not valid JSON (a bundle comes from optibench-cli export --format json)</source>
        <translation>无法导入 %1：不是有效的 JSON（运行包由 optibench-cli export --format json 生成）</translation>
    </message>
    <message>
        <source>Cannot import the results folder %1: %2</source>
        <translation>无法导入结果文件夹 %1：%2</translation>
    </message>
</context>
<context>
    <name>ExperimentPanel</name>
    <message>
        <source>Baseline (fp32, CPU)</source>
        <translation>基线（fp32，CPU）</translation>
    </message>
    <message>
        <source>int8 on CPU</source>
        <translation>CPU 上的 int8</translation>
    </message>
    <message>
        <source>bf16 on GPU</source>
        <translation>GPU 上的 bf16</translation>
    </message>
    <message>
        <source>Memory-saving training</source>
        <translation>节省内存的训练</translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <source>Getting started</source>
        <translation>入门</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <source>Latency p50</source>
        <translation>延迟 p50</translation>
    </message>
    <message>
        <source>Latency p90</source>
        <translation>延迟 p90</translation>
    </message>
    <message>
        <source>Latency p99</source>
        <translation>延迟 p99</translation>
    </message>
    <message>
        <source>Latency mean</source>
        <translation>平均延迟</translation>
    </message>
    <message>
        <source>Latency stdev</source>
        <translation>延迟标准差</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Token throughput</source>
        <translation>词元吞吐量</translation>
    </message>
    <message>
        <source>Real tokens</source>
        <translation>真实词元</translation>
    </message>
    <message>
        <source>Padded tokens</source>
        <translation>填充后词元</translation>
    </message>
    <message>
        <source>Padding ratio</source>
        <translation>填充比例</translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation>峰值内存</translation>
    </message>
    <message>
        <source>Model size</source>
        <translation>模型大小</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>稀疏度</translation>
    </message>
    <message>
        <source>FLOPs per batch</source>
        <translation>每批 FLOPs</translation>
    </message>
    <message>
        <source>Achieved FLOP/s</source>
        <translation>实际 FLOP/s</translation>
    </message>
    <message>
        <source>Fraction of peak</source>
        <translation>峰值占比</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Agreement with fp32</source>
        <translation>与 fp32 一致率</translation>
    </message>
    <message>
        <source>KL divergence</source>
        <translation>KL 散度</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Tracing overhead</source>
        <translation>追踪开销</translation>
    </message>
    <message>
        <source>Parameters before</source>
        <translation>优化前参数量</translation>
    </message>
    <message>
        <source>Model size before</source>
        <translation>优化前模型大小</translation>
    </message>
    <message>
        <source>Saved model size</source>
        <translation>保存后的模型大小</translation>
    </message>
    <message>
        <source>Pruned heads</source>
        <translation>剪除的注意力头</translation>
    </message>
    <message>
        <source>Pruned neurons</source>
        <translation>剪除的神经元</translation>
    </message>
    <message>
        <source>Sparse kernel</source>
        <translation>稀疏内核</translation>
    </message>
    <message>
        <source>Final training loss</source>
        <translation>最终训练损失</translation>
    </message>
    <message>
        <source>Evaluation loss</source>
        <translation>评估损失</translation>
    </message>
    <message>
        <source>Step time mean</source>
        <translation>平均步时间</translation>
    </message>
    <message>
        <source>Training throughput</source>
        <translation>训练吞吐量</translation>
    </message>
    <message>
        <source>Training tokens</source>
        <translation>训练 token 数</translation>
    </message>
    <message>
        <source>Optimizer steps</source>
        <translation>优化器步数</translation>
    </message>
    <message>
        <source>Trainable parameters</source>
        <translation>可训练参数</translation>
    </message>
    <message>
        <source>Teacher accuracy</source>
        <translation>教师模型准确率</translation>
    </message>
    <message>
        <source>Teacher parameters</source>
        <translation>教师模型参数量</translation>
    </message>
    <message>
        <source>Teacher model size</source>
        <translation>教师模型大小</translation>
    </message>
    <message>
        <source>Teacher latency</source>
        <translation>教师模型延迟</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Latency max</source>
        <translation>最大延迟</translation>
    </message>
    <message>
        <source>Timed iterations</source>
        <translation>计时迭代次数</translation>
    </message>
    <message>
        <source>Timed blocks</source>
        <translation>计时块数</translation>
    </message>
    <message>
        <source>Noisy blocks</source>
        <translation>受干扰的块</translation>
    </message>
    <message>
        <source>Peak probe: other processes</source>
        <translation>峰值探测：其他进程</translation>
    </message>
    <message>
        <source>Peak probe ran beside other work</source>
        <translation>峰值探测与其他工作同时运行</translation>
    </message>
    <message>
        <source>%1 (MiB)</source>
        <translation>%1 (MiB)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>首个 token 时间</translation>
    </message>
    <message>
        <source>TTFT p50</source>
        <translation>TTFT p50</translation>
    </message>
    <message>
        <source>TTFT p90</source>
        <translation>TTFT p90</translation>
    </message>
    <message>
        <source>Inter-token latency</source>
        <translation>token 间延迟</translation>
    </message>
    <message>
        <source>Inter-token p50</source>
        <translation>token 间 p50</translation>
    </message>
    <message>
        <source>Inter-token p90</source>
        <translation>token 间 p90</translation>
    </message>
    <message>
        <source>Inter-token p99</source>
        <translation>token 间 p99</translation>
    </message>
    <message>
        <source>Inter-token stdev</source>
        <translation>token 间标准差</translation>
    </message>
    <message>
        <source>Decode throughput</source>
        <translation>解码吞吐量</translation>
    </message>
    <message>
        <source>Prefill throughput</source>
        <translation>预填充吞吐量</translation>
    </message>
    <message>
        <source>Generation latency</source>
        <translation>生成延迟</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>提示 token 数</translation>
    </message>
    <message>
        <source>New tokens</source>
        <translation>新 token 数</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV 缓存</translation>
    </message>
    <message>
        <source>Bytes read per decoding step</source>
        <translation>每个解码步读取的字节数</translation>
    </message>
    <message>
        <source>Memory bandwidth</source>
        <translation>内存带宽</translation>
    </message>
    <message>
        <source>Bandwidth bound</source>
        <translation>带宽上限</translation>
    </message>
    <message>
        <source>Fraction of bandwidth bound</source>
        <translation>带宽上限占比</translation>
    </message>
    <message>
        <source>Bandwidth probe ran beside other work</source>
        <translation>带宽探测与其他任务同时运行</translation>
    </message>
    <message>
        <source>Prefill FLOPs</source>
        <translation>预填充 FLOPs</translation>
    </message>
    <message>
        <source>Prefill FLOP/s</source>
        <translation>预填充 FLOP/s</translation>
    </message>
    <message>
        <source>Prefill fraction of peak</source>
        <translation>预填充峰值占比</translation>
    </message>
    <message>
        <source>GEMM peak</source>
        <translation>GEMM 峰值</translation>
    </message>
    <message>
        <source>Greedy tokens as fp32</source>
        <translation>与 fp32 相同的贪心 token</translation>
    </message>
</context>
<context>
    <name>ModelInfo</name>
    <message>
        <source>%1 is not a model: a Hugging Face model folder holds config.json and model.safetensors</source>
        <translation>%1 不是模型：Hugging Face 模型文件夹应包含 config.json 和 model.safetensors</translation>
    </message>
    <message>
        <source>The config.json in %1 cannot be read: %2</source>
        <translation>无法读取 %1 中的 config.json：%2</translation>
    </message>
    <message>
        <source>%1 is not a valid safetensors file</source>
        <translation>%1 不是有效的 safetensors 文件</translation>
    </message>
    <message>
        <source>%1 holds only pickle weights (pytorch_model.bin), which are refused because unpickling can run code; save the model with safe_serialization=True</source>
        <translation>%1 只包含 pickle 权重（pytorch_model.bin），由于反序列化可能执行代码而被拒绝；请用 safe_serialization=True 保存模型</translation>
    </message>
    <message>
        <source>%1 has a config.json but no model.safetensors</source>
        <translation>%1 有 config.json，但没有 model.safetensors</translation>
    </message>
    <message>
        <source>WordPiece (vocab.txt)</source>
        <translation>WordPiece（vocab.txt）</translation>
    </message>
    <message>
        <source>byte-level BPE (vocab.json, merges.txt)</source>
        <translation>字节级 BPE（vocab.json、merges.txt）</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <source>TorchScript module</source>
        <translation>TorchScript 模块</translation>
    </message>
    <message>
        <source>%1 is not a model: open a Hugging Face model folder (config.json and model.safetensors), a TorchScript file, or the demo</source>
        <translation>%1 不是模型：请打开 Hugging Face 模型文件夹（config.json 和 model.safetensors）、TorchScript 文件或演示模型</translation>
    </message>
    <message>
        <source>whole words (built in, %1 tokens)</source>
        <translation>整词（内置，%1 个词元）</translation>
    </message>
    <message>
        <source>%1 is no built-in model: the demos are demo:tiny-bert and demo:tiny-llama (and their -untrained variants)</source>
        <translation>%1 不是内置模型：演示模型为 demo:tiny-bert 和 demo:tiny-llama（及其 -untrained 变体）</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Unknown image format &quot;%1&quot;: use .png, .jpg, .pdf, .svg or .csv</source>
        <translation>未知图像格式“%1”：请使用 .png、.jpg、.pdf、.svg 或 .csv</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Export data as CSV…</source>
        <translation>将数据导出为 CSV…</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>导出图表数据</translation>
    </message>
    <message>
        <source>CSV data (*.csv)</source>
        <translation>CSV 数据 (*.csv)</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>kernel tracing needs a CUDA device (device is %1)</source>
        <translation>内核追踪需要 CUDA 设备（当前设备为 %1）</translation>
    </message>
    <message>
        <source>%1 needs a CUDA device (device is %2); use fp32, bf16 or amp-bf16 on the CPU</source>
        <translation>%1 需要 CUDA 设备（当前设备为 %2）；在 CPU 上请使用 fp32、bf16 或 amp-bf16</translation>
    </message>
    <message>
        <source>%1 runs on the CPU only in this version</source>
        <translation>%1 在此版本中只能在 CPU 上运行</translation>
    </message>
    <message>
        <source>%1 computes the rest of the model in fp32; set precision fp32</source>
        <translation>%1 以 fp32 计算模型其余部分；请将精度设为 fp32</translation>
    </message>
    <message>
        <source>%1 changes nothing with precision %2; the weights already have that type</source>
        <translation>%1 在精度 %2 下不起作用；权重已是该类型</translation>
    </message>
    <message>
        <source>%1 replaces the Linears that %2 runs in autocast; combine %2 with quantization none</source>
        <translation>%1 会替换 %2 在 autocast 中运行的 Linear 层；请将 %2 与量化 none 搭配使用</translation>
    </message>
    <message>
        <source>%1 is post-training quantization; training accepts none or qat</source>
        <translation>%1 是训练后量化；训练只接受 none 或 qat</translation>
    </message>
    <message>
        <source>int8 embedding tables go with quantization dynamic-int8 or weight-int8 (quantization is %1)</source>
        <translation>int8 嵌入表只能与 dynamic-int8 或 weight-int8 量化一起使用（当前量化为 %1）</translation>
    </message>
    <message>
        <source>%1 is not a training precision (fp32, amp-bf16 or amp-fp16: autocast with fp32 master weights)</source>
        <translation>%1 不是训练精度（fp32、amp-bf16 或 amp-fp16：带 fp32 主权重的 autocast）</translation>
    </message>
    <message>
        <source>gradient checkpointing acts on training only; the mode is inference</source>
        <translation>梯度检查点仅作用于训练；当前模式为推理</translation>
    </message>
    <message>
        <source>gradient accumulation acts on training only; the mode is inference</source>
        <translation>梯度累积仅作用于训练；当前模式为推理</translation>
    </message>
    <message>
        <source>freezing embeddings acts on training only; the mode is inference</source>
        <translation>冻结嵌入仅作用于训练；当前模式为推理</translation>
    </message>
    <message>
        <source>cross-layer sharing acts on training only; the mode is inference</source>
        <translation>跨层共享仅作用于训练；当前模式为推理</translation>
    </message>
    <message>
        <source>distillation acts on training only; the mode is inference</source>
        <translation>蒸馏仅作用于训练；当前模式为推理</translation>
    </message>
    <message>
        <source>distillation needs a teacher model path</source>
        <translation>蒸馏需要教师模型路径</translation>
    </message>
    <message>
        <source>saving a trained model needs the mode training</source>
        <translation>保存训练后的模型需要训练模式</translation>
    </message>
    <message>
        <source>neurons pruning leaves each layer its own FFN width, which a Hugging Face config.json cannot describe (it has one intermediate_size); prune heads or magnitude to save</source>
        <translation>神经元剪枝使每层具有各自的 FFN 宽度，而 Hugging Face 的 config.json 无法描述（它只有一个 intermediate_size）；如需保存，请剪枝注意力头或按幅值剪枝</translation>
    </message>
    <message>
        <source>an amount needs a pruning method (method is none)</source>
        <translation>剪枝比例需要剪枝方法（当前方法为 none）</translation>
    </message>
    <message>
        <source>2:4 sparsity removes exactly half: amount must be 0.5</source>
        <translation>2:4 稀疏恰好移除一半：比例必须为 0.5</translation>
    </message>
    <message>
        <source>%1 pruning needs an amount between 0 and 1</source>
        <translation>%1 剪枝需要 0 到 1 之间的比例</translation>
    </message>
    <message>
        <source>scope per layer applies to magnitude pruning only</source>
        <translation>“逐层”范围仅适用于按幅值剪枝</translation>
    </message>
    <message>
        <source>applies to magnitude and 2:4 pruning only (method is %1)</source>
        <translation>仅适用于按幅值剪枝和 2:4 剪枝（当前方法为 %1）</translation>
    </message>
    <message>
        <source>evaluating every %1 steps needs at least %1 training steps (steps is %2)</source>
        <translation>每 %1 步评估一次需要至少 %1 个训练步（当前步数为 %2）</translation>
    </message>
</context>
<context>
    <name>SeriesCharts</name>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>optimizer step</source>
        <translation>优化器步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Evaluation accuracy</source>
        <translation>评估准确率</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>Step time</source>
        <translation>步时间</translation>
    </message>
    <message>
        <source>time (ms)</source>
        <translation>时间（ms）</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>memory (MiB)</source>
        <translation>内存（MiB）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Loss scale</source>
        <translation>损失缩放</translation>
    </message>
    <message>
        <source>loss scale</source>
        <translation>损失缩放</translation>
    </message>
    <message>
        <source>Sparsity per layer</source>
        <translation>每层稀疏度</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>weights removed (%)</source>
        <translation>移除的权重（%）</translation>
    </message>
</context>
<context>
    <name>SpecText</name>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>inference</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>magnitude</source>
        <translation>按幅值</translation>
    </message>
    <message>
        <source>attention heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>feed-forward neurons</source>
        <translation>前馈神经元</translation>
    </message>
    <message>
        <source>2:4 sparsity</source>
        <translation>2:4 稀疏</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>dynamic</source>
        <translation>动态</translation>
    </message>
    <message>
        <source>bucketed</source>
        <translation>分桶</translation>
    </message>
    <message>
        <source>2:4 sparse</source>
        <translation>2:4 稀疏</translation>
    </message>
    <message>
        <source>%1 pruned %2 per layer</source>
        <translation>%1 剪枝 %2（逐层）</translation>
    </message>
    <message>
        <source>%1 pruned %2</source>
        <translation>%1 剪枝 %2</translation>
    </message>
    <message>
        <source>%1 padding</source>
        <translation>%1 填充</translation>
    </message>
    <message>
        <source>checkpointing</source>
        <translation>梯度检查点</translation>
    </message>
    <message>
        <source>checkpoint every %1</source>
        <translation>每 %1 层一个检查点</translation>
    </message>
    <message>
        <source>grad accumulation %1</source>
        <translation>梯度累积 %1</translation>
    </message>
    <message>
        <source>frozen embeddings</source>
        <translation>冻结嵌入</translation>
    </message>
    <message>
        <source>all layers shared</source>
        <translation>所有层共享</translation>
    </message>
    <message>
        <source>layers shared by %1</source>
        <translation>每 %1 层共享</translation>
    </message>
    <message>
        <source>distilled to %1 layers</source>
        <translation>蒸馏为 %1 层</translation>
    </message>
    <message>
        <source>distilled</source>
        <translation>已蒸馏</translation>
    </message>
    <message>
        <source>fp32 baseline</source>
        <translation>fp32 基线</translation>
    </message>
    <message>
        <source>int8 embeddings</source>
        <translation>int8 嵌入</translation>
    </message>
    <message>
        <source>generation</source>
        <translation>生成</translation>
    </message>
</context>
<context>
    <name>StoreOpener</name>
    <message>
        <source>OptiBench run stores (*.sqlite *.db);;All files (*)</source>
        <translation>OptiBench 数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>It was written by a newer OptiBench (store schema %1; this version reads up to %2). Open it with that version, or export its runs there and import them here.</source>
        <translation>它由更新版本的 OptiBench 写入（数据库架构 %1；此版本最多读取 %2）。请用那个版本打开它，或在那里导出运行再导入到这里。</translation>
    </message>
    <message>
        <source>OptiBench</source>
        <translation>OptiBench</translation>
    </message>
    <message>
        <source>The run store %1 is from a newer OptiBench.</source>
        <translation>数据库 %1 来自更新版本的 OptiBench。</translation>
    </message>
    <message>
        <source>The run store %1 cannot be opened.</source>
        <translation>无法打开数据库 %1。</translation>
    </message>
    <message>
        <source>The file is left as it is. Open another store, create a new one, or quit.</source>
        <translation>该文件保持不变。请打开另一个数据库、新建一个，或退出。</translation>
    </message>
    <message>
        <source>Open another store…</source>
        <translation>打开其他数据库…</translation>
    </message>
    <message>
        <source>Create a new store…</source>
        <translation>新建数据库…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Open a run store</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Create a run store</source>
        <translation>新建数据库</translation>
    </message>
</context>
<context>
    <name>SweepPlan</name>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Pruning</source>
        <translation>剪枝</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Pruning amount</source>
        <translation>剪枝比例</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
</context>
<context>
    <name>Techniques</name>
    <message>
        <source>Full 32-bit floats: the reference for speed and quality.</source>
        <translation>完整 32 位浮点：速度和质量的参考基准。</translation>
    </message>
    <message>
        <source>TensorFloat-32 matmuls on Ampere GPUs: faster, about 3 decimal digits of mantissa.</source>
        <translation>Ampere GPU 上的 TensorFloat-32 矩阵乘法：更快，尾数约 3 位十进制精度。</translation>
    </message>
    <message>
        <source>Everything in 16-bit floats: half the memory, fast on GPUs, may overflow without care.</source>
        <translation>全部使用 16 位浮点：内存减半，GPU 上很快，处理不当可能溢出。</translation>
    </message>
    <message>
        <source>Everything in bfloat16: half the memory, fp32&apos;s range, about 1e-2 relative error.</source>
        <translation>全部使用 bfloat16：内存减半，数值范围同 fp32，相对误差约 1e-2。</translation>
    </message>
    <message>
        <source>Mixed precision: matmuls in fp16, sensitive ops in fp32; usually quality-neutral.</source>
        <translation>混合精度：矩阵乘法用 fp16，敏感算子用 fp32；通常不影响质量。</translation>
    </message>
    <message>
        <source>Mixed precision with bfloat16: no loss scaling needed; usually quality-neutral.</source>
        <translation>bfloat16 混合精度：无需损失缩放；通常不影响质量。</translation>
    </message>
    <message>
        <source>Leave this technique off.</source>
        <translation>不使用此技术。</translation>
    </message>
    <message>
        <source>Linear layers in int8 with activations quantized on the fly: 2-4x faster on CPU, small accuracy loss.</source>
        <translation>线性层使用 int8，激活值动态量化：CPU 上快 2–4 倍，精度略有损失。</translation>
    </message>
    <message>
        <source>Weights stored in int8 and dequantized per use: 4x smaller model, little speed gain.</source>
        <translation>权重以 int8 存储，使用时反量化：模型缩小 4 倍，速度提升不大。</translation>
    </message>
    <message>
        <source>Weights stored in fp16: half the model size, compute stays in fp32.</source>
        <translation>权重以 fp16 存储：模型大小减半，计算仍用 fp32。</translation>
    </message>
    <message>
        <source>Weights stored in bfloat16: half the model size, compute stays in fp32.</source>
        <translation>权重以 bfloat16 存储：模型大小减半，计算仍用 fp32。</translation>
    </message>
    <message>
        <source>Quantization-aware training: fake-quantizes during training so int8 loses less accuracy.</source>
        <translation>量化感知训练：训练中模拟量化，使 int8 损失更少精度。</translation>
    </message>
    <message>
        <source>Zeroes the smallest weights: smaller when compressed, faster only with sparse kernels.</source>
        <translation>将最小的权重置零：压缩后更小，仅在稀疏内核下更快。</translation>
    </message>
    <message>
        <source>Removes whole attention heads: really faster, costs accuracy beyond about 30%.</source>
        <translation>移除整个注意力头：确实更快，超过约 30% 后精度下降。</translation>
    </message>
    <message>
        <source>Removes feed-forward neurons: really faster and smaller, costs accuracy as it grows.</source>
        <translation>移除前馈层神经元：确实更快更小，比例越大精度损失越多。</translation>
    </message>
    <message>
        <source>Two of every four weights zero: structured sparsity that sparse tensor cores accelerate.</source>
        <translation>每四个权重中两个为零：稀疏张量核心可加速的结构化稀疏。</translation>
    </message>
    <message>
        <source>Pads every batch to the maximum length: simple, wastes compute on padding.</source>
        <translation>每批都填充到最大长度：简单，但在填充上浪费计算。</translation>
    </message>
    <message>
        <source>Pads each batch to its longest sequence: less waste, shapes vary.</source>
        <translation>每批填充到其最长序列：浪费更少，形状会变化。</translation>
    </message>
    <message>
        <source>Groups sequences of similar length into batches: least padding, order changes.</source>
        <translation>将长度相近的序列分到同一批：填充最少，顺序会改变。</translation>
    </message>
    <message>
        <source>Times forward passes on the evaluation split.</source>
        <translation>在评估集上测量前向计算时间。</translation>
    </message>
    <message>
        <source>Runs optimizer steps on the training split and measures loss, time and memory.</source>
        <translation>在训练集上执行优化步骤，测量损失、时间和内存。</translation>
    </message>
    <message>
        <source>Weights in 4 bits, a scale per 32 inputs: about 7x smaller, faster token by token on CPU, some quality loss.</source>
        <translation>4 位权重，每 32 个输入一个缩放：约小 7 倍，在 CPU 上逐 token 更快，质量略有损失。</translation>
    </message>
    <message>
        <source>Weights in 4 bits, a scale per 128 inputs: about 7.5x smaller, a little more quality loss than groups of 32.</source>
        <translation>4 位权重，每 128 个输入一个缩放：约小 7.5 倍，质量损失比 32 一组略多。</translation>
    </message>
    <message>
        <source>A decoder continues prompts token by token: time to first token, inter-token latency, decode tokens/s against the memory-bandwidth bound.</source>
        <translation>解码器逐 token 续写提示：首个 token 时间、token 间延迟、解码 token/s 与内存带宽上限的对比。</translation>
    </message>
</context>
<context>
    <name>TokenLatency</name>
    <message>
        <source>decode, each generation</source>
        <translation>解码，每次生成</translation>
    </message>
    <message>
        <source>decode, mean per token</source>
        <translation>解码，每 token 平均</translation>
    </message>
    <message>
        <source>first token (prefill)</source>
        <translation>首个 token（预填充）</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ComparisonModel</name>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1（基线）</translation>
    </message>
    <message>
        <source>better</source>
        <translation>更好</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>更差</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>inconclusive</source>
        <translation>无定论</translation>
    </message>
    <message>
        <source>not comparable</source>
        <translation>不可比较</translation>
    </message>
    <message>
        <source>#%1: %2 of %3 blocks ran beside other work (%4).</source>
        <translation>#%1：%3 个块中有 %2 个与其他工作同时运行（%4）。</translation>
    </message>
    <message>
        <source>Not comparable: #%1 ran on another machine or with other settings than the baseline (%2); its timing verdicts are withheld.</source>
        <translation>不可比较：#%1 与基线运行在不同的机器上或使用了不同的设置（%2）；其计时结论不予给出。</translation>
    </message>
    <message>
        <source>Warning: #%1&apos;s environment differs from the baseline&apos;s: %2.</source>
        <translation>警告：#%1 的环境与基线不同：%2。</translation>
    </message>
    <message>
        <source>, 95% interval %1 to %2</source>
        <translation>，95% 区间 %1 至 %2</translation>
    </message>
    <message>
        <source> — too few iterations for this percentile, so this is the slowest one</source>
        <translation>——迭代次数不足以支持该百分位数，因此这是最慢的一次</translation>
    </message>
    <message>
        <source>Against the baseline #%1: %2</source>
        <translation>相对基线 #%1：%2</translation>
    </message>
    <message>
        <source> (a change within %1 is no change)</source>
        <translation>（%1 以内的变化视为无变化）</translation>
    </message>
    <message>
        <source>The runs ran on other machines or with other settings (see What differs).</source>
        <translation>这些运行使用了不同的机器或设置（见“差异”）。</translation>
    </message>
    <message numerus="yes">
        <source>A change under %1 cannot be told from noise here; about %n more block(s) would decide.</source>
        <translation>
            <numerusform>此处无法将小于 %1 的变化与噪声区分开；大约再需要 %n 个块才能判定。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This machine and model&apos;s noise floor (calibrate, %n A/A pair(s)) raises the threshold: %1.</source>
        <translation>
            <numerusform>此机器和模型的噪声下限（calibrate，%n 个 A/A 对）提高了阈值：%1。</numerusform>
        </translation>
    </message>
    <message>
        <source> (a change within %1, this machine and model&apos;s noise floor, is no change)</source>
        <translation>（%1 以内的变化，即此机器和模型的噪声下限，视为无变化）</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ComparisonView</name>
    <message>
        <source>Changes are shown relative to this run</source>
        <translation>变化均相对于此运行显示</translation>
    </message>
    <message>
        <source>Baseline:</source>
        <translation>基线：</translation>
    </message>
    <message>
        <source>&lt;b&gt;What differs&lt;/b&gt;</source>
        <translation>&lt;b&gt;差异项&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Could not read the runs to compare: %1</source>
        <translation>无法读取要比较的运行：%1</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s); %1 spec or environment field(s) differ.</source>
        <translation>
            <numerusform>%n 个运行；%1 个配置或环境字段不同。</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a metric to chart it</source>
        <translation>选择一个指标以绘制图表</translation>
    </message>
    <message>
        <source>#%1
%2</source>
        <translation>#%1
%2</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1（基线）</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Selected metric</source>
        <translation>所选指标</translation>
    </message>
    <message>
        <source>Cost and quality</source>
        <translation>成本与质量</translation>
    </message>
    <message>
        <source>Trace diff</source>
        <translation>追踪差异</translation>
    </message>
    <message>
        <source>Nothing to compare yet</source>
        <translation>尚无可比较的内容</translation>
    </message>
    <message>
        <source>Select two or more runs in the Runs table (Ctrl+1): Shift or Ctrl and a click, or Ctrl+A for all. The comparison follows the selection; the baseline is the run you chose with &quot;Use as baseline&quot;, else the first.</source>
        <translation>在运行表中选择两个或更多运行（Ctrl+1）：按住 Shift 或 Ctrl 单击，或按 Ctrl+A 全选。比较会跟随选择；基线是用“设为基线”选定的运行，否则为第一个。</translation>
    </message>
    <message>
        <source>A metric whose whole 95% interval lies within this share of the baseline&apos;s value shows &quot;no change&quot;; one whose interval lies beyond it, &quot;better&quot; or &quot;worse&quot;; anything else is inconclusive</source>
        <translation>整个 95% 区间都落在基线值的此比例之内的指标显示“无变化”；区间完全超出此比例的显示“更好”或“更差”；其余情况为无定论</translation>
    </message>
    <message>
        <source>No change within:</source>
        <translation>无变化阈值：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Metrics&lt;/b&gt; with their 95% intervals; against the baseline, the ratio and its verdict: &lt;span style=&apos;color:#1b7a2e&apos;&gt;better&lt;/span&gt;, &lt;span style=&apos;color:#b3261e&apos;&gt;worse&lt;/span&gt;, &lt;span style=&apos;color:#6b6b6b&apos;&gt;no change&lt;/span&gt; or &lt;span style=&apos;color:#a86400&apos;&gt;inconclusive&lt;/span&gt;</source>
        <translation>&lt;b&gt;指标&lt;/b&gt;及其 95% 区间；相对基线的比值及结论：&lt;span style=&apos;color:#1b7a2e&apos;&gt;更好&lt;/span&gt;、&lt;span style=&apos;color:#b3261e&apos;&gt;更差&lt;/span&gt;、&lt;span style=&apos;color:#6b6b6b&apos;&gt;无变化&lt;/span&gt;或&lt;span style=&apos;color:#a86400&apos;&gt;无定论&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Could not read the noise floors: %1</source>
        <translation>无法读取噪声下限：%1</translation>
    </message>
    <message>
        <source> (whiskers: 95% interval)</source>
        <translation>（误差线：95% 区间）</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), one row each (or one per group); %1 spec field(s) differ.</source>
        <translation>
            <numerusform>%n 次运行，每次一行（或每组一行）；%1 个规格字段不同。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to re-run: the selected runs or the baseline have no stored spec.</source>
        <translation>无可重新运行：所选运行或基线没有保存的规格。</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ExperimentPanel</name>
    <message>
        <source>Load a preset: a complete spec to start from</source>
        <translation>加载预设：作为起点的完整配置</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the current settings as your own preset</source>
        <translation>将当前设置保存为自定义预设</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected preset of your own</source>
        <translation>删除所选的自定义预设</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>described by its optimizations</source>
        <translation>按其优化项命名</translation>
    </message>
    <message>
        <source>A name for the run; left empty, the run is named after what it changes</source>
        <translation>运行名称；留空时按其改动命名</translation>
    </message>
    <message>
        <source>Run name:</source>
        <translation>运行名称：</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Inference times forward passes; training times optimizer steps</source>
        <translation>推理测量前向计算；训练测量优化步骤</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>&quot;demo:reviews&quot; (built in) or a JSON-lines file with text and label</source>
        <translation>“demo:reviews”（内置）或包含文本和标签的 JSON Lines 文件</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>Sequences per batch: larger batches raise throughput and memory</source>
        <translation>每批序列数：批越大，吞吐量和内存越高</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Longest sequence in tokens; longer inputs are truncated</source>
        <translation>最长序列（词元数）；更长的输入会被截断</translation>
    </message>
    <message>
        <source>Max length:</source>
        <translation>最大长度：</translation>
    </message>
    <message>
        <source>Untimed iterations first, so caches and allocators settle</source>
        <translation>先运行不计时的迭代，使缓存和分配器稳定</translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation>预热：</translation>
    </message>
    <message>
        <source>Iterations:</source>
        <translation>迭代次数：</translation>
    </message>
    <message>
        <source>Optimizer steps of a training run</source>
        <translation>训练运行的优化步数</translation>
    </message>
    <message>
        <source>Training steps:</source>
        <translation>训练步数：</translation>
    </message>
    <message>
        <source>Optimizations</source>
        <translation>优化项</translation>
    </message>
    <message>
        <source>Number format of weights and activations: lower precision is faster and smaller, slightly less exact</source>
        <translation>权重与激活的数值格式：精度越低越快越小，但略不精确</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <source>Stores weights (and maybe activations) in fewer bits: smaller and often faster, costs some accuracy</source>
        <translation>用更少位数存储权重（及可能的激活）：更小且常更快，会损失一些精度</translation>
    </message>
    <message>
        <source>Quantization:</source>
        <translation>量化：</translation>
    </message>
    <message>
        <source>Removes weights, heads or neurons: smaller models; speed depends on the structure removed</source>
        <translation>移除权重、注意力头或神经元：模型更小；速度取决于移除的结构</translation>
    </message>
    <message>
        <source>Pruning:</source>
        <translation>剪枝：</translation>
    </message>
    <message>
        <source>Fraction removed: accuracy usually holds up to about 0.3-0.5, then drops</source>
        <translation>移除比例：精度通常可保持到约 0.3–0.5，之后下降</translation>
    </message>
    <message>
        <source>Pruning amount:</source>
        <translation>剪枝比例：</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>per layer</source>
        <translation>逐层</translation>
    </message>
    <message>
        <source>Global ranks all weights together (usually better); per layer prunes each layer equally</source>
        <translation>全局对所有权重统一排序（通常更好）；逐层对每层剪去相同比例</translation>
    </message>
    <message>
        <source>Pruning scope:</source>
        <translation>剪枝范围：</translation>
    </message>
    <message>
        <source>How batches are padded: less padding means less wasted compute</source>
        <translation>批次的填充方式：填充越少，浪费的计算越少</translation>
    </message>
    <message>
        <source>Padding:</source>
        <translation>填充：</translation>
    </message>
    <message>
        <source>Gradient checkpointing: recomputes activations of every k-th layer in the backward pass; saves memory, costs about 30% time (0: off)</source>
        <translation>梯度检查点：反向传播时重算每第 k 层的激活；节省内存，约多花 30% 时间（0：关闭）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Checkpointing every:</source>
        <translation>检查点间隔：</translation>
    </message>
    <message>
        <source>Gradient accumulation: sums gradients over N micro-batches; a large effective batch in little memory, no speed gain</source>
        <translation>梯度累积：在 N 个微批上累加梯度；以少量内存获得大的有效批，不提速</translation>
    </message>
    <message>
        <source>Accumulation steps:</source>
        <translation>累积步数：</translation>
    </message>
    <message>
        <source>Freeze embeddings</source>
        <translation>冻结嵌入层</translation>
    </message>
    <message>
        <source>Embeddings get no gradients: less optimizer memory and a faster backward pass, usually little accuracy loss</source>
        <translation>嵌入层不计算梯度：优化器内存更少、反向更快，精度损失通常很小</translation>
    </message>
    <message>
        <source>Cross-layer sharing: groups of N layers share weights (ALBERT-style); much smaller, costs accuracy (0: off)</source>
        <translation>跨层共享：每 N 层共享权重（ALBERT 式）；模型小得多，但损失精度（0：关闭）</translation>
    </message>
    <message>
        <source>Share layers:</source>
        <translation>共享层：</translation>
    </message>
    <message>
        <source>Where the model runs; the list comes from the worker</source>
        <translation>模型运行的设备；列表来自工作进程</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>CPU threads for intra-op parallelism</source>
        <translation>算子内并行的 CPU 线程数</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>线程数：</translation>
    </message>
    <message>
        <source>Trace operators</source>
        <translation>追踪算子</translation>
    </message>
    <message>
        <source>Records every operator in a separate pass after timing, so tracing never distorts the timing</source>
        <translation>在计时之后单独运行一遍记录每个算子，追踪不会影响计时</translation>
    </message>
    <message>
        <source>Trace CUDA kernels</source>
        <translation>追踪 CUDA 内核</translation>
    </message>
    <message>
        <source>Records GPU kernels with CUPTI (CUDA devices only)</source>
        <translation>使用 CUPTI 记录 GPU 内核（仅限 CUDA 设备）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Queue a run of this spec (Ctrl+R)</source>
        <translation>将此配置加入运行队列（Ctrl+R）</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>不可用：%1</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>choose a preset</source>
        <translation>选择预设</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>The preset &quot;%1&quot; cannot be loaded: %2</source>
        <translation>无法加载预设“%1”：%2</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <source>Preset name:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <source>Choose one of your own presets first; built-in presets cannot be deleted.</source>
        <translation>请先选择一个自定义预设；内置预设无法删除。</translation>
    </message>
    <message>
        <source>Trains the model as a student that imitates a larger teacher&apos;s outputs: a smaller, faster model that keeps much of the teacher&apos;s accuracy, for the cost of running the teacher in every training step</source>
        <translation>将模型作为学生训练，模仿更大教师模型的输出：得到更小、更快且保留教师大部分准确率的模型，代价是每个训练步都要运行教师模型</translation>
    </message>
    <message>
        <source>Distillation (training)</source>
        <translation>蒸馏（训练）</translation>
    </message>
    <message>
        <source>Distill from a teacher</source>
        <translation>从教师模型蒸馏</translation>
    </message>
    <message>
        <source>teacher model folder</source>
        <translation>教师模型文件夹</translation>
    </message>
    <message>
        <source>The trained teacher: a Hugging Face model folder or &quot;demo:tiny-bert&quot;; it must have the same tokenizer and labels as the student</source>
        <translation>已训练的教师模型：Hugging Face 模型文件夹或“demo:tiny-bert”；其分词器和标签必须与学生模型相同</translation>
    </message>
    <message>
        <source>Choose the teacher&apos;s model folder</source>
        <translation>选择教师模型文件夹</translation>
    </message>
    <message>
        <source>Teacher:</source>
        <translation>教师模型：</translation>
    </message>
    <message>
        <source>Encoder layers of the student: fewer layers run faster and lose more accuracy (0: as many as the model has)</source>
        <translation>学生模型的编码器层数：层数越少运行越快，损失的准确率越多（0：与模型相同）</translation>
    </message>
    <message>
        <source>same as the model</source>
        <translation>与模型相同</translation>
    </message>
    <message>
        <source>Student layers:</source>
        <translation>学生层数：</translation>
    </message>
    <message>
        <source>Hidden size of the student: narrower layers are faster and smaller, and lose accuracy (0: the model&apos;s own)</source>
        <translation>学生模型的隐藏层大小：更窄的层更快更小，但会损失准确率（0：与模型相同）</translation>
    </message>
    <message>
        <source>Student hidden size:</source>
        <translation>学生隐藏层大小：</translation>
    </message>
    <message>
        <source>Weight of the teacher&apos;s soft targets against the true labels: higher imitates the teacher more closely, which helps when labels are few or noisy</source>
        <translation>教师软目标相对真实标签的权重：越高越贴近教师，在标签少或有噪声时有帮助</translation>
    </message>
    <message>
        <source>Alpha:</source>
        <translation>Alpha：</translation>
    </message>
    <message>
        <source>Softens both output distributions before they are compared: higher passes on more of the teacher&apos;s knowledge about wrong classes; 2-4 is usual</source>
        <translation>在比较前软化两个输出分布：越高传递越多教师关于错误类别的知识；常用 2–4</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <source>Embedding tables in int8 too</source>
        <translation>嵌入表也使用 int8</translation>
    </message>
    <message>
        <source>Stores the word and position embedding tables as int8 with a scale per row: the largest tables of a small model shrink 4x; lookups are dequantized</source>
        <translation>将词嵌入表和位置嵌入表以 int8 存储，每行一个缩放因子：小模型中最大的表缩小 4 倍；查表时反量化</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <source>Show the other tabs</source>
        <translation>显示其他标签页</translation>
    </message>
    <message>
        <source>These apply to training runs: set Mode to training on the Task tab.</source>
        <translation>这些设置用于训练运行：请在“任务”标签页把模式设为训练。</translation>
    </message>
    <message>
        <source>Blocks:</source>
        <translation>块数：</translation>
    </message>
    <message>
        <source>Timed blocks: each figure&apos;s interval and each verdict resamples them, and each block records the machine&apos;s noise during it</source>
        <translation>计时块：每个数值的区间和每个结论都对它们重抽样，每个块还记录其间机器的干扰</translation>
    </message>
    <message>
        <source>Block time:</source>
        <translation>块时长：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>The workload: timed batches that each block passes over, in the same order; more give steadier percentiles</source>
        <translation>工作负载：每个块按相同顺序遍历的计时批次；越多百分位数越稳定</translation>
    </message>
    <message>
        <source>A block repeats whole passes over the workload until it has timed this long</source>
        <translation>一个块会重复完整遍历工作负载，直到计时达到这么久</translation>
    </message>
    <message>
        <source>Queue every combination of chosen toggle values over this spec, the first as baseline (Ctrl+G)</source>
        <translation>将所选取值的每种组合基于此规格加入队列,第一个作为基线(Ctrl+G)</translation>
    </message>
    <message>
        <source>Sweep…</source>
        <translation>扫描…</translation>
    </message>
    <message>
        <source>&quot;demo:tiny-bert&quot;, &quot;demo:tiny-llama&quot;, a Hugging Face model folder (config.json + safetensors) or a TorchScript file</source>
        <translation>“demo:tiny-bert”、“demo:tiny-llama”、Hugging Face 模型文件夹（config.json + safetensors）或 TorchScript 文件</translation>
    </message>
    <message>
        <source>Prompt tokens:</source>
        <translation>提示 token 数：</translation>
    </message>
    <message>
        <source>Generation: tokens of each prompt, cut from the dataset&apos;s text; time to first token is their pass</source>
        <translation>生成：每个提示的 token 数，从数据集文本中截取；首个 token 时间即其前向计算</translation>
    </message>
    <message>
        <source>New tokens:</source>
        <translation>新 token 数：</translation>
    </message>
    <message>
        <source>Generation: tokens generated after each prompt (end of text does not stop a timed generation, so every generation does the same work)</source>
        <translation>生成：每个提示之后生成的 token 数（文本结束不会停止计时的生成，因此每次生成工作量相同）</translation>
    </message>
    <message>
        <source>Generation: sample each token (temperature, top-k, top-p, from the run&apos;s seed) rather than take the most likely one</source>
        <translation>生成：按采样选取每个 token（温度、top-k、top-p，使用运行的种子），而不是取概率最大的</translation>
    </message>
    <message>
        <source>Sample tokens</source>
        <translation>采样 token</translation>
    </message>
    <message>
        <source>Sampling: the logits are divided by this before the softmax</source>
        <translation>采样：softmax 之前 logits 除以此值</translation>
    </message>
    <message>
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <source>Sampling: among the k most likely tokens only (0: all)</source>
        <translation>采样：仅在概率最大的 k 个 token 中（0：全部）</translation>
    </message>
    <message>
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <source>Sampling: among the most likely tokens that hold this much probability</source>
        <translation>采样：在累计概率达到此值的最可能 token 中</translation>
    </message>
    <message>
        <source>removing heads or neurons needs a native BERT-family encoder (BERT, RoBERTa, DistilBERT) or Llama-family decoder (Llama, Mistral, Qwen2); this model is %1</source>
        <translation>移除注意力头或神经元需要原生 BERT 系列编码器（BERT、RoBERTa、DistilBERT）或 Llama 系列解码器（Llama、Mistral、Qwen2）；此模型为 %1</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ExportDialog</name>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Resolution written into the image; higher values draw text and lines larger</source>
        <translation>写入图像的分辨率；数值越高，文字和线条越大</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>高度：</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;JPEG image (*.jpg);;CSV data (*.csv)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf);;JPEG 图像 (*.jpg);;CSV 数据 (*.csv)</translation>
    </message>
</context>
<context>
    <name>optibench::ui::GenerateDialog</name>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Generate text</source>
        <translation>生成文本</translation>
    </message>
    <message>
        <source>A decoder: demo:tiny-llama, or a Hugging Face folder of GPT-2, Llama, Mistral or Qwen2</source>
        <translation>解码器：demo:tiny-llama，或 GPT-2、Llama、Mistral、Qwen2 的 Hugging Face 文件夹</translation>
    </message>
    <message>
        <source>Text to continue, e.g. the battery</source>
        <translation>要续写的文本，例如 the battery</translation>
    </message>
    <message>
        <source>The prompt and its continuation appear here as the tokens come.</source>
        <translation>提示及其续写会随 token 到达显示在这里。</translation>
    </message>
    <message>
        <source>Generate (Ctrl+Return)</source>
        <translation>生成 (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Stop the generation</source>
        <translation>停止生成</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>提示(&amp;P)：</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>At most this many new tokens (the end of text stops it sooner)</source>
        <translation>最多生成这么多新 token（文本结束会提前停止）</translation>
    </message>
    <message>
        <source>S&amp;ample</source>
        <translation>采样(&amp;A)</translation>
    </message>
    <message>
        <source>Sample each token rather than take the most likely one (off: greedy, which can repeat itself)</source>
        <translation>按采样选取每个 token，而不是取概率最大的（关闭：贪心，可能重复）</translation>
    </message>
    <message>
        <source>Sampling temperature</source>
        <translation>采样温度</translation>
    </message>
    <message>
        <source>Top-k: sample among the k most likely tokens (0: all)</source>
        <translation>Top-k：在概率最大的 k 个 token 中采样（0：全部）</translation>
    </message>
    <message>
        <source>Top-p: sample among the most likely tokens that hold this probability</source>
        <translation>Top-p：在累计概率达到此值的最可能 token 中采样</translation>
    </message>
    <message>
        <source>Seed of the sampling: the same seed gives the same text</source>
        <translation>采样种子：相同种子得到相同文本</translation>
    </message>
    <message>
        <source>New tokens:</source>
        <translation>新 token 数：</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Give a model and a prompt to continue.</source>
        <translation>请给出模型和要续写的提示。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n character(s).</source>
        <translation>
            <numerusform>已在 %n 个字符后停止。</numerusform>
        </translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation>生成失败：%1</translation>
    </message>
    <message>
        <source>the process ended</source>
        <translation>进程已结束</translation>
    </message>
</context>
<context>
    <name>optibench::ui::KernelStatsModel</name>
    <message>
        <source>Kernel</source>
        <translation>内核</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Total time</source>
        <translation>总时间</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
</context>
<context>
    <name>optibench::ui::MainWindow</name>
    <message>
        <source>OptiBench — %1</source>
        <translation>OptiBench — %1</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run detail</source>
        <translation>运行详情</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Run #%1 failed: %2</source>
        <translation>运行 #%1 失败：%2</translation>
    </message>
    <message>
        <source>A run failed: %1</source>
        <translation>一个运行失败：%1</translation>
    </message>
    <message>
        <source>Run #%1 finished</source>
        <translation>运行 #%1 已完成</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Run queue</source>
        <translation>运行队列</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent models</source>
        <translation>最近的模型</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export the chart of the current page, or the runs table as CSV</source>
        <translation>导出当前页面的图表，或将运行表导出为 CSV</translation>
    </message>
    <message>
        <source>Export runs as CSV…</source>
        <translation>将运行导出为 CSV…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Find runs</source>
        <translation>查找运行(&amp;F)</translation>
    </message>
    <message>
        <source>Edit &amp;notes…</source>
        <translation>编辑备注(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Delete runs…</source>
        <translation>删除运行(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Run experiment</source>
        <translation>运行实验(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Cancel running run</source>
        <translation>取消正在进行的运行(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>Cancel &amp;all</source>
        <translation>全部取消(&amp;A)</translation>
    </message>
    <message>
        <source>Co&amp;mpare selected runs</source>
        <translation>比较所选运行(&amp;M)</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Re&amp;load runs</source>
        <translation>重新加载运行(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About OptiBench</source>
        <translation>关于 OptiBench(&amp;A)</translation>
    </message>
    <message>
        <source>About OptiBench</source>
        <translation>关于 OptiBench</translation>
    </message>
    <message>
        <source>&lt;b&gt;OptiBench %1&lt;/b&gt;&lt;p&gt;Measures which optimizations make a transformer model cheaper on your hardware.&lt;/p&gt;&lt;p&gt;Store: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;OptiBench %1&lt;/b&gt;&lt;p&gt;测量哪些优化能让 Transformer 模型在您的硬件上更省资源。&lt;/p&gt;&lt;p&gt;数据库：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open a model folder (config.json and weights)</source>
        <translation>打开模型文件夹（config.json 和权重）</translation>
    </message>
    <message>
        <source>This experiment cannot run: %1</source>
        <translation>此实验无法运行：%1</translation>
    </message>
    <message>
        <source>Select at least two runs in the runs table to compare them.</source>
        <translation>请在运行表中至少选择两个运行进行比较。</translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>导出运行</translation>
    </message>
    <message>
        <source>CSV data (*.csv)</source>
        <translation>CSV 数据 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n run(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个运行导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The next run uses: %1 %2</source>
        <translation>下一次运行将使用：%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) queued or running</source>
        <translation>
            <numerusform>%n 个运行排队或进行中</numerusform>
        </translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) are queued or running. Quit and cancel them?</source>
        <translation>
            <numerusform>有 %n 个运行排队或进行中。退出并取消它们？</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Cannot open the dropped model: %1</source>
        <translation>无法打开拖放的模型：%1</translation>
    </message>
    <message>
        <source>Import runs</source>
        <translation>导入运行</translation>
    </message>
    <message>
        <source>Run bundles (*.json);;All files (*)</source>
        <translation>运行包 (*.json);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n run(s) from %1</source>
        <translation>
            <numerusform>已从 %1 导入 %n 个运行</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Import runs…</source>
        <translation>导入运行(&amp;I)…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Add the runs of a bundle made by optibench-cli export --format json</source>
        <translation>添加由 optibench-cli export --format json 生成的运行包中的运行</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>入门(&amp;G)</translation>
    </message>
    <message>
        <source>Re-run &amp;interleaved against the baseline</source>
        <translation>与基线交错重新运行(&amp;I)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Ca&amp;librate noise floor…</source>
        <translation>校准噪声底限(&amp;L)…</translation>
    </message>
    <message numerus="yes">
        <source>Sweep finished: %n run(s) done.</source>
        <translation>
            <numerusform>扫描完成:%n 个运行已完成。</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;weep…</source>
        <translation>扫描(&amp;W)…</translation>
    </message>
    <message>
        <source>Ctrl+G</source>
        <translation>Ctrl+G</translation>
    </message>
    <message>
        <source> on %1 (ssh, pid %2)</source>
        <translation> 位于 %1（ssh，PID %2）</translation>
    </message>
    <message>
        <source>worker %1%2, LibTorch %3, %4</source>
        <translation>工作进程 %1%2，LibTorch %3，%4</translation>
    </message>
    <message>
        <source>&amp;Worker…</source>
        <translation>工作进程(&amp;W)…</translation>
    </message>
    <message>
        <source>Worker &amp;log…</source>
        <translation>工作进程日志(&amp;L)…</translation>
    </message>
    <message>
        <source>watching %1</source>
        <translation>正在监视 %1</translation>
    </message>
    <message>
        <source>worker on %1 (ssh)</source>
        <translation>工作进程位于 %1（ssh）</translation>
    </message>
    <message>
        <source>Import results &amp;folder…</source>
        <translation>导入结果文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>Add the runs of a sweep folder (optibench-cli sweep --slurm --out DIR) or of any folder of bundles; runs already here are skipped</source>
        <translation>添加扫描文件夹（optibench-cli sweep --slurm --out DIR）或任何捆绑包文件夹中的运行；已有的运行将被跳过</translation>
    </message>
    <message>
        <source>&amp;Watch results folder…</source>
        <translation>监视结果文件夹(&amp;W)…</translation>
    </message>
    <message>
        <source>Watch results folder</source>
        <translation>监视结果文件夹</translation>
    </message>
    <message>
        <source>Import a sweep folder&apos;s runs as its tasks write them</source>
        <translation>在任务写入时导入扫描文件夹中的运行</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) landed in %1</source>
        <translation>
            <numerusform>%n 次运行已到达 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were here already</source>
        <translation>
            <numerusform>%n 次已存在</numerusform>
        </translation>
    </message>
    <message>
        <source>Import results folder</source>
        <translation>导入结果文件夹</translation>
    </message>
    <message>
        <source>Stop &amp;watching %1</source>
        <translation>停止监视 %1(&amp;W)</translation>
    </message>
    <message>
        <source>The next run executes on %1 over ssh</source>
        <translation>下一次运行将通过 ssh 在 %1 上执行</translation>
    </message>
    <message>
        <source>(OPTIBENCH_WORKER is set and comes first)</source>
        <translation>（已设置 OPTIBENCH_WORKER，优先使用）</translation>
    </message>
    <message>
        <source>Worker log</source>
        <translation>工作进程日志</translation>
    </message>
    <message>
        <source>What the worker (and ssh) write to stderr appears here.</source>
        <translation>工作进程（及 ssh）写入 stderr 的内容显示在这里。</translation>
    </message>
    <message>
        <source>Generate &amp;text…</source>
        <translation>生成文本(&amp;T)…</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Continue a prompt with a decoder model, the text streamed as it comes</source>
        <translation>用解码器模型续写提示，文本随生成流式显示</translation>
    </message>
</context>
<context>
    <name>optibench::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ModelPanel</name>
    <message>
        <source>Double-click to use this model</source>
        <translation>双击以使用此模型</translation>
    </message>
    <message>
        <source>Recent models:</source>
        <translation>最近的模型：</translation>
    </message>
    <message>
        <source>Built-in demo model: a small BERT-style encoder with random weights, for trying the tool.</source>
        <translation>内置演示模型：一个带随机权重的小型 BERT 式编码器，用于试用本工具。</translation>
    </message>
    <message>
        <source>Built-in demo model: a small BERT-style encoder trained on the demo reviews, for trying the tool.</source>
        <translation>内置演示模型：一个在演示评论数据上训练的小型 BERT 式编码器，用于试用本工具。</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;参数量&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;SHA-256&lt;/td&gt;&lt;td&gt;%1…&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;SHA-256&lt;/td&gt;&lt;td&gt;%1…&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>No run of this model is stored yet.</source>
        <translation>尚未保存此模型的运行。</translation>
    </message>
    <message numerus="yes">
        <source>%n stored run(s)</source>
        <translation>
            <numerusform>%n 个已保存的运行</numerusform>
        </translation>
    </message>
    <message>
        <source>, best latency p50 %1</source>
        <translation>，最佳 p50 延迟 %1</translation>
    </message>
    <message>
        <source>The store could not be read: %1</source>
        <translation>无法读取数据库：%1</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Hugging Face folder</source>
        <translation>Hugging Face 文件夹</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Built-in demo decoder: a small Llama-style language model with random weights, for trying the tool on text generation.</source>
        <translation>内置演示解码器：一个带随机权重的小型 Llama 式语言模型，用于试用本工具的文本生成。</translation>
    </message>
    <message>
        <source>Built-in demo decoder: a small Llama-style language model trained on the demo reviews, for trying the tool on text generation.</source>
        <translation>内置演示解码器：一个在演示评论数据上训练的小型 Llama 式语言模型，用于试用本工具的文本生成。</translation>
    </message>
</context>
<context>
    <name>optibench::ui::OpStatsModel</name>
    <message>
        <source>Op</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Self time</source>
        <translation>自身时间</translation>
    </message>
    <message>
        <source>Total time</source>
        <translation>总时间</translation>
    </message>
    <message>
        <source>Self share</source>
        <translation>自身时间占比</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ParallelCoordinates</name>
    <message>
        <source>Parallel coordinates: the toggles, then the metrics (low at the bottom)</source>
        <translation>平行坐标：先是开关，然后是指标（低值在下）</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>平行坐标</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RangeStatsModel</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Total time</source>
        <translation>总时间</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>GPU kernel time</source>
        <translation>GPU 内核时间</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RankedBarsChart</name>
    <message numerus="yes">
        <source>… %n row(s) between, not shown</source>
        <translation>
            <numerusform>… 中间 %n 行未显示</numerusform>
        </translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <source>No row has %1</source>
        <translation>没有任何行包含 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: best and worst of %n row(s)</source>
        <translation>
            <numerusform>%1：%n 行中最好和最差的</numerusform>
        </translation>
    </message>
    <message>
        <source> — %1; whiskers: 95% interval; dashed: the baseline</source>
        <translation>——%1；须线：95% 区间；虚线：基线</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1（基线）</translation>
    </message>
    <message>
        <source>, 95% interval %1 to %2</source>
        <translation>，95% 区间 %1 至 %2</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RecommendPanel</name>
    <message>
        <source>at least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>at most this far from the baseline</source>
        <translation>与基线相差至多</translation>
    </message>
    <message>
        <source>A floor on the quality, or how much worse than the baseline it may be; judged on the pessimistic end of its 95% interval</source>
        <translation>质量的下限，或允许比基线差多少；按其 95% 区间的悲观端判断</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Cost ratio [95%]</source>
        <translation>成本比 [95%]</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Quality [95%]</source>
        <translation>质量 [95%]</translation>
    </message>
    <message>
        <source>In budget</source>
        <translation>在预算内</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>前沿</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommend&lt;/b&gt;</source>
        <translation>&lt;b&gt;推荐&lt;/b&gt;</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>至多</translation>
    </message>
    <message>
        <source>Compare two or more runs to get a recommendation.</source>
        <translation>比较两个或更多运行以获得推荐。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;推荐：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;No recommendation:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无推荐：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ResultsWatcher</name>
    <message>
        <source>Cannot import from the watched folder %1: %2</source>
        <translation>无法从监视的文件夹 %1 导入：%2</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunDetail</name>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Latency per iteration</source>
        <translation>每次迭代的延迟</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>延迟（毫秒）</translation>
    </message>
    <message>
        <source>Latency distribution</source>
        <translation>延迟分布</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Run %1 is no longer in the store.</source>
        <translation>运行 %1 已不在数据库中。</translation>
    </message>
    <message>
        <source>&lt;b&gt;#%1 %2&lt;/b&gt; — %3, %4</source>
        <translation>&lt;b&gt;#%1 %2&lt;/b&gt; — %3，%4</translation>
    </message>
    <message>
        <source>Could not read run %1: %2</source>
        <translation>无法读取运行 %1：%2</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Ops and kernels</source>
        <translation>算子与内核</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Wheel or +/- zooms, drag or arrow keys pan, Home shows the whole trace</source>
        <translation>滚轮或 +/- 缩放，拖动或方向键平移，Home 显示完整追踪</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>No run selected</source>
        <translation>未选择运行</translation>
    </message>
    <message>
        <source>Select a run in the Runs table (Ctrl+1) and its metrics, latency charts, series and trace show here. Enter or a double-click on a run opens this page.</source>
        <translation>在运行表中选择一个运行（Ctrl+1），其指标、延迟图表、序列和追踪会显示在这里。在运行上按 Enter 或双击可打开此页。</translation>
    </message>
    <message>
        <source>
95% interval: %1 to %2</source>
        <translation>
95% 区间：%1 至 %2</translation>
    </message>
    <message>
        <source>Latency per token</source>
        <translation>每 token 延迟</translation>
    </message>
    <message>
        <source>token of the generation</source>
        <translation>生成中的 token</translation>
    </message>
    <message>
        <source>latency (ms, log)</source>
        <translation>延迟（ms，对数）</translation>
    </message>
    <message>
        <source>Inter-token latency distribution</source>
        <translation>token 间延迟分布</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunGroups</name>
    <message>
        <source>Choose the baseline and at least one other run with a stored spec to re-run interleaved.</source>
        <translation>请选择基线和至少一个带有已存规格的其他运行,以交错重新运行。</translation>
    </message>
    <message>
        <source>%1 (interleaved baseline)</source>
        <translation>%1(交错基线)</translation>
    </message>
    <message>
        <source>%1 (interleaved)</source>
        <translation>%1(交错)</translation>
    </message>
    <message>
        <source>the number of A/A pairs must be at least 1</source>
        <translation>A/A 对的数量至少为 1</translation>
    </message>
    <message>
        <source>Cannot calibrate the noise floor on &quot;%1&quot;: %2</source>
        <translation>无法在“%1”上校准噪声底限:%2</translation>
    </message>
    <message>
        <source>pair %1 of %2</source>
        <translation>第 %1 对,共 %2 对</translation>
    </message>
    <message>
        <source>Calibrate %1: A, %2</source>
        <translation>校准 %1:A,%2</translation>
    </message>
    <message>
        <source>Calibrate %1: A′, %2</source>
        <translation>校准 %1:A′,%2</translation>
    </message>
    <message>
        <source>run #%1 %2</source>
        <translation>运行 #%1 %2</translation>
    </message>
    <message>
        <source>a run %1</source>
        <translation>一个运行 %1</translation>
    </message>
    <message>
        <source>The noise floor of &quot;%1&quot; was not measured (%2); nothing was stored.</source>
        <translation>未测量“%1”的噪声底限(%2);未存储任何内容。</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message numerus="yes">
        <source>Noise floor of &quot;%1&quot; on %2 stored from %n A/A pair(s): %3. Verdicts against runs of this model on this machine now need a change beyond these floors.</source>
        <translation>
            <numerusform>已根据 %n 个 A/A 对存储“%1”在 %2 上的噪声底限:%3。此后对本机上该模型运行的判定需要超过这些底限的变化。</numerusform>
        </translation>
    </message>
    <message>
        <source>The noise floor of &quot;%1&quot; could not be stored: %2</source>
        <translation>无法存储“%1”的噪声底限:%2</translation>
    </message>
    <message>
        <source>The sweep has no valid combination to run.</source>
        <translation>该扫描没有可运行的有效组合。</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunQueueModel</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>~%1 (%2)</source>
        <translation>约 %1（%2）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunQueueView</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已结束</translation>
    </message>
    <message>
        <source>Cancel the selected runs (a running one stops at its next step)</source>
        <translation>取消所选运行（正在运行的会在下一步停止）</translation>
    </message>
    <message>
        <source>Cancel the running run and remove every queued one</source>
        <translation>取消正在进行的运行并移除所有排队的运行</translation>
    </message>
    <message>
        <source>Remove finished, failed and cancelled runs from this list (they stay in the store)</source>
        <translation>从列表中移除已完成、失败和已取消的运行（它们仍保留在数据库中）</translation>
    </message>
    <message>
        <source>No runs queued. Run an experiment (Ctrl+R) and its progress shows here.</source>
        <translation>队列中没有运行。运行一个实验（Ctrl+R），其进度会显示在这里。</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunRowsModel</name>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>%1: not measured</source>
        <translation>%1：未测量</translation>
    </message>
    <message>
        <source>, 95% interval %1 to %2</source>
        <translation>，95% 区间 %1 至 %2</translation>
    </message>
    <message>
        <source>Against the baseline: %1</source>
        <translation>相对基线：%1</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1（基线）</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Runs in the group; a group&apos;s figure is their median</source>
        <translation>组内的运行；组的数值为其中位数</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行数</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunRowsView</name>
    <message>
        <source>Compare selected</source>
        <translation>比较所选</translation>
    </message>
    <message>
        <source>Re-run selected…</source>
        <translation>重新运行所选…</translation>
    </message>
    <message>
        <source>Best and worst</source>
        <translation>最好与最差</translation>
    </message>
    <message>
        <source>Cost and quality</source>
        <translation>成本与质量</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>平行坐标</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>分组依据</translation>
    </message>
    <message>
        <source>Show runs that share the ticked fields&apos; values as one row: the median of its runs with its interval</source>
        <translation>将勾选字段取值相同的运行显示为一行：其运行的中位数及区间</translation>
    </message>
    <message>
        <source>Filter: text or field=value</source>
        <translation>筛选：文本或 字段=值</translation>
    </message>
    <message>
        <source>How many of the best and of the worst rows the bar chart shows</source>
        <translation>柱状图显示多少个最好和最差的行</translation>
    </message>
    <message>
        <source>Compare the selected rows&apos; runs with the baseline</source>
        <translation>将所选行的运行与基线比较</translation>
    </message>
    <message>
        <source>Run the selected rows&apos; runs again, interleaved with the baseline</source>
        <translation>重新运行所选行的运行，与基线交错进行</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <source>against</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Best and worst:</source>
        <translation>最好与最差：</translation>
    </message>
    <message>
        <source>No spec field differs</source>
        <translation>没有不同的规格字段</translation>
    </message>
    <message numerus="yes">
        <source>Grouped by %n field(s)</source>
        <translation>
            <numerusform>按 %n 个字段分组</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s) shown, %2 selected</source>
        <translation>
            <numerusform>显示 %n 行中的 %1 行，已选 %2 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunScatter</name>
    <message>
        <source>Cost against quality (line: Pareto front of the values)</source>
        <translation>成本对质量（线：数值的帕累托前沿）</translation>
    </message>
    <message>
        <source>Cost against quality</source>
        <translation>成本对质量</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>基线</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunsModel</name>
    <message>
        <source>The baseline that comparisons are measured against</source>
        <translation>比较所依据的基线</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1（基线）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Optimizations</source>
        <translation>优化项</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Could not save the change to run %1: %2</source>
        <translation>无法保存对运行 %1 的修改：%2</translation>
    </message>
    <message>
        <source>Could not delete the runs: %1</source>
        <translation>无法删除运行：%1</translation>
    </message>
    <message>
        <source>Could not read the runs: %1</source>
        <translation>无法读取运行：%1</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunsView</name>
    <message>
        <source>Search name, model, optimizations, notes (Ctrl+F)</source>
        <translation>搜索名称、模型、优化项、备注（Ctrl+F）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Show only runs with this status</source>
        <translation>仅显示此状态的运行</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) with their metrics, series and traces? This cannot be undone.</source>
        <translation>
            <numerusform>删除 %n 个运行及其指标、序列和追踪数据？此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Notes on run #%1:</source>
        <translation>运行 #%1 的备注：</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>显示详情</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Edit notes…</source>
        <translation>编辑备注…</translation>
    </message>
    <message>
        <source>Clear baseline</source>
        <translation>清除基线</translation>
    </message>
    <message>
        <source>Use as baseline</source>
        <translation>设为基线</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <source>Compare selected</source>
        <translation>比较所选</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Find out which optimizations make your model cheaper on this machine</source>
        <translation>找出哪些优化能让你的模型在这台机器上更省</translation>
    </message>
    <message>
        <source>OptiBench runs a model with and without quantization, pruning, lower precision or less padding, measures speed, memory and quality, and compares the runs. Start with the built-in demo model: a first run takes a few seconds. You can also drop a model folder onto this window.</source>
        <translation>OptiBench 在使用和不使用量化、剪枝、低精度或更少填充的情况下运行模型，测量速度、内存和质量，并比较各次运行。先从内置演示模型开始：第一次运行只需几秒钟。也可以把模型文件夹拖到此窗口。</translation>
    </message>
    <message>
        <source>Run the demo model</source>
        <translation>运行演示模型</translation>
    </message>
    <message>
        <source>Queue a baseline run of the built-in demo model (Ctrl+R runs the experiment panel&apos;s spec)</source>
        <translation>将内置演示模型的基线运行加入队列（Ctrl+R 运行实验面板中的配置）</translation>
    </message>
    <message>
        <source>Open a model folder…</source>
        <translation>打开模型文件夹…</translation>
    </message>
    <message>
        <source>A Hugging Face folder (config.json and model.safetensors) or a TorchScript file (Ctrl+O)</source>
        <translation>Hugging Face 文件夹（config.json 和 model.safetensors）或 TorchScript 文件（Ctrl+O）</translation>
    </message>
    <message>
        <source>Import runs…</source>
        <translation>导入运行…</translation>
    </message>
    <message>
        <source>Add the runs of a bundle made by optibench-cli export --format json (Ctrl+I)</source>
        <translation>添加由 optibench-cli export --format json 生成的运行包中的运行（Ctrl+I）</translation>
    </message>
    <message>
        <source>Next: change one optimization in the Experiment panel (quantization, say) and run it; then select both runs (Ctrl+A) to compare them.</source>
        <translation>下一步：在实验面板中改变一项优化（例如量化）并运行；然后选择这两个运行（Ctrl+A）进行比较。</translation>
    </message>
    <message>
        <source>No run matches the search or the status filter.</source>
        <translation>没有运行符合搜索或状态筛选。</translation>
    </message>
    <message>
        <source>Calibrate noise floor</source>
        <translation>校准噪声底限</translation>
    </message>
    <message>
        <source>Runs the spec of &quot;%1&quot; against itself in interleaved A/A pairs and stores how far the twins land apart on each timed metric.

A/A pairs:</source>
        <translation>将“%1”的规格以交错 A/A 对与自身对比运行,并存储每个计时指标上两次运行相差多远。

A/A 对:</translation>
    </message>
    <message>
        <source>Re-run interleaved against the baseline</source>
        <translation>与基线交错重新运行</translation>
    </message>
    <message>
        <source>Calibrate noise floor…</source>
        <translation>校准噪声底限…</translation>
    </message>
</context>
<context>
    <name>optibench::ui::SeriesCharts</name>
    <message>
        <source>This run has no training or per-layer series. Training runs record loss, step time, memory, learning rate and evaluation accuracy per step; pruned runs their sparsity per layer.</source>
        <translation>此运行没有训练或逐层序列。训练运行会按步记录损失、步时间、内存、学习率和评估准确率；剪枝运行会记录每层稀疏度。</translation>
    </message>
</context>
<context>
    <name>optibench::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>A new language is applied when OptiBench starts next.</source>
        <translation>新语言将在下次启动 OptiBench 时生效。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>optibench::ui::SpecDiffModel</name>
    <message>
        <source>Spec or environment field</source>
        <translation>配置或环境字段</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
</context>
<context>
    <name>optibench::ui::SweepDialog</name>
    <message>
        <source>Interleave the runs in one worker process</source>
        <translation>在一个工作进程中交错运行</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Runs every combination of the values chosen below over the experiment panel&apos;s spec. The first combination is the baseline the others are compared against.</source>
        <translation>基于实验面板的规格运行下方所选取值的每种组合。第一个组合是其他组合所对比的基线。</translation>
    </message>
    <message>
        <source>The runs&apos; timed blocks alternate in one process, so the machine&apos;s drift falls on every run alike; they land together at the end. Unticked, each run is a request of its own and lands as it finishes.</source>
        <translation>各运行的计时块在一个进程中交替进行,使机器的漂移均匀地落在每个运行上;它们在最后一起完成。不勾选时,每个运行是单独的请求,完成即出现。</translation>
    </message>
    <message>
        <source>values, e.g. %1</source>
        <translation>取值,例如 %1</translation>
    </message>
    <message>
        <source>e.g. task.warmup=1,3;optimizations.quantize_embeddings=true,false</source>
        <translation>例如 task.warmup=1,3;optimizations.quantize_embeddings=true,false</translation>
    </message>
    <message>
        <source>Any other spec field, as optibench-cli sweep --grid takes it: key=v1,v2;key2=v3,v4</source>
        <translation>任何其他规格字段,格式同 optibench-cli sweep --grid:key=v1,v2;key2=v3,v4</translation>
    </message>
    <message>
        <source>Other fields:</source>
        <translation>其他字段:</translation>
    </message>
    <message>
        <source>Choose the values of at least one toggle.</source>
        <translation>请至少为一个选项选择取值。</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s); the baseline is %1.</source>
        <translation>
            <numerusform>%n 个运行;基线为 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid combination(s) left out:</source>
        <translation>
            <numerusform>已略过 %n 个无效组合:</numerusform>
        </translation>
    </message>
    <message>
        <source>Interleaved, all %1 models are resident in memory at once.</source>
        <translation>交错运行时,全部 %1 个模型同时驻留内存。</translation>
    </message>
    <message numerus="yes">
        <source>Queue %n run(s)</source>
        <translation>
            <numerusform>将 %n 个运行加入队列</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>optibench::ui::TimelineView</name>
    <message>
        <source>Could not read the trace of run %1: %2</source>
        <translation>无法读取运行 %1 的追踪：%2</translation>
    </message>
    <message>
        <source>Open a run to see its timeline.</source>
        <translation>打开一个运行以查看其时间线。</translation>
    </message>
    <message>
        <source>This run has no trace. Turn on op tracing in the experiment to record one.</source>
        <translation>此运行没有追踪。请在实验中开启算子追踪以记录。</translation>
    </message>
    <message>
        <source>Loading the trace…</source>
        <translation>正在加载追踪…</translation>
    </message>
    <message>
        <source>Could not load the trace: %1</source>
        <translation>无法加载追踪：%1</translation>
    </message>
    <message>
        <source>%1 stream %2</source>
        <translation>%1 流 %2</translation>
    </message>
    <message>
        <source>CPU thread %1</source>
        <translation>CPU 线程 %1</translation>
    </message>
    <message>
        <source>Duration: %1</source>
        <translation>时长：%1</translation>
    </message>
    <message>
        <source>Starts at: %1</source>
        <translation>开始于：%1</translation>
    </message>
    <message>
        <source>Input shapes: %1</source>
        <translation>输入形状：%1</translation>
    </message>
    <message>
        <source>No events in this part of the trace.</source>
        <translation>此追踪片段中没有事件。</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>事件：%1</translation>
    </message>
    <message>
        <source>Busy: %1%</source>
        <translation>繁忙：%1%</translation>
    </message>
    <message>
        <source>Zoom in to see single events.</source>
        <translation>放大以查看单个事件。</translation>
    </message>
    <message>
        <source>Busy time per thread and stream, %1 events; zoom in to see single events.</source>
        <translation>按线程和流显示的繁忙时间，共 %1 个事件；放大以查看单个事件。</translation>
    </message>
</context>
<context>
    <name>optibench::ui::TraceDiffModel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Calls A</source>
        <translation>调用次数 A</translation>
    </message>
    <message>
        <source>Calls B</source>
        <translation>调用次数 B</translation>
    </message>
    <message>
        <source>Time A</source>
        <translation>时间 A</translation>
    </message>
    <message>
        <source>Time B</source>
        <translation>时间 B</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>内核</translation>
    </message>
    <message>
        <source>op</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>same</source>
        <translation>相同</translation>
    </message>
</context>
<context>
    <name>optibench::ui::TraceDiffView</name>
    <message>
        <source>Compare two traced runs to see which ops and kernels changed.</source>
        <translation>比较两个带追踪的运行，查看哪些算子和内核发生了变化。</translation>
    </message>
    <message>
        <source>Diffing the traces of #%1 and #%2…</source>
        <translation>正在比较 #%1 与 #%2 的追踪…</translation>
    </message>
    <message>
        <source>Could not read the traces: %1</source>
        <translation>无法读取追踪：%1</translation>
    </message>
    <message>
        <source>Run #%1 or #%2 has no trace; turn on op tracing to diff them.</source>
        <translation>运行 #%1 或 #%2 没有追踪；请开启算子追踪以进行比较。</translation>
    </message>
    <message numerus="yes">
        <source>A: #%1 (baseline), B: #%2. %n op(s) or kernel(s) added, removed or changed by more than 5 %; green: less time in B.</source>
        <translation>
            <numerusform>A：#%1（基线），B：#%2。%n 个算子或内核新增、移除或变化超过 5%；绿色：B 用时更少。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>optibench::ui::TraceSummaryView</name>
    <message>
        <source>Ops (sort by self or total time)</source>
        <translation>算子（按自身或总时间排序）</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>GPU kernels</source>
        <translation>GPU 内核</translation>
    </message>
    <message>
        <source>No run selected.</source>
        <translation>未选择运行。</translation>
    </message>
    <message>
        <source>Summarising the trace…</source>
        <translation>正在汇总追踪…</translation>
    </message>
    <message>
        <source>Could not read the trace: %1</source>
        <translation>无法读取追踪：%1</translation>
    </message>
    <message>
        <source>This run has no trace. Turn on op tracing in the experiment to record one.</source>
        <translation>此运行没有追踪。请在实验中开启算子追踪以记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) over %1; ops&apos; self time %2.</source>
        <translation>
            <numerusform>%n 个事件，跨度 %1；算子自身时间 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>No GPU kernels in this trace (a CPU run, or kernel tracing was off).</source>
        <translation>此追踪中没有 GPU 内核（CPU 运行，或未开启内核追踪）。</translation>
    </message>
</context>
<context>
    <name>optibench::ui::TraceTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1 纳秒</translation>
    </message>
</context>
<context>
    <name>optibench::ui::TradeoffView</name>
    <message>
        <source>Latency per iteration</source>
        <translation>每次迭代的延迟</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>延迟 (ms)</translation>
    </message>
    <message>
        <source>Cost:</source>
        <translation>成本：</translation>
    </message>
    <message>
        <source>Quality:</source>
        <translation>质量：</translation>
    </message>
    <message>
        <source>No run has both %1 and %2.</source>
        <translation>没有运行同时具有 %1 和 %2。</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>Could not read the latency series: %1</source>
        <translation>无法读取延迟序列：%1</translation>
    </message>
    <message>
        <source>Cost against quality, with 95% intervals (line: Pareto front)</source>
        <translation>成本与质量，含 95% 区间（线：帕累托前沿）</translation>
    </message>
</context>
<context>
    <name>optibench::ui::WorkerClient</name>
    <message>
        <source>killed by signal %1</source>
        <translation>被信号 %1 终止</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>以代码 %1 退出</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>No worker command is configured.</source>
        <translation>未配置工作进程命令。</translation>
    </message>
    <message>
        <source>the worker could not be started: %1</source>
        <translation>无法启动工作进程：%1</translation>
    </message>
    <message>
        <source>the worker process crashed (%1) during stage %2</source>
        <translation>工作进程在阶段 %2 崩溃（%1）</translation>
    </message>
    <message>
        <source>Worker output:</source>
        <translation>工作进程输出：</translation>
    </message>
    <message>
        <source>Could not record the failed run in %1: %2</source>
        <translation>无法在 %1 中记录失败的运行：%2</translation>
    </message>
    <message>
        <source>the worker &quot;%1&quot; speaks protocol version %2, this OptiBench speaks version %3; install the same OptiBench version for both</source>
        <translation>工作进程“%1”使用协议版本 %2,本 OptiBench 使用版本 %3;请在两端安装相同版本的 OptiBench</translation>
    </message>
    <message>
        <source>nothing from the worker for %1 s (no heartbeat): the connection is taken for lost</source>
        <translation>工作进程 %1 秒无任何消息（无心跳）：视为连接丢失</translation>
    </message>
    <message>
        <source>the result from %1</source>
        <translation>来自 %1 的结果</translation>
    </message>
    <message>
        <source>Could not store the result of run %1 from %2 in %3: %4</source>
        <translation>无法将来自 %2 的运行 %1 的结果保存到 %3：%4</translation>
    </message>
    <message>
        <source>the connection to the worker on %1 was lost (%2) during stage %3</source>
        <translation>在阶段 %3 与 %1 上的工作进程的连接丢失（%2）</translation>
    </message>
</context>
<context>
    <name>optibench::ui::WorkerDialog</name>
    <message>
        <source>&amp;This machine (the optibench-cli beside OptiBench)</source>
        <translation>本机(&amp;T)（OptiBench 旁的 optibench-cli）</translation>
    </message>
    <message>
        <source>A &amp;remote host over ssh</source>
        <translation>通过 ssh 的远程主机(&amp;R)</translation>
    </message>
    <message>
        <source>A &amp;command of my own</source>
        <translation>自定义命令(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>e.g. /opt/optibench/bin/optibench-cli worker</source>
        <translation>例如 /opt/optibench/bin/optibench-cli worker</translation>
    </message>
    <message>
        <source>Runs on a remote host come back over the connection into this store; the host needs the same OptiBench version. ssh must log in without a password prompt (a key or an agent), since nobody can type into it.</source>
        <translation>远程主机上的运行会通过连接返回到此存储；该主机需要相同版本的 OptiBench。ssh 必须无需密码提示即可登录（密钥或代理），因为无人可以输入。</translation>
    </message>
    <message>
        <source>gpu-server (a name from ~/.ssh/config works)</source>
        <translation>gpu-server（也可使用 ~/.ssh/config 中的名称）</translation>
    </message>
    <message>
        <source>ssh&apos;s default</source>
        <translation>ssh 默认值</translation>
    </message>
    <message>
        <source>optibench-cli on the host&apos;s PATH</source>
        <translation>主机 PATH 中的 optibench-cli</translation>
    </message>
    <message>
        <source>e.g. -i ~/.ssh/gpu_key -J bastion</source>
        <translation>例如 -i ~/.ssh/gpu_key -J bastion</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>optibench-cli &amp;there:</source>
        <translation>该处的 optibench-cli(&amp;T)：</translation>
    </message>
    <message>
        <source>More ssh &amp;options:</source>
        <translation>更多 ssh 选项(&amp;O)：</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>Connected in %1 s: %2</source>
        <translation>%1 秒内连接成功：%2</translation>
    </message>
    <message>
        <source>The connection did not work (exit %1): %2</source>
        <translation>连接失败（退出码 %1）：%2</translation>
    </message>
    <message>
        <source>Name the remote host, or choose another place for the worker.</source>
        <translation>请填写远程主机，或为工作进程选择其他位置。</translation>
    </message>
    <message>
        <source>Give the command, or choose another place for the worker.</source>
        <translation>请填写命令，或为工作进程选择其他位置。</translation>
    </message>
</context>
</TS>
