// The widget's panel: this page, in an iframe that /widget.js puts on the host page. The same conversation
// as the full page (chat-client.js); what it adds is talking to widget.js with postMessage:
//   panel -> widget.js  "ready" once loaded; "close" on Escape or the close button;
//                       "store" {key, value}: keep this in the host page's localStorage.
//   widget.js -> panel  "state" {stored}: what the host page kept; "open": the citizen opened the panel.
// The conversation is kept by the host page because browsers that block third-party storage refuse this
// frame its own localStorage; with the host's, it survives reloads and moving between the site's pages.
import { browserStorage, loadProfile, startChat } from "../chat-client.js";

const byId = (id) => document.getElementById(id);
const apiBase = new URL("../api/", document.baseURI);
const framed = window.parent !== window;
const HOST_SILENCE_MS = 1500; // no answer from widget.js: framed by another page; keep our own storage

let chat = null;
let focusWanted = false;

const start = (storage) => {
  if (chat) return;
  chat = startChat({
    apiBase,
    storage,
    scroller: byId("chat"),
    log: byId("log"),
    typing: byId("typing"),
    status: byId("status"),
    form: byId("composer"),
    input: byId("message"),
    sendButton: byId("send"),
    restart: byId("restart"),
  });
  if (focusWanted) chat.focus();
};

// Only to the page that framed us (one that /widget/'s frame-ancestors allows), at the origin widget.js
// named in our address; widget.js checks in turn that messages come from its frame.
const hostOrigin = new URLSearchParams(location.hash.slice(1)).get("host");
const tell = (what, details = {}) =>
  window.parent.postMessage({ tldvc: what, ...details }, hostOrigin?.startsWith("http") ? hostOrigin : "*");

const hostStorage = (snapshot) => ({
  get: (key) => snapshot[key] ?? null,
  set(key, value) {
    snapshot[key] = value;
    tell("store", { key, value });
  },
});

if (framed) {
  byId("close").hidden = false;
  byId("close").addEventListener("click", () => tell("close"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") tell("close");
  });
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return;
    const { tldvc: what, stored } = event.data ?? {};
    if (what === "state" && stored && typeof stored === "object") start(hostStorage({ ...stored }));
    if (what === "open") {
      focusWanted = true;
      chat?.focus();
    }
  });
  tell("ready");
  setTimeout(() => start(browserStorage), HOST_SILENCE_MS);
} else {
  start(browserStorage);
}

loadProfile(apiBase).then((profile) => {
  if (profile) byId("province").textContent = ` ${profile.province}`;
});
