// Per-item scores of harnesses that log an item more than once (Inspect's epochs, lighteval's rows with one metric
// set each, HELM's train trials): each item's values are averaged first, so the mean, its error and the paired
// comparisons (core/paired.ts) count items, not rows. A missing value is no value, never a zero.
import { ItemCollector, type ItemScores } from '../core/paired';
import { MeanAccumulator } from '../core/rescore';

export interface ItemSummary {
  score: number;
  stderr?: number;
  n: number;
  /** Undefined when some value had no item id, so the scores no longer cover the mean's items. */
  items?: ItemScores;
}

export class ItemMeans {
  private readonly byItem = new Map<number, { sum: number; count: number }>();
  private readonly anonymous: number[] = [];

  add(id: number | undefined, value: number | undefined): void {
    if (value === undefined || !Number.isFinite(value)) return;
    if (id === undefined) {
      this.anonymous.push(value);
      return;
    }
    const entry = this.byItem.get(id);
    if (entry) {
      entry.sum += value;
      entry.count++;
    } else this.byItem.set(id, { sum: value, count: 1 });
  }

  summary(): ItemSummary | undefined {
    const mean = new MeanAccumulator();
    const items = new ItemCollector();
    for (const [id, { sum, count }] of this.byItem) {
      mean.add(sum / count);
      items.add(id, sum / count);
    }
    for (const value of this.anonymous) {
      mean.add(value);
      items.add(undefined, value);
    }
    if (mean.count === 0) return undefined;
    return { score: mean.mean, stderr: mean.stderr, n: mean.count, items: items.finish() };
  }
}

/** The filter of a harness's own per-item metric, beside the aggregate it re-derives (lm-eval: "none (per-sample)"). */
export function perSampleFilter(filter: string | undefined): string {
  return filter && filter !== 'none' ? `${filter} (per-sample)` : 'per-sample';
}
