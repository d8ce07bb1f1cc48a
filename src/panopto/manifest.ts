// The UCS manifest Panopto reads to turn uploaded files into a session (panopto-api.md §5.3).
// Built with xmlbuilder2 so that titles with `&`, `<`, quotes and non-ASCII are escaped by a library,
// never by hand. The shape mirrors Panopto's own upload_manifest_template.xml.
import { create } from 'xmlbuilder2';

export const UCS_NAMESPACE = 'http://tempuri.org/UniversalCaptureSpecification/v1';

export interface ManifestInput {
  title: string;
  description?: string;
  /** Recording date; defaults to now. */
  date?: Date;
  /** The media file's exact uploaded basename: Panopto matches the manifest to the file by this name. */
  mediaFileName: string;
}

// Characters XML 1.0 cannot carry at all, even escaped (C0 controls except tab/LF/CR, lone surrogates,
// U+FFFE/U+FFFF). A file name or title containing one would make the whole manifest unreadable.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlSafe(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

export function buildManifest(input: ManifestInput): string {
  const session = create({ version: '1.0', encoding: 'utf-8' }).ele(UCS_NAMESPACE, 'Session', {
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
  });
  session.ele('Title').txt(xmlSafe(input.title));
  if (input.description) {
    session.ele('Description').txt(xmlSafe(input.description));
  }
  session.ele('Date').txt((input.date ?? new Date()).toISOString());
  session.ele('ThumbnailTime').txt('PT5S');
  // Video children are an xs:sequence: Start, File, Type must stay in this order.
  const video = session.ele('Videos').ele('Video');
  video.ele('Start').txt('PT0S');
  video.ele('File').txt(xmlSafe(input.mediaFileName));
  video.ele('Type').txt('Primary');
  return session.end({ prettyPrint: true });
}

/** A manifest name that cannot collide with the media's own name. */
export function manifestFileNameFor(mediaFileName: string): string {
  const name = 'manifest.xml';
  return mediaFileName === name ? 'session-manifest.xml' : name;
}
