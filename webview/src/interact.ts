// Points a user can hover, focus and activate: a tooltip (text only), arrow keys between points, Enter opens the
// file at the point's line. One roving tab stop per panel keeps Tab from walking through sixty panels of dots.
import { h } from './dom';
import { pointTip, type PanelModel, type PlotPoint } from './model';

export type OpenLocation = (file: string, line: number) => void;

export class Tooltip {
  readonly element = h('div', { class: 'el-tooltip', role: 'tooltip', hidden: '' });

  constructor(private readonly container: HTMLElement) {}

  show(lines: string[], anchor: Element): void {
    this.element.replaceChildren(...lines.map((line, i) => h('div', { class: i === 0 ? 'el-tooltip-title' : undefined }, line)));
    this.element.hidden = false;
    const box = this.container.getBoundingClientRect();
    const at = anchor.getBoundingClientRect();
    const tip = this.element.getBoundingClientRect();
    const right = at.right + 8 + tip.width <= box.right;
    const left = right ? at.right + 8 : at.left - 8 - tip.width;
    this.element.style.left = `${Math.max(0, left - box.left + this.container.scrollLeft)}px`;
    this.element.style.top = `${Math.max(0, at.top - box.top + this.container.scrollTop - tip.height / 2)}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}

function pointOf(panel: PanelModel, circle: Element): PlotPoint | undefined {
  const layer = panel.layers[Number(circle.parentElement?.getAttribute('data-layer'))];
  return layer?.points[Number(circle.getAttribute('data-point'))];
}

export function attachPoints(svg: SVGSVGElement, panel: PanelModel, tooltip: Tooltip, open: OpenLocation | undefined): void {
  const circles = Array.from(svg.querySelectorAll('.el-points circle'))
    .map((circle) => ({ circle: circle as SVGCircleElement, point: pointOf(panel, circle) }))
    .filter((c): c is { circle: SVGCircleElement; point: PlotPoint } => c.point !== undefined)
    .sort((a, b) => a.point.x - b.point.x);
  circles.forEach(({ circle, point }, i) => {
    const tip = pointTip(panel, point);
    circle.setAttribute('tabindex', i === 0 ? '0' : '-1');
    circle.setAttribute('role', open ? 'button' : 'img');
    circle.setAttribute('aria-label', tip.join(', '));
    const show = () => tooltip.show(tip, circle);
    circle.addEventListener('pointerenter', show);
    circle.addEventListener('focus', show);
    circle.addEventListener('pointerleave', () => tooltip.hide());
    circle.addEventListener('blur', () => tooltip.hide());
    if (open) circle.addEventListener('click', () => open(point.file, point.line));
    circle.addEventListener('keydown', (event) => {
      const move = { ArrowRight: i + 1, ArrowUp: i + 1, ArrowLeft: i - 1, ArrowDown: i - 1, Home: 0, End: circles.length - 1 }[event.key];
      if (move !== undefined) {
        const next = circles[Math.max(0, Math.min(circles.length - 1, move))].circle;
        circle.setAttribute('tabindex', '-1');
        next.setAttribute('tabindex', '0');
        next.focus();
      } else if ((event.key === 'Enter' || event.key === ' ') && open) {
        open(point.file, point.line);
      } else if (event.key === 'Escape') {
        tooltip.hide();
      } else {
        return;
      }
      event.preventDefault();
    });
  });
}
