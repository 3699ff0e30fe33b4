// The search box of the top bar: find a place, crossing or link by its name (or id),
// zoom to it and show its details.
import type { MapView } from './map';
import { esc } from './format';

/** The best match of a query: an exact "[id]" suffix, an exact name or id, then a name containing it. */
export function findElement(items: { name: string; id: string; kind: string }[], query: string) {
  const q = query.trim();
  const bracket = /\[([^\]]+)\]\s*$/.exec(q);
  if (bracket) return items.find(i => i.id === bracket[1]) ?? null;
  const lq = q.toLowerCase();
  if (!lq) return null;
  return items.find(i => i.name.toLowerCase() === lq || i.id.toLowerCase() === lq)
    ?? items.find(i => i.name.toLowerCase().includes(lq))
    ?? items.find(i => i.id.toLowerCase().includes(lq)) ?? null;
}

/** Fills the search list with the shown network's elements and wires the box (once). */
export function fillSearch(map: MapView) {
  const input = document.getElementById('find') as HTMLInputElement | null;
  const list = document.getElementById('find-list');
  if (!input || !list) return;
  const items = map.searchItems().sort((a, b) => a.name.localeCompare(b.name));
  list.innerHTML = items.map(i => `<option value="${esc(i.name)} [${esc(i.id)}]">${esc(i.kind)}</option>`).join('');
  input.dataset.items = String(items.length);
  if (input.dataset.wired) return;
  input.dataset.wired = 'true';
  const go = () => {
    const hit = findElement(map.searchItems(), input.value);
    input.classList.toggle('not-found', !hit && input.value.trim() !== '');
    if (hit) map.focus(hit.id);
  };
  input.addEventListener('change', go);
  input.addEventListener('keydown', e => { if (e.key === 'Enter') go(); });
}
