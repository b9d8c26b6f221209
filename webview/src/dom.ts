// The only way the webview builds elements: children given as strings become Text nodes, attributes are set one
// by one, so a task named "<img onerror=...>" is shown as those characters and nothing in it runs.
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

/**
 * Text that may wrap after _ : / and . so long identifiers (modified_arithmetic:three_digit_addition, file paths) break
 * at their joints instead of mid-word, and narrow table columns keep whole words.
 */
export function breakable(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  text.split(/(?<=[_:/.])/).forEach((part, i) => fragment.append(...(i ? [document.createElement('wbr')] : []), part));
  return fragment;
}

export function button(label: string | Node, onClick: () => void, attrs: Record<string, string | undefined> = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}
