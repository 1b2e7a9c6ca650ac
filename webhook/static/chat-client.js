// The citizen's conversation with the assistant, for both faces of the web chat: the full page (chat.js)
// and the widget's panel (widget/panel.js). Bot and staff text is only ever inserted as text nodes and <a>
// elements built here, never as HTML.

// Every word the citizen reads that is not in the pages' HTML.
export const TEXT = {
  title: "Trợ lý Dịch vụ công",
  failed: "Chưa gửi được tin nhắn, bạn vui lòng thử lại sau ít phút.",
  offline: "Không kết nối được với máy chủ. Bạn kiểm tra kết nối mạng nhé.",
  retrying: "Không kết nối được với trợ lý. Đang thử lại…",
  staff: "Cán bộ",
  staffWaiting: "Đã chuyển cho cán bộ. Câu trả lời của cán bộ sẽ hiện ở đây.",
  staffHolding: "Bạn đang trò chuyện với cán bộ.",
  limited: "Trợ lý đang hoạt động hạn chế: chỉ tra cứu được thủ tục.",
};

const KEYS = {
  sender: "tldvc.sender_id",
  transcript: "tldvc.transcript",
  pending: "tldvc.pending", // the message not yet delivered, sent again when the service is back
  live: "tldvc.live", // a handoff to staff: whether it is open, the last staff message shown
};
const TRANSCRIPT_LIMIT = 60;
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000]; // then every 30 s
const POLL_MS = 3000;
const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

// localStorage can be missing or refused (private browsing, or a third-party frame when the browser blocks
// third-party storage); the chat then works for this page only.
export const browserStorage = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      // Nothing to do: the conversation simply will not survive a reload.
    }
  },
};

// crypto.randomUUID needs a secure context; the intranet may serve the chat over plain http.
const newSenderId = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
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

/** The province's name, hotline and portal, or null when they cannot be fetched. */
export const loadProfile = async (apiBase) => {
  try {
    const response = await fetch(new URL("profile", apiBase));
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
};

/**
 * Runs the conversation in the given elements; `apiBase` is the absolute URL of the backend's /api/.
 * Elements: scroller (scrolls the log), log (an <ol>), typing, status, form, input, sendButton, restart.
 * `storage` ({get, set} of strings) keeps the conversation across reloads: this origin's localStorage
 * unless the widget's panel keeps it in the host page's.
 */
export const startChat = ({
  apiBase,
  storage = browserStorage,
  scroller,
  log,
  typing,
  status,
  form,
  input,
  sendButton,
  restart,
}) => {
  const api = (path) => new URL(path, apiBase);
  const stored = (key) => storage.get(key);
  const store = (key, value) => {
    storage.set(key, value);
    return value;
  };
  const storedJson = (key, fallback) => {
    try {
      return JSON.parse(stored(key)) ?? fallback;
    } catch {
      return fallback;
    }
  };
  const storeJson = (key, value) => store(key, JSON.stringify(value));

  let senderId = stored(KEYS.sender) || store(KEYS.sender, newSenderId());
  let transcript = storedJson(KEYS.transcript, []);
  let pending = storedJson(KEYS.pending, null); // {text, shown, typed}
  let live = storedJson(KEYS.live, { open: false, after: 0 });
  let busy = false;
  let failures = 0; // delivery attempts of the pending message that failed in a row
  let retryTimer = null;
  let pollTimer = null;
  let polling = false;
  let pendingBubble = null;
  let errorBubble = null;
  // The last reply came from the backend's limited service (the bot could not answer): answered, not retried.
  let limited = false;

  const scrollToEnd = () => {
    scroller.scrollTop = scroller.scrollHeight;
  };

  const remember = (entry) => {
    transcript = [...transcript, entry].slice(-TRANSCRIPT_LIMIT);
    storeJson(KEYS.transcript, transcript);
  };

  const bubble = (kind) => {
    const item = document.createElement("li");
    item.className = `bubble ${kind}`;
    log.append(item);
    return item;
  };

  const showCitizen = (text) => {
    const item = bubble("citizen");
    item.textContent = text;
    scrollToEnd();
    return item;
  };

  const showError = (text) => {
    errorBubble ??= bubble("error");
    errorBubble.textContent = text;
    log.append(errorBubble); // stays the last thing in the log
    scrollToEnd();
  };

  const clearError = () => {
    errorBubble?.remove();
    errorBubble = null;
  };

  const showStaff = (text) => {
    const item = bubble("staff");
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = TEXT.staff;
    item.append(who);
    appendWithLinks(item, text);
    scrollToEnd();
  };

  const showBot = ({ text, buttons = [], limited: fromLimited = false }) => {
    if (text) appendWithLinks(bubble(fromLimited ? "bot limited" : "bot"), text);
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

  const showEntry = (entry) => {
    if (entry.from === "citizen") showCitizen(entry.text);
    else if (entry.from === "staff") showStaff(entry.text);
    else showBot(entry);
  };

  // One line above the composer: a connection problem first, else whether staff have the conversation, else
  // that the assistant answers in a limited way for now.
  const showStatus = () => {
    let text = "";
    if (retryTimer !== null || (pending && failures > 0)) text = TEXT.retrying;
    else if (live.open) text = live.holding ? TEXT.staffHolding : TEXT.staffWaiting;
    else if (limited) text = TEXT.limited;
    status.textContent = text;
    status.hidden = !text;
    status.classList.toggle("problem", text === TEXT.retrying || text === TEXT.limited);
  };

  const setBusy = (value) => {
    busy = value;
    typing.hidden = !value;
    sendButton.disabled = value;
    if (value) scrollToEnd();
  };

  const saveLive = (changes) => {
    live = { ...live, ...changes };
    storeJson(KEYS.live, live);
    showStatus();
  };

  // What staff wrote during a handoff, every few seconds until they give the conversation back.
  const poll = async () => {
    pollTimer = null;
    if (polling || !live.open) return;
    polling = true;
    const sender = senderId;
    try {
      const response = await fetch(api(`chat/${encodeURIComponent(sender)}/staff-messages?after=${live.after}`));
      if (response.ok && sender === senderId) {
        for (const message of await response.json()) {
          if (message.id <= live.after) continue;
          remember({ from: "staff", text: message.text });
          showStaff(message.text);
          saveLive({ after: message.id, holding: true }); // whoever wrote holds the conversation
        }
        // Released by staff: the bot answers again and there is nothing more to wait for.
        if (response.headers.get("X-Handoff-Open") === "false") saveLive({ open: false, holding: false });
      }
    } catch {
      // Unreachable for a moment: the next poll tries again.
    }
    polling = false;
    if (live.open && pollTimer === null) pollTimer = setTimeout(poll, POLL_MS);
  };

  const followHandoff = ({ handoff_open: open = false, with_staff: holding = false }) => {
    if (!open && !holding) {
      if (live.open) saveLive({ open: false, holding: false });
      return;
    }
    saveLive({ open: true, holding });
    if (pollTimer === null && !polling) poll();
  };

  const failureText = async (response) => {
    try {
      const { detail } = await response.json();
      return typeof detail === "string" ? detail : TEXT.failed;
    } catch {
      return TEXT.failed;
    }
  };

  const setPending = (value) => {
    pending = value;
    storeJson(KEYS.pending, value);
  };

  const scheduleRetry = () => {
    const delay = RETRY_DELAYS_MS[Math.min(failures - 1, RETRY_DELAYS_MS.length - 1)];
    retryTimer = setTimeout(() => {
      retryTimer = null;
      deliver(false);
    }, delay);
    showStatus();
  };

  const cancelRetry = () => {
    clearTimeout(retryTimer);
    retryTimer = null;
  };

  // Sends the pending message. `byCitizen`: they just pressed send (not an automatic retry).
  const deliver = async (byCitizen) => {
    if (busy || !pending) return;
    const message = pending;
    const sender = senderId;
    setBusy(true);
    let outcome;
    try {
      const response = await fetch(api("chat"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sender_id: sender, text: message.text }),
      });
      if (response.ok) outcome = { reply: await response.json() };
      // 5xx: the assistant or a proxy in front of it is down for a moment; 4xx: this message is refused.
      else outcome = { error: await failureText(response), retry: response.status >= 500 };
    } catch {
      outcome = { error: TEXT.offline, retry: true };
    }
    setBusy(false);
    if (sender !== senderId || message !== pending) return; // a new conversation, or replaced meanwhile

    if (outcome.reply) {
      failures = 0;
      setPending(null);
      pendingBubble?.classList.remove("pending");
      pendingBubble = null;
      clearError();
      remember({ from: "citizen", text: message.shown });
      // A limited reply (the bot could not answer) is an answer like any other: shown, marked, never resent.
      limited = outcome.reply.limited === true;
      for (const reply of outcome.reply.messages) {
        const entry = { from: "bot", text: reply.text, buttons: reply.buttons, limited };
        remember(entry);
        showBot(entry);
      }
      // Delivered by a retry: the words the citizen got back in the box are sent, so they go.
      if (message.typed && input.value === message.text) input.value = "";
      followHandoff(outcome.reply);
    } else {
      showError(outcome.error);
      // Give the citizen their words back, unless they already started typing something else.
      if (message.typed && !input.value) input.value = message.text;
      if (outcome.retry) {
        failures += 1;
        pendingBubble?.classList.add("pending"); // marked as waiting once it did not go through
        scheduleRetry();
      } else {
        failures = 0;
        setPending(null);
        pendingBubble?.classList.remove("pending");
        pendingBubble = null;
      }
    }
    showStatus();
    if (byCitizen) input.focus();
  };

  // Sends `text` to the bot and shows `shown` as the citizen's message (a button shows its title).
  const send = (text, shown, typed = false) => {
    if (busy) return;
    cancelRetry();
    if (pending) {
      // A new message replaces the one still waiting: the citizen had it back in the box to change.
      pendingBubble?.remove();
      clearError();
    }
    failures = 0;
    setPending({ text, shown, typed });
    pendingBubble = showCitizen(shown);
    if (typed) input.value = "";
    deliver(true);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) send(text, text, true);
  });

  restart.addEventListener("click", () => {
    cancelRetry();
    clearTimeout(pollTimer);
    pollTimer = null;
    senderId = store(KEYS.sender, newSenderId());
    transcript = [];
    storeJson(KEYS.transcript, transcript);
    setPending(null);
    pendingBubble = null;
    errorBubble = null;
    failures = 0;
    limited = false;
    saveLive({ open: false, holding: false, after: 0 });
    log.replaceChildren();
    input.focus();
  });

  // The browser says the network is back: do not wait for the next retry.
  window.addEventListener("online", () => {
    if (retryTimer === null) return;
    cancelRetry();
    deliver(false);
  });

  for (const entry of transcript) showEntry(entry);
  if (pending) {
    // Left undelivered when the page was closed: shown as waiting, and sent now.
    pendingBubble = showCitizen(pending.shown);
    pendingBubble.classList.add("pending");
    deliver(false);
  }
  if (live.open) poll();
  showStatus();

  return { focus: () => input.focus() };
};
