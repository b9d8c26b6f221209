// "Explain in full": the long explanation of a series (every number behind its verdict and both hypotheses) in a
// read-only markdown preview. The text comes from the server; it lives in a virtual document of our own scheme, so
// nothing is written to disk and the preview cannot edit it.
import { commands, EventEmitter, Uri, window, workspace, type Disposable, type TextDocumentContentProvider } from 'vscode';
import { EXPLAIN_SERIES, type ExplainSeriesResult } from '../../server/src/protocol';
import type { LensClient } from './lensClient';

export const EXPLANATION_SCHEME = 'emergence-lens-explanation';

class Explanations implements TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: Uri): string {
    return this.texts.get(uri.toString()) ?? 'This explanation is no longer available: open it again from a hover.';
  }

  /** One document per series: explaining it again replaces its text. */
  put(seriesId: string, title: string, markdown: string): Uri {
    const uri = Uri.from({ scheme: EXPLANATION_SCHEME, path: `/${title.replace(/[\\/]/g, '∕').slice(0, 120)}.md`, query: encodeURIComponent(seriesId) });
    this.texts.set(uri.toString(), markdown);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerExplanations(): { provider: Disposable; show: (lens: LensClient, seriesId: string, point?: number) => Promise<Uri | undefined> } {
  const explanations = new Explanations();
  const registration = workspace.registerTextDocumentContentProvider(EXPLANATION_SCHEME, explanations);
  return {
    provider: { dispose: () => (registration.dispose(), explanations.dispose()) },
    show: async (lens, seriesId, point) => {
      const result = await lens.request<ExplainSeriesResult>(EXPLAIN_SERIES, { id: seriesId, point });
      if (!result) {
        void window.showWarningMessage('That series is no longer in the workspace index.');
        return undefined;
      }
      const uri = explanations.put(seriesId, result.title, result.markdown);
      await commands.executeCommand('markdown.showPreview', uri);
      return uri;
    },
  };
}
