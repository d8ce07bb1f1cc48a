// CaptionService against the dev server: upload (multipart SRT/VTT with a language) and download
// through Panopto's legacy cookie, which is asked for once per site and renewed when refused.
import assert from 'node:assert/strict';
import { restSwitchDefaults, useTestDevServer } from '../../support/devServer';
import { SEED_PATHS } from '../../../devserver/seedFolders';
import { sessionIdFor } from '../../../devserver/seedSessions';
import { restRequestCounts } from '../../../devserver/rest';
import { CAPTION_LANGUAGES, CaptionService, type CaptionLanguage } from '../../../src/panopto/captions';
import { PanoptoClient } from '../../../src/panopto/client';
import { PanoptoHttpError } from '../../../src/panopto/errors';
import { SessionService } from '../../../src/panopto/sessions';
import { PanoptoInputError, PanoptoNotFoundError, PanoptoPermissionError } from '../../../src/panopto/serviceErrors';
import { redact } from '../../../src/util/log';
import { FAST_RETRY, TestAccess } from '../../support/testAccess';

const HELLO = sessionIdFor(SEED_PATHS.week1, 'Lecture 1 – Hello, world');
const SORTING = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 3 – Lecture: Sorting algorithms');
const OVERVIEW = sessionIdFor(SEED_PATHS.comp101, 'Course overview');

const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nWillkommen zum Kurs.\n\n00:00:04.000 --> 00:00:06.000\nHeute: Überblick.\n';
const SRT = '1\n00:00:00,500 --> 00:00:02,000\nWelcome, everyone.\n';

interface User {
  sessions: SessionService;
  captions: CaptionService;
}

describe('CaptionService against the dev server', () => {
  const server = useTestDevServer();
  let ada: User;
  let grace: User;
  const count = (route: string) => restRequestCounts({ stats: server().stats })[route] ?? 0;
  const userFor = (access: TestAccess): User => {
    const client = new PanoptoClient({ access, retry: FAST_RETRY });
    return { sessions: new SessionService(client), captions: new CaptionService(client) };
  };
  const download = async (user: User, id: string, language?: CaptionLanguage) =>
    user.captions.downloadCaptions(await user.sessions.getSessionDetails(id), language);

  before(async () => {
    ada = userFor(await TestAccess.signIn(server(), 'ada'));
    grace = userFor(await TestAccess.signIn(server(), 'grace'));
  });

  afterEach(() => {
    Object.assign(server().switches, restSwitchDefaults());
  });

  it("downloads a recording's captions as a viewer, signing in to the legacy pages once", async () => {
    const before = count('GET /auth/legacyLogin');
    const srt = await download(grace, HELLO);
    assert.match(srt, /^1\r?\n00:00:01,000 --> 00:00:04,500\r?\nWelcome to COMP101/);
    assert.match(await download(grace, HELLO, 'English_USA'), /hello, world/);
    assert.equal(await download(grace, HELLO, 'French'), '', 'no French captions: empty');
    assert.equal(count('GET /auth/legacyLogin') - before, 1, 'the cookie is kept for the site');
  });

  it('picks a language by its Panopto number', async () => {
    assert.match(await download(ada, SORTING, 'French'), /Cette semaine, nous parlons du tri/);
    assert.match(await download(ada, SORTING, 'English_USA'), /all about sorting/);
  });

  it('signs in again once when the kept cookie is refused', async () => {
    const captions = new CaptionService(new PanoptoClient({ access: await TestAccess.signIn(server(), 'grace'), retry: FAST_RETRY }));
    const details = await grace.sessions.getSessionDetails(HELLO);
    await captions.downloadCaptions(details);
    // A cookie the site no longer knows (the dev server keeps tickets in memory; a real one expires).
    (captions as unknown as { cookies: Map<string, string> }).cookies.set(server().baseUrl, '.ASPXAUTH=ABC');
    const before = count('GET /auth/legacyLogin');
    assert.match(await captions.downloadCaptions(details), /Welcome to COMP101/);
    assert.equal(count('GET /auth/legacyLogin') - before, 1);
  });

  it('reports a recording without captions as not found, without a request', async () => {
    const details = await ada.sessions.getSessionDetails(OVERVIEW);
    assert.equal(details.captionDownloadUrl, undefined);
    await assert.rejects(
      ada.captions.downloadCaptions(details),
      (e: unknown) => e instanceof PanoptoNotFoundError && e.what === 'captions' && /Course overview/.test(e.message),
    );
  });

  it('sends the cookie only to a caption URL on the signed-in site', async () => {
    const before = count('GET /auth/legacyLogin');
    await assert.rejects(
      grace.captions.downloadCaptions({
        id: HELLO,
        name: 'Elsewhere',
        captionDownloadUrl: 'https://evil.example/Panopto/Pages/Transcription/GenerateSRT.ashx?id=1',
      }),
      PanoptoNotFoundError,
    );
    assert.equal(count('GET /auth/legacyLogin'), before);
  });

  it('uploads WebVTT captions in a language as the Creator; Panopto then serves them as SRT', async () => {
    await ada.captions.uploadCaptions(OVERVIEW, { name: 'overview.de.vtt', data: Buffer.from(VTT) }, 'German');
    const details = await ada.sessions.getSessionDetails(OVERVIEW);
    assert.ok(details.captionDownloadUrl, 'the recording now has a caption link');
    const srt = await ada.captions.downloadCaptions(details, 'German');
    assert.match(srt, /00:00:01,000 --> 00:00:03,500\r?\nWillkommen zum Kurs\./);
  });

  it('replaces the captions of a language with a new SRT file', async () => {
    await ada.captions.uploadCaptions(HELLO, { name: 'hello.srt', data: Buffer.from(SRT) }, 'English_USA');
    assert.equal((await download(ada, HELLO, 'English_USA')).trim(), SRT.trim());
  });

  it("tells a student she may not add captions to the instructor's recording", async () => {
    await assert.rejects(
      grace.captions.uploadCaptions(OVERVIEW, { name: 'mine.srt', data: Buffer.from(SRT) }, 'English_USA'),
      (e: unknown) => {
        assert.ok(e instanceof PanoptoPermissionError);
        assert.match(e.message, /^You don't have permission to change the captions of this recording on 127\.0\.0\.1:\d+\.$/);
        return true;
      },
    );
  });

  it('refuses a bad file, language or id before any request', async () => {
    const before = count('POST /sessions/{id}/captions');
    const file = { name: 'a.srt', data: Buffer.from(SRT) };
    await assert.rejects(
      ada.captions.uploadCaptions(OVERVIEW, { name: 'a.txt', data: Buffer.from(SRT) }, 'English_USA'),
      PanoptoInputError,
    );
    await assert.rejects(
      ada.captions.uploadCaptions(OVERVIEW, { name: 'a.srt', data: new Uint8Array() }, 'English_USA'),
      PanoptoInputError,
    );
    await assert.rejects(ada.captions.uploadCaptions(OVERVIEW, file, 'Klingon' as CaptionLanguage), PanoptoInputError);
    await assert.rejects(ada.captions.uploadCaptions('..', file, 'English_USA'), PanoptoInputError);
    assert.equal(count('POST /sessions/{id}/captions'), before);
  });

  it('reports captions it may not read as no permission, and a lost legacy sign-in as HTTP 401', async () => {
    const sorting = await ada.sessions.getSessionDetails(SORTING);
    // grace may not see COMP202: the caption page refuses her cookie.
    await assert.rejects(grace.captions.downloadCaptions(sorting), PanoptoPermissionError);
    server().switches.restLegacyNoCookie = '401';
    const fresh = new CaptionService(new PanoptoClient({ access: await TestAccess.signIn(server(), 'grace'), retry: FAST_RETRY }));
    (fresh as unknown as { cookies: Map<string, string> }).cookies.set(server().baseUrl, '.ASPXAUTH=ABC');
    (fresh as unknown as { legacySignIn: () => Promise<string> }).legacySignIn = async () => '.ASPXAUTH=STILLBAD';
    await assert.rejects(
      fresh.downloadCaptions(await grace.sessions.getSessionDetails(HELLO)),
      (e: unknown) => e instanceof PanoptoHttpError && e.status === 401,
    );
  });

  it('keeps the legacy cookie out of the log and out of error messages, and redacts it if it ever got there', async () => {
    const lines: string[] = [];
    const record = (message: string | Error) => lines.push(String(message));
    const log = { trace: record, debug: record, info: record, warn: record, error: record };
    const client = new PanoptoClient({ access: await TestAccess.signIn(server(), 'grace'), retry: FAST_RETRY, log });
    const captions = new CaptionService(client);
    await captions.downloadCaptions(await grace.sessions.getSessionDetails(HELLO));
    const sorting = await ada.sessions.getSessionDetails(SORTING);
    const refused = await captions.downloadCaptions(sorting).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(refused instanceof PanoptoPermissionError);
    const cookie = (captions as unknown as { cookies: Map<string, string> }).cookies.get(server().baseUrl) ?? '';
    const ticket = /\.ASPXAUTH=([^;]+)/.exec(cookie)?.[1];
    assert.ok(ticket && ticket.length > 20, 'a ticket was kept');
    assert.ok(lines.length > 0, 'the client logged its requests');
    for (const text of [...lines, refused.message, String(refused.cause)]) assert.ok(!text.includes(ticket), text);
    assert.ok(!redact(`cookie ${ticket}`).includes(ticket), 'registered for redaction');
  });

  it("lists Panopto's caption languages in the enum's order", () => {
    assert.equal(CAPTION_LANGUAGES[0].id, 'English_USA');
    assert.equal(CAPTION_LANGUAGES[5].id, 'French');
    assert.equal(new Set(CAPTION_LANGUAGES.map((l) => l.id)).size, CAPTION_LANGUAGES.length);
  });
});
