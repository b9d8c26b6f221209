// The server's side of the analysis host: the index's changed files and the editor's settings in, a snapshot for
// the requests out. The host (core/analysis-host.ts) decides what a change re-analyses.
import { AnalysisHost, type GroupStore } from '../core/analysis-host';
import type { Observation } from '../core/types';
import type { LensSettings } from '../protocol';
import { AnalysisSnapshot } from './analysis-snapshot';
import { thresholdsOf } from './settings';
import type { WorkspaceIndex } from './workspace-index';

export interface AnalysisUpdate {
  snapshot: AnalysisSnapshot;
  /** Files whose diagnostics may differ; undefined means every file. */
  affected: ReadonlySet<string> | undefined;
  /** Whether any series appeared, disappeared or changed verdict, strength or size. */
  seriesChanged: boolean;
}

export class IncrementalAnalysis {
  readonly host: AnalysisHost;

  constructor(store?: GroupStore) {
    this.host = new AnalysisHost(store);
  }

  update(index: WorkspaceIndex, settings: LensSettings, previous: AnalysisSnapshot): AnalysisUpdate {
    const started = performance.now();
    const files = new Map<string, readonly Observation[] | undefined>();
    for (const file of index.takeChanges()) files.set(file, index.results(file)?.observations);
    const { overrides } = index.overrides();
    const { analysis, affected, seriesChanged } = this.host.applyChanges({ files, options: { x: settings.xAxis, overrides, thresholds: thresholdsOf(settings) } });
    const snapshot = analysis === previous.analysis ? previous : new AnalysisSnapshot(analysis, performance.now() - started);
    return { snapshot, affected, seriesChanged };
  }
}
