// Where the end-to-end tests serve the built app: a copy of dist/ under
// /SUB_PATH/ on 127.0.0.1:PORT, by support/serve.sh (python3 -m http.server).

/** Port for the test server (E2E_PORT; default 8731, away from trunk serve's 8080). */
export const PORT = Number(process.env.E2E_PORT ?? 8731);

/** The sub-path the app lives under, as on a static host. */
export const SUB_PATH = 'wizard';

/** The app's URL; tests open pages relative to it. */
export const BASE_URL = `http://127.0.0.1:${PORT}/${SUB_PATH}/`;
