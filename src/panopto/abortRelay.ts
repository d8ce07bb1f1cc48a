// What the client hands undici as a request's `signal`: one EventEmitter per caller's AbortSignal,
// which repeats that signal's abort. undici adds a listener to the signal of every request and
// takes it off when the body closes; on an AbortSignal (an EventTarget) that pair cost a link check
// (bench figure 7) several microseconds per request, on an EventEmitter a fraction of one. undici
// accepts either (its RequestOptions `signal: AbortSignal | EventEmitter`) and reads `aborted` and
// `reason` from it, which the relay answers from the caller's signal. The caller's signal gets one
// listener however many requests use it.
import { EventEmitter } from 'node:events';

class AbortRelay extends EventEmitter {
  constructor(private readonly source: AbortSignal) {
    super();
    // Only undici listens here, one listener per request, taken off when that request's body
    // closes. Closing comes on a later tick, so a dispatcher that answers within one run of the
    // microtask queue (undici's MockAgent) can leave any number waiting for a moment: no bound
    // would be right, and none is a leak.
    this.setMaxListeners(0);
    source.addEventListener('abort', () => this.emit('abort'), { once: true });
  }

  get aborted(): boolean {
    return this.source.aborted;
  }

  get reason(): unknown {
    return this.source.reason as unknown;
  }
}

const relays = new WeakMap<AbortSignal, AbortRelay>();

/** The relay for `signal` (made on first use, kept as long as the signal lives). */
export function abortRelayFor(signal: AbortSignal | undefined): EventEmitter | undefined {
  if (!signal) return undefined;
  let relay = relays.get(signal);
  if (!relay) {
    relay = new AbortRelay(signal);
    relays.set(signal, relay);
  }
  return relay;
}
