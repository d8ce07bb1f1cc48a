// XML through fast-xml-parser: one writer for the two documents we send (the UCS manifest and
// CompleteMultipartUpload), and one reader for the upload target's S3-style answers. The library
// comes from vendor() (src/vendor/load.ts), so it loads with the first upload, not at activation.
// processEntities (the builder's default, set explicitly here so a future default change cannot
// silently turn it off) escapes & < > ' " in text and attribute values; non-ASCII is written as UTF-8.
import { lazy } from '../vendor/lazy';
import { vendor } from '../vendor/load';

/** Attribute keys start with this prefix, e.g. `{ '@xmlns': '…' }`. */
export const ATTRIBUTE_PREFIX = '@';

// Characters XML 1.0 cannot carry at all, even escaped (C0 controls except tab/LF/CR, lone surrogates,
// U+FFFE/U+FFFF). A text containing one would make the whole document unreadable.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes the characters XML 1.0 cannot represent; everything else is left for the builder to escape. */
export function xmlSafe(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

/** An element's content: text, attributes (prefixed keys), child elements, or repeated children (arrays). */
export type XmlContent = string | { [name: string]: XmlContent | XmlContent[] };

/**
 * Serialises `{ Root: content }` after an `<?xml version="1.0" encoding="utf-8"?>` declaration.
 * Child order follows the objects' key order (insertion order), which is what xs:sequence needs.
 */
export function writeXmlDocument(root: Record<string, XmlContent>, options: { pretty: boolean }): string {
  const builder = new (vendor().XMLBuilder)({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    processEntities: true,
    suppressBooleanAttributes: false,
    format: options.pretty,
    indentBy: '  ',
  });
  const declaration = { '?xml': { [`${ATTRIBUTE_PREFIX}version`]: '1.0', [`${ATTRIBUTE_PREFIX}encoding`]: 'utf-8' } };
  // A raw CR in text is read back as LF (XML 1.0 §2.11), so a file name with one would not match the
  // uploaded file; as a character reference it survives. The builder itself writes no CR.
  return builder.build({ ...declaration, ...root }).replace(/\r/g, '&#13;');
}

// S3's answers carry a namespace and no attributes we use; values stay strings (an ETag or upload id
// that looks like a number must not become one).
const s3AnswerParser = lazy(() => new (vendor().XMLParser)({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false }));

/** Reads an S3-style XML answer (InitiateMultipartUploadResult, Error, …) into plain objects. */
export function readS3Answer(text: string): Record<string, unknown> {
  return s3AnswerParser().parse(text) as Record<string, unknown>;
}
