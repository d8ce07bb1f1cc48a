// The page the site shows when it refuses a sign-in request it cannot send back to the app (an
// unknown or disabled client, a redirect URL that is not registered): the browser stays on the site.
// Shaped after IdentityServer's error page ("Sorry, there was an error", the error code, its
// description and a request id), which Panopto's OAuth server is thought to be
// (docs/panopto.md#oauth-endpoints); Panopto's own wording is a guess.
import { randomBytes } from 'node:crypto';
import { escapeHtml } from './loginPage';

export interface ErrorPageModel {
  error: string;
  error_description?: string;
}

export function renderErrorPage(model: ErrorPageModel): string {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const description = model.error_description ? `<p class="description">${escapeHtml(model.error_description)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Panopto - Error</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; background: #f3f5f7; color: #1d2430; margin: 0; }
  header { background: #1d2430; color: #fff; padding: .8rem 1.5rem; font-weight: 600; letter-spacing: .02em; }
  main { max-width: 34rem; margin: 3rem auto; background: #fff; border-radius: 10px; padding: 2rem 2.25rem;
         box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.06); }
  h1 { font-size: 1.3rem; margin: 0 0 1rem; }
  .error { font-family: ui-monospace, monospace; color: #a12020; }
  .request { color: #8a93a0; font-size: .8rem; margin-top: 1.5rem; }
</style>
</head>
<body>
<header>Panopto</header>
<main>
  <h1>Sorry, there was an error</h1>
  <p><strong class="error">${escapeHtml(model.error)}</strong></p>
  ${description}
  <p class="request">Request Id: ${requestId}</p>
</main>
</body>
</html>`;
}
