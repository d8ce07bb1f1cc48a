// The dev server's sign-in page: pick a seeded user or type a name, or deny. Plain HTML with a
// little inline CSS (it appears in README screenshots); no scripts, so any browser (or a test
// playing one with plain HTTP) can submit it.
import type { SeedUser } from '../seedUsers';

export interface LoginPageModel {
  /** Where the form posts (the interaction's login URL). */
  action: string;
  clientName: string;
  scopes: string[];
  users: readonly SeedUser[];
  /** Shown above the form, e.g. after an unknown user name. */
  error?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderLoginPage(model: LoginPageModel): string {
  const userButtons = model.users
    .map(
      (u) => `<button type="submit" name="user" value="${escapeHtml(u.userName)}" class="user">
        <span class="name">${escapeHtml(u.displayName)}</span>
        <span class="meta">${escapeHtml(u.userName)} · ${escapeHtml(u.role)}</span>
      </button>`,
    )
    .join('\n');
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Panopto dev server — sign in</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; background: #f3f5f7; color: #1d2430; margin: 0; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; border-radius: 10px; padding: 2rem 2.25rem;
         box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.06); }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
  .lead { color: #5a6472; margin: 0 0 1.5rem; font-size: .95rem; }
  .user { display: flex; flex-direction: column; align-items: flex-start; width: 100%; margin: 0 0 .6rem;
          padding: .7rem 1rem; border: 1px solid #d5dae1; border-radius: 8px; background: #fff; cursor: pointer; font: inherit; }
  .user:hover, .user:focus { border-color: #2a6df4; outline: none; background: #f5f8ff; }
  .name { font-weight: 600; }
  .meta { color: #5a6472; font-size: .85rem; }
  .or { color: #8a93a0; text-align: center; margin: 1rem 0; font-size: .85rem; }
  label { display: block; font-size: .9rem; margin-bottom: .3rem; }
  .row { display: flex; gap: .5rem; }
  input[type=text] { flex: 1; padding: .55rem .7rem; border: 1px solid #d5dae1; border-radius: 6px; font: inherit; }
  .primary { padding: .55rem 1rem; border: 0; border-radius: 6px; background: #2a6df4; color: #fff; font: inherit; cursor: pointer; }
  .deny { margin-top: 1.5rem; padding: .45rem .9rem; border: 1px solid #d5dae1; border-radius: 6px; background: #fff; color: #5a6472; font: inherit; cursor: pointer; }
  .scopes { color: #5a6472; font-size: .8rem; margin-top: 1.25rem; }
  .error { background: #fdecec; color: #a12020; padding: .5rem .75rem; border-radius: 6px; }
</style>
</head>
<body>
<main>
  <h1>Panopto dev server — sign in</h1>
  <p class="lead">Sign in to continue to <strong>${escapeHtml(model.clientName)}</strong>.</p>
  ${error}
  <form method="post" action="${escapeHtml(model.action)}">
    ${userButtons}
  </form>
  <p class="or">or</p>
  <form method="post" action="${escapeHtml(model.action)}">
    <label for="username">User name</label>
    <div class="row">
      <input type="text" id="username" name="username" autocomplete="username" placeholder="ada or NetID\\ada">
      <button type="submit" class="primary">Sign in</button>
    </div>
  </form>
  <form method="post" action="${escapeHtml(model.action)}">
    <button type="submit" name="action" value="deny" class="deny">Deny</button>
  </form>
  <p class="scopes">Requested access: ${escapeHtml(model.scopes.join(' '))}</p>
</main>
</body>
</html>`;
}
