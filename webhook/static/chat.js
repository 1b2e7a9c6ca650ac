// The citizen's web chat. Bot text is only ever inserted as text nodes and <a> elements built here.
"use strict";

(() => {
  // Every word the citizen reads that is not in index.html.
  const TEXT = {
    title: "Trợ lý Dịch vụ công",
    failed: "Chưa gửi được tin nhắn, bạn vui lòng thử lại sau ít phút.",
    offline: "Không kết nối được với máy chủ. Bạn kiểm tra kết nối mạng rồi thử lại nhé.",
  };
  const SENDER_KEY = "tldvc.sender_id";
  const TRANSCRIPT_KEY = "tldvc.transcript";
  const TRANSCRIPT_LIMIT = 60;
  const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
  const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

  const byId = (id) => document.getElementById(id);
  const chat = byId("chat");
  const log = byId("log");
  const typing = byId("typing");
  const input = byId("message");
  const sendButton = byId("send");
  let busy = false;

  // localStorage can be missing or refused (private browsing); the chat then works for this page only.
  const stored = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  };
  const store = (key, value) => {
    try {
      localStorage.setItem(key, value);
    } catch {
      // Nothing to do: the conversation simply will not survive a reload.
    }
    return value;
  };

  // crypto.randomUUID needs a secure context; the intranet may serve this page over plain http.
  const newSenderId = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  };

  let senderId = stored(SENDER_KEY) || store(SENDER_KEY, newSenderId());
  let transcript = [];
  try {
    transcript = JSON.parse(stored(TRANSCRIPT_KEY) || "[]");
  } catch {
    transcript = [];
  }

  const remember = (entry) => {
    transcript = [...transcript, entry].slice(-TRANSCRIPT_LIMIT);
    store(TRANSCRIPT_KEY, JSON.stringify(transcript));
  };

  const scrollToEnd = () => {
    chat.scrollTop = chat.scrollHeight;
  };

  const link = (url) => {
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.textContent = url;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    return anchor;
  };

  // Text with its http(s) addresses turned into links; a sentence's final punctuation stays text.
  const appendWithLinks = (parent, text) => {
    let from = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      const url = match[0].replace(TRAILING_PUNCTUATION, "");
      parent.append(text.slice(from, match.index), link(url));
      from = match.index + url.length;
    }
    parent.append(text.slice(from));
  };

  const bubble = (kind) => {
    const item = document.createElement("li");
    item.className = `bubble ${kind}`;
    log.append(item);
    return item;
  };

  const showCitizen = (text) => {
    bubble("citizen").textContent = text;
    scrollToEnd();
  };

  const showError = (text) => {
    bubble("error").textContent = text;
    scrollToEnd();
  };

  const showBot = ({ text, buttons = [] }) => {
    if (text) appendWithLinks(bubble("bot"), text);
    if (buttons.length) {
      const chips = document.createElement("li");
      chips.className = "chips";
      for (const { title, payload } of buttons) {
        const chip = document.createElement("button");
        chip.type = "button";
        chip.className = "chip";
        chip.textContent = title;
        chip.addEventListener("click", () => send(payload, title));
        chips.append(chip);
      }
      log.append(chips);
    }
    scrollToEnd();
  };

  const setBusy = (value) => {
    busy = value;
    typing.hidden = !value;
    sendButton.disabled = value;
    if (value) scrollToEnd();
  };

  const failureText = async (response) => {
    try {
      const { detail } = await response.json();
      return typeof detail === "string" ? detail : TEXT.failed;
    } catch {
      return TEXT.failed;
    }
  };

  // Sends `text` to the bot and shows `shown` as the citizen's message (a button shows its title).
  const send = async (text, shown, typed = false) => {
    if (busy) return;
    setBusy(true);
    showCitizen(shown);
    if (typed) input.value = "";
    let failure = null;
    try {
      const response = await fetch("api/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sender_id: senderId, text }),
      });
      if (response.ok) {
        const { messages } = await response.json();
        remember({ from: "citizen", text: shown });
        for (const message of messages) {
          remember({ from: "bot", text: message.text, buttons: message.buttons });
          showBot(message);
        }
      } else {
        failure = await failureText(response);
      }
    } catch {
      failure = TEXT.offline;
    }
    setBusy(false);
    if (failure) {
      showError(failure);
      // Give the citizen their words back, unless they already started typing something else.
      if (typed && !input.value) input.value = text;
    }
    input.focus();
  };

  byId("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) send(text, text, true);
  });

  byId("restart").addEventListener("click", () => {
    senderId = store(SENDER_KEY, newSenderId());
    transcript = [];
    store(TRANSCRIPT_KEY, "[]");
    log.replaceChildren();
    input.focus();
  });

  for (const entry of transcript) {
    if (entry.from === "citizen") showCitizen(entry.text);
    else showBot(entry);
  }

  fetch("api/profile")
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then(({ province, hotline_text, portal_url }) => {
      byId("province").textContent = ` ${province}`;
      document.title = `${TEXT.title} – ${province}`;
      byId("hotline").textContent = hotline_text;
      if (/^https?:\/\//.test(portal_url)) {
        const portal = byId("portal");
        portal.href = portal_url;
        portal.textContent = portal_url;
        byId("help").hidden = false;
      }
    })
    .catch(() => {
      // The chat works without the province's details; the title stays generic.
    });
})();
