/**
 * A Diga project that looks lived in, for the editor's screenshots (test/editor/editor.editor.ts): Spanish
 * numbers with nicknames, agents with published and draft versions, calls with contacts and dates.
 * Built on the hand-written fake; it answers what the editor and the import-and-assign example ask
 * (phones: list, get, import, update; the agent picker; calls: list, get), with Diga's error shapes,
 * and refuses any other key or route. Prism checks the contract: the editor test sends it each request too.
 */
import { createHash } from 'node:crypto';

import { phoneRegister, startFakeDiga, type FakeDiga, type FakeReply, type FakeRequest } from './fake-diga';

type Json = { [key: string]: unknown };

const RECEPTION = 'b3c1e2d4-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const SALES = 'c4d2f3e5-7a8b-4c9d-8e1f-2a3b4c5d6e7f';
const REMINDERS = 'd5e3a4f6-8b9c-4dae-9f2a-3b4c5d6e7f80';

/** As `GET /v1/agent/versions-dropdown/dashboard` answers; the picker lists them in this order. */
export const AGENTS = [
	{
		agent_id: RECEPTION,
		name: 'Reception',
		versions: [
			// The version the import-and-assign example picks ("Reception · v3 · published").
			{ version_id: '0f8fad5b-d9cb-469f-a165-70867728950e', version_name: null, version_number: 3, is_published: true, is_draft: false },
			{ version_id: '1a7e3c52-9b4d-4f6e-8a2c-5d9e0b1f3a47', version_name: 'Summer hours', version_number: 4, is_published: false, is_draft: true },
		],
	},
	{
		agent_id: SALES,
		name: 'Sales follow-up',
		versions: [
			{ version_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', version_name: null, version_number: 2, is_published: true, is_draft: false },
			{ version_id: '2b8f4d63-0c5e-4a7f-9b3d-6e0f1c2a4b58', version_name: 'Shorter greeting', version_number: 1, is_published: false, is_draft: false },
		],
	},
	{
		agent_id: REMINDERS,
		name: 'Appointment reminders',
		versions: [{ version_id: '3c9a5e74-1d6f-4b8a-8c4e-7f1a2d3b5c69', version_name: null, version_number: 1, is_published: true, is_draft: false }],
	},
];

const MADRID = 'e6f4b5a7-9cad-4ebf-8a3b-4c5d6e7f8091';
const BARCELONA = 'f7a5c6b8-adbe-4fc0-9b4c-5d6e7f8091a2';

/** As `GET /v1/phone/` answers, newest first. */
export const PHONES: Json[] = [
	phoneRegister(MADRID, {
		number: '+34911234567',
		nickname: 'Madrid front desk',
		assigned_at: '2026-09-14T08:30:12Z',
		inbound_agent_id: RECEPTION,
		sip_config: { termination_uri: 'madrid.pstn.example.net', username: 'diga-madrid', inbound_media_encryption: 'allow', outbound_media_encryption: 'allow', allowed_addresses: ['203.0.113.10'] },
	}),
	phoneRegister(BARCELONA, {
		number: '+34931234567',
		nickname: 'Barcelona sales',
		assigned_at: '2026-09-02T10:04:51Z',
		inbound_agent_id: SALES,
		outbound_agent_id: SALES,
	}),
	phoneRegister('a8b6d7c9-becf-4ad1-8c5d-6e7f8091a2b3', {
		number: '+34955123456',
		nickname: 'Sevilla support',
		assigned_at: '2026-08-21T15:47:03Z',
		inbound_agent_id: RECEPTION,
	}),
	phoneRegister('b9c7e8da-cfd0-4be2-9d6e-7f8091a2b3c4', {
		number: '+34963456789',
		nickname: 'Valencia bookings',
		telephony_provider: 'netelip',
		assigned_at: '2026-07-30T09:12:40Z',
		outbound_agent_id: REMINDERS,
	}),
	phoneRegister('cad8f9eb-d0e1-4cf3-8e7f-8091a2b3c4d5', {
		number: '+34600123456',
		nickname: 'Old marketing line',
		status: 'released',
		assigned_at: '2026-03-03T11:00:00Z',
		released_at: '2026-06-30T22:00:00Z',
	}),
];

function call(id: string, type: 'inbound' | 'outbound', contact: string, phone: string, agent: string, start: string, seconds: number, end: string): Json {
	const versions = AGENTS.find((a) => a.agent_id === agent)?.versions ?? [];
	const started = new Date(start);
	return {
		id,
		agent_id: agent,
		agent_version_id: (versions.find((v) => v.is_published) ?? versions[0])?.version_id ?? null,
		status: 'completed',
		recording_url: null,
		start_time: start,
		end_time: new Date(started.getTime() + seconds * 1000).toISOString().replace('.000', ''),
		duration: seconds,
		type,
		end_reason: end,
		contact: { id: `c0a7c7ee${id.slice(8)}`, created_date: '2026-08-01T09:00:00Z', identifier: contact, contact_type: 'call' },
		phone_register_id: phone,
		dynamic_variables: null,
		created_date: new Date(started.getTime() - 4000).toISOString().replace('.000', ''),
	};
}

/** As `GET /v1/call/` answers, newest first. */
export const CALLS: Json[] = [
	call('0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', 'inbound', '+34612345678', MADRID, RECEPTION, '2026-10-06T09:41:07Z', 154, 'user_hangup'),
	call('1e2f3a4b-5c6d-4e7f-9081-92a3b4c5d6e7', 'outbound', '+34698765432', BARCELONA, SALES, '2026-10-06T09:15:22Z', 312, 'agent_hangup'),
	call('2f3a4b5c-6d7e-4f80-8192-a3b4c5d6e7f8', 'inbound', '+34917654321', MADRID, RECEPTION, '2026-10-05T17:58:40Z', 47, 'user_hangup'),
	call('3a4b5c6d-7e8f-4091-92a3-b4c5d6e7f809', 'outbound', '+34655443322', BARCELONA, SALES, '2026-10-05T12:03:10Z', 0, 'no_answer'),
];

const error = (status: number, error_code: string, message: string): FakeReply => ({ status, body: { status: 'error', error_code, message } });

function page(records: Json[], query: URLSearchParams, filters: [string, string][] = []): FakeReply {
	let rows = records.filter((r) => filters.every(([param, field]) => !query.has(param) || r[field] === query.get(param)));
	const after = query.get('after');
	if (after) rows = rows.slice(rows.findIndex((r) => r.id === after) + 1);
	const limit = Number(query.get('limit') ?? 100);
	const data = rows.slice(0, limit);
	return { body: { data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: rows.length > limit } };
}

/** The same ID for the same number on every run, so the screenshots only change when the editor does. */
function idFor(number: string): string {
	const hex = createHash('sha256').update(number).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function versionOwner(versionId: unknown): string | null | undefined {
	if (versionId === null) return null;
	return AGENTS.find((a) => a.versions.some((v) => v.version_id === versionId))?.agent_id;
}

export interface RealisticDiga extends FakeDiga {
	/** The phones as they are now: PHONES, plus what Import added, with Update's changes. */
	phones: Json[];
}

/** Starts the fake on a free loopback port; only `Bearer <apiKey>` is let in. */
export async function startRealisticDiga(apiKey: string): Promise<RealisticDiga> {
	// A JSON copy, not structuredClone: under Jest, structuredClone's arrays come from another realm, which
	// node:assert's deepStrictEqual tells apart from the test's own.
	const phones = JSON.parse(JSON.stringify(PHONES)) as Json[];
	const answer = (request: FakeRequest): FakeReply => {
		if (request.headers.authorization !== `Bearer ${apiKey}`) return error(401, 'INVALID_API_KEY', 'Invalid API key');
		const route = `${request.method} ${request.path.replace(/\/[0-9a-f-]{36}(?=\/|$)/, '/{id}')}`;
		const id = request.path.match(/\/([0-9a-f-]{36})(?:\/|$)/)?.[1];
		const body = (request.body ?? {}) as Json;
		const phone = phones.find((p) => p.id === id);
		switch (route) {
			case 'GET /v1/phone/':
				return page(phones, request.query, [
					['status', 'status'],
					['inbound_agent_id', 'inbound_agent_id'],
					['outbound_agent_id', 'outbound_agent_id'],
				]);
			case 'GET /v1/phone/{id}':
				return phone ? { body: phone } : error(404, 'PHONE_NUMBER_NOT_FOUND', 'Phone number not found');
			case 'POST /v1/phone/import': {
				if (phones.some((p) => p.number === body.phone_number && p.status !== 'released')) {
					return error(409, 'PHONE_NUMBER_ALREADY_EXISTS', 'This phone number is already in the project');
				}
				const imported = phoneRegister(idFor(String(body.phone_number)), {
					number: body.phone_number,
					nickname: body.nickname ?? null,
					assigned_at: new Date().toISOString(),
				});
				phones.unshift(imported);
				return { body: imported };
			}
			case 'PATCH /v1/phone/{id}': {
				if (!phone) return error(404, 'PHONE_NUMBER_NOT_FOUND', 'Phone number not found');
				for (const side of ['inbound', 'outbound']) {
					const versionId = body[`${side}_version_id`];
					if (versionId === undefined) continue;
					const agent = versionOwner(versionId);
					if (agent === undefined) return error(404, 'AGENT_VERSION_NOT_FOUND', 'Agent version not found');
					phone[`${side}_agent_id`] = agent;
				}
				if (typeof body.nickname === 'string') phone.nickname = body.nickname;
				return { body: phone };
			}
			case 'PATCH /v1/phone/{id}/sip-config':
				// Diga keeps the trunk and never returns its password; the phone is the answer.
				return phone ? { body: phone } : error(404, 'PHONE_NUMBER_NOT_FOUND', 'Phone number not found');
			case 'GET /v1/agent/versions-dropdown/dashboard':
				return { body: AGENTS };
			case 'GET /v1/call/':
				return page(CALLS, request.query, [
					['status', 'status'],
					['type', 'type'],
				]);
			case 'GET /v1/call/{id}': {
				const found = CALLS.find((c) => c.id === id);
				return found ? { body: found } : error(404, 'CALL_NOT_FOUND', 'Call not found');
			}
			default:
				return { status: 404, body: { detail: 'Not Found' } };
		}
	};
	const fake = await startFakeDiga(answer);
	return Object.assign(fake, { phones });
}
