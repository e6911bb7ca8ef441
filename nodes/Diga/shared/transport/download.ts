import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { Wording } from './errors';
import { apiError } from './send';

/** A file fetched from a link Diga gave: its bytes and what the server said they are. */
export interface Downloaded {
	body: Buffer;
	/** The Content-Type without its parameters; undefined when absent. */
	mimeType?: string;
	/** The last path segment of the link that answered, e.g. `rec.mp3`. */
	name?: string;
}

const MAX_HOPS = 5;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** What a failed download says: `what` is the file (`recording`, `ZIP`), `problem` what its link did. */
export function downloadWording(what: string, problem: string, description: string): Wording {
	return { message: `The ${what} link ${problem}`, description };
}

/**
 * The link as a URL, refused unless it is https (or http on this machine, for test servers) and has no
 * user name or password: a recording is personal data, so it never travels in the clear.
 */
export function safeLink(link: unknown): URL | undefined {
	if (typeof link !== 'string') return undefined;
	let url: URL;
	try {
		url = new URL(link.trim());
	} catch {
		return undefined;
	}
	if (url.username || url.password) return undefined;
	if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname))) return url;
	return undefined;
}

const header = (headers: Record<string, unknown>, name: string): string | undefined => {
	const value = headers?.[name];
	return Array.isArray(value) ? String(value[0]) : typeof value === 'string' ? value : undefined;
};

function lastSegment(url: URL): string | undefined {
	const segment = url.pathname.split('/').pop() ?? '';
	try {
		return decodeURIComponent(segment) || undefined;
	} catch {
		return segment || undefined;
	}
}

/**
 * Downloads a file from a link Diga gave (a signed link, often on another host) without Diga's API key:
 * plain `httpRequest`, no credential. Redirects are followed by hand, at most five, each to a safe link.
 */
export async function download(ctx: IExecuteFunctions, link: unknown, what: string, timeoutMs: number): Promise<Downloaded> {
	const first = safeLink(link);
	if (!first) {
		throw apiError(ctx, downloadWording(what, 'Diga gave is not an https:// address, so it was not opened', 'Nothing was downloaded. If it happens again, tell Diga support.'));
	}
	let url: URL = first;
	for (let hop = 0; ; hop++) {
		const options: IHttpRequestOptions = {
			method: 'GET',
			url: url.href,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: timeoutMs,
		};
		const response = (await ctx.helpers.httpRequest(options)) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
		const status = response.statusCode;
		const host = url.host;
		if (status >= 300 && status < 400) {
			const location = header(response.headers, 'location');
			const next: URL | undefined = location ? safeLink(new URL(location, url).href) : undefined;
			if (!next || hop >= MAX_HOPS) {
				const problem = next ? `redirected more than ${MAX_HOPS} times` : 'redirected to an address that is not https://';
				throw apiError(ctx, downloadWording(what, `on ${host} ${problem}, so it was not followed`, 'Nothing was downloaded. Run the item again later; if it keeps failing, tell Diga support.'), status);
			}
			url = next;
			continue;
		}
		if (status < 200 || status >= 300) {
			throw apiError(ctx, downloadWording(what, `on ${host} answered ${status}`, 'The link may have expired or the file may not exist yet. Run the item again; Diga gives a fresh link each time.'), status);
		}
		const mimeType = header(response.headers, 'content-type')?.split(';')[0].trim().toLowerCase() || undefined;
		if (mimeType === 'text/html') {
			throw apiError(ctx, downloadWording(what, `on ${host} answered with a web page instead of a file`, 'Nothing was downloaded. A proxy or sign-in page may be in the way of this n8n.'), status);
		}
		return { body: Buffer.from(response.body as ArrayBuffer), mimeType, name: lastSegment(url) };
	}
}
