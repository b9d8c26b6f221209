import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  familyFromModelName,
  lookupRegistry,
  ModelResolver,
  nameKey,
  parseScaleNumber,
  parseSizeToken,
  sizeFromModelName,
  stepFromRevision,
  tokensFromRevision,
} from '../../server/src/core/scale';

describe('parseSizeToken', () => {
  const cases: [string, number | undefined][] = [
    ['1.4b', 1.4e9],
    ['70m', 7e7],
    ['1b7', 1.7e9],
    ['7b1', 7.1e9],
    ['560m', 5.6e8],
    ['6.7B', 6.7e9],
    ['128b', 128e9],
    ['2m', 2e6],
    ['4k', 4e3],
    ['1.4T', 1.4e12],
    ['2e22', undefined], // an exponent is not a size token
    ['1400000000', undefined],
    ['v1.1', undefined],
    ['2.5', undefined],
    ['b', undefined],
    ['0m', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) {
    test(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(parseSizeToken(text), expected));
  }
  test('exact decimal values, not float products', () => {
    // 1.4 * 1e9 is 1399999999.9999998 in binary floating point; the parsed size must be the integer.
    assert.equal(parseSizeToken('1.4b'), 1_400_000_000);
    assert.equal(parseSizeToken('2.8b'), 2_800_000_000);
    assert.equal(parseSizeToken('6.9b'), 6_900_000_000);
  });
});

describe('parseScaleNumber (override values)', () => {
  const cases: [string, number | undefined][] = [
    ['1.4B', 1.4e9],
    ['2e22', 2e22],
    ['2.5E+21', 2.5e21],
    ['1,414,647,808', 1_414_647_808],
    ['1_000', 1000],
    ['300b', 3e11],
    [' 70M ', 7e7],
    ['1,4', undefined], // not a thousands grouping: refuse rather than read 14
    ['1234,567', undefined],
    ['-5', undefined],
    ['0', undefined],
    ['abc', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) {
    test(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(parseScaleNumber(text), expected));
  }
});

describe('stepFromRevision / tokensFromRevision', () => {
  test('steps', () => {
    assert.equal(stepFromRevision('step143000'), 143000);
    assert.equal(stepFromRevision('step0'), 0);
    assert.equal(stepFromRevision('global_step1000'), 1000);
    assert.equal(stepFromRevision('step1000-tokens4B'), 1000);
    assert.equal(stepFromRevision('main'), undefined);
    assert.equal(stepFromRevision('mystep12'), undefined);
  });
  test('OLMo-style token counts in a revision', () => {
    assert.equal(tokensFromRevision('step1000-tokens4B'), 4e9);
    assert.equal(tokensFromRevision('step20000-tokens84B'), 84e9);
    assert.equal(tokensFromRevision('step143000'), undefined);
  });
});

/** name → [params, source, family]. Registry counts where published, else the size in the name. */
const TABLE: [string, number, 'registry' | 'name', string][] = [
  ['EleutherAI/pythia-1.4b', 1_414_647_808, 'registry', 'pythia'],
  ['EleutherAI/pythia-1.4b-deduped', 1_414_647_808, 'registry', 'pythia-deduped'],
  ['pythia-160m-deduped', 162_322_944, 'registry', 'pythia-deduped'],
  ['EleutherAI/pythia-12b-deduped', 11_846_072_320, 'registry', 'pythia-deduped'],
  ['EleutherAI/pythia-v1.1-70m-deduped', 70_426_624, 'registry', 'pythia-v1.1-deduped'],
  ['pythia-v1.1-12b-deduped', 11_846_072_320, 'registry', 'pythia-v1.1-deduped'],
  ['EleutherAI/pythia-14m', 14e6, 'name', 'pythia'],
  ['meta-llama/Llama-2-70b-hf', 68_976_648_192, 'registry', 'llama-2'],
  ['meta-llama/Llama-2-7b-hf', 6_738_415_616, 'registry', 'llama-2'],
  ['meta-llama/Llama-2-13b-chat-hf', 13_015_864_320, 'registry', 'llama-2-chat'],
  ['Qwen/Qwen2.5-0.5B-Instruct', 494_032_768, 'registry', 'qwen2.5-instruct'],
  ['Qwen/Qwen2.5-7B-Instruct', 7e9, 'name', 'qwen2.5-instruct'],
  ['Qwen/Qwen2.5-72B', 72e9, 'name', 'qwen2.5'],
  ['facebook/opt-6.7b', 6.7e9, 'name', 'opt'],
  ['facebook/opt-125m', 125e6, 'name', 'opt'],
  ['EleutherAI/gpt-neox-20b', 20e9, 'name', 'gpt-neox'],
  ['bigscience/bloom-1b7', 1_722_408_960, 'registry', 'bloom'],
  ['bigscience/bloom-7b1', 7_069_016_064, 'registry', 'bloom'],
  ['bigscience/bloom-560m', 559_214_592, 'registry', 'bloom'],
  ['bigscience/bloom', 176_247_271_424, 'registry', 'bloom'],
  ['state-spaces/mamba2-780m', 780_161_280, 'registry', 'mamba2'],
  ['state-spaces/mamba2-130m', 128_989_632, 'registry', 'mamba2'],
  ['state-spaces__mamba2-1.3b', 1_343_757_312, 'registry', 'mamba2'],
  ['meta-llama/Meta-Llama-3-8B-Instruct', 8_030_261_248, 'registry', 'llama-3-instruct'],
  ['meta-llama/Meta-Llama-3-70B-Instruct', 70_553_706_496, 'registry', 'llama-3-instruct'],
  ['llama-13B', 13e9, 'registry', 'llama'],
  ['huggyllama/llama-30b', 32.5e9, 'registry', 'llama'],
  ['t5-xxl', 11e9, 'registry', 't5'],
  ['t5-small', 60e6, 'registry', 't5'],
  ['google/t5-v1_1-xxl', 11e9, 'registry', 't5-v1.1'],
  ['google/flan-t5-large', 780e6, 'registry', 'flan-t5'],
  ['mistralai/Mixtral-8x7B-v0.1', 46.7e9, 'registry', 'mixtral-v0.1'],
  ['mistralai/Mixtral-8x22B-v0.1', 141e9, 'registry', 'mixtral-v0.1'],
  ['Qwen/Qwen3-30B-A3B', 30e9, 'name', 'qwen3'],
  ['Qwen/Qwen3-8B', 8e9, 'name', 'qwen3'],
  ['google/gemma-2-9b', 9e9, 'name', 'gemma-2'],
  ['google/gemma-2-27b', 27e9, 'name', 'gemma-2'],
  ['BIG-G 128b', 128e9, 'name', 'big-g'],
  ['BIG-G_2m_T=0', 2e6, 'name', 'big-g-t=0'],
  ['128b', 128e9, 'name', ''],
  ['GPT-3-13B', 13e9, 'registry', 'gpt-3'],
  ['GPT-3-200B', 175e9, 'registry', 'gpt-3'],
  ['GPT-3-Small', 125e6, 'registry', 'gpt-3'],
  ['GPT-3-3B', 2.7e9, 'registry', 'gpt-3'],
  ['GPT_GPT-3-XL', 1.3e9, 'registry', 'gpt-3'],
  ['PaLM_535b', 540e9, 'registry', 'palm'],
  ['PaLM_64b', 62e9, 'registry', 'palm'],
  ['PaLM_8b', 8e9, 'registry', 'palm'],
  ['davinci', 175e9, 'registry', 'gpt-3'],
  ['ada', 350e6, 'registry', 'gpt-3'],
  ['text-davinci-002', 175e9, 'registry', 'gpt-3-text-002'],
  ['gpt2', 124_439_808, 'registry', 'gpt2'],
  ['openai-community/gpt2-medium', 354_823_168, 'registry', 'gpt2'],
  ['gpt2-xl', 1_557_611_200, 'registry', 'gpt2'],
  ['chinchilla', 70e9, 'registry', 'chinchilla'],
  ['Gopher_280B', 280e9, 'name', 'gopher'],
  ['gopher', 280e9, 'registry', 'gopher'],
  ['stabilityai/stablelm-2-1_6b', 1.6e9, 'name', 'stablelm-2'],
  ['cerebras/Cerebras-GPT-111M', 111e6, 'name', 'cerebras-gpt'],
  ['EleutherAI/pythia-1.4b-deduped@step3000', 1_414_647_808, 'registry', 'pythia-deduped'],
];

describe('sizeFromModelName and familyFromModelName on real names', () => {
  for (const [name, params, source, family] of TABLE) {
    test(name, () => {
      const size = sizeFromModelName(name);
      assert.ok(size, `no size for ${name}`);
      assert.equal(size.params, params);
      assert.equal(size.source, source);
      assert.equal(familyFromModelName(name), family);
    });
  }

  test('the size token is a whole segment with a suffix: not "2.5", "2", "3" or "v1.1"', () => {
    assert.equal(sizeFromModelName('Qwen2.5-0.5B-Instruct')?.token, '0.5B');
    assert.equal(sizeFromModelName('mamba2-780m')?.token, '780m');
    assert.equal(sizeFromModelName('Meta-Llama-3-8B-Instruct')?.token, '8B');
    assert.equal(sizeFromModelName('pythia-v1.1-70m-deduped')?.token, '70m');
    assert.equal(sizeFromModelName('Qwen3-30B-A3B')?.token, '30B');
    assert.equal(sizeFromModelName('bloom-1b7')?.token, '1b7');
  });

  test('context lengths and token counts in names are not sizes', () => {
    assert.equal(sizeFromModelName('microsoft/Phi-3-mini-4k-instruct'), undefined);
    assert.equal(sizeFromModelName('TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T')?.params, 1.1e9);
  });

  test('names without a size and not in the registry give nothing', () => {
    assert.equal(sizeFromModelName('gpt-4'), undefined);
    assert.equal(sizeFromModelName('my-model'), undefined);
    // An unknown mixture of experts: experts × expert size would overstate the total.
    assert.equal(sizeFromModelName('Foo-4x2B'), undefined);
    assert.equal(sizeFromModelName('google/gemma-3n-E2B-it'), undefined);
  });

  test('recalled registry values are flagged as estimates, read ones are not', () => {
    assert.equal(sizeFromModelName('davinci')?.estimated, true);
    assert.equal(sizeFromModelName('t5-xxl')?.estimated, true);
    assert.equal(sizeFromModelName('pythia-1.4b')?.estimated, false);
    assert.equal(sizeFromModelName('mamba2-780m')?.estimated, false);
    assert.equal(sizeFromModelName('opt-6.7b')?.estimated, false);
    assert.match(sizeFromModelName('davinci')?.note ?? '', /contested/);
  });
});

describe('families join the sizes of one suite and keep suites apart', () => {
  const suites: string[][] = [
    ['EleutherAI/pythia-70m-deduped', 'EleutherAI/pythia-1.4b-deduped', 'pythia-12b-deduped', 'pythia-160m-deduped@step143000'],
    ['EleutherAI/pythia-70m', 'EleutherAI/pythia-1.4b', 'EleutherAI/pythia-12b'],
    ['EleutherAI/pythia-v1.1-70m-deduped', 'EleutherAI/pythia-v1.1-1.4b-deduped', 'EleutherAI/pythia-v1.1-12b-deduped'],
    ['facebook/opt-125m', 'facebook/opt-1.3b', 'facebook/opt-66b'],
    ['bigscience/bloom-560m', 'bigscience/bloom-1b1', 'bigscience/bloom-7b1', 'bigscience/bloom'],
    ['state-spaces/mamba2-130m', 'state-spaces/mamba2-2.7b', 'state-spaces__mamba2-780m'],
    ['meta-llama/Llama-2-7b-hf', 'meta-llama/Llama-2-13b-hf', 'meta-llama/Llama-2-70b-hf', 'Llama-2-7b'],
    ['meta-llama/Llama-2-7b-chat-hf', 'meta-llama/Llama-2-70b-chat-hf'],
    ['meta-llama/Meta-Llama-3-8B', 'meta-llama/Meta-Llama-3-70B'],
    ['Qwen/Qwen2.5-0.5B-Instruct', 'Qwen/Qwen2.5-7B-Instruct', 'Qwen/Qwen2.5-72B-Instruct'],
    ['Qwen/Qwen2.5-0.5B', 'Qwen/Qwen2.5-72B'],
    ['gpt2', 'gpt2-medium', 'gpt2-large', 'gpt2-xl'],
    ['GPT-3-Small', 'GPT-3-XL', 'GPT-3-13B', 'GPT-3-200B', 'ada', 'davinci'],
    ['PaLM_8b', 'PaLM_64b', 'PaLM_535b'],
    ['t5-small', 't5-base', 't5-large', 't5-3b', 't5-11b', 't5-xxl'],
    ['google/flan-t5-small', 'google/flan-t5-xxl'],
    ['google/gemma-2-2b', 'google/gemma-2-9b', 'google/gemma-2-27b'],
    ['BIG-G_2m_T=0', 'BIG-G_128b_T=0'],
    // Gemma-3n "E2B"/"E4B" are effective sizes: no total size in the name, but one family.
    ['google/gemma-3n-E2B-it', 'google/gemma-3n-E4B-it'],
  ];
  const families = suites.map((names) => names.map(familyFromModelName));
  suites.forEach((names, i) => {
    test(`one family: ${names[0]} …`, () => {
      for (const f of families[i]) assert.equal(f, families[i][0], `${names.join(', ')} → ${families[i].join(', ')}`);
      assert.notEqual(families[i][0], '');
    });
  });
  test('different suites have different families', () => {
    const firsts = families.map((f) => f[0]);
    assert.equal(new Set(firsts).size, firsts.length, firsts.join(', '));
  });
  test('instruct, chat, deduped and BIG-G temperature variants are separate families', () => {
    assert.notEqual(familyFromModelName('Qwen2.5-7B'), familyFromModelName('Qwen2.5-7B-Instruct'));
    assert.notEqual(familyFromModelName('Llama-2-7b-hf'), familyFromModelName('Llama-2-7b-chat-hf'));
    assert.notEqual(familyFromModelName('pythia-1b'), familyFromModelName('pythia-1b-deduped'));
    assert.notEqual(familyFromModelName('BIG-G_8b_T=0'), familyFromModelName('BIG-G_8b_T=1'));
    assert.notEqual(familyFromModelName('text-davinci-002'), familyFromModelName('davinci'));
  });
});

describe('registry keys', () => {
  test('nameKey normalises organisation, case, separators, "-hf" and revisions', () => {
    assert.equal(nameKey('meta-llama/Llama-2-70b-hf'), 'llama-2-70b');
    assert.equal(nameKey('BIG-G_128b_T=0'), 'big-g-128b-t=0');
    assert.equal(nameKey('google/t5-v1_1-xxl'), 't5-v1.1-xxl');
    assert.equal(nameKey('EleutherAI/pythia-1.4b@step3000'), 'pythia-1.4b');
    assert.equal(nameKey('state-spaces__mamba2-130m'), 'mamba2-130m');
  });
  test('Pythia variants trained differently do not inherit the standard run', () => {
    // The bf16 and batch-size variants ran other schedules; the 300B / 2,097,152-per-step facts must not leak.
    assert.equal(lookupRegistry('pythia-1b-bf16').tokensPerStep, undefined);
    assert.equal(lookupRegistry('pythia-1b-1MtokBS').tokens, undefined);
    assert.equal(lookupRegistry('pythia-1b').tokensPerStep?.value, 2_097_152);
  });
  test('derived models of a suite do not inherit its facts', () => {
    assert.equal(lookupRegistry('bigscience/bloomz-7b1').tokens, undefined);
    assert.equal(lookupRegistry('codellama/CodeLlama-7b-hf').tokens, undefined);
    assert.equal(lookupRegistry('Qwen/Qwen2.5-Coder-7B').tokens, undefined);
  });
});

describe('families of repositories named by their size alone', () => {
  test('takes the organisation as the family, so two organisations do not join one nameless family', () => {
    assert.equal(familyFromModelName('CausalLM/14B'), 'causallm');
    assert.equal(familyFromModelName('Corianas/590m'), 'corianas');
    assert.equal(familyFromModelName('EleutherAI/pythia-1.4b'), 'pythia');
  });
});

describe('the model resolver memo', () => {
  test('stays within its limit as a name is typed letter by letter, and resolves each name as a fresh resolver does', () => {
    const memo = new ModelResolver({}, 3);
    const typed = ['p', 'py', 'pyt', 'pyth', 'pythi', 'pythia', 'pythia-', 'pythia-1', 'pythia-1b'];
    for (const name of typed) {
      const model = memo.resolve({ name });
      assert.deepEqual(model, new ModelResolver().resolve({ name }));
      assert.ok(memo.size <= 3, `${memo.size} descriptions remembered`);
    }
    // Pythia-1B's published count (EleutherAI's model card), as the registry gives it.
    assert.equal(memo.resolve({ name: 'pythia-1b' }).params, 1_011_781_632, 'the last name resolves to its size');
  });
});
