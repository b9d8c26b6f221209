import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findModelOverride, resolveModel } from '../../server/src/core/scale';
import type { Overrides } from '../../server/src/core/config';

const PYTHIA_14B = 1_414_647_808;
const PYTHIA_TOKENS = 299_892_736_000;
const PER_STEP = 2_097_152;

/** Within the rounding of a value printed with two figures like "2.3E+22" (±3 %). */
const sameAsPrinted = (value: number, printed: number) => Math.abs(value / printed - 1) <= 0.03;

describe('Pythia checkpoints', () => {
  test('1.4b at step143000: full-run tokens and 6·N·D FLOPs', () => {
    const m = resolveModel({ name: 'EleutherAI/pythia-1.4b', revision: 'step143000' });
    assert.equal(m.params, PYTHIA_14B);
    assert.equal(m.paramsSource, 'registry');
    assert.equal(m.step, 143000);
    assert.equal(m.tokens, PYTHIA_TOKENS);
    assert.equal(m.tokensSource, 'checkpoint');
    assert.equal(m.flops, 6 * PYTHIA_14B * PYTHIA_TOKENS);
    assert.equal(m.flopsSource, 'computed');
    assert.equal(m.flopsDetail?.estimated, false);
  });

  test('the final step equals the published full run', () => {
    assert.equal(143000 * PER_STEP, PYTHIA_TOKENS);
    const full = resolveModel({ name: 'EleutherAI/pythia-1.4b-deduped' });
    assert.equal(full.tokens, PYTHIA_TOKENS);
    assert.equal(full.tokensSource, 'registry');
    assert.equal(full.step, undefined);
  });

  test('an early checkpoint: tokens = step × 2,097,152, from revision, from ModelInfo.step or from "@step" in the name', () => {
    const a = resolveModel({ name: 'EleutherAI/pythia-v1.1-1.4b-deduped', revision: 'step3000' });
    const b = resolveModel({ name: 'EleutherAI/pythia-v1.1-1.4b-deduped', step: 3000 });
    const c = resolveModel({ name: 'EleutherAI/pythia-1.4b-deduped@step3000' });
    for (const m of [a, b, c]) {
      assert.equal(m.step, 3000);
      assert.equal(m.tokens, 3000 * PER_STEP);
      assert.equal(m.tokensSource, 'checkpoint');
      assert.equal(m.flops, 6 * PYTHIA_14B * 3000 * PER_STEP);
    }
    assert.equal(a.family, 'pythia-v1.1-deduped');
    assert.equal(c.family, 'pythia-deduped');
  });

  test('step 0 is a checkpoint with no tokens seen yet, not the full run', () => {
    const m = resolveModel({ name: 'pythia-70m', revision: 'step0' });
    assert.equal(m.step, 0);
    assert.equal(m.tokens, 0);
    assert.equal(m.tokensSource, 'checkpoint');
    assert.equal(m.flops, 0);
  });

  test('a named checkpoint of a model without a known batch size gets no tokens (the full run would overstate it)', () => {
    const m = resolveModel({ name: 'facebook/opt-1.3b', revision: 'step1000' });
    assert.equal(m.step, 1000);
    assert.equal(m.tokens, undefined);
    assert.equal(m.flops, undefined);
    assert.equal(resolveModel({ name: 'facebook/opt-1.3b' }).tokens, 180e9);
  });

  test('an OLMo-style revision states its tokens', () => {
    const m = resolveModel({ name: 'allenai/OLMo-7B', revision: 'step1000-tokens4B' });
    assert.equal(m.tokens, 4e9);
    assert.equal(m.tokensSource, 'checkpoint');
    assert.equal(resolveModel({ name: 'allenai/OLMo-7B' }).tokens, 2.46e12);
  });
});

describe('precedence', () => {
  const name = 'EleutherAI/pythia-1.4b-deduped';

  test('params: override > file > registry > name', () => {
    const o: Overrides = { models: { [name]: { params: 1.5e9 } } };
    assert.deepEqual(pick(resolveModel({ name, params: 1.2e9 }, o), 'params'), [1.5e9, 'override']);
    assert.deepEqual(pick(resolveModel({ name, params: 1.2e9 }), 'params'), [1.2e9, 'file']);
    assert.deepEqual(pick(resolveModel({ name }), 'params'), [PYTHIA_14B, 'registry']);
    assert.deepEqual(pick(resolveModel({ name: 'facebook/opt-6.7b' }), 'params'), [6.7e9, 'name']);
  });

  test('non-embedding parameters from the file are used when total parameters are not stated', () => {
    const m = resolveModel({ name: '128b', family: 'BIG-G T=0', nonEmbeddingParams: 1.34e11 });
    assert.deepEqual(pick(m, 'params'), [1.34e11, 'file']);
    assert.equal(m.family, 'BIG-G T=0');
    assert.equal(m.tokens, undefined); // BIG-G batch size not confirmed: tokens stay unknown
  });

  test('tokens: override > file > checkpoint > registry', () => {
    const o: Overrides = { models: { [name]: { tokens: 1e11 } } };
    assert.deepEqual(pick(resolveModel({ name, revision: 'step3000', tokens: 5e9 }, o), 'tokens'), [1e11, 'override']);
    assert.deepEqual(pick(resolveModel({ name, revision: 'step3000', tokens: 5e9 }), 'tokens'), [5e9, 'file']);
    assert.deepEqual(pick(resolveModel({ name, revision: 'step3000' }), 'tokens'), [3000 * PER_STEP, 'checkpoint']);
    assert.deepEqual(pick(resolveModel({ name }), 'tokens'), [PYTHIA_TOKENS, 'registry']);
  });

  test('FLOPs: override > file > registry (as cited) > 6·N·D', () => {
    const o: Overrides = { models: { 't5-xxl': { flops: 1e22 } } };
    assert.deepEqual(pick(resolveModel({ name: 't5-xxl', flops: 2e22 }, o), 'flops'), [1e22, 'override']);
    assert.deepEqual(pick(resolveModel({ name: 't5-xxl', flops: 2e22 }), 'flops'), [2e22, 'file']);
    assert.deepEqual(pick(resolveModel({ name: 't5-xxl' }), 'flops'), [3.3e22, 'registry']);
    assert.deepEqual(pick(resolveModel({ name, params: 1e9, tokens: 1e11 }), 'flops'), [6e20, 'computed']);
  });

  test('cited FLOPs give way to 6·N·D once the user changes the inputs', () => {
    // Cited FLOPs belong to the cited size: a corrected size without tokens leaves FLOPs unknown.
    assert.equal(resolveModel({ name: 't5-xxl' }, { models: { 't5-xxl': { params: 1e10 } } }).flops, undefined);
    const o: Overrides = { models: { 'lamda-68b': { tokens: 1e11 } } };
    assert.deepEqual(pick(resolveModel({ name: 'lamda-68b' }), 'flops'), [1.3e23, 'registry']);
    assert.deepEqual(pick(resolveModel({ name: 'lamda-68b' }, o), 'flops'), [6 * 68e9 * 1e11, 'computed']);
  });

  test('overrides update the computed FLOPs', () => {
    const o: Overrides = { models: { [name]: { params: 1e9 } } };
    const m = resolveModel({ name }, o);
    assert.equal(m.flops, 6 * 1e9 * PYTHIA_TOKENS);
    assert.equal(m.flopsSource, 'computed');
  });

  test('family: override > file > name', () => {
    const o: Overrides = { models: { [name]: { family: 'mine' } } };
    assert.equal(resolveModel({ name, family: 'Pythia' }, o).family, 'mine');
    assert.equal(resolveModel({ name, family: 'Pythia' }).family, 'Pythia');
    assert.equal(resolveModel({ name, family: '  ' }).family, 'pythia-deduped');
    assert.equal(resolveModel({ name }).family, 'pythia-deduped');
  });

  test('an unknown model keeps what the file says and nothing else', () => {
    const m = resolveModel({ name: 'my-model' });
    assert.deepEqual(m, { name: 'my-model', family: 'my-model' });
  });
});

describe('override lookup', () => {
  const models = {
    'EleutherAI/pythia-1.4b': { params: 1 },
    'PYTHIA-410M': { params: 2 },
    'opt-1.3b': { params: 3 },
    'pythia-1.4b@step3000': { params: 4 },
  };
  const o: Overrides = { models };
  test('exact, then case-insensitive, then last path component', () => {
    assert.equal(findModelOverride('EleutherAI/pythia-1.4b', o)?.params, 1);
    assert.equal(findModelOverride('pythia-410m', o)?.params, 2);
    assert.equal(findModelOverride('facebook/OPT-1.3b', o)?.params, 3);
    assert.equal(findModelOverride('other/pythia-1.4b', o)?.params, 1);
    assert.equal(findModelOverride('pythia-70m', o), undefined);
    assert.equal(findModelOverride('x', undefined), undefined);
  });
  test('a key with @revision targets that checkpoint only', () => {
    assert.equal(findModelOverride('EleutherAI/pythia-1.4b', o, 'step3000')?.params, 4);
    assert.equal(findModelOverride('EleutherAI/pythia-1.4b@step3000', o)?.params, 4);
    assert.equal(findModelOverride('EleutherAI/pythia-1.4b', o, 'step4000')?.params, 1);
  });
  test('resolveModel uses the lookup', () => {
    assert.deepEqual(pick(resolveModel({ name: 'facebook/opt-1.3b' }, o), 'params'), [3, 'override']);
  });
});

describe('registry values against Wei et al. Table 1 and the family papers', () => {
  const cases: [string, number][] = [
    ['GPT-3-13B', 2.3e22],
    ['GPT-3-200B', 3.1e23],
    ['Gopher-7.1B', 1.3e22],
    ['Gopher_280B', 5.0e23],
    ['PaLM_64b', 2.9e23],
    ['PaLM_535b', 2.5e24],
    ['gpt-j-6b', 1.4e22],
  ];
  for (const [name, printed] of cases) {
    test(`${name}: 6·N·D ≈ ${printed.toExponential(1)}`, () => {
      const m = resolveModel({ name });
      assert.equal(m.flopsSource, 'computed');
      assert.ok(sameAsPrinted(m.flops!, printed), `${m.flops} vs ${printed}`);
    });
  }
  test('Chinchilla is computed (5.9e23), not Wei\'s rounded 5.0E+23', () => {
    const m = resolveModel({ name: 'chinchilla' });
    assert.equal(m.flops, 6 * 70e9 * 1.4e12);
  });
  test('cited FLOPs where 6·N·D cannot reproduce them', () => {
    assert.equal(resolveModel({ name: 'lamda-68b' }).flops, 1.3e23);
    assert.equal(resolveModel({ name: 'LaMDA-40M' }).flops, 8.9e19);
    assert.equal(resolveModel({ name: 'anthropic-lm-52b' }).flops, 2.6e23);
    assert.equal(resolveModel({ name: 't5-11b' }).flops, 3.3e22);
  });
  test('names without a size', () => {
    assert.deepEqual(pick(resolveModel({ name: 'davinci' }), 'params'), [175e9, 'registry']);
    assert.deepEqual(pick(resolveModel({ name: 't5-xxl' }), 'params'), [11e9, 'registry']);
    assert.deepEqual(pick(resolveModel({ name: 'GPT-3-200B' }), 'params'), [175e9, 'registry']);
    assert.deepEqual(pick(resolveModel({ name: 'PaLM_535b' }), 'params'), [540e9, 'registry']);
  });
  test('per-family training tokens', () => {
    const tokens = (name: string) => resolveModel({ name }).tokens;
    assert.equal(tokens('meta-llama/Llama-2-70b-hf'), 2e12);
    assert.equal(tokens('huggyllama/llama-7b'), 1e12);
    assert.equal(tokens('huggyllama/llama-65b'), 1.4e12);
    assert.equal(tokens('meta-llama/Meta-Llama-3-8B-Instruct'), 15e12);
    assert.equal(tokens('bigscience/bloom-1b7'), 366e9);
    assert.equal(tokens('Qwen/Qwen2.5-7B-Instruct'), 18e12);
    assert.equal(tokens('allenai/OLMo-1B'), 3e12);
    assert.equal(tokens('davinci'), 300e9);
    assert.equal(tokens('Gopher_280B'), 300e9);
    assert.equal(tokens('cerebras/Cerebras-GPT-111M'), 20 * 111e6);
    assert.equal(tokens('EleutherAI/gpt-neox-20b'), undefined);
  });
  test('estimates propagate to the hover', () => {
    const davinci = resolveModel({ name: 'davinci' });
    assert.equal(davinci.paramsDetail?.estimated, true);
    assert.equal(davinci.tokensDetail?.estimated, false);
    assert.equal(davinci.flopsDetail?.estimated, true);
    const llama = resolveModel({ name: 'meta-llama/Llama-2-7b-hf' });
    assert.equal(llama.tokensDetail?.estimated, true);
    const fromFile = resolveModel({ name: 'meta-llama/Llama-2-7b-hf', params: 6.7e9, tokens: 2e12 });
    assert.equal(fromFile.flopsDetail?.estimated, false);
    assert.match(resolveModel({ name: 'opt-6.7b' }).paramsDetail?.note ?? '', /"6\.7b" in the name/);
  });
});

function pick(m: ReturnType<typeof resolveModel>, q: 'params' | 'tokens' | 'flops'): [number | undefined, string | undefined] {
  return [m[q], m[`${q}Source`]];
}
