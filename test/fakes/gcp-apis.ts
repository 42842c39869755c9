/**
 * A fake of the Google Cloud APIs a GCP scan reads, over HTTPS with the test CA: the OAuth token
 * endpoint (JWT bearer grant, signature checked against the account's public key), Cloud Storage's
 * JSON API (buckets, bucket IAM), Resource Manager v3 (project IAM policy, projects and folders
 * under a parent), IAM v1 (service accounts, keys), Compute v1 (firewalls, networks, aggregated
 * subnetworks and instances, project), Cloud SQL Admin v1, Cloud KMS v1, Logging v2, Cloud DNS v1
 * (managed zones, policies) and BigQuery v2 (datasets list and get). It answers
 * in Google's JSON shapes from a world the test describes, pages every list `pageSize` items at a
 * time (pageToken = the next offset), and checks the bearer token and the account's projects.
 * The real client libraries reach it through STORAGE_EMULATOR_HOST and GCP_API_ENDPOINT.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { bearerOf, formOf, startFakeServer, type FakeAnswer, type FakeRequest, type FakeServer } from './https.js';

type Json = Record<string, unknown>;

export interface FakeKmsKey extends Json {
  name: string;
  iam?: { bindings: Json[] };
}

export interface FakeGcpProject {
  iamPolicy?: { bindings?: Json[]; auditConfigs?: Json[] };
  /** Bucket resources; `iam` is the bucket's IAM policy. */
  buckets?: Array<Json & { name: string; iam?: { bindings: Json[] } }>;
  /** Service accounts; `keys` are the account's keys (the fake filters USER_MANAGED when asked). */
  serviceAccounts?: Array<Json & { email: string; keys?: Json[] }>;
  firewalls?: Json[];
  networks?: Json[];
  /** Region → subnetworks. */
  subnetworks?: Record<string, Json[]>;
  /** Zone → instances. */
  instances?: Record<string, Json[]>;
  computeProject?: Json;
  sqlInstances?: Json[];
  /** Location id → key rings, each with its keys. */
  kms?: Record<string, Array<{ name: string; keys: FakeKmsKey[] }>>;
  sinks?: Json[];
  metrics?: Json[];
  /** Cloud DNS managed zones and server policies, in the API's shapes. */
  dnsZones?: Json[];
  dnsPolicies?: Json[];
  /** BigQuery datasets, each in the shape `datasets.get` answers (`datasetReference.datasetId`, `access`, ...). */
  datasets?: Array<Json & { datasetReference: { datasetId: string } }>;
}

export interface FakeGcpWorld {
  accounts: Array<{ email: string; publicKey: KeyObject; projects: string[] }>;
  projects: Record<string, FakeGcpProject>;
  /** `organizations/ID` or `folders/ID` → its direct children. */
  parents?: Record<string, { projects?: Json[]; folders?: Json[] }>;
  /** Items per page of every list. Default 2, so that every list of more than two pages. */
  pageSize?: number;
  /** Answer without a token (an emulator); default false. */
  anonymous?: boolean;
}

export interface FakeGcpApis extends FakeServer {
  tokenUri: string;
  world: FakeGcpWorld;
}

interface Route {
  name: string;
  project?: string;
  params: string[];
}

/** Route names are the API call (`compute.firewalls`, `sql.instances`, ...), for counting and injecting faults. */
function route(request: FakeRequest): Route | null {
  const { method } = request;
  const path = decodeURIComponent(request.url.pathname);
  const match = (re: RegExp) => re.exec(path);
  let m: RegExpExecArray | null;
  if (method === 'POST' && path === '/token') return { name: 'token', params: [] };
  if (method === 'GET' && (m = match(/^(?:\/storage\/v1)?\/b$/))) return { name: 'storage.buckets', project: request.url.searchParams.get('project') ?? '', params: [] };
  if (method === 'GET' && (m = match(/^(?:\/storage\/v1)?\/b\/([^/]+)\/iam$/))) return { name: 'storage.bucketIam', params: [m[1] ?? ''] };
  if (method === 'POST' && (m = match(/^\/v3\/projects\/([^/:]+):getIamPolicy$/))) return { name: 'resourcemanager.getIamPolicy', project: m[1], params: [] };
  if (method === 'GET' && path === '/v3/projects') return { name: 'resourcemanager.projects', params: [request.url.searchParams.get('parent') ?? ''] };
  if (method === 'GET' && path === '/v3/folders') return { name: 'resourcemanager.folders', params: [request.url.searchParams.get('parent') ?? ''] };
  if (method === 'GET' && (m = match(/^\/v1\/projects\/([^/]+)\/serviceAccounts$/))) return { name: 'iam.serviceAccounts', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/]+)\/keys$/))) return { name: 'iam.keys', project: m[1], params: [m[2] ?? ''] };
  if (method === 'GET' && (m = match(/^\/compute\/v1\/projects\/([^/]+)\/global\/firewalls$/))) return { name: 'compute.firewalls', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/compute\/v1\/projects\/([^/]+)\/global\/networks$/))) return { name: 'compute.networks', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/compute\/v1\/projects\/([^/]+)\/aggregated\/subnetworks$/))) return { name: 'compute.subnetworks', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/compute\/v1\/projects\/([^/]+)\/aggregated\/instances$/))) return { name: 'compute.instances', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/compute\/v1\/projects\/([^/]+)$/))) return { name: 'compute.project', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/v1\/projects\/([^/]+)\/instances$/))) return { name: 'sql.instances', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/v1\/projects\/([^/]+)\/locations$/))) return { name: 'kms.locations', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/keyRings$/))) return { name: 'kms.keyRings', project: m[1], params: [m[2] ?? ''] };
  if (method === 'GET' && (m = match(/^\/v1\/(projects\/([^/]+)\/locations\/[^/]+\/keyRings\/[^/]+)\/cryptoKeys$/))) return { name: 'kms.cryptoKeys', project: m[2], params: [m[1] ?? ''] };
  if (method === 'GET' && (m = match(/^\/v1\/(projects\/([^/]+)\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/:]+):getIamPolicy$/))) return { name: 'kms.getIamPolicy', project: m[2], params: [m[1] ?? ''] };
  if (method === 'GET' && (m = match(/^\/dns\/v1\/projects\/([^/]+)\/managedZones$/))) return { name: 'dns.managedZones', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/dns\/v1\/projects\/([^/]+)\/policies$/))) return { name: 'dns.policies', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/bigquery\/v2\/projects\/([^/]+)\/datasets$/))) return { name: 'bigquery.datasets', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/bigquery\/v2\/projects\/([^/]+)\/datasets\/([^/]+)$/))) return { name: 'bigquery.dataset', project: m[1], params: [m[2] ?? ''] };
  if (method === 'GET' && (m = match(/^\/v2\/projects\/([^/]+)\/sinks$/))) return { name: 'logging.sinks', project: m[1], params: [] };
  if (method === 'GET' && (m = match(/^\/v2\/projects\/([^/]+)\/metrics$/))) return { name: 'logging.metrics', project: m[1], params: [] };
  return null;
}

function googleError(status: number, reason: string, message: string): FakeAnswer {
  const statusName = status === 403 ? 'PERMISSION_DENIED' : status === 404 ? 'NOT_FOUND' : status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAUTHENTICATED';
  return { status, body: { error: { code: status, message, status: statusName, errors: [{ message, domain: 'global', reason }] } } };
}

/** A page of `items` under `key`, from offset `pageToken`. */
function paged(request: FakeRequest, items: readonly unknown[], key: string, pageSize: number, extra: Json = {}): FakeAnswer {
  const start = Number(request.url.searchParams.get('pageToken') ?? '0') || 0;
  const page = items.slice(start, start + pageSize);
  const next = start + pageSize < items.length ? String(start + pageSize) : undefined;
  return { status: 200, body: { ...extra, [key]: page, ...(next ? { nextPageToken: next } : {}) } };
}

/** Aggregated lists page over scopes: each page carries `pageSize` scopes. */
function aggregated(request: FakeRequest, scopes: Record<string, Json[]>, kind: string, pageSize: number): FakeAnswer {
  const entries = Object.entries(scopes);
  const start = Number(request.url.searchParams.get('pageToken') ?? '0') || 0;
  const items = Object.fromEntries(entries.slice(start, start + pageSize).map(([scope, list]) => [scope, { [kind]: list }]));
  const next = start + pageSize < entries.length ? String(start + pageSize) : undefined;
  return { status: 200, body: { items, ...(next ? { nextPageToken: next } : {}) } };
}

export async function startFakeGcpApis(world: FakeGcpWorld): Promise<FakeGcpApis> {
  const tokens = new Map<string, FakeGcpWorld['accounts'][number]>();
  const pageSize = () => world.pageSize ?? 2;
  let routes = new WeakMap<FakeRequest, Route>();
  const server = await startFakeServer({
    tls: true,
    route: (request) => {
      const found = route(request);
      if (found) routes.set(request, found);
      return found?.name ?? null;
    },
    answer: async (name, request, base) => {
      if (name === 'token') {
        const form = formOf(request.body);
        let issuer: string | undefined;
        try {
          issuer = decodeJwt(form.assertion ?? '').iss;
        } catch {
          return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT.' } };
        }
        const account = world.accounts.find((a) => a.email === issuer);
        if (!account) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid grant: account not found' } };
        try {
          await jwtVerify(form.assertion ?? '', account.publicKey, { audience: `${base}/token`, algorithms: ['RS256'] });
        } catch {
          return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
        }
        const token = `ya29.fake-${randomBytes(16).toString('hex')}`;
        tokens.set(token, account);
        return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
      }
      const r = routes.get(request) as Route;
      const account = tokens.get(bearerOf(request) ?? '');
      if (!account && !world.anonymous) return googleError(401, 'authError', 'Request had invalid authentication credentials.');
      const visible = (project: string) => world.anonymous || (account?.projects.includes(project) ?? false);
      const p = r.project === undefined ? undefined : world.projects[r.project];
      if (r.project !== undefined && (!p || !visible(r.project))) {
        return googleError(403, 'forbidden', `The caller does not have permission on project ${r.project} (or it may not exist).`);
      }
      const size = pageSize();
      const project = p ?? {};
      switch (name) {
        case 'storage.buckets':
          return paged(request, (project.buckets ?? []).map(({ iam: _iam, ...bucket }) => ({ kind: 'storage#bucket', id: bucket.name, ...bucket })), 'items', Math.min(size, Number(request.url.searchParams.get('maxResults') ?? size)), { kind: 'storage#buckets' });
        case 'storage.bucketIam': {
          const bucketName = r.params[0] ?? '';
          const owner = Object.entries(world.projects).find(([, proj]) => proj.buckets?.some((b) => b.name === bucketName));
          if (!owner || !visible(owner[0])) return googleError(404, 'notFound', 'The specified bucket does not exist.');
          const bucket = owner[1].buckets?.find((b) => b.name === bucketName);
          return { status: 200, body: { kind: 'storage#policy', resourceId: `projects/_/buckets/${bucketName}`, version: 3, bindings: bucket?.iam?.bindings ?? [], etag: 'CAE=' } };
        }
        case 'resourcemanager.getIamPolicy':
          return { status: 200, body: { version: 3, etag: 'BwX=', bindings: project.iamPolicy?.bindings ?? [], ...(project.iamPolicy?.auditConfigs ? { auditConfigs: project.iamPolicy.auditConfigs } : {}) } };
        case 'resourcemanager.projects':
          return paged(request, world.parents?.[r.params[0] ?? '']?.projects ?? [], 'projects', size);
        case 'resourcemanager.folders':
          return paged(request, world.parents?.[r.params[0] ?? '']?.folders ?? [], 'folders', size);
        case 'iam.serviceAccounts':
          return paged(
            request,
            (project.serviceAccounts ?? []).map(({ keys: _keys, ...sa }) => ({ name: `projects/${r.project}/serviceAccounts/${sa.email}`, projectId: r.project, ...sa })),
            'accounts',
            size,
          );
        case 'iam.keys': {
          const account = (project.serviceAccounts ?? []).find((sa) => sa.email === r.params[0]);
          if (!account) return googleError(404, 'notFound', `Service account ${r.params[0]} does not exist.`);
          const types = request.url.searchParams.getAll('keyTypes');
          const keys = (account.keys ?? []).filter((key) => types.length === 0 || types.includes(typeof key.keyType === 'string' ? key.keyType : 'USER_MANAGED'));
          return { status: 200, body: { keys } };
        }
        case 'compute.firewalls':
          return paged(request, project.firewalls ?? [], 'items', size, { kind: 'compute#firewallList' });
        case 'compute.networks':
          return paged(request, project.networks ?? [], 'items', size, { kind: 'compute#networkList' });
        case 'compute.subnetworks':
          return aggregated(request, Object.fromEntries(Object.entries(project.subnetworks ?? {}).map(([region, list]) => [`regions/${region}`, list])), 'subnetworks', size);
        case 'compute.instances':
          return aggregated(request, Object.fromEntries(Object.entries(project.instances ?? {}).map(([zone, list]) => [`zones/${zone}`, list])), 'instances', size);
        case 'compute.project':
          return { status: 200, body: { kind: 'compute#project', name: r.project, ...(project.computeProject ?? {}) } };
        case 'sql.instances':
          return paged(request, project.sqlInstances ?? [], 'items', size);
        case 'kms.locations':
          return paged(request, Object.keys(project.kms ?? {}).map((id) => ({ name: `projects/${r.project}/locations/${id}`, locationId: id })), 'locations', size);
        case 'kms.keyRings':
          return paged(request, (project.kms?.[r.params[0] ?? ''] ?? []).map((ring) => ({ name: ring.name })), 'keyRings', size);
        case 'kms.cryptoKeys': {
          const ring = Object.values(project.kms ?? {}).flat().find((candidate) => candidate.name === r.params[0]);
          return paged(request, (ring?.keys ?? []).map(({ iam: _iam, ...key }) => key), 'cryptoKeys', size);
        }
        case 'kms.getIamPolicy': {
          const key = Object.values(project.kms ?? {}).flat().flatMap((ring) => ring.keys).find((candidate) => candidate.name === r.params[0]);
          if (!key) return googleError(404, 'notFound', `${r.params[0]} not found.`);
          return { status: 200, body: { version: 1, etag: 'BwX=', bindings: key.iam?.bindings ?? [] } };
        }
        case 'dns.managedZones':
          return paged(request, (project.dnsZones ?? []).map((zone) => ({ kind: 'dns#managedZone', ...zone })), 'managedZones', size, { kind: 'dns#managedZonesListResponse' });
        case 'dns.policies':
          return paged(request, (project.dnsPolicies ?? []).map((policy) => ({ kind: 'dns#policy', ...policy })), 'policies', size, { kind: 'dns#policiesListResponse' });
        case 'bigquery.datasets':
          // The list carries the reference, location and labels only; access and encryption come from datasets.get.
          return paged(
            request,
            (project.datasets ?? []).map((d) => ({ kind: 'bigquery#dataset', id: `${r.project}:${d.datasetReference.datasetId}`, datasetReference: { ...d.datasetReference, projectId: r.project }, location: d.location, labels: d.labels })),
            'datasets',
            size,
            { kind: 'bigquery#datasetList' },
          );
        case 'bigquery.dataset': {
          const found = (project.datasets ?? []).find((d) => d.datasetReference.datasetId === r.params[0]);
          if (!found) return googleError(404, 'notFound', `Not found: Dataset ${r.project}:${r.params[0]}`);
          return { status: 200, body: { kind: 'bigquery#dataset', id: `${r.project}:${r.params[0]}`, ...found, datasetReference: { ...found.datasetReference, projectId: r.project } } };
        }
        case 'logging.sinks':
          return paged(request, project.sinks ?? [], 'sinks', size);
        case 'logging.metrics':
          return paged(request, project.metrics ?? [], 'metrics', size);
        default:
          return { status: 404, body: { error: { code: 404, message: `no route ${name}` } } };
      }
    },
  });
  const close = server.close.bind(server);
  return Object.assign(server, {
    tokenUri: `${server.url}/token`,
    world,
    close: async () => {
      routes = new WeakMap();
      await close();
    },
  });
}
