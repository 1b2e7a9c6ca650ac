// The hotline console: sign-in (shared with the other staff pages), then procedure suggestions as the agent
// types the caller's question, a procedure's full entry, complaints taken down for the caller, and the queue
// of conversations the bot handed to staff.
import { api } from "../../shared/js/api.js";
import { byId } from "../../shared/js/dom.js";
import { startSession } from "../../shared/js/session.js";
import { complaintAbout, resetComplaint, setUpComplaint } from "./complaint.js";
import { closeEntry, openEntry, setUpEntry } from "./entry.js";
import { setUpQueue, startQueue, stopQueue } from "./queue.js";
import { resetSuggestions, setUpSuggestions } from "./suggestions.js";
import { setUpTabs } from "./tabs.js";

setUpTabs(document.querySelector('[role="tablist"]'));
setUpSuggestions({ onOpen: openEntry, onComplain: complaintAbout });
setUpEntry({ onComplain: complaintAbout });

startSession({
  setUp: async (me) => {
    setUpComplaint(await api("dashboard/choices"));
    setUpQueue(me);
  },
  shown: startQueue,
  clear: () => {
    stopQueue();
    closeEntry();
    resetSuggestions();
    resetComplaint();
  },
  landing: () => byId("question"),
});
