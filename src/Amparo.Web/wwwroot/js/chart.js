// Risk over messages as inline SVG, built with DOM calls (no markup strings, no inline styles: the CSP forbids them).
const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c);
  return el;
}

/**
 * @param {number[]} timeline risk after each message, 0..1
 * @param {number[]} flagged indexes of messages with a tactic
 * @param {number|null} firstAlert index of the first alert
 * @param {(i:number)=>void} onSelect called when a flagged point is chosen
 * @param {(i:number)=>string} label accessible label of a point
 */
export function riskChart(timeline, flagged, firstAlert, onSelect, label) {
  const W = 640, H = 200, L = 40, R = 14, T = 14, B = 28;
  const n = timeline.length;
  const x = (i) => L + (n <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
  const y = (r) => T + (1 - Math.max(0, Math.min(1, r))) * (H - T - B);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'data-testid': 'risk-chart', preserveAspectRatio: 'xMidYMid meet' });
  svg.append(s('title', {}, document.createTextNode(label(n - 1))));

  // Calm bands behind the line: low, medium, high.
  const bands = [[0, 0.35, 'band-low'], [0.35, 0.7, 'band-medium'], [0.7, 1, 'band-high']];
  for (const [from, to, cls] of bands) {
    svg.append(s('rect', { x: L, y: y(to), width: W - L - R, height: y(from) - y(to), class: cls }));
  }
  for (const r of [0, 0.5, 1]) {
    svg.append(s('line', { x1: L, x2: W - R, y1: y(r), y2: y(r), class: 'grid' }));
    svg.append(s('text', { x: L - 8, y: y(r) + 4, 'text-anchor': 'end', class: 'axis' }, document.createTextNode(Math.round(r * 100) + '%')));
  }
  const step = Math.max(1, Math.ceil(n / 8));
  for (let i = 0; i < n; i += step) {
    svg.append(s('text', { x: x(i), y: H - 8, 'text-anchor': 'middle', class: 'axis' }, document.createTextNode(String(i + 1))));
  }

  if (n > 0) {
    let line = '';
    timeline.forEach((r, i) => { line += (i === 0 ? 'M' : 'L') + x(i).toFixed(1) + ' ' + y(r).toFixed(1) + ' '; });
    const area = line + `L${x(n - 1).toFixed(1)} ${y(0)} L${x(0).toFixed(1)} ${y(0)} Z`;
    svg.append(s('path', { d: area, class: 'area' }));
    svg.append(s('path', { d: line, class: 'line' }));
  }

  if (firstAlert !== null && firstAlert !== undefined && firstAlert < n) {
    svg.append(s('line', { x1: x(firstAlert), x2: x(firstAlert), y1: T, y2: H - B, class: 'alert-line' }));
  }

  for (const i of flagged) {
    if (i >= n) continue;
    const dot = s('circle', { cx: x(i), cy: y(timeline[i]), r: 5.5, class: 'point', tabindex: 0, role: 'button', 'aria-label': label(i), 'data-index': i },
      s('title', {}, document.createTextNode(label(i))));
    dot.addEventListener('click', () => onSelect(i));
    dot.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(i); } });
    svg.append(dot);
  }
  return svg;
}
