// "Sao chép" buttons: the text goes to the clipboard, and "Đã sao chép" shows beside the button.
import { element } from "../../shared/js/dom.js";
import { TEXT } from "./text.js";

const SHOWN_MS = 6000;

const copyText = async (text, near) => {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Served over plain http on an office network, the page has no Clipboard API: the older way.
  const area = element("textarea", "offscreen");
  area.value = text;
  area.readOnly = true;
  near.append(area); // inside an open dialog, so that it can be selected
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
};

// A button that copies text() and says so; describedBy names what is copied for screen readers.
export const copyButton = (text, { label = TEXT.copy, describedBy } = {}) => {
  const button = element("button", "secondary", label);
  button.type = "button";
  if (describedBy) button.setAttribute("aria-describedby", describedBy);
  const outcome = element("span", "copied");
  outcome.setAttribute("role", "status");
  const row = element("div", "copy-row", button, outcome);
  let timer = null;
  button.addEventListener("click", async () => {
    clearTimeout(timer);
    try {
      await copyText(text(), row);
      outcome.textContent = TEXT.copied;
      outcome.classList.remove("failed");
    } catch {
      outcome.textContent = TEXT.copyFailed;
      outcome.classList.add("failed");
    }
    timer = setTimeout(() => {
      outcome.textContent = "";
    }, SHOWN_MS);
  });
  return row;
};
