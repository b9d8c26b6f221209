// The only way the webview builds elements: children given as strings become Text nodes, attributes are set one
// by one, so a task named "<img onerror=...>" is shown as those characters and nothing in it runs.
// A list of children is given as an array (one argument), never spread into the call: rows and problems grow with
// the workspace, and a spread of 125,000 of them would overflow the stack.
type Child = Node | string | null | undefined | false;
type Children = Child | readonly Child[];

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | undefined> = {}, ...children: Children[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) element.setAttribute(name, value);
  appendAll(element, children);
  return element;
}

/** Replaces an element's children with these (arrays flattened one level; empty values skipped). */
export function setChildren(element: Element, ...children: Children[]): void {
  element.replaceChildren();
  appendAll(element, children);
}

function appendAll(element: Element | DocumentFragment, children: readonly Children[]): void {
  for (const child of children) {
    if (Array.isArray(child)) {
      for (const c of child as readonly Child[]) if (c) element.append(c);
    } else if (child) element.append(child as Node | string);
  }
}

/**
 * Text that may wrap after _ : / and . so long identifiers (modified_arithmetic:three_digit_addition, file paths) break
 * at their joints instead of mid-word, and narrow table columns keep whole words.
 */
export function breakable(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  text.split(/(?<=[_:/.])/).forEach((part, i) => {
    if (i) fragment.append(document.createElement('wbr'));
    fragment.append(part);
  });
  return fragment;
}

export function button(label: string | Node, onClick: () => void, attrs: Record<string, string | undefined> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}
