// The web widget: `<script src="https://<backend>/widget.js" defer></script>` on any page of the province's
// site puts a chat launcher at the bottom right; it opens the assistant in a panel.
//
// The panel is an iframe of this backend's /widget/ page rather than a chat built into the host page: the
// conversation then runs on the backend's own origin, so the chat API needs no CORS, the host page's CSS
// and scripts cannot reach into it, and the widget is the very same chat as the full page
// (chat-client.js). Which sites may show the panel is the backend's setting TLDVC_WIDGET_ALLOWED_ORIGINS
// (the Content-Security-Policy frame-ancestors of /widget/). Only the launcher and the panel's frame live
// on the host page, in a shadow root with their own styles.
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script || document.querySelector("tldvc-widget")) return; // loaded twice: one launcher is enough

  const backend = new URL(".", script.src); // wherever widget.js came from, path prefix included
  const TEXT = {
    open: "Mở trợ lý dịch vụ công",
    title: "Trợ lý Dịch vụ công",
  };

  const STYLE = `
    /* Pixels, not rem: rem follows the host page's root font size. */
    :host { all: initial !important; }
    * { box-sizing: border-box; }
    .launcher {
      position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
      display: grid; place-items: center;
      width: 56px; height: 56px; margin: 0; padding: 0;
      border: 0; border-radius: 50%;
      background: #0b4f8a; color: #fff;   /* white on it: 8.3:1 */
      box-shadow: 0 4px 14px rgba(0, 0, 0, 0.3);
      cursor: pointer;
    }
    .launcher:hover { background: #083a66; }
    /* Two rings: the focus shows on light and dark host pages alike. */
    .launcher:focus-visible { outline: 3px solid #1b1f24; outline-offset: 3px; box-shadow: 0 0 0 3px #fff; }
    .launcher svg { width: 28px; height: 28px; }
    .launcher .when-open, :host([data-open]) .launcher .when-closed { display: none; }
    :host([data-open]) .launcher .when-open { display: block; }
    .panel {
      position: fixed; right: 20px; bottom: 92px; z-index: 2147483000;
      width: min(384px, calc(100vw - 40px));
      height: min(640px, calc(100vh - 120px));
      border-radius: 16px; overflow: hidden;
      background: #fff;
      box-shadow: 0 8px 30px rgba(0, 0, 0, 0.3);
    }
    .panel[hidden] { display: none; }
    iframe { display: block; width: 100%; height: 100%; border: 0; }
    /* Phones: the panel is the whole screen, and its own close button replaces the launcher. */
    @media (max-width: 480px) {
      .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
      :host([data-open]) .launcher { display: none; }
    }
    @media (prefers-reduced-motion: no-preference) {
      .launcher { transition: background-color 0.15s; }
    }
  `;

  // Constant markup only: nothing from the backend or the citizen is ever put in as HTML.
  const MARKUP = `
    <div class="panel" id="panel" role="dialog" aria-label="${TEXT.title}" hidden></div>
    <button type="button" class="launcher" aria-label="${TEXT.open}" aria-expanded="false" aria-controls="panel">
      <svg class="when-closed" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-4.5 3.6A.9.9 0 0 1 3 21V6a2 2 0 0 1 1-2zm3 5.25a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5zm5 0a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5zm5 0a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5z"/>
      </svg>
      <svg class="when-open" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/>
      </svg>
    </button>
  `;

  const host = document.createElement("tldvc-widget");
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = STYLE;
  const template = document.createElement("template");
  template.innerHTML = MARKUP;
  root.append(style, template.content);
  const panel = root.getElementById("panel");
  const launcher = root.querySelector(".launcher");

  // The conversation, kept for the panel (it may not have storage of its own in a third-party frame).
  const PREFIX = "tldvc.";
  const kept = () => {
    const stored = {};
    try {
      for (let i = 0; i < localStorage.length; i += 1) {
        const key = localStorage.key(i);
        if (key.startsWith(PREFIX)) stored[key] = localStorage.getItem(key);
      }
    } catch {
      // No storage on this page either: the conversation lasts as long as the page.
    }
    return stored;
  };
  const keep = (key, value) => {
    if (typeof key !== "string" || !key.startsWith(PREFIX) || typeof value !== "string") return;
    try {
      localStorage.setItem(key, value);
    } catch {
      // As above.
    }
  };

  let frame = null; // made on first open: pages where nobody opens the chat load nothing more
  let frameReady = false;

  const tellFrame = (what) => frame.contentWindow.postMessage({ tldvc: what }, backend.origin);

  const open = () => {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = `${new URL("widget/", backend).href}#host=${encodeURIComponent(location.origin)}`;
      frame.title = TEXT.title;
      panel.append(frame);
    }
    panel.hidden = false;
    host.setAttribute("data-open", "");
    launcher.setAttribute("aria-expanded", "true");
    frame.focus();
    if (frameReady) tellFrame("open"); // else when the panel says it is ready
  };

  const close = () => {
    panel.hidden = true;
    host.removeAttribute("data-open");
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  };

  // One name, open or not: aria-expanded says which (a disclosure button keeps its label).
  launcher.addEventListener("click", () => (panel.hidden ? open() : close()));
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) close();
  });
  window.addEventListener("message", (event) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== backend.origin) return;
    const { tldvc: what, key, value } = event.data ?? {};
    if (what === "ready") {
      frameReady = true;
      frame.contentWindow.postMessage({ tldvc: "state", stored: kept() }, backend.origin);
      if (!panel.hidden) tellFrame("open");
    } else if (what === "store") {
      keep(key, value);
    } else if (what === "close" && !panel.hidden) {
      close();
    }
  });

  // Without `defer` in the page's <head>, the body may not exist yet.
  if (document.body) document.body.append(host);
  else document.addEventListener("DOMContentLoaded", () => document.body.append(host));
})();
