// The people who can sign in to the dev server. Seed folders and sessions (seedFolders.ts)
// reference these userIds, so they never change.

export interface SeedUser {
  /** Panopto user GUID (lowercase, hyphenated); the `sub` claim. */
  userId: string;
  /** Short name typed on the login page; `preferred_username`. */
  userName: string;
  /** Panopto user key with the identity-provider prefix, used by the password grant. */
  userKey: string;
  displayName: string;
  email: string;
  role: 'instructor' | 'student';
}

/** The identity provider whose application key signs password-grant "auth codes" (docs/panopto.md#id-provider-sign-in). */
export const devIdentityProvider = {
  name: 'NetID',
  applicationKey: '6F9619FF-8B86-D011-B42D-00C04FC964FF',
} as const;

export const seedUsers: readonly SeedUser[] = [
  {
    userId: '7c1f3b2e-5a4d-4e6f-8a9b-0c1d2e3f4a51',
    userName: 'ada',
    userKey: 'NetID\\ada',
    displayName: 'Ada Lovelace',
    email: 'ada@example.edu',
    role: 'instructor',
  },
  {
    userId: '3e8d9a40-b6c2-4f1e-9d7a-2b4c6e8f0a62',
    userName: 'grace',
    userKey: 'NetID\\grace',
    displayName: 'Grace Hopper',
    email: 'grace@example.edu',
    role: 'student',
  },
];

export function findUserById(userId: string): SeedUser | undefined {
  return seedUsers.find((u) => u.userId === userId);
}

/** Matches a typed name against userName or userKey, ignoring case (Panopto user keys are case-insensitive). */
export function findUserByLogin(name: string): SeedUser | undefined {
  const wanted = name.trim().toLowerCase();
  return seedUsers.find((u) => u.userName.toLowerCase() === wanted || u.userKey.toLowerCase() === wanted);
}
