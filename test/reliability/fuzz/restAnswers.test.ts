// Fuzz: every REST answer schema (src/panopto/wire.ts, src/panopto/sessionUpload.ts) through the
// client that applies it (src/panopto/client.ts), reached the way the extension reaches it: the
// FolderService and SessionUploadApi calls. The answers come from an in-process undici MockAgent,
// so thousands cost no sockets. Properties: a 2xx answer of arbitrary JSON, text or a mutated valid
// answer either yields a value of the documented shape or ends in PanoptoMalformedResponseError; an
// error status ends in PanoptoHttpError; every message is a clear one; nothing else ever escapes.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MockAgent } from 'undici';
import type { AccessSource } from '../../../src/panopto/access';
import { PanoptoClient } from '../../../src/panopto/client';
import { PanoptoHttpError, PanoptoMalformedResponseError, PanoptoTooManyPagesError } from '../../../src/panopto/errors';
import { FolderService } from '../../../src/panopto/folders';
import { SessionUploadApi, type SessionUpload } from '../../../src/panopto/sessionUpload';
import { assertClearMessage } from '../support/figures';
import { fuzzCase, nastyText } from '../support/fuzz';

const SITE = 'https://fuzz.hosted.panopto.example';
const access: AccessSource = { getAccess: async () => ({ serverUrl: SITE, accessToken: 'fuzz-access-token-not-real' }) };

/** The next answer the mock site gives, whatever is asked. */
let answer: { status: number; body: string; contentType: string } = { status: 200, body: '', contentType: 'application/json' };
const agent = new MockAgent();
agent.disableNetConnect();
agent
  .get(SITE)
  .intercept({ path: () => true, method: () => true })
  .reply(() => ({ statusCode: answer.status, data: answer.body, responseOptions: { headers: { 'content-type': answer.contentType } } }))
  .persist();

const client = new PanoptoClient({ access, dispatcher: agent, retry: { maxRetries: 0 }, maxPages: 3 });
const folders = new FolderService(client);
const uploads = new SessionUploadApi(client);

const nonEmptyString = (v: unknown) => typeof v === 'string' && v.length > 0;
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

function checkFolder(f: { id: unknown; name: unknown; parentId?: unknown; url?: unknown }): void {
  assert.ok(
    nonEmptyString(f.id) && typeof f.name === 'string' && optionalString(f.parentId) && optionalString(f.url),
    `a folder: ${JSON.stringify(f)}`,
  );
}
function checkSession(s: { id: unknown; name: unknown; folderId: unknown; viewerUrl?: unknown; durationSeconds?: unknown }): void {
  assert.ok(
    nonEmptyString(s.id) && typeof s.name === 'string' && nonEmptyString(s.folderId) && optionalString(s.viewerUrl),
    `a session: ${JSON.stringify(s)}`,
  );
  assert.ok(s.durationSeconds === undefined || typeof s.durationSeconds === 'number');
}
function checkUpload(u: SessionUpload): void {
  assert.ok(nonEmptyString(u.ID) && Number.isInteger(u.State), `an upload: ${JSON.stringify(u)}`);
  assert.doesNotThrow(() => new URL(u.UploadTarget), 'UploadTarget is a URL');
}

// The upload API, too, sends only GUIDs in paths (wire.ts, panoptoId).
const UPLOAD_ID = '0a0a0a0a-0000-4000-8000-000000000001';

const goodUpload: SessionUpload = {
  ID: UPLOAD_ID,
  FolderId: '0f0f0f0f-0000-4000-8000-000000000001',
  SessionId: null,
  UploadTarget: 'https://s3.example/bucket/u-1',
  State: 0,
  MessageID: null,
  Message: null,
};

// The folder service sends only GUIDs (it refuses anything else before a request).
const FOLDER_ID = '0f0f0f0f-0000-4000-8000-000000000001';
const SESSION_ID = '5e5e5e5e-0000-4000-8000-000000000001';

/** Each call the extension makes, with what its value must look like. */
const calls: Record<string, () => Promise<void>> = {
  getFolder: async () => checkFolder(await folders.getFolder(FOLDER_ID)),
  getSession: async () => checkSession(await folders.getSession(SESSION_ID)),
  childFoldersPage: async () => (await folders.childFoldersPage(undefined, 0)).forEach(checkFolder),
  sessionsPage: async () => (await folders.sessionsPage(FOLDER_ID, 2)).forEach(checkSession),
  listFolders: async () => (await folders.listFolders(FOLDER_ID)).forEach(checkFolder),
  createUpload: async () => checkUpload(await uploads.create(FOLDER_ID)),
  getUpload: async () => checkUpload(await uploads.get(UPLOAD_ID)),
  finishUpload: async () => checkUpload(await uploads.finish(goodUpload)),
  cancelUpload: async () => uploads.cancel(UPLOAD_ID),
  uploadSession: async () => {
    const s = await uploads.session(SESSION_ID);
    assert.ok(nonEmptyString(s.Id) && nonEmptyString(s.Folder) && typeof s.Name === 'string');
  },
};
const callNames = Object.keys(calls);

/** Runs `call` against `answer`; anything but a good value or the fitting typed error fails. */
async function answered(call: string, status: number, body: string, contentType = 'application/json'): Promise<void> {
  answer = { status, body, contentType };
  try {
    await calls[call]();
  } catch (error) {
    const ok2xx = status >= 200 && status <= 299;
    const typed = ok2xx
      ? error instanceof PanoptoMalformedResponseError || (call === 'listFolders' && error instanceof PanoptoTooManyPagesError)
      : error instanceof PanoptoHttpError && error.status === status;
    if (!typed) {
      const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`${call} answered ${status} ${JSON.stringify(body).slice(0, 200)}: ${what}`, { cause: error });
    }
    assertClearMessage((error as Error).message);
  }
}

// Valid answers to mutate, in Panopto's shapes (docs/panopto.md#shapes, #sessionupload).
const text = fc.oneof(fc.string({ maxLength: 12 }), nastyText(12));
const wireFolder = fc.record(
  {
    Id: fc.uuid(),
    Name: text,
    Description: fc.option(text),
    ParentFolder: fc.option(fc.record({ Id: fc.uuid(), Name: fc.option(text) })),
    Urls: fc.option(fc.record({ FolderUrl: fc.option(fc.webUrl()), EmbedUrl: fc.option(fc.webUrl()) })),
  },
  { requiredKeys: ['Id', 'Name'] },
);
const wireSession = fc.record(
  {
    Id: fc.uuid(),
    Name: text,
    Description: fc.option(text),
    StartTime: fc.option(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    Duration: fc.option(fc.double({ noNaN: true })),
    Folder: fc.uuid(),
    FolderDetails: fc.option(fc.record({ Id: fc.uuid(), Name: fc.option(text) })),
    Urls: fc.option(fc.record({ ViewerUrl: fc.option(fc.webUrl()) })),
  },
  { requiredKeys: ['Id', 'Name', 'Folder'] },
);
const wireUpload = fc.record({
  ID: fc.uuid(),
  FolderId: fc.option(fc.uuid()),
  SessionId: fc.option(fc.uuid()),
  UploadTarget: fc.webUrl(),
  State: fc.integer({ min: 0, max: 8 }),
  MessageID: fc.option(fc.integer()),
  Message: fc.option(text),
});
const validAnswer: fc.Arbitrary<unknown> = fc.oneof(
  wireFolder,
  wireSession,
  wireUpload,
  fc.array(wireFolder, { maxLength: 3 }).map((Results) => ({ Results })),
  fc.array(wireSession, { maxLength: 3 }).map((Results) => ({ Results })),
  fc.constant({ Results: [] }),
);

type Json = unknown;
/** One mutation of a JSON value at a random depth: drop, retype, null, wrap, rename, duplicate. */
function mutate(value: Json, choice: number, replacement: Json, depth: number): Json {
  if (Array.isArray(value) && value.length > 0 && depth > 0) {
    const items: Json[] = value;
    const i = choice % items.length;
    return items.map((v, j) => (j === i ? mutate(v, Math.floor(choice / 7), replacement, depth - 1) : v));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, Json>);
    if (entries.length === 0) return replacement;
    const [key, inner] = entries[choice % entries.length];
    const rest = Object.fromEntries(entries.filter(([k]) => k !== key));
    switch (Math.floor(choice / entries.length) % 6) {
      case 0:
        return rest; // a field missing
      case 1:
        return { ...rest, [key]: replacement }; // a field of another type
      case 2:
        return { ...rest, [key]: null };
      case 3:
        return { ...rest, [key.toUpperCase()]: inner }; // Id → ID
      case 4:
        return depth > 0 ? { ...rest, [key]: mutate(inner, Math.floor(choice / 11), replacement, depth - 1) } : [value];
      default:
        return [value]; // an array where an object belongs
    }
  }
  return replacement;
}
const mutatedAnswer = fc
  .tuple(validAnswer, fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 3 }))
  .map(([valid, steps]) => steps.reduce<Json>((v, [choice, replacement]) => mutate(v, choice, replacement, 3), valid));

const body = fc.oneof(
  { weight: 3, arbitrary: mutatedAnswer.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: validAnswer.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.anything({ withNullPrototype: true, withBigInt: false }).map((v) => JSON.stringify(v) ?? '') },
  {
    weight: 1,
    arbitrary: fc.oneof(
      nastyText(60),
      fc.constantFrom('', ' ', 'null', '<html><body>Sign in</body></html>', '{"Results":', '\ufeff{}', '[]', '{"__proto__":{"Id":"x"}}'),
    ),
  },
);
const contentType = fc.oneof(
  { weight: 5, arbitrary: fc.constant('application/json') },
  fc.constantFrom('text/html; charset=utf-8', 'application/xml', ''),
  fc.string({ maxLength: 40 }).map((t) => t.replace(/[^\x21-\x7e ]/g, '')),
);
const serverWords = fc.oneof(
  text,
  fc.string({ minLength: 150, maxLength: 1000 }),
  nastyText(40).map((t) => `Not found.${t}\n   at Panopto.Api.Get()`),
);
const apiError = fc
  .record({ Error: fc.record({ ErrorCode: fc.option(text), Message: fc.option(serverWords), Success: fc.boolean() }) })
  .map((v) => JSON.stringify(v));

describe('fuzz: REST answers', () => {
  after(() => agent.close());

  fuzzCase('Fuzz: REST answers', 'a 2xx answer: a value of the documented shape, or PanoptoMalformedResponseError', () =>
    fc.asyncProperty(
      fc.constantFrom(...callNames),
      fc.constantFrom(200, 200, 200, 201, 204),
      body,
      contentType,
      async (call, status, b, type) => {
        await answered(call, status, b, type);
      },
    ),
  );

  fuzzCase(
    'Fuzz: REST answers',
    'an error status with any body (an APIError or not): PanoptoHttpError with a clear message',
    () =>
      fc.asyncProperty(
        fc.constantFrom(...callNames),
        fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 502, 503),
        fc.oneof(apiError, body),
        async (call, status, b) => {
          await answered(call, status, b);
        },
      ),
    {
      // Found by this property: Panopto's APIError Message went into the error verbatim, however long
      // and with its line breaks (a tree item showed a wall of text, or what looked like a stack trace).
      examples: [
        ['getFolder', 404, JSON.stringify({ Error: { ErrorCode: null, Message: ' '.repeat(120) + 'x'.repeat(300), Success: false } })],
        ['listFolders', 500, JSON.stringify({ Error: { Message: 'Folder not found.\n   at Panopto.Api.Folders.Get()', Success: false } })],
      ],
    },
  );
});
