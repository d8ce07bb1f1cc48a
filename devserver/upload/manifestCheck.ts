// Validates an uploaded UCS manifest the way Panopto's processing would notice problems
// (docs/panopto.md#manifest): well-formed XML, the UCS namespace on <Session>, a <Title>, every <Video>'s
// children in the schema's xs:sequence order, and each referenced file uploaded completely.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const UCS_NAMESPACE = 'http://tempuri.org/UniversalCaptureSpecification/v1';

/** UCS 2.1 Video content model (xs:sequence); `required` children must appear. */
const VIDEO_SEQUENCE = [
  'Title',
  'Start',
  'File',
  'LocalFilename',
  'Bitrate',
  'FileType',
  'Renditions',
  'Cuts',
  'TableOfContents',
  'Type',
  'Transcripts',
];
const VIDEO_REQUIRED = ['Start', 'File', 'Type'];
const VIDEO_TYPES = ['Primary', 'Secondary', 'Audio'];

export interface ManifestFacts {
  title: string;
  description?: string;
  files: string[];
}

export type ManifestCheck = { ok: true; manifest: ManifestFacts } | { ok: false; message: string };

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  trimValues: true,
});

function nameOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function childrenOf(node: OrderedNode): OrderedNode[] {
  const name = nameOf(node);
  const value = name ? node[name] : undefined;
  return Array.isArray(value) ? (value as OrderedNode[]) : [];
}

function textOf(node: OrderedNode): string {
  return childrenOf(node)
    .map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : ''))
    .join('');
}

function elements(node: OrderedNode): OrderedNode[] {
  return childrenOf(node).filter((c) => {
    const n = nameOf(c);
    return n !== undefined && n !== '#text' && n !== '#comment' && !n.startsWith('?');
  });
}

export function checkManifest(xml: string): ManifestCheck {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { ok: false, message: `The manifest is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).` };
  }
  const doc = parser.parse(xml) as OrderedNode[];
  const root = doc.find((n) => {
    const name = nameOf(n);
    return name !== undefined && !name.startsWith('?') && name !== '#comment' && name !== '#text';
  });
  const rootName = root ? nameOf(root) : undefined;
  if (!root || !rootName || localName(rootName) !== 'Session') {
    return { ok: false, message: `The manifest's root element must be <Session>, found <${rootName ?? 'nothing'}>.` };
  }
  const prefix = rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':')) : '';
  const namespace = root[':@']?.[prefix ? `xmlns:${prefix}` : 'xmlns'];
  if (namespace !== UCS_NAMESPACE) {
    return { ok: false, message: `The manifest's <Session> is not in the namespace ${UCS_NAMESPACE} (found ${namespace ?? 'none'}).` };
  }
  const children = elements(root);
  const find = (name: string) => children.filter((c) => localName(nameOf(c) ?? '') === name);
  const titles = find('Title');
  const title = titles.length === 1 ? textOf(titles[0]).trim() : '';
  if (!title) {
    return { ok: false, message: 'The manifest has no <Title> (exactly one non-empty Title is required).' };
  }
  const descriptions = find('Description');
  const files: string[] = [];
  for (const videos of find('Videos')) {
    for (const video of elements(videos)) {
      if (localName(nameOf(video) ?? '') !== 'Video') {
        return { ok: false, message: `<Videos> may only contain <Video>, found <${nameOf(video)}>.` };
      }
      const problem = checkVideo(video, files);
      if (problem) {
        return { ok: false, message: problem };
      }
    }
  }
  if (files.length === 0) {
    return { ok: false, message: 'The manifest references no media: add a <Videos><Video> with a <File>.' };
  }
  return { ok: true, manifest: { title, description: descriptions.length ? textOf(descriptions[0]) : undefined, files } };
}

function checkVideo(video: OrderedNode, files: string[]): string | undefined {
  let last = -1;
  const seen = new Set<string>();
  for (const child of elements(video)) {
    const name = localName(nameOf(child) ?? '');
    const position = VIDEO_SEQUENCE.indexOf(name);
    if (position < 0) {
      return `<Video> does not allow <${name}>.`;
    }
    if (position <= last) {
      return `<Video> children are out of order: <${name}> must come before <${VIDEO_SEQUENCE[last]}> (order: ${VIDEO_SEQUENCE.join(', ')}).`;
    }
    last = position;
    seen.add(name);
    if (name === 'File') {
      const file = textOf(child).trim();
      if (!file) {
        return '<Video><File> is empty.';
      }
      files.push(file);
    }
    if (name === 'Type' && !VIDEO_TYPES.includes(textOf(child).trim())) {
      return `<Video><Type> must be one of ${VIDEO_TYPES.join(', ')}, found "${textOf(child).trim()}".`;
    }
  }
  const missing = VIDEO_REQUIRED.filter((n) => !seen.has(n));
  return missing.length ? `<Video> is missing ${missing.map((n) => `<${n}>`).join(', ')}.` : undefined;
}
