// Writes the example workspace: synthetic results for made-up model families, in each supported format,
// shaped to show every verdict. The data are invented (seeded, reproducible), not measurements of real models.
// Run: node examples/generate.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

let seed = 20221026;
/** Small, reproducible noise (a linear congruential generator). */
function noise(scale) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return (seed / 2147483648 - 0.5) * 2 * scale;
}
const clamp = (v) => Math.min(1, Math.max(0, v));
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const round = (v) => Math.round(v * 1e4) / 1e4;
const binomialSe = (p, n) => Math.sqrt((p * (1 - p)) / (n - 1));

function write(path, text) {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

// --- lm-evaluation-harness v0.4 results: one file per model of the "toy-lm" family --------------------------------
const sizes = [
  ['70m', 7.0e7],
  ['160m', 1.6e8],
  ['410m', 4.1e8],
  ['1.4b', 1.4e9],
  ['2.8b', 2.8e9],
  ['6.9b', 6.9e9],
  ['12b', 1.2e10],
];
const n = { arithmetic_3da: 2000, lambada_openai: 5153, mmlu: 14042, hellaswag: 10042, gsm8k: 400, gsm8k_cot: 400 };

// Grade-school maths with and without chain-of-thought (8-shot each, run with --limit 400 and --log_samples). Its own
// generator, so adding it left the other examples' numbers as they were.
let mathSeed = 20230428;
function mathRandom() {
  mathSeed = (mathSeed * 1103515245 + 12345) % 2147483648;
  return mathSeed / 2147483648;
}
/** Per-sample log of gsm8k_cot: a 4-digit answer, each digit right with probability q (smooth in log scale). */
function mathSamples(q) {
  const records = [];
  for (let doc = 0; doc < n.gsm8k_cot; doc++) {
    const target = String(1000 + Math.floor(mathRandom() * 9000));
    const answer = [...target].map((d) => (mathRandom() < q ? d : String((Number(d) + 1 + Math.floor(mathRandom() * 9)) % 10))).join('');
    const exact = answer === target ? 1 : 0;
    records.push({
      doc_id: doc,
      doc: { question: `Problem ${doc + 1}`, answer: `#### ${target}` },
      target,
      arguments: { gen_args_0: { arg_0: `Q: Problem ${doc + 1}\nA: Let's think step by step.`, arg_1: { until: ['Q:'] } } },
      resps: [[`Step by step ... The answer is ${answer}.`]],
      filtered_resps: [answer],
      filter: 'strict-match',
      metrics: ['exact_match'],
      exact_match: exact,
    });
  }
  return records;
}

sizes.forEach(([label, params], i) => {
  const u = Math.log10(params);
  // Three-digit addition: per-digit skill rises smoothly, the whole answer needs all three right.
  const perDigit = clamp(sigmoid(2.4 * (u - 9.3)));
  const arithmetic = clamp(perDigit ** 3 + noise(0.002));
  const lambada = clamp(0.2 + 0.17 * (u - 7.8) + noise(0.005));
  const perplexity = 120 * Math.exp(-1.05 * (u - 7.8));
  const mmlu = clamp(0.25 + noise(0.003));
  const hellaswag = clamp(0.27 + 0.1 * (u - 7.8) + noise(0.004));
  const samples = mathSamples(clamp(sigmoid(2.2 * (u - 9.2))));
  const cot = samples.reduce((sum, r) => sum + r.exact_match, 0) / samples.length;
  const plain = clamp(0.03 + 0.05 * (u - 7.8) + (mathRandom() - 0.5) * 0.006);
  // Language-modelling loss on held-out text, falling smoothly (no noise drawn, so the other numbers stay as they were).
  const bitsPerByte = 1.25 - 0.11 * (u - 7.8);
  const results = {
    arithmetic_3da: { alias: 'arithmetic_3da', 'acc,none': round(arithmetic), 'acc_stderr,none': round(binomialSe(Math.max(arithmetic, 0.001), n.arithmetic_3da)) },
    lambada_openai: {
      alias: 'lambada_openai',
      'perplexity,none': round(perplexity),
      'perplexity_stderr,none': round(perplexity * 0.03),
      'acc,none': round(lambada),
      'acc_stderr,none': round(binomialSe(lambada, n.lambada_openai)),
    },
    mmlu: { alias: 'mmlu', 'acc,none': round(mmlu), 'acc_stderr,none': round(binomialSe(mmlu, n.mmlu)) },
    hellaswag: {
      alias: 'hellaswag',
      'acc,none': round(hellaswag),
      'acc_stderr,none': round(binomialSe(hellaswag, n.hellaswag)),
      'acc_norm,none': round(hellaswag + 0.03),
      'acc_norm_stderr,none': round(binomialSe(hellaswag + 0.03, n.hellaswag)),
    },
    gsm8k: { alias: 'gsm8k', 'exact_match,strict-match': round(plain), 'exact_match_stderr,strict-match': round(binomialSe(plain, n.gsm8k)) },
    gsm8k_cot: { alias: 'gsm8k_cot', 'exact_match,strict-match': round(cot), 'exact_match_stderr,strict-match': round(binomialSe(Math.max(cot, 0.001), n.gsm8k_cot)) },
    wikitext: { alias: 'wikitext', 'word_perplexity,none': round(2 ** (bitsPerByte * 4.7)), 'byte_perplexity,none': round(2 ** bitsPerByte), 'bits_per_byte,none': round(bitsPerByte) },
  };
  const file = {
    results,
    'n-shot': { arithmetic_3da: 0, lambada_openai: 0, mmlu: 5, hellaswag: 0, gsm8k: 8, gsm8k_cot: 8, wikitext: 0 },
    'n-samples': Object.fromEntries(Object.entries(n).map(([task, count]) => [task, { original: count, effective: count }])),
    higher_is_better: {
      arithmetic_3da: { acc: true },
      lambada_openai: { perplexity: false, acc: true },
      mmlu: { acc: true },
      hellaswag: { acc: true, acc_norm: true },
      gsm8k: { exact_match: true },
      gsm8k_cot: { exact_match: true },
      wikitext: { word_perplexity: false, byte_perplexity: false, bits_per_byte: false },
    },
    config: { model: 'hf', model_args: `pretrained=example-org/toy-lm-${label}`, model_num_parameters: Math.round(params * (1 + 0.01 * i)), batch_size: 'auto' },
    model_name: `example-org/toy-lm-${label}`,
    model_name_sanitized: `example-org__toy-lm-${label}`,
    date: 1735689600 + i,
  };
  write(`lm-eval/example-org__toy-lm-${label}/results_2025-01-01T00-00-0${i}.json`, JSON.stringify(file, null, 2) + '\n');
  write(`lm-eval/example-org__toy-lm-${label}/samples_gsm8k_cot_2025-01-01T00-00-0${i}.jsonl`, samples.map((r) => JSON.stringify(r)).join('\n') + '\n');
});

// --- BIG-bench results: one file per BIG-G model, for one task with two subtasks ------------------------------------
const bigG = [
  ['2m', 2.1e6],
  ['16m', 1.6e7],
  ['53m', 5.3e7],
  ['125m', 1.25e8],
  ['422m', 4.22e8],
  ['2b', 2.1e9],
  ['8b', 8.6e9],
  ['27b', 2.7e10],
  ['128b', 1.28e11],
];
for (const [label, params] of bigG) {
  const u = Math.log10(params);
  const perToken = clamp(sigmoid(1.4 * (u - 9.6)));
  const scores = [2, 3].map((digits) => {
    const exact = clamp(perToken ** (digits + 1) + noise(0.003));
    return {
      number_of_shots: 2,
      preferred_score: 'exact_str_match',
      subtask_description: `modified_arithmetic:${digits === 2 ? 'two' : 'three'}_digit_addition`,
      low_score: 0,
      high_score: 1,
      score_dict: { exact_str_match: round(exact), log_likelihood: round(-12 * (1 - perToken) - 0.2) },
    };
  });
  const file = {
    model: {
      model_family: 'BIG-G T=0',
      model_name: label,
      non_embedding_params: Math.round(params),
      flop_matched_non_embedding_params: Math.round(params),
      total_params: Math.round(params * 1.1),
      training_batch_size: 262144,
      training_steps: 500000,
      description: 'Synthetic example in the BIG-bench results format',
      decoding_params: {},
    },
    scores,
    task: { task_name: 'modified_arithmetic' },
  };
  write(`big-bench/modified_arithmetic/results/scores_BIG-G_${label}_T=0.json`, JSON.stringify(file, null, 2) + '\n');
}

// --- Tidy tables ----------------------------------------------------------------------------------------------------
// CSV: word unscrambling by exact match (all-or-nothing over ~5 letters) and by a graded per-letter score.
const family = [
  ['tiny-125m', 1.25e8],
  ['tiny-350m', 3.5e8],
  ['tiny-1.3b', 1.3e9],
  ['tiny-6.7b', 6.7e9],
  ['tiny-13b', 1.3e10],
  ['tiny-175b', 1.75e11],
];
const csv = ['model,family,params,task,metric,score,stderr,n,shots'];
for (const [model, params] of family) {
  const u = Math.log10(params);
  const perLetter = clamp(0.25 + 0.17 * (u - 8.1) + noise(0.01));
  const exact = clamp(perLetter ** 5 + noise(0.002));
  csv.push(`${model},tiny,${params},word_unscramble,exact_match,${round(exact * 100)},${round(binomialSe(Math.max(exact, 0.001), 1000) * 100)},1000,2`);
  csv.push(`${model},tiny,${params},word_unscramble,letter_partial_credit,${round(perLetter * 100)},${round(binomialSe(perLetter, 1000) * 100)},1000,2`);
}
write('tables/word-unscramble.csv', csv.join('\n') + '\n');

// TSV: one task that gets worse with scale and one that dips and recovers.
const tsv = ['model\tparameters\ttask\tmetric\tscore\tn\tbaseline'];
for (const [model, params] of family) {
  const u = Math.log10(params);
  const inverse = clamp(0.82 - 0.1 * (u - 8.1) + noise(0.01));
  const ushape = clamp(0.5 + 0.08 * (u - 9.6) ** 2 - 0.12 + noise(0.01));
  tsv.push(`${model}\t${params}\tredefine_math\taccuracy\t${round(inverse)}\t1000\t0.5`);
  tsv.push(`${model}\t${params}\thindsight_neglect\taccuracy\t${round(ushape)}\t1000\t0.5`);
}
write('tables/inverse-scaling.tsv', tsv.join('\n') + '\n');

// JSONL: an easy task at the ceiling everywhere, and a task run on two sizes only.
const jsonl = [];
for (const [model, params] of family) {
  jsonl.push({ model, params, task: 'copy_letters', metric: 'exact_match', score: round(clamp(0.975 + noise(0.01))), n: 500 });
}
for (const [model, params] of family.slice(0, 2)) {
  jsonl.push({ model, params, task: 'sarcasm_detection', metric: 'accuracy', score: round(0.5 + noise(0.05)), n: 200, baseline: 0.5 });
}
write('tables/more-tasks.jsonl', jsonl.map((row) => JSON.stringify(row)).join('\n') + '\n');
