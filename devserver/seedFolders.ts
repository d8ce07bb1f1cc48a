// The dev server's folders and sessions: a small university site.
// Seeded users (devserver/seedUsers.ts) are referred to here by userName ('ada', 'grace'). Visibility is per folder; a folder's children inherit it unless
// narrowed, and a user who sees a folder sees all its ancestors (so ParentFolder is never a folder
// the user may not open). What each user sees:
//   both:  Computer Science & Engineering (3+ levels: COMP101 › Week 1 – Getting started › Lab recordings),
//          Lecture Archive (130 children: three pages at the default page size of 50),
//          Études françaises (accents)
//   ada:   Mathématiques appliquées, COMP202 Algorithms (inside CS&E), Stress Test – 2,000 folders
//   grace: Grace's Seminar Notes
// The catalog is mutable: the upload side adds sessions when an upload finishes processing.
import { createHash } from 'node:crypto';
import { seedUsers } from './seedUsers';

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

export interface SeedFolder {
  id: string;
  name: string;
  description: string | null;
  parentId: string | null;
  /** userNames allowed to see this folder. */
  viewers: ReadonlySet<string>;
}

export interface SeedSession {
  id: string;
  name: string;
  description: string | null;
  folderId: string;
  /** ISO timestamp. */
  startTime: string;
  durationSeconds: number;
  createdBy: { id: string; userName: string };
}

/** A stable lowercase hyphenated GUID derived from a label, so ids survive restarts. */
export function stableGuid(label: string): string {
  const hex = createHash('sha1').update(label).digest('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, `a${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}

export class FolderCatalog {
  readonly folders = new Map<string, SeedFolder>();
  readonly sessions = new Map<string, SeedSession>();

  addFolder(folder: SeedFolder): SeedFolder {
    this.folders.set(folder.id, folder);
    return folder;
  }

  addSession(session: SeedSession): SeedSession {
    this.sessions.set(session.id, session);
    return session;
  }

  canSee(userName: string, folder: SeedFolder): boolean {
    return folder.viewers.has(userName);
  }

  /** Children in insertion order; the REST layer sorts. `null` = top level. */
  childrenOf(parentId: string | null): SeedFolder[] {
    return [...this.folders.values()].filter((f) => f.parentId === parentId);
  }

  sessionsIn(folderId: string): SeedSession[] {
    return [...this.sessions.values()].filter((s) => s.folderId === folderId);
  }
}

const BOTH = new Set(['ada', 'grace']);
const ADA = new Set(['ada']);
const GRACE = new Set(['grace']);

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
  comp202: 'Computer Science & Engineering/COMP202 Algorithms',
  lectureArchive: 'Lecture Archive',
  etudes: 'Études françaises',
  maths: 'Mathématiques appliquées',
  stressTest: 'Stress Test – 2,000 folders',
  graceNotes: "Grace's Seminar Notes",
} as const;

export function folderIdFor(path: string): string {
  return stableGuid(`folder:${path}`);
}

const SEED_START = Date.UTC(2025, 1, 3, 9, 0, 0);
const DAY_MS = 86_400_000;

/** Builds a fresh catalog; each dev server gets its own (uploads must not leak between tests). */
export function seedCatalog(): FolderCatalog {
  const catalog = new FolderCatalog();
  const userIdOf = (userName: string) => seedUsers.find((u) => u.userName === userName)?.userId ?? stableGuid(`user:${userName}`);
  let sessionCounter = 0;

  const folder = (path: string, description: string | null, viewers: ReadonlySet<string>): SeedFolder => {
    const slash = path.lastIndexOf('/');
    const parentPath = slash >= 0 ? path.slice(0, slash) : undefined;
    return catalog.addFolder({
      id: folderIdFor(path),
      name: path.slice(slash + 1),
      description,
      parentId: parentPath ? folderIdFor(parentPath) : null,
      viewers,
    });
  };
  const sessions = (parent: SeedFolder, names: string[], owner: 'ada' | 'grace' = 'ada') => {
    for (const name of names) {
      sessionCounter++;
      catalog.addSession({
        id: stableGuid(`session:${parent.id}:${name}`),
        name,
        description: `Recording of “${name}”.`,
        folderId: parent.id,
        startTime: new Date(SEED_START + sessionCounter * DAY_MS).toISOString(),
        durationSeconds: 600 + ((sessionCounter * 137) % 3000) + 0.5,
        createdBy: { id: userIdOf(owner), userName: owner },
      });
    }
  };

  const cse = folder(SEED_PATHS.cse, 'School of Computer Science & Engineering recordings.', BOTH);
  const comp101 = folder(SEED_PATHS.comp101, 'First-year programming in Python.', BOTH);
  const week1 = folder(SEED_PATHS.week1, 'Installing tools, first programs.', BOTH);
  const labs = folder(SEED_PATHS.labRecordings, 'Screen recordings from the Tuesday labs.', BOTH);
  const week2 = folder(`${SEED_PATHS.comp101}/Week 2 – Variables & Types`, null, BOTH);
  folder(SEED_PATHS.comp202, 'Sorting, graphs, dynamic programming.', ADA);
  const comp202Lectures = folder(`${SEED_PATHS.comp202}/Lectures`, null, ADA);
  sessions(cse, ['School welcome 2025']);
  sessions(comp101, ['Course overview', 'Assessment & deadlines']);
  sessions(week1, ['Lecture 1 – Hello, world', 'Lecture 2 – Running Python', 'Tutorial: VS Code setup']);
  sessions(labs, ['Lab 1 (group A)', 'Lab 1 (group B)']);
  sessions(week2, ['Lecture 3 – Names & values']);
  sessions(comp202Lectures, ['Quicksort', 'Dijkstra’s algorithm', 'Knapsack & friends']);

  const archive = folder(SEED_PATHS.lectureArchive, 'Past lectures, one folder per session.', BOTH);
  for (let i = 1; i <= SEED_SIZES.lectureArchiveChildren; i++) {
    folder(`${SEED_PATHS.lectureArchive}/Lecture ${String(i).padStart(3, '0')}`, `Archived lecture number ${i}.`, BOTH);
  }
  sessions(archive, ['Archive index (read me)']);

  const etudes = folder(SEED_PATHS.etudes, 'Cours de français – niveau débutant & intermédiaire.', BOTH);
  folder(`${SEED_PATHS.etudes}/Leçon 1 – Présentations`, null, BOTH);
  folder(`${SEED_PATHS.etudes}/Leçon 2 – Café & croissants`, null, BOTH);
  sessions(etudes, ['Bienvenue à tous', 'Prononciation : é, è, ê']);

  const maths = folder(SEED_PATHS.maths, 'Analyse numérique et algèbre linéaire.', ADA);
  const analyse = folder(`${SEED_PATHS.maths}/Analyse numérique`, null, ADA);
  folder(`${SEED_PATHS.maths}/Analyse numérique/Méthodes itératives`, null, ADA);
  sessions(maths, ['Introduction']);
  sessions(analyse, ['Équations différentielles', 'Intégration numérique']);

  const stress = folder(SEED_PATHS.stressTest, 'Generated folders for the benchmarks.', ADA);
  for (let i = 1; i <= SEED_SIZES.stressTestChildren; i++) {
    catalog.addFolder({
      id: stableGuid(`folder:stress:${i}`),
      name: `Generated folder ${String(i).padStart(4, '0')}`,
      description: null,
      parentId: stress.id,
      viewers: ADA,
    });
  }

  const notes = folder(SEED_PATHS.graceNotes, 'Compiler design seminar.', GRACE);
  const cobol = folder(`${SEED_PATHS.graceNotes}/COBOL & friends`, null, GRACE);
  sessions(notes, ['Seminar 1 – Why compilers?'], 'grace');
  sessions(cobol, ['Records & pictures'], 'grace');

  return catalog;
}
