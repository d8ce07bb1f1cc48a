// The UCS manifest the uploader sends, read back with an XML parser (not string matching).
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { buildManifest, manifestFileNameFor, UCS_NAMESPACE } from '../../../src/panopto/manifest';
import { abortSignalFrom, type CancellationLike } from '../../../src/util/cancellation';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, preserveOrder: false });

interface ParsedSession {
  Session: {
    '@xmlns': string;
    Title: string;
    Description?: string;
    Date: string;
    Videos: { Video: Record<string, string> };
  };
}

describe('UCS manifest', () => {
  it('carries XML special characters and non-ASCII in title, description and file name intact', () => {
    const title = `A & B <c> "d" 'e' ]]> é 日本 🎬`;
    const xml = buildManifest({
      title,
      description: 'x < y & z',
      mediaFileName: 'Talk & <1>.mp4',
      date: new Date('2025-03-04T05:06:07.000Z'),
    });
    const doc = parser.parse(xml) as ParsedSession;
    assert.equal(doc.Session['@xmlns'], UCS_NAMESPACE);
    assert.equal(doc.Session.Title, title);
    assert.equal(doc.Session.Description, 'x < y & z');
    assert.equal(doc.Session.Date, '2025-03-04T05:06:07.000Z');
    assert.equal(doc.Session.Videos.Video.File, 'Talk & <1>.mp4');
    assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>/);
  });

  it('puts Video children in the schema order Start, File, Type and omits an empty description', () => {
    const xml = buildManifest({ title: 't', mediaFileName: 'v.mp4' });
    const video = /<Video>([\s\S]*)<\/Video>/.exec(xml)?.[1] ?? '';
    const order = [...video.matchAll(/<(\w+)>/g)].map((m) => m[1]);
    assert.deepEqual(order, ['Start', 'File', 'Type']);
    assert.doesNotMatch(xml, /<Description>/);
  });

  it('drops characters XML 1.0 cannot carry instead of producing an unreadable manifest', () => {
    const xml = buildManifest({ title: 'bell\u0007 and nul\u0000 gone', mediaFileName: 'v.mp4' });
    assert.equal((parser.parse(xml) as ParsedSession).Session.Title, 'bell and nul gone');
  });

  it('never names the manifest like the media file', () => {
    assert.equal(manifestFileNameFor('lecture.mp4'), 'manifest.xml');
    assert.notEqual(manifestFileNameFor('manifest.xml'), 'manifest.xml');
  });
});

describe('CancellationToken → AbortSignal', () => {
  function token(): CancellationLike & { isCancellationRequested: boolean; cancel(): void; listeners: number } {
    const listeners = new Set<() => unknown>();
    return {
      isCancellationRequested: false,
      get listeners() {
        return listeners.size;
      },
      cancel() {
        this.isCancellationRequested = true;
        listeners.forEach((l) => l());
      },
      onCancellationRequested(listener) {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    };
  }

  it('aborts when the token is cancelled, and stops listening on dispose', () => {
    const t = token();
    const bridge = abortSignalFrom(t);
    assert.equal(bridge.signal.aborted, false);
    t.cancel();
    assert.equal(bridge.signal.aborted, true);
    const t2 = token();
    abortSignalFrom(t2).dispose();
    assert.equal(t2.listeners, 0);
  });

  it('is aborted at once for an already cancelled token, and never for no token', () => {
    const t = token();
    t.isCancellationRequested = true;
    assert.equal(abortSignalFrom(t).signal.aborted, true);
    assert.equal(abortSignalFrom(undefined).signal.aborted, false);
  });
});
