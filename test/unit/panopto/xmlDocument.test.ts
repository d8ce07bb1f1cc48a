// The XML writer behind the manifest and CompleteMultipartUpload, read back with the parser.
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { writeXmlDocument, xmlSafe } from '../../../src/panopto/xmlDocument';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'Part',
});

describe('XML document writer', () => {
  it('escapes markup characters in text and attributes so they round-trip through a parser', () => {
    const nasty = `& < > " ' ]]> &amp; é 日本 🎬`;
    const xml = writeXmlDocument({ Root: { '@note': nasty, Text: nasty } }, { pretty: false });
    assert.doesNotMatch(xml, /<Text>[^<]*[<>"'][^<]*<\/Text>/);
    const doc = parser.parse(xml) as { Root: { '@note': string; Text: string } };
    assert.equal(doc.Root.Text, nasty);
    assert.equal(doc.Root['@note'], nasty);
    assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?><Root /);
  });

  it('writes repeated children in array order (CompleteMultipartUpload parts with quoted ETags)', () => {
    const parts = [
      { PartNumber: '1', ETag: '"a1"' },
      { PartNumber: '2', ETag: '"b&2"' },
    ];
    const xml = writeXmlDocument({ CompleteMultipartUpload: { Part: parts } }, { pretty: false });
    const doc = parser.parse(xml) as { CompleteMultipartUpload: { Part: { PartNumber: string; ETag: string }[] } };
    assert.deepEqual(doc.CompleteMultipartUpload.Part, parts);
  });

  it('xmlSafe drops only what XML 1.0 cannot carry', () => {
    assert.equal(xmlSafe('a\u0000b\u0007c\uFFFEd\uD800e'), 'abcde');
    assert.equal(xmlSafe('tab\tnl\ncr\r 🎬 &<'), 'tab\tnl\ncr\r 🎬 &<');
  });
});
