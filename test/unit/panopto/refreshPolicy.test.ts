// When a refused REST call is worth a token refresh: only where the token can be the cause. REST v1
// answers 401 for an expired token and 403 for "no permission" (a new token changes nothing there);
// the legacy upload API answers 403 for an expired token (docs/panopto.md#expiry-and-retries).
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { restSwitchDefaults, useTestDevServer } from '../../support/devServer';
import { SEED_PATHS, folderIdFor } from '../../../devserver/seedFolders';
import { PanoptoClient, tokenMayBeTheCause } from '../../../src/panopto/client';
import { PanoptoHttpError } from '../../../src/panopto/errors';
import { SESSION_UPLOAD_PATH } from '../../../src/panopto/sessionUpload';
import { FAST_RETRY, TestAccess, serviceFor } from '../../support/testAccess';

describe('hardening: refresh on 401', () => {
  const server = useTestDevServer();

  afterEach(() => {
    Object.assign(server().switches, restSwitchDefaults(), { sessionUpload403: 0 });
  });

  it('a REST v1 403 ("no permission") is reported as it is, without spending a refresh', async () => {
    const access = await TestAccess.signIn(server(), 'grace');
    const refreshesBefore = server().stats.tokenRequestsByGrant.refresh_token ?? 0;
    await assert.rejects(serviceFor(access).listFolders(folderIdFor(SEED_PATHS.maths)), (e: unknown) => {
      assert.ok(e instanceof PanoptoHttpError);
      assert.equal(e.status, 403);
      assert.match(e.message, /permission/);
      return true;
    });
    assert.equal(access.forcedRefreshes, 0);
    assert.equal((server().stats.tokenRequestsByGrant.refresh_token ?? 0) - refreshesBefore, 0);
  });

  it("the upload API's 403 (its expired token) still gets one refresh and one retry", async () => {
    const access = await TestAccess.signIn(server(), 'ada');
    server().switches.sessionUpload403 = 1;
    const client = new PanoptoClient({ access, retry: FAST_RETRY });
    await assert.rejects(
      client.requestJson({ path: `${SESSION_UPLOAD_PATH}/11111111-2222-4333-8444-555555555555`, schema: z.unknown() }),
      (e: unknown) => e instanceof PanoptoHttpError && e.status === 404,
    );
    assert.equal(server().switches.sessionUpload403, 0, 'the 403 was served');
    assert.equal(access.forcedRefreshes, 1);
  });

  it('the rule itself: 401 anywhere, 403 only on the upload API', () => {
    assert.equal(tokenMayBeTheCause(401, '/Panopto/api/v1/folders/x/children'), true);
    assert.equal(tokenMayBeTheCause(403, '/Panopto/api/v1/folders/x/children'), false);
    assert.equal(tokenMayBeTheCause(403, SESSION_UPLOAD_PATH), true);
    assert.equal(tokenMayBeTheCause(404, SESSION_UPLOAD_PATH), false);
  });
});
