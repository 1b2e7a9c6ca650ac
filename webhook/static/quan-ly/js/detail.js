// One complaint in a modal dialog: its facts, the citizen's contact (masked for staff), the full history,
// and for managers the workflow's next steps: assign, change state with an internal note and a public reply.
import { api } from "../../shared/js/api.js";
import { byId, element, fillFacts, option, say } from "../../shared/js/dom.js";
import { TEXT, formatDate, formatDateTime } from "./text.js";

const ASSIGNED = "assigned"; // reached through the assign form, which names the officer

const dialog = byId("detail");
const alert = byId("detail-alert"); // the complaint could not be loaded
const actionAlert = byId("action-alert"); // the workflow refused, with the API's reason
const actionNotice = byId("action-notice");
const assignForm = byId("assign-form");
const statusForm = byId("status-form");

let shown = null; // the complaint in the dialog, as the API last returned it
let stateLabels = new Map();
let people = new Map(); // username -> "Full name (username)", for managers
let manager = false;
let changed = () => {};

const person = (username) => people.get(username) || username;
const badge = (text, kind) => element("span", `badge ${kind}`, text);
const muted = (text) => element("span", "muted", text);

const showFacts = (complaint) => {
  byId("detail-code").textContent = complaint.reference_code;
  const procedure = [complaint.procedure_name, complaint.procedure_code && `(mã ${complaint.procedure_code})`]
    .filter(Boolean)
    .join(" ");
  fillFacts(byId("detail-facts"), [
    [TEXT.facts.status, badge(complaint.status_label, `state state-${complaint.status}`)],
    [TEXT.facts.kind, complaint.kind_label],
    [TEXT.facts.procedure, procedure || TEXT.none],
    [TEXT.facts.dossier, complaint.dossier_code || TEXT.none],
    [TEXT.facts.agency, complaint.agency],
    [TEXT.facts.submitted, formatDate(complaint.submitted_on)],
    [TEXT.facts.promised, formatDate(complaint.promised_on)],
    [
      TEXT.facts.dossierLate,
      complaint.dossier_late_working_days
        ? badge(TEXT.late(complaint.dossier_late_working_days), "warn")
        : TEXT.none,
    ],
    [TEXT.facts.created, formatDateTime(complaint.created_at)],
    [TEXT.facts.answerDue, formatDate(complaint.answer_due)],
    [
      TEXT.facts.overdue,
      complaint.overdue_working_days ? badge(TEXT.overdue(complaint.overdue_working_days), "danger") : TEXT.none,
    ],
    [TEXT.facts.assignee, complaint.assignee ? person(complaint.assignee) : muted(TEXT.notAssigned)],
    [TEXT.facts.channel, complaint.channel],
  ]);
  let phone = complaint.phone;
  if (manager) {
    phone = element("a", null, complaint.phone);
    phone.href = `tel:${complaint.phone}`;
  }
  fillFacts(byId("detail-citizen"), [
    [TEXT.facts.name, complaint.citizen_name],
    [TEXT.facts.phone, manager ? phone : element("span", null, phone, " ", muted(TEXT.facts.phoneMasked))],
    [TEXT.facts.consent, complaint.contact_consent ? TEXT.yes : TEXT.no],
  ]);
  byId("detail-description").textContent = complaint.description;
  byId("detail-reply").replaceChildren(complaint.public_reply || muted(TEXT.noReply));
};

const historyEntry = (change) => {
  const time = element("time", null, formatDateTime(change.at));
  time.dateTime = change.at;
  const what = change.from_status ? change.to_status_label : TEXT.filed;
  const note = (kind, label, text) =>
    text && element("div", `note ${kind}`, element("span", "note-label", label), element("p", null, text));
  return element(
    "li",
    `event state-${change.to_status}`,
    element("p", "event-head", time, " · ", element("strong", null, what)),
    element("p", "event-who", TEXT.actor(change.actor ? person(change.actor) : TEXT.citizenActor)),
    change.assignee && element("p", "event-who", TEXT.assignedTo(person(change.assignee))),
    note("internal", TEXT.internalNote, change.note),
    note("public", TEXT.publicReply, change.public_reply),
  );
};

const showActions = (complaint) => {
  const next = complaint.next_states;
  assignForm.hidden = !next.includes(ASSIGNED);
  assignForm.elements.assignee.value = complaint.assignee || "";
  const states = next.filter((state) => state !== ASSIGNED);
  statusForm.hidden = states.length === 0;
  statusForm.elements.status.replaceChildren(
    option("", TEXT.chooseState),
    ...states.map((state) => option(state, stateLabels.get(state))),
  );
  byId("detail-final").hidden = next.length > 0;
};

const show = (complaint) => {
  shown = complaint;
  showFacts(complaint);
  byId("detail-history").replaceChildren(...complaint.history.map(historyEntry));
  if (manager) showActions(complaint);
};

export const openComplaint = async (code) => {
  say(alert);
  say(actionAlert);
  say(actionNotice);
  try {
    show(await api(`complaints/${encodeURIComponent(code)}`));
  } catch (error) {
    if (error.status === 401) return; // the sign-in form takes over
    shown = null;
    say(alert, error.message);
  }
  if (!dialog.open) dialog.showModal();
};

export const closeComplaint = () => {
  if (dialog.open) dialog.close();
};

const act = async (form, path, body, success) => {
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  say(actionAlert);
  say(actionNotice);
  try {
    show(await api(`complaints/${encodeURIComponent(shown.reference_code)}/${path}`, { json: body }));
    form.reset();
    say(actionNotice, success);
    actionNotice.focus(); // the form may now be hidden: keep focus, and the reader, on the outcome
    changed();
  } catch (error) {
    if (error.status !== 401) say(actionAlert, error.message);
  } finally {
    button.disabled = false;
  }
};

assignForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const { assignee, note } = Object.fromEntries(new FormData(assignForm));
  act(assignForm, "assign", { assignee, note }, TEXT.assignedNotice(person(assignee)));
});

statusForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const body = Object.fromEntries(new FormData(statusForm));
  act(statusForm, "status", body, TEXT.statusNotice(stateLabels.get(body.status)));
});

byId("detail-close").addEventListener("click", closeComplaint);

// users: the active accounts (managers only); onChange runs after an action changed a complaint.
export const setUpDetail = ({ choices, users, isManager, onChange }) => {
  stateLabels = new Map(choices.states.map((state) => [state.value, state.label]));
  people = new Map(users.map((user) => [user.username, `${user.full_name} (${user.username})`]));
  manager = isManager;
  changed = onChange;
  assignForm.elements.assignee.replaceChildren(
    option("", TEXT.chooseAssignee),
    ...users.map((user) => option(user.username, `${person(user.username)} – ${TEXT.roles[user.role]}`)),
  );
};
