// Just enough of the VS Code API for the chart panels, recording what they do. Tests map `vscode` to this module.
import { join } from 'node:path';

type Listener<T> = (value: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  constructor(
    readonly fsPath: string,
    readonly scheme = 'file',
  ) {}
  static file(path: string): Uri {
    return new Uri(path);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(parts.reduce((path, part) => join(path, part), base.fsPath), base.scheme);
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

export class Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
}

export const ViewColumn = { One: 1, Two: 2, Beside: -2 } as const;

export class FakeWebview {
  html = '';
  options: unknown = {};
  readonly cspSource = 'https://fake.vscode-cdn.net';
  readonly posted: unknown[] = [];
  private readonly received = new EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.received.event;
  postMessage(message: unknown): Promise<boolean> {
    this.posted.push(JSON.parse(JSON.stringify(message)));
    return Promise.resolve(true);
  }
  asWebviewUri(uri: Uri): Uri {
    return new Uri(uri.fsPath, 'https');
  }
  /** The page posting a message to the extension. */
  send(message: unknown): void {
    this.received.fire(message);
  }
}

export class FakePanel {
  readonly webview = new FakeWebview();
  visible = true;
  active = true;
  revealed = 0;
  disposed = false;
  private readonly viewState = new EventEmitter<{ webviewPanel: FakePanel }>();
  private readonly disposal = new EventEmitter<void>();
  readonly onDidChangeViewState = this.viewState.event;
  readonly onDidDispose = this.disposal.event;
  constructor(
    readonly viewType: string,
    public title: string,
    readonly options: unknown = {},
  ) {}
  reveal(): void {
    this.revealed++;
  }
  dispose(): void {
    this.disposed = true;
    this.disposal.fire();
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.active = visible;
    this.viewState.fire({ webviewPanel: this });
  }
}

interface Serializer {
  deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void>;
}

export const recorded = {
  panels: [] as FakePanel[],
  serializers: new Map<string, Serializer>(),
  shown: [] as { uri: Uri; options: { selection: Range } }[],
  info: [] as string[],
  errors: [] as string[],
  written: [] as { uri: Uri; bytes: Uint8Array }[],
  /** What the next quick pick answers: the label of an item, or undefined for Escape. */
  pick: undefined as string | undefined,
  saveTo: undefined as Uri | undefined,
  /** Context keys set with setContext, as `when` clauses see them. */
  context: new Map<string, unknown>(),
};

export const commands = {
  async executeCommand(command: string, ...args: unknown[]) {
    if (command === 'setContext') recorded.context.set(args[0] as string, args[1]);
  },
};

export const window = {
  activeTextEditor: undefined,
  createWebviewPanel(viewType: string, title: string, _show: unknown, options: unknown): FakePanel {
    const panel = new FakePanel(viewType, title, options);
    recorded.panels.push(panel);
    return panel;
  },
  registerWebviewPanelSerializer(viewType: string, serializer: Serializer) {
    recorded.serializers.set(viewType, serializer);
    return { dispose: () => recorded.serializers.delete(viewType) };
  },
  async showTextDocument(uri: Uri, options: { selection: Range }) {
    recorded.shown.push({ uri, options });
  },
  async showInformationMessage(message: string) {
    recorded.info.push(message);
  },
  async showErrorMessage(message: string) {
    recorded.errors.push(message);
  },
  async showQuickPick<T extends { label: string }>(items: T[]) {
    return items.find((i) => i.label === recorded.pick);
  },
  async showSaveDialog() {
    return recorded.saveTo;
  },
};

export const workspace = {
  workspaceFolders: [{ uri: Uri.file('/workspace') }],
  fs: {
    async writeFile(uri: Uri, bytes: Uint8Array) {
      recorded.written.push({ uri, bytes });
    },
  },
};
