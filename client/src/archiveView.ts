// A read-only, readable view of an Inspect `.eval` archive: the text of its header.json (scores, model, task,
// settings), which the server reads out of the ZIP. An editor cannot open the archive itself, so every "go to" for a
// score held in an archive opens this view, at the line the score's position names.
import { commands, EventEmitter, Uri, window, workspace, type Disposable, type TextDocumentContentProvider } from 'vscode';
import type { ArchiveTextParams, ArchiveTextResult } from '../../server/src/protocol';
import { COMMAND_IDS } from './commandIds';

export const ARCHIVE_SCHEME = 'emergence-lens-archive';
/** Appended to the archive's path so the view opens as JSON. */
const VIEW_SUFFIX = '.header.json';

type Request = (params: ArchiveTextParams) => Promise<ArchiveTextResult>;

/** Where to show a file's line: the archive view for `.eval` files, the file itself otherwise. */
export function sourceUri(file: Uri): Uri {
  return file.scheme === 'file' && /\.eval$/i.test(file.path) ? file.with({ scheme: ARCHIVE_SCHEME, path: file.path + VIEW_SUFFIX }) : file;
}

class ArchiveContent implements TextDocumentContentProvider {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly request: Request) {}

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const path = Uri.file(uri.path.slice(0, -VIEW_SUFFIX.length)).fsPath;
    const text = await this.request({ path });
    return text ?? `// ${path} is no Inspect log archive that could be read (see the Emergence Lens log).\n`;
  }

  refresh(uri: Uri): void {
    this.changed.fire(uri);
  }
}

export function registerArchiveView(request: Request): Disposable[] {
  const content = new ArchiveContent(request);
  return [
    workspace.registerTextDocumentContentProvider(ARCHIVE_SCHEME, content),
    // From the Explorer's context menu (the archive's URI), or the palette (the active editor's file, else a pick).
    commands.registerCommand(COMMAND_IDS.openArchive, async (arg?: unknown) => {
      const file = arg instanceof Uri ? arg : await pickArchive();
      if (!file) return undefined;
      const view = sourceUri(file);
      content.refresh(view);
      return window.showTextDocument(view, { preview: true });
    }),
  ];
}

async function pickArchive(): Promise<Uri | undefined> {
  const found = await workspace.findFiles('**/*.eval', '**/node_modules/**', 500);
  if (found.length === 0) {
    void window.showInformationMessage('No Inspect log archives (.eval) in this workspace.');
    return undefined;
  }
  const picked = await window.showQuickPick(
    found.map((uri) => ({ label: workspace.asRelativePath(uri), uri })),
    { title: 'Open Inspect Log Scores', placeHolder: 'An .eval archive' },
  );
  return picked?.uri;
}
