// The dev server's folders: a small university site. Sessions are seeded by seedSessions.ts.
// Seeded users (devserver/seedUsers.ts) are referred to by userName ('ada', 'grace'). Each top-level
// folder grants roles (rest/catalog.ts); subfolders inherit them unless they grant their own, and a
// user who sees a folder sees all its ancestors. Ada (instructor) is Creator of every course folder;
// Grace (student) is a Viewer of the shared ones and Creator of her own:
//   both (ada creator, grace viewer): Computer Science & Engineering (3+ levels: COMP101 › Week 1 –
//          Getting started › Lab recordings), Lecture Archive (130 children: three pages at the default
//          page size of 50), Études françaises (accents)
//   ada:   Mathématiques appliquées, COMP202 Algorithms (inside CS&E), Stress Test – 2,000 folders
//   grace: Grace's Seminar Notes
// The catalog is mutable: REST changes and finished uploads change it.
import { createHash } from 'node:crypto';
import { FolderCatalog, ZERO_GUID, type FolderRole, type SeedFolder } from './rest/catalog';

export { FolderCatalog, ZERO_GUID };
export type { CaptionTrack, FolderRole, SeedFolder, SeedSession } from './rest/catalog';

/** A stable lowercase hyphenated GUID derived from a label, so ids survive restarts. */
export function stableGuid(label: string): string {
  const hex = createHash('sha1').update(label).digest('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, `a${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}

type Grants = ReadonlyMap<string, FolderRole>;
const BOTH: Grants = new Map([
  ['ada', 'creator'],
  ['grace', 'viewer'],
]);
const ADA: Grants = new Map([['ada', 'creator']]);
const GRACE: Grants = new Map([['grace', 'creator']]);

/** Sizes tests rely on. */
export const SEED_SIZES = {
  lectureArchiveChildren: 130,
  stressTestChildren: 2000,
} as const;

/** Names tests rely on (stable ids are `stableGuid('folder:' + path)`). */
export const SEED_PATHS = {
  cse: 'Computer Science & Engineering',
  comp101: 'Computer Science & Engineering/COMP101 Introduction to Programming',
  week1: 'Computer Science & Engineering/COMP101 Introduction to Programming/Week 1 – Getting started',
  labRecordings: 'Computer Science & Engineering/COMP101 Introduction to Programming/Week 1 – Getting started/Lab recordings',
  comp101Week2: 'Computer Science & Engineering/COMP101 Introduction to Programming/Week 2 – Variables & Types',
  comp202: 'Computer Science & Engineering/COMP202 Algorithms',
  comp202Lectures: 'Computer Science & Engineering/COMP202 Algorithms/Lectures',
  comp202Tutorials: 'Computer Science & Engineering/COMP202 Algorithms/Tutorials',
  lectureArchive: 'Lecture Archive',
  etudes: 'Études françaises',
  maths: 'Mathématiques appliquées',
  analyse: 'Mathématiques appliquées/Analyse numérique',
  stressTest: 'Stress Test – 2,000 folders',
  graceNotes: "Grace's Seminar Notes",
  cobol: "Grace's Seminar Notes/COBOL & friends",
} as const;

export function folderIdFor(path: string): string {
  return stableGuid(`folder:${path}`);
}

/** Builds a fresh catalog of folders; each dev server gets its own (changes must not leak between tests). */
export function seedCatalog(): FolderCatalog {
  const catalog = new FolderCatalog();
  /** `grants` undefined: inherit the parent's (every top-level folder passes its own). */
  const folder = (path: string, description: string | null, grants?: Grants): SeedFolder => {
    const slash = path.lastIndexOf('/');
    const parentPath = slash >= 0 ? path.slice(0, slash) : undefined;
    return catalog.addFolder({
      id: folderIdFor(path),
      name: path.slice(slash + 1),
      description,
      parentId: parentPath ? folderIdFor(parentPath) : null,
      access: grants ?? null,
    });
  };

  folder(SEED_PATHS.cse, 'School of Computer Science & Engineering recordings.', BOTH);
  folder(SEED_PATHS.comp101, 'First-year programming in Python.');
  folder(SEED_PATHS.week1, 'Installing tools, first programs.');
  folder(SEED_PATHS.labRecordings, 'Screen recordings from the Tuesday labs.');
  folder(SEED_PATHS.comp101Week2, null);
  folder(SEED_PATHS.comp202, 'Sorting, graphs, dynamic programming.', ADA); // narrower than its parent
  folder(SEED_PATHS.comp202Lectures, 'Weekly lectures, Tuesdays 10:00.');
  folder(SEED_PATHS.comp202Tutorials, 'Worked examples from the Thursday tutorials.');

  folder(SEED_PATHS.lectureArchive, 'Past lectures, one folder per session.', BOTH);
  for (let i = 1; i <= SEED_SIZES.lectureArchiveChildren; i++) {
    folder(`${SEED_PATHS.lectureArchive}/Lecture ${String(i).padStart(3, '0')}`, `Archived lecture number ${i}.`);
  }

  folder(SEED_PATHS.etudes, 'Cours de français – niveau débutant & intermédiaire.', BOTH);
  folder(`${SEED_PATHS.etudes}/Leçon 1 – Présentations`, null);
  folder(`${SEED_PATHS.etudes}/Leçon 2 – Café & croissants`, null);

  folder(SEED_PATHS.maths, 'Analyse numérique et algèbre linéaire.', ADA);
  folder(SEED_PATHS.analyse, null);
  folder(`${SEED_PATHS.analyse}/Méthodes itératives`, null);

  const stress = folder(SEED_PATHS.stressTest, 'Generated folders for the benchmarks.', ADA);
  for (let i = 1; i <= SEED_SIZES.stressTestChildren; i++) {
    catalog.addFolder({
      id: stableGuid(`folder:stress:${i}`),
      name: `Generated folder ${String(i).padStart(4, '0')}`,
      description: null,
      parentId: stress.id,
      access: null,
    });
  }

  folder(SEED_PATHS.graceNotes, 'Compiler design seminar.', GRACE);
  folder(SEED_PATHS.cobol, null);

  return catalog;
}
