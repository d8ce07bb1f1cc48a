// Fuzz: the UCS manifest (src/panopto/manifest.ts over src/panopto/xmlDocument.ts) with titles,
// descriptions and media file names made of any Unicode, control characters and XML specials.
// Property: every manifest is well-formed XML and reads back (fast-xml-parser's XMLParser, set to
// honour character references as every XML 1.0 parser must) to the same title, description and file
// name, except for what XML 1.0 cannot carry at all.
//
// The decision for those characters (XML 1.0 §2.2, the Char production): C0 controls other than TAB,
// LF and CR, lone surrogates, U+FFFE and U+FFFF are removed (xmlSafe); no escape can represent them,
// and a replacement character would invent text the user never typed. Everything else arrives
// unchanged: `& < > " '` escaped, non-ASCII as UTF-8, CR as a character reference (a raw CR would be
// read back as LF by XML's end-of-line handling, §2.11, so a file name with one would not match).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildManifest } from '../../../src/panopto/manifest';
import { fuzzCase, nastyText } from '../support/fuzz';

/** Whether XML 1.0 can carry the code point at all (§2.2 Char), written apart from xmlDocument.ts. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** What a reader of the manifest gets for `text`: the text without what XML 1.0 cannot carry. */
function asRead(text: string): string {
  // for…of walks code points; a lone surrogate comes out alone (and is not an XML Char).
  return [...text].filter((c) => isXmlChar(c.codePointAt(0)!) && !(c.length === 1 && c >= '\ud800' && c <= '\udfff')).join('');
}

const reader = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false, // "1e5" stays a string
  trimValues: false, // leading and trailing spaces are part of a title
  processEntities: true,
  htmlEntities: true, // decodes &#13; and other character references, as XML requires
});

interface ReadManifest {
  Session: { Title: string; Description?: string; Date: string; Videos: { Video: { Start: string; File: string; Type: string } } };
}

const text = fc.oneof(nastyText(30), fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ maxLength: 30 }));

describe('fuzz: manifests', () => {
  fuzzCase(
    'Fuzz: manifests',
    'a manifest reads back to its title, description and file name, minus what XML 1.0 cannot carry',
    () =>
      fc.property(
        text,
        fc.option(text, { nil: undefined }),
        text,
        fc.date({ noInvalidDate: true }),
        (title, description, mediaFileName, date) => {
          const xml = buildManifest({ title, description, mediaFileName, date });
          assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
          const read = (reader.parse(xml) as ReadManifest).Session;
          assert.equal(read.Title, asRead(title));
          assert.equal(read.Videos.Video.File, asRead(mediaFileName));
          assert.equal(read.Description, description ? asRead(description) : undefined);
          assert.equal(read.Date, date.toISOString());
          assert.deepEqual([read.Videos.Video.Start, read.Videos.Video.Type], ['PT0S', 'Primary']);
        },
      ),
    {
      // Found by this property: a CR was written raw, so it read back as LF.
      examples: [
        ['', undefined, '\r', new Date(0)],
        ['Week 1\r\nIntro', 'line\rbreak', 'clip\r.mp4', new Date(0)],
      ],
    },
  );
});
