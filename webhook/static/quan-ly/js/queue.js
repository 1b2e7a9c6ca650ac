// The complaint queue: filters, the table (overdue first by default), paging and the CSV export.
import { api, download } from "../../shared/js/api.js";
import { byId, element, option, say } from "../../shared/js/dom.js";
import { TEXT, formatDate, vietnamDay } from "./text.js";

const PAGE_SIZE = 20;
const UNRESOLVED = "unresolved"; // the status filter's default: every state still waiting

const form = byId("filters");
const rows = byId("queue-rows");
const summary = byId("queue-summary");
const alert = byId("queue-alert");
const previous = byId("previous-page");
const next = byId("next-page");
const pageInfo = byId("page-info");

let unresolvedStates = [];
let page = 1;
let pages = 1;
let latestRequest = 0;
let openComplaint = () => {};
let active = false; // signed in: filters and paging load the queue

// The API's query parameters for the current filters (without paging).
const filterParams = () => {
  const values = Object.fromEntries(new FormData(form));
  const { status, ...rest } = values;
  return { ...rest, status: status === UNRESOLVED ? unresolvedStates : status };
};

const badge = (text, kind) => element("span", `badge ${kind}`, text);

const cell = (label, ...content) => {
  const node = element("td", null, ...content);
  node.dataset.label = label;
  return node;
};

const row = (item) => {
  const open = element("button", "link code", item.reference_code);
  open.type = "button";
  open.addEventListener("click", () => openComplaint(item.reference_code));
  const code = element("th", null, open);
  code.scope = "row";
  const waiting = unresolvedStates.includes(item.status);
  const due = item.overdue_working_days
    ? badge(TEXT.overdue(item.overdue_working_days), "danger")
    : waiting && badge(TEXT.onTime, "ok");
  const procedure = item.procedure_name || item.procedure_code
    ? [item.procedure_name, item.procedure_code && element("span", "muted small block", item.procedure_code)]
    : [TEXT.none];
  const tr = element(
    "tr",
    item.overdue_working_days ? "is-overdue" : null,
    code,
    cell(TEXT.facts.status, badge(item.status_label, `state state-${item.status}`)),
    cell(TEXT.facts.answerDue, element("span", "nowrap", formatDate(item.answer_due)), due || null),
    cell(
      TEXT.facts.dossierLate,
      item.dossier_late_working_days ? badge(TEXT.late(item.dossier_late_working_days), "warn") : TEXT.none,
    ),
    cell(TEXT.facts.kind, item.kind_label),
    cell(TEXT.facts.procedure, ...procedure.filter(Boolean)),
    cell(TEXT.facts.agency, item.agency),
    cell(TEXT.facts.created, formatDate(vietnamDay(item.created_at))),
    cell(TEXT.facts.assignee, item.assignee || element("span", "muted", TEXT.notAssigned)),
  );
  return tr;
};

export const loadQueue = async () => {
  const request = ++latestRequest;
  summary.textContent = TEXT.loading;
  try {
    const result = await api("complaints", { params: { ...filterParams(), page, page_size: PAGE_SIZE } });
    if (request !== latestRequest) return; // a newer filter's answer is on its way
    say(alert);
    pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    rows.replaceChildren(...result.items.map(row));
    summary.textContent = result.total ? TEXT.queueSummary(result.total, page, pages) : TEXT.noComplaints;
    pageInfo.textContent = `${page}/${pages}`;
    previous.disabled = page <= 1;
    next.disabled = page >= pages;
  } catch (error) {
    if (request !== latestRequest) return;
    summary.textContent = "";
    say(alert, error.message);
  }
};

const goTo = (target) => {
  page = target;
  loadQueue();
};

export const showOverdueOnly = () => {
  form.elements.status.value = UNRESOLVED;
  form.elements.overdue.value = "true";
  goTo(1);
  byId("queue-title").focus();
};

// Downloads the filtered complaints as the API's CSV (UTF-8 with BOM, opens in Excel).
export const exportCsv = async () => {
  try {
    await download("complaints/export.csv", { params: filterParams(), filename: TEXT.exportFile });
  } catch (error) {
    say(alert, error.message);
  }
};

export const setUpQueue = ({ choices, onOpen }) => {
  unresolvedStates = choices.unresolved_states;
  openComplaint = onOpen;
  active = true;
  const unresolved = option(UNRESOLVED, TEXT.unresolved);
  unresolved.defaultSelected = true; // what "Xóa bộ lọc" comes back to
  form.elements.status.replaceChildren(
    unresolved,
    ...choices.states.map((state) => option(state.value, state.label)),
    option("", TEXT.allStates),
  );
  form.elements.kind.replaceChildren(
    form.elements.kind.options[0],
    ...choices.kinds.map((kind) => option(kind.value, kind.label)),
  );
};

export const resetQueue = () => {
  active = false;
  latestRequest += 1; // an answer still on its way is dropped
  form.reset();
  rows.replaceChildren();
  summary.textContent = "";
  say(alert);
  page = 1;
};

form.addEventListener("submit", (event) => {
  event.preventDefault();
  goTo(1);
});
// The reset event comes before the fields are reset: reload once they are.
form.addEventListener("reset", () => setTimeout(() => active && goTo(1)));
previous.addEventListener("click", () => goTo(page - 1));
next.addEventListener("click", () => goTo(page + 1));
