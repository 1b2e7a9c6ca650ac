// The statistics panel: four Chart.js charts (vendored, see vendor/chart.js/README.md) drawn from
// GET /api/dashboard/summary, each with its figures as a table for screen readers and printing.
import { byId, element } from "../../shared/js/dom.js";
import { TEXT, formatAverage } from "./text.js";

// Every colour has at least 3:1 contrast on white (WCAG non-text contrast); each series also has a label.
const STATE_COLOURS = {
  new: "#0b4f8a",
  assigned: "#2f74b5",
  in_progress: "#a35200",
  resolved: "#1b7a47",
  closed: "#5f6b7a",
  rejected: "#a1263a",
};
const KIND_COLOURS = { slow: "#a35200", evasive: "#0b4f8a", attitude: "#a1263a", other: "#5f6b7a" };
const RATING_COLOURS = ["#a1263a", "#b5482a", "#8a6d00", "#3f7f3a", "#1b7a47"];
const AGENCY_COLOUR = "#0b4f8a";
const AGENCY_LINE = 40; // characters per line of an agency's name beside its bar
const STATE_LINE = 12; // a state's name under its bar, so the names never need to be tilted

const charts = new Map(); // figure id -> Chart

const baseOptions = () => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  locale: "vi-VN",
  plugins: { legend: { display: false } },
  scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
});

// "Chi nhánh Văn phòng đăng ký đất đai huyện Châu Thành" -> lines of at most width characters.
const wrap = (text, width) => {
  const lines = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + " " + word).length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
};

const table = (headers, rows) =>
  element(
    "table",
    "figures",
    element("thead", null, element("tr", null, ...headers.map((h) => element("th", null, h)))),
    element(
      "tbody",
      null,
      ...rows.map((cells) =>
        element("tr", null, ...cells.map((value, i) => element(i ? "td" : "th", null, String(value)))),
      ),
    ),
  );

// Draws (or redraws) one figure: canvas, an empty-state note, and the same figures as a table.
const draw = (id, { config, headers, rows, describe, height, empty }) => {
  const figure = byId(id);
  charts.get(id)?.destroy();
  charts.delete(id);
  figure.querySelector(".figure-body")?.remove();
  const body = element("div", "figure-body");
  figure.append(body);
  if (empty) {
    body.append(element("p", "muted empty", TEXT.noData));
    return;
  }
  const canvas = element("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", TEXT.chartSummary(figure.querySelector("figcaption").textContent, describe));
  const box = element("div", "canvas-box", canvas);
  if (height) box.style.height = `${height}px`;
  body.append(box, element("details", null, element("summary", null, TEXT.dataTable), table(headers, rows)));
  charts.set(id, new window.Chart(canvas, config));
};

const drawStatus = ({ by_status: states }) => {
  const options = baseOptions();
  options.scales.x = { ticks: { autoSkip: false, maxRotation: 0 } };
  draw("chart-status", {
    config: {
      type: "bar",
      data: {
        labels: states.map((s) => wrap(s.label, STATE_LINE)),
        datasets: [
          {
            label: TEXT.countLabel,
            data: states.map((s) => s.count),
            backgroundColor: states.map((s) => STATE_COLOURS[s.status]),
          },
        ],
      },
      options,
    },
    headers: [TEXT.stateColumn, TEXT.countLabel],
    rows: states.map((s) => [s.label, s.count]),
    describe: states.map((s) => `${s.label}: ${s.count}`),
  });
};

const drawAgencies = ({ by_agency: agencies, other_agencies: others }) => {
  const options = baseOptions();
  options.indexAxis = "y";
  options.scales = { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } };
  const rows = agencies.map((a) => [a.agency, a.count]);
  if (others) rows.push([TEXT.otherAgencies, others]);
  draw("chart-agency", {
    config: {
      type: "bar",
      data: {
        labels: agencies.map((a) => wrap(a.agency, AGENCY_LINE)),
        datasets: [{ label: TEXT.countLabel, data: agencies.map((a) => a.count), backgroundColor: AGENCY_COLOUR }],
      },
      options,
    },
    headers: [TEXT.agencyColumn, TEXT.countLabel],
    rows,
    describe: rows.map(([agency, count]) => `${agency}: ${count}`),
    height: Math.max(220, 48 * agencies.length + 60),
    empty: agencies.length === 0,
  });
};

const drawKinds = ({ kinds_over_time: overTime }) => {
  const options = baseOptions();
  options.plugins.legend = { display: true, position: "bottom" };
  options.scales = {
    x: { stacked: true },
    y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
  };
  byId("granularity-word").textContent = TEXT.granularity[overTime.granularity];
  const labels = overTime.buckets.map((b) => b.label);
  draw("chart-kinds", {
    config: {
      type: "bar",
      data: {
        labels,
        datasets: overTime.series.map((s) => ({
          label: s.label,
          data: s.counts,
          backgroundColor: KIND_COLOURS[s.kind],
        })),
      },
      options,
    },
    headers: [TEXT.periodColumn, ...overTime.series.map((s) => s.label)],
    rows: labels.map((label, i) => [label, ...overTime.series.map((s) => s.counts[i])]),
    describe: overTime.series.map((s) => `${s.label}: ${s.counts.reduce((a, b) => a + b, 0)}`),
  });
};

const drawSatisfaction = ({ satisfaction }) => {
  const labels = satisfaction.distribution.map((_, i) => TEXT.stars(i + 1));
  draw("chart-satisfaction", {
    config: {
      type: "bar",
      data: {
        labels,
        datasets: [
          { label: TEXT.ratingsLabel, data: satisfaction.distribution, backgroundColor: RATING_COLOURS },
        ],
      },
      options: baseOptions(),
    },
    headers: [TEXT.ratingColumn, TEXT.ratingsLabel],
    rows: labels.map((label, i) => [label, satisfaction.distribution[i]]),
    describe: labels.map((label, i) => `${label}: ${satisfaction.distribution[i]}`),
    empty: satisfaction.ratings === 0,
  });
};

export const drawCharts = (summary) => {
  drawStatus(summary);
  drawAgencies(summary);
  drawKinds(summary);
  drawSatisfaction(summary);
};

export const clearCharts = () => {
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
  for (const body of document.querySelectorAll(".figure-body")) body.remove();
};

export const satisfactionText = ({ satisfaction }) =>
  satisfaction.average === null ? TEXT.none : formatAverage(satisfaction.average);
