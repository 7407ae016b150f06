import type {
  AccompanimentStatus,
  AppointmentKind,
  CaseloadQuery,
  CaseloadQueryVariables,
  ContractAlertsQuery,
  ExitReason,
  PrescribedQuery,
  PrescribedQueryVariables,
} from '#lib/graphql/operations.ts';
import { formatShortDay } from '#lib/days.ts';
import { ACCOMPANIMENT_STATUSES, APPOINTMENT_KINDS, EXIT_REASONS, labelOf } from '#lib/labels.ts';
import { personName } from '#lib/people.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel, type Panel } from '#lib/server/panel.ts';
import type { PageServerLoad } from './$types';
import contractAlertsDocument from './alertes-cer.graphql?raw';
import caseloadDocument from './file-active.graphql?raw';
import {
  ALERT_KINDS,
  ALERT_LABELS,
  contractAlertCounts,
  contractAlertsByPerson,
  currentAccompaniment,
  currentCer,
  isContractAlert,
  parseAlert,
  pathAlertBadge,
  peopleWithContractAlert,
  type AlertBadge,
  type AlertKind,
} from './parcours.ts';
import prescribedDocument from './prescrits.graphql?raw';

const PAGE_SIZE = 50;

/** One person of a list, ready to show (French, nominative: the référent's own caseload). */
export interface PersonRow {
  id: string;
  name: string;
  commune: string;
  prescribedOn: string;
  startedOn: string;
  status: string;
  nextAppointment: string;
  /** The CER in force ends on…; null when the contracts part is unavailable. */
  cerEndsOn: string | null;
  alerts: AlertBadge[];
}

interface ListPage {
  rows: PersonRow[];
  totalCount: number | null;
  nextCursor: string | null;
}

/** How many people raise each alert; null for the kinds whose part is unavailable. */
type AlertCounts = Record<AlertKind, number | null>;

/** What the caseload and the prescribed lists have in common (each query's nodes fit it). */
interface ListNode {
  id: string;
  communeCode: string;
  identity: { firstName: string; lastName: string } | null;
  commune: { name: string } | null;
  alerts?: CaseloadQuery['caseload']['nodes'][number]['alerts'];
  accompaniments: {
    status: AccompanimentStatus;
    prescribedOn: string;
    startedOn: string | null;
    endedOn: string | null;
    exitReason?: ExitReason | null;
    nextAppointment: { kind: AppointmentKind; scheduledOn: string } | null;
  }[];
  /** Only in the caseload; null when contracts is unavailable. */
  contracts?: CaseloadQuery['caseload']['nodes'][number]['contracts'];
}

function row(node: ListNode, cerAlerts: ReadonlyMap<string, AlertBadge[]>): PersonRow {
  const open = currentAccompaniment(node.accompaniments);
  const next = open?.nextAppointment;
  const exit = open?.exitReason ? ` (${labelOf(EXIT_REASONS, open.exitReason)})` : '';
  const contracts = node.contracts;
  const cer = contracts ? currentCer(contracts) : null;
  return {
    id: node.id,
    name: personName(node),
    commune: node.commune ? `${node.commune.name} (${node.communeCode})` : node.communeCode,
    prescribedOn: formatShortDay(open?.prescribedOn ?? null),
    startedOn: formatShortDay(open?.startedOn ?? null),
    status: open ? `${labelOf(ACCOMPANIMENT_STATUSES, open.status)}${exit}` : '—',
    nextAppointment: next ? `${formatShortDay(next.scheduledOn)} — ${labelOf(APPOINTMENT_KINDS, next.kind)}` : '—',
    cerEndsOn: contracts === null ? null : cer ? formatShortDay(cer.endsOn) : '—',
    alerts: [...(node.alerts ?? []).map(pathAlertBadge), ...(cerAlerts.get(node.id) ?? [])],
  };
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/parcours');
  const after = url.searchParams.get('apres') || null;

  if (user.role === 'PRESCRIBER') {
    const variables: PrescribedQueryVariables = { first: PAGE_SIZE, after };
    const loaded = await loadPanel<PrescribedQuery>(fetch, 'personnes prescrites', prescribedDocument, variables);
    const list: Panel<ListPage> = loaded.ok
      ? { ...loaded, data: { rows: loaded.data.prescribed.nodes.map((n) => row(n, new Map())), totalCount: null, nextCursor: nextCursor(loaded.data.prescribed.pageInfo) } }
      : loaded;
    return { view: 'prescriber' as const, list, alert: null, name: null, alerts: [], counts: null, contractAlertsMessage: null, after };
  }

  const alert = parseAlert(url.searchParams.get('alerte'));
  // A search by name (whole words of the first or last names): the API finds them on a blind index.
  const name = (url.searchParams.get('nom') ?? '').trim().slice(0, 100) || null;
  const contractAlerts = loadPanel<ContractAlertsQuery>(fetch, 'alertes CER', contractAlertsDocument);
  const cerAlert = alert && isContractAlert(alert) ? alert : null;
  const pathAlert = alert && !isContractAlert(alert) ? alert : null;
  let caseload: Promise<Panel<CaseloadQuery>>;
  if (cerAlert) {
    // The CER alerts live in contracts: the list is then the caseload among the people they name.
    const cer = await contractAlerts;
    caseload = cer.ok
      ? loadPanel<CaseloadQuery>(fetch, 'file active', caseloadDocument, { first: PAGE_SIZE, after, name, among: peopleWithContractAlert(cer.data.contractAlerts, cerAlert) } satisfies CaseloadQueryVariables)
      : Promise.resolve({ ok: false, message: `Le filtre « ${ALERT_LABELS[cerAlert]} » est momentanément indisponible : les alertes CER ne répondent pas. Choisissez un autre filtre.` });
  } else {
    caseload = loadPanel<CaseloadQuery>(fetch, 'file active', caseloadDocument, { first: PAGE_SIZE, after, alert: pathAlert, name } satisfies CaseloadQueryVariables);
  }
  const [cer, people] = await Promise.all([contractAlerts, caseload]);

  const cerBadges = cer.ok ? contractAlertsByPerson(cer.data.contractAlerts) : new Map<string, AlertBadge[]>();
  const list: Panel<ListPage> = people.ok
    ? {
        ...people,
        data: { rows: people.data.caseload.nodes.map((n) => row(n, cerBadges)), totalCount: people.data.caseload.totalCount, nextCursor: nextCursor(people.data.caseload.pageInfo) },
      }
    : people;
  const pathCounts = people.ok ? new Map(people.data.caseload.alertCounts.map((c) => [c.alert, c.people])) : new Map();
  const cerCounts = cer.ok ? contractAlertCounts(cer.data.contractAlerts) : null;
  const counts = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, isContractAlert(kind) ? (cerCounts?.[kind] ?? null) : (pathCounts.get(kind) ?? null)])) as AlertCounts;
  return {
    view: user.role === 'ADMIN' ? ('department' as const) : user.role === 'OPERATOR' ? ('operator' as const) : ('referent' as const),
    list,
    alert,
    name,
    alerts: ALERT_KINDS.map((kind) => ({ kind, label: ALERT_LABELS[kind] })),
    counts,
    contractAlertsMessage: cer.ok ? null : 'Les alertes CER (fin de contrat, renouvellement) sont momentanément indisponibles ; le reste de la file active est à jour.',
    after,
  };
};

function nextCursor(pageInfo: { endCursor: string | null; hasNextPage: boolean }): string | null {
  return pageInfo.hasNextPage ? pageInfo.endCursor : null;
}
