// Small DOM builders. Text from the API only ever becomes text nodes: nothing here parses HTML.

export const byId = (id) => document.getElementById(id);

// <tag class="className">children…</tag>; strings become text nodes, null and undefined are skipped.
export const element = (tag, className, ...children) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
};

export const option = (value, label) => {
  const node = document.createElement("option");
  node.value = value;
  node.textContent = label;
  return node;
};

// Shows message in an alert or notice paragraph, or hides it when message is empty.
export const say = (node, message = "") => {
  node.textContent = message;
  node.hidden = !message;
};

// A <dl>'s rows from [term, description] pairs; a description may be a node or text.
export const fillFacts = (list, rows) => {
  list.replaceChildren(
    ...rows.flatMap(([term, description]) => [element("dt", null, term), element("dd", null, description)]),
  );
};
