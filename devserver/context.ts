// What every route module (oauth, rest, upload, admin) gets from the server: the shared switches
// and stats, and a way to check a bearer token against the OAuth server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { Stats } from './stats';
import type { Switches } from './switches';

export interface DevPrincipal {
  userId: string;
  userName: string;
  displayName: string;
  scopes: string[];
}

export interface DevContext {
  baseUrl: string;
  switches: Switches;
  stats: Stats;
  /** Validates `Authorization: Bearer …` against oidc-provider; records the token in stats;
   *  undefined when missing/invalid/expired/revoked. */
  authenticate(req: IncomingMessage): Promise<DevPrincipal | undefined>;
}

/** true = handled (a response was or will be sent). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL, ctx: DevContext) => Promise<boolean>;

export function bearerTokenOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function createDevContext(options: {
  baseUrl: string;
  switches: Switches;
  stats: Stats;
  findPrincipal: (accessToken: string) => Promise<DevPrincipal | undefined>;
}): DevContext {
  const { baseUrl, switches, stats, findPrincipal } = options;
  return {
    baseUrl,
    switches,
    stats,
    async authenticate(req) {
      const token = bearerTokenOf(req);
      if (!token) return undefined;
      const hash = sha256Hex(token);
      if (!stats.bearerTokensSeen.includes(hash)) stats.bearerTokensSeen.push(hash);
      return findPrincipal(token);
    },
  };
}
