// Points a user can hover, focus and activate: a tooltip (text only), arrow keys between points, Enter opens the
// file at the point's line. One roving tab stop per panel keeps Tab from walking through sixty panels of dots.
import { h, setChildren } from './dom';
import { pointTip, type PanelModel, type PlotPoint } from './model';

export type OpenLocation = (file: string, line: number) => void;

const GAP = 10;

interface Bounds {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(v, hi));

/**
 * Where a tip of `tip`'s size goes beside `at` (viewport coordinates): to the right, else the left, else above,
 * else below, slid along that side to stay in `bounds`. Sliding along a side never brings it over the point.
 */
function placeBeside(at: DOMRect, tip: DOMRect, bounds: Bounds): { left: number; top: number } {
  const middleTop = clamp(at.top + at.height / 2 - tip.height / 2, bounds.top, bounds.bottom - tip.height);
  const middleLeft = clamp(at.left + at.width / 2 - tip.width / 2, bounds.left, bounds.right - tip.width);
  if (at.right + GAP + tip.width <= bounds.right) return { left: at.right + GAP, top: middleTop };
  if (at.left - GAP - tip.width >= bounds.left) return { left: at.left - GAP - tip.width, top: middleTop };
  if (at.top - GAP - tip.height >= bounds.top) return { left: middleLeft, top: at.top - GAP - tip.height };
  return { left: middleLeft, top: at.bottom + GAP };
}

export class Tooltip {
  readonly element = h('div', { class: 'el-tooltip', role: 'tooltip', hidden: '' });

  constructor(private readonly container: HTMLElement) {}

  show(lines: string[], anchor: Element): void {
    setChildren(this.element, lines.map((line, i) => h('div', { class: i === 0 ? 'el-tooltip-title' : undefined }, line)));
    this.element.hidden = false;
    // Measured at the container's corner: an absolute box left near the right edge is squeezed narrower than it
    // will be once moved, and would then grow back over its point.
    this.element.style.left = '0px';
    this.element.style.top = '0px';
    const box = this.container.getBoundingClientRect();
    const { left, top } = placeBeside(anchor.getBoundingClientRect(), this.element.getBoundingClientRect(), {
      left: Math.max(box.left, 0),
      right: Math.min(box.right, document.documentElement.clientWidth),
      top: 0,
      bottom: document.documentElement.clientHeight,
    });
    this.element.style.left = `${left - box.left + this.container.scrollLeft}px`;
    this.element.style.top = `${top - box.top + this.container.scrollTop}px`;
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
