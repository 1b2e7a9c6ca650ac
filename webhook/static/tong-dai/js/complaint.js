// "Ghi phản ánh cho người gọi": a complaint taken down on the caller's behalf, stored like the bot's (channel
// hotline); once stored, its reference code and answer date to read back, with a copy button.
import { api } from "../../shared/js/api.js";
import { byId, option, say } from "../../shared/js/dom.js";
import { copyButton } from "./copy.js";
import { TEXT, formatDate } from "./text.js";

const form = byId("complaint-form");
const alert = byId("complaint-alert");
const filed = byId("filed");
const procedure = byId("c-procedure");
const procedureCode = byId("c-procedure-code");

// Blank optional fields are sent as null; a procedure chosen from a suggestion goes by its code.
const body = () => {
  const values = Object.fromEntries(new FormData(form));
  const request = { contact_consent: form.elements.contact_consent.checked };
  for (const [name, value] of Object.entries(values)) {
    if (name !== "contact_consent") request[name] = value.trim() || null;
  }
  if (request.procedure_code) request.procedure_name = null;
  return request;
};

const showFiled = (complaint) => {
  byId("filed-code").textContent = complaint.reference_code;
  byId("filed-due").textContent = TEXT.answerDue(formatDate(complaint.answer_due));
  byId("filed-copy").replaceChildren(
    copyButton(() => complaint.reference_code, { label: TEXT.copyCode, describedBy: "filed-code" }),
  );
  filed.hidden = false;
  filed.focus();
};

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  say(alert);
  try {
    const complaint = await api("staff/complaints", { json: body() });
    form.reset();
    showFiled(complaint);
  } catch (error) {
    if (error.status !== 401) say(alert, error.message);
  } finally {
    button.disabled = false;
  }
});

form.addEventListener("reset", () => {
  procedureCode.value = "";
});

// Typing over a chosen procedure makes it the caller's own words again.
procedure.addEventListener("input", () => {
  procedureCode.value = "";
});

// A complaint about this procedure ({code, short_name}): named in the form, the form ready to fill in.
export const complaintAbout = (chosen) => {
  procedure.value = TEXT.procedureLabel(chosen);
  procedureCode.value = chosen.code;
  filed.hidden = true;
  byId("c-name").focus();
};

export const setUpComplaint = ({ kinds }) => {
  form.elements.kind.replaceChildren(
    option("", TEXT.chooseKind),
    ...kinds.map((kind) => option(kind.value, kind.label)),
  );
};

export const resetComplaint = () => {
  form.reset();
  filed.hidden = true;
  say(alert);
};
