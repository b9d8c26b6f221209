// Bad input must never take the server down: every handler runs behind this guard. A handler that throws
// is logged and answers its fallback; a request cancelled before it ran answers RequestCancelled.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export type Log = (message: string) => void;

export function guardRequest<P, R>(log: Log, name: string, fallback: R, handler: (params: P, token?: CancellationToken) => R | Promise<R>) {
  return async (params: P, token?: CancellationToken): Promise<R | ResponseError<void>> => {
    if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
    try {
      return await handler(params, token);
    } catch (e) {
      log(`Emergence Lens: ${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}

export function guardNotification<P>(log: Log, name: string, handler: (params: P) => void | Promise<void>) {
  return (params: P): void => {
    try {
      const done = handler(params);
      if (done) done.catch((e) => log(`Emergence Lens: ${name} failed: ${describeError(e)}`));
    } catch (e) {
      log(`Emergence Lens: ${name} failed: ${describeError(e)}`);
    }
  };
}

export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
