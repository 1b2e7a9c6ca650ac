// The citizen's web chat as a full page; the conversation itself is chat-client.js, shared with the widget.
import { loadProfile, startChat, TEXT } from "./chat-client.js";

const byId = (id) => document.getElementById(id);
const apiBase = new URL("api/", document.baseURI);

startChat({
  apiBase,
  scroller: byId("chat"),
  log: byId("log"),
  typing: byId("typing"),
  status: byId("status"),
  form: byId("composer"),
  input: byId("message"),
  sendButton: byId("send"),
  restart: byId("restart"),
});

// The chat works without the province's details; the title then stays generic.
loadProfile(apiBase).then((profile) => {
  if (!profile) return;
  const { province, hotline_text, portal_url } = profile;
  byId("province").textContent = ` ${province}`;
  document.title = `${TEXT.title} – ${province}`;
  byId("hotline").textContent = hotline_text;
  if (/^https?:\/\//.test(portal_url)) {
    const portal = byId("portal");
    portal.href = portal_url;
    portal.textContent = portal_url;
    byId("help").hidden = false;
  }
});
