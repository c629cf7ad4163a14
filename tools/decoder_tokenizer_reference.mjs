#!/usr/bin/env node
// Makes the byte-level BPE tokenizer.json files of the decoder fixtures, and records what
// Hugging Face's own JavaScript tokenizers (@huggingface/tokenizers, which reads tokenizer.json
// as the Rust tokenizers crate does) give for the test sentences:
//   tests/data/hf/llama-tiny/   Llama 3's Split pattern (digits in threes), <|begin_of_text|>
//                               prepended by a TemplateProcessing post-processor, merges as "a b"
//   tests/data/hf/qwen2-tiny/   Qwen2's pattern (one digit a piece), no BOS, merges as ["a", "b"],
//                               Qwen2's NFC normalizer
// and two SentencePiece-style BPE tokenizers (code points, U+2581 for spaces, byte fallback):
//   tests/data/tokenizers/sp-legacy/     Llama 2's and TinyLlama's layout (Prepend and Replace)
//   tests/data/tokenizers/sp-metaspace/  newer conversions' Metaspace pre_tokenizer (Mistral v0.3)
// Each vocabulary is the 256 byte symbols, merges learned from a small corpus (297 tokens), and
// three added special tokens (ids 297..299: begin, end, pad), which config.json's ids name.
//
// Install the package outside the repository, then run from the repository root:
//   mkdir -p /tmp/tokjs && (cd /tmp/tokjs && npm install @huggingface/tokenizers@0.2.0)
//   node tools/decoder_tokenizer_reference.mjs /tmp/tokjs/node_modules
// then /usr/bin/python3 tools/make_decoder_fixtures.py (whose vocab_size is 300).
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';

const [modules] = process.argv.slice(2);
if (!modules) {
    console.error('usage: decoder_tokenizer_reference.mjs <node_modules>');
    process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'x.js'));
const { Tokenizer } = require('@huggingface/tokenizers');

const LLAMA3 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const QWEN2 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const MERGES = 41; // 256 + 41 = 297 tokens before the specials

const CORPUS = `The movie was great and the story was good. The actors were fine, the music was loud.
I loved the film; the plot was slow but the end was worth it. It's 2024 and we're still watching!
A bad movie: the scene was long, the acting was weak. They'll say it's fine, I'd say it isn't.`;

const SENTENCES = [
    'The movie was great.',
    "It's a film they'll love, isn't it?",
    'In 2024 there were 123456 viewers and 7 reviews.',
    'Tabs\tand  two spaces,\n\nnew lines\r\n and   three.',
    'Ünïcödé naïve café — “quotes” and 日本語 text 😀',
    'CAPS AND lower: DON\'T STOP',
    '   leading and trailing spaces   ',
    '<|begin_of_text|>already there',
    // Decomposed accents, a singleton (the Angstrom sign), conjoining jamo, marks out of order:
    // the same text in NFC for qwen2-tiny (whose normalizer is NFC), as it is for llama-tiny.
    'Cafe\u0301 re\u0301sume\u0301 \u212B \u1100\u1161\u11A8 q\u0307\u0323 e\u0323\u0302 na\u0308ive',
];

// GPT-2's bytes_to_unicode: printable bytes as themselves, the others from U+0100 on.
function bytesToUnicode() {
    const bs = [];
    for (let b = 33; b <= 126; ++b) bs.push(b);
    for (let b = 161; b <= 172; ++b) bs.push(b);
    for (let b = 174; b <= 255; ++b) bs.push(b);
    const cs = bs.slice();
    let n = 0;
    for (let b = 0; b < 256; ++b) {
        if (!bs.includes(b)) {
            bs.push(b);
            cs.push(256 + n);
            ++n;
        }
    }
    const map = {};
    bs.forEach((b, i) => { map[b] = String.fromCodePoint(cs[i]); });
    return map;
}

// Learns merges on the corpus split by `pattern` (JavaScript's u-mode version of it).
function learnMerges(pattern, byteMap) {
    const re = new RegExp(pattern.replace('(?i:', '(?:').replace("'s|'t|'re|'ve|'m|'ll|'d", "'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD]"), 'gu');
    const words = (CORPUS.match(re) || []).map((w) => Array.from(Buffer.from(w, 'utf8')).map((b) => byteMap[b]));
    const merges = [];
    for (let m = 0; m < MERGES; ++m) {
        const counts = new Map();
        for (const w of words)
            for (let i = 0; i + 1 < w.length; ++i) {
                const k = w[i] + ' ' + w[i + 1];
                counts.set(k, (counts.get(k) || 0) + 1);
            }
        let best = null;
        for (const [k, c] of counts) if (!best || c > best[1] || (c === best[1] && k < best[0])) best = [k, c];
        if (!best) break;
        const [a, b] = best[0].split(' ');
        merges.push([a, b]);
        for (const w of words)
            for (let i = 0; i + 1 < w.length; ++i)
                if (w[i] === a && w[i + 1] === b) w.splice(i, 2, a + b);
    }
    return merges;
}

function tokenizerJson(pattern, withBos, pairs, nfc) {
    const byteMap = bytesToUnicode();
    const vocab = {};
    for (let b = 0; b < 256; ++b) vocab[byteMap[b]] = Object.keys(vocab).length;
    const merges = learnMerges(pattern, byteMap);
    for (const [a, b] of merges) if (!(a + b in vocab)) vocab[a + b] = Object.keys(vocab).length;
    while (Object.keys(vocab).length < 297) vocab[`<|reserved_${Object.keys(vocab).length}|>`] = Object.keys(vocab).length;
    const specials = ['<|begin_of_text|>', '<|end_of_text|>', '<|pad|>'];
    const added = specials.map((content, i) => ({ id: 297 + i, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
    specials.forEach((s, i) => { vocab[s] = 297 + i; });
    const post = withBos
        ? { type: 'Sequence', processors: [
            { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
            { type: 'TemplateProcessing',
              single: [{ SpecialToken: { id: '<|begin_of_text|>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
              pair: [{ SpecialToken: { id: '<|begin_of_text|>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } },
                     { SpecialToken: { id: '<|begin_of_text|>', type_id: 1 } }, { Sequence: { id: 'B', type_id: 1 } }],
              special_tokens: { '<|begin_of_text|>': { id: '<|begin_of_text|>', ids: [297], tokens: ['<|begin_of_text|>'] } } }] }
        : { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false };
    return {
        version: '1.0', truncation: null, padding: null, added_tokens: added, normalizer: nfc ? { type: 'NFC' } : null,
        pre_tokenizer: { type: 'Sequence', pretokenizers: [
            { type: 'Split', pattern: { Regex: pattern }, behavior: 'Isolated', invert: false },
            { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false }] },
        post_processor: post,
        decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
        model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
                 fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab,
                 merges: pairs ? merges : merges.map(([a, b]) => `${a} ${b}`) },
    };
}

function write(folder, pattern, withBos, pairs, nfc) {
    const json = tokenizerJson(pattern, withBos, pairs, nfc);
    const config = { add_bos_token: withBos, bos_token: withBos ? '<|begin_of_text|>' : null, eos_token: '<|end_of_text|>',
                     pad_token: '<|pad|>', model_max_length: 64, tokenizer_class: 'PreTrainedTokenizerFast' };
    writeReference(folder, json, config, SENTENCES);
}

// SentencePiece-style BPE (Llama 2, TinyLlama, Mistral): code points as symbols, spaces as
// U+2581, <0xXX> tokens for bytes of what the vocabulary lacks; <unk> <s> </s> are ids 0..2.
const SP = '\u2581';

function learnSpMerges(alphabet) {
    const words = CORPUS.split(/\s+/).filter((w) => w).map((w) => Array.from(SP + w));
    const merges = [];
    for (let m = 0; m < MERGES; ++m) {
        const counts = new Map();
        for (const w of words)
            for (let i = 0; i + 1 < w.length; ++i) {
                const k = JSON.stringify([w[i], w[i + 1]]);
                counts.set(k, (counts.get(k) || 0) + 1);
            }
        let best = null;
        for (const [k, c] of counts) if (!best || c > best[1] || (c === best[1] && k < best[0])) best = [k, c];
        if (!best) break;
        const [a, b] = JSON.parse(best[0]);
        merges.push([a, b]);
        for (const w of words)
            for (let i = 0; i + 1 < w.length; ++i)
                if (w[i] === a && w[i + 1] === b) w.splice(i, 2, a + b);
    }
    return merges;
}

// legacy: Llama 2's normalizer (Prepend then Replace) without a pre_tokenizer; otherwise the
// Metaspace pre_tokenizer (prepend to the first section) of newer conversions (Mistral v0.3).
function spTokenizerJson(legacy) {
    const vocab = { '<unk>': 0, '<s>': 1, '</s>': 2 };
    for (let b = 0; b < 256; ++b) vocab[`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`] = 3 + b;
    const alphabet = [...new Set(Array.from(SP + CORPUS.replace(/\s+/g, SP)))].sort();
    for (const c of alphabet) vocab[c] = Object.keys(vocab).length;
    const merges = learnSpMerges(alphabet);
    for (const [a, b] of merges) if (!(a + b in vocab)) vocab[a + b] = Object.keys(vocab).length;
    const added = ['<unk>', '<s>', '</s>'].map((content, id) => ({ id, content, single_word: false, lstrip: false,
        rstrip: false, normalized: false, special: true }));
    const metaspace = { type: 'Metaspace', replacement: SP, prepend_scheme: 'first', split: false };
    return {
        version: '1.0', truncation: null, padding: null, added_tokens: added,
        normalizer: legacy ? { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: SP },
            { type: 'Replace', pattern: { String: ' ' }, content: SP }] } : null,
        pre_tokenizer: legacy ? null : metaspace,
        post_processor: { type: 'TemplateProcessing',
            single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
            pair: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } },
                   { SpecialToken: { id: '<s>', type_id: 1 } }, { Sequence: { id: 'B', type_id: 1 } }],
            special_tokens: { '<s>': { id: '<s>', ids: [1], tokens: ['<s>'] } } },
        decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: SP }, content: ' ' },
            { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] },
        model: { type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null,
                 fuse_unk: true, byte_fallback: true, ignore_merges: false, vocab, merges: legacy ? merges.map(([a, b]) => `${a} ${b}`) : merges },
    };
}

function writeSp(folder, legacy) {
    fs.mkdirSync(folder, { recursive: true });
    const json = spTokenizerJson(legacy);
    const config = { add_bos_token: true, add_eos_token: false, bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>',
                     model_max_length: 64, tokenizer_class: 'LlamaTokenizer' };
    writeReference(folder, json, config, [...SENTENCES, '<s> spaced </s>and <unk>', ' one leading space']);
}

function writeReference(folder, json, config, sentences) {
    fs.writeFileSync(path.join(folder, 'tokenizer.json'), JSON.stringify(json, null, 1) + '\n');
    fs.writeFileSync(path.join(folder, 'tokenizer_config.json'), JSON.stringify(config, null, 2) + '\n');
    const tokenizer = new Tokenizer(json, config);
    const cases = sentences.map((text) => {
        const ids = tokenizer.encode(text).ids;
        return { text, ids, decoded: tokenizer.decode(ids, { skip_special_tokens: true }) };
    });
    fs.writeFileSync(path.join(folder, 'tokenizer_reference.json'), JSON.stringify({
        generator: 'tools/decoder_tokenizer_reference.mjs (@huggingface/tokenizers 0.2.0)', cases }, null, 1) + '\n');
    console.log(folder, json.model.merges.length, 'merges,', Object.keys(json.model.vocab).length, 'tokens');
}

write('tests/data/hf/llama-tiny', LLAMA3, true, false, false);
write('tests/data/hf/qwen2-tiny', QWEN2, false, true, true);
writeSp('tests/data/tokenizers/sp-legacy', true);
writeSp('tests/data/tokenizers/sp-metaspace', false);
