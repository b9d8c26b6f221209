// Paired comparison of two models on the same items (as McNemar's test does for right/wrong answers). Per-sample
// logs say which documents each model got right; when two sizes answered the same documents, the jump between them
// is judged on the per-item differences, whose spread is much smaller than two independent binomial errors when
// the models agree on most items.

/** Per-item scores of one model, sorted by document id. */
export interface ItemScores {
  ids: Int32Array;
  values: Float64Array;
}

/**
 * Collects per-item values as a log streams by, in typed arrays that grow by doubling (12 bytes an item);
 * `finish` gives them sorted by document, or nothing when a document repeats or its id is not a 32-bit integer.
 */
export class ItemCollector {
  private ids = new Int32Array(64);
  private values = new Float64Array(64);
  private count = 0;
  private usable = true;

  /** `id` undefined: a record without a document id, so the scores no longer cover the mean's items. */
  add(id: number | undefined, value: number): void {
    if (!this.usable || !Number.isFinite(value)) return;
    if (id === undefined || (id | 0) !== id) {
      this.usable = false;
      return;
    }
    if (this.count === this.ids.length) {
      this.ids = grow(this.ids, new Int32Array(this.count * 2));
      this.values = grow(this.values, new Float64Array(this.count * 2));
    }
    this.ids[this.count] = id;
    this.values[this.count++] = value;
  }

  finish(): ItemScores | undefined {
    if (!this.usable || this.count === 0) return undefined;
    let ids = this.ids.subarray(0, this.count);
    let values = this.values.subarray(0, this.count);
    // Logs are written in document order, so the sort is usually skipped.
    if (!ids.every((id, k) => k === 0 || id > ids[k - 1])) {
      const order = Array.from(ids.keys()).sort((a, b) => ids[a] - ids[b]);
      ids = Int32Array.from(order, (k) => ids[k]);
      values = Float64Array.from(order, (k) => values[k]);
      // A document scored twice (repeats) has no single value to pair.
      if (ids.some((id, k) => k > 0 && id === ids[k - 1])) return undefined;
    }
    return { ids: ids.slice(), values: values.slice() };
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
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
