// One function per HTTP route of the gateway that the web app uses.
import { get, post, segment, type Query } from './client';
import type {
  Agreement,
  AgreementTerms,
  CompareDraftsResponse,
  Decision,
  Dossier,
  DueItem,
  ListAgreementsResponse,
  ListDecisionsResponse,
  ListDueItemsResponse,
  ListMethodsResponse,
  ListSettlementsResponse,
  Method,
  Period,
  Results,
  SimulateSettlementResponse,
  StoredSettlement,
} from './types';

// Lists are read to the end so that counts and groupings cover everything;
// the cap only guards against a server that never stops paging.
const kPageSize = 500;
const kMaxPages = 20;

export interface DueQuery {
  end_date?: string;
  responsible_organisation?: string;
  therapeutic_area?: string;
  method_id?: string;
  kinds?: string[];
}

export interface DueList {
  items: DueItem[];
  totalCount: number;
  overdueCount: number;
  today: string;
}

export async function listDueItems(filter: DueQuery): Promise<DueList> {
  const items: DueItem[] = [];
  let first: ListDueItemsResponse | undefined;
  let pageToken = '';
  for (let page = 0; page < kMaxPages; ++page) {
    const query: Query = { ...filter, page_size: kPageSize };
    if (pageToken) query.page_token = pageToken;
    const response = await get<ListDueItemsResponse>('/v1/dueItems', query);
    first ??= response;
    items.push(...(response.items ?? []));
    pageToken = response.next_page_token ?? '';
    if (!pageToken) break;
  }
  return {
    items,
    totalCount: first?.total_count ?? items.length,
    overdueCount:
      first?.overdue_count ?? items.filter((item) => item.overdue).length,
    today: first?.today ?? '',
  };
}

export async function listMethods(): Promise<Method[]> {
  const methods: Method[] = [];
  let pageToken = '';
  for (let page = 0; page < kMaxPages; ++page) {
    const query: Query = { page_size: kPageSize };
    if (pageToken) query.page_token = pageToken;
    const response = await get<ListMethodsResponse>('/v1/methods', query);
    methods.push(...(response.methods ?? []));
    pageToken = response.next_page_token ?? '';
    if (!pageToken) break;
  }
  return methods;
}

export function getMethod(id: string): Promise<Method> {
  return get<Method>(`/v1/methods/${segment(id)}`);
}

export async function listDecisions(methodId: string): Promise<Decision[]> {
  const decisions: Decision[] = [];
  let pageToken = '';
  for (let page = 0; page < kMaxPages; ++page) {
    const query: Query = { page_size: kPageSize, method_id: methodId };
    if (pageToken) query.page_token = pageToken;
    const response = await get<ListDecisionsResponse>('/v1/decisions', query);
    decisions.push(...(response.decisions ?? []));
    pageToken = response.next_page_token ?? '';
    if (!pageToken) break;
  }
  return decisions;
}

export function getDossier(methodId: string): Promise<Dossier> {
  return get<Dossier>(`/v1/methods/${segment(methodId)}/dossier`);
}

export async function listAgreements(methodId?: string): Promise<Agreement[]> {
  const agreements: Agreement[] = [];
  let pageToken = '';
  for (let page = 0; page < kMaxPages; ++page) {
    const query: Query = { page_size: kPageSize, method_id: methodId };
    if (pageToken) query.page_token = pageToken;
    const response = await get<ListAgreementsResponse>(
      '/v1/agreements',
      query,
    );
    agreements.push(...(response.agreements ?? []));
    pageToken = response.next_page_token ?? '';
    if (!pageToken) break;
  }
  return agreements;
}

export function getAgreement(id: string): Promise<Agreement> {
  return get<Agreement>(`/v1/agreements/${segment(id)}`);
}

export async function listSettlements(
  agreementId: string,
): Promise<StoredSettlement[]> {
  const response = await get<ListSettlementsResponse>(
    `/v1/agreements/${segment(agreementId)}/settlements`,
    { page_size: kPageSize },
  );
  return response.settlements ?? [];
}

// The server's today (it may run with a fixed --today), read from the due
// list, which always reports the day it was computed for.
export async function serverToday(): Promise<string> {
  const response = await get<ListDueItemsResponse>('/v1/dueItems', {
    page_size: 1,
  });
  return response.today ?? '';
}

export interface Evaluation {
  period: Period;
  as_of: string;
}

// Draft terms on the stored results of an agreement.
export function simulateStored(
  agreementId: string,
  terms: AgreementTerms,
  evaluation: Evaluation,
): Promise<SimulateSettlementResponse> {
  return post<SimulateSettlementResponse>('/v1/settlements:simulate', {
    stored: { agreement_id: agreementId, terms, ...evaluation },
  });
}

// Draft terms on results from an uploaded file.
export function simulateInline(
  terms: AgreementTerms,
  results: Results,
  evaluation: Evaluation,
): Promise<SimulateSettlementResponse> {
  return post<SimulateSettlementResponse>('/v1/settlements:simulate', {
    input: { agreement: terms, results, ...evaluation },
  });
}

// Results to evaluate two drafts on: a stored agreement's, or inline.
export type ResultsSource =
  | { agreementId: string }
  | { results: Results };

export function compareDrafts(
  source: ResultsSource,
  first: AgreementTerms,
  second: AgreementTerms,
  evaluation: Evaluation,
): Promise<CompareDraftsResponse> {
  const body =
    'agreementId' in source
      ? { agreement_id: source.agreementId }
      : { results: source.results };
  return post<CompareDraftsResponse>('/v1/settlements:compare', {
    ...body,
    ...evaluation,
    first,
    second,
  });
}
