// The managers' dashboard: sign-in, then the queue for everyone and, for managers, actions, statistics and the
// friction report.
import { api, hasToken, onSessionEnd, profile, signIn, signOut, tokenExpiry } from "./api.js";
import { clearCharts, drawCharts, satisfactionText } from "./charts.js";
import { closeComplaint, openComplaint, setUpDetail } from "./detail.js";
import { byId, say } from "./dom.js";
import { loadFriction, resetFriction, setUpFriction } from "./friction.js";
import { exportCsv, loadQueue, resetQueue, setUpQueue, showOverdueOnly } from "./queue.js";
import { TEXT, formatDate, formatNumber, vietnamDate } from "./text.js";

const STATS_DAYS = 84; // twelve weeks, as the API's default

const signInView = byId("sign-in-view");
const signInForm = byId("sign-in-form");
const appView = byId("app-view");
const account = byId("account");
const periodForm = byId("period");
const statsAlert = byId("stats-alert");

let manager = false;
let expiryTimer = null;

const showSignIn = ({ alert = "", notice = "" } = {}) => {
  clearTimeout(expiryTimer);
  closeComplaint();
  resetQueue();
  clearCharts();
  resetFriction();
  appView.hidden = true;
  account.hidden = true;
  signInView.hidden = false;
  say(byId("sign-in-alert"), alert);
  say(byId("sign-in-notice"), notice);
  byId("username").focus();
};

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

// Signs out when the token runs out, rather than at the next click.
const scheduleExpiry = () => {
  clearTimeout(expiryTimer);
  const expiresAt = tokenExpiry();
  if (expiresAt === null) return;
  expiryTimer = setTimeout(() => {
    signOut();
    showSignIn({ alert: TEXT.expired });
  }, Math.max(0, expiresAt - Date.now()));
};

const start = async () => {
  try {
    const me = await api("auth/me");
    manager = me.role === "manager";
    const [choices, users] = await Promise.all([api("dashboard/choices"), manager ? api("users") : []]);
    for (const node of document.querySelectorAll("[data-manager-only]")) node.hidden = !manager;
    byId("who").textContent = `${me.full_name} · ${TEXT.roles[me.role] || me.role}`;
    setUpQueue({ choices, onOpen: openComplaint });
    setUpDetail({ choices, users, isManager: manager, onChange: refresh });
    if (!periodForm.elements.date_to.value) {
      periodForm.elements.date_from.value = vietnamDate(1 - STATS_DAYS);
      periodForm.elements.date_to.value = vietnamDate();
    }
    if (manager) setUpFriction();
    signInView.hidden = true;
    appView.hidden = false;
    account.hidden = false;
    scheduleExpiry();
    refresh();
    if (manager) loadFriction(); // not in refresh(): handling a complaint changes none of its figures
    return true;
  } catch (error) {
    if (error.status !== 401) showSignIn({ alert: error.message });
    return false;
  }
};

signInForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = signInForm.querySelector("button[type=submit]");
  button.disabled = true;
  say(byId("sign-in-alert"));
  say(byId("sign-in-notice"));
  try {
    await signIn(signInForm.elements.username.value.trim(), signInForm.elements.password.value);
    signInForm.reset();
    if (await start()) byId("queue-title").focus();
  } catch (error) {
    say(byId("sign-in-alert"), error.message);
    signInForm.elements.password.select();
  } finally {
    button.disabled = false;
  }
});

byId("sign-out").addEventListener("click", () => {
  signOut();
  showSignIn({ notice: TEXT.signedOut });
});

periodForm.addEventListener("submit", (event) => {
  event.preventDefault();
  loadStats();
});

byId("show-overdue").addEventListener("click", showOverdueOnly);
byId("export").addEventListener("click", exportCsv);
onSessionEnd((message) => showSignIn({ alert: message }));

profile()
  .then(({ province }) => {
    byId("subtitle").textContent = `Trợ lý Dịch vụ công – ${province}`;
  })
  .catch(() => {}); // the subtitle keeps its generic text

if (hasToken()) start();
else showSignIn();
