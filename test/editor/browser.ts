/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/** What the editor test needs around the browser: Chromium, and the fake Diga's answers checked by Prism. */
import { execFileSync } from 'node:child_process';

import type { Prism, Violation } from '../support/prism';
import type { RealisticDiga } from '../support/realistic-diga';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** CHROMIUM_PATH, or the first Chromium or Chrome on PATH. */
export function findChromium(): string | undefined {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
		try {
			return execFileSync('which', [name], { encoding: 'utf8' }).trim();
		} catch {
			// not on PATH
		}
	}
	return undefined;
}

/** One request the fake answered: its route, the fake's status, and Prism's verdict on the same request. */
export interface Checked {
	route: string;
	status: number;
	/** Prism's status for the same request, or why Prism could not be asked. */
	prism: number | string;
	violations: Violation[];
}

/**
 * The fake answers; Prism checks. Each request the fake receives is first sent to Prism as it came, and
 * Prism's verdict (status, `sl-violations` header) is kept; the fake's own answer goes back to n8n.
 * Returns the list it fills, to prove the fake knew every request and Prism accepted each.
 */
export function checkedByPrism(diga: RealisticDiga, prism: Pick<Prism, 'url'>): Checked[] {
	const answered: Checked[] = [];
	const answer = diga.handler;
	diga.handler = async (request, seen) => {
		const query = request.query.size ? `?${request.query}` : '';
		const verdict = await fetch(`${prism.url}${request.path}${query}`, {
			method: request.method,
			headers: {
				...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
				...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: request.body === undefined ? undefined : JSON.stringify(request.body),
		}).then(
			async (response) => {
				await response.arrayBuffer();
				const header = response.headers.get('sl-violations');
				return { prism: response.status, violations: header ? (JSON.parse(header) as Violation[]) : [] };
			},
			(error: Error) => ({ prism: `Prism unreachable: ${error.message}`, violations: [] }),
		);
		const reply = await answer(request, seen);
		answered.push({ route: `${request.method} ${request.path}`, status: reply.status ?? 200, ...verdict });
		return reply;
	};
	return answered;
}
