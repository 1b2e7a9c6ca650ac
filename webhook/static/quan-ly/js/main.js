// The managers' dashboard: sign-in (shared with the other staff pages), then the queue for everyone and, for
// managers, actions, statistics and the friction report.
import { api } from "../../shared/js/api.js";
import { byId, say } from "../../shared/js/dom.js";
import { startSession } from "../../shared/js/session.js";
import { clearCharts, drawCharts, satisfactionText } from "./charts.js";
import { closeComplaint, openComplaint, setUpDetail } from "./detail.js";
import { loadFriction, resetFriction, setUpFriction } from "./friction.js";
import { exportCsv, loadQueue, resetQueue, setUpQueue, showOverdueOnly } from "./queue.js";
import { TEXT, formatDate, formatNumber, vietnamDate } from "./text.js";

const STATS_DAYS = 84; // twelve weeks, as the API's default

const periodForm = byId("period");
const statsAlert = byId("stats-alert");

let manager = false;

const loadStats = async () => {
  try {
    const summary = await api("dashboard/summary", { params: Object.fromEntries(new FormData(periodForm)) });
    say(statsAlert);
    byId("kpi-unresolved").textContent = formatNumber(summary.unresolved);
    byId("kpi-overdue").textContent = formatNumber(summary.overdue);
    byId("kpi-filed").textContent = formatNumber(summary.filed);
    byId("kpi-satisfaction").textContent = satisfactionText(summary);
    byId("kpi-satisfaction-label").textContent = TEXT.satisfactionLabel(summary.satisfaction.ratings);
    byId("stats-period").textContent = TEXT.statsPeriod(
      formatDate(summary.first_day),
      formatDate(summary.last_day),
      summary.filed,
    );
    drawCharts(summary);
  } catch (error) {
    if (error.status !== 401) say(statsAlert, error.message);
  }
};

const refresh = () => {
  loadQueue();
  if (manager) loadStats();
};

const setUp = async (me) => {
  manager = me.role === "manager";
  const [choices, users] = await Promise.all([api("dashboard/choices"), manager ? api("users") : []]);
  for (const node of document.querySelectorAll("[data-manager-only]")) node.hidden = !manager;
  setUpQueue({ choices, onOpen: openComplaint });
  setUpDetail({ choices, users, isManager: manager, onChange: refresh });
  if (!periodForm.elements.date_to.value) {
    periodForm.elements.date_from.value = vietnamDate(1 - STATS_DAYS);
    periodForm.elements.date_to.value = vietnamDate();
  }
  if (manager) setUpFriction();
};

periodForm.addEventListener("submit", (event) => {
  event.preventDefault();
  loadStats();
});

byId("show-overdue").addEventListener("click", showOverdueOnly);
byId("export").addEventListener("click", exportCsv);

startSession({
  setUp,
  shown: () => {
    refresh();
    if (manager) loadFriction(); // not in refresh(): handling a complaint changes none of its figures
  },
  clear: () => {
    closeComplaint();
    resetQueue();
    clearCharts();
    resetFriction();
  },
  landing: () => byId("queue-title"),
});
