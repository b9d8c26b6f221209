// Published facts about model families: exact parameter counts, sizes of models whose names carry no size,
// training tokens, and FLOPs where 6·N·D cannot reproduce the cited value.
//
// Source marks: [P] primary text or file, [S] secondary text, [R] recalled, [I] inferred. Facts marked [R] or [I]
// carry `estimated: true` so the hover can say "estimated".
import { nameKey } from './normalize';

export interface Fact {
  value: number;
  /** True when the value is only recalled or inferred, not read in a source. */
  estimated: boolean;
  /** Short citation for the hover. */
  source: string;
}

export interface RegistryEntry {
  /** Tested against `nameKey(name)`: last path component, lower case, "_"/blanks as "-", "-hf" dropped. */
  match: RegExp;
  /** Family for names whose size is a word ("gpt2-medium", "t5-xxl", "davinci") or absent. */
  family?: string;
  /** Total parameters. */
  params?: Fact;
  /** Training tokens of the full run. */
  tokens?: Fact;
  /** Tokens per optimizer step, for checkpoints named "stepN". */
  tokensPerStep?: Fact;
  /** Training tokens as a multiple of the parameter count (Chinchilla-style suites). */
  tokensPerParam?: Fact;
  /** Training FLOPs as cited, where 6·N·D does not reproduce them. */
  flops?: Fact;
}

/** Merged view: for each field, the first entry that matches and states it. */
export type RegistryHit = Omit<RegistryEntry, 'match'>;

const P = (value: number, source: string): Fact => ({ value, estimated: false, source });
/** Recalled or inferred: shown as "estimated". */
const R = (value: number, source: string): Fact => ({ value, estimated: true, source });

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One entry per size: `^<prefix><size><suffix>$`. */
function sized(prefix: string, suffix: string, sizes: [string, Omit<RegistryEntry, 'match'>][]): RegistryEntry[] {
  return sizes.map(([size, rest]) => ({ match: new RegExp(`^${prefix}(?:${size.split('|').map(esc).join('|')})${suffix}$`), ...rest }));
}

// --- Pythia [P: EleutherAI/pythia README @ a19eecb; counts P-code, 70m/160m S: two independent tables] ---
const PYTHIA = 'pythia(?:-v1\\.1)?-';
const PYTHIA_SUFFIX = '(?:-deduped)?(?:-v0)?';
const PYTHIA_SRC = 'Pythia parameter table';
const pythia: RegistryEntry[] = [
  ...sized(PYTHIA, PYTHIA_SUFFIX, [
    ['70m', { params: P(70_426_624, `${PYTHIA_SRC} [S]`) }],
    ['160m', { params: P(162_322_944, `${PYTHIA_SRC} [S]`) }],
    ['410m', { params: P(405_334_016, `${PYTHIA_SRC} [P]`) }],
    ['1b', { params: P(1_011_781_632, `${PYTHIA_SRC} [P]`) }],
    ['1.4b', { params: P(1_414_647_808, `${PYTHIA_SRC} [P]`) }],
    ['2.8b', { params: P(2_775_208_960, `${PYTHIA_SRC} [P]`) }],
    ['6.9b', { params: P(6_857_302_016, `${PYTHIA_SRC} [P]`) }],
    ['12b', { params: P(11_846_072_320, `${PYTHIA_SRC} [P]`) }],
  ]),
  {
    // Any size (14m and 31m came later, same data and schedule); not the bf16 / batch-size variants.
    match: new RegExp(`^${PYTHIA}\\d+(?:\\.\\d+)?[mb]${PYTHIA_SUFFIX}$`),
    tokens: P(299_892_736_000, 'Pythia README: 299,892,736,000 tokens per model [P]'),
    tokensPerStep: P(2_097_152, 'Pythia README: 143,000 steps × 2,097,152 tokens [P]'),
  },
];

// --- GPT-2 [P: friedeggs/in-context_learning data/model_info.py, via formats.md §6] ---
const gpt2: RegistryEntry[] = sized('', '', [
  ['gpt2', { family: 'gpt2', params: P(124_439_808, 'GPT-2 parameter count [P]') }],
  ['gpt2-medium', { family: 'gpt2', params: P(354_823_168, 'GPT-2 parameter count [P]') }],
  ['gpt2-large', { family: 'gpt2', params: P(774_030_080, 'GPT-2 parameter count [P]') }],
  ['gpt2-xl', { family: 'gpt2', params: P(1_557_611_200, 'GPT-2 parameter count [P]') }],
]);

// --- GPT-3 ---
// API engine sizes are EleutherAI's estimate; another source maps ada/babbage/curie to 2.7B/6.7B/13B [P], so
// they are contested and always "estimated".
const API = 'OpenAI API engine; EleutherAI size estimate, contested [R]';
const GPT3_PAPER = 'GPT-3 paper model sizes [R]';
const GPT3_TOKENS = P(300e9, 'GPT-3: 300B tokens (Chinchilla Table 1) [S]');
const gpt3: RegistryEntry[] = [
  ...sized('', '', [
    ['ada', { family: 'gpt-3', params: R(350e6, API) }],
    ['babbage', { family: 'gpt-3', params: R(1.3e9, API) }],
    ['curie', { family: 'gpt-3', params: R(6.7e9, API) }],
    ['davinci', { family: 'gpt-3', params: R(175e9, API) }],
  ]),
  { match: /^(?:ada|babbage|curie|davinci)$/, tokens: GPT3_TOKENS },
  // InstructGPT engines: same base sizes, but further training of unknown length, so no tokens.
  ...sized('text-', '-001', [
    ['ada', { family: 'gpt-3-text-001', params: R(350e6, API) }],
    ['babbage', { family: 'gpt-3-text-001', params: R(1.3e9, API) }],
    ['curie', { family: 'gpt-3-text-001', params: R(6.7e9, API) }],
    ['davinci', { family: 'gpt-3-text-001', params: R(175e9, API) }],
  ]),
  { match: /^text-davinci-002$/, family: 'gpt-3-text-002', params: R(175e9, API) },
  { match: /^text-davinci-003$/, family: 'gpt-3-text-003', params: R(175e9, API) },
  // BIG-bench names ("GPT-3-Small", stems "GPT_GPT-3-…"); "3B"/"6B"/"200B" are BIG-bench's labels for the
  // paper's 2.7B/6.7B/175B [P-code names; mapping I].
  ...sized('(?:gpt-)?gpt-3-', '', [
    ['small', { params: R(125e6, GPT3_PAPER) }],
    ['medium', { params: R(350e6, GPT3_PAPER) }],
    ['large', { params: R(760e6, GPT3_PAPER) }],
    ['xl', { params: R(1.3e9, GPT3_PAPER) }],
    ['3b|2.7b', { params: R(2.7e9, GPT3_PAPER) }],
    ['6b|6.7b', { params: R(6.7e9, GPT3_PAPER) }],
    ['13b', { params: P(13e9, 'Wei et al. Table 1 [P]') }],
    ['200b|175b', { params: P(175e9, 'Wei et al. Table 1 (BIG-bench calls it 200B) [P]') }],
  ]),
  {
    match: /^(?:gpt-)?gpt-3-(?:small|medium|large|xl|\d+(?:\.\d+)?[mb])$/,
    family: 'gpt-3',
    tokens: GPT3_TOKENS,
  },
];

// --- T5 [sizes R: T5 paper / model cards]. Wei et al. cite T5 11B at 3.3E+22 FLOPs [P], which 6·N·D with
// T5's own pretraining length does not give, so that value is kept as cited. ---
const T5_SRC = 'T5 model sizes [R]';
const T5_11B_FLOPS = P(3.3e22, 'Wei et al. Table 1 (T5 11B) [P]');
const t5: RegistryEntry[] = [
  ...sized('t5-', '', [
    ['small', { family: 't5', params: R(60e6, T5_SRC) }],
    ['base', { family: 't5', params: R(220e6, T5_SRC) }],
    ['large', { family: 't5', params: R(770e6, T5_SRC) }],
    ['xl|3b', { family: 't5', params: R(3e9, T5_SRC) }],
    ['xxl|11b', { family: 't5', params: R(11e9, T5_SRC), flops: T5_11B_FLOPS }],
  ]),
  ...(['t5-v1.1', 'flan-t5'] as const).flatMap((family) =>
    sized(`${esc(family)}-`, '', [
      ['small', { family, params: R(77e6, T5_SRC) }],
      ['base', { family, params: R(250e6, T5_SRC) }],
      ['large', { family, params: R(780e6, T5_SRC) }],
      ['xl', { family, params: R(3e9, T5_SRC) }],
      ['xxl', { family, params: R(11e9, T5_SRC) }],
    ]),
  ),
];

// --- DeepMind and Google models of Wei et al. ---
const deepmindGoogle: RegistryEntry[] = [
  { match: /^gopher$/, family: 'gopher', params: P(280e9, 'Wei et al. Table 1 [P]') },
  { match: /^gopher(?:-\d+(?:\.\d+)?[mb])?$/, tokens: P(300e9, 'Gopher: 300B tokens (Chinchilla Table 1) [S]') },
  // Wei prints Chinchilla at 5.0E+23 (Gopher's compute class); 6·N·D gives 5.9E+23 and is what is used here.
  {
    match: /^chinchilla(?:-70b)?$/,
    family: 'chinchilla',
    params: P(70e9, 'Wei et al. Table 1 [P]'),
    tokens: P(1.4e12, 'Chinchilla: 1.4T tokens [S]'),
  },
  // BIG-bench calls PaLM 62B and 540B "64b" and "535b" [P-code names].
  ...sized('palm-', '', [
    ['8b', { params: R(8e9, 'PaLM model sizes [R]') }],
    ['62b|64b', { params: P(62e9, 'Wei et al. Table 1 (BIG-bench calls it 64b) [P]') }],
    ['540b|535b', { params: P(540e9, 'Wei et al. Table 1 (BIG-bench calls it 535b) [P]') }],
  ]),
  { match: /^palm$/, family: 'palm', params: P(540e9, 'Wei et al. Table 1 [P]') },
  {
    match: /^palm(?:-(?:8b|62b|64b|540b|535b))?$/,
    tokens: R(780e9, 'PaLM: 780B tokens [R]; reproduces Wei Table 1 FLOPs'),
  },
  // LaMDA: Wei's FLOPs cannot be reproduced from LaMDA's published token counts; keep them as cited.
  { match: /^lamda$/, family: 'lamda', params: R(137e9, 'LaMDA model sizes [R]') },
  { match: /^lamda-68b$/, flops: P(1.3e23, 'Wei et al. Table 1 (LaMDA 68B) [P]') },
  { match: /^lamda-40m$/, flops: P(8.9e19, 'Wei et al. Table 1 (LaMDA 40M) [P]') },
];

const anthropic: RegistryEntry[] = [
  { match: /^anthropic(?:-lm)?-52b$/, flops: P(2.6e23, 'Wei et al. Table 1 (Anthropic LM 52B) [P]') },
];

// --- Open suites ---
const LLAMA1 = 'LLaMA paper Table 2 [R]';
const LLAMA2 = 'Llama-2 parameter count [R]';
const LLAMA3 = 'Llama-3 parameter count [R]';
const BLOOM = 'BLOOM model card parameter count [R]';
const BLOOM_TOKENS = R(366e9, 'BLOOM: 366B tokens [R]');
const open: RegistryEntry[] = [
  // LLaMA-1: the "30b" checkpoint is the paper's 33B (32.5B parameters).
  ...sized('llama-', '(?:-.*)?', [
    ['7b', { params: R(6.7e9, LLAMA1), tokens: R(1e12, 'LLaMA: 1T tokens for 7B and 13B [R]') }],
    ['13b', { params: R(13.0e9, LLAMA1), tokens: R(1e12, 'LLaMA: 1T tokens for 7B and 13B [R]') }],
    ['30b|33b', { params: R(32.5e9, LLAMA1), tokens: R(1.4e12, 'LLaMA: 1.4T tokens for 33B and 65B [R]') }],
    ['65b', { params: R(65.2e9, LLAMA1), tokens: R(1.4e12, 'LLaMA: 1.4T tokens for 33B and 65B [R]') }],
  ]),
  ...sized('llama-2-', '(?:-.*)?', [
    ['7b', { params: R(6_738_415_616, LLAMA2) }],
    ['13b', { params: R(13_015_864_320, LLAMA2) }],
    ['70b', { params: R(68_976_648_192, LLAMA2) }],
  ]),
  { match: /^llama-2-(?:7b|13b|70b)(?:-.*)?$/, tokens: R(2e12, 'Llama 2: 2T tokens [R]') },
  ...sized('(?:meta-)?llama-3-', '(?:-.*)?', [
    ['8b', { params: R(8_030_261_248, LLAMA3) }],
    ['70b', { params: R(70_553_706_496, LLAMA3) }],
  ]),
  { match: /^(?:meta-)?llama-3-(?:8b|70b)(?:-.*)?$/, tokens: R(15e12, 'Llama 3: 15T tokens [R]') },
  { match: /^opt-\d+(?:\.\d+)?[mb]$/, tokens: R(180e9, 'OPT: 180B tokens [R]') },
  ...sized('bloom-', '', [
    ['560m', { params: R(559_214_592, BLOOM) }],
    ['1b1', { params: R(1_065_314_304, BLOOM) }],
    ['1b7', { params: R(1_722_408_960, BLOOM) }],
    ['3b', { params: R(3_002_557_440, BLOOM) }],
    ['7b1', { params: R(7_069_016_064, BLOOM) }],
    ['176b', { params: R(176_247_271_424, BLOOM) }],
  ]),
  { match: /^bloom$/, family: 'bloom', params: R(176_247_271_424, BLOOM) },
  { match: /^bloom(?:-(?:560m|1b1|1b7|3b|7b1|176b))?$/, tokens: BLOOM_TOKENS },
  {
    match: /^qwen2\.5-0\.5b(?:-.*)?$/,
    params: R(494_032_768, 'Qwen2-0.5B count [S]; same architecture [I]'),
  },
  { match: /^qwen2\.5-1\.5b(?:-.*)?$/, params: P(1_543_714_304, 'Qwen2.5-1.5B count [S]') },
  {
    match: /^qwen2\.5-(?:0\.5b|1\.5b|3b|7b|14b|32b|72b)(?:-.*)?$/,
    tokens: R(18e12, 'Qwen2.5: 18T tokens [R]'),
  },
  { match: /^olmo-7b$/, tokens: R(2.46e12, 'OLMo-7B: 2.46T tokens [R]') },
  { match: /^olmo-1b$/, tokens: R(3e12, 'OLMo-1B: 3T tokens [R]') },
  {
    match: /^cerebras-gpt-\d+(?:\.\d+)?[mb]$/,
    tokensPerParam: P(20, 'Cerebras-GPT model cards: 20 tokens per parameter [P]'),
  },
  // Wei et al. print "EleutherAI 6B" at 1.4E+22, which 400B tokens reproduces.
  { match: /^gpt-j-6b$/, tokens: R(400e9, 'GPT-J: 400B tokens [R]') },
  // Counts from config.model_num_parameters in the lm-eval results files [P].
  ...sized('mamba2-', '', [
    ['130m', { params: P(128_989_632, 'lm-eval results file [P]') }],
    ['370m', { params: P(368_346_624, 'lm-eval results file [P]') }],
    ['780m', { params: P(780_161_280, 'lm-eval results file [P]') }],
    ['1.3b', { params: P(1_343_757_312, 'lm-eval results file [P]') }],
    ['2.7b', { params: P(2_702_599_680, 'lm-eval results file [P]') }],
  ]),
  { match: /^mamba2-(?:130m|370m|780m|1\.3b|2\.7b)$/, tokens: R(300e9, 'Mamba-2: 300B tokens of the Pile [R]') },
  // Mixture of experts: total parameters (all experts), not the active ones.
  { match: /^mixtral-8x7b(?:-.*)?$/, params: R(46.7e9, 'Mixtral 8x7B: 46.7B total, 12.9B active [R]') },
  { match: /^mixtral-8x22b(?:-.*)?$/, params: R(141e9, 'Mixtral 8x22B: 141B total, 39B active [R]') },
];

export const REGISTRY: readonly RegistryEntry[] = [...pythia, ...gpt2, ...gpt3, ...t5, ...deepmindGoogle, ...anthropic, ...open];

/** Everything the registry knows about a model name. */
export function lookupRegistry(name: string): RegistryHit {
  const key = nameKey(name);
  const hit: RegistryHit = {};
  if (!key) return hit;
  for (const entry of REGISTRY) {
    if (!entry.match.test(key)) continue;
    hit.family ??= entry.family;
    hit.params ??= entry.params;
    hit.tokens ??= entry.tokens;
    hit.tokensPerStep ??= entry.tokensPerStep;
    hit.tokensPerParam ??= entry.tokensPerParam;
    hit.flops ??= entry.flops;
  }
  return hit;
}
