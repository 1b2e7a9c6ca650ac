// The search box: as the agent types (debounced) or presses Tìm, the procedures the caller most likely means,
// each with how well it fits, its key facts, the answer to read aloud with a copy button, and buttons to
// open the full entry or take a complaint about it. Only the latest question's answer is ever shown.
import { api } from "../../shared/js/api.js";
import { byId, element, fillFacts, say } from "../../shared/js/dom.js";
import { copyButton } from "./copy.js";
import { online, stated } from "./facts.js";
import { TEXT } from "./text.js";

const DEBOUNCE_MS = 350;
const MIN_CHARS = 3; // "kh" matches everything; "khai" already means something
const SLOW_MS = 1500; // the first search after a restart loads the index

const form = byId("search-form");
const input = byId("question");
const alert = byId("search-alert");
const status = byId("search-status");
const askWhich = byId("ask-which");
const list = byId("suggestions");

let latest = 0; // the number of the last search started; older answers are dropped
let debounce = null;
let open = () => {};
let complain = () => {};

const BADGE = { high: "ok", ask: "warn", low: "neutral" };

const button = (label, describedBy, onClick) => {
  const node = element("button", "secondary", label);
  node.type = "button";
  node.setAttribute("aria-describedby", describedBy);
  node.addEventListener("click", onClick);
  return node;
};

const card = (suggestion, index) => {
  const titleId = `suggestion-${index}`;
  const title = element("h3", null, suggestion.short_name, " ", element("span", "code", suggestion.code));
  title.id = titleId;
  const fit = element(
    "p",
    `fit fit-${suggestion.match}`,
    element("span", `badge ${BADGE[suggestion.match]}`, TEXT.match[suggestion.match]),
    " ",
    element("span", "muted small", TEXT.fitHint(suggestion.confidence, suggestion.match)),
  );
  const { facts } = suggestion;
  const factList = element("dl", "facts");
  const documents = element(
    "details",
    "documents",
    element("summary", null, TEXT.documentsCount(facts.documents.length)),
    element("ul", null, ...facts.documents.map((line) => element("li", null, line))),
  );
  fillFacts(factList, [
    [TEXT.facts.online, online(facts.online)],
    [TEXT.facts.time, stated(facts.processing_time)],
    [TEXT.facts.fee, stated(facts.fee)],
    [TEXT.facts.where, facts.submit_at.join("; ") || TEXT.notStated],
    [TEXT.facts.documents, facts.documents.length ? documents : TEXT.notStated],
  ]);
  const spoken = element(
    "details",
    "spoken",
    element("summary", null, TEXT.spoken),
    element("p", "text-block spoken-text", suggestion.spoken_answer),
    copyButton(() => suggestion.spoken_answer, { describedBy: titleId }),
  );
  spoken.open = index === 0; // the best one ready to read; the others a click away
  const article = element(
    "article",
    `suggestion match-${suggestion.match}`,
    element("div", "suggestion-head", title, fit),
    element("p", "muted small official", suggestion.name),
    factList,
    element(
      "div",
      "card-actions",
      button(TEXT.open, titleId, () => open(suggestion.code)),
      button(TEXT.complainAbout, titleId, () => complain(suggestion)),
    ),
    spoken,
  );
  article.setAttribute("aria-labelledby", titleId);
  return element("li", null, article);
};

const show = (found) => {
  say(alert);
  askWhich.hidden = !found.ask_which;
  list.replaceChildren(...found.suggestions.map(card));
  status.textContent = found.suggestions.length
    ? TEXT.found(found.suggestions.length, found.question)
    : TEXT.nothingFound(found.question);
};

const search = async (question) => {
  const ticket = ++latest;
  status.textContent = TEXT.searching;
  const slow = setTimeout(() => {
    if (ticket === latest) status.textContent = TEXT.firstSearch;
  }, SLOW_MS);
  try {
    const found = await api("staff/suggestions", { params: { q: question } });
    if (ticket === latest) show(found);
  } catch (error) {
    if (ticket !== latest || error.status === 401) return; // a newer search, or the sign-in form, takes over
    status.textContent = "";
    say(alert, error.message);
  } finally {
    clearTimeout(slow);
  }
};

input.addEventListener("input", () => {
  clearTimeout(debounce);
  const question = input.value.trim();
  if (question.length < MIN_CHARS) return;
  debounce = setTimeout(() => search(question), DEBOUNCE_MS);
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(debounce);
  const question = input.value.trim();
  if (question) search(question);
  else say(alert, TEXT.emptyQuestion);
});

// onOpen(code) opens a procedure's full entry; onComplain(suggestion) starts a complaint about it.
export const setUpSuggestions = ({ onOpen, onComplain }) => {
  open = onOpen;
  complain = onComplain;
};

export const resetSuggestions = () => {
  latest += 1; // an answer still on its way is dropped
  clearTimeout(debounce);
  form.reset();
  list.replaceChildren();
  status.textContent = "";
  askWhich.hidden = true;
  say(alert);
};
