// The link check's requests (src/authoring/recordingCheck.ts) against the dev server over HTTP, as
// the student (grace, Viewer): live recordings pass, unknown ones are gone, another course's are
// forbidden; the caller's signal carries one listener however many recordings are checked, and
// aborting it stops the check without counting the rest as unchecked.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { SEED_PATHS, folderIdFor } from '../../../devserver/seedFolders';
import { sessionIdFor } from '../../../devserver/seedSessions';
import { checkRecordings } from '../../../src/authoring/recordingCheck';
import { PanoptoClient } from '../../../src/panopto/client';
import { SessionService } from '../../../src/panopto/sessions';
import { createLog, MemoryLogSink } from '../../../src/util/log';
import { useTestDevServer } from '../../support/devServer';
import { FAST_RETRY, TestAccess } from '../../support/testAccess';

const SORTING = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 3 – Lecture: Sorting algorithms');

/** Ids no recording has: the dev server answers 404 for them. */
function unknownIds(count: number): string[] {
  return Array.from({ length: count }, (_, n) => `11111111-2222-4333-8444-${String(n).padStart(12, '0')}`);
}

describe('link check requests (checkRecordings) against the dev server', () => {
  const server = useTestDevServer();
  let sessions: SessionService;
  let live: string[];

  before(async () => {
    sessions = new SessionService(new PanoptoClient({ access: await TestAccess.signIn(server(), 'grace'), retry: FAST_RETRY }));
    live = (await sessions.listSessions(folderIdFor(SEED_PATHS.week1))).map((s) => s.id);
    assert.ok(live.length > 0, 'grace sees recordings in Week 1');
  });

  it('finds gone and forbidden recordings, and keeps one listener on the caller’s signal', async () => {
    const gone = unknownIds(40);
    const ids = [...live, SORTING, ...gone];
    const controller = new AbortController();
    const sink = new MemoryLogSink();
    let mostListeners = 0;
    const progress: number[] = [];
    const result = await checkRecordings(ids, sessions, {
      signal: controller.signal,
      log: createLog(sink),
      isCancellation: () => false,
      onChecked: (done) => {
        progress.push(done);
        mostListeners = Math.max(mostListeners, getEventListeners(controller.signal, 'abort').length);
      },
    });
    assert.equal(result.unchecked, 0, sink.lines.join('\n'));
    assert.deepEqual(
      [...result.problems].sort(([a], [b]) => a.localeCompare(b)),
      [[SORTING, 'forbidden'] as const, ...gone.map((id) => [id, 'gone'] as const)].sort(([a], [b]) => a.localeCompare(b)),
    );
    assert.deepEqual(
      progress,
      ids.map((_, n) => n + 1),
    );
    assert.equal(mostListeners, 1);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'the check lets go of the signal');
  });

  it('stops when the signal aborts, without counting the rest as unchecked', async () => {
    const ids = unknownIds(200);
    const controller = new AbortController();
    let checked = 0;
    const result = await checkRecordings(ids, sessions, {
      signal: controller.signal,
      log: createLog(new MemoryLogSink()),
      isCancellation: () => false,
      onChecked: (done) => {
        checked = done;
        if (done === 20) controller.abort();
      },
    });
    assert.ok(checked < ids.length, `checked ${checked} of ${ids.length}`);
    assert.equal(result.unchecked, 0);
    assert.ok(result.problems.size >= 20 && result.problems.size <= checked);
  });
});
