import * as assert from 'node:assert/strict';
import { EnvFileError, parsePanoptoEnv } from '../../../src/util/envFile';

describe('.env import parsing', () => {
  it('reads the four keys with comments, quotes and export', () => {
    const env = parsePanoptoEnv(
      [
        '# Panopto API client for OnTrack',
        'export PANOPTO_SERVER_URL=https://deakin.au.panopto.com',
        'PANOPTO_CLIENT_ID="0b7f 1c"   # id with a space',
        "PANOPTO_CLIENT_SECRET='s3cr#t=value'",
        'PANOPTO_REDIRECT_URI = http://localhost:9127/redirect',
        'OTHER=ignored',
        '',
      ].join('\n'),
    );
    assert.deepEqual(env, {
      PANOPTO_SERVER_URL: 'https://deakin.au.panopto.com',
      PANOPTO_CLIENT_ID: '0b7f 1c',
      PANOPTO_CLIENT_SECRET: 's3cr#t=value',
      PANOPTO_REDIRECT_URI: 'http://localhost:9127/redirect',
    });
  });

  it('accepts CRLF line ends and multi-line quoted values', () => {
    const env = parsePanoptoEnv('PANOPTO_CLIENT_ID=abc\r\nNOTE="line one\nline two"\r\nPANOPTO_SERVER_URL=https://x.panopto.com\r\n');
    assert.equal(env.PANOPTO_CLIENT_ID, 'abc');
    assert.equal(env.PANOPTO_SERVER_URL, 'https://x.panopto.com');
  });

  it('names the malformed line', () => {
    assert.throws(
      () => parsePanoptoEnv('PANOPTO_CLIENT_ID=abc\n\nthis is not an assignment\nPANOPTO_SERVER_URL=x'),
      (e: unknown) => e instanceof EnvFileError && e.line === 3 && /3/.test(e.message),
    );
  });

  it('reports an unclosed quote', () => {
    assert.throws(
      () => parsePanoptoEnv('PANOPTO_SERVER_URL=https://x.panopto.com\nPANOPTO_CLIENT_SECRET="abc\nPANOPTO_CLIENT_ID=x'),
      (e: unknown) => e instanceof EnvFileError && e.line === 2 && /2/.test(e.message),
    );
  });

  it('an empty file yields nothing, without error', () => {
    assert.deepEqual(parsePanoptoEnv('# only a comment\n'), {});
  });
});
