// A procedure's full entry in a dialog: a summary, the answer to read aloud, every way to submit with its
// time and fee (under review: withheld, with the warning), the documents, how-to, conditions, steps and
// legal basis, and where it all comes from.
import { api } from "../../shared/js/api.js";
import { byId, element, fillFacts, say } from "../../shared/js/dom.js";
import { copyButton } from "./copy.js";
import { link, online, reviewBadge } from "./facts.js";
import { TEXT, formatDate } from "./text.js";

const dialog = byId("entry");
const alert = byId("entry-alert");
const body = byId("entry-body");

let complain = () => {};

// Fills a list, and hides its section when the KB has nothing for it.
const fillList = (id, items) => {
  const list = byId(id);
  list.replaceChildren(...items.map((item) => element("li", null, item)));
  list.closest("section").hidden = items.length === 0;
};

// One mode's time or fee: a value under review is withheld by the API; the cell only says so.
const value = (text, underReview) =>
  element("td", null, underReview ? reviewBadge(TEXT.underReviewValue) : text || TEXT.none);

const show = (entry) => {
  byId("entry-title").textContent = TEXT.procedureLabel(entry);
  byId("entry-official").textContent = entry.name;
  const complainButton = element("button", "secondary", TEXT.complainAbout);
  complainButton.type = "button";
  complainButton.addEventListener("click", () => {
    dialog.close();
    complain(entry);
  });
  byId("entry-actions").replaceChildren(complainButton);
  const rows = [
    [TEXT.summary.code, entry.code],
    [TEXT.summary.shortName, entry.short_name],
    [TEXT.summary.field, entry.field],
    [TEXT.summary.levels, entry.levels.join(", ")],
    [TEXT.summary.agency, entry.implementing_agency],
    [TEXT.summary.receiving, entry.receiving_agency || entry.facts.submit_at.join("; ")],
    [TEXT.summary.audience, entry.audience.join(", ")],
    [TEXT.summary.online, online(entry.facts.online)],
    [TEXT.summary.result, entry.result],
    [TEXT.summary.aliases, entry.aliases.join("; ")],
  ];
  fillFacts(byId("entry-summary"), rows.filter(([, description]) => description));
  byId("entry-spoken").replaceChildren(
    element("p", "text-block spoken-text", entry.spoken_answer),
    copyButton(() => entry.spoken_answer, { describedBy: "entry-title" }),
  );
  byId("entry-modes").replaceChildren(
    ...entry.modes.map((mode) =>
      element(
        "tr",
        null,
        element("th", null, TEXT.channels[mode.channel] || mode.channel),
        value(mode.processing_time, mode.under_review.includes("processing_time")),
        value(mode.fee, mode.under_review.includes("fee")),
        element("td", null, mode.note || TEXT.none),
      ),
    ),
  );
  byId("entry-modes").closest("section").hidden = entry.modes.length === 0;
  fillList(
    "entry-documents",
    entry.documents.map((document) =>
      element(
        "span",
        null,
        element("strong", null, document.name),
        document.details ? ` (${document.details})` : null,
        document.how_to_get ? element("span", "block muted small", TEXT.howToGet(document.how_to_get)) : null,
      ),
    ),
  );
  fillList("entry-howto", entry.howto);
  fillList("entry-conditions", entry.conditions);
  fillList("entry-steps", entry.steps);
  fillList("entry-legal", entry.legal_basis);
  const source = byId("entry-source");
  source.replaceChildren(
    ...(entry.source_url ? [`${TEXT.source}: `, link(entry.source_url, new URL(entry.source_url).host)] : []),
    entry.updated ? ` (${TEXT.updated(formatDate(entry.updated))})` : "",
  );
};

export const openEntry = async (code) => {
  say(alert);
  body.hidden = true;
  byId("entry-title").textContent = code;
  if (!dialog.open) dialog.showModal();
  try {
    show(await api(`staff/procedures/${encodeURIComponent(code)}`));
    body.hidden = false;
  } catch (error) {
    if (error.status === 401) {
      dialog.close(); // the sign-in form takes over
      return;
    }
    say(alert, error.message);
  }
  byId("entry-title").focus();
};

export const closeEntry = () => {
  if (dialog.open) dialog.close();
};

// onComplain(procedure) starts a complaint about the procedure shown.
export const setUpEntry = ({ onComplain }) => {
  complain = onComplain;
};

byId("entry-close").addEventListener("click", closeEntry);
