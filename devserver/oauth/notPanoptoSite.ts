// The switch notPanopto: the site address answers as something that is not Panopto, so a client's
// message for a wrong site address can be tested. Every path but the admin routes (/__dev/, so a
// test can switch it back) is answered here, before Panopto's routes:
// - 'homePage': 200 with a university home page for every path and method;
// - 'notFound': 404 with a web server's HTML page for every path but '/';
// - 'ssoPortal': 302 to a single sign-on portal's login page (200 HTML), as a site behind a campus
//   SSO gateway answers.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NotPanoptoMode } from '../faults';
import { notFoundPage, ssoLoginPage, universityHomePage } from '../views/notPanoptoPages';
import { sendHtml } from './http';

const SSO_PATH = '/idp/profile/SAML2/Redirect/SSO';
const ADMIN_PREFIX = '/__dev/';

/** true when the request was answered as the foreign site. */
export async function answerAsNotPanopto(req: IncomingMessage, res: ServerResponse, url: URL, mode: NotPanoptoMode): Promise<boolean> {
  if (mode === 'off' || url.pathname.startsWith(ADMIN_PREFIX)) return false;
  // Drain any body first (an upload PUT too), so the client reads the answer rather than a reset.
  req.resume();
  if (!req.readableEnded) await once(req, 'end').catch(() => undefined);
  switch (mode) {
    case 'homePage':
      sendHtml(res, 200, universityHomePage());
      return true;
    case 'notFound':
      sendHtml(res, url.pathname === '/' ? 200 : 404, url.pathname === '/' ? universityHomePage() : notFoundPage(url.pathname));
      return true;
    case 'ssoPortal': {
      if (url.pathname === SSO_PATH) {
        const action = `${SSO_PATH}?execution=e1s1`;
        sendHtml(
          res,
          200,
          req.method === 'POST' ? ssoLoginPage(action, 'The NetID or password you entered was incorrect.') : ssoLoginPage(action),
        );
        return true;
      }
      res.writeHead(302, { location: `${url.origin}${SSO_PATH}?execution=e1s1`, 'content-length': '0', 'cache-control': 'no-store' });
      res.end();
      return true;
    }
  }
}
