// Paired comparison of two models on the same items (as McNemar's test does for right/wrong answers). Per-sample
// logs say which documents each model got right; when two sizes answered the same documents, the jump between them
// is judged on the per-item differences, whose spread is much smaller than two independent binomial errors when
// the models agree on most items.

/** Per-item scores of one model, sorted by document id. */
export interface ItemScores {
  ids: Float64Array;
  values: Float64Array;
}

/** Collects per-item values as a log streams by; `finish` gives them sorted, or nothing when ids repeat. */
export class ItemCollector {
  private readonly ids: number[] = [];
  private readonly values: number[] = [];

  add(id: number, value: number): void {
    if (!Number.isFinite(value)) return;
    this.ids.push(id);
    this.values.push(value);
  }

  finish(): ItemScores | undefined {
    if (this.ids.length === 0) return undefined;
    const order = this.ids.map((_, i) => i).sort((a, b) => this.ids[a] - this.ids[b]);
    const out: ItemScores = { ids: new Float64Array(order.length), values: new Float64Array(order.length) };
    for (let k = 0; k < order.length; k++) {
      out.ids[k] = this.ids[order[k]];
      out.values[k] = this.values[order[k]];
      // A document scored twice (repeats) has no single value to pair.
      if (k > 0 && out.ids[k] === out.ids[k - 1]) return undefined;
    }
    return out;
  }
}

export interface PairedDifference {
  /** Mean of (b − a) over the shared items. */
  mean: number;
  /** Its standard error: sd of the per-item differences / √n. */
  se: number;
  items: number;
}

/** Fewest shared items for the paired error to be trusted. */
const MIN_SHARED = 20;

/**
 * The difference b − a on the items both models answered, when those are (nearly) all of each model's items:
 * otherwise the means being compared are not the ones of the shared items.
 */
export function pairedDifference(a: ItemScores, b: ItemScores): PairedDifference | undefined {
  let i = 0;
  let j = 0;
  let n = 0;
  let sum = 0;
  let squares = 0;
  while (i < a.ids.length && j < b.ids.length) {
    if (a.ids[i] < b.ids[j]) i++;
    else if (a.ids[i] > b.ids[j]) j++;
    else {
      const d = b.values[j++] - a.values[i++];
      n++;
      sum += d;
      squares += d * d;
    }
  }
  if (n < MIN_SHARED || n < 0.9 * Math.max(a.ids.length, b.ids.length)) return undefined;
  const mean = sum / n;
  const variance = Math.max(0, (squares - n * mean * mean) / (n - 1));
  return { mean, se: Math.sqrt(variance / n), items: n };
}
