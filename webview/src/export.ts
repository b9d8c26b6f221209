// Export: the charts on screen as one standalone SVG (theme colours resolved, so the file looks as it did in the
// editor), and a PNG drawn from that SVG on a canvas.
import { max, min } from 'simple-statistics';
const NS = 'http://www.w3.org/2000/svg';
const PAD = 12;
const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'fill-opacity', 'opacity', 'font-family', 'font-size', 'font-weight'];
const UNITLESS = new Set(['stroke-width', 'stroke-dasharray']);

export interface ExportedSvg {
  svg: string;
  width: number;
  height: number;
}

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

/** Copies computed styles onto attributes: CSS variables and classes mean nothing outside the webview. */
function inlineStyles(live: Element, copy: Element): void {
  const style = getComputedStyle(live);
  for (const prop of STYLE_PROPS) {
    const value = style.getPropertyValue(prop);
    if (value) copy.setAttribute(prop, UNITLESS.has(prop) ? value.replace(/px/g, '') : value);
  }
  copy.removeAttribute('tabindex');
  copy.removeAttribute('role');
  for (let i = 0; i < live.children.length; i++) inlineStyles(live.children[i], copy.children[i]);
}

const visible = (c: string) => c && c !== 'transparent' && c !== 'rgba(0, 0, 0, 0)';

/** An HTML swatch (legend) drawn from its box: background, and a top border for line swatches. */
function swatch(span: Element, at: (r: DOMRect) => [number, number]): SVGElement[] {
  const r = span.getBoundingClientRect();
  const s = getComputedStyle(span);
  const [x, y] = at(r);
  const out: SVGElement[] = [];
  if (visible(s.backgroundColor)) out.push(svgEl('rect', { x, y, width: r.width, height: r.height, fill: s.backgroundColor, opacity: s.opacity }));
  if (s.borderTopStyle !== 'none' && parseFloat(s.borderTopWidth) > 0) {
    const dash: Record<string, string> = s.borderTopStyle === 'dashed' ? { 'stroke-dasharray': '4 3' } : {};
    out.push(svgEl('line', { x1: x, x2: x + r.width, y1: y + 1, y2: y + 1, stroke: s.borderTopColor, 'stroke-width': parseFloat(s.borderTopWidth), opacity: s.opacity, ...dash }));
  }
  return out;
}

/** The lines an element's text wraps to on screen, each with where it starts: characters grouped by their line box. */
function screenLines(element: Element): { text: string; rect: { left: number; top: number; height: number } }[] {
  const lines = new Map<number, { text: string; rect: { left: number; top: number; height: number } }>();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const content = node.textContent ?? '';
    for (let i = 0; i < content.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getClientRects()[0];
      if (!r) continue;
      const key = Math.round(r.top + r.height / 2);
      const line = lines.get(key) ?? { text: '', rect: { left: r.left, top: r.top, height: r.height } };
      line.text += content[i];
      line.rect.left = Math.min(line.rect.left, r.left);
      lines.set(key, line);
    }
  }
  return [...lines.values()].map((l) => ({ ...l, text: l.text.trim() })).filter((l) => l.text);
}

/** An element's text as SVG text, line by line where it wraps. */
function texts(element: Element, at: (r: DOMRect) => [number, number]): SVGTextElement[] {
  const s = getComputedStyle(element);
  return screenLines(element).map(({ text, rect }) => {
    const [x, y] = at(new DOMRect(rect.left, rect.top, 0, rect.height));
    const t = svgEl('text', { x, y: y + rect.height / 2, 'dominant-baseline': 'central', fill: s.color, 'font-family': s.fontFamily, 'font-size': s.fontSize, 'font-weight': s.fontWeight });
    t.textContent = text;
    return t;
  });
}

/** Composes the legend, panel titles and plots of `root` into one SVG, each placed where it is on screen. */
export function composeSvg(root: HTMLElement): ExportedSvg {
  const panels = Array.from(root.querySelectorAll('.el-panel')).filter((p) => p.querySelector('svg.el-plot') && p.getClientRects().length > 0);
  if (panels.length === 0) throw new Error('Nothing to export: no chart is shown.');
  const legends = Array.from(root.querySelectorAll('.el-view-legend')).filter((l) => l.getClientRects().length > 0);
  const boxes = [...panels, ...legends].map((e) => e.getBoundingClientRect());
  const left = min(boxes.map((b) => b.left));
  const top = min(boxes.map((b) => b.top));
  const width = Math.ceil(max(boxes.map((b) => b.right)) - left + 2 * PAD);
  const height = Math.ceil(max(boxes.map((b) => b.bottom)) - top + 2 * PAD);
  const at = (r: DOMRect): [number, number] => [r.left - left + PAD, r.top - top + PAD];

  const rootStyle = getComputedStyle(root);
  const out = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': rootStyle.fontFamily });
  const background = [root, document.body].map((e) => getComputedStyle(e).backgroundColor).find(visible) ?? '#ffffff';
  out.append(svgEl('rect', { width, height, fill: background }));
  for (const item of [...legends, ...panels].flatMap((c) => Array.from(c.querySelectorAll('.el-legend li, .el-panel-title, .el-panel-sub')))) {
    item.querySelectorAll('.el-swatch').forEach((s) => {
      for (const node of swatch(s, at)) out.append(node);
    });
    for (const node of texts(item, at)) out.append(node);
  }
  for (const panel of panels) {
    const live = panel.querySelector('svg.el-plot') as SVGSVGElement;
    const copy = live.cloneNode(true) as SVGSVGElement;
    inlineStyles(live, copy);
    const [x, y] = at(live.getBoundingClientRect());
    copy.setAttribute('x', String(x));
    copy.setAttribute('y', String(y));
    out.append(copy);
  }
  return { svg: new XMLSerializer().serializeToString(out), width, height };
}

export const PNG_SCALE = 2;

/** Draws the SVG on a canvas at twice its size; returns the PNG as base64. */
export async function rasterize(svg: ExportedSvg): Promise<{ data: string; width: number; height: number }> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = svg.width * PNG_SCALE;
  canvas.height = svg.height * PNG_SCALE;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No canvas to draw the PNG on.');
  context.scale(PNG_SCALE, PNG_SCALE);
  context.drawImage(image, 0, 0, svg.width, svg.height);
  const url = canvas.toDataURL('image/png');
  return { data: url.slice(url.indexOf(',') + 1), width: canvas.width, height: canvas.height };
}
