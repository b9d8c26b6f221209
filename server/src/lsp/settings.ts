// `emergenceLens.*` settings as the client sends them, checked field by field: a bad value falls back
// to its default instead of breaking the server.
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../core/config';
import { thresholdInRange } from '../core/overrides';
import { DEFAULT_SETTINGS, type InlayHintMode, type LensSettings } from '../protocol';

const SEVERITIES = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

export function normalizeSettings(raw: unknown): LensSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown, fallback: string[]): string[] => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...v] : [...fallback]);
  const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
  return {
    xAxis: s.xAxis === 'flops' || s.xAxis === 'params' ? s.xAxis : DEFAULT_SETTINGS.xAxis,
    severity: typeof s.severity === 'string' && s.severity in SEVERITIES ? (s.severity as LensSettings['severity']) : DEFAULT_SETTINGS.severity,
    inlayHints: inlayHintMode(s.inlayHints),
    codeLens: bool(s.codeLens, DEFAULT_SETTINGS.codeLens),
    include: strings(s.include, DEFAULT_SETTINGS.include),
    exclude: strings(s.exclude, DEFAULT_SETTINGS.exclude),
    maxFileSizeMB: typeof s.maxFileSizeMB === 'number' && s.maxFileSizeMB > 0 ? s.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB,
    thresholds: validThresholds(s.thresholds),
  };
}

/** `notable` | `all` | `off`; the booleans of earlier versions read as `all` and `off`. */
function inlayHintMode(v: unknown): InlayHintMode {
  if (v === true) return 'all';
  if (v === false) return 'off';
  return v === 'all' || v === 'off' || v === 'notable' ? v : DEFAULT_SETTINGS.inlayHints;
}

/** Only known threshold names with finite numbers reach the core; the core checks nothing else. */
function validThresholds(raw: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [name, value] of Object.entries(raw)) {
    if (Object.hasOwn(DEFAULT_THRESHOLDS, name) && typeof value === 'number' && thresholdInRange(name as keyof Thresholds, value)) out[name] = value;
  }
  return out;
}

export function thresholdsOf(settings: LensSettings): Partial<Thresholds> {
  return settings.thresholds as Partial<Thresholds>;
}

export function severityOf(settings: LensSettings): DiagnosticSeverity {
  return SEVERITIES[settings.severity];
}

export function maxFileBytes(settings: LensSettings): number {
  return settings.maxFileSizeMB * 1024 * 1024;
}

/** Which parts of the server a settings change touches. */
export function settingsDiff(before: LensSettings, after: LensSettings): { reindex: boolean; reanalyse: boolean; republish: boolean; refreshViews: boolean } {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return {
    reindex: !same(before.include, after.include) || !same(before.exclude, after.exclude) || before.maxFileSizeMB !== after.maxFileSizeMB,
    reanalyse: before.xAxis !== after.xAxis || !same(before.thresholds, after.thresholds),
    republish: before.severity !== after.severity,
    refreshViews: before.inlayHints !== after.inlayHints || before.codeLens !== after.codeLens,
  };
}
