// "Show Series": the series as a read-only markdown document (scheme `emergence-lens`), shown in the
// markdown preview. It stands in for the scaling-curve chart, and follows index changes while open.
import { EventEmitter, Uri, workspace, type CancellationToken, type Disposable, type TextDocumentContentProvider } from 'vscode';
import { GET_SERIES, type GetSeriesParams, type GetSeriesResult } from '../../server/src/protocol';
import type { LensClient } from './lensClient';
import { errorText } from './lensClient';
import { seriesMarkdown } from './seriesMarkdown';

export const SERIES_SCHEME = 'emergence-lens';

export class SeriesDocuments implements TextDocumentContentProvider, Disposable {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: Disposable[];

  constructor(private readonly lens: LensClient) {
    this.subscriptions = [
      this.changed,
      workspace.registerTextDocumentContentProvider(SERIES_SCHEME, this),
      lens.onIndexChanged(() => {
        for (const doc of workspace.textDocuments) if (doc.uri.scheme === SERIES_SCHEME) this.changed.fire(doc.uri);
      }),
    ];
  }

  /** The document of a series; its file name (the tab title) says which series it is. */
  static uriOf(seriesId: string, title: string): Uri {
    const name = title.replace(/[\u0000-\u001f\u007f/\\?#%*:|"<>]+/g, ' ').trim().slice(0, 80) || 'series';
    return Uri.from({ scheme: SERIES_SCHEME, path: `/${name}.md`, query: new URLSearchParams({ id: seriesId }).toString() });
  }

  async provideTextDocumentContent(uri: Uri, _token: CancellationToken): Promise<string> {
    const id = new URLSearchParams(uri.query).get('id');
    if (!id) return '# Unknown series\n';
    let series: GetSeriesResult;
    try {
      series = await this.lens.request<GetSeriesResult>(GET_SERIES, { id } satisfies GetSeriesParams);
    } catch (e) {
      return `# Series unavailable\n\n${errorText(e)}\n`;
    }
    if (!series) return '# Series no longer in the workspace\n\nIts results were removed or changed so that they no longer form this series.\n';
    return seriesMarkdown(series, (file) => workspace.asRelativePath(file));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
