// The UCS manifest Panopto reads to turn uploaded files into a session (docs/panopto.md#manifest).
// Written with an XML builder (src/panopto/xmlDocument.ts) so that titles with `&`, `<`, quotes and
// non-ASCII are escaped by a library, never by hand. The shape mirrors Panopto's own upload_manifest_template.xml.
import { ATTRIBUTE_PREFIX as A, writeXmlDocument, xmlSafe, type XmlContent } from './xmlDocument';

export const UCS_NAMESPACE = 'http://tempuri.org/UniversalCaptureSpecification/v1';

export interface ManifestInput {
  title: string;
  description?: string;
  /** Recording date; defaults to now. */
  date?: Date;
  /** The media file's exact uploaded basename: Panopto matches the manifest to the file by this name. */
  mediaFileName: string;
}

export function buildManifest(input: ManifestInput): string {
  const session: Record<string, XmlContent> = {
    [`${A}xmlns`]: UCS_NAMESPACE,
    [`${A}xmlns:xsi`]: 'http://www.w3.org/2001/XMLSchema-instance',
    [`${A}xmlns:xsd`]: 'http://www.w3.org/2001/XMLSchema',
    Title: xmlSafe(input.title),
  };
  if (input.description) {
    session.Description = xmlSafe(input.description);
  }
  session.Date = (input.date ?? new Date()).toISOString();
  session.ThumbnailTime = 'PT5S';
  // Video children are an xs:sequence: Start, File, Type must stay in this (insertion) order.
  session.Videos = { Video: { Start: 'PT0S', File: xmlSafe(input.mediaFileName), Type: 'Primary' } };
  return writeXmlDocument({ Session: session }, { pretty: true });
}

/** A manifest name that cannot collide with the media's own name. */
export function manifestFileNameFor(mediaFileName: string): string {
  const name = 'manifest.xml';
  return mediaFileName === name ? 'session-manifest.xml' : name;
}
