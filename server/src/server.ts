// Entry point of the bundled language server (`dist/server.js --stdio`, or --node-ipc from the VS Code client).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/language-server';
import { describeError } from './lsp/safe-handlers';

const connection = createConnection(ProposedFeatures.all);

// Whatever slips past the handler guards is logged, never fatal: one bad file must not end the session.
process.on('uncaughtException', (e) => connection.console.error(`Emergence Lens: uncaught: ${describeError(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Emergence Lens: unhandled rejection: ${describeError(e)}`));

startServer(connection);
