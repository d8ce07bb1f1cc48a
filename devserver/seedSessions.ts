// The dev server's recordings, put into the folders of seedFolders.ts. Ada (instructor) recorded the
// course material; Grace (student) recorded her own seminar. Every recording has a thumbnail
// (rest/thumbnails.ts); some have captions in one or two languages. Ids are stable:
// `stableGuid('session:' + folderId + ':' + name)` (`sessionIdFor`).
// Tests rely on the sessions of COMP101, its Week 1 and Études françaises (names and counts); the
// others may grow.
import type { CaptionTrack, FolderCatalog } from './rest/catalog';
import { toSrt } from './rest/captionFormats';
import type { ContentLanguage } from './rest/languages';
import { folderIdFor, SEED_PATHS, stableGuid } from './seedFolders';
import { seedUsers } from './seedUsers';

type Owner = 'ada' | 'grace';

interface RecordingSeed {
  folder: string;
  name: string;
  description?: string;
  owner?: Owner;
  /** ISO start; default: one day after the previous generated one. */
  start?: string;
  durationSeconds?: number;
  captions?: Partial<Record<ContentLanguage, string>>;
}

/** SRT text from [startSeconds, endSeconds, text] cues. */
function srt(...cues: Array<[number, number, string]>): string {
  return toSrt(cues.map(([start, end, text]) => ({ start, end, text })));
}

export function sessionIdFor(folderPath: string, name: string): string {
  return stableGuid(`session:${folderIdFor(folderPath)}:${name}`);
}

const P = SEED_PATHS;

const recordings: RecordingSeed[] = [
  { folder: P.cse, name: 'School welcome 2025' },
  { folder: P.comp101, name: 'Course overview' },
  { folder: P.comp101, name: 'Assessment & deadlines' },
  {
    folder: P.week1,
    name: 'Lecture 1 – Hello, world',
    captions: {
      English_USA: srt(
        [1, 4.5, 'Welcome to COMP101, Introduction to Programming.'],
        [5, 9, 'Today we write our first program: hello, world.'],
        [9.5, 14, 'We will run it with Python from the terminal in VS Code.'],
      ),
    },
  },
  { folder: P.week1, name: 'Lecture 2 – Running Python' },
  { folder: P.week1, name: 'Tutorial: VS Code setup' },
  { folder: P.labRecordings, name: 'Lab 1 (group A)' },
  { folder: P.labRecordings, name: 'Lab 1 (group B)' },
  { folder: P.comp101Week2, name: 'Lecture 3 – Names & values' },
  {
    folder: P.comp101Week2,
    name: 'Lecture 4 – Strings and f-strings',
    description: 'Text in Python: indexing, slicing and formatting with f-strings.',
    start: '2025-02-13T10:00:00.000Z',
    durationSeconds: 2874.2,
  },
  { folder: P.lectureArchive, name: 'Archive index (read me)' },
  {
    folder: P.etudes,
    name: 'Bienvenue à tous',
    captions: { French: srt([0.5, 3, 'Bonjour et bienvenue à tous !'], [3.5, 7, 'Aujourd’hui, nous parlons des présentations.']) },
  },
  { folder: P.etudes, name: 'Prononciation : é, è, ê' },
  { folder: P.maths, name: 'Introduction' },
  { folder: P.analyse, name: 'Équations différentielles' },
  { folder: P.analyse, name: 'Intégration numérique' },

  // COMP202: a term of weekly lectures and tutorials.
  {
    folder: P.comp202Lectures,
    name: 'Week 1 – Lecture: Asymptotic notation',
    description: 'Big-O, Big-Omega and Big-Theta; how to compare running times.',
    start: '2025-02-04T10:00:00.000Z',
    durationSeconds: 3012.4,
  },
  {
    folder: P.comp202Lectures,
    name: 'Week 2 – Lecture: Divide and conquer',
    description: 'Recurrences and the master theorem, with binary search and merge sort.',
    start: '2025-02-11T10:00:00.000Z',
    durationSeconds: 2958.9,
  },
  {
    folder: P.comp202Lectures,
    name: 'Week 3 – Lecture: Sorting algorithms',
    description: 'Insertion sort, merge sort and quicksort; stability and the comparison lower bound.',
    start: '2025-02-18T10:00:00.000Z',
    durationSeconds: 3105.6,
    captions: {
      English_USA: srt(
        [2, 6, 'Good morning. This week is all about sorting.'],
        [6.5, 12, 'We start with insertion sort, which is quadratic in the worst case.'],
        [754, 760, 'Merge sort splits the array in half and merges the sorted halves.'],
        [1520, 1527, 'Quicksort picks a pivot and partitions around it.'],
        [2610, 2616, 'No comparison sort can beat n log n in the worst case.'],
      ),
      French: srt(
        [2, 6, 'Bonjour. Cette semaine, nous parlons du tri.'],
        [6.5, 12, 'Nous commençons par le tri par insertion, quadratique dans le pire cas.'],
        [1520, 1527, 'Le tri rapide choisit un pivot et partitionne autour de lui.'],
      ),
    },
  },
  {
    folder: P.comp202Lectures,
    name: 'Week 4 – Lecture: Graphs and Dijkstra’s algorithm',
    description: 'Graph representations, breadth-first search and shortest paths.',
    start: '2025-02-25T10:00:00.000Z',
    durationSeconds: 3040.1,
    captions: {
      English_USA: srt(
        [1, 5, 'Today: graphs, and how to find shortest paths in them.'],
        [1804, 1810, 'Dijkstra’s algorithm keeps a priority queue of tentative distances.'],
      ),
    },
  },
  {
    folder: P.comp202Lectures,
    name: 'Week 5 – Lecture: Dynamic programming',
    description: 'Overlapping subproblems, memoisation and the 0/1 knapsack problem.',
    start: '2025-03-04T10:00:00.000Z',
    durationSeconds: 2987.3,
  },
  {
    folder: P.comp202Tutorials,
    name: 'Week 3 – Tutorial: Quicksort by hand',
    description: 'Partitioning a small array step by step.',
    start: '2025-02-20T14:00:00.000Z',
    durationSeconds: 1488.0,
  },
  {
    folder: P.comp202Tutorials,
    name: 'Week 5 – Tutorial: Knapsack & friends',
    description: 'Filling the knapsack table together.',
    start: '2025-03-06T14:00:00.000Z',
    durationSeconds: 1530.7,
  },

  // Grace's own recordings.
  {
    folder: P.graceNotes,
    name: 'Seminar 1 – Why compilers?',
    owner: 'grace',
    captions: {
      English_GBR: srt(
        [0, 4, 'Right, shall we begin? Why write a compiler at all?'],
        [4.5, 9, 'Because every programme you run was translated by one.'],
      ),
    },
  },
  {
    folder: P.graceNotes,
    name: 'Seminar 2 – Lexing and parsing',
    description: 'From characters to tokens to a syntax tree.',
    owner: 'grace',
    start: '2025-03-12T16:00:00.000Z',
    durationSeconds: 2710.5,
  },
  { folder: P.cobol, name: 'Records & pictures', owner: 'grace' },
];

const GENERATED_START = Date.UTC(2025, 1, 3, 9, 0, 0);
const DAY_MS = 86_400_000;

/** Adds the seeded recordings to a catalog that already holds the seeded folders. */
export function seedSessions(catalog: FolderCatalog): void {
  const userIdOf = (userName: Owner) => seedUsers.find((u) => u.userName === userName)!.userId;
  let generated = 0;
  for (const seed of recordings) {
    const owner = seed.owner ?? 'ada';
    if (!seed.start) generated++;
    const captions: CaptionTrack[] = Object.entries(seed.captions ?? {}).map(([language, text]) => ({ language, text }));
    catalog.addSession({
      id: sessionIdFor(seed.folder, seed.name),
      name: seed.name,
      description: seed.description ?? `Recording of “${seed.name}”.`,
      folderId: folderIdFor(seed.folder),
      startTime: seed.start ?? new Date(GENERATED_START + generated * DAY_MS).toISOString(),
      durationSeconds: seed.durationSeconds ?? 600 + ((generated * 137) % 3000) + 0.5,
      createdBy: { id: userIdOf(owner), userName: owner },
      captions,
    });
  }
}
