// Admin routes under /__dev/ for tests in other processes, the demo and the benchmarks:
//   GET  /__dev/stats          counters (see stats.ts)
//   POST /__dev/stats/reset    clears them
//   GET  /__dev/switches       the live switches
//   POST /__dev/switches       JSON merge into the live switches (400 naming a bad switch)
//   POST /__dev/revoke-all     revokes every grant and token now
//   GET  /__dev/uploads        sessionUploads, open multipart uploads, received files (upload.ts)
// No authentication: the dev server listens on loopback and holds only demo data.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevContext } from './context';
import { readBody, sendJson } from './oauth/http';
import { applySwitches, SwitchError } from './switches';
import { armUploadOutage, uploadsSnapshot } from './upload';

export const adminPrefix = '/__dev/';

export function createAdminHandler(revokeAll: () => void) {
  return async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, ctx: DevContext): Promise<boolean> {
    if (!url.pathname.startsWith(adminPrefix)) return false;
    const route = `${req.method} ${url.pathname.slice(adminPrefix.length)}`;
    switch (route) {
      case 'GET stats':
        sendJson(res, 200, ctx.stats.snapshot());
        return true;
      case 'POST stats/reset':
        ctx.stats.reset();
        sendJson(res, 200, ctx.stats.snapshot());
        return true;
      case 'GET switches':
        sendJson(res, 200, ctx.switches);
        return true;
      case 'POST switches': {
        let patch: unknown;
        try {
          patch = JSON.parse((await readBody(req)).toString('utf8') || '{}');
        } catch {
          sendJson(res, 400, { error: 'invalid_json', message: 'The body must be a JSON object of switches.' });
          return true;
        }
        try {
          applySwitches(ctx.switches, patch);
        } catch (error) {
          if (!(error instanceof SwitchError)) throw error;
          sendJson(res, 400, { error: 'invalid_switch', message: error.message });
          return true;
        }
        // The outage window starts when it is set here, so a test can flip it mid-upload.
        if (typeof patch === 'object' && patch !== null && 'uploadOutageMs' in patch) armUploadOutage(ctx);
        sendJson(res, 200, ctx.switches);
        return true;
      }
      case 'GET uploads': // sessionUploads, open multipart uploads, received files with sha256 (upload.ts)
        sendJson(res, 200, await uploadsSnapshot(ctx));
        return true;
      case 'POST revoke-all':
        revokeAll();
        sendJson(res, 200, { revoked: true });
        return true;
      default:
        sendJson(res, 404, { error: 'not_found', message: `No admin route ${route}.` });
        return true;
    }
  };
}
