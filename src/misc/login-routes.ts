// The login page API of Kestra 0.24+ (open-source basic auth): `POST /login` turns valid
// credentials into an HttpOnly `BASIC_AUTH` cookie (plus the readable `kestraBasicAuthenticated`
// flag the UI checks), `POST /logout` clears both, `GET /configs/login` tells the login page
// whether credentials exist, `GET /basicAuthValidationErrors` what is wrong with the configured
// ones. None takes a tenant. With auth off (kestra-lite's default) login has nothing to check.

import { routeModule } from '../http/route-module.ts';
import { readJson, requireKind } from '../http/body.ts';
import { unauthorized } from '../http/error-plugin.ts';
import { AUTH_COOKIE, AUTH_FLAG_COOKIE, type AuthService } from '../http/auth.ts';
import { ApiError } from '../shared/errors.ts';
import { isPlainObject } from '../shared/guards.ts';

const COOKIE_ATTRIBUTES = 'Path=/; SameSite=Lax';

function withCookies(body: unknown, cookies: string[]): Response {
  const headers = new Headers({ 'content-type': 'application/json' });
  for (const c of cookies) headers.append('set-cookie', c);
  return new Response(JSON.stringify(body), { status: 200, headers });
}

export function loginRoutes(auth: AuthService) {
  return routeModule()
    .get('/configs/login', () => ({ isBasicAuthInitialized: auth.enabled() }))
    .get('/basicAuthValidationErrors', () => auth.validationErrors())
    .post('/login', async ({ request }) => {
      // Kestra's login consumes application/json only (a form is a 415); no content type reads as JSON
      if (request.headers.get('content-type') !== null) requireKind(request, 'json');
      const body = await readJson(request);
      if (!isPlainObject(body)) throw new ApiError('INVALID_JSON', 'Expected a JSON object {"username": ..., "password": ...}');
      if (!auth.enabled()) return withCookies({}, []);
      const token = auth.login(body.username, body.password);
      if (!token) return unauthorized();
      return withCookies({}, [
        `${AUTH_COOKIE}=${token}; ${COOKIE_ATTRIBUTES}; HttpOnly`,
        `${AUTH_FLAG_COOKIE}=true; ${COOKIE_ATTRIBUTES}`,
      ]);
    })
    .post('/logout', () => withCookies({}, [
      `${AUTH_COOKIE}=; ${COOKIE_ATTRIBUTES}; HttpOnly; Max-Age=0`,
      `${AUTH_FLAG_COOKIE}=; ${COOKIE_ATTRIBUTES}; Max-Age=0`,
    ]));
}
