// A procedure's key facts as the console shows them, in a card and in the full entry: a fee or time under
// review never shows as a plain figure, only with the warning not to tell it as certain.
import { element } from "../../shared/js/dom.js";
import { TEXT } from "./text.js";

export const reviewBadge = (text = TEXT.underReview) => element("span", "badge warn review", text);

// The API's stated value ({text, under_review}) with its warning.
export const stated = ({ text, under_review: underReview }) =>
  element("span", null, text || TEXT.notStated, underReview ? " " : null, underReview ? reviewBadge() : null);

// A link that opens beside the console, so the call's page stays as it is.
export const link = (href, text) => {
  const node = element("a", null, text);
  node.href = href;
  node.target = "_blank";
  node.rel = "noopener noreferrer";
  return node;
};

// How far the procedure goes online, with the procedure's own page or else the portal where it applies.
export const online = ({ reach, url, portal_url: portal }) => {
  const accepts = !reach.startsWith("none");
  const where = url ? link(url, TEXT.onlinePage) : accepts ? link(portal, new URL(portal).host) : null;
  return element("span", null, TEXT.online[reach], where ? ": " : null, where);
};
