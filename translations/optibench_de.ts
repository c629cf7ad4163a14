<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BundleImport</name>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>Import von %1 nicht möglich: %2</translation>
    </message>
    <message>
        <source>Cannot import %1: it is not valid JSON (a bundle comes from optibench-cli export --format json)</source>
        <translation>Import von %1 nicht möglich: kein gültiges JSON (ein Bündel entsteht mit optibench-cli export --format json)</translation>
    </message>
    <message>
        <source>Cannot import the results folder %1: %2</source>
        <translation>Der Ergebnisordner %1 kann nicht importiert werden: %2</translation>
    </message>
</context>
<context>
    <name>ExperimentPanel</name>
    <message>
        <source>Baseline (fp32, CPU)</source>
        <translation>Basislinie (fp32, CPU)</translation>
    </message>
    <message>
        <source>int8 on CPU</source>
        <translation>int8 auf der CPU</translation>
    </message>
    <message>
        <source>bf16 on GPU</source>
        <translation>bf16 auf der GPU</translation>
    </message>
    <message>
        <source>Memory-saving training</source>
        <translation>Speichersparendes Training</translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <source>Latency p50</source>
        <translation>Latenz p50</translation>
    </message>
    <message>
        <source>Latency p90</source>
        <translation>Latenz p90</translation>
    </message>
    <message>
        <source>Latency p99</source>
        <translation>Latenz p99</translation>
    </message>
    <message>
        <source>Latency mean</source>
        <translation>Latenz Mittel</translation>
    </message>
    <message>
        <source>Latency stdev</source>
        <translation>Latenz Std.-Abw.</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>Token throughput</source>
        <translation>Token-Durchsatz</translation>
    </message>
    <message>
        <source>Real tokens</source>
        <translation>Echte Tokens</translation>
    </message>
    <message>
        <source>Padded tokens</source>
        <translation>Aufgefüllte Tokens</translation>
    </message>
    <message>
        <source>Padding ratio</source>
        <translation>Padding-Anteil</translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation>Spitzenspeicher</translation>
    </message>
    <message>
        <source>Model size</source>
        <translation>Modellgröße</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>Sparsität</translation>
    </message>
    <message>
        <source>FLOPs per batch</source>
        <translation>FLOPs pro Batch</translation>
    </message>
    <message>
        <source>Achieved FLOP/s</source>
        <translation>Erreichte FLOP/s</translation>
    </message>
    <message>
        <source>Fraction of peak</source>
        <translation>Anteil am Spitzenwert</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Agreement with fp32</source>
        <translation>Übereinstimmung mit fp32</translation>
    </message>
    <message>
        <source>KL divergence</source>
        <translation>KL-Divergenz</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>Tracing overhead</source>
        <translation>Tracing-Mehraufwand</translation>
    </message>
    <message>
        <source>Parameters before</source>
        <translation>Parameter vorher</translation>
    </message>
    <message>
        <source>Model size before</source>
        <translation>Modellgröße vorher</translation>
    </message>
    <message>
        <source>Saved model size</source>
        <translation>Größe des gespeicherten Modells</translation>
    </message>
    <message>
        <source>Pruned heads</source>
        <translation>Entfernte Attention-Köpfe</translation>
    </message>
    <message>
        <source>Pruned neurons</source>
        <translation>Entfernte Neuronen</translation>
    </message>
    <message>
        <source>Sparse kernel</source>
        <translation>Sparse-Kernel</translation>
    </message>
    <message>
        <source>Final training loss</source>
        <translation>Trainingsverlust am Ende</translation>
    </message>
    <message>
        <source>Evaluation loss</source>
        <translation>Evaluierungsverlust</translation>
    </message>
    <message>
        <source>Step time mean</source>
        <translation>Schrittzeit (Mittel)</translation>
    </message>
    <message>
        <source>Training throughput</source>
        <translation>Trainingsdurchsatz</translation>
    </message>
    <message>
        <source>Training tokens</source>
        <translation>Trainings-Tokens</translation>
    </message>
    <message>
        <source>Optimizer steps</source>
        <translation>Optimiererschritte</translation>
    </message>
    <message>
        <source>Trainable parameters</source>
        <translation>Trainierbare Parameter</translation>
    </message>
    <message>
        <source>Teacher accuracy</source>
        <translation>Genauigkeit des Lehrers</translation>
    </message>
    <message>
        <source>Teacher parameters</source>
        <translation>Parameter des Lehrers</translation>
    </message>
    <message>
        <source>Teacher model size</source>
        <translation>Modellgröße des Lehrers</translation>
    </message>
    <message>
        <source>Teacher latency</source>
        <translation>Latenz des Lehrers</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Latency max</source>
        <translation>Latenz max.</translation>
    </message>
    <message>
        <source>Timed iterations</source>
        <translation>Gemessene Iterationen</translation>
    </message>
    <message>
        <source>Timed blocks</source>
        <translation>Gemessene Blöcke</translation>
    </message>
    <message>
        <source>Noisy blocks</source>
        <translation>Gestörte Blöcke</translation>
    </message>
    <message>
        <source>Peak probe: other processes</source>
        <translation>Spitzenmessung: andere Prozesse</translation>
    </message>
    <message>
        <source>Peak probe ran beside other work</source>
        <translation>Spitzenmessung lief neben anderer Arbeit</translation>
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
        <translation>Zeit bis zum ersten Token</translation>
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
        <translation>Latenz zwischen Tokens</translation>
    </message>
    <message>
        <source>Inter-token p50</source>
        <translation>Zwischen-Token p50</translation>
    </message>
    <message>
        <source>Inter-token p90</source>
        <translation>Zwischen-Token p90</translation>
    </message>
    <message>
        <source>Inter-token p99</source>
        <translation>Zwischen-Token p99</translation>
    </message>
    <message>
        <source>Inter-token stdev</source>
        <translation>Zwischen-Token Standardabweichung</translation>
    </message>
    <message>
        <source>Decode throughput</source>
        <translation>Decode-Durchsatz</translation>
    </message>
    <message>
        <source>Prefill throughput</source>
        <translation>Prefill-Durchsatz</translation>
    </message>
    <message>
        <source>Generation latency</source>
        <translation>Generierungslatenz</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>Prompt-Tokens</translation>
    </message>
    <message>
        <source>New tokens</source>
        <translation>Neue Tokens</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV-Cache</translation>
    </message>
    <message>
        <source>Bytes read per decoding step</source>
        <translation>Gelesene Bytes je Decode-Schritt</translation>
    </message>
    <message>
        <source>Memory bandwidth</source>
        <translation>Speicherbandbreite</translation>
    </message>
    <message>
        <source>Bandwidth bound</source>
        <translation>Bandbreitengrenze</translation>
    </message>
    <message>
        <source>Fraction of bandwidth bound</source>
        <translation>Anteil an der Bandbreitengrenze</translation>
    </message>
    <message>
        <source>Bandwidth probe ran beside other work</source>
        <translation>Bandbreitenmessung lief neben anderer Arbeit</translation>
    </message>
    <message>
        <source>Prefill FLOPs</source>
        <translation>Prefill-FLOPs</translation>
    </message>
    <message>
        <source>Prefill FLOP/s</source>
        <translation>Prefill-FLOP/s</translation>
    </message>
    <message>
        <source>Prefill fraction of peak</source>
        <translation>Prefill-Anteil am Spitzenwert</translation>
    </message>
    <message>
        <source>GEMM peak</source>
        <translation>GEMM-Spitzenwert</translation>
    </message>
    <message>
        <source>Greedy tokens as fp32</source>
        <translation>Greedy-Tokens wie fp32</translation>
    </message>
</context>
<context>
    <name>ModelInfo</name>
    <message>
        <source>%1 is not a model: a Hugging Face model folder holds config.json and model.safetensors</source>
        <translation>%1 ist kein Modell: Ein Hugging-Face-Modellordner enthält config.json und model.safetensors</translation>
    </message>
    <message>
        <source>The config.json in %1 cannot be read: %2</source>
        <translation>Die config.json in %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a valid safetensors file</source>
        <translation>%1 ist keine gültige safetensors-Datei</translation>
    </message>
    <message>
        <source>%1 holds only pickle weights (pytorch_model.bin), which are refused because unpickling can run code; save the model with safe_serialization=True</source>
        <translation>%1 enthält nur Pickle-Gewichte (pytorch_model.bin); sie werden abgelehnt, weil Entpickeln Code ausführen kann. Speichern Sie das Modell mit safe_serialization=True</translation>
    </message>
    <message>
        <source>%1 has a config.json but no model.safetensors</source>
        <translation>%1 hat eine config.json, aber keine model.safetensors</translation>
    </message>
    <message>
        <source>WordPiece (vocab.txt)</source>
        <translation>WordPiece (vocab.txt)</translation>
    </message>
    <message>
        <source>byte-level BPE (vocab.json, merges.txt)</source>
        <translation>Byte-Level-BPE (vocab.json, merges.txt)</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>keiner gefunden</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <source>TorchScript module</source>
        <translation>TorchScript-Modul</translation>
    </message>
    <message>
        <source>%1 is not a model: open a Hugging Face model folder (config.json and model.safetensors), a TorchScript file, or the demo</source>
        <translation>%1 ist kein Modell: Öffnen Sie einen Hugging-Face-Modellordner (config.json und model.safetensors), eine TorchScript-Datei oder das Demo-Modell</translation>
    </message>
    <message>
        <source>whole words (built in, %1 tokens)</source>
        <translation>ganze Wörter (eingebaut, %1 Tokens)</translation>
    </message>
    <message>
        <source>%1 is no built-in model: the demos are demo:tiny-bert and demo:tiny-llama (and their -untrained variants)</source>
        <translation>%1 ist kein eingebautes Modell: die Demos sind demo:tiny-bert und demo:tiny-llama (und ihre -untrained-Varianten)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Unknown image format &quot;%1&quot;: use .png, .jpg, .pdf, .svg or .csv</source>
        <translation>Unbekanntes Bildformat „%1“: .png, .jpg, .pdf, .svg oder .csv verwenden</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <source>Export data as CSV…</source>
        <translation>Daten als CSV exportieren…</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>Diagrammdaten exportieren</translation>
    </message>
    <message>
        <source>CSV data (*.csv)</source>
        <translation>CSV-Daten (*.csv)</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>kernel tracing needs a CUDA device (device is %1)</source>
        <translation>Kernel-Tracing braucht ein CUDA-Gerät (Gerät ist %1)</translation>
    </message>
    <message>
        <source>%1 needs a CUDA device (device is %2); use fp32, bf16 or amp-bf16 on the CPU</source>
        <translation>%1 braucht ein CUDA-Gerät (Gerät ist %2); auf der CPU fp32, bf16 oder amp-bf16 verwenden</translation>
    </message>
    <message>
        <source>%1 runs on the CPU only in this version</source>
        <translation>%1 läuft in dieser Version nur auf der CPU</translation>
    </message>
    <message>
        <source>%1 computes the rest of the model in fp32; set precision fp32</source>
        <translation>%1 rechnet den Rest des Modells in fp32; Präzision fp32 wählen</translation>
    </message>
    <message>
        <source>%1 changes nothing with precision %2; the weights already have that type</source>
        <translation>%1 ändert mit Präzision %2 nichts; die Gewichte haben diesen Typ schon</translation>
    </message>
    <message>
        <source>%1 replaces the Linears that %2 runs in autocast; combine %2 with quantization none</source>
        <translation>%1 ersetzt die Linear-Schichten, die %2 im Autocast ausführt; kombinieren Sie %2 mit der Quantisierung none</translation>
    </message>
    <message>
        <source>%1 is post-training quantization; training accepts none or qat</source>
        <translation>%1 ist eine Quantisierung nach dem Training; beim Training sind nur none oder qat möglich</translation>
    </message>
    <message>
        <source>int8 embedding tables go with quantization dynamic-int8 or weight-int8 (quantization is %1)</source>
        <translation>int8-Einbettungstabellen gehen nur mit der Quantisierung dynamic-int8 oder weight-int8 (Quantisierung ist %1)</translation>
    </message>
    <message>
        <source>%1 is not a training precision (fp32, amp-bf16 or amp-fp16: autocast with fp32 master weights)</source>
        <translation>%1 ist keine Trainingspräzision (fp32, amp-bf16 oder amp-fp16: Autocast mit fp32-Mastergewichten)</translation>
    </message>
    <message>
        <source>gradient checkpointing acts on training only; the mode is inference</source>
        <translation>Gradient-Checkpointing wirkt nur beim Training; der Modus ist Inferenz</translation>
    </message>
    <message>
        <source>gradient accumulation acts on training only; the mode is inference</source>
        <translation>Gradientenakkumulation wirkt nur beim Training; der Modus ist Inferenz</translation>
    </message>
    <message>
        <source>freezing embeddings acts on training only; the mode is inference</source>
        <translation>Eingefrorene Embeddings wirken nur beim Training; der Modus ist Inferenz</translation>
    </message>
    <message>
        <source>cross-layer sharing acts on training only; the mode is inference</source>
        <translation>Schichtübergreifendes Teilen wirkt nur beim Training; der Modus ist Inferenz</translation>
    </message>
    <message>
        <source>distillation acts on training only; the mode is inference</source>
        <translation>Destillation wirkt nur beim Training; der Modus ist Inferenz</translation>
    </message>
    <message>
        <source>distillation needs a teacher model path</source>
        <translation>Destillation braucht den Pfad eines Lehrermodells</translation>
    </message>
    <message>
        <source>saving a trained model needs the mode training</source>
        <translation>Ein trainiertes Modell zu speichern braucht den Modus Training</translation>
    </message>
    <message>
        <source>neurons pruning leaves each layer its own FFN width, which a Hugging Face config.json cannot describe (it has one intermediate_size); prune heads or magnitude to save</source>
        <translation>Pruning von Neuronen lässt jeder Schicht ihre eigene FFN-Breite, die eine Hugging-Face-config.json nicht beschreiben kann (sie hat eine intermediate_size); zum Speichern Köpfe oder nach Betrag prunen</translation>
    </message>
    <message>
        <source>an amount needs a pruning method (method is none)</source>
        <translation>Ein Anteil braucht eine Pruning-Methode (Methode ist none)</translation>
    </message>
    <message>
        <source>2:4 sparsity removes exactly half: amount must be 0.5</source>
        <translation>2:4-Sparsität entfernt genau die Hälfte: der Anteil muss 0,5 sein</translation>
    </message>
    <message>
        <source>%1 pruning needs an amount between 0 and 1</source>
        <translation>Pruning nach %1 braucht einen Anteil zwischen 0 und 1</translation>
    </message>
    <message>
        <source>scope per layer applies to magnitude pruning only</source>
        <translation>Der Bereich „pro Schicht“ gilt nur für Pruning nach Betrag</translation>
    </message>
    <message>
        <source>applies to magnitude and 2:4 pruning only (method is %1)</source>
        <translation>gilt nur für Pruning nach Betrag und 2:4 (Methode ist %1)</translation>
    </message>
    <message>
        <source>evaluating every %1 steps needs at least %1 training steps (steps is %2)</source>
        <translation>alle %1 Schritte auszuwerten braucht mindestens %1 Trainingsschritte (Schritte: %2)</translation>
    </message>
</context>
<context>
    <name>SeriesCharts</name>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>optimizer step</source>
        <translation>Optimiererschritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Evaluation accuracy</source>
        <translation>Evaluierungsgenauigkeit</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Step time</source>
        <translation>Schrittzeit</translation>
    </message>
    <message>
        <source>time (ms)</source>
        <translation>Zeit (ms)</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>memory (MiB)</source>
        <translation>Speicher (MiB)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Loss scale</source>
        <translation>Verlustskalierung</translation>
    </message>
    <message>
        <source>loss scale</source>
        <translation>Verlustskalierung</translation>
    </message>
    <message>
        <source>Sparsity per layer</source>
        <translation>Sparsität pro Schicht</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>weights removed (%)</source>
        <translation>entfernte Gewichte (%)</translation>
    </message>
</context>
<context>
    <name>SpecText</name>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>inference</source>
        <translation>Inferenz</translation>
    </message>
    <message>
        <source>training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>magnitude</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>attention heads</source>
        <translation>Attention-Köpfe</translation>
    </message>
    <message>
        <source>feed-forward neurons</source>
        <translation>Feed-Forward-Neuronen</translation>
    </message>
    <message>
        <source>2:4 sparsity</source>
        <translation>2:4-Sparsität</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>fest</translation>
    </message>
    <message>
        <source>dynamic</source>
        <translation>dynamisch</translation>
    </message>
    <message>
        <source>bucketed</source>
        <translation>nach Länge gruppiert</translation>
    </message>
    <message>
        <source>2:4 sparse</source>
        <translation>2:4-sparse</translation>
    </message>
    <message>
        <source>%1 pruned %2 per layer</source>
        <translation>%1 beschnitten, %2 pro Schicht</translation>
    </message>
    <message>
        <source>%1 pruned %2</source>
        <translation>%1 beschnitten, %2</translation>
    </message>
    <message>
        <source>%1 padding</source>
        <translation>Padding %1</translation>
    </message>
    <message>
        <source>checkpointing</source>
        <translation>Checkpointing</translation>
    </message>
    <message>
        <source>checkpoint every %1</source>
        <translation>Checkpoint jede %1. Schicht</translation>
    </message>
    <message>
        <source>grad accumulation %1</source>
        <translation>Gradientenakkumulation %1</translation>
    </message>
    <message>
        <source>frozen embeddings</source>
        <translation>eingefrorene Embeddings</translation>
    </message>
    <message>
        <source>all layers shared</source>
        <translation>alle Schichten geteilt</translation>
    </message>
    <message>
        <source>layers shared by %1</source>
        <translation>je %1 Schichten geteilt</translation>
    </message>
    <message>
        <source>distilled to %1 layers</source>
        <translation>auf %1 Schichten destilliert</translation>
    </message>
    <message>
        <source>distilled</source>
        <translation>destilliert</translation>
    </message>
    <message>
        <source>fp32 baseline</source>
        <translation>fp32-Basislinie</translation>
    </message>
    <message>
        <source>int8 embeddings</source>
        <translation>int8-Einbettungen</translation>
    </message>
    <message>
        <source>generation</source>
        <translation>Generierung</translation>
    </message>
</context>
<context>
    <name>StoreOpener</name>
    <message>
        <source>OptiBench run stores (*.sqlite *.db);;All files (*)</source>
        <translation>OptiBench-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>It was written by a newer OptiBench (store schema %1; this version reads up to %2). Open it with that version, or export its runs there and import them here.</source>
        <translation>Sie wurde von einem neueren OptiBench geschrieben (Schema %1; diese Version liest bis %2). Öffnen Sie sie mit jener Version, oder exportieren Sie die Läufe dort und importieren Sie sie hier.</translation>
    </message>
    <message>
        <source>OptiBench</source>
        <translation>OptiBench</translation>
    </message>
    <message>
        <source>The run store %1 is from a newer OptiBench.</source>
        <translation>Die Datenbank %1 stammt von einem neueren OptiBench.</translation>
    </message>
    <message>
        <source>The run store %1 cannot be opened.</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The file is left as it is. Open another store, create a new one, or quit.</source>
        <translation>Die Datei bleibt unverändert. Öffnen Sie eine andere Datenbank, legen Sie eine neue an, oder beenden Sie.</translation>
    </message>
    <message>
        <source>Open another store…</source>
        <translation>Andere Datenbank öffnen…</translation>
    </message>
    <message>
        <source>Create a new store…</source>
        <translation>Neue Datenbank anlegen…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Open a run store</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <source>Create a run store</source>
        <translation>Datenbank anlegen</translation>
    </message>
</context>
<context>
    <name>SweepPlan</name>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>Pruning</source>
        <translation>Pruning</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>Padding</translation>
    </message>
    <message>
        <source>Pruning amount</source>
        <translation>Pruning-Anteil</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>Maximallänge</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
</context>
<context>
    <name>Techniques</name>
    <message>
        <source>Full 32-bit floats: the reference for speed and quality.</source>
        <translation>Volle 32-Bit-Gleitkommazahlen: die Referenz für Geschwindigkeit und Qualität.</translation>
    </message>
    <message>
        <source>TensorFloat-32 matmuls on Ampere GPUs: faster, about 3 decimal digits of mantissa.</source>
        <translation>TensorFloat-32-Matrixprodukte auf Ampere-GPUs: schneller, etwa 3 Dezimalstellen Mantisse.</translation>
    </message>
    <message>
        <source>Everything in 16-bit floats: half the memory, fast on GPUs, may overflow without care.</source>
        <translation>Alles in 16-Bit-Gleitkomma: halber Speicher, schnell auf GPUs, kann ohne Vorsicht überlaufen.</translation>
    </message>
    <message>
        <source>Everything in bfloat16: half the memory, fp32&apos;s range, about 1e-2 relative error.</source>
        <translation>Alles in bfloat16: halber Speicher, Wertebereich von fp32, etwa 1e-2 relativer Fehler.</translation>
    </message>
    <message>
        <source>Mixed precision: matmuls in fp16, sensitive ops in fp32; usually quality-neutral.</source>
        <translation>Gemischte Genauigkeit: Matrixprodukte in fp16, empfindliche Operationen in fp32; meist ohne Qualitätsverlust.</translation>
    </message>
    <message>
        <source>Mixed precision with bfloat16: no loss scaling needed; usually quality-neutral.</source>
        <translation>Gemischte Genauigkeit mit bfloat16: keine Loss-Skalierung nötig; meist ohne Qualitätsverlust.</translation>
    </message>
    <message>
        <source>Leave this technique off.</source>
        <translation>Diese Technik nicht verwenden.</translation>
    </message>
    <message>
        <source>Linear layers in int8 with activations quantized on the fly: 2-4x faster on CPU, small accuracy loss.</source>
        <translation>Lineare Schichten in int8, Aktivierungen zur Laufzeit quantisiert: 2- bis 4-mal schneller auf der CPU, geringer Genauigkeitsverlust.</translation>
    </message>
    <message>
        <source>Weights stored in int8 and dequantized per use: 4x smaller model, little speed gain.</source>
        <translation>Gewichte in int8 gespeichert und bei Gebrauch dequantisiert: 4-mal kleineres Modell, kaum schneller.</translation>
    </message>
    <message>
        <source>Weights stored in fp16: half the model size, compute stays in fp32.</source>
        <translation>Gewichte in fp16 gespeichert: halbe Modellgröße, gerechnet wird weiter in fp32.</translation>
    </message>
    <message>
        <source>Weights stored in bfloat16: half the model size, compute stays in fp32.</source>
        <translation>Gewichte in bfloat16 gespeichert: halbe Modellgröße, gerechnet wird weiter in fp32.</translation>
    </message>
    <message>
        <source>Quantization-aware training: fake-quantizes during training so int8 loses less accuracy.</source>
        <translation>Quantisierungsbewusstes Training: simuliert die Quantisierung beim Training, damit int8 weniger Genauigkeit verliert.</translation>
    </message>
    <message>
        <source>Zeroes the smallest weights: smaller when compressed, faster only with sparse kernels.</source>
        <translation>Setzt die kleinsten Gewichte auf null: komprimiert kleiner, schneller nur mit Sparse-Kernels.</translation>
    </message>
    <message>
        <source>Removes whole attention heads: really faster, costs accuracy beyond about 30%.</source>
        <translation>Entfernt ganze Attention-Köpfe: wirklich schneller, kostet ab etwa 30 % Genauigkeit.</translation>
    </message>
    <message>
        <source>Removes feed-forward neurons: really faster and smaller, costs accuracy as it grows.</source>
        <translation>Entfernt Feed-Forward-Neuronen: wirklich schneller und kleiner, kostet mit wachsendem Anteil Genauigkeit.</translation>
    </message>
    <message>
        <source>Two of every four weights zero: structured sparsity that sparse tensor cores accelerate.</source>
        <translation>Zwei von je vier Gewichten null: strukturierte Sparsität, die Sparse-Tensor-Cores beschleunigen.</translation>
    </message>
    <message>
        <source>Pads every batch to the maximum length: simple, wastes compute on padding.</source>
        <translation>Füllt jeden Batch auf die Maximallänge auf: einfach, verschwendet Rechenzeit auf Padding.</translation>
    </message>
    <message>
        <source>Pads each batch to its longest sequence: less waste, shapes vary.</source>
        <translation>Füllt jeden Batch auf seine längste Sequenz auf: weniger Verschwendung, wechselnde Formen.</translation>
    </message>
    <message>
        <source>Groups sequences of similar length into batches: least padding, order changes.</source>
        <translation>Gruppiert Sequenzen ähnlicher Länge in Batches: am wenigsten Padding, andere Reihenfolge.</translation>
    </message>
    <message>
        <source>Times forward passes on the evaluation split.</source>
        <translation>Misst Vorwärtsdurchläufe auf dem Evaluationsteil.</translation>
    </message>
    <message>
        <source>Runs optimizer steps on the training split and measures loss, time and memory.</source>
        <translation>Führt Optimierungsschritte auf dem Trainingsteil aus und misst Loss, Zeit und Speicher.</translation>
    </message>
    <message>
        <source>Weights in 4 bits, a scale per 32 inputs: about 7x smaller, faster token by token on CPU, some quality loss.</source>
        <translation>Gewichte in 4 Bit, eine Skala je 32 Eingänge: etwa 7x kleiner, Token für Token schneller auf der CPU, etwas Qualitätsverlust.</translation>
    </message>
    <message>
        <source>Weights in 4 bits, a scale per 128 inputs: about 7.5x smaller, a little more quality loss than groups of 32.</source>
        <translation>Gewichte in 4 Bit, eine Skala je 128 Eingänge: etwa 7,5x kleiner, etwas mehr Qualitätsverlust als Gruppen von 32.</translation>
    </message>
    <message>
        <source>A decoder continues prompts token by token: time to first token, inter-token latency, decode tokens/s against the memory-bandwidth bound.</source>
        <translation>Ein Decoder setzt Prompts Token für Token fort: Zeit bis zum ersten Token, Latenz zwischen Tokens, Decode-Tokens/s gegenüber der Speicherbandbreitengrenze.</translation>
    </message>
</context>
<context>
    <name>TokenLatency</name>
    <message>
        <source>decode, each generation</source>
        <translation>Decode, jede Generierung</translation>
    </message>
    <message>
        <source>decode, mean per token</source>
        <translation>Decode, Mittel je Token</translation>
    </message>
    <message>
        <source>first token (prefill)</source>
        <translation>erstes Token (Prefill)</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ComparisonModel</name>
    <message>
        <source>Metric</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (Basislinie)</translation>
    </message>
    <message>
        <source>better</source>
        <translation>besser</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>schlechter</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>keine Änderung</translation>
    </message>
    <message>
        <source>inconclusive</source>
        <translation>nicht entscheidbar</translation>
    </message>
    <message>
        <source>not comparable</source>
        <translation>nicht vergleichbar</translation>
    </message>
    <message>
        <source>#%1: %2 of %3 blocks ran beside other work (%4).</source>
        <translation>#%1: %2 von %3 Blöcken liefen neben anderer Arbeit (%4).</translation>
    </message>
    <message>
        <source>Not comparable: #%1 ran on another machine or with other settings than the baseline (%2); its timing verdicts are withheld.</source>
        <translation>Nicht vergleichbar: #%1 lief auf einer anderen Maschine oder mit anderen Einstellungen als die Basislinie (%2); seine Zeiturteile entfallen.</translation>
    </message>
    <message>
        <source>Warning: #%1&apos;s environment differs from the baseline&apos;s: %2.</source>
        <translation>Warnung: Die Umgebung von #%1 weicht von der der Basislinie ab: %2.</translation>
    </message>
    <message>
        <source>, 95% interval %1 to %2</source>
        <translation>, 95-%-Intervall %1 bis %2</translation>
    </message>
    <message>
        <source> — too few iterations for this percentile, so this is the slowest one</source>
        <translation> — zu wenige Iterationen für dieses Perzentil, daher ist dies die langsamste</translation>
    </message>
    <message>
        <source>Against the baseline #%1: %2</source>
        <translation>Gegen die Basislinie #%1: %2</translation>
    </message>
    <message>
        <source> (a change within %1 is no change)</source>
        <translation> (eine Änderung innerhalb von %1 gilt als keine Änderung)</translation>
    </message>
    <message>
        <source>The runs ran on other machines or with other settings (see What differs).</source>
        <translation>Die Läufe liefen auf anderen Maschinen oder mit anderen Einstellungen (siehe Unterschiede).</translation>
    </message>
    <message numerus="yes">
        <source>A change under %1 cannot be told from noise here; about %n more block(s) would decide.</source>
        <translation>
            <numerusform>Eine Änderung unter %1 ist hier nicht von Rauschen zu unterscheiden; etwa %n weiterer Block würde entscheiden.</numerusform>
            <numerusform>Eine Änderung unter %1 ist hier nicht von Rauschen zu unterscheiden; etwa %n weitere Blöcke würden entscheiden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This machine and model&apos;s noise floor (calibrate, %n A/A pair(s)) raises the threshold: %1.</source>
        <translation>
            <numerusform>Das Grundrauschen dieser Maschine und dieses Modells (calibrate, %n A/A-Paar) hebt die Schwelle an: %1.</numerusform>
            <numerusform>Das Grundrauschen dieser Maschine und dieses Modells (calibrate, %n A/A-Paare) hebt die Schwelle an: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source> (a change within %1, this machine and model&apos;s noise floor, is no change)</source>
        <translation> (eine Änderung innerhalb von %1, dem Grundrauschen dieser Maschine und dieses Modells, gilt als keine Änderung)</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ComparisonView</name>
    <message>
        <source>Changes are shown relative to this run</source>
        <translation>Änderungen werden relativ zu diesem Lauf gezeigt</translation>
    </message>
    <message>
        <source>Baseline:</source>
        <translation>Basislinie:</translation>
    </message>
    <message>
        <source>&lt;b&gt;What differs&lt;/b&gt;</source>
        <translation>&lt;b&gt;Was sich unterscheidet&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Could not read the runs to compare: %1</source>
        <translation>Die zu vergleichenden Läufe konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s); %1 spec or environment field(s) differ.</source>
        <translation>
            <numerusform>%n Lauf; %1 Spezifikations- oder Umgebungsfeld(er) unterscheiden sich.</numerusform>
            <numerusform>%n Läufe; %1 Spezifikations- oder Umgebungsfeld(er) unterscheiden sich.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a metric to chart it</source>
        <translation>Wählen Sie eine Messgröße für das Diagramm</translation>
    </message>
    <message>
        <source>#%1
%2</source>
        <translation>#%1
%2</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (Basislinie)</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>niedriger ist besser</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>höher ist besser</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Selected metric</source>
        <translation>Gewählte Messgröße</translation>
    </message>
    <message>
        <source>Cost and quality</source>
        <translation>Kosten und Qualität</translation>
    </message>
    <message>
        <source>Trace diff</source>
        <translation>Trace-Vergleich</translation>
    </message>
    <message>
        <source>Nothing to compare yet</source>
        <translation>Noch nichts zu vergleichen</translation>
    </message>
    <message>
        <source>Select two or more runs in the Runs table (Ctrl+1): Shift or Ctrl and a click, or Ctrl+A for all. The comparison follows the selection; the baseline is the run you chose with &quot;Use as baseline&quot;, else the first.</source>
        <translation>Wählen Sie zwei oder mehr Läufe in der Lauftabelle (Strg+1): Umschalt oder Strg und ein Klick, oder Strg+A für alle. Der Vergleich folgt der Auswahl; die Basislinie ist der mit „Als Basislinie verwenden“ gewählte Lauf, sonst der erste.</translation>
    </message>
    <message>
        <source>A metric whose whole 95% interval lies within this share of the baseline&apos;s value shows &quot;no change&quot;; one whose interval lies beyond it, &quot;better&quot; or &quot;worse&quot;; anything else is inconclusive</source>
        <translation>Eine Messgröße, deren ganzes 95-%-Intervall innerhalb dieses Anteils vom Wert der Basislinie liegt, zeigt „keine Änderung“; liegt das Intervall jenseits davon, „besser“ oder „schlechter“; alles andere ist nicht entscheidbar</translation>
    </message>
    <message>
        <source>No change within:</source>
        <translation>Keine Änderung innerhalb:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Metrics&lt;/b&gt; with their 95% intervals; against the baseline, the ratio and its verdict: &lt;span style=&apos;color:#1b7a2e&apos;&gt;better&lt;/span&gt;, &lt;span style=&apos;color:#b3261e&apos;&gt;worse&lt;/span&gt;, &lt;span style=&apos;color:#6b6b6b&apos;&gt;no change&lt;/span&gt; or &lt;span style=&apos;color:#a86400&apos;&gt;inconclusive&lt;/span&gt;</source>
        <translation>&lt;b&gt;Messgrößen&lt;/b&gt; mit ihren 95-%-Intervallen; gegen die Basislinie das Verhältnis und sein Urteil: &lt;span style=&apos;color:#1b7a2e&apos;&gt;besser&lt;/span&gt;, &lt;span style=&apos;color:#b3261e&apos;&gt;schlechter&lt;/span&gt;, &lt;span style=&apos;color:#6b6b6b&apos;&gt;keine Änderung&lt;/span&gt; oder &lt;span style=&apos;color:#a86400&apos;&gt;nicht entscheidbar&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Could not read the noise floors: %1</source>
        <translation>Das Grundrauschen konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source> (whiskers: 95% interval)</source>
        <translation> (Fehlerbalken: 95-%-Intervall)</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), one row each (or one per group); %1 spec field(s) differ.</source>
        <translation>
            <numerusform>%n Lauf, eine Zeile je Lauf (oder je Gruppe); %1 Spec-Feld(er) unterscheiden sich.</numerusform>
            <numerusform>%n Läufe, eine Zeile je Lauf (oder je Gruppe); %1 Spec-Feld(er) unterscheiden sich.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to re-run: the selected runs or the baseline have no stored spec.</source>
        <translation>Nichts zu wiederholen: Die gewählten Läufe oder die Baseline haben keine gespeicherte Spec.</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ExperimentPanel</name>
    <message>
        <source>Load a preset: a complete spec to start from</source>
        <translation>Eine Vorlage laden: eine vollständige Spezifikation als Ausgangspunkt</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save the current settings as your own preset</source>
        <translation>Die aktuellen Einstellungen als eigene Vorlage speichern</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected preset of your own</source>
        <translation>Die gewählte eigene Vorlage löschen</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>described by its optimizations</source>
        <translation>nach seinen Optimierungen benannt</translation>
    </message>
    <message>
        <source>A name for the run; left empty, the run is named after what it changes</source>
        <translation>Ein Name für den Lauf; leer gelassen, wird er nach seinen Änderungen benannt</translation>
    </message>
    <message>
        <source>Run name:</source>
        <translation>Laufname:</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Inference times forward passes; training times optimizer steps</source>
        <translation>Inferenz misst Vorwärtsdurchläufe, Training misst Optimierungsschritte</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <source>&quot;demo:reviews&quot; (built in) or a JSON-lines file with text and label</source>
        <translation>„demo:reviews“ (eingebaut) oder eine JSON-Lines-Datei mit Text und Label</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <source>Sequences per batch: larger batches raise throughput and memory</source>
        <translation>Sequenzen pro Batch: größere Batches erhöhen Durchsatz und Speicherbedarf</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Longest sequence in tokens; longer inputs are truncated</source>
        <translation>Längste Sequenz in Tokens; längere Eingaben werden gekürzt</translation>
    </message>
    <message>
        <source>Max length:</source>
        <translation>Maximallänge:</translation>
    </message>
    <message>
        <source>Untimed iterations first, so caches and allocators settle</source>
        <translation>Zuerst ungemessene Iterationen, damit Caches und Allokatoren sich einpendeln</translation>
    </message>
    <message>
        <source>Warm-up:</source>
        <translation>Aufwärmen:</translation>
    </message>
    <message>
        <source>Iterations:</source>
        <translation>Iterationen:</translation>
    </message>
    <message>
        <source>Optimizer steps of a training run</source>
        <translation>Optimierungsschritte eines Trainingslaufs</translation>
    </message>
    <message>
        <source>Training steps:</source>
        <translation>Trainingsschritte:</translation>
    </message>
    <message>
        <source>Optimizations</source>
        <translation>Optimierungen</translation>
    </message>
    <message>
        <source>Number format of weights and activations: lower precision is faster and smaller, slightly less exact</source>
        <translation>Zahlenformat von Gewichten und Aktivierungen: geringere Genauigkeit ist schneller und kleiner, etwas weniger exakt</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Genauigkeit:</translation>
    </message>
    <message>
        <source>Stores weights (and maybe activations) in fewer bits: smaller and often faster, costs some accuracy</source>
        <translation>Speichert Gewichte (und evtl. Aktivierungen) mit weniger Bits: kleiner und oft schneller, kostet etwas Genauigkeit</translation>
    </message>
    <message>
        <source>Quantization:</source>
        <translation>Quantisierung:</translation>
    </message>
    <message>
        <source>Removes weights, heads or neurons: smaller models; speed depends on the structure removed</source>
        <translation>Entfernt Gewichte, Köpfe oder Neuronen: kleinere Modelle; die Geschwindigkeit hängt von der entfernten Struktur ab</translation>
    </message>
    <message>
        <source>Pruning:</source>
        <translation>Pruning:</translation>
    </message>
    <message>
        <source>Fraction removed: accuracy usually holds up to about 0.3-0.5, then drops</source>
        <translation>Entfernter Anteil: die Genauigkeit hält meist bis etwa 0,3–0,5, dann fällt sie</translation>
    </message>
    <message>
        <source>Pruning amount:</source>
        <translation>Pruning-Anteil:</translation>
    </message>
    <message>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <source>per layer</source>
        <translation>pro Schicht</translation>
    </message>
    <message>
        <source>Global ranks all weights together (usually better); per layer prunes each layer equally</source>
        <translation>Global ordnet alle Gewichte gemeinsam (meist besser); pro Schicht entfernt in jeder Schicht gleich viel</translation>
    </message>
    <message>
        <source>Pruning scope:</source>
        <translation>Pruning-Bereich:</translation>
    </message>
    <message>
        <source>How batches are padded: less padding means less wasted compute</source>
        <translation>Wie Batches aufgefüllt werden: weniger Padding heißt weniger verschwendete Rechenzeit</translation>
    </message>
    <message>
        <source>Padding:</source>
        <translation>Padding:</translation>
    </message>
    <message>
        <source>Gradient checkpointing: recomputes activations of every k-th layer in the backward pass; saves memory, costs about 30% time (0: off)</source>
        <translation>Gradient-Checkpointing: berechnet die Aktivierungen jeder k-ten Schicht im Rückwärtsdurchlauf neu; spart Speicher, kostet etwa 30 % Zeit (0: aus)</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Checkpointing every:</source>
        <translation>Checkpointing alle:</translation>
    </message>
    <message>
        <source>Gradient accumulation: sums gradients over N micro-batches; a large effective batch in little memory, no speed gain</source>
        <translation>Gradientenakkumulation: summiert Gradienten über N Mikro-Batches; großer effektiver Batch bei wenig Speicher, nicht schneller</translation>
    </message>
    <message>
        <source>Accumulation steps:</source>
        <translation>Akkumulationsschritte:</translation>
    </message>
    <message>
        <source>Freeze embeddings</source>
        <translation>Embeddings einfrieren</translation>
    </message>
    <message>
        <source>Embeddings get no gradients: less optimizer memory and a faster backward pass, usually little accuracy loss</source>
        <translation>Embeddings erhalten keine Gradienten: weniger Optimierer-Speicher und schnellerer Rückwärtsdurchlauf, meist kaum Genauigkeitsverlust</translation>
    </message>
    <message>
        <source>Cross-layer sharing: groups of N layers share weights (ALBERT-style); much smaller, costs accuracy (0: off)</source>
        <translation>Schichtübergreifendes Teilen: Gruppen von N Schichten teilen Gewichte (wie ALBERT); viel kleiner, kostet Genauigkeit (0: aus)</translation>
    </message>
    <message>
        <source>Share layers:</source>
        <translation>Schichten teilen:</translation>
    </message>
    <message>
        <source>Where the model runs; the list comes from the worker</source>
        <translation>Wo das Modell läuft; die Liste kommt vom Worker</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>CPU threads for intra-op parallelism</source>
        <translation>CPU-Threads für Parallelität innerhalb von Operationen</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Trace operators</source>
        <translation>Operatoren aufzeichnen</translation>
    </message>
    <message>
        <source>Records every operator in a separate pass after timing, so tracing never distorts the timing</source>
        <translation>Zeichnet jeden Operator in einem eigenen Durchlauf nach der Messung auf, damit das Tracing die Zeiten nie verfälscht</translation>
    </message>
    <message>
        <source>Trace CUDA kernels</source>
        <translation>CUDA-Kernels aufzeichnen</translation>
    </message>
    <message>
        <source>Records GPU kernels with CUPTI (CUDA devices only)</source>
        <translation>Zeichnet GPU-Kernels mit CUPTI auf (nur CUDA-Geräte)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Queue a run of this spec (Ctrl+R)</source>
        <translation>Einen Lauf dieser Spezifikation einreihen (Strg+R)</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>Kann nicht ausgeführt werden: %1</translation>
    </message>
    <message>
        <source>choose a preset</source>
        <translation>Vorlage wählen</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>The preset &quot;%1&quot; cannot be loaded: %2</source>
        <translation>Die Vorlage „%1“ kann nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>Vorlage speichern</translation>
    </message>
    <message>
        <source>Preset name:</source>
        <translation>Name der Vorlage:</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>Vorlage löschen</translation>
    </message>
    <message>
        <source>Choose one of your own presets first; built-in presets cannot be deleted.</source>
        <translation>Wählen Sie zuerst eine eigene Vorlage; eingebaute Vorlagen können nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Trains the model as a student that imitates a larger teacher&apos;s outputs: a smaller, faster model that keeps much of the teacher&apos;s accuracy, for the cost of running the teacher in every training step</source>
        <translation>Trainiert das Modell als Schüler, der die Ausgaben eines größeren Lehrers nachahmt: ein kleineres, schnelleres Modell, das viel von der Genauigkeit des Lehrers behält; kostet einen Lehrer-Durchlauf in jedem Trainingsschritt</translation>
    </message>
    <message>
        <source>Distillation (training)</source>
        <translation>Destillation (Training)</translation>
    </message>
    <message>
        <source>Distill from a teacher</source>
        <translation>Von einem Lehrer destillieren</translation>
    </message>
    <message>
        <source>teacher model folder</source>
        <translation>Ordner des Lehrermodells</translation>
    </message>
    <message>
        <source>The trained teacher: a Hugging Face model folder or &quot;demo:tiny-bert&quot;; it must have the same tokenizer and labels as the student</source>
        <translation>Der trainierte Lehrer: ein Hugging-Face-Modellordner oder „demo:tiny-bert“; er muss denselben Tokenizer und dieselben Labels wie der Schüler haben</translation>
    </message>
    <message>
        <source>Choose the teacher&apos;s model folder</source>
        <translation>Modellordner des Lehrers wählen</translation>
    </message>
    <message>
        <source>Teacher:</source>
        <translation>Lehrer:</translation>
    </message>
    <message>
        <source>Encoder layers of the student: fewer layers run faster and lose more accuracy (0: as many as the model has)</source>
        <translation>Encoder-Schichten des Schülers: weniger Schichten laufen schneller und verlieren mehr Genauigkeit (0: so viele wie das Modell hat)</translation>
    </message>
    <message>
        <source>same as the model</source>
        <translation>wie das Modell</translation>
    </message>
    <message>
        <source>Student layers:</source>
        <translation>Schüler-Schichten:</translation>
    </message>
    <message>
        <source>Hidden size of the student: narrower layers are faster and smaller, and lose accuracy (0: the model&apos;s own)</source>
        <translation>Verborgene Größe des Schülers: schmalere Schichten sind schneller und kleiner und verlieren Genauigkeit (0: die des Modells)</translation>
    </message>
    <message>
        <source>Student hidden size:</source>
        <translation>Schüler-Breite:</translation>
    </message>
    <message>
        <source>Weight of the teacher&apos;s soft targets against the true labels: higher imitates the teacher more closely, which helps when labels are few or noisy</source>
        <translation>Gewicht der weichen Ziele des Lehrers gegenüber den echten Labels: höher ahmt den Lehrer genauer nach, was bei wenigen oder verrauschten Labels hilft</translation>
    </message>
    <message>
        <source>Alpha:</source>
        <translation>Alpha:</translation>
    </message>
    <message>
        <source>Softens both output distributions before they are compared: higher passes on more of the teacher&apos;s knowledge about wrong classes; 2-4 is usual</source>
        <translation>Glättet beide Ausgabeverteilungen vor dem Vergleich: höher gibt mehr Wissen des Lehrers über falsche Klassen weiter; üblich sind 2–4</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>Temperatur:</translation>
    </message>
    <message>
        <source>Embedding tables in int8 too</source>
        <translation>Einbettungstabellen ebenfalls in int8</translation>
    </message>
    <message>
        <source>Stores the word and position embedding tables as int8 with a scale per row: the largest tables of a small model shrink 4x; lookups are dequantized</source>
        <translation>Speichert die Wort- und Positions-Einbettungstabellen als int8 mit einem Skalenfaktor je Zeile: die größten Tabellen eines kleinen Modells werden 4-mal kleiner; nachgeschlagene Zeilen werden dequantisiert</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Show the other tabs</source>
        <translation>Die anderen Reiter zeigen</translation>
    </message>
    <message>
        <source>These apply to training runs: set Mode to training on the Task tab.</source>
        <translation>Diese gelten für Trainingsläufe: Stellen Sie auf dem Reiter Aufgabe den Modus auf Training.</translation>
    </message>
    <message>
        <source>Blocks:</source>
        <translation>Blöcke:</translation>
    </message>
    <message>
        <source>Timed blocks: each figure&apos;s interval and each verdict resamples them, and each block records the machine&apos;s noise during it</source>
        <translation>Gemessene Blöcke: Die Intervalle und Urteile ziehen sie neu, und jeder Block zeichnet die Störungen der Maschine während seiner Dauer auf</translation>
    </message>
    <message>
        <source>Block time:</source>
        <translation>Blockdauer:</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>The workload: timed batches that each block passes over, in the same order; more give steadier percentiles</source>
        <translation>Die Arbeitslast: gemessene Batches, die jeder Block in derselben Reihenfolge durchläuft; mehr ergeben stabilere Perzentile</translation>
    </message>
    <message>
        <source>A block repeats whole passes over the workload until it has timed this long</source>
        <translation>Ein Block wiederholt ganze Durchläufe über die Arbeitslast, bis er so lange gemessen hat</translation>
    </message>
    <message>
        <source>Queue every combination of chosen toggle values over this spec, the first as baseline (Ctrl+G)</source>
        <translation>Jede Kombination der gewählten Werte über dieser Spezifikation einreihen, die erste als Basislinie (Ctrl+G)</translation>
    </message>
    <message>
        <source>Sweep…</source>
        <translation>Sweep…</translation>
    </message>
    <message>
        <source>&quot;demo:tiny-bert&quot;, &quot;demo:tiny-llama&quot;, a Hugging Face model folder (config.json + safetensors) or a TorchScript file</source>
        <translation>„demo:tiny-bert“, „demo:tiny-llama“, ein Hugging-Face-Modellordner (config.json + safetensors) oder eine TorchScript-Datei</translation>
    </message>
    <message>
        <source>Prompt tokens:</source>
        <translation>Prompt-Tokens:</translation>
    </message>
    <message>
        <source>Generation: tokens of each prompt, cut from the dataset&apos;s text; time to first token is their pass</source>
        <translation>Generierung: Tokens jedes Prompts, aus dem Text des Datensatzes geschnitten; die Zeit bis zum ersten Token ist ihr Durchlauf</translation>
    </message>
    <message>
        <source>New tokens:</source>
        <translation>Neue Tokens:</translation>
    </message>
    <message>
        <source>Generation: tokens generated after each prompt (end of text does not stop a timed generation, so every generation does the same work)</source>
        <translation>Generierung: nach jedem Prompt generierte Tokens (das Textende stoppt eine gemessene Generierung nicht, damit jede Generierung dieselbe Arbeit leistet)</translation>
    </message>
    <message>
        <source>Generation: sample each token (temperature, top-k, top-p, from the run&apos;s seed) rather than take the most likely one</source>
        <translation>Generierung: jedes Token stichprobenartig ziehen (Temperatur, Top-k, Top-p, aus dem Seed des Laufs), statt das wahrscheinlichste zu nehmen</translation>
    </message>
    <message>
        <source>Sample tokens</source>
        <translation>Tokens ziehen</translation>
    </message>
    <message>
        <source>Sampling: the logits are divided by this before the softmax</source>
        <translation>Sampling: die Logits werden vor dem Softmax durch diesen Wert geteilt</translation>
    </message>
    <message>
        <source>Top-k:</source>
        <translation>Top-k:</translation>
    </message>
    <message>
        <source>Sampling: among the k most likely tokens only (0: all)</source>
        <translation>Sampling: nur unter den k wahrscheinlichsten Tokens (0: alle)</translation>
    </message>
    <message>
        <source>Top-p:</source>
        <translation>Top-p:</translation>
    </message>
    <message>
        <source>Sampling: among the most likely tokens that hold this much probability</source>
        <translation>Sampling: unter den wahrscheinlichsten Tokens, die zusammen diese Wahrscheinlichkeit halten</translation>
    </message>
    <message>
        <source>removing heads or neurons needs a native BERT-family encoder (BERT, RoBERTa, DistilBERT) or Llama-family decoder (Llama, Mistral, Qwen2); this model is %1</source>
        <translation>Das Entfernen von Köpfen oder Neuronen braucht einen nativen Encoder der BERT-Familie (BERT, RoBERTa, DistilBERT) oder einen Decoder der Llama-Familie (Llama, Mistral, Qwen2); dieses Modell ist %1</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ExportDialog</name>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Resolution written into the image; higher values draw text and lines larger</source>
        <translation>In das Bild geschriebene Auflösung; höhere Werte zeichnen Text und Linien größer</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Breite:</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>Höhe:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Auflösung:</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;JPEG image (*.jpg);;CSV data (*.csv)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf);;JPEG-Bild (*.jpg);;CSV-Daten (*.csv)</translation>
    </message>
</context>
<context>
    <name>optibench::ui::GenerateDialog</name>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <source>Generate text</source>
        <translation>Text generieren</translation>
    </message>
    <message>
        <source>A decoder: demo:tiny-llama, or a Hugging Face folder of GPT-2, Llama, Mistral or Qwen2</source>
        <translation>Ein Decoder: demo:tiny-llama oder ein Hugging-Face-Ordner mit GPT-2, Llama, Mistral oder Qwen2</translation>
    </message>
    <message>
        <source>Text to continue, e.g. the battery</source>
        <translation>Fortzusetzender Text, z. B. the battery</translation>
    </message>
    <message>
        <source>The prompt and its continuation appear here as the tokens come.</source>
        <translation>Der Prompt und seine Fortsetzung erscheinen hier, sobald die Tokens kommen.</translation>
    </message>
    <message>
        <source>Generate (Ctrl+Return)</source>
        <translation>Generieren (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Stop the generation</source>
        <translation>Die Generierung stoppen</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt:</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>At most this many new tokens (the end of text stops it sooner)</source>
        <translation>Höchstens so viele neue Tokens (das Textende stoppt früher)</translation>
    </message>
    <message>
        <source>S&amp;ample</source>
        <translation>&amp;Ziehen</translation>
    </message>
    <message>
        <source>Sample each token rather than take the most likely one (off: greedy, which can repeat itself)</source>
        <translation>Jedes Token ziehen, statt das wahrscheinlichste zu nehmen (aus: Greedy, das sich wiederholen kann)</translation>
    </message>
    <message>
        <source>Sampling temperature</source>
        <translation>Sampling-Temperatur</translation>
    </message>
    <message>
        <source>Top-k: sample among the k most likely tokens (0: all)</source>
        <translation>Top-k: unter den k wahrscheinlichsten Tokens ziehen (0: alle)</translation>
    </message>
    <message>
        <source>Top-p: sample among the most likely tokens that hold this probability</source>
        <translation>Top-p: unter den wahrscheinlichsten Tokens ziehen, die diese Wahrscheinlichkeit halten</translation>
    </message>
    <message>
        <source>Seed of the sampling: the same seed gives the same text</source>
        <translation>Seed des Samplings: derselbe Seed ergibt denselben Text</translation>
    </message>
    <message>
        <source>New tokens:</source>
        <translation>Neue Tokens:</translation>
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
        <translation>Seed</translation>
    </message>
    <message>
        <source>Give a model and a prompt to continue.</source>
        <translation>Ein Modell und einen fortzusetzenden Prompt angeben.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Generiere…</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n character(s).</source>
        <translation>
            <numerusform>Nach %n Zeichen gestoppt.</numerusform>
            <numerusform>Nach %n Zeichen gestoppt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation>Generierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the process ended</source>
        <translation>der Prozess wurde beendet</translation>
    </message>
</context>
<context>
    <name>optibench::ui::KernelStatsModel</name>
    <message>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Total time</source>
        <translation>Gesamtzeit</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
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
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Run detail</source>
        <translation>Laufdetails</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Run #%1 failed: %2</source>
        <translation>Lauf #%1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>A run failed: %1</source>
        <translation>Ein Lauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Run #%1 finished</source>
        <translation>Lauf #%1 beendet</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>Experiment</translation>
    </message>
    <message>
        <source>Run queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>Modell ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Recent models</source>
        <translation>Zuletzt verwendete Modelle</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export the chart of the current page, or the runs table as CSV</source>
        <translation>Das Diagramm der aktuellen Seite exportieren, oder die Lauftabelle als CSV</translation>
    </message>
    <message>
        <source>Export runs as CSV…</source>
        <translation>Läufe als CSV exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Find runs</source>
        <translation>Läufe &amp;suchen</translation>
    </message>
    <message>
        <source>Edit &amp;notes…</source>
        <translation>&amp;Notizen bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete runs…</source>
        <translation>Läufe &amp;löschen…</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>&amp;Run experiment</source>
        <translation>Experiment &amp;ausführen</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Cancel running run</source>
        <translation>Laufenden Lauf a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>Cancel &amp;all</source>
        <translation>&amp;Alle abbrechen</translation>
    </message>
    <message>
        <source>Co&amp;mpare selected runs</source>
        <translation>Ausgewählte Läufe &amp;vergleichen</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Re&amp;load runs</source>
        <translation>Läufe neu &amp;laden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>E&amp;instellungen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About OptiBench</source>
        <translation>Ü&amp;ber OptiBench</translation>
    </message>
    <message>
        <source>About OptiBench</source>
        <translation>Über OptiBench</translation>
    </message>
    <message>
        <source>&lt;b&gt;OptiBench %1&lt;/b&gt;&lt;p&gt;Measures which optimizations make a transformer model cheaper on your hardware.&lt;/p&gt;&lt;p&gt;Store: %2&lt;/p&gt;</source>
        <translation>&lt;b&gt;OptiBench %1&lt;/b&gt;&lt;p&gt;Misst, welche Optimierungen ein Transformer-Modell auf Ihrer Hardware günstiger machen.&lt;/p&gt;&lt;p&gt;Datenbank: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open a model folder (config.json and weights)</source>
        <translation>Modellordner öffnen (config.json und Gewichte)</translation>
    </message>
    <message>
        <source>This experiment cannot run: %1</source>
        <translation>Dieses Experiment kann nicht laufen: %1</translation>
    </message>
    <message>
        <source>Select at least two runs in the runs table to compare them.</source>
        <translation>Wählen Sie mindestens zwei Läufe in der Tabelle, um sie zu vergleichen.</translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>Läufe exportieren</translation>
    </message>
    <message>
        <source>CSV data (*.csv)</source>
        <translation>CSV-Daten (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n run(s) to %1</source>
        <translation>
            <numerusform>%n Lauf nach %1 exportiert</numerusform>
            <numerusform>%n Läufe nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>The next run uses: %1 %2</source>
        <translation>Der nächste Lauf verwendet: %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) queued or running</source>
        <translation>
            <numerusform>%n Lauf wartend oder laufend</numerusform>
            <numerusform>%n Läufe wartend oder laufend</numerusform>
        </translation>
    </message>
    <message>
        <source>idle</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) are queued or running. Quit and cancel them?</source>
        <translation>
            <numerusform>%n Lauf wartet oder läuft. Beenden und abbrechen?</numerusform>
            <numerusform>%n Läufe warten oder laufen. Beenden und abbrechen?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Cannot open the dropped model: %1</source>
        <translation>Das abgelegte Modell kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Import runs</source>
        <translation>Läufe importieren</translation>
    </message>
    <message>
        <source>Run bundles (*.json);;All files (*)</source>
        <translation>Laufbündel (*.json);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n run(s) from %1</source>
        <translation>
            <numerusform>%n Lauf aus %1 importiert</numerusform>
            <numerusform>%n Läufe aus %1 importiert</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Import runs…</source>
        <translation>Läufe &amp;importieren…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Add the runs of a bundle made by optibench-cli export --format json</source>
        <translation>Die Läufe eines mit optibench-cli export --format json erstellten Bündels hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>&amp;Erste Schritte</translation>
    </message>
    <message>
        <source>Re-run &amp;interleaved against the baseline</source>
        <translation>&amp;Verschränkt gegen die Basislinie erneut ausführen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Ca&amp;librate noise floor…</source>
        <translation>Rausch&amp;boden kalibrieren …</translation>
    </message>
    <message numerus="yes">
        <source>Sweep finished: %n run(s) done.</source>
        <translation>
            <numerusform>Sweep beendet: %n Lauf fertig.</numerusform>
            <numerusform>Sweep beendet: %n Läufe fertig.</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;weep…</source>
        <translation>S&amp;weep…</translation>
    </message>
    <message>
        <source>Ctrl+G</source>
        <translation>Ctrl+G</translation>
    </message>
    <message>
        <source> on %1 (ssh, pid %2)</source>
        <translation> auf %1 (ssh, PID %2)</translation>
    </message>
    <message>
        <source>worker %1%2, LibTorch %3, %4</source>
        <translation>Worker %1%2, LibTorch %3, %4</translation>
    </message>
    <message>
        <source>&amp;Worker…</source>
        <translation>&amp;Worker…</translation>
    </message>
    <message>
        <source>Worker &amp;log…</source>
        <translation>Worker-&amp;Protokoll…</translation>
    </message>
    <message>
        <source>watching %1</source>
        <translation>beobachtet %1</translation>
    </message>
    <message>
        <source>worker on %1 (ssh)</source>
        <translation>Worker auf %1 (ssh)</translation>
    </message>
    <message>
        <source>Import results &amp;folder…</source>
        <translation>Ergebnis&amp;ordner importieren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>Add the runs of a sweep folder (optibench-cli sweep --slurm --out DIR) or of any folder of bundles; runs already here are skipped</source>
        <translation>Die Läufe eines Sweep-Ordners (optibench-cli sweep --slurm --out DIR) oder eines Ordners mit Bundles hinzufügen; schon vorhandene Läufe werden übersprungen</translation>
    </message>
    <message>
        <source>&amp;Watch results folder…</source>
        <translation>Ergebnisordner &amp;beobachten…</translation>
    </message>
    <message>
        <source>Watch results folder</source>
        <translation>Ergebnisordner beobachten</translation>
    </message>
    <message>
        <source>Import a sweep folder&apos;s runs as its tasks write them</source>
        <translation>Die Läufe eines Sweep-Ordners importieren, sobald seine Tasks sie schreiben</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) landed in %1</source>
        <translation>
            <numerusform>%n Lauf in %1 eingetroffen</numerusform>
            <numerusform>%n Läufe in %1 eingetroffen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were here already</source>
        <translation>
            <numerusform>%n war schon hier</numerusform>
            <numerusform>%n waren schon hier</numerusform>
        </translation>
    </message>
    <message>
        <source>Import results folder</source>
        <translation>Ergebnisordner importieren</translation>
    </message>
    <message>
        <source>Stop &amp;watching %1</source>
        <translation>%1 nicht mehr &amp;beobachten</translation>
    </message>
    <message>
        <source>The next run executes on %1 over ssh</source>
        <translation>Der nächste Lauf wird über ssh auf %1 ausgeführt</translation>
    </message>
    <message>
        <source>(OPTIBENCH_WORKER is set and comes first)</source>
        <translation>(OPTIBENCH_WORKER ist gesetzt und hat Vorrang)</translation>
    </message>
    <message>
        <source>Worker log</source>
        <translation>Worker-Protokoll</translation>
    </message>
    <message>
        <source>What the worker (and ssh) write to stderr appears here.</source>
        <translation>Was der Worker (und ssh) auf stderr schreiben, erscheint hier.</translation>
    </message>
    <message>
        <source>Generate &amp;text…</source>
        <translation>&amp;Text generieren…</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Continue a prompt with a decoder model, the text streamed as it comes</source>
        <translation>Einen Prompt mit einem Decoder-Modell fortsetzen, der Text erscheint, sobald er kommt</translation>
    </message>
</context>
<context>
    <name>optibench::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ModelPanel</name>
    <message>
        <source>Double-click to use this model</source>
        <translation>Doppelklicken, um dieses Modell zu verwenden</translation>
    </message>
    <message>
        <source>Recent models:</source>
        <translation>Zuletzt verwendete Modelle:</translation>
    </message>
    <message>
        <source>Built-in demo model: a small BERT-style encoder with random weights, for trying the tool.</source>
        <translation>Eingebautes Demo-Modell: ein kleiner BERT-artiger Encoder mit Zufallsgewichten, zum Ausprobieren.</translation>
    </message>
    <message>
        <source>Built-in demo model: a small BERT-style encoder trained on the demo reviews, for trying the tool.</source>
        <translation>Eingebautes Demo-Modell: ein kleiner BERT-artiger Encoder, trainiert auf den Demo-Rezensionen, zum Ausprobieren.</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;Parameter&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;SHA-256&lt;/td&gt;&lt;td&gt;%1…&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;SHA-256&lt;/td&gt;&lt;td&gt;%1…&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>No run of this model is stored yet.</source>
        <translation>Von diesem Modell ist noch kein Lauf gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>%n stored run(s)</source>
        <translation>
            <numerusform>%n gespeicherter Lauf</numerusform>
            <numerusform>%n gespeicherte Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>, best latency p50 %1</source>
        <translation>, beste Latenz p50 %1</translation>
    </message>
    <message>
        <source>The store could not be read: %1</source>
        <translation>Die Datenbank konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Hugging Face folder</source>
        <translation>Hugging-Face-Ordner</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>eingebaut</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>Verborgene Größe</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>Attention-Köpfe</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>Built-in demo decoder: a small Llama-style language model with random weights, for trying the tool on text generation.</source>
        <translation>Eingebauter Demo-Decoder: ein kleines Llama-artiges Sprachmodell mit Zufallsgewichten, zum Ausprobieren der Textgenerierung.</translation>
    </message>
    <message>
        <source>Built-in demo decoder: a small Llama-style language model trained on the demo reviews, for trying the tool on text generation.</source>
        <translation>Eingebauter Demo-Decoder: ein kleines Llama-artiges Sprachmodell, trainiert auf den Demo-Rezensionen, zum Ausprobieren der Textgenerierung.</translation>
    </message>
</context>
<context>
    <name>optibench::ui::OpStatsModel</name>
    <message>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Self time</source>
        <translation>Eigenzeit</translation>
    </message>
    <message>
        <source>Total time</source>
        <translation>Gesamtzeit</translation>
    </message>
    <message>
        <source>Self share</source>
        <translation>Anteil Eigenzeit</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ParallelCoordinates</name>
    <message>
        <source>Parallel coordinates: the toggles, then the metrics (low at the bottom)</source>
        <translation>Parallele Koordinaten: die Schalter, dann die Metriken (niedrig unten)</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>Parallele Koordinaten</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RangeStatsModel</name>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Total time</source>
        <translation>Gesamtzeit</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>GPU kernel time</source>
        <translation>GPU-Kernelzeit</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RankedBarsChart</name>
    <message numerus="yes">
        <source>… %n row(s) between, not shown</source>
        <translation>
            <numerusform>… %n Zeile dazwischen, nicht gezeigt</numerusform>
            <numerusform>… %n Zeilen dazwischen, nicht gezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>niedriger ist besser</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>höher ist besser</translation>
    </message>
    <message>
        <source>No row has %1</source>
        <translation>Keine Zeile hat %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: best and worst of %n row(s)</source>
        <translation>
            <numerusform>%1: beste und schlechteste von %n Zeile</numerusform>
            <numerusform>%1: beste und schlechteste von %n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source> — %1; whiskers: 95% interval; dashed: the baseline</source>
        <translation> — %1; Antennen: 95-%-Intervall; gestrichelt: die Baseline</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (Baseline)</translation>
    </message>
    <message>
        <source>, 95% interval %1 to %2</source>
        <translation>, 95-%-Intervall %1 bis %2</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RecommendPanel</name>
    <message>
        <source>at least</source>
        <translation>mindestens</translation>
    </message>
    <message>
        <source>at most this far from the baseline</source>
        <translation>höchstens so weit von der Basislinie</translation>
    </message>
    <message>
        <source>A floor on the quality, or how much worse than the baseline it may be; judged on the pessimistic end of its 95% interval</source>
        <translation>Eine Untergrenze der Qualität oder wie viel schlechter als die Basislinie sie sein darf; beurteilt am ungünstigen Ende ihres 95-%-Intervalls</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Cost ratio [95%]</source>
        <translation>Kostenverhältnis [95 %]</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>Quality [95%]</source>
        <translation>Qualität [95 %]</translation>
    </message>
    <message>
        <source>In budget</source>
        <translation>Im Budget</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>Front</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalte</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommend&lt;/b&gt;</source>
        <translation>&lt;b&gt;Empfehlung&lt;/b&gt;</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>höchstens</translation>
    </message>
    <message>
        <source>Compare two or more runs to get a recommendation.</source>
        <translation>Vergleichen Sie zwei oder mehr Läufe, um eine Empfehlung zu erhalten.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Empfohlen:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;No recommendation:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Keine Empfehlung:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>Basislinie</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>optibench::ui::ResultsWatcher</name>
    <message>
        <source>Cannot import from the watched folder %1: %2</source>
        <translation>Aus dem beobachteten Ordner %1 kann nicht importiert werden: %2</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunDetail</name>
    <message>
        <source>Metric</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Latency per iteration</source>
        <translation>Latenz pro Iteration</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>Iteration</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Latency distribution</source>
        <translation>Latenzverteilung</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>Iterationen</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Messgrößen</translation>
    </message>
    <message>
        <source>Spec</source>
        <translation>Spezifikation</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Run %1 is no longer in the store.</source>
        <translation>Lauf %1 ist nicht mehr in der Datenbank.</translation>
    </message>
    <message>
        <source>&lt;b&gt;#%1 %2&lt;/b&gt; — %3, %4</source>
        <translation>&lt;b&gt;#%1 %2&lt;/b&gt; — %3, %4</translation>
    </message>
    <message>
        <source>Could not read run %1: %2</source>
        <translation>Lauf %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Ops and kernels</source>
        <translation>Ops und Kernels</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Wheel or +/- zooms, drag or arrow keys pan, Home shows the whole trace</source>
        <translation>Mausrad oder +/- zoomt, Ziehen oder Pfeiltasten verschieben, Pos1 zeigt den ganzen Trace</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Verläufe</translation>
    </message>
    <message>
        <source>No run selected</source>
        <translation>Kein Lauf ausgewählt</translation>
    </message>
    <message>
        <source>Select a run in the Runs table (Ctrl+1) and its metrics, latency charts, series and trace show here. Enter or a double-click on a run opens this page.</source>
        <translation>Wählen Sie einen Lauf in der Lauftabelle (Strg+1), dann erscheinen hier seine Messgrößen, Latenzdiagramme, Verläufe und sein Trace. Eingabe oder ein Doppelklick auf einen Lauf öffnet diese Seite.</translation>
    </message>
    <message>
        <source>
95% interval: %1 to %2</source>
        <translation>
95-%-Intervall: %1 bis %2</translation>
    </message>
    <message>
        <source>Latency per token</source>
        <translation>Latenz je Token</translation>
    </message>
    <message>
        <source>token of the generation</source>
        <translation>Token der Generierung</translation>
    </message>
    <message>
        <source>latency (ms, log)</source>
        <translation>Latenz (ms, log)</translation>
    </message>
    <message>
        <source>Inter-token latency distribution</source>
        <translation>Verteilung der Latenz zwischen Tokens</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunGroups</name>
    <message>
        <source>Choose the baseline and at least one other run with a stored spec to re-run interleaved.</source>
        <translation>Wählen Sie die Basislinie und mindestens einen weiteren Lauf mit gespeicherter Spezifikation, um sie verschränkt erneut auszuführen.</translation>
    </message>
    <message>
        <source>%1 (interleaved baseline)</source>
        <translation>%1 (verschränkte Basislinie)</translation>
    </message>
    <message>
        <source>%1 (interleaved)</source>
        <translation>%1 (verschränkt)</translation>
    </message>
    <message>
        <source>the number of A/A pairs must be at least 1</source>
        <translation>die Anzahl der A/A-Paare muss mindestens 1 sein</translation>
    </message>
    <message>
        <source>Cannot calibrate the noise floor on &quot;%1&quot;: %2</source>
        <translation>Der Rauschboden kann nicht an „%1“ kalibriert werden: %2</translation>
    </message>
    <message>
        <source>pair %1 of %2</source>
        <translation>Paar %1 von %2</translation>
    </message>
    <message>
        <source>Calibrate %1: A, %2</source>
        <translation>Kalibrieren %1: A, %2</translation>
    </message>
    <message>
        <source>Calibrate %1: A′, %2</source>
        <translation>Kalibrieren %1: A′, %2</translation>
    </message>
    <message>
        <source>run #%1 %2</source>
        <translation>Lauf #%1 %2</translation>
    </message>
    <message>
        <source>a run %1</source>
        <translation>ein Lauf %1</translation>
    </message>
    <message>
        <source>The noise floor of &quot;%1&quot; was not measured (%2); nothing was stored.</source>
        <translation>Der Rauschboden von „%1“ wurde nicht gemessen (%2); nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message numerus="yes">
        <source>Noise floor of &quot;%1&quot; on %2 stored from %n A/A pair(s): %3. Verdicts against runs of this model on this machine now need a change beyond these floors.</source>
        <translation>
            <numerusform>Rauschboden von „%1“ auf %2 aus %n A/A-Paar gespeichert: %3. Urteile gegen Läufe dieses Modells auf dieser Maschine brauchen jetzt eine Änderung über diese Böden hinaus.</numerusform>
            <numerusform>Rauschboden von „%1“ auf %2 aus %n A/A-Paaren gespeichert: %3. Urteile gegen Läufe dieses Modells auf dieser Maschine brauchen jetzt eine Änderung über diese Böden hinaus.</numerusform>
        </translation>
    </message>
    <message>
        <source>The noise floor of &quot;%1&quot; could not be stored: %2</source>
        <translation>Der Rauschboden von „%1“ konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The sweep has no valid combination to run.</source>
        <translation>Der Sweep hat keine gültige Kombination zum Ausführen.</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunQueueModel</name>
    <message>
        <source>queued</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
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
        <translation>~%1 (%2)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunQueueView</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>Cancel the selected runs (a running one stops at its next step)</source>
        <translation>Die ausgewählten Läufe abbrechen (ein laufender stoppt beim nächsten Schritt)</translation>
    </message>
    <message>
        <source>Cancel the running run and remove every queued one</source>
        <translation>Den laufenden Lauf abbrechen und alle wartenden entfernen</translation>
    </message>
    <message>
        <source>Remove finished, failed and cancelled runs from this list (they stay in the store)</source>
        <translation>Beendete, fehlgeschlagene und abgebrochene Läufe aus dieser Liste entfernen (sie bleiben in der Datenbank)</translation>
    </message>
    <message>
        <source>No runs queued. Run an experiment (Ctrl+R) and its progress shows here.</source>
        <translation>Keine Läufe in der Warteschlange. Führen Sie ein Experiment aus (Strg+R), dann erscheint hier sein Fortschritt.</translation>
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
        <translation>%1: nicht gemessen</translation>
    </message>
    <message>
        <source>, 95% interval %1 to %2</source>
        <translation>, 95-%-Intervall %1 bis %2</translation>
    </message>
    <message>
        <source>Against the baseline: %1</source>
        <translation>Gegen die Baseline: %1</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (Baseline)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Runs in the group; a group&apos;s figure is their median</source>
        <translation>Läufe in der Gruppe; der Wert einer Gruppe ist ihr Median</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunRowsView</name>
    <message>
        <source>Compare selected</source>
        <translation>Gewählte vergleichen</translation>
    </message>
    <message>
        <source>Re-run selected…</source>
        <translation>Gewählte wiederholen…</translation>
    </message>
    <message>
        <source>Best and worst</source>
        <translation>Beste und schlechteste</translation>
    </message>
    <message>
        <source>Cost and quality</source>
        <translation>Kosten und Qualität</translation>
    </message>
    <message>
        <source>Parallel coordinates</source>
        <translation>Parallele Koordinaten</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Gruppieren nach</translation>
    </message>
    <message>
        <source>Show runs that share the ticked fields&apos; values as one row: the median of its runs with its interval</source>
        <translation>Läufe mit gleichen Werten der angehakten Felder als eine Zeile zeigen: der Median ihrer Läufe mit seinem Intervall</translation>
    </message>
    <message>
        <source>Filter: text or field=value</source>
        <translation>Filter: Text oder Feld=Wert</translation>
    </message>
    <message>
        <source>How many of the best and of the worst rows the bar chart shows</source>
        <translation>Wie viele der besten und der schlechtesten Zeilen das Balkendiagramm zeigt</translation>
    </message>
    <message>
        <source>Compare the selected rows&apos; runs with the baseline</source>
        <translation>Die Läufe der gewählten Zeilen mit der Baseline vergleichen</translation>
    </message>
    <message>
        <source>Run the selected rows&apos; runs again, interleaved with the baseline</source>
        <translation>Die Läufe der gewählten Zeilen erneut ausführen, verschränkt mit der Baseline</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>Diagramm:</translation>
    </message>
    <message>
        <source>against</source>
        <translation>gegen</translation>
    </message>
    <message>
        <source>Best and worst:</source>
        <translation>Beste und schlechteste:</translation>
    </message>
    <message>
        <source>No spec field differs</source>
        <translation>Kein Spec-Feld unterscheidet sich</translation>
    </message>
    <message numerus="yes">
        <source>Grouped by %n field(s)</source>
        <translation>
            <numerusform>Gruppiert nach %n Feld</numerusform>
            <numerusform>Gruppiert nach %n Feldern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s) shown, %2 selected</source>
        <translation>
            <numerusform>%1 von %n Zeile gezeigt, %2 gewählt</numerusform>
            <numerusform>%1 von %n Zeilen gezeigt, %2 gewählt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunScatter</name>
    <message>
        <source>Cost against quality (line: Pareto front of the values)</source>
        <translation>Kosten gegen Qualität (Linie: Pareto-Front der Werte)</translation>
    </message>
    <message>
        <source>Cost against quality</source>
        <translation>Kosten gegen Qualität</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>Baseline</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunsModel</name>
    <message>
        <source>The baseline that comparisons are measured against</source>
        <translation>Die Basislinie, an der Vergleiche gemessen werden</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (Basislinie)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Optimizations</source>
        <translation>Optimierungen</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Could not save the change to run %1: %2</source>
        <translation>Die Änderung an Lauf %1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Could not delete the runs: %1</source>
        <translation>Die Läufe konnten nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Could not read the runs: %1</source>
        <translation>Die Läufe konnten nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>optibench::ui::RunsView</name>
    <message>
        <source>Search name, model, optimizations, notes (Ctrl+F)</source>
        <translation>Name, Modell, Optimierungen, Notizen durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>Show only runs with this status</source>
        <translation>Nur Läufe mit diesem Status zeigen</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>Läufe löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) with their metrics, series and traces? This cannot be undone.</source>
        <translation>
            <numerusform>%n Lauf mit Messgrößen, Verläufen und Traces löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>%n Läufe mit Messgrößen, Verläufen und Traces löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Notes on run #%1:</source>
        <translation>Notizen zu Lauf #%1:</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Details zeigen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Edit notes…</source>
        <translation>Notizen bearbeiten…</translation>
    </message>
    <message>
        <source>Clear baseline</source>
        <translation>Basislinie entfernen</translation>
    </message>
    <message>
        <source>Use as baseline</source>
        <translation>Als Basislinie verwenden</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Compare selected</source>
        <translation>Ausgewählte vergleichen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Find out which optimizations make your model cheaper on this machine</source>
        <translation>Finden Sie heraus, welche Optimierungen Ihr Modell auf diesem Rechner günstiger machen</translation>
    </message>
    <message>
        <source>OptiBench runs a model with and without quantization, pruning, lower precision or less padding, measures speed, memory and quality, and compares the runs. Start with the built-in demo model: a first run takes a few seconds. You can also drop a model folder onto this window.</source>
        <translation>OptiBench führt ein Modell mit und ohne Quantisierung, Pruning, geringere Genauigkeit oder weniger Padding aus, misst Geschwindigkeit, Speicher und Qualität und vergleicht die Läufe. Beginnen Sie mit dem eingebauten Demo-Modell: ein erster Lauf dauert wenige Sekunden. Sie können auch einen Modellordner auf dieses Fenster ziehen.</translation>
    </message>
    <message>
        <source>Run the demo model</source>
        <translation>Demo-Modell ausführen</translation>
    </message>
    <message>
        <source>Queue a baseline run of the built-in demo model (Ctrl+R runs the experiment panel&apos;s spec)</source>
        <translation>Einen Basislauf des eingebauten Demo-Modells einreihen (Strg+R führt die Spezifikation des Experiment-Bereichs aus)</translation>
    </message>
    <message>
        <source>Open a model folder…</source>
        <translation>Modellordner öffnen…</translation>
    </message>
    <message>
        <source>A Hugging Face folder (config.json and model.safetensors) or a TorchScript file (Ctrl+O)</source>
        <translation>Ein Hugging-Face-Ordner (config.json und model.safetensors) oder eine TorchScript-Datei (Strg+O)</translation>
    </message>
    <message>
        <source>Import runs…</source>
        <translation>Läufe importieren…</translation>
    </message>
    <message>
        <source>Add the runs of a bundle made by optibench-cli export --format json (Ctrl+I)</source>
        <translation>Die Läufe eines mit optibench-cli export --format json erstellten Bündels hinzufügen (Strg+I)</translation>
    </message>
    <message>
        <source>Next: change one optimization in the Experiment panel (quantization, say) and run it; then select both runs (Ctrl+A) to compare them.</source>
        <translation>Als Nächstes: Ändern Sie im Experiment-Bereich eine Optimierung (etwa die Quantisierung) und führen Sie sie aus; wählen Sie dann beide Läufe (Strg+A), um sie zu vergleichen.</translation>
    </message>
    <message>
        <source>No run matches the search or the status filter.</source>
        <translation>Kein Lauf passt zur Suche oder zum Statusfilter.</translation>
    </message>
    <message>
        <source>Calibrate noise floor</source>
        <translation>Rauschboden kalibrieren</translation>
    </message>
    <message>
        <source>Runs the spec of &quot;%1&quot; against itself in interleaved A/A pairs and stores how far the twins land apart on each timed metric.

A/A pairs:</source>
        <translation>Führt die Spezifikation von „%1“ in verschränkten A/A-Paaren gegen sich selbst aus und speichert, wie weit die Zwillinge bei jeder Zeitmetrik auseinanderliegen.

A/A-Paare:</translation>
    </message>
    <message>
        <source>Re-run interleaved against the baseline</source>
        <translation>Verschränkt gegen die Basislinie erneut ausführen</translation>
    </message>
    <message>
        <source>Calibrate noise floor…</source>
        <translation>Rauschboden kalibrieren …</translation>
    </message>
</context>
<context>
    <name>optibench::ui::SeriesCharts</name>
    <message>
        <source>This run has no training or per-layer series. Training runs record loss, step time, memory, learning rate and evaluation accuracy per step; pruned runs their sparsity per layer.</source>
        <translation>Dieser Lauf hat keine Trainings- oder Schichtverläufe. Trainingsläufe zeichnen Verlust, Schrittzeit, Speicher, Lernrate und Evaluierungsgenauigkeit pro Schritt auf, beschnittene Läufe ihre Sparsität pro Schicht.</translation>
    </message>
</context>
<context>
    <name>optibench::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>A new language is applied when OptiBench starts next.</source>
        <translation>Eine neue Sprache wird beim nächsten Start von OptiBench übernommen.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
</context>
<context>
    <name>optibench::ui::SpecDiffModel</name>
    <message>
        <source>Spec or environment field</source>
        <translation>Spezifikations- oder Umgebungsfeld</translation>
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
        <translation>Die Läufe in einem Worker-Prozess verschränken</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>Sweep</translation>
    </message>
    <message>
        <source>Runs every combination of the values chosen below over the experiment panel&apos;s spec. The first combination is the baseline the others are compared against.</source>
        <translation>Führt jede Kombination der unten gewählten Werte über der Spezifikation des Experiment-Bereichs aus. Die erste Kombination ist die Basislinie, mit der die anderen verglichen werden.</translation>
    </message>
    <message>
        <source>The runs&apos; timed blocks alternate in one process, so the machine&apos;s drift falls on every run alike; they land together at the end. Unticked, each run is a request of its own and lands as it finishes.</source>
        <translation>Die gemessenen Blöcke der Läufe wechseln sich in einem Prozess ab, sodass die Drift der Maschine alle Läufe gleich trifft; sie kommen zusammen am Ende an. Ohne Haken ist jeder Lauf eine eigene Anfrage und kommt an, sobald er fertig ist.</translation>
    </message>
    <message>
        <source>values, e.g. %1</source>
        <translation>Werte, z. B. %1</translation>
    </message>
    <message>
        <source>e.g. task.warmup=1,3;optimizations.quantize_embeddings=true,false</source>
        <translation>z. B. task.warmup=1,3;optimizations.quantize_embeddings=true,false</translation>
    </message>
    <message>
        <source>Any other spec field, as optibench-cli sweep --grid takes it: key=v1,v2;key2=v3,v4</source>
        <translation>Jedes weitere Spezifikationsfeld, wie optibench-cli sweep --grid es annimmt: key=v1,v2;key2=v3,v4</translation>
    </message>
    <message>
        <source>Other fields:</source>
        <translation>Weitere Felder:</translation>
    </message>
    <message>
        <source>Choose the values of at least one toggle.</source>
        <translation>Wählen Sie die Werte mindestens einer Option.</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s); the baseline is %1.</source>
        <translation>
            <numerusform>%n Lauf; die Basislinie ist %1.</numerusform>
            <numerusform>%n Läufe; die Basislinie ist %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid combination(s) left out:</source>
        <translation>
            <numerusform>%n ungültige Kombination ausgelassen:</numerusform>
            <numerusform>%n ungültige Kombinationen ausgelassen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Interleaved, all %1 models are resident in memory at once.</source>
        <translation>Verschränkt liegen alle %1 Modelle gleichzeitig im Speicher.</translation>
    </message>
    <message numerus="yes">
        <source>Queue %n run(s)</source>
        <translation>
            <numerusform>%n Lauf einreihen</numerusform>
            <numerusform>%n Läufe einreihen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>optibench::ui::TimelineView</name>
    <message>
        <source>Could not read the trace of run %1: %2</source>
        <translation>Der Trace von Lauf %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Open a run to see its timeline.</source>
        <translation>Öffnen Sie einen Lauf, um seine Zeitleiste zu sehen.</translation>
    </message>
    <message>
        <source>This run has no trace. Turn on op tracing in the experiment to record one.</source>
        <translation>Dieser Lauf hat keinen Trace. Schalten Sie im Experiment das Aufzeichnen der Operatoren ein.</translation>
    </message>
    <message>
        <source>Loading the trace…</source>
        <translation>Trace wird geladen…</translation>
    </message>
    <message>
        <source>Could not load the trace: %1</source>
        <translation>Der Trace konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 stream %2</source>
        <translation>%1 Stream %2</translation>
    </message>
    <message>
        <source>CPU thread %1</source>
        <translation>CPU-Thread %1</translation>
    </message>
    <message>
        <source>Duration: %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <source>Starts at: %1</source>
        <translation>Beginnt bei: %1</translation>
    </message>
    <message>
        <source>Input shapes: %1</source>
        <translation>Eingabeformen: %1</translation>
    </message>
    <message>
        <source>No events in this part of the trace.</source>
        <translation>Keine Ereignisse in diesem Teil des Traces.</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>Von %1 bis %2</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>Ereignisse: %1</translation>
    </message>
    <message>
        <source>Busy: %1%</source>
        <translation>Ausgelastet: %1 %</translation>
    </message>
    <message>
        <source>Zoom in to see single events.</source>
        <translation>Hineinzoomen, um einzelne Ereignisse zu sehen.</translation>
    </message>
    <message>
        <source>Busy time per thread and stream, %1 events; zoom in to see single events.</source>
        <translation>Auslastung pro Thread und Stream, %1 Ereignisse; hineinzoomen, um einzelne Ereignisse zu sehen.</translation>
    </message>
</context>
<context>
    <name>optibench::ui::TraceDiffModel</name>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Calls A</source>
        <translation>Aufrufe A</translation>
    </message>
    <message>
        <source>Calls B</source>
        <translation>Aufrufe B</translation>
    </message>
    <message>
        <source>Time A</source>
        <translation>Zeit A</translation>
    </message>
    <message>
        <source>Time B</source>
        <translation>Zeit B</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>op</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugekommen</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfallen</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>same</source>
        <translation>gleich</translation>
    </message>
</context>
<context>
    <name>optibench::ui::TraceDiffView</name>
    <message>
        <source>Compare two traced runs to see which ops and kernels changed.</source>
        <translation>Vergleichen Sie zwei Läufe mit Trace, um zu sehen, welche Ops und Kernels sich geändert haben.</translation>
    </message>
    <message>
        <source>Diffing the traces of #%1 and #%2…</source>
        <translation>Traces von #%1 und #%2 werden verglichen…</translation>
    </message>
    <message>
        <source>Could not read the traces: %1</source>
        <translation>Die Traces konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Run #%1 or #%2 has no trace; turn on op tracing to diff them.</source>
        <translation>Lauf #%1 oder #%2 hat keinen Trace; schalten Sie das Aufzeichnen der Operatoren ein, um sie zu vergleichen.</translation>
    </message>
    <message numerus="yes">
        <source>A: #%1 (baseline), B: #%2. %n op(s) or kernel(s) added, removed or changed by more than 5 %; green: less time in B.</source>
        <translation>
            <numerusform>A: #%1 (Basislinie), B: #%2. %n Op oder Kernel hinzugekommen, entfallen oder um mehr als 5 % geändert; grün: weniger Zeit in B.</numerusform>
            <numerusform>A: #%1 (Basislinie), B: #%2. %n Ops oder Kernels hinzugekommen, entfallen oder um mehr als 5 % geändert; grün: weniger Zeit in B.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>optibench::ui::TraceSummaryView</name>
    <message>
        <source>Ops (sort by self or total time)</source>
        <translation>Ops (nach Eigen- oder Gesamtzeit sortieren)</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>GPU kernels</source>
        <translation>GPU-Kernels</translation>
    </message>
    <message>
        <source>No run selected.</source>
        <translation>Kein Lauf ausgewählt.</translation>
    </message>
    <message>
        <source>Summarising the trace…</source>
        <translation>Trace wird zusammengefasst…</translation>
    </message>
    <message>
        <source>Could not read the trace: %1</source>
        <translation>Der Trace konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>This run has no trace. Turn on op tracing in the experiment to record one.</source>
        <translation>Dieser Lauf hat keinen Trace. Schalten Sie im Experiment das Aufzeichnen der Operatoren ein.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) over %1; ops&apos; self time %2.</source>
        <translation>
            <numerusform>%n Ereignis über %1; Eigenzeit der Ops %2.</numerusform>
            <numerusform>%n Ereignisse über %1; Eigenzeit der Ops %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>No GPU kernels in this trace (a CPU run, or kernel tracing was off).</source>
        <translation>Keine GPU-Kernels in diesem Trace (ein CPU-Lauf, oder die Kernel-Aufzeichnung war aus).</translation>
    </message>
</context>
<context>
    <name>optibench::ui::TraceTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1 ns</translation>
    </message>
</context>
<context>
    <name>optibench::ui::TradeoffView</name>
    <message>
        <source>Latency per iteration</source>
        <translation>Latenz pro Iteration</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>Iteration</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Cost:</source>
        <translation>Kosten:</translation>
    </message>
    <message>
        <source>Quality:</source>
        <translation>Qualität:</translation>
    </message>
    <message>
        <source>No run has both %1 and %2.</source>
        <translation>Kein Lauf hat sowohl %1 als auch %2.</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>Could not read the latency series: %1</source>
        <translation>Die Latenzreihen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cost against quality, with 95% intervals (line: Pareto front)</source>
        <translation>Kosten gegen Qualität, mit 95-%-Intervallen (Linie: Pareto-Front)</translation>
    </message>
</context>
<context>
    <name>optibench::ui::WorkerClient</name>
    <message>
        <source>killed by signal %1</source>
        <translation>durch Signal %1 beendet</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>mit Code %1 beendet</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>„%1“: %2</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>No worker command is configured.</source>
        <translation>Es ist kein Worker-Befehl eingestellt.</translation>
    </message>
    <message>
        <source>the worker could not be started: %1</source>
        <translation>der Worker konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>the worker process crashed (%1) during stage %2</source>
        <translation>der Worker-Prozess ist abgestürzt (%1) in der Phase %2</translation>
    </message>
    <message>
        <source>Worker output:</source>
        <translation>Ausgabe des Workers:</translation>
    </message>
    <message>
        <source>Could not record the failed run in %1: %2</source>
        <translation>Der fehlgeschlagene Lauf konnte nicht in %1 vermerkt werden: %2</translation>
    </message>
    <message>
        <source>the worker &quot;%1&quot; speaks protocol version %2, this OptiBench speaks version %3; install the same OptiBench version for both</source>
        <translation>der Worker „%1“ spricht Protokollversion %2, dieses OptiBench Version %3; installieren Sie auf beiden dieselbe OptiBench-Version</translation>
    </message>
    <message>
        <source>nothing from the worker for %1 s (no heartbeat): the connection is taken for lost</source>
        <translation>seit %1 s nichts vom Worker (kein Heartbeat): die Verbindung gilt als verloren</translation>
    </message>
    <message>
        <source>the result from %1</source>
        <translation>das Ergebnis von %1</translation>
    </message>
    <message>
        <source>Could not store the result of run %1 from %2 in %3: %4</source>
        <translation>Das Ergebnis von Lauf %1 von %2 konnte nicht in %3 gespeichert werden: %4</translation>
    </message>
    <message>
        <source>the connection to the worker on %1 was lost (%2) during stage %3</source>
        <translation>die Verbindung zum Worker auf %1 ging in Phase %3 verloren (%2)</translation>
    </message>
</context>
<context>
    <name>optibench::ui::WorkerDialog</name>
    <message>
        <source>&amp;This machine (the optibench-cli beside OptiBench)</source>
        <translation>&amp;Dieser Rechner (das optibench-cli neben OptiBench)</translation>
    </message>
    <message>
        <source>A &amp;remote host over ssh</source>
        <translation>Ein &amp;entfernter Rechner über ssh</translation>
    </message>
    <message>
        <source>A &amp;command of my own</source>
        <translation>Ein eigener &amp;Befehl</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>e.g. /opt/optibench/bin/optibench-cli worker</source>
        <translation>z. B. /opt/optibench/bin/optibench-cli worker</translation>
    </message>
    <message>
        <source>Runs on a remote host come back over the connection into this store; the host needs the same OptiBench version. ssh must log in without a password prompt (a key or an agent), since nobody can type into it.</source>
        <translation>Läufe auf einem entfernten Rechner kommen über die Verbindung in diesen Speicher zurück; der Rechner braucht dieselbe OptiBench-Version. ssh muss sich ohne Passwortabfrage anmelden (Schlüssel oder Agent), da niemand etwas eintippen kann.</translation>
    </message>
    <message>
        <source>gpu-server (a name from ~/.ssh/config works)</source>
        <translation>gpu-server (ein Name aus ~/.ssh/config geht auch)</translation>
    </message>
    <message>
        <source>ssh&apos;s default</source>
        <translation>Vorgabe von ssh</translation>
    </message>
    <message>
        <source>optibench-cli on the host&apos;s PATH</source>
        <translation>optibench-cli im PATH des Rechners</translation>
    </message>
    <message>
        <source>e.g. -i ~/.ssh/gpu_key -J bastion</source>
        <translation>z. B. -i ~/.ssh/gpu_key -J bastion</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Rechner:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>optibench-cli &amp;there:</source>
        <translation>optibench-cli &amp;dort:</translation>
    </message>
    <message>
        <source>More ssh &amp;options:</source>
        <translation>Weitere ssh-&amp;Optionen:</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Connected in %1 s: %2</source>
        <translation>Verbunden in %1 s: %2</translation>
    </message>
    <message>
        <source>The connection did not work (exit %1): %2</source>
        <translation>Die Verbindung hat nicht funktioniert (Exit %1): %2</translation>
    </message>
    <message>
        <source>Name the remote host, or choose another place for the worker.</source>
        <translation>Nennen Sie den entfernten Rechner, oder wählen Sie einen anderen Ort für den Worker.</translation>
    </message>
    <message>
        <source>Give the command, or choose another place for the worker.</source>
        <translation>Geben Sie den Befehl an, oder wählen Sie einen anderen Ort für den Worker.</translation>
    </message>
</context>
</TS>
