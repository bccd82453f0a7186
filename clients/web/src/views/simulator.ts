// The agreement simulator (for procurement, Sykehusinnkjøp): edit draft
// terms in a form or as JSON, evaluate them on an agreement's stored results
// or on an uploaded results file, and compare two drafts line by line.
// Nothing is stored (SimulateSettlement / CompareDrafts).
import { ApiError } from '../api/client';
import {
  compareDrafts,
  getAgreement,
  listAgreements,
  serverToday,
  simulateInline,
  simulateStored,
  type Evaluation,
  type ResultsSource,
} from '../api/mea';
import type { Agreement, AgreementTerms, FieldViolation, Results } from '../api/types';
import { isLoggedIn } from '../auth';
import { minDate } from '../format/dates';
import { formatMoney, formatMoneyDifference } from '../format/money';
import { h, replaceChildren, uniqueId } from '../dom';
import { enumLabel, lang, t } from '../i18n';
import { errorBox, loading } from './common';
import { comparison } from './compare';
import type { ViewContext } from './context';
import { heading, settlementDetails } from './settlement';
import { TermsEditor } from './terms_editor';

interface State {
  agreements: Agreement[];
  today: string;
  mode: 'stored' | 'file';
  fileResults: Results | null;
}

function agreementLabel(agreement: Agreement): string {
  const state = enumLabel('AgreementState', agreement.state || agreement.summary?.state);
  return `${agreement.id ?? ''} – ${agreement.title || agreement.summary?.title || ''} (${state})`;
}

function agreementSelect(id: string, agreements: Agreement[]): HTMLSelectElement {
  return h('select', { id },
    agreements.map((agreement) => h('option', { value: agreement.id ?? '' }, agreementLabel(agreement))));
}

function termsOf(agreement: Agreement): AgreementTerms {
  const terms: AgreementTerms = { id: agreement.id, method_id: agreement.method_id, clauses: agreement.clauses ?? [] };
  if (agreement.unit_price) terms.unit_price = agreement.unit_price;
  return terms;
}

function dateField(label: string, path: string, value: string): HTMLElement {
  const id = uniqueId('date');
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { type: 'date', id, value, 'data-path': path, required: true }));
}

// Paths in the server's answer start at the request root; each editor and
// the period fields answer to their own prefixes.
const kSimulatePrefixes = ['stored.terms.', 'input.agreement.', 'terms.', 'agreement.'];
const kEvaluationPrefixes = ['stored.', 'input.', ''];

function relative(field: string, prefixes: string[]): string | null {
  for (const prefix of prefixes) {
    if (field.startsWith(prefix)) return field.slice(prefix.length);
  }
  return null;
}

function pick(violations: FieldViolation[], prefixes: string[]): FieldViolation[] {
  const picked: FieldViolation[] = [];
  for (const violation of violations) {
    const field = relative(violation.field, prefixes);
    if (field !== null) picked.push({ field, description: violation.description });
  }
  return picked;
}

class Simulator {
  private readonly editorA = new TermsEditor('A');
  private readonly editorB = new TermsEditor('B');
  private readonly sourceAgreement: HTMLSelectElement;
  private readonly fileInput: HTMLInputElement;
  private readonly fileStatus = h('p', { class: 'help', 'aria-live': 'polite' });
  private readonly periodPart: HTMLElement;
  private readonly resultSlot = h('div', { class: 'sim-result' });
  // Per draft: the agreement whose terms it was loaded from.
  private readonly termsFrom = new Map<string, HTMLSelectElement>();

  constructor(private readonly context: ViewContext, private readonly state: State) {
    this.sourceAgreement = agreementSelect(uniqueId('source-agreement'), state.agreements);
    this.fileInput = h('input', { type: 'file', id: uniqueId('results-file'), accept: '.json,application/json' });
    this.periodPart = h('fieldset', { class: 'period' },
      h('legend', null, t('sim.period')),
      h('div', { class: 'field-row' },
        dateField(t('sim.start'), 'period.start', ''),
        dateField(t('sim.end'), 'period.end', ''),
        dateField(t('sim.asOf'), 'as_of', state.today)));
  }

  render(root: HTMLElement): void {
    root.append(
      h('form', { class: 'simulator', 'aria-label': t('sim.title'), onsubmit: (event: Event) => event.preventDefault() },
        this.sourcePart(),
        this.periodPart,
        h('div', { class: 'drafts' },
          h('div', { class: 'draft' }, this.loadTermsControls(this.editorA, 'A'), this.editorA.element),
          h('div', { class: 'draft' }, this.loadTermsControls(this.editorB, 'B'),
            h('p', null, h('button', { type: 'button', class: 'secondary', onclick: () => this.copyAToB() },
              t('sim.copyAtoB'))),
            this.editorB.element)),
        h('div', { class: 'actions run-actions' },
          h('button', { type: 'button', id: 'run-simulation', onclick: () => void this.run() }, t('sim.run')),
          h('button', { type: 'button', id: 'run-comparison', onclick: () => void this.compare() }, t('sim.compare')))),
      h('section', { class: 'result', 'aria-labelledby': 'sim-result' },
        heading(2, t('sim.result'), 'sim-result'),
        this.resultSlot));
    this.sourceAgreement.addEventListener('change', () => void this.onAgreementChosen(false));
    this.fileInput.addEventListener('change', () => void this.onFile());
    if (this.state.agreements.length > 0) void this.onAgreementChosen(true);
  }

  private sourcePart(): HTMLElement {
    const storedId = uniqueId('source');
    const fileId = uniqueId('source');
    const storedPart = h('div', { class: 'field' },
      h('label', { for: this.sourceAgreement.id }, t('sim.agreement')), this.sourceAgreement);
    const helpId = uniqueId('file-help');
    this.fileInput.setAttribute('aria-describedby', helpId);
    const filePart = h('div', { class: 'field', hidden: true },
      h('label', { for: this.fileInput.id }, t('sim.file')),
      h('p', { id: helpId, class: 'help' }, t('sim.fileHelp')),
      this.fileInput, this.fileStatus);
    const choose = (mode: State['mode']) => {
      this.state.mode = mode;
      storedPart.hidden = mode !== 'stored';
      filePart.hidden = mode !== 'file';
    };
    return h('fieldset', { class: 'source' },
      h('legend', null, t('sim.source')),
      h('div', { class: 'radio' },
        h('input', { type: 'radio', name: 'source', id: storedId, value: 'stored', checked: true,
          onchange: () => choose('stored') }),
        h('label', { for: storedId }, t('sim.sourceStored'))),
      h('div', { class: 'radio' },
        h('input', { type: 'radio', name: 'source', id: fileId, value: 'file', onchange: () => choose('file') }),
        h('label', { for: fileId }, t('sim.sourceFile'))),
      storedPart, filePart);
  }

  private loadTermsControls(editor: TermsEditor, name: string): HTMLElement {
    const select = agreementSelect(uniqueId('terms-from'), this.state.agreements);
    this.termsFrom.set(name, select);
    return h('div', { class: 'field-row load-terms' },
      h('div', { class: 'field' }, h('label', { for: select.id }, t('sim.agreement')), select),
      h('button', { type: 'button', class: 'secondary', onclick: () => void this.loadTerms(select.value, editor, name) },
        t('sim.loadTerms', { name })));
  }

  private async loadTerms(agreementId: string, editor: TermsEditor, name: string): Promise<boolean> {
    try {
      editor.setTerms(termsOf(await getAgreement(agreementId)));
      this.context.announce(t('sim.termsLoaded', { id: agreementId, name }));
      return true;
    } catch (error) {
      replaceChildren(this.resultSlot, errorBox(error));
      return false;
    }
  }

  private async onAgreementChosen(initial: boolean): Promise<void> {
    const agreement = this.state.agreements.find((one) => one.id === this.sourceAgreement.value);
    if (!agreement) return;
    const from = agreement.valid_from || agreement.summary?.valid_from || '';
    const to = agreement.valid_to || agreement.summary?.valid_to || this.state.today;
    this.setPeriod(from, minDate(to, this.state.today), this.state.today);
    const loaded = await this.loadTerms(agreement.id ?? '', this.editorA, 'A');
    this.showTermsFrom('A', agreement.id ?? '');
    if (loaded && initial) {
      this.copyAToB();
      this.showTermsFrom('B', agreement.id ?? '');
    }
  }

  private showTermsFrom(name: string, agreementId: string): void {
    const select = this.termsFrom.get(name);
    if (select) select.value = agreementId;
  }

  private setPeriod(start: string, end: string, asOf: string): void {
    const set = (path: string, value: string) => {
      const input = this.periodPart.querySelector<HTMLInputElement>(`[data-path="${path}"]`);
      if (input && value) input.value = value;
    };
    set('period.start', start);
    set('period.end', end);
    set('as_of', asOf);
  }

  private evaluation(): Evaluation {
    const value = (path: string) =>
      this.periodPart.querySelector<HTMLInputElement>(`[data-path="${path}"]`)?.value ?? '';
    return { period: { start: value('period.start'), end: value('period.end') }, as_of: value('as_of') };
  }

  private async onFile(): Promise<void> {
    const file = this.fileInput.files?.[0];
    if (!file) return;
    try {
      const document = JSON.parse(await file.text()) as Record<string, unknown>;
      const results = (document.results ?? document) as Results;
      if (document.agreement) this.editorA.setTerms(document.agreement as AgreementTerms);
      const period = document.period as { start?: string; end?: string } | undefined;
      this.setPeriod(period?.start ?? '', period?.end ?? '', String(document.as_of ?? ''));
      this.state.fileResults = results;
      this.fileStatus.textContent = t('sim.fileLoaded', {
        file: file.name,
        dispensings: results.dispensings?.length ?? 0,
        patients: results.patients?.length ?? 0,
        outcomes: results.group_outcomes?.length ?? 0,
      });
    } catch (error) {
      this.state.fileResults = null;
      this.fileStatus.textContent = t('sim.fileInvalid', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private copyAToB(): void {
    const terms = this.editorA.getTerms();
    if (terms) this.editorB.setTerms(terms);
  }

  private source(): ResultsSource | null {
    if (this.state.mode === 'stored') {
      return this.sourceAgreement.value ? { agreementId: this.sourceAgreement.value } : null;
    }
    return this.state.fileResults ? { results: this.state.fileResults } : null;
  }

  private begin(): ResultsSource | null {
    this.editorA.clearViolations();
    this.editorB.clearViolations();
    this.clearPeriodViolations();
    const source = this.source();
    if (!source) {
      replaceChildren(this.resultSlot, h('p', { class: 'error', role: 'alert' }, t('sim.needSource')));
      return null;
    }
    replaceChildren(this.resultSlot, loading());
    this.resultSlot.setAttribute('aria-busy', 'true');
    this.context.announce(t('sim.running'));
    return source;
  }

  private fail(error: unknown, prefixesA: string[], prefixesB: string[]): void {
    replaceChildren(this.resultSlot, errorBox(error));
    if (!(error instanceof ApiError)) return;
    this.editorA.markViolations(pick(error.violations, prefixesA));
    if (prefixesB.length > 0) this.editorB.markViolations(pick(error.violations, prefixesB));
    this.markPeriodViolations(error.violations);
  }

  private async run(): Promise<void> {
    const terms = this.editorA.getTerms();
    if (!terms) return;
    const source = this.begin();
    if (!source) return;
    try {
      const evaluation = this.evaluation();
      const response = 'agreementId' in source
        ? await simulateStored(source.agreementId, terms, evaluation)
        : await simulateInline(terms, source.results, evaluation);
      const settlement = response.settlement ?? {};
      replaceChildren(this.resultSlot,
        heading(3, t('sim.settlementOf', { name: 'A' })),
        settlementDetails(settlement, 4, t('sim.settlementOf', { name: 'A' })));
      this.context.announce(t('sim.done', {
        net: settlement.net_cost ? formatMoney(settlement.net_cost, lang()) : t('common.confidential'),
      }));
    } catch (error) {
      this.fail(error, kSimulatePrefixes, []);
    } finally {
      this.resultSlot.removeAttribute('aria-busy');
    }
  }

  private async compare(): Promise<void> {
    const first = this.editorA.getTerms();
    const second = first ? this.editorB.getTerms() : null;
    if (!first || !second) return;
    const source = this.begin();
    if (!source) return;
    try {
      const response = await compareDrafts(source, first, second, this.evaluation());
      replaceChildren(this.resultSlot, comparison(response));
      this.context.announce(t('sim.compareDone', {
        diff: response.net_cost_difference
          ? formatMoneyDifference(response.net_cost_difference, lang())
          : t('common.confidential'),
      }));
    } catch (error) {
      this.fail(error, ['first.'], ['second.']);
    } finally {
      this.resultSlot.removeAttribute('aria-busy');
    }
  }

  private clearPeriodViolations(): void {
    for (const message of this.periodPart.querySelectorAll('.violation')) message.remove();
    for (const input of this.periodPart.querySelectorAll('[aria-invalid]')) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }

  private markPeriodViolations(violations: FieldViolation[]): void {
    for (const violation of violations) {
      const field = relative(violation.field, kEvaluationPrefixes);
      if (field === null) continue;
      const input = this.periodPart.querySelector<HTMLInputElement>(`[data-path="${CSS.escape(field)}"]`);
      if (!input) continue;
      const message = h('p', { id: uniqueId('violation'), class: 'field-error violation' },
        `${violation.field}: ${violation.description}`);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', message.id);
      input.parentElement?.append(message);
    }
  }
}

export async function simulatorView(context: ViewContext): Promise<void> {
  context.root.append(
    h('h1', { tabindex: '-1' }, t('sim.title')),
    h('p', { class: 'intro' }, t('sim.intro')));
  if (!isLoggedIn()) {
    context.root.append(h('div', { class: 'notice' },
      h('p', null, t('sim.loginRequired')),
      h('p', null, h('a', { href: '#/login' }, t('error.loginLink')))));
    return;
  }
  const body = h('div', null, loading());
  context.root.append(body);
  let agreements: Agreement[];
  let today: string;
  try {
    [agreements, today] = await Promise.all([listAgreements(), serverToday()]);
  } catch (error) {
    if (context.isCurrent()) body.replaceChildren(errorBox(error));
    return;
  }
  if (!context.isCurrent()) return;
  body.replaceChildren();
  new Simulator(context, { agreements, today, mode: 'stored', fileResults: null }).render(body);
}
