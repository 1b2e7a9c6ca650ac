// The friction report, for managers: procedures ranked by friction over a period (GET /api/reports/friction,
// and as CSV), and the questions the bot could not answer, grouped (GET /api/reports/unanswered), so the
// editors know which procedures to add to the knowledge base next.
import { api, download } from "../../shared/js/api.js";
import { byId, element, say } from "../../shared/js/dom.js";
import { TEXT, formatAverage, formatDate, formatDateTime, formatNumber, vietnamDate } from "./text.js";

const DAYS = 30; // the period shown first: the last thirty days, today included (the API's is unbounded)

const form = byId("friction-period");
const alert = byId("friction-alert");
const summary = byId("friction-summary");
const table = byId("friction-table");
const rows = byId("friction-rows");
const groupsAlert = byId("unanswered-alert");
const groupsSummary = byId("unanswered-summary");
const groups = byId("unanswered-groups");
// The column names in index.html label each value when the table becomes cards on narrow screens.
const columns = [...table.querySelectorAll("thead th")].map((th) => th.textContent);

let latestRequest = 0;
let shown = null; // the period on screen, which "Tải CSV" downloads

const formPeriod = () => Object.fromEntries(new FormData(form));
// What to tell the manager about a failed call; after a 401 the sign-in form says it already.
const reason = (error) => (error && error.status !== 401 ? error.message : "");
const muted = (text) => element("span", "muted", text);
const detail = (text) => element("span", "muted small block", text);

const cell = (column, className, ...content) => {
  const node = element("td", className, ...content);
  node.dataset.label = columns[column];
  return node;
};

const row = (procedure, index) => {
  const name = element("th", null, procedure.procedure_name || muted(TEXT.unnamedProcedure));
  name.scope = "row";
  const rating =
    procedure.average_rating === null
      ? [TEXT.none]
      : [formatAverage(procedure.average_rating), " ", detail(TEXT.ratingCount(procedure.ratings))];
  const started = procedure.walkthroughs_started;
  const abandoned = Math.max(0, started - procedure.walkthroughs_finished);
  const walkthroughs = started
    ? [formatNumber(abandoned), " ", detail(TEXT.walkthroughsStarted(started))]
    : [TEXT.none];
  return element(
    "tr",
    null,
    cell(0, "rank", formatNumber(index + 1)),
    cell(1, "nowrap", procedure.procedure_code),
    name,
    cell(3, "num score", element("strong", null, formatNumber(procedure.friction_score))),
    cell(4, "num", formatNumber(procedure.conversations)),
    cell(5, "num", formatNumber(procedure.unanswered)),
    cell(6, "num", formatNumber(procedure.handoffs)),
    cell(7, "num", formatNumber(procedure.complaints)),
    cell(8, "num", ...rating),
    cell(9, "num", formatNumber(procedure.low_ratings)),
    cell(10, "num", ...walkthroughs),
  );
};

// "Label: content" in a small line.
const labelled = (tag, label, ...content) =>
  element(tag, "small", element("span", "muted", `${label}: `), ...content);

const group = (item) => {
  const [question, ...others] = item.examples;
  const last = element("time", null, formatDateTime(item.last_asked));
  last.dateTime = item.last_asked;
  const outcomes = Object.entries(item.outcomes)
    .map(([kind, n]) => `${TEXT.outcomes[kind] || kind} (${formatNumber(n)})`)
    .join(", ");
  const code = item.nearest_procedure_code;
  const nearest = item.nearest_procedure_name ? `${item.nearest_procedure_name} (${code})` : code;
  const wordings = element("ul", "wordings", ...others.map((text) => element("li", null, `“${text}”`)));
  return element(
    "li",
    "group",
    element("p", "group-question", `“${question}”`),
    element(
      "p",
      "muted small",
      TEXT.groupCounts(formatNumber(item.conversations), formatNumber(item.questions)),
      ` · ${TEXT.lastAsked} `,
      last,
    ),
    labelled("p", TEXT.outcomesLabel, outcomes),
    code ? labelled("p", TEXT.nearestProcedure, nearest) : null,
    others.length ? labelled("div", TEXT.otherWordings, wordings) : null,
  );
};

const showProcedures = (procedures, period) => {
  const [from, to] = [formatDate(period.date_from), formatDate(period.date_to)];
  rows.replaceChildren(...procedures.map(row));
  table.hidden = procedures.length === 0;
  summary.classList.toggle("empty", procedures.length === 0);
  summary.textContent = procedures.length
    ? TEXT.frictionSummary(from, to, formatNumber(procedures.length))
    : TEXT.noFriction(from, to);
};

const showGroups = (items) => {
  groups.replaceChildren(...items.map(group));
  const questions = items.reduce((total, item) => total + item.questions, 0);
  groupsSummary.textContent = items.length
    ? TEXT.unansweredSummary(formatNumber(items.length), formatNumber(questions))
    : TEXT.noUnanswered;
};

// Shows the report for the form's period; a part the API refused is emptied and says why.
export const loadFriction = async () => {
  const request = ++latestRequest;
  const period = formPeriod();
  summary.classList.remove("empty");
  summary.textContent = TEXT.loading;
  groupsSummary.textContent = TEXT.loading;
  const [procedures, unanswered] = await Promise.allSettled([
    api("reports/friction", { params: period }),
    api("reports/unanswered", { params: period }),
  ]);
  if (request !== latestRequest) return; // a newer period's answer is on its way, or the manager signed out
  const failed = (result) => (result.status === "rejected" ? result.reason : null);
  if (failed(procedures)) {
    shown = null;
    rows.replaceChildren();
    table.hidden = true;
    summary.textContent = "";
  } else {
    shown = period;
    showProcedures(procedures.value, period);
  }
  say(alert, reason(failed(procedures)));
  if (failed(unanswered)) {
    groups.replaceChildren();
    groupsSummary.textContent = "";
  } else {
    showGroups(unanswered.value);
  }
  // One reason for both parts (offline, a wrong period) is said once, above both.
  const own = reason(failed(unanswered));
  say(groupsAlert, own === reason(failed(procedures)) ? "" : own);
};

// The ranking on screen as the API's CSV (UTF-8 with BOM, opens in Excel); before any, the form's period.
export const exportFriction = async () => {
  const period = shown || formPeriod();
  try {
    await download("reports/friction.csv", {
      params: period,
      filename: TEXT.frictionFile(period.date_from, period.date_to),
    });
  } catch (error) {
    say(alert, reason(error));
  }
};

export const setUpFriction = () => {
  if (form.elements.date_to.value) return;
  form.elements.date_from.value = vietnamDate(1 - DAYS);
  form.elements.date_to.value = vietnamDate();
};

export const resetFriction = () => {
  latestRequest += 1; // an answer still on its way is dropped
  shown = null;
  rows.replaceChildren();
  groups.replaceChildren();
  table.hidden = true;
  summary.textContent = "";
  groupsSummary.textContent = "";
  say(alert);
  say(groupsAlert);
};

form.addEventListener("submit", (event) => {
  event.preventDefault();
  loadFriction();
});
byId("friction-export").addEventListener("click", exportFriction);
