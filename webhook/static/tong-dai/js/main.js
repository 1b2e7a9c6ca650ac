// The hotline console: sign-in (shared with the other staff pages), then procedure suggestions as the agent
// types the caller's question, a procedure's full entry, and complaints taken down for the caller.
import { api } from "../../shared/js/api.js";
import { byId } from "../../shared/js/dom.js";
import { startSession } from "../../shared/js/session.js";
import { complaintAbout, resetComplaint, setUpComplaint } from "./complaint.js";
import { closeEntry, openEntry, setUpEntry } from "./entry.js";
import { resetSuggestions, setUpSuggestions } from "./suggestions.js";
import { setUpTabs } from "./tabs.js";

setUpTabs(document.querySelector('[role="tablist"]'));
setUpSuggestions({ onOpen: openEntry, onComplain: complaintAbout });
setUpEntry({ onComplain: complaintAbout });

startSession({
  setUp: async () => setUpComplaint(await api("dashboard/choices")),
  clear: () => {
    closeEntry();
    resetSuggestions();
    resetComplaint();
  },
  landing: () => byId("question"),
});
