// Pages of sites that are not Panopto, for the switch notPanopto (oauth/notPanoptoSite.ts): what a
// person gets when the extension is pointed at a university's home page or its sign-in portal
// instead of its Panopto site. Invented, plain HTML.
import { escapeHtml } from './loginPage';

const UNIVERSITY = 'Northfield University';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: Georgia, serif; margin: 2rem auto; max-width: 40rem">
${body}
</body>
</html>`;
}

/** A university home page, served for every path (a content management system's catch-all). */
export function universityHomePage(): string {
  return page(
    `${UNIVERSITY} | Home`,
    `<h1>${UNIVERSITY}</h1>
<nav><a href="/study">Study</a> · <a href="/research">Research</a> · <a href="/about">About</a></nav>
<p>Welcome to ${UNIVERSITY}. Applications for next year are open.</p>`,
  );
}

/** A web server's plain 404 page. */
export function notFoundPage(path: string): string {
  return page(
    '404 Not Found',
    `<h1>Not Found</h1>\n<p>The requested URL ${escapeHtml(path)} was not found on this server.</p>\n<hr><address>Apache Server</address>`,
  );
}

/** A single sign-on portal's login form (Shibboleth-like). */
export function ssoLoginPage(action: string, error?: string): string {
  const message = error ? `<p role="alert" style="color: #a12020">${escapeHtml(error)}</p>` : '';
  return page(
    `${UNIVERSITY} Single Sign-On`,
    `<h1>${UNIVERSITY} Single Sign-On</h1>
${message}
<form method="post" action="${escapeHtml(action)}">
  <label>NetID <input type="text" name="j_username"></label>
  <label>Password <input type="password" name="j_password"></label>
  <button type="submit" name="_eventId_proceed">Login</button>
</form>`,
  );
}
