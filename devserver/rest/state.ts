// What the REST side of one dev server remembers: its catalog, how often each token was used (for
// the restTokenRequestLimit switch) and the legacy sign-in cookies handed out by auth/legacyLogin.
// DevContext's `stats` object lives as long as its server, so it keys the state.
import type { DevContext } from '../context';
import { seedCatalog } from '../seedFolders';
import { seedSessions } from '../seedSessions';
import type { FolderCatalog } from './catalog';

export interface LegacyTicket {
  userId: string;
  userName: string;
}

export interface RestState {
  catalog: FolderCatalog;
  /** sha256(token) → REST requests served with it. */
  tokenUses: Map<string, number>;
  /** .ASPXAUTH cookie value → who signed in with it. */
  legacyTickets: Map<string, LegacyTicket>;
}

const states = new WeakMap<object, RestState>();

export function stateOf(ctx: Pick<DevContext, 'stats'>): RestState {
  let state = states.get(ctx.stats);
  if (!state) {
    const catalog = seedCatalog();
    seedSessions(catalog);
    state = { catalog, tokenUses: new Map(), legacyTickets: new Map() };
    states.set(ctx.stats, state);
  }
  return state;
}
