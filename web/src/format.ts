// Number formatting and small DOM helpers.
export function fmtT(t: number | null | undefined): string {
  if (t == null || !Number.isFinite(t)) return '–';
  const a = Math.abs(t);
  if (a >= 1e6) return `${(t / 1e6).toFixed(a >= 1e8 ? 1 : 2)} Mt`;
  if (a >= 1e3) return `${(t / 1e3).toFixed(1)} kt`;
  return `${t.toFixed(0)} t`;
}
export function fmtUsd(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(2)} bn USD`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)} M USD`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(1)} k USD`;
  return `${v.toFixed(2)} USD`;
}
export function fmtPct(u: number | null | undefined): string {
  return u == null || !Number.isFinite(u) ? '–' : `${(u * 100).toFixed(1)} %`;
}
export function fmtH(h: number | null | undefined): string {
  return h == null || !Number.isFinite(h) ? '–' : `${h.toFixed(1)} h (${(h / 24).toFixed(1)} d)`;
}
export function fmtPrice(p: number | null | undefined): string {
  return p == null || !Number.isFinite(p) ? '–' : `${p.toFixed(2)} USD/t`;
}
export function fmtUnit(v: number | null | undefined, unit: string): string {
  if (unit === 'USD') return fmtUsd(v);
  if (unit === 't') return fmtT(v);
  if (unit === 'h') return v == null ? '–' : `${v.toFixed(1)} h`;
  if (v == null || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  return (a >= 1e6 || (a > 0 && a < 1e-2) ? v.toExponential(3) : v.toLocaleString('en-US', { maximumFractionDigits: 3 })) + (unit ? ` ${unit}` : '');
}
export function signed(s: string, v: number | null | undefined): string {
  return v != null && v > 0 ? `+${s}` : s;
}

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, html = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (html) e.innerHTML = html;
  return e;
}

/** Colour of a utilisation: green below 0.6, amber around 0.85, red at 1. */
export function utilColour(u: number | null | undefined): string {
  if (u == null || !Number.isFinite(u)) return '#8a8f98';
  const stops: [number, [number, number, number]][] = [[0, [46, 160, 67]], [0.6, [120, 190, 60]], [0.85, [240, 165, 30]], [1, [215, 48, 31]]];
  const x = Math.max(0, Math.min(1, u));
  for (let i = 1; i < stops.length; i++) {
    const [u1, c1] = stops[i]; const [u0, c0] = stops[i - 1];
    if (x <= u1) {
      const f = (x - u0) / (u1 - u0);
      const c = c0.map((v, k) => Math.round(v + (c1[k] - v) * f));
      return `rgb(${c[0]},${c[1]},${c[2]})`;
    }
  }
  return 'rgb(215,48,31)';
}
