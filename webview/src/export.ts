// Export: the charts on screen as one standalone SVG (theme colours resolved, so the file looks as it did in the
// editor), and a PNG drawn from that SVG on a canvas.
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
    out.push(svgEl('line', { x1: x, x2: x + r.width, y1: y + 1, y2: y + 1, stroke: s.borderTopColor, 'stroke-width': parseFloat(s.borderTopWidth), ...dash }));
  }
  return out;
}

function text(element: Element, at: (r: DOMRect) => [number, number]): SVGTextElement {
  const r = element.getBoundingClientRect();
  const s = getComputedStyle(element);
  const [x, y] = at(r);
  const t = svgEl('text', { x, y: y + r.height / 2, 'dominant-baseline': 'central', fill: s.color, 'font-family': s.fontFamily, 'font-size': s.fontSize, 'font-weight': s.fontWeight });
  t.textContent = element.textContent ?? '';
  return t;
}

/** Composes the legend, panel titles and plots of `root` into one SVG, each placed where it is on screen. */
export function composeSvg(root: HTMLElement): ExportedSvg {
  const panels = Array.from(root.querySelectorAll('.el-panel')).filter((p) => p.querySelector('svg.el-plot') && p.getClientRects().length > 0);
  if (panels.length === 0) throw new Error('Nothing to export: no chart is shown.');
  const legends = Array.from(root.querySelectorAll('.el-view-legend')).filter((l) => l.getClientRects().length > 0);
  const boxes = [...panels, ...legends].map((e) => e.getBoundingClientRect());
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const width = Math.ceil(Math.max(...boxes.map((b) => b.right)) - left + 2 * PAD);
  const height = Math.ceil(Math.max(...boxes.map((b) => b.bottom)) - top + 2 * PAD);
  const at = (r: DOMRect): [number, number] => [r.left - left + PAD, r.top - top + PAD];

  const rootStyle = getComputedStyle(root);
  const out = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': rootStyle.fontFamily });
  const background = [root, document.body].map((e) => getComputedStyle(e).backgroundColor).find(visible) ?? '#ffffff';
  out.append(svgEl('rect', { width, height, fill: background }));
  for (const item of [...legends, ...panels].flatMap((c) => Array.from(c.querySelectorAll('.el-legend li, .el-panel-title, .el-panel-sub')))) {
    item.querySelectorAll('.el-swatch').forEach((s) => out.append(...swatch(s, at)));
    const label = item.matches('li') ? Array.from(item.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE) : [];
    if (label.length) {
      const t = text(item, at);
      const swatchBox = item.querySelector('.el-swatch')?.getBoundingClientRect();
      if (swatchBox) t.setAttribute('x', String(swatchBox.right - left + PAD + 4));
      t.textContent = label.map((n) => n.textContent).join('');
      out.append(t);
    } else if (!item.matches('li')) {
      out.append(text(item, at));
    }
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
