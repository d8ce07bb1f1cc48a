// Plain HTTP calls to the dev server's REST v1 for its contract tests (rest*.test.ts): real tokens,
// real requests, answers read as Panopto clients read them.
import assert from 'node:assert/strict';
import { restSwitchDefaults, signInOverHttp, useTestDevServer, type DevServer } from '../../support/devServer';

export const SCOPE = 'openid api offline_access';
export const GUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface WireFolder {
  Id: string;
  Name: string;
  Description: string | null;
  ParentFolder: { Id: string; Name: string } | null;
  Urls: { FolderUrl: string; EmbedUrl: string | null; ShareSettingsUrl: string | null };
}

export interface WireSession {
  Id: string;
  Name: string;
  Description: string | null;
  StartTime: string;
  Duration: number;
  Folder: string;
  FolderDetails: { Id: string; Name: string };
  CreatedBy?: { Id: string; Username: string };
  Urls: Record<string, string | null>;
  Context: Array<{ Text: string; Time: number; ThumbnailUrl: string }> | null;
}

export interface WireError {
  Error: { ErrorCode: string; Message: string; Success: boolean };
}

export interface Rest {
  /** Any request under /Panopto/api/v1; a `body` object is sent as JSON. */
  call(method: string, path: string, token: string | undefined, body?: unknown): Promise<Response>;
  /** A request that must answer `status`; returns its JSON body. */
  expect<T>(status: number, method: string, path: string, token: string, body?: unknown): Promise<T>;
  /** Every page of a list. */
  list<T>(path: string, token: string): Promise<T[]>;
}

export function restOf(server: () => DevServer): Rest {
  const rest: Rest = {
    async call(method, path, token, body) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${server().baseUrl}/Panopto/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    async expect<T>(status: number, method: string, path: string, token: string, body?: unknown) {
      const response = await rest.call(method, path, token, body);
      const text = await response.text();
      assert.equal(response.status, status, `${method} ${path} answered ${response.status}: ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    async list<T>(path: string, token: string) {
      const all: T[] = [];
      for (let pageNumber = 0; pageNumber < 100; pageNumber++) {
        const separator = path.includes('?') ? '&' : '?';
        const { Results } = await rest.expect<{ Results: T[] }>(200, 'GET', `${path}${separator}pageNumber=${pageNumber}`, token);
        if (Results.length === 0) return all;
        all.push(...Results);
      }
      throw new Error(`${path} never ended`);
    },
  };
  return rest;
}

export async function signInBoth(server: DevServer): Promise<{ ada: string; grace: string }> {
  const ada = (await signInOverHttp(server, { user: 'ada', scope: SCOPE })).accessToken;
  const grace = (await signInOverHttp(server, { user: 'grace', scope: SCOPE })).accessToken;
  return { ada, grace };
}

/**
 * The setup every REST contract describe shares: its own dev server, a REST client, Ada's and Grace's
 * access tokens (signed in once, filled in by `before`), and the REST switches reset after each test.
 */
export function useRestContract(): { server: () => DevServer; rest: Rest; tokens: { ada: string; grace: string } } {
  const server = useTestDevServer();
  const rest = restOf(server);
  const tokens = { ada: '', grace: '' };

  before(async () => {
    Object.assign(tokens, await signInBoth(server()));
  });

  afterEach(() => {
    Object.assign(server().switches, restSwitchDefaults());
  });

  return { server, rest, tokens };
}

/** Asserts an APIError body (docs/panopto.md#errors) and returns its message. */
export async function apiErrorOf(response: Response, status: number): Promise<string> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  const body = JSON.parse(text) as WireError;
  assert.equal(body.Error.Success, false);
  assert.equal(typeof body.Error.ErrorCode, 'string');
  assert.equal(typeof body.Error.Message, 'string');
  return body.Error.Message;
}
