// Contract tests over real HTTP: the legacy cookie sign-in, the caption download it opens, and
// uploading and deleting captions (docs/panopto.md#captions).
import assert from 'node:assert/strict';
import { restSwitchDefaults, useTestDevServer } from '../../support/devServer';
import { SEED_PATHS } from '../../../devserver/seedFolders';
import { sessionIdFor } from '../../../devserver/seedSessions';
import { apiErrorOf, restOf, signInBoth, type WireSession } from './restClient';

const SORTING = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 3 – Lecture: Sorting algorithms');
const WEEK1_LECTURE = sessionIdFor(SEED_PATHS.week1, 'Lecture 1 – Hello, world');
const OWN_SEMINAR = sessionIdFor(SEED_PATHS.graceNotes, 'Seminar 2 – Lexing and parsing');

const UPLOADED_SRT =
  '1\r\n00:00:01,000 --> 00:00:03,250\r\nMerge sort, again.\r\n\r\n2\r\n00:01:02,500 --> 00:01:05,000\r\nNow with <i>feeling</i>.\r\n';
const UPLOADED_VTT =
  'WEBVTT\n\nNOTE recorded live\n\nintro\n00:02.000 --> 00:04.500 align:start\nBonjour à tous.\n\n01:00:00.000 --> 01:00:01.000\nÀ bientôt !\n';
const VTT_AS_SRT = '1\r\n00:00:02,000 --> 00:00:04,500\r\nBonjour à tous.\r\n\r\n2\r\n01:00:00,000 --> 01:00:01,000\r\nÀ bientôt !\r\n';

describe('dev server REST v1: captions and the legacy cookie', () => {
  const server = useTestDevServer();
  const rest = restOf(server);
  let ada: string;
  let grace: string;
  let adaCookie: string;
  let graceCookie: string;

  /** auth/legacyLogin as an integrator calls it; returns the Cookie header to send back. */
  async function legacyLogin(token: string): Promise<string> {
    const response = await rest.call('GET', '/auth/legacyLogin', token);
    assert.equal(response.status, 200);
    assert.equal(typeof (await response.json()), 'string', 'a JSON string, as documented');
    const cookies = response.headers.getSetCookie();
    const auth = cookies.find((c) => c.startsWith('.ASPXAUTH='));
    assert.ok(auth, cookies.join(' | '));
    assert.match(auth, /;\s*HttpOnly/i);
    assert.match(auth, /;\s*path=\//i);
    assert.equal(cookies.length, 2, '.ASPXAUTH and a CSRF cookie');
    return cookies.map((c) => c.split(';')[0]).join('; ');
  }

  function download(sessionId: string, cookie: string | undefined, query = ''): Promise<Response> {
    const url = `${server().baseUrl}/Panopto/Pages/Transcription/GenerateSRT.ashx?id=${sessionId}${query}`;
    return fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  }

  async function captionUrlOf(sessionId: string, token: string): Promise<string> {
    const url = (await rest.expect<WireSession>(200, 'GET', `/sessions/${sessionId}`, token)).Urls.CaptionDownloadUrl;
    assert.ok(url, 'the session has captions');
    return url;
  }

  function upload(sessionId: string, token: string, file: string, fileName: string, language?: string): Promise<Response> {
    const form = new FormData();
    form.append('file', new Blob([file], { type: 'application/octet-stream' }), fileName);
    if (language !== undefined) form.append('language', language);
    return fetch(`${server().baseUrl}/Panopto/api/v1/sessions/${sessionId}/captions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  }

  before(async () => {
    ({ ada, grace } = await signInBoth(server()));
    adaCookie = await legacyLogin(ada);
    graceCookie = await legacyLogin(grace);
  });

  afterEach(() => {
    Object.assign(server().switches, restSwitchDefaults());
  });

  it('legacyLogin needs a valid bearer token (401 empty without one) and is counted like any REST route', async () => {
    await fetch(`${server().baseUrl}/__dev/stats/reset`, { method: 'POST' });
    const response = await rest.call('GET', '/auth/legacyLogin', undefined);
    assert.equal(response.status, 401);
    assert.equal(await response.text(), '');
    assert.equal(response.headers.getSetCookie().length, 0);
    const lowerCase = await fetch(`${server().baseUrl}/Panopto/api/v1/auth/legacylogin`, { headers: { authorization: `Bearer ${ada}` } });
    assert.equal(lowerCase.status, 200, 'routes match without regard to case, as ASP.NET does');
    await lowerCase.arrayBuffer();
    const stats = (await (await fetch(`${server().baseUrl}/__dev/stats`)).json()) as { restRequests: Record<string, number> };
    assert.deepEqual(stats.restRequests, { 'GET /auth/legacyLogin': 2 });
  });

  it('without the cookie the caption download redirects to the sign-in page, even with a bearer token', async () => {
    const url = await captionUrlOf(WEEK1_LECTURE, ada);
    const response = await fetch(url, { redirect: 'manual', headers: { authorization: `Bearer ${ada}` } });
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location')!);
    assert.equal(location.pathname, '/Panopto/Pages/Auth/Login.aspx');
    assert.equal(location.searchParams.get('ReturnUrl'), `/Panopto/Pages/Transcription/GenerateSRT.ashx?id=${WEEK1_LECTURE}`);
    const page = await fetch(location);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form/);
    await apiErrorOf(await rest.call('GET', `/sessions/${WEEK1_LECTURE}/captions`, ada), 405);
    const forged = await download(WEEK1_LECTURE, '.ASPXAUTH=0123456789ABCDEF');
    assert.equal(forged.status, 302, 'a ticket the server never issued');
    await forged.arrayBuffer();
  });

  it('answers 401 or 403 without the cookie when restLegacyNoCookie says so', async () => {
    for (const mode of ['401', '403'] as const) {
      server().switches.restLegacyNoCookie = mode;
      const response = await download(WEEK1_LECTURE, undefined);
      assert.equal(response.status, Number(mode));
      assert.equal(await response.text(), '');
    }
  });

  it('after legacyLogin the CaptionDownloadUrl serves the captions as SRT, for a viewer too', async () => {
    const url = await captionUrlOf(WEEK1_LECTURE, grace);
    const response = await fetch(url, { headers: { cookie: graceCookie } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="captions\.srt"/);
    const text = await response.text();
    assert.match(text, /^1\r\n00:00:01,000 --> 00:00:04,500\r\nWelcome to COMP101, Introduction to Programming\.\r\n/);
  });

  it('picks the language by ContentLanguage number or name; a language without captions is empty', async () => {
    const english = await (await download(SORTING, adaCookie, '&language=0')).text();
    const french = await (await download(SORTING, adaCookie, '&language=5')).text();
    const frenchByName = await (await download(SORTING, adaCookie, '&language=French')).text();
    assert.match(english, /This week is all about sorting\./);
    assert.match(french, /Cette semaine, nous parlons du tri\./);
    assert.equal(frenchByName, french);
    assert.equal(await (await download(SORTING, adaCookie)).text(), english, 'English_USA when no language is named');
    const german = await download(SORTING, adaCookie, '&language=4');
    assert.equal(german.status, 200);
    assert.equal(await german.text(), '');
  });

  it('refuses the download of a session the cookie user may not see (403), 404 for an unknown one', async () => {
    const hidden = await download(SORTING, graceCookie);
    assert.equal(hidden.status, 403);
    await hidden.arrayBuffer();
    const unknown = await download('11111111-2222-4333-8444-555555555555', adaCookie);
    assert.equal(unknown.status, 404);
    await unknown.arrayBuffer();
  });

  it('uploads an SRT file and downloads exactly the same text; a session without captions gets a CaptionDownloadUrl', async () => {
    const id = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 2 – Lecture: Divide and conquer');
    assert.equal((await rest.expect<WireSession>(200, 'GET', `/sessions/${id}`, ada)).Urls.CaptionDownloadUrl, null);
    const response = await upload(id, ada, UPLOADED_SRT, 'week2.srt', 'English_GBR');
    assert.equal(response.status, 200, await response.text());
    const url = await captionUrlOf(id, ada);
    assert.equal(await (await fetch(url, { headers: { cookie: adaCookie } })).text(), UPLOADED_SRT);
    assert.equal(await (await download(id, adaCookie, '&language=1')).text(), UPLOADED_SRT);
  });

  it('keeps captions per language: a second upload in a language replaces only that language', async () => {
    const first = '1\n00:00:00,000 --> 00:00:01,000\nfirst\n';
    const second = '1\n00:00:00,000 --> 00:00:01,000\nsecond\n';
    assert.equal((await upload(SORTING, ada, first, 'a.srt', 'German')).status, 200);
    assert.equal((await upload(SORTING, ada, second, 'b.srt', 'German')).status, 200);
    assert.equal(await (await download(SORTING, adaCookie, '&language=German')).text(), second);
    assert.match(await (await download(SORTING, adaCookie, '&language=French')).text(), /tri par insertion/);
  });

  it('converts an uploaded VTT file to SRT; restVttCaptions=keepAsGiven keeps it as sent', async () => {
    assert.equal((await upload(OWN_SEMINAR, grace, UPLOADED_VTT, 'seminar.vtt', 'French')).status, 200);
    assert.equal(await (await download(OWN_SEMINAR, graceCookie, '&language=French')).text(), VTT_AS_SRT);
    server().switches.restVttCaptions = 'keepAsGiven';
    assert.equal((await upload(OWN_SEMINAR, grace, UPLOADED_VTT, 'seminar.vtt', 'French_CAN')).status, 200);
    assert.equal(await (await download(OWN_SEMINAR, graceCookie, '&language=French_CAN')).text(), UPLOADED_VTT);
  });

  it('keeps captions uploaded without a language as "Default", served when no language is named', async () => {
    const id = sessionIdFor(SEED_PATHS.labRecordings, 'Lab 1 (group A)');
    assert.equal((await upload(id, ada, UPLOADED_SRT, 'lab.srt')).status, 200);
    assert.equal(await (await download(id, adaCookie)).text(), UPLOADED_SRT);
    assert.equal(await (await download(id, adaCookie, '&language=0')).text(), '');
  });

  it('finds uploaded caption text in search with its Context', async () => {
    const id = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 1 – Lecture: Asymptotic notation');
    const srt = '1\n00:10:00,000 --> 00:10:04,000\nThe zebra crossing example.\n';
    assert.equal((await upload(id, ada, srt, 'zebra.srt', 'English_USA')).status, 200);
    const { Results } = await rest.expect<{ Results: WireSession[] }>(
      200,
      'GET',
      '/sessions/search?searchQuery=zebra&includeFields=Context',
      ada,
    );
    assert.deepEqual(
      Results.map((s) => [s.Id, s.Context?.[0]?.Text, s.Context?.[0]?.Time]),
      [[id, 'The zebra crossing example.', 600]],
    );
  });

  it('refuses a viewer with 403 and an APIError, and keeps the captions', async () => {
    const message = await apiErrorOf(await upload(WEEK1_LECTURE, grace, UPLOADED_SRT, 'x.srt', 'English_USA'), 403);
    assert.match(message, /permission/);
    await apiErrorOf(await rest.call('DELETE', `/sessions/${WEEK1_LECTURE}/captions`, grace), 403);
    assert.match(await (await download(WEEK1_LECTURE, graceCookie)).text(), /Welcome to COMP101/);
  });

  it('answers 400 with an APIError for a bad upload and 404 for an unknown session', async () => {
    const id = sessionIdFor(SEED_PATHS.week1, 'Lecture 2 – Running Python');
    await apiErrorOf(await upload(id, ada, 'just some words', 'notes.txt', 'English_USA'), 400);
    await apiErrorOf(await upload(id, ada, UPLOADED_SRT, 'x.srt', 'Klingon'), 400);
    await apiErrorOf(await upload('11111111-2222-4333-8444-555555555555', ada, UPLOADED_SRT, 'x.srt', 'English_USA'), 404);
    await apiErrorOf(await rest.call('POST', `/sessions/${id}/captions`, ada, { language: 'English_USA' }), 400);
    const noFile = new FormData();
    noFile.append('language', 'English_USA');
    const response = await fetch(`${server().baseUrl}/Panopto/api/v1/sessions/${id}/captions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ada}` },
      body: noFile,
    });
    assert.match(await apiErrorOf(response, 400), /no caption file/);
    assert.equal((await rest.expect<WireSession>(200, 'GET', `/sessions/${id}`, ada)).Urls.CaptionDownloadUrl, null);
  });

  it('deletes one language, then all captions; the CaptionDownloadUrl goes away', async () => {
    const id = sessionIdFor(SEED_PATHS.comp202Lectures, 'Week 4 – Lecture: Graphs and Dijkstra’s algorithm');
    assert.equal((await upload(id, ada, UPLOADED_SRT, 'x.srt', 'Italian')).status, 200);
    await rest.expect(200, 'DELETE', `/sessions/${id}/captions/languages/Italian`, ada);
    assert.equal(await (await download(id, adaCookie, '&language=Italian')).text(), '');
    assert.match(await (await download(id, adaCookie, '&language=English_USA')).text(), /priority queue/);
    await apiErrorOf(await rest.call('DELETE', `/sessions/${id}/captions/languages/Klingon`, ada), 400);
    await rest.expect(200, 'DELETE', `/sessions/${id}/captions`, ada);
    assert.equal((await rest.expect<WireSession>(200, 'GET', `/sessions/${id}`, ada)).Urls.CaptionDownloadUrl, null);
  });
});
