import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Wording } from './errors';
import { apiError } from './send';

/** A file fetched from a link Diga gave: its bytes (a stream) and what the server said they are. */
export interface Downloaded {
	body: FileStream;
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

/** A file's bytes as n8n's binary helpers take them without holding the whole file: a stream. */
export type FileStream = Exclude<Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0], Buffer>;

/** What bounds a download: all of it, not only the wait for its first byte. */
export interface DownloadLimits {
	timeoutMs: number;
	maxBytes: number;
	/** Whether the file's first bytes are what the caller expects (a ZIP's signature); checked as they arrive. */
	expect?: (head: Buffer) => boolean;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

export function tooLargeWording(what: string, host: string, size: string, maxBytes: number): Wording {
	return downloadWording(
		what,
		`on ${host} holds a file of ${size}, more than the ${megabytes(maxBytes)} the Max File Size option allows, so it was not kept`,
		'Raise Max File Size (MB) in the Options if this n8n has room for it; nothing was stored.',
	);
}

/**
 * Downloads a file from a link Diga gave (a signed link, often on another host) without Diga's API key:
 * plain `httpRequest`, no credential. Redirects are followed by hand, at most five, each to a safe link.
 * `keep` receives the file as a stream (hand it to `prepareBinaryData`); the whole download, `keep`
 * included, ends within `timeoutMs`, and a file larger than `maxBytes` is refused before it is read
 * when its size is announced, or as soon as it grows past it.
 */
export async function download<T>(ctx: IExecuteFunctions, link: unknown, what: string, limits: DownloadLimits, keep: (file: Downloaded) => Promise<T>): Promise<T> {
	const first = safeLink(link);
	if (!first) {
		throw apiError(ctx, downloadWording(what, 'Diga gave is not an https:// address, so it was not opened', 'Nothing was downloaded. If it happens again, tell Diga support.'));
	}
	const abort = new AbortController();
	const finished = new AbortController();
	let open: FileStream | undefined;
	let timedOut = false;
	// No timers in node code: n8n's own sleep, ended early when the download is over.
	void sleep(limits.timeoutMs, finished.signal).then(
		() => {
			timedOut = true;
			abort.abort();
			open?.destroy();
		},
		() => undefined,
	);
	const fetchAndKeep = async (): Promise<T> => {
		let url: URL = first;
		for (let hop = 0; ; hop++) {
			const options: IHttpRequestOptions = {
				method: 'GET',
				url: url.href,
				encoding: 'stream',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: limits.timeoutMs,
				abortSignal: abort.signal,
			};
			const response = (await ctx.helpers.httpRequest(options)) as { statusCode: number; headers: Record<string, unknown>; body: FileStream };
			open = response.body;
			const status = response.statusCode;
			const host = url.host;
			const refuse = (wording: Wording) => {
				response.body.destroy();
				return apiError(ctx, wording, status);
			};
			if (status >= 300 && status < 400) {
				response.body.destroy();
				const location = header(response.headers, 'location');
				const next: URL | undefined = location ? safeLink(new URL(location, url).href) : undefined;
				if (!next || hop >= MAX_HOPS) {
					const problem = next ? `redirected more than ${MAX_HOPS} times` : 'redirected to an address that is not https://';
					throw refuse(downloadWording(what, `on ${host} ${problem}, so it was not followed`, 'Nothing was downloaded. Run the item again later; if it keeps failing, tell Diga support.'));
				}
				url = next;
				continue;
			}
			if (status < 200 || status >= 300) {
				throw refuse(downloadWording(what, `on ${host} answered ${status}`, 'The link may have expired or the file may not exist yet. Run the item again; Diga gives a fresh link each time.'));
			}
			const mimeType = header(response.headers, 'content-type')?.split(';')[0].trim().toLowerCase() || undefined;
			if (mimeType === 'text/html') {
				throw refuse(downloadWording(what, `on ${host} answered with a web page instead of a file`, 'Nothing was downloaded. A proxy or sign-in page may be in the way of this n8n.'));
			}
			const announced = Number(header(response.headers, 'content-length'));
			if (Number.isFinite(announced) && announced > limits.maxBytes) throw refuse(tooLargeWording(what, host, megabytes(announced), limits.maxBytes));
			let received = 0;
			// Counted as n8n reads it: the stream stays a stream, and stops once it grows past the limit.
			const counted = response.body.map((chunk: Buffer) => {
				if (received === 0 && limits.expect && !limits.expect(chunk)) {
					throw apiError(ctx, downloadWording(what, `on ${host} did not give the file Diga said it would`, 'Nothing was stored. Run the item again; if it keeps happening, tell Diga support.'));
				}
				received += chunk.length;
				if (received > limits.maxBytes) throw apiError(ctx, tooLargeWording(what, host, `more than ${megabytes(limits.maxBytes)}`, limits.maxBytes));
				return chunk;
			});
			return await keep({ body: counted, mimeType, name: lastSegment(url) });
		}
	};
	return await fetchAndKeep()
		.catch((error: unknown) => {
			if (!timedOut) throw error;
			throw apiError(ctx, downloadWording(what, `did not finish within the Timeout of ${limits.timeoutMs} ms`, 'Nothing was stored. Raise the Timeout option for large files or slow storage hosts, or run the item again later.'));
		})
		.finally(() => finished.abort());
}
