// "Hàng chờ": the conversations the bot handed to staff (the citizen asked, or the bot failed twice in a
// row), unclaimed ones first, refreshed every few seconds and whenever the console comes back into view; a
// new one is announced whichever tab is shown. One opens beside the list with its transcript (the bot
// conversation, then the live chat), which follows the citizen's new messages while open; the agent takes
// it, answers on the citizen's own channel and gives it back to the bot. API text becomes text nodes only.
import { api } from "../../shared/js/api.js";
import { byId, element, say } from "../../shared/js/dom.js";
import { TEXT, formatTime } from "./text.js";

const QUEUE_MS = 5000;
const DETAIL_MS = 3000;
const REPLY_LIMIT = 2000; // the API's own limit (StaffReply.text)

const WORDS = TEXT.queue;
const panel = byId("panel-queue");
const tab = byId("tab-queue");
const count = byId("queue-count");
const list = byId("queue");
const queueStatus = byId("queue-status");
const queueAlert = byId("queue-alert");
const queueNotice = byId("queue-notice");
const announce = byId("queue-announce");
const empty = byId("conversation-empty");
const body = byId("conversation-body");
const title = byId("conversation-title");
const meta = byId("conversation-meta");
const alert = byId("conversation-alert");
const partial = byId("transcript-partial");
const transcript = byId("transcript");
const takeRow = byId("take-row");
const takeButton = byId("take");
const heldElsewhere = byId("held-elsewhere");
const replyForm = byId("reply-form");
const replyText = byId("reply-text");
const replyCount = byId("reply-count");
const releaseButton = byId("release");
const confirmRelease = byId("release-confirm");

let me = null; // the signed-in username
let running = false;
let queueTimer = null;
let detailTimer = null;
let queueAsked = 0; // numbers the requests: an older answer arriving late is dropped
let detailAsked = 0;
let openId = null; // the conversation shown beside the list
let lastShown = null; // what the list shows, to redraw it only when something changed
let waitingIds = null; // the unclaimed conversations last seen (null before the first answer)
const pageTitle = document.title;
let shown = []; // keys of the transcript lines shown, to add only the new ones

const channelName = (channel) => WORDS.channels[channel] || channel;

const holder = (item) => {
  if (item.state === "waiting") return WORDS.unclaimed;
  return item.taken_by === me ? WORDS.heldByMe : WORDS.heldBy(item.taken_by);
};

const BADGE = { waiting: "warn", mine: "ok", other: "neutral" };
const badge = (item) => {
  const kind = item.state === "waiting" ? "waiting" : item.taken_by === me ? "mine" : "other";
  return element("span", `badge ${BADGE[kind]}`, holder(item));
};

const since = (item) =>
  item.state === "waiting" ? WORDS.waited(item.waiting_minutes) : WORDS.since(item.waiting_minutes);

const itemNode = (item) => {
  const button = element(
    "button",
    `queue-item state-${item.state}`,
    element(
      "span",
      "queue-item-head",
      element("span", "channel", channelName(item.channel)),
      element("strong", null, WORDS.reasons[item.reason] || item.reason),
    ),
    element(
      "span",
      "queue-item-message",
      item.last_message ? WORDS.quoted(item.last_message) : WORDS.noMessage,
    ),
    element(
      "span",
      "queue-item-foot",
      element("span", "muted", since(item)),
      badge(item),
    ),
  );
  button.type = "button";
  button.dataset.id = String(item.id);
  if (item.id === openId) button.setAttribute("aria-current", "true");
  button.addEventListener("click", () => openConversation(item.id));
  return element("li", null, button);
};

const showQueue = (items) => {
  const seen = JSON.stringify([openId, items]);
  if (seen === lastShown) return; // nothing new: the list is left alone, focus and all
  lastShown = seen;
  // Unclaimed first (longest waiting on top), then the agent's own, then those others hold; the API sends
  // oldest first.
  const rank = (item) => (item.state === "waiting" ? 0 : item.taken_by === me ? 1 : 2);
  const sorted = [...items].sort((a, b) => rank(a) - rank(b)); // stable: oldest first within each
  const waiting = sorted.filter((item) => item.state === "waiting").length;
  const focused = list.contains(document.activeElement) ? document.activeElement.dataset.id : null;
  list.replaceChildren(...sorted.map(itemNode));
  if (focused) list.querySelector(`[data-id="${focused}"]`)?.focus();
  count.replaceChildren(
    element("span", null, String(waiting)),
    element("span", "visually-hidden", ` (${WORDS.waitingCount(waiting)})`),
  );
  count.querySelector("span").setAttribute("aria-hidden", "true");
  count.hidden = waiting === 0;
  // Seen from another browser tab too: "(2) Tổng đài hỗ trợ".
  document.title = waiting ? `(${waiting}) ${pageTitle}` : pageTitle;
  const nowWaiting = sorted.filter((item) => item.state === "waiting").map((item) => item.id);
  const arrived = waitingIds === null ? 0 : nowWaiting.filter((id) => !waitingIds.includes(id)).length;
  waitingIds = nowWaiting;
  if (arrived) {
    announce.textContent = ""; // the same words twice in a row are read out again
    setTimeout(() => {
      announce.textContent = WORDS.newWaiting(arrived);
    }, 100);
  }
  const status = items.length ? WORDS.status(waiting, items.length - waiting) : WORDS.nobody;
  if (queueStatus.textContent !== status) queueStatus.textContent = status; // announced only when it changes
};

const loadQueue = async () => {
  if (!running) return;
  clearTimeout(queueTimer);
  const asked = ++queueAsked;
  try {
    const items = await api("staff/handoffs");
    if (asked !== queueAsked) return;
    showQueue(items);
    say(queueAlert);
  } catch (error) {
    if (asked === queueAsked && error.status !== 401) say(queueAlert, error.message);
  }
  if (running && asked === queueAsked) queueTimer = setTimeout(loadQueue, QUEUE_MS);
};

const lineKey = (line) => `${line.at}|${line.author}|${line.text}`;

const lineNode = (line) =>
  element(
    "li",
    `line line-${line.author}`,
    element(
      "p",
      "line-head",
      element("strong", null, WORDS.authors[line.author]),
      " ",
      element("span", "muted small", formatTime(line.at)),
    ),
    element("p", "line-text", line.text),
  );

// Adds the lines not shown yet, so that the log (aria-live) reads out only what is new.
const showTranscript = (lines) => {
  const keys = lines.map(lineKey);
  const continues = shown.length > 0 && shown.every((key, index) => keys[index] === key);
  if (!continues) {
    transcript.replaceChildren(
      ...(lines.length ? lines.map(lineNode) : [element("li", "line-none muted", WORDS.emptyTranscript)]),
    );
  } else if (keys.length > shown.length) {
    transcript.append(...lines.slice(shown.length).map(lineNode));
  } else {
    return;
  }
  shown = keys;
  transcript.scrollTop = transcript.scrollHeight;
};

const showDetail = (detail) => {
  title.textContent = WORDS.title(channelName(detail.channel));
  meta.textContent = [
    WORDS.reasons[detail.reason] || detail.reason,
    since(detail),
    detail.state === "released" ? WORDS.closed : holder(detail),
    WORDS.conversationId(detail.sender_id),
  ].join(" · ");
  partial.hidden = detail.transcript_complete;
  showTranscript(detail.transcript);
  const mine = detail.state === "taken" && detail.taken_by === me;
  takeRow.hidden = detail.state !== "waiting";
  replyForm.hidden = !mine;
  const elsewhere = detail.state === "taken" && !mine;
  say(heldElsewhere, elsewhere ? WORDS.heldElsewhere(detail.taken_by) : "");
};

// The open conversation, again every few seconds: the citizen's new messages appear without a reload.
// Asked only while the agent can see it (its tab shown, the browser tab in front). Of answers crossing,
// only the latest request's is shown, and only it schedules the next.
const loadDetail = async () => {
  if (!running || openId === null) return;
  clearTimeout(detailTimer);
  const asked = ++detailAsked;
  if (!panel.hidden && !document.hidden) {
    try {
      const detail = await api(`staff/handoffs/${openId}`);
      if (asked === detailAsked) showDetail(detail);
    } catch (error) {
      if (asked === detailAsked && error.status !== 401) say(alert, error.message);
    }
  }
  if (running && openId !== null && asked === detailAsked) {
    detailTimer = setTimeout(loadDetail, DETAIL_MS);
  }
};

const closeConversation = () => {
  detailAsked += 1; // an answer on its way for this conversation is dropped
  openId = null;
  shown = [];
  clearTimeout(detailTimer);
  transcript.replaceChildren();
  replyForm.reset();
  updateCount();
  body.hidden = true;
  empty.hidden = false;
  for (const current of list.querySelectorAll("[aria-current]")) current.removeAttribute("aria-current");
};

const openConversation = async (id) => {
  if (id !== openId) {
    closeConversation();
    openId = id;
  }
  say(alert);
  say(queueNotice);
  for (const button of list.querySelectorAll("button")) {
    if (button.dataset.id === String(id)) button.setAttribute("aria-current", "true");
    else button.removeAttribute("aria-current");
  }
  empty.hidden = true;
  body.hidden = false;
  title.textContent = "…";
  await loadDetail();
  title.focus();
};

const act = async (button, path, json) => {
  button.disabled = true;
  say(alert);
  try {
    return await api(`staff/handoffs/${openId}/${path}`, { json });
  } catch (error) {
    // 409: someone else took it first, or it went back to the bot; the API says which in Vietnamese.
    if (error.status !== 401) say(alert, error.message);
    return null;
  } finally {
    button.disabled = false;
  }
};

takeButton.addEventListener("click", async () => {
  const taken = await act(takeButton, "take", {});
  await Promise.all([loadDetail(), loadQueue()]);
  if (taken) replyText.focus();
  else if (!alert.hidden) alert.scrollIntoView({ block: "nearest" });
});

function updateCount() {
  replyCount.textContent = WORDS.characters(replyText.value.length, REPLY_LIMIT);
}
replyText.addEventListener("input", updateCount);

// Enter sends, Shift+Enter starts a new line; never while an input method (Telex, VNI) is composing a letter.
replyText.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    replyForm.requestSubmit();
  }
});

replyForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = replyText.value.trim();
  if (!text) {
    say(alert, WORDS.emptyReply);
    replyText.focus();
    return;
  }
  const sent = await act(replyForm.querySelector("button[type=submit]"), "reply", { text });
  if (sent) {
    replyText.value = "";
    updateCount();
  }
  await loadDetail();
  replyText.focus();
});

releaseButton.addEventListener("click", () => {
  confirmRelease.showModal();
  byId("release-no").focus(); // the safe choice under the cursor
});

byId("release-no").addEventListener("click", () => {
  confirmRelease.close();
  releaseButton.focus();
});

byId("release-yes").addEventListener("click", async () => {
  confirmRelease.close();
  const released = await act(releaseButton, "release", {});
  if (!released) {
    await loadDetail();
    return;
  }
  closeConversation();
  say(queueNotice, WORDS.released);
  await loadQueue();
  byId("queue-title").focus();
});

// Coming back to the console (another window, another tab) refreshes at once rather than at the next tick.
const refresh = () => {
  if (!running || document.hidden) return;
  loadQueue();
  loadDetail();
};
window.addEventListener("focus", refresh);
document.addEventListener("visibilitychange", refresh);
tab.addEventListener("click", refresh);

// me: the signed-in account (/api/auth/me).
export const setUpQueue = (account) => {
  me = account.username;
};

export const startQueue = () => {
  running = true;
  updateCount();
  loadQueue();
};

export const stopQueue = () => {
  running = false;
  queueAsked += 1;
  clearTimeout(queueTimer);
  closeConversation();
  list.replaceChildren();
  lastShown = null;
  waitingIds = null;
  announce.textContent = "";
  count.hidden = true;
  document.title = pageTitle;
  queueStatus.textContent = "";
  say(queueAlert);
  say(queueNotice);
  if (confirmRelease.open) confirmRelease.close();
};
