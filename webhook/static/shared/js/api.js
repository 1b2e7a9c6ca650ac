// Calls to the backend. The bearer token is kept in sessionStorage: it lasts as long as the tab, and
// signing out or any 401 forgets it.
import { COMMON_TEXT as TEXT } from "./text.js";

const TOKEN_KEY = "tldvc.staff_token";
// Relative to the page (/quan-ly/, /tong-dai/), so the pages also work behind a reverse proxy's sub-path.
const API_ROOT = new URL("../api/", document.baseURI);

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let memoryToken = null; // used only when sessionStorage refuses to keep the token
let sessionEnded = () => {};
// handler(message) runs once whenever the server refuses the token (expired, revoked, account disabled).
export const onSessionEnd = (handler) => {
  sessionEnded = handler;
};

const storedToken = () => {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
};

const keepToken = (token) => {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage refused (private mode): the session then lasts until the page is reloaded.
  }
};

const forgetToken = () => {
  memoryToken = null;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
};

const token = () => storedToken() || memoryToken;
export const hasToken = () => Boolean(token());

// When the token expires (ms since the epoch), read from its payload; the server still checks the signature.
export const tokenExpiry = () => {
  try {
    const payload = token().split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload)).exp * 1000;
  } catch {
    return null;
  }
};

const messageOf = async (response) => {
  try {
    const body = await response.json();
    if (typeof body.detail === "string") return body.detail;
  } catch {
    // Not JSON: a proxy's error page, for instance.
  }
  return response.status === 422 ? TEXT.invalid : TEXT.serverError;
};

const send = async (url, init) => {
  try {
    return await fetch(url, init);
  } catch {
    throw new ApiError(0, TEXT.offline);
  }
};

const urlOf = (path, params = {}) => {
  const url = new URL(path, API_ROOT);
  for (const [name, value] of Object.entries(params)) {
    for (const one of [value].flat()) {
      if (one !== undefined && one !== null && one !== "") url.searchParams.append(name, one);
    }
  }
  return url;
};

// GET (or POST with json) an API path such as "complaints"; resolves to the parsed JSON, or the Response
// itself when raw. Rejects with an ApiError carrying the API's Vietnamese message.
export const api = async (path, { params, json, raw = false } = {}) => {
  const init = { headers: { Authorization: `Bearer ${token()}` } };
  if (json !== undefined) {
    init.method = "POST";
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  }
  const response = await send(urlOf(path, params), init);
  if (response.status === 401) {
    const message = await messageOf(response);
    forgetToken();
    sessionEnded(message);
    throw new ApiError(401, message);
  }
  if (!response.ok) throw new ApiError(response.status, await messageOf(response));
  return raw ? response : response.json();
};

// Saves a file the API makes (a CSV export) under filename: fetched with the bearer token, which a plain
// link could not carry. Rejects like api().
export const download = async (path, { params, filename }) => {
  const response = await api(path, { params, raw: true });
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

// OAuth2 password flow: a form-encoded username and password for a bearer token.
export const signIn = async (username, password) => {
  const response = await send(urlOf("auth/token"), {
    method: "POST",
    body: new URLSearchParams({ username, password }),
  });
  if (!response.ok) throw new ApiError(response.status, await messageOf(response));
  memoryToken = (await response.json()).access_token;
  keepToken(memoryToken);
};

export const signOut = forgetToken;

// The public province profile, for the page's subtitle; no token needed.
export const profile = async () => (await send(urlOf("profile"))).json();
