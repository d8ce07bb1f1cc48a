// The frame every e2e story shares: one code-server workbench per describe, started before the
// first step and closed after the last. The steps build on each other (a person cannot sign out
// before signing in), so the first step that fails leaves a screenshot and the rest are skipped.
import { startE2e, type E2eEnvironment, type E2eOptions } from './environment';
import { waitForWorkbench } from './workbench';

export interface E2eStoryOptions extends E2eOptions {
  /** The page's size, for screenshots that show the whole side bar and editor. */
  viewport?: { width: number; height: number };
}

/** Registers the describe's hooks; `onStarted` receives the environment once the workbench is up. */
export function useE2eStory(options: E2eStoryOptions, onStarted: (env: E2eEnvironment) => void): void {
  let env: E2eEnvironment | undefined;
  let failed = false;

  before(async function () {
    this.timeout(600_000); // the first run may install code-server (~40-80 s) and chromium
    env = await startE2e(options);
    if (options.viewport) await env.page.setViewportSize(options.viewport);
    await waitForWorkbench(env.page);
    onStarted(env);
  });

  beforeEach(function () {
    if (failed) this.skip();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      await env?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
    }
  });

  after(async () => {
    await env?.close();
  });
}
