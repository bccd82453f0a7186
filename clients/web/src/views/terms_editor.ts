// An editor for draft agreement terms (AgreementTerms): a form with one part
// per clause type, and the same terms as JSON in a textarea. The two are
// kept in step: typing in the form rewrites the JSON; valid JSON typed in
// the textarea rebuilds the form. Field violations from the server are shown
// beside the field they name (aria-invalid + a message tied to the field).
import type { AgreementTerms, Clause, FieldViolation, PriceVolumeTier } from '../api/types';
import { h, replaceChildren, uniqueId, type Child } from '../dom';
import { enumLabel, t } from '../i18n';
import {
  clauseType,
  kClauseFields,
  kClauseTypes,
  newClause,
  type ClauseType,
  type FieldSpec,
} from './clause_fields';

type Bag = Record<string, unknown>;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// An integer field keeps a number when the text is a whole number, and the
// raw text otherwise, so that the server names the bad field.
function integerValue(raw: string): number | string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export class TermsEditor {
  readonly element: HTMLElement;
  private terms: AgreementTerms = { clauses: [] };
  private readonly formSlot = h('div', { class: 'terms-form' });
  private readonly jsonArea: HTMLTextAreaElement;
  private readonly jsonError: HTMLElement;
  private jsonValid = true;
  private addType: ClauseType = 'flat_discount';

  constructor(private readonly name: string) {
    const jsonId = uniqueId('terms-json');
    const helpId = uniqueId('terms-json-help');
    const errorId = uniqueId('terms-json-error');
    this.jsonError = h('p', { id: errorId, class: 'field-error', 'aria-live': 'polite' });
    this.jsonArea = h('textarea', {
      id: jsonId, rows: '14', spellcheck: 'false', class: 'json',
      'aria-describedby': `${helpId} ${errorId}`,
    });
    this.jsonArea.addEventListener('input', () => this.onJsonInput());
    this.element = h('fieldset', { class: 'terms-editor', 'data-draft': name },
      h('legend', null, t('sim.draft', { name })),
      this.formSlot,
      h('div', { class: 'field json-field' },
        h('label', { for: jsonId }, t('sim.json', { name })),
        h('p', { id: helpId, class: 'help' }, t('sim.jsonHelp')),
        this.jsonArea,
        this.jsonError));
    this.renderForm();
    this.writeJson();
  }

  // The current terms, or null when the JSON text cannot be read (the user
  // must fix it first; the message is already shown).
  getTerms(): AgreementTerms | null {
    if (!this.jsonValid) {
      this.jsonArea.focus();
      return null;
    }
    return clone(this.terms);
  }

  setTerms(terms: AgreementTerms): void {
    this.terms = clone({ ...terms, clauses: terms.clauses ?? [] });
    this.jsonValid = true;
    this.jsonArea.removeAttribute('aria-invalid');
    this.jsonError.textContent = '';
    this.renderForm();
    this.writeJson();
  }

  // Marks the fields named by `violations`, whose paths are relative to the
  // terms (e.g. "clauses[1].price_volume.tiers[0].percent"). A path with no
  // field of its own marks its nearest enclosing part.
  markViolations(violations: FieldViolation[]): void {
    this.clearViolations();
    for (const violation of violations) {
      const target = this.findTarget(violation.field);
      if (!target) continue;
      const message = h('p', { id: uniqueId('violation'), class: 'field-error violation' },
        `${violation.field}: ${violation.description}`);
      target.setAttribute('aria-invalid', 'true');
      const describedBy = target.getAttribute('aria-describedby');
      target.setAttribute('aria-describedby', `${describedBy ?? ''} ${message.id}`.trim());
      (target.closest('.field, fieldset') ?? target).append(message);
    }
  }

  clearViolations(): void {
    for (const message of this.element.querySelectorAll('.violation')) {
      const id = message.id;
      for (const described of this.element.querySelectorAll(`[aria-describedby~="${id}"]`)) {
        const rest = (described.getAttribute('aria-describedby') ?? '').split(' ').filter((part) => part !== id);
        if (rest.length > 0) described.setAttribute('aria-describedby', rest.join(' '));
        else described.removeAttribute('aria-describedby');
        described.removeAttribute('aria-invalid');
      }
      message.remove();
    }
  }

  private findTarget(path: string): HTMLElement | null {
    let current = path;
    while (current) {
      const found = this.element.querySelector<HTMLElement>(`[data-path="${CSS.escape(current)}"]`);
      if (found) return found;
      const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
      current = cut > 0 ? current.slice(0, cut) : '';
    }
    return this.jsonArea;
  }

  private onJsonInput(): void {
    try {
      const parsed: unknown = JSON.parse(this.jsonArea.value);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('{ … }');
      }
      this.terms = parsed as AgreementTerms;
      if (!Array.isArray(this.terms.clauses)) this.terms.clauses = [];
      this.jsonValid = true;
      this.jsonArea.removeAttribute('aria-invalid');
      this.jsonError.textContent = '';
      this.renderForm();
    } catch (error) {
      this.jsonValid = false;
      this.jsonArea.setAttribute('aria-invalid', 'true');
      this.jsonError.textContent = t('sim.jsonInvalid', {
        name: this.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private writeJson(): void {
    this.jsonArea.value = JSON.stringify(this.terms, null, 2);
  }

  // After a structural change (a clause added, removed, moved or retyped):
  // rebuild the form, rewrite the JSON and put focus back where it was.
  private restructure(focusPath: string, fallbackPath = 'add-clause'): void {
    this.renderForm();
    this.writeJson();
    const find = (key: string) =>
      this.element.querySelector<HTMLButtonElement | HTMLSelectElement>(`[data-focus="${CSS.escape(key)}"]`);
    const target = find(focusPath);
    (target && !target.disabled ? target : find(fallbackPath))?.focus();
  }

  private renderForm(): void {
    const clauses = this.terms.clauses ?? [];
    replaceChildren(this.formSlot,
      h('div', { class: 'field-row' },
        this.textField(t('sim.terms.id'), 'id', this.terms as Bag, 'id', 'text'),
        this.textField(t('sim.terms.method'), 'method_id', this.terms as Bag, 'method_id', 'text'),
        this.textField(t('sim.terms.unitPrice'), 'unit_price', this.terms as Bag, 'unit_price', 'decimal')),
      h('fieldset', { class: 'clauses', 'data-path': 'clauses' },
        h('legend', null, t('sim.clauses')),
        h('ol', { class: 'clause-list' }, clauses.map((clause, index) => this.clauseEditor(clause, index))),
        this.addClauseControls()));
  }

  private textField(label: string, path: string, bag: Bag, key: string, kind: FieldSpec['kind']): HTMLElement {
    const id = uniqueId('field');
    const value = bag[key];
    const input = h('input', {
      id,
      type: kind === 'integer' ? 'number' : 'text',
      inputmode: kind === 'decimal' ? 'decimal' : kind === 'integer' ? 'numeric' : null,
      min: kind === 'integer' ? '0' : null,
      step: kind === 'integer' ? '1' : null,
      value: value === undefined || value === null ? '' : String(value),
      'data-path': path,
      autocomplete: 'off',
    });
    input.addEventListener('input', () => {
      const next = kind === 'integer' ? integerValue(input.value) : input.value;
      if (next === undefined || next === '') delete bag[key];
      else bag[key] = next;
      this.writeJson();
    });
    return h('div', { class: 'field' }, h('label', { for: id }, label), input);
  }

  private choiceField(spec: FieldSpec, path: string, bag: Bag): HTMLElement {
    const id = uniqueId('field');
    const current = typeof bag[spec.key] === 'string' ? (bag[spec.key] as string) : '';
    const choices = spec.choices ?? [];
    const select = h('select', { id, 'data-path': path },
      choices.includes(current) || current === ''
        ? null
        : h('option', { value: current, selected: true }, current),
      choices.map((choice) =>
        h('option', { value: choice, selected: choice === current }, enumLabel(spec.group ?? '', choice))));
    select.addEventListener('change', () => {
      bag[spec.key] = select.value;
      this.writeJson();
    });
    return h('div', { class: 'field' }, h('label', { for: id }, t(spec.label)), select);
  }

  private clauseEditor(clause: Clause, index: number): HTMLElement {
    const type = clauseType(clause);
    const base = `clauses[${index}]`;
    const body = type ? (clause[type] as Bag) : null;
    const count = this.terms.clauses?.length ?? 0;
    const legend = t('sim.clause', { n: index + 1, type: type ? enumLabel('Clause', type) : '?' });
    return h('li', null, h('fieldset', { class: 'clause', 'data-path': base },
      h('legend', null, legend),
      this.typeSelect(type, index),
      type && body
        ? h('div', { class: 'field-row' }, kClauseFields[type].map((spec) =>
            spec.kind === 'choice'
              ? this.choiceField(spec, `${base}.${type}.${spec.key}`, body)
              : this.textField(t(spec.label), `${base}.${type}.${spec.key}`, body, spec.key, spec.kind)))
        : null,
      type === 'price_volume' && body ? this.tiersEditor(body, `${base}.price_volume`) : null,
      h('div', { class: 'actions' },
        this.button(t('sim.moveUp', { n: index + 1 }), `${base}#up`, index === 0, () => this.move(index, -1)),
        this.button(t('sim.moveDown', { n: index + 1 }), `${base}#down`, index === count - 1, () => this.move(index, 1)),
        this.button(t('sim.removeClause', { n: index + 1 }), `${base}#remove`, false, () => this.remove(index)))));
  }

  private button(label: string, focusKey: string, disabled: boolean, action: () => void): HTMLElement {
    return h('button', { type: 'button', class: 'secondary small', 'data-focus': focusKey, disabled, onclick: action },
      label);
  }

  private typeSelect(type: ClauseType | null, index: number): HTMLElement {
    const id = uniqueId('clause-type');
    const focusKey = `clauses[${index}]#type`;
    const select = h('select', { id, 'data-focus': focusKey },
      type ? null : h('option', { value: '', selected: true }, '?'),
      kClauseTypes.map((one) => h('option', { value: one, selected: one === type }, enumLabel('Clause', one))));
    select.addEventListener('change', () => {
      const next = select.value as ClauseType;
      if (!this.terms.clauses || !kClauseTypes.includes(next)) return;
      this.terms.clauses[index] = newClause(next);
      this.restructure(focusKey);
    });
    return h('div', { class: 'field' }, h('label', { for: id }, t('sim.clauseType')), select);
  }

  private tiersEditor(body: Bag, path: string): HTMLElement {
    if (!Array.isArray(body.tiers)) body.tiers = [];
    const tiers = body.tiers as PriceVolumeTier[];
    const rows: Child[] = tiers.map((tier, index) =>
      h('div', { class: 'tier field-row', role: 'group', 'aria-label': t('sim.field.tier', { n: index + 1 }) },
        this.textField(`${t('sim.field.tier', { n: index + 1 })}: ${t('sim.field.aboveUnits')}`,
          `${path}.tiers[${index}].above_units`, tier as Bag, 'above_units', 'integer'),
        this.textField(`${t('sim.field.tier', { n: index + 1 })}: ${t('sim.field.percent')}`,
          `${path}.tiers[${index}].percent`, tier as Bag, 'percent', 'decimal'),
        this.button(t('sim.field.removeTier', { n: index + 1 }), `${path}.tiers[${index}]#remove`, false, () => {
          tiers.splice(index, 1);
          this.restructure(`${path}#addTier`);
        })));
    return h('fieldset', { class: 'tiers', 'data-path': `${path}.tiers` },
      h('legend', null, t('sim.field.tiers')),
      rows,
      this.button(t('sim.field.addTier'), `${path}#addTier`, false, () => {
        const last = tiers[tiers.length - 1];
        const above = last ? Number(last.above_units ?? 0) + 100 : 0;
        tiers.push({ above_units: above, percent: last?.percent ?? '5' });
        this.restructure(`${path}#addTier`);
      }));
  }

  private addClauseControls(): HTMLElement {
    const id = uniqueId('add-type');
    const select = h('select', { id },
      kClauseTypes.map((one) => h('option', { value: one, selected: one === this.addType }, enumLabel('Clause', one))));
    select.addEventListener('change', () => {
      this.addType = select.value as ClauseType;
    });
    return h('div', { class: 'add-clause field-row' },
      h('div', { class: 'field' }, h('label', { for: id }, t('sim.clauseType')), select),
      this.button(t('sim.addClause'), 'add-clause', false, () => {
        this.terms.clauses = [...(this.terms.clauses ?? []), newClause(this.addType)];
        this.restructure('add-clause');
      }));
  }

  private move(index: number, step: number): void {
    const clauses = this.terms.clauses ?? [];
    const target = index + step;
    if (target < 0 || target >= clauses.length) return;
    [clauses[index], clauses[target]] = [clauses[target], clauses[index]];
    this.restructure(`clauses[${target}]#${step < 0 ? 'up' : 'down'}`, `clauses[${target}]#type`);
  }

  private remove(index: number): void {
    this.terms.clauses?.splice(index, 1);
    this.restructure('add-clause');
  }
}

