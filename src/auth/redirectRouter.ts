// Routes a sign-in redirect to the sign-in that waits for it, by `state`.
// Every route ends here: VS Code's UriHandler (/did-authenticate), the loopback listener, and (for
// the paste box) a pasted URL. A redirect whose state matches no waiting sign-in is ignored and logged,
// not treated as a failure: two sign-ins at once must not break each other, and a stale browser tab
// must not end a fresh sign-in.
import type { Log } from '../util/log';
import { abortReason } from '../util/cancellation';
import { registerSecret } from '../util/log';

export const DID_AUTHENTICATE_PATH = '/did-authenticate';

export type RedirectSource = 'uriHandler' | 'loopback' | 'paste';

export type DeliveryOutcome = 'accepted' | 'unknown-state' | 'no-state';

interface Waiter {
  resolve(params: URLSearchParams): void;
}

export class RedirectRouter {
  private readonly waiters = new Map<string, Waiter>();

  constructor(private readonly log: Log) {}

  /** Resolves with the redirect's query parameters when a redirect with this state arrives. */
  wait(state: string, signal: AbortSignal): Promise<URLSearchParams> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = () => {
        this.waiters.delete(state);
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(state, {
        resolve: (params) => {
          signal.removeEventListener('abort', onAbort);
          resolve(params);
        },
      });
    });
  }

  deliver(params: URLSearchParams, source: RedirectSource): DeliveryOutcome {
    const state = params.get('state');
    if (!state) {
      this.log.warn(`Ignored a sign-in redirect without state (via ${source})`);
      return 'no-state';
    }
    const waiter = this.waiters.get(state);
    if (!waiter) {
      this.log.warn(`Ignored a sign-in redirect whose state matches no waiting sign-in (via ${source})`);
      return 'unknown-state';
    }
    this.waiters.delete(state);
    // Only a code that answers one of our sign-ins is a secret worth remembering: anyone can send
    // redirects, and registering theirs would grow the redaction set (util/log.ts) at their pace.
    registerSecret(params.get('code'));
    this.log.info(`Sign-in redirect received (via ${source})`);
    waiter.resolve(params);
    return 'accepted';
  }

  /** For vscode.UriHandler: handles `/did-authenticate`, ignores other paths. */
  handleUri(uri: { path: string; query: string }): DeliveryOutcome | 'other-path' {
    if (uri.path !== DID_AUTHENTICATE_PATH) {
      this.log.info(`Ignored a URI for this extension with path ${uri.path}`);
      return 'other-path';
    }
    return this.deliver(new URLSearchParams(uri.query), 'uriHandler');
  }
}
