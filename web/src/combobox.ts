/** An accessible combobox (ARIA 1.2 list autocomplete) over GET /search. */
import { get, type EntitySummary, type SearchHit } from './api';
import { el } from './dom';

export class EntityCombobox {
  private items: EntitySummary[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  selected: EntitySummary | undefined;
  /** True once the reader chose an entity here (the path form's From then stops following the focus). */
  picked = false;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly list: HTMLUListElement,
    private readonly onPick: (e: EntitySummary) => void,
  ) {
    input.addEventListener('input', () => {
      this.selected = undefined;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.suggest(), 120);
    });
    input.addEventListener('keydown', (ev) => this.key(ev));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  /** Shows an entity as chosen without asking the API. */
  set(entity: EntitySummary | undefined, picked = false): void {
    this.selected = entity;
    this.picked ||= picked;
    this.input.value = entity?.name ?? '';
  }

  private async suggest(): Promise<void> {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    if (!q) return this.close();
    const { items } = await get<{ items: SearchHit[] }>('/search', { q, limit: 8 });
    if (seq !== this.seq) return; // a newer keystroke answered first
    this.items = items.map((h) => h.entity);
    this.active = this.items.length ? 0 : -1;
    this.render();
  }

  private render(): void {
    this.list.replaceChildren(
      ...this.items.map((e, i) => {
        const li = el('li', { id: `${this.list.id}-${i}`, role: 'option', 'aria-selected': String(i === this.active), 'data-id': e.id }, [
          el('span', { class: `swatch kind-${e.kind}`, 'aria-hidden': 'true' }),
          `${e.name} `,
          el('small', {}, [`${e.kind} · ${e.subtype}`]),
        ]);
        li.addEventListener('mousedown', (ev) => {
          ev.preventDefault();
          this.pick(i);
        });
        return li;
      }),
    );
    if (!this.items.length) this.list.append(el('li', { class: 'empty', role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' }, ['No match']));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private pick(i: number): void {
    const e = this.items[i];
    if (!e) return;
    this.set(e, true);
    this.close();
    this.onPick(e);
  }

  private key(ev: KeyboardEvent): void {
    const open = !this.list.hidden && this.items.length > 0;
    if (ev.key === 'ArrowDown' && open) {
      this.active = (this.active + 1) % this.items.length;
      this.render();
      ev.preventDefault();
    } else if (ev.key === 'ArrowUp' && open) {
      this.active = (this.active - 1 + this.items.length) % this.items.length;
      this.render();
      ev.preventDefault();
    } else if (ev.key === 'Enter' && open && this.active >= 0) {
      this.pick(this.active);
      ev.preventDefault();
    } else if (ev.key === 'Escape') {
      this.close();
    }
  }
}
