// Network trouble on the upload API, on purpose:
// - PartDrops: which part PUTs lose their connection mid-body (switches dropConnectionOnPart,
//   dropPartProbability/dropPartSeed) and after how many bytes (dropConnectionAfterBytes).
// - UploadOutage: a window in which the upload API and target stop answering (uploadOutageMs), the
//   way a client whose laptop went to sleep sees its server: requests and bodies stall until the
//   window ends ('hang'), or connections are reset ('reset'); then normal service.
import type { IncomingMessage } from 'node:http';
import type { Switches } from '../switches';

/** mulberry32: a small seeded generator, so a seed gives the same drops on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class PartDrops {
  /** The dropConnectionOnPart value being counted towards, and part PUTs seen since it was set. */
  #armedFor = 0;
  #partsSinceArmed = 0;
  #randomKey = '';
  #random: () => number = () => 1;

  /** Called once per part PUT: the byte count after which to drop its connection, or undefined to keep it. */
  next(switches: Switches): number | undefined {
    // Counted from when the switch was set, so "the Nth part" means the Nth part PUT after that.
    if (this.#armedFor !== switches.dropConnectionOnPart) {
      this.#armedFor = switches.dropConnectionOnPart;
      this.#partsSinceArmed = 0;
    }
    this.#partsSinceArmed += 1;
    let drop = false;
    if (switches.dropConnectionOnPart > 0 && this.#partsSinceArmed === switches.dropConnectionOnPart) {
      switches.dropConnectionOnPart = 0; // once; a test sees it fired
      this.#armedFor = 0;
      drop = true;
    }
    if (switches.dropPartProbability > 0) {
      // A new seed or probability starts a new sequence; every part PUT draws once.
      const key = `${switches.dropPartSeed}/${switches.dropPartProbability}`;
      if (key !== this.#randomKey) {
        this.#randomKey = key;
        this.#random = seededRandom(switches.dropPartSeed);
      }
      if (this.#random() < switches.dropPartProbability) drop = true;
    }
    return drop ? switches.dropConnectionAfterBytes : undefined;
  }
}

export class UploadOutage {
  /** The uploadOutageMs value the current window was started for (0 = none). */
  #armedFor = 0;
  #endsAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #waiters: (() => void)[] = [];
  #switches: Switches | undefined;

  /** Starts a window of switches.uploadOutageMs from now (ends one when it is 0). admin.ts calls this
   *  when POST /__dev/switches sets the switch; a switch flipped in-process is noticed by remaining(). */
  arm(switches: Switches): void {
    this.#switches = switches;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedFor = switches.uploadOutageMs;
    this.#endsAt = Date.now() + this.#armedFor;
    if (this.#armedFor > 0) {
      this.#timer = setTimeout(() => this.#end(), this.#armedFor);
      this.#timer.unref();
    } else {
      this.#wake();
    }
  }

  #end(): void {
    if (this.#switches && this.#switches.uploadOutageMs === this.#armedFor) {
      this.#switches.uploadOutageMs = 0; // the window is over; a test sees it ended
    }
    this.#armedFor = 0;
    this.#timer = undefined;
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Milliseconds of outage left (0 = serving normally). */
  remaining(switches: Switches): number {
    if (switches.uploadOutageMs !== this.#armedFor) this.arm(switches);
    return this.#armedFor > 0 ? Math.max(0, this.#endsAt - Date.now()) : 0;
  }

  /**
   * Lets a request (or the next chunk of its body) through: at once when there is no outage; in
   * 'hang' mode once the outage ends; in 'reset' mode never — the connection is destroyed.
   * Resolves false when the connection is gone.
   */
  async pass(req: IncomingMessage, switches: Switches): Promise<boolean> {
    while (this.remaining(switches) > 0 && !req.socket.destroyed) {
      if (switches.uploadOutageMode === 'reset') {
        req.socket.destroy();
        return false;
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          req.socket.off('close', done);
          resolve();
        };
        this.#waiters.push(done);
        req.socket.once('close', done);
      });
    }
    return !req.socket.destroyed;
  }
}
