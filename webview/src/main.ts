// Webview entry: wires the chart page to the extension host through the typed message contract.
import { ChartApp } from './app';
import { parseHostMessage, parseState, type WebviewMessage, type WebviewState } from './contract';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
// The state is read back as untrusted as anything else: it survives reloads and could be stale.
const state = parseState(vscode.getState());
const root = document.getElementById('app') ?? document.body;

const app = new ChartApp(
  root,
  {
    open: (file, line) => vscode.postMessage({ type: 'open', file, line }),
    plot: (kind, seriesId) => vscode.postMessage({ type: 'plot', kind, seriesId }),
    exported: (result) => vscode.postMessage({ type: 'exported', ...result }),
    error: (message) => vscode.postMessage({ type: 'error', message }),
    axisChanged: (axis) => {
      state.axis = axis;
      vscode.setState(state);
    },
  },
  state.axis,
);

window.addEventListener('message', (event) => {
  // Only the host frame talks to us (as in Inspect AI's webview listener).
  if (event.origin !== window.origin && event.source !== window.parent) return;
  const message = parseHostMessage(event.data);
  if (!message) return;
  if (message.type === 'export') return void app.exportAs(message.format);
  state.request = message.request;
  vscode.setState(state);
  app.show(message.view);
});

vscode.postMessage({ type: 'ready' });
