import * as assert from 'node:assert/strict';
import { activatedApi } from './context';

describe('exported API', () => {
  it('activate() returns the PanoptoApi of the contract', async () => {
    const api = await activatedApi();
    assert.ok(api, 'the extension exports an API object');
    assert.equal(api.apiVersion, 1);
    for (const name of ['getSession', 'listFolders', 'searchFolders', 'listSessions', 'upload'] as const) {
      assert.equal(typeof api[name], 'function', `api.${name} is a function`);
    }
    assert.equal(typeof api.onDidChangeSessions, 'function', 'onDidChangeSessions is an Event');
  });

  it('onDidChangeSessions can be subscribed to and disposed', async () => {
    const api = await activatedApi();
    const subscription = api.onDidChangeSessions(() => undefined);
    assert.equal(typeof subscription.dispose, 'function');
    subscription.dispose();
  });

  it('the API never exposes token material as properties', async () => {
    const api = await activatedApi();
    const keys = Object.keys(api).map((k) => k.toLowerCase());
    assert.deepEqual(
      keys.filter((k) => /token|secret|password/.test(k)),
      [],
    );
  });
});
