// Mocha root hooks (loaded with `require` in .mocharc.json): what must run once when a whole run ends,
// registered here explicitly rather than as a side effect of importing a helper.
import { closeAllTestDevServers } from './devServer';
import { assertNoSecretInSuiteLog } from './secretScan';

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    // Whatever a test forgot to close is closed, even after failures.
    await closeAllTestDevServers();
    // The auth tests' log holds no token, code or secret they handled.
    assertNoSecretInSuiteLog();
  },
};
